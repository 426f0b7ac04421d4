//! Real files that read wrong (issue #30, item 5), each as the smallest input that shows
//! its fault: the FIT files written by Garmin's FIT SDK for JavaScript
//! (scripts/make_fit_fixtures.mjs, which states how each was built and what it must read,
//! and records in tests/fixtures/activity/expected.json what Garmin's Decoder reads back),
//! the GPX files written here, with the values worked out by hand beside them.

use recovery_run::activity::{self, ActivityFile, ActivitySummary};
use recovery_run::report::import_files;
use recovery_run::store::data::Data;
use serde_json::Value;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/activity/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// What Garmin's Decoder read from `name`, and the script's expected values.
fn garmin(name: &str) -> Value {
    let all: Value = serde_json::from_slice(&fixture("expected.json")).unwrap();
    all[name].clone()
}

fn utc(_: i64) -> i32 {
    0
}

fn read_bytes(name: &str, bytes: &[u8]) -> ActivityFile {
    activity::read(name, bytes, &utc).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn one(file: &ActivityFile) -> &ActivitySummary {
    assert_eq!(file.activities.len(), 1, "one activity");
    &file.activities[0]
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

#[test]
fn records_after_the_last_lap_count() {
    // A Suunto 9 export whose last lap message is missing, and which has no session message:
    // its laps cover 4 035 s of a 4 812 s recording. Built (make_fit_fixtures.mjs, 7–8): laps
    // of 4 035 s and 12 105 m at 150 bpm; after them 657 s more at 160 bpm and 3 m/s, with a
    // 120 s pause. By hand: timer 4 035 + 465 + 192 = 4 692 s, elapsed 4 812 s, distance
    // 3 × 4 692 = 14 076 m, average HR (4 035 × 150 + 657 × 160) / 4 692 = 151.40 bpm.
    // With timer events the time after the last lap is the timer's; without them, the
    // records' own (the 120 s gap without movement is a pause): the same by hand.
    for name in [
        "laps_end_before_records.fit",
        "laps_end_before_records_no_events.fit",
    ] {
        let g = garmin(name);
        assert_eq!(g["session"], Value::Null, "{name}: no session message");
        assert_eq!(g["laps_timer_s"].as_f64(), Some(4035.0));
        assert_eq!(g["laps_distance_m"].as_f64(), Some(12_105.0));
        let file = read_bytes(name, &fixture(name));
        let a = one(&file);
        assert_eq!(
            (u64::from(a.moving.get()), u64::from(a.elapsed.get())),
            (
                g["expected_timer_s"].as_u64().unwrap(),
                g["expected_elapsed_s"].as_u64().unwrap()
            ),
            "{name}: timer and elapsed time"
        );
        assert_eq!(a.moving.get(), 4692);
        let d = a.distance.unwrap().get();
        assert!(
            close(d, g["expected_distance_m"].as_f64().unwrap(), 0.5),
            "{name}: {d} m"
        );
        assert_eq!(
            a.avg_hr.map(|b| f64::from(b.get())),
            Some(g["expected_avg_hr"].as_f64().unwrap().round()),
            "{name}"
        );
        assert_eq!(a.max_hr.map(|b| b.get()), Some(160));
        assert!(
            file.notes.iter().any(|n| n.contains("after the last lap")),
            "{name}: {:?}",
            file.notes
        );
    }
}

#[test]
fn a_session_message_stays_the_truth() {
    // The same rule leaves a file with a session alone: ride_power_hr.fit's records end
    // with its one lap and session (3 600 s both), and its duration is the session's.
    let file = read_bytes("ride_power_hr.fit", &fixture("ride_power_hr.fit"));
    assert_eq!(one(&file).moving.get(), 3600);
    assert!(file.notes.is_empty(), "{:?}", file.notes);
}

#[test]
fn without_session_or_laps_the_timer_events_give_the_duration() {
    // A file whose summary was never written: records and timer events only. Built
    // (make_fit_fixtures.mjs, 9): 1 800 s with the timer running, 60 s of it standing at a
    // light (records going on, the distance not), the timer stopped 300 s, 600 s more. By
    // hand: timer 1 800 + 600 = 2 400 s (Garmin's Decoder reads the four events); moving
    // time 2 340 s; elapsed 2 700 s; distance 7 020 m.
    let g = garmin("no_session_no_laps.fit");
    assert_eq!(
        (g["session"].clone(), g["laps"].as_u64()),
        (Value::Null, Some(0))
    );
    assert_eq!(g["timer_events"].as_array().map(Vec::len), Some(4));
    let file = read_bytes("x.fit", &fixture("no_session_no_laps.fit"));
    let a = one(&file);
    assert_eq!(
        u64::from(a.moving.get()),
        g["expected_timer_s"].as_u64().unwrap(),
        "the timer's time, not the moving time ({})",
        g["expected_moving_s"]
    );
    assert_eq!(a.elapsed.get(), 2700);
    assert_eq!(a.distance.map(|d| d.get()), Some(7020.0));
    assert!(a.from_device.iter().any(|f| f == "moving time"));
    // A file cut before its laps, with only the timer's start: the timer runs to the last
    // record, 1 802 s (Garmin's Decoder: records from 1 772 870 400 to 1 772 872 202).
    let cut = read_bytes("truncated.fit", &fixture("truncated.fit"));
    assert_eq!(one(&cut).moving.get(), 1802);
}

/// A GPX run due north at 0.0001° of latitude (11.119 m) every 5 s, 2026-05-20 from 07:00
/// UTC: `segments` are lists of (seconds from the start, steps of 0.0001° from the first
/// point), each its own `<trkseg>`.
fn gpx(segments: &[Vec<(i64, i64)>]) -> String {
    let start = 1_779_260_400; // 2026-05-20T07:00:00Z
    let mut body = String::new();
    for seg in segments {
        body.push_str("<trkseg>");
        for &(t, step) in seg {
            let time = chrono::DateTime::from_timestamp(start + t, 0)
                .unwrap()
                .format("%Y-%m-%dT%H:%M:%SZ");
            body.push_str(&format!(
                r#"<trkpt lat="{:.4}" lon="7.0000"><time>{time}</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>150</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>"#,
                46.0 + 0.0001 * step as f64
            ));
        }
        body.push_str("</trkseg>");
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"><trk><name>Run</name><type>running</type>{body}</trk></gpx>"#
    )
}

/// One degree of latitude on the haversine's sphere (6 371 km): 111 194.93 m.
const DEGREE_M: f64 = 111_194.926_6;

#[test]
fn a_new_track_segment_adds_no_distance_from_the_last_one() {
    // Two segments of 300 s and 60 steps each; the second starts 600 s after the first ends
    // and 200 steps (2 224 m) farther north, 3.7 m/s across the gap, a speed a runner can
    // go, so no spike filter drops it. By hand: 120 steps × 11.119 m = 1 334.3 m; moving
    // 300 + 300 = 600 s (the gap is a pause); elapsed 300 + 600 + 300 = 1 200 s. Before:
    // 1 334.3 + 2 224 = 3 558 m and 1 200 s moving, the gap bridged as a run.
    let first: Vec<(i64, i64)> = (0..=60).map(|i| (5 * i, i)).collect();
    let second: Vec<(i64, i64)> = (0..=60).map(|i| (900 + 5 * i, 260 + i)).collect();
    let text = gpx(&[first, second]);
    let file = read_bytes("segments.gpx", text.as_bytes());
    let a = one(&file);
    let d = a.distance.unwrap().get();
    assert!(close(d, 120.0 * 0.0001 * DEGREE_M, 0.05), "{d} m");
    assert_eq!((a.moving.get(), a.elapsed.get()), (600, 1200));
    // One segment is as before: 60 steps, 300 s.
    let single = gpx(&[(0..=60).map(|i| (5 * i, i)).collect()]);
    let b = one(&read_bytes("one.gpx", single.as_bytes())).clone();
    assert!(close(
        b.distance.unwrap().get(),
        60.0 * 0.0001 * DEGREE_M,
        0.05
    ));
    assert_eq!(b.moving.get(), 300);
}

#[test]
fn a_clock_jumping_days_forward_keeps_what_came_before() {
    // The clock jumps 20 days forward after 475 s: 96 points 5 s apart (0–475 s, 95 steps),
    // then 120 more points 5 s apart going on from there, 20 days later. By hand: the
    // 475 s before the jump, 95 × 11.119 m = 1 056.35 m; the rest left out, and said.
    // Before: nothing imported ("spans more than 48 hours").
    let jump = 20 * 86_400;
    let before: Vec<(i64, i64)> = (0..=95).map(|i| (5 * i, i)).collect();
    let after: Vec<(i64, i64)> = (96..216).map(|i| (jump + 5 * i, i)).collect();
    let text = gpx(&[before.into_iter().chain(after).collect()]);
    let file = read_bytes("jump.gpx", text.as_bytes());
    let a = one(&file);
    assert_eq!((a.moving.get(), a.elapsed.get()), (475, 475));
    let d = a.distance.unwrap().get();
    assert!(close(d, 95.0 * 0.0001 * DEGREE_M, 0.05), "{d} m");
    assert_eq!(
        (a.date.to_string(), a.start_time.to_string()),
        ("2026-05-20".into(), "07:00".into())
    );
    assert_eq!(
        file.notes,
        [
            "its clock jumps 20 days forward after 8 min: those minutes are imported, the 120 \
          points after the jump are not"
        ]
    );

    // The import report shows it, as it shows a FIT file cut short.
    let (data, report) = import_files(
        &Data::default(),
        vec![("jump.gpx".into(), Ok(text.into_bytes()))],
        &utc,
        &mut |_, _| {},
    );
    assert_eq!(data.sessions.len(), 1);
    assert!(
        report
            .lines
            .iter()
            .any(|l| l.starts_with("jump.gpx: its clock jumps 20 days forward")),
        "{:?}",
        report.lines
    );

    // One point with a time 20 days ahead, the next back on the clock: that point's time is
    // wrong, and only it is left out (215 points left, from 0 to 5 × 215 = 1 075 s).
    let mut points: Vec<(i64, i64)> = (0..=215).map(|i| (5 * i, i)).collect();
    points[100].0 += jump;
    let file = read_bytes("glitch.gpx", gpx(&[points]).as_bytes());
    let a = one(&file);
    assert_eq!(a.elapsed.get(), 1075);
    assert!(
        file.notes.iter().any(|n| n.contains("1 point")),
        "{:?}",
        file.notes
    );

    // A jump within the first minute: too little before it to be the activity, so the file
    // is read whole, and a span of 20 days is refused as longer than one session can be.
    let early: Vec<(i64, i64)> = (0..216)
        .map(|i| (if i < 10 { 5 * i } else { jump + 5 * i }, i))
        .collect();
    let e = activity::read("early.gpx", gpx(&[early]).as_bytes(), &utc).unwrap_err();
    assert!(e.to_string().contains("48 hours"), "{e}");
}

#[test]
fn cut_fault_inputs_never_panic() {
    // Every cut of the new inputs is read, or refused with a reason (the fuzz targets hold
    // the readers to that for any input; these are the paths this change added).
    let jump: Vec<(i64, i64)> = (0..216)
        .map(|i| (if i < 96 { 5 * i } else { 20 * 86_400 + 5 * i }, i))
        .collect();
    let texts = [
        gpx(&[jump]).into_bytes(),
        gpx(&[
            (0..=60).map(|i| (5 * i, i)).collect(),
            (0..=60).map(|i| (900 + 5 * i, 260 + i)).collect(),
        ])
        .into_bytes(),
        fixture("laps_end_before_records.fit"),
        fixture("laps_end_before_records_no_events.fit"),
        fixture("no_session_no_laps.fit"),
    ];
    for bytes in &texts {
        for n in (0..bytes.len()).step_by(bytes.len() / 100 + 1) {
            if let Err(e) = activity::read("x", &bytes[..n], &utc) {
                assert!(e.to_string().ends_with('.'), "cut at {n}: {e}");
            }
        }
    }
}
