//! The readers of other apps' wellness exports (issue #33, `recovery_run::sources`).
//!
//! - **Real files.** Every file of the shared wellness corpus these readers cover
//!   (HRV4Training iOS and Android, Elite HRV, WHOOP) is read and checked against the
//!   per-day values of its `expect.json`, established independently of this code (the
//!   corpus' `manifest.json` says how). The corpus lies beside the repository in
//!   `../shared/corpus/` (never copied into it); set `RECOVERY_RUN_CORPUS` to read it from
//!   elsewhere. The Apple Health zip of the corpus is another reader's (and its archive the
//!   import pipeline's), so it is passed over here.
//! - **Layouts without a public file** (HRV4Training iOS with locale times and CR line ends,
//!   Garmin's account export, Fitbit's Takeout, Polar's account export, intervals.icu) are
//!   built below as each service writes them (exact names and keys from the parsers of
//!   real exports that each reader's module documentation cites), with the expected values
//!   worked out by hand in the comments; so are the WHOOP files the corpus lacks.
//! - **Never a panic**: every reader on arbitrary text and bytes, and on rows under its own
//!   header (proptest).

mod corpus_support;

use std::path::PathBuf;

use proptest::prelude::*;
use recovery_run::activity::FileFormat;
use recovery_run::domain::date::Day;
use recovery_run::domain::session::Sport;
use recovery_run::domain::wellness::HrvSource;
use recovery_run::sources::{self, DayValues, Reader, SkipReason, SourceError, SourceFile};
use serde_json::Value;

fn corpus() -> PathBuf {
    corpus_support::corpus("wellness/expect.json").join("wellness")
}

fn day(s: &str) -> Day {
    s.parse().unwrap()
}

fn on<'a>(f: &'a SourceFile, d: &str) -> Option<&'a DayValues> {
    f.days.iter().find(|v| v.date == day(d))
}

/// Recognises `bytes` (by their first 4 KiB and `path`) as `reader`'s, and reads them.
fn read_as(reader: Reader, path: &str, bytes: &[u8]) -> SourceFile {
    let head = &bytes[..bytes.len().min(4096)];
    assert_eq!(sources::recognise(path, head), Some(reader), "{path}");
    let f = sources::read(reader, path, bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_well_formed(&f);
    f
}

/// What every reader promises of its days: oldest first, one a day, none empty, a source
/// exactly where there is an HRV.
fn assert_well_formed(f: &SourceFile) {
    for w in f.days.windows(2) {
        assert!(
            w[0].date < w[1].date,
            "{:?} before {:?}",
            w[0].date,
            w[1].date
        );
    }
    for d in &f.days {
        assert!(!d.is_empty(), "{d:?}");
        assert_eq!(
            d.hrv_source.is_some(),
            d.hrv_rmssd.is_some() || d.hrv_sdnn.is_some(),
            "{d:?}"
        );
        assert!(d.hrv_range_ms.is_none() || d.hrv_source.is_some(), "{d:?}");
    }
}

fn rmssd(d: &DayValues) -> Option<f64> {
    d.hrv_rmssd.map(|x| x.get())
}

fn rhr(d: &DayValues) -> Option<u16> {
    d.resting_hr.map(|x| x.get())
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-6)
}

/// The skips of a file as (place, what) for out-of-range values and (place, "unreadable").
fn skips(f: &SourceFile) -> Vec<(String, String)> {
    f.skipped
        .iter()
        .map(|s| {
            let what = match &s.why {
                SkipReason::OutOfRange { what, .. } => what.clone(),
                SkipReason::Unreadable { .. } => "unreadable".into(),
            };
            (s.place.clone(), what)
        })
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

// ---------------------------------------------------------------------------------------
// The real files of the corpus, against expect.json.

/// One day's field as expect.json names it: a number, a flag or a name.
enum Got {
    Number(Option<f64>),
    Flag(Option<bool>),
    Name(Option<&'static str>),
}

fn got(d: Option<&DayValues>, field: &str) -> Option<Got> {
    Some(match field {
        "hrv_rmssd_ms" => Got::Number(d.and_then(rmssd)),
        "hrv_sdnn_ms" => Got::Number(d.and_then(|d| d.hrv_sdnn.map(|x| x.get()))),
        "resting_hr_bpm" => Got::Number(d.and_then(|d| rhr(d).map(f64::from))),
        "sleep_h" => Got::Number(d.and_then(|d| d.sleep_h)),
        "soreness" => Got::Number(d.and_then(|d| d.soreness.map(f64::from))),
        "sick" => Got::Flag(d.and_then(|d| d.sick)),
        "injured" => Got::Flag(d.and_then(|d| d.injured)),
        "menstruating" => Got::Flag(d.and_then(|d| d.menstruating)),
        "hrv_source" => Got::Name(d.and_then(|d| d.hrv_source.map(HrvSource::as_str))),
        _ => return None,
    })
}

/// Whether `got` passes `want` in expect.json's value grammar (its `value_grammar`).
fn passes(got: &Got, want: &Value, tolerance: f64) -> bool {
    if let Some(alts) = want.get("any_of").and_then(Value::as_array) {
        return alts.iter().any(|a| passes(got, a, tolerance));
    }
    match (got, want) {
        (Got::Number(g), Value::Null) => g.is_none(),
        (Got::Number(g), Value::Number(n)) => {
            let n = n.as_f64().unwrap_or(f64::NAN);
            g.is_some_and(|g| (g - n).abs() <= tolerance + 1e-9)
        }
        (Got::Number(g), Value::Object(range)) => {
            let (lo, hi) = (range.get("min"), range.get("max"));
            let (lo, hi) = (lo.and_then(Value::as_f64), hi.and_then(Value::as_f64));
            matches!((g, lo, hi), (Some(g), Some(lo), Some(hi)) if *g >= lo && *g <= hi)
        }
        (Got::Flag(g), Value::Bool(b)) => *g == Some(*b),
        (Got::Flag(g), Value::Null) => g.is_none(),
        (Got::Name(g), Value::String(s)) => *g == Some(s.as_str()),
        (Got::Name(g), Value::Null) => g.is_none(),
        _ => false,
    }
}

/// The days a flag is set on.
fn flagged(f: &SourceFile, flag: impl Fn(&DayValues) -> Option<bool>) -> Vec<String> {
    f.days
        .iter()
        .filter(|d| flag(d) == Some(true))
        .map(|d| d.date.to_string())
        .collect()
}

/// Whether `days` is one of the alternatives of a `sick_days` / `injured_days` check (a list
/// of days, or a list of such lists).
fn one_of(days: &[String], want: &Value) -> bool {
    let as_set = |v: &Value| -> Option<Vec<String>> {
        let mut s: Vec<String> = v
            .as_array()?
            .iter()
            .map(|d| d.as_str().map(str::to_owned))
            .collect::<Option<_>>()?;
        s.sort();
        Some(s)
    };
    let mut mine = days.to_vec();
    mine.sort();
    match as_set(want) {
        Some(set) => set == mine,
        None => want
            .as_array()
            .is_some_and(|alts| alts.iter().any(|a| as_set(a) == Some(mine.clone()))),
    }
}

#[test]
fn real_exports_import_every_day_as_expected() {
    let dir = corpus();
    let expect: Value =
        serde_json::from_slice(&std::fs::read(dir.join("expect.json")).unwrap()).unwrap();
    let tolerance = |field: &str| {
        expect["tolerances"][field]
            .as_f64()
            .unwrap_or(if field == "sleep_h" { 0.05 } else { 0.5 })
    };
    let mut checked = 0;
    let mut problems: Vec<String> = Vec::new();
    for input in expect["inputs"].as_array().unwrap() {
        let file = input["file"].as_str().unwrap();
        if file.ends_with(".zip") {
            // Apple Health's export.xml in a zip: another reader's (apple_health.rs).
            continue;
        }
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let head = &bytes[..bytes.len().min(4096)];
        let Some(reader) = sources::recognise(file, head) else {
            problems.push(format!("{file}: not recognised"));
            continue;
        };
        let f = match sources::read(reader, file, &bytes) {
            Ok(f) => f,
            Err(e) => {
                problems.push(format!("{file}: {e}"));
                continue;
            }
        };
        assert_well_formed(&f);
        checked += 1;
        let checks = &input["checks"];
        let mut problem = |p: String| problems.push(format!("{file}: {p}"));
        // Real files hold nothing out of range.
        if !f.skipped.is_empty() {
            problem(format!("skipped {:?}", f.skipped));
        }
        if let Some(n) = checks["days_with_hrv"].as_u64() {
            let have = f
                .days
                .iter()
                .filter(|d| d.hrv_rmssd.is_some() || d.hrv_sdnn.is_some())
                .count();
            if have as u64 != n {
                problem(format!("{have} days with HRV, expected {n}"));
            }
        }
        for (date, fields) in checks["rows"].as_object().into_iter().flatten() {
            let d = on(&f, date);
            if d.is_none() {
                problem(format!("{date}: no day"));
                continue;
            }
            for (field, want) in fields.as_object().unwrap() {
                let tol = tolerance(field);
                match got(d, field) {
                    None => problem(format!("{date}: unknown field {field}")),
                    Some(g) if !passes(&g, want, tol) => {
                        problem(format!("{date}: {field} is not {want} ({d:?})"))
                    }
                    Some(_) => {}
                }
            }
        }
        for date in checks["empty_days"].as_array().into_iter().flatten() {
            let date = date.as_str().unwrap();
            if let Some(d) = on(&f, date) {
                if d.hrv_rmssd.is_some()
                    || d.hrv_sdnn.is_some()
                    || d.resting_hr.is_some()
                    || d.sleep_h.is_some()
                {
                    problem(format!("{date} should be empty: {d:?}"));
                }
            }
        }
        for (key, flag) in [
            (
                "sick_days",
                (|d: &DayValues| d.sick) as fn(&DayValues) -> Option<bool>,
            ),
            ("injured_days", |d: &DayValues| d.injured),
        ] {
            if let Some(want) = checks.get(key) {
                let days = flagged(&f, flag);
                if !one_of(&days, want) {
                    problem(format!("{key} {days:?}, expected {want}"));
                }
            }
        }
        if let Some(n) = checks.get("sessions_count").and_then(Value::as_u64) {
            if f.activities.len() as u64 != n {
                problem(format!("{} sessions, expected {n}", f.activities.len()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // HRV4Training iOS and Android, Elite HRV, WHOOP.
    assert_eq!(checked, 4);
}

/// The real exports are recognised whatever they are called, and only by their reader.
#[test]
fn real_exports_are_recognised_by_content_not_name() {
    let dir = corpus();
    for (file, reader) in [
        (
            "hrv4training/2017_7_28_myMeasurements.csv",
            Reader::Hrv4Training,
        ),
        (
            "hrv4training/MyMeasurements_Android_1.csv",
            Reader::Hrv4Training,
        ),
        ("elitehrv/ElitHRV_Export - 2017-10-02.csv", Reader::EliteHrv),
        ("whoop/haquannes_physiological_cycles.csv", Reader::Whoop),
    ] {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let head = &bytes[..4096.min(bytes.len())];
        assert_eq!(
            sources::recognise("export (1).txt", head),
            Some(reader),
            "{file}"
        );
        let others: Vec<Reader> = Reader::ALL
            .into_iter()
            .filter(|r| r.recognises(file, head))
            .collect();
        assert_eq!(others, vec![reader], "{file}");
    }
}

/// HRV4Training writes the phone's wall clock with `+0000`: a WHOOP-style conversion to
/// Berlin would move none of the corpus days, but the Android file's `yyyy-dd-MM` days and
/// its `01:00` row of zeros are traps of their own.
#[test]
fn hrv4training_android_real_file_first_and_placeholder_days() {
    let bytes = std::fs::read(corpus().join("hrv4training/MyMeasurements_Android_1.csv")).unwrap();
    let f = read_as(Reader::Hrv4Training, "MyMeasurements_Android_1.csv", &bytes);
    // The first row: 2017-27-07,07:39,45.7066…,…,78.9686…(SDNN),84.2439…(rMSSD).
    let d = on(&f, "2017-07-27").unwrap();
    assert!(close(rmssd(d), 84.243995));
    assert_eq!(rhr(d), Some(46));
    assert_eq!(d.sick, Some(false));
    // 2017-15-08,01:00,0.0,… is no reading.
    assert!(on(&f, "2017-08-15").is_none());
    assert_eq!(f.days.len(), 68);
}

// ---------------------------------------------------------------------------------------
// HRV4Training iOS, full layout: CR line ends, Spanish 12-hour times, padded cells.

/// The 70 names of the full iOS export, padded as the app pads them (GoldenCheetah
/// `test/hrvmeasures/2018_7_8_myMeasurements.csv`).
const IOS_FULL_HEADER: &str = "date,timestamp_measurement,HR,AVNN,SDNN,rMSSD,pNN50,LF,HF,LFHF,\
test_duration,HRV4T_Recovery_Points,training,training_performance,training_type,training_phase,\
physical_condition,trainingRPE, trainingTSS, suffer_score, trainingMotivation, trainingDistance, \
sleep_quality,sleep_time,sleep_tobed,sleep_awake,mental_energy,muscle_soreness,fatigue,traveling,\
sickness,alcohol,baseline,advice,note,signal_quality, location, supplements, diet, \
custom_tag_1_name, custom_tag_2_name, custom_tag_3_name, custom_tag_1_value, custom_tag_2_value, \
custom_tag_3_value, menstrual_cycle, trainingTime, current_lifestyle, run_distance, run_time, \
run_pace, run_hr, run_elevation, bike_distance, bike_time, bike_speed, bike_elevation, bike_hr, \
bike_power, swim_distance, swim_time, swim_speed, swim_hr, vo2max, latitude, longitude, altitude, \
temperature, humidity, daily_message";

/// The cells the app writes on a day without a reading, after `date` (69 of them).
const IOS_FULL_EMPTY_DAY: &str = "-,-,-,-,-,-,-,-,-,0,-,rest,-,-,-,-,-,-,-,-,-,-,00:00,-,-,-,-,-,\
not traveling,not sick,nothing,-, -,-,, -,-,-,-,-,-,0.000, 0.000, 0.000, -, -, -, -, -,-,-, -,-,-, \
-, -, -, -, -, -, -, -, 0.0, -, -, -, -, -, -";

/// A row of the full iOS export for `date` (`YYYY-MM-DD`), a day without a reading but
/// for `set` (header name → cell).
fn ios_full_row(date: &str, set: &[(&str, &str)]) -> String {
    let names: Vec<&str> = IOS_FULL_HEADER.split(',').map(str::trim).collect();
    let mut cells: Vec<String> = std::iter::once(format!("{date} 12:01:00 a. m. +0000"))
        .chain(IOS_FULL_EMPTY_DAY.split(',').map(str::to_owned))
        .collect();
    assert_eq!((names.len(), cells.len()), (70, 70));
    for (name, value) in set {
        let i = names.iter().position(|n| n == name).unwrap();
        cells[i] = value.to_string();
    }
    cells.join(",")
}

#[test]
fn hrv4training_ios_full_cr_only_spanish_times() {
    let reading = |date: &str, time: &str, hr: &str, rmssd: &str, more: &[(&str, &str)]| {
        let stamp = format!("{date} {time} +0000");
        let mut set = vec![
            ("timestamp_measurement", stamp.as_str()),
            ("HR", hr),
            ("SDNN", "52.96"),
            ("rMSSD", rmssd),
            ("test_duration", "1"),
        ];
        set.extend_from_slice(more);
        ios_full_row(date, &set)
    };
    let rows = [
        // line 2: a day without a reading: sleep "00:00" and "not sick" are the app's
        // defaults, so nothing.
        ios_full_row("2018-04-27", &[]),
        // line 3: rMSSD 32.62, HR 64.45 → 64, sleep 07:57 → 7 + 57/60 = 7.95 h, not sick;
        // muscle soreness 3.5 is not read (its direction is unknown).
        reading(
            "2018-05-18",
            "7:33:16 a. m.",
            "64.45",
            "32.62",
            &[("sleep_time", "07:57"), ("muscle_soreness", "3.5")],
        ),
        // line 4: an evening reading (18:47) stays on its own day.
        reading("2018-06-03", "6:47:32 p. m.", "67.28", "60.79", &[]),
        // lines 5–6: two readings on the 10th. "12:01:00 a. m." is 00:01, before 7:05, so
        // the 7:05 reading counts (rMSSD 50, HR 55); read as noon it would be 60 and 58.
        reading("2018-06-10", "7:05:00 a. m.", "55.00", "50.00", &[]),
        reading("2018-06-10", "12:01:00 a. m.", "58.00", "60.00", &[]),
        // line 7: 23:11 on the 14th is the 14th (as UTC shown in Berlin it would be the
        // 15th).
        reading("2018-06-14", "11:11:09 p. m.", "52.00", "44.10", &[]),
        // line 8: rMSSD 612 and HR 20 are out of range: both skipped and counted; the
        // SDNN (52.96) and the sleep (07:00 → 7 h) stay.
        reading(
            "2018-06-20",
            "6:00:00 a. m.",
            "20",
            "612.00",
            &[("sleep_time", "07:00")],
        ),
        // line 9: sick.
        reading(
            "2018-06-21",
            "5:10:00 a. m.",
            "70.10",
            "16.30",
            &[("sickness", "sick")],
        ),
        // line 10: no reading, but the runner said sick and slept 6:30 → 6.5 h.
        ios_full_row(
            "2018-06-22",
            &[("sickness", "sick"), ("sleep_time", "06:30")],
        ),
    ];
    // Each line ends in two spaces and a lone CR, as the app writes them.
    let mut text = format!("{IOS_FULL_HEADER}  \r");
    for r in &rows {
        text.push_str(r);
        text.push_str("  \r");
    }
    assert!(!text.contains('\n'));
    let f = read_as(
        Reader::Hrv4Training,
        "2018_7_8_myMeasurements.csv",
        text.as_bytes(),
    );

    let dates: Vec<String> = f.days.iter().map(|d| d.date.to_string()).collect();
    assert_eq!(
        dates,
        [
            "2018-05-18",
            "2018-06-03",
            "2018-06-10",
            "2018-06-14",
            "2018-06-20",
            "2018-06-21",
            "2018-06-22"
        ]
    );
    let d = on(&f, "2018-05-18").unwrap();
    assert!(close(rmssd(d), 32.62));
    assert!(close(d.hrv_sdnn.map(|x| x.get()), 52.96));
    assert_eq!(rhr(d), Some(64));
    assert!(close(d.sleep_h, 7.95));
    assert_eq!((d.sick, d.soreness), (Some(false), None));
    assert_eq!(d.hrv_source, Some(HrvSource::Hrv4Training));
    assert!(close(rmssd(on(&f, "2018-06-03").unwrap()), 60.79));
    let d = on(&f, "2018-06-10").unwrap();
    assert_eq!((rmssd(d), rhr(d)), (Some(50.0), Some(55)));
    assert!(close(rmssd(on(&f, "2018-06-14").unwrap()), 44.10));
    let d = on(&f, "2018-06-20").unwrap();
    assert_eq!((rmssd(d), rhr(d)), (None, None));
    assert!(close(d.hrv_sdnn.map(|x| x.get()), 52.96));
    assert!(close(d.sleep_h, 7.0));
    assert_eq!(on(&f, "2018-06-21").unwrap().sick, Some(true));
    let d = on(&f, "2018-06-22").unwrap();
    assert_eq!((d.sick, rmssd(d), d.hrv_source), (Some(true), None, None));
    assert!(close(d.sleep_h, 6.5));
    assert_eq!(
        skips(&f),
        pairs(&[("line 8", "rMSSD"), ("line 8", "resting HR")])
    );
    assert_eq!(
        f.skipped[0].to_string(),
        "line 8: rMSSD 612 is out of range, skipped."
    );
}

// ---------------------------------------------------------------------------------------
// HRV4Training Android: CRLF, padded names, a blank line after the header (as in
// GoldenCheetah's MyMeasurements_Android.csv), decimal commas spilling into extra cells.

const ANDROID_HEADER: &str = "date, time, HR,AVNN,SDNN,rMSSD,pNN50,LF,HF,HRV4T_Recovery_Points,\
training,training_performance,training_type,training_phase,physical_condition,trainingRPE, \
trainingTSS, trainingMotivation, trainingDistance, sleep_quality, sleep_time, mental_energy,\
muscle_soreness, fatigue,traveling,sickness,alcohol,note,signal_quality, location, supplements, \
diet, custom_tag_1_name, custom_tag_2_name, custom_tag_3_name, custom_tag_1_value, \
custom_tag_2_value, custom_tag_3_value, menstrual_cycle, trainingTime, run_distance, run_time, \
run_pace, run_hr, run_elevation,                             bike_distance, bike_time, \
bike_speed, bike_elevation, bike_hr, bike_power,                             swim_distance, \
swim_time, swim_speed, swim_hr, vo2max, latitude, longitude, altitude, temperature, humidity ";

fn android_row(date: &str, time: &str, set: &[(&str, &str)], tail: &str) -> String {
    let names: Vec<&str> = ANDROID_HEADER.split(',').map(str::trim).collect();
    assert_eq!(names.len(), 61);
    let mut cells = vec![String::new(); 56];
    cells[0] = date.into();
    cells[1] = time.into();
    for (name, value) in set {
        let i = names.iter().position(|n| n == name).unwrap();
        cells[i] = value.to_string();
    }
    // Up to vo2max (index 55); then latitude, longitude, altitude, temperature and
    // humidity as the app writes them, decimal commas unquoted, and a trailing comma.
    format!("{},{tail},", cells.join(","))
}

#[test]
fn hrv4training_android_placeholder_blank_line_and_ranges() {
    let rows = [
        // line 2 is blank. Line 3: rMSSD 84.2439…, HR 45.7066… → 46, not sick; the
        // position "45,6749,9,5614" and temperature "16,3" give 64 cells for 61 names.
        android_row(
            "2017-27-07",
            "07:39",
            &[
                ("HR", "45.7066488473104"),
                ("SDNN", "78.9686185392493"),
                ("rMSSD", "84.24399536143902"),
                ("muscle_soreness", "5"),
                ("sickness", "not sick"),
            ],
            "45,6749,9,5614,0.0,16,3,58.0",
        ),
        // line 4: the 01:00 row of zeros is no reading, and "not sick" on it is a default.
        android_row(
            "2017-15-08",
            "01:00",
            &[
                ("HR", "0.0"),
                ("AVNN", "0.0"),
                ("SDNN", "0.0"),
                ("rMSSD", "0.0"),
                ("traveling", "traveling"),
                ("sickness", "not sick"),
            ],
            ",,,,",
        ),
        // line 5: rMSSD 70.5, HR 48.2 → 48, sick, slept 07:58 → 7 + 58/60 h.
        android_row(
            "2017-16-08",
            "07:10",
            &[
                ("HR", "48.2"),
                ("rMSSD", "70.5"),
                ("sleep_time", "07:58"),
                ("sickness", "sick"),
            ],
            ",,,,",
        ),
        // line 6: rMSSD 0.8 ms and HR 260.4 bpm are out of range: skipped and counted; the
        // answer "not sick" stays.
        android_row(
            "2017-17-08",
            "07:02",
            &[("HR", "260.4"), ("rMSSD", "0.8"), ("sickness", "not sick")],
            ",,,,",
        ),
        // line 7: no 32nd of August.
        android_row("2017-32-08", "07:00", &[("rMSSD", "60")], ",,,,"),
    ];
    let text = format!("{ANDROID_HEADER}\r\n\r\n{}\r\n", rows.join("\r\n"));
    let f = read_as(
        Reader::Hrv4Training,
        "MyMeasurements_Android.csv",
        text.as_bytes(),
    );
    let dates: Vec<String> = f.days.iter().map(|d| d.date.to_string()).collect();
    assert_eq!(dates, ["2017-07-27", "2017-08-16", "2017-08-17"]);
    let d = on(&f, "2017-07-27").unwrap();
    assert!(close(rmssd(d), 84.243995));
    assert_eq!((rhr(d), d.sick, d.sleep_h), (Some(46), Some(false), None));
    let d = on(&f, "2017-08-16").unwrap();
    assert_eq!(
        (rmssd(d), rhr(d), d.sick),
        (Some(70.5), Some(48), Some(true))
    );
    assert!(close(d.sleep_h, 7.0 + 58.0 / 60.0));
    let d = on(&f, "2017-08-17").unwrap();
    assert_eq!((rmssd(d), rhr(d), d.sick), (None, None, Some(false)));
    assert_eq!(
        skips(&f),
        pairs(&[
            ("line 6", "rMSSD"),
            ("line 6", "resting HR"),
            ("line 7", "unreadable")
        ])
    );
}

#[test]
fn an_hrv_app_file_without_its_columns_says_what_it_needs() {
    let e = sources::read(
        Reader::Hrv4Training,
        "m.csv",
        b"date, time, HR,AVNN,SDNN,pNN50,HRV4T_Recovery_Points\r\n2017-27-07,07:39,45,1300,70,50,8\r\n",
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "This looks like an HRV4Training export, but it has no rMSSD column."
    );
    assert_eq!(
        sources::recognise("m.csv", b"timestamp_measurement,HR,SDNN\n"),
        Some(Reader::Hrv4Training)
    );
    let e = sources::read(
        Reader::EliteHrv,
        "e.csv",
        b"Member,Date,Type,HRV,lnRmssd,HR\r\n",
    )
    .unwrap_err();
    assert_eq!(
        e,
        SourceError::Incomplete {
            what: "an Elite HRV export".into(),
            needs: "Rmssd column (rMSSD in ms)".into()
        }
    );
    let e = sources::read(
        Reader::Whoop,
        "w.csv",
        b"Cycle start time,Cycle end time,Cycle timezone,Something new\n",
    )
    .unwrap_err();
    assert!(matches!(e, SourceError::Incomplete { ref what, .. } if what == "a WHOOP export"));
    let e = sources::read(Reader::IntervalsIcu, "w.csv", b"restingHR,hrv\n52,80\n").unwrap_err();
    assert_eq!(
        e.to_string(),
        "This looks like an intervals.icu wellness export, but it has no day column (id or date)."
    );
}

// ---------------------------------------------------------------------------------------
// WHOOP: the files the corpus lacks, with the headers of TheOneRichy/whoop_data's export
// (newest rows first, LF).

const WHOOP_SLEEPS_HEADER: &str = "Cycle start time,Cycle end time,Cycle timezone,Sleep onset,\
Wake onset,Sleep performance %,Respiratory rate (rpm),Asleep duration (min),In bed duration (min),\
Light sleep duration (min),Deep (SWS) duration (min),REM duration (min),Awake duration (min),\
Sleep need (min),Sleep debt (min),Sleep efficiency %,Sleep consistency %,Nap";

#[test]
fn whoop_sleeps_a_nap_is_not_the_night() {
    let text = format!(
        "{WHOOP_SLEEPS_HEADER}\n\
         2024-06-22 23:05:10,,UTC+01:00,2024-06-22 23:05:10,2024-06-23 07:01:00,,,,,,,,,,,,,false\n\
         2024-06-11 01:30:00,2024-06-11 23:00:00,UTC+01:00,2024-06-11 13:00:00,2024-06-11 14:45:00,40,15.1,95,105,70,5,20,10,560,100,90,,true\n\
         2024-06-11 01:30:00,2024-06-11 23:00:00,UTC+01:00,2024-06-11 01:30:00,2024-06-11 09:05:00,88,14.8,402,455,210,90,102,53,470,60,88,40,false\n\
         2024-06-09 23:30:00,2024-06-11 01:30:00,UTC+01:00,2024-06-09 23:30:00,2024-06-10 07:30:00,90,14.0,1500,1560,700,400,400,60,470,0,96,50,false\n"
    );
    // Line 2: an unscored night (no minutes asleep): nothing. Line 3: a 95-minute nap:
    // not the night. Line 4: the night of the 11th, 402 min asleep (455 in bed) →
    // 402 / 60 = 6.7 h on the day of waking. Line 5: 1,500 min = 25 h: skipped.
    let f = read_as(Reader::Whoop, "sleeps.csv", text.as_bytes());
    assert_eq!(f.days.len(), 1);
    let d = on(&f, "2024-06-11").unwrap();
    assert!(close(d.sleep_h, 6.7));
    assert_eq!((d.hrv_rmssd, d.hrv_source), (None, None));
    assert_eq!(skips(&f), pairs(&[("line 5", "sleep hours")]));
}

const WHOOP_WORKOUTS_HEADER: &str =
    "Cycle start time,Cycle end time,Cycle timezone,Workout start time,\
Workout end time,Duration (min),Activity name,Activity Strain,Energy burned (cal),Max HR (bpm),\
Average HR (bpm),HR Zone 1 %,HR Zone 2 %,HR Zone 3 %,HR Zone 4 %,HR Zone 5 %,GPS enabled,\
Distance (meters),Altitude gain (meters),Altitude change (meters)";

#[test]
fn whoop_workouts_are_sessions() {
    let text = format!(
        "{WHOOP_WORKOUTS_HEADER}\n\
         2024-06-23 21:10:00,,UTC-04:00,2024-06-24 07:05:10,2024-06-24 07:47:40,42,Running,11.2,510.0,178,152,2,10,30,45,13,true,8012.5,40.1,1.2\n\
         2024-06-22 22:00:00,2024-06-23 21:10:00,UTC-04:00,2024-06-23 18:00:00,2024-06-23 18:45:30,45,Functional Fitness,9.1,400.0,165,130,5,20,40,30,5,false,,,\n\
         2024-06-22 22:00:00,2024-06-23 21:10:00,UTC-04:00,2024-06-23 07:30:00,2024-06-23 08:30:00,60,Yoga,4.0,200.0,120,95,60,30,10,0,0,false,,,\n\
         2024-06-21 22:30:00,2024-06-22 22:00:00,UTC-04:00,2024-06-22 10:00:00,2024-06-22 11:30:00,90,Disc Golf,7.5,600.0,140,105,40,40,20,0,0,true,3520.0,12.0,0.5\n\
         2024-06-21 22:30:00,2024-06-22 22:00:00,UTC-04:00,yesterday,2024-06-22 09:00:00,20,Cycling,5.0,150.0,150,120,10,50,40,0,0,true,9000,30,1\n"
    );
    let f = read_as(Reader::Whoop, "workouts.csv", text.as_bytes());
    assert!(f.days.is_empty());
    // Oldest first: Disc Golf (06-22 10:00, 90 min, 3,520 m → other), Yoga (06-23 07:30,
    // 60 min → yoga), Functional Fitness (06-23 18:00, 45 min 30 s → strength, no GPS so
    // no distance), Running (06-24 07:05:10 to 07:47:40 = 2,550 s; 8,012.5 m; HR 152
    // average, 178 max; UTC−4, so it started at 11:05:10 UTC).
    let got: Vec<(String, String, Sport, u32)> = f
        .activities
        .iter()
        .map(|a| {
            (
                a.date.to_string(),
                a.start_time.to_string(),
                a.sport,
                a.moving.get(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("2024-06-22".into(), "10:00".into(), Sport::Other, 5400),
            ("2024-06-23".into(), "07:30".into(), Sport::Yoga, 3600),
            ("2024-06-23".into(), "18:00".into(), Sport::Strength, 2730),
            ("2024-06-24".into(), "07:05".into(), Sport::Run, 2550),
        ]
    );
    let run = &f.activities[3];
    assert_eq!(run.format, FileFormat::Whoop);
    assert_eq!(run.format.label(), "WHOOP");
    assert_eq!(run.title.as_deref(), Some("Running"));
    assert_eq!(run.elapsed, run.moving);
    assert!(close(run.distance.map(|m| m.get()), 8012.5));
    assert_eq!(
        (run.avg_hr.map(|b| b.get()), run.max_hr.map(|b| b.get())),
        (Some(152), Some(178))
    );
    // 2024-06-24 is 19 898 days after 1970-01-01; 11:05:10 is 39 910 s.
    assert_eq!(run.start_utc_s, 19_898 * 86_400 + 39_910);
    assert_eq!((run.utc_offset_min, run.local_time_from_file), (-240, true));
    assert_eq!(
        run.from_device,
        [
            "elapsed time",
            "moving time",
            "distance",
            "average heart rate",
            "max heart rate"
        ]
    );
    assert!(run.computed.is_empty() && run.hr_histogram.is_empty());
    assert_eq!(run.elevation_gain, None);
    assert_eq!(f.activities[2].distance, None);
    assert_eq!(skips(&f), pairs(&[("line 6", "unreadable")]));
}

#[test]
fn whoop_journal_sick_and_injured_on_the_day_of_waking() {
    let text = "Cycle start time,Cycle end time,Cycle timezone,Question text,Answered yes,Notes\n\
         2024-05-05 01:30:00,2024-05-05 22:00:00,UTC-04:00,Feeling sick or ill?,false,\"fine, finally\"\n\
         2024-05-03 21:00:07,2024-05-05 01:30:00,UTC-04:00,Have any caffeine? ,true,\n\
         2024-05-03 21:00:07,2024-05-05 01:30:00,UTC-04:00,Feeling sick or ill?,true,\n\
         2024-05-03 21:00:07,2024-05-05 01:30:00,UTC-04:00,Have an injury or wound,false,\n\
         2024-05-02 22:00:00,2024-05-03 21:00:07,UTC-04:00,Have an injury or wound,maybe,\n";
    // The cycle that began at 21:00 on the 3rd woke on the 4th: sick, not injured. The one
    // that began at 01:30 on the 5th woke that day: not sick. Caffeine is not read; line 6
    // answers neither true nor false.
    let f = read_as(Reader::Whoop, "journal_entries.csv", text.as_bytes());
    let got: Vec<(String, Option<bool>, Option<bool>)> = f
        .days
        .iter()
        .map(|d| (d.date.to_string(), d.sick, d.injured))
        .collect();
    assert_eq!(
        got,
        vec![
            ("2024-05-04".into(), Some(true), Some(false)),
            ("2024-05-05".into(), Some(false), None),
        ]
    );
    assert_eq!(skips(&f), pairs(&[("line 6", "unreadable")]));
}

// ---------------------------------------------------------------------------------------
// Garmin Connect's account export: the wellness JSON files, as the parsers of real exports
// read them (garmin.rs cites them).

#[test]
fn garmin_health_status_hrv_with_garmins_baseline() {
    let path =
        "DI_CONNECT/DI-Connect-Wellness/2025-01-01_2025-04-10_81234567_healthStatusData.json";
    let json = r#"[
 {"calendarDate":"2025-01-09","timestamp":"2025-01-09T06:40:00.0","outliersCount":0,"metrics":[
  {"type":"HRV","value":null,"baselineUpperLimit":0.0,"baselineLowerLimit":0.0,"status":"ONBOARDING","percentage":0.0},
  {"type":"HR","value":51.0,"baselineUpperLimit":0.0,"baselineLowerLimit":0.0,"status":"ONBOARDING","percentage":0.0}]},
 {"calendarDate":"2025-01-10","timestamp":"2025-01-10T06:54:18.784","outliersCount":0,"metrics":[
  {"type":"HRV","value":42.0,"baselineUpperLimit":55.0,"baselineLowerLimit":38.0,"status":"IN_RANGE","percentage":40.0,"feedbackKey":"LHA_IN_RANGE_FEEDBACK_HRV"},
  {"type":"HR","value":49.0,"baselineUpperLimit":52.0,"baselineLowerLimit":44.0,"status":"IN_RANGE","percentage":60.0},
  {"type":"SKIN_TEMP_C","baselineUpperLimit":0.0,"baselineLowerLimit":0.0,"status":"UNKNOWN","percentage":0.0},
  {"type":"RESPIRATION","value":14.2,"baselineUpperLimit":15.0,"baselineLowerLimit":12.0,"status":"IN_RANGE","percentage":50.0}]},
 {"calendarDate":"2025-01-11","timestamp":"2025-01-11T07:02:00.0","outliersCount":1,"metrics":[
  {"type":"HRV","value":27.0,"baselineUpperLimit":55.0,"baselineLowerLimit":38.0,"status":"BELOW","percentage":0.0,"feedbackKey":"LHA_OFF_YOUR_BASELINE_FEEDBACK_HRV_BELOW_RANGE"}]},
 {"calendarDate":"2025-01-12","metrics":[
  {"type":"HRV","value":35.0,"baselineUpperLimit":55.0,"baselineLowerLimit":38.0,"status":"UNKNOWN","percentage":0.0}]},
 {"calendarDate":"2025-01-13","metrics":[
  {"type":"HRV","value":640.0,"baselineUpperLimit":55.0,"baselineLowerLimit":38.0,"status":"ABOVE","percentage":100.0}]}
]"#;
    // The 9th: still learning (no value). The 10th: 42 ms within 38–55. The 11th: 27 ms,
    // below 38–55. The 12th: status UNKNOWN, not a reading. The 13th: 640 ms is out of
    // range: skipped and counted. The HR metric is the night's average, not the resting
    // HR: no resting HR on any day.
    let f = read_as(Reader::Garmin, path, json.as_bytes());
    assert_eq!(f.days.len(), 2);
    let d = on(&f, "2025-01-10").unwrap();
    assert_eq!(rmssd(d), Some(42.0));
    assert_eq!(d.hrv_range_ms, Some((38.0, 55.0)));
    assert_eq!(
        (d.hrv_source, d.resting_hr),
        (Some(HrvSource::Garmin), None)
    );
    let d = on(&f, "2025-01-11").unwrap();
    assert_eq!((rmssd(d), d.hrv_range_ms), (Some(27.0), Some((38.0, 55.0))));
    assert_eq!(skips(&f), pairs(&[("2025-01-13", "rMSSD")]));
}

#[test]
fn garmin_sleep_is_deep_light_and_rem_of_confirmed_nights() {
    let path =
        "some-user/DI_CONNECT/DI-Connect-Wellness/2025-01-01_2025-04-10_81234567_sleepData.json";
    // The nap's inner keys are illustrative: naps are never read.
    let json = r#"[
 {"calendarDate":"2025-01-10","sleepStartTimestampGMT":"2025-01-09T22:10:00.0","sleepEndTimestampGMT":"2025-01-10T06:05:00.0",
  "sleepWindowConfirmationType":"ENHANCED_CONFIRMED_FINAL","deepSleepSeconds":3600,"lightSleepSeconds":16200,"remSleepSeconds":5400,
  "awakeSleepSeconds":1500,"unmeasurableSeconds":0,"averageRespiration":14.0,"awakeCount":2,"retro":false,
  "sleepScores":{"overallScore":82,"qualityScore":80,"durationScore":85},
  "napList":[{"napTimeSec":1800,"napStartTimestampGMT":"2025-01-10T13:00:00.0","napEndTimestampGMT":"2025-01-10T13:30:00.0"}]},
 {"calendarDate":"2025-01-11","sleepStartTimestampGMT":"2025-01-10T23:00:00.0","sleepEndTimestampGMT":"2025-01-11T06:00:00.0",
  "sleepWindowConfirmationType":"UNCONFIRMED","retro":false},
 {"calendarDate":"2025-01-12","sleepStartTimestampGMT":"2025-01-11T23:30:00.0","sleepEndTimestampGMT":"2025-01-12T05:15:00.0",
  "sleepWindowConfirmationType":"ENHANCED_CONFIRMED","deepSleepSeconds":5400,"lightSleepSeconds":14400,
  "awakeSleepSeconds":900,"unmeasurableSeconds":0,"retro":false}
]"#;
    // The 10th: 3,600 + 16,200 + 5,400 = 25,200 s = 7 h asleep (not the 7 h 25 min in bed,
    // nor with the 30-minute nap). The 11th: a window without stages, not confirmed: no
    // sleep. The 12th: a watch without REM: 5,400 + 14,400 = 19,800 s = 5.5 h.
    let f = read_as(Reader::Garmin, path, json.as_bytes());
    let got: Vec<(String, Option<f64>)> = f
        .days
        .iter()
        .map(|d| (d.date.to_string(), d.sleep_h))
        .collect();
    assert_eq!(
        got,
        vec![
            ("2025-01-10".into(), Some(7.0)),
            ("2025-01-12".into(), Some(5.5))
        ]
    );
    assert!(f.skipped.is_empty());
}

#[test]
fn garmin_resting_hr_is_resting_heart_rate_of_the_daily_summary() {
    let path = "DI_CONNECT/DI-Connect-Aggregator/UDSFile_2025-01-01_2025-04-10.json";
    let json = r#"[
 {"calendarDate":"2025-01-10","totalKilocalories":2400.0,"activeKilocalories":500.0,"bmrKilocalories":1900.0,
  "totalSteps":9000,"totalDistanceMeters":7100,"minHeartRate":44,"maxHeartRate":150,"minAvgHeartRate":46,"maxAvgHeartRate":140,
  "restingHeartRate":48,"currentDayRestingHeartRate":47,"restingHeartRateTimestamp":1736467200000,
  "allDayStress":{"aggregatorList":[{"type":"TOTAL","averageStressLevel":30},{"type":"ASLEEP","averageStressLevel":15}]},
  "bodyBattery":{"bodyBatteryStatList":[{"bodyBatteryStatType":"HIGHEST","statsValue":90}]}},
 {"calendarDate":"2025-01-11","totalSteps":200,"minHeartRate":0,"restingHeartRate":0},
 {"calendarDate":"2025-01-12","totalSteps":300,"restingHeartRate":null},
 {"calendarDate":"not a day","restingHeartRate":50}
]"#;
    // Only the 10th has one: 48 bpm (0 and null are "none that day"); the fourth record
    // has no day.
    let f = read_as(Reader::Garmin, path, json.as_bytes());
    assert_eq!(f.days.len(), 1);
    let d = on(&f, "2025-01-10").unwrap();
    assert_eq!((rhr(d), d.hrv_rmssd, d.sleep_h), (Some(48), None, None));
    assert_eq!(skips(&f), pairs(&[("record 4", "unreadable")]));
    // The same file named otherwise is still recognised by its keys.
    assert_eq!(
        sources::recognise("summary.json", json.as_bytes()),
        Some(Reader::Garmin)
    );
}

// ---------------------------------------------------------------------------------------
// Fitbit (Google Takeout), as kev-m/FitOut reads it.

#[test]
fn fitbit_resting_hr_whatever_the_file_name_says() {
    let path = "Takeout/Fitbit/Global Export Data/resting_heart_rate-2023-03-02.json";
    let json = "[{\n  \"dateTime\" : \"02/28/24 00:00:00\",\n  \"value\" : {\n    \"date\" : \"02/28/24\",\n    \
                \"value\" : 51.62048912048340,\n    \"error\" : 6.7870874404907230\n  }\n},{\n  \
                \"dateTime\" : \"02/29/24 00:00:00\",\n  \"value\" : {\n    \"date\" : \"02/29/24\",\n    \
                \"value\" : 53.2727746963501,\n    \"error\" : 6.787087440490723\n  }\n},{\n  \
                \"dateTime\" : \"03/01/24 00:00:00\",\n  \"value\" : {\n    \"date\" : null,\n    \
                \"value\" : 0.0,\n    \"error\" : 0.0\n  }\n}]";
    // A file named for March 2023 holding February 2024 (MM/DD/YY): 51.62 → 52 bpm on the
    // 28th, 53.27 → 53 on the 29th; the third entry has no day and no value.
    let f = read_as(Reader::Fitbit, path, json.as_bytes());
    let got: Vec<(String, Option<u16>)> = f
        .days
        .iter()
        .map(|d| (d.date.to_string(), rhr(d)))
        .collect();
    assert_eq!(
        got,
        vec![
            ("2024-02-28".into(), Some(52)),
            ("2024-02-29".into(), Some(53))
        ]
    );
    assert!(f.skipped.is_empty());
}

#[test]
fn fitbit_nightly_hrv_summary() {
    let path =
        "Takeout/Fitbit/Heart Rate Variability/Daily Heart Rate Variability Summary - 2024-07-(21).csv";
    let text = "timestamp,rmssd,nremhr,entropy\n\
                2024-07-22T00:00:00,31.418,51.203,2.391\n\
                2024-07-23T00:00:00,612.5,50.1,2.4\n";
    // The 22nd: rMSSD 31.418 ms (the non-REM heart rate is not a resting HR). Line 3:
    // 612.5 ms is out of range.
    let f = read_as(Reader::Fitbit, path, text.as_bytes());
    assert_eq!(f.days.len(), 1);
    let d = on(&f, "2024-07-22").unwrap();
    assert!(close(rmssd(d), 31.418));
    assert_eq!(
        (d.hrv_source, d.resting_hr),
        (Some(HrvSource::Fitbit), None)
    );
    assert_eq!(skips(&f), pairs(&[("line 3", "rMSSD")]));
}

// ---------------------------------------------------------------------------------------
// Polar's account export.

#[test]
fn polar_nightly_recovery_with_polars_baseline() {
    let path = "polar-user-data-export/nightly_recovery_1712345678-3f2a9c1e-7b7d-4c1e-9a55-2f1f7d7e0a11.json";
    let json = r#"[{"night":"2024-05-05","meanNightlyRecoveryRri":1012,"meanNightlyRecoveryRmssd":54,"meanNightlyRecoveryRespirationInterval":4200,"ansStatus":3.2,"ansRate":4,"recoveryIndicator":4,"recoveryIndicatorSubLevel":60,"meanBaselineRri":990,"sdBaselineRri":45,"meanBaselineRmssd":50,"sdBaselineRmssd":6,"meanBaselineRespirationInterval":4100,"sdBaselineRespirationInterval":200},
{"night":"2024-05-06","meanNightlyRecoveryRri":1050,"meanNightlyRecoveryRmssd":61,"meanNightlyRecoveryRespirationInterval":4150,"recoveryIndicator":5,"meanBaselineRri":995,"sdBaselineRri":44},
{"night":"2024-05-07","meanNightlyRecoveryRri":1000}]"#;
    // The 5th: 54 ms, Polar's baseline 50 ± 6 → (44, 56). The 6th: 61 ms without an rMSSD
    // baseline. The 7th: no rMSSD. No resting HR.
    let f = read_as(Reader::Polar, path, json.as_bytes());
    assert_eq!(f.days.len(), 2);
    let d = on(&f, "2024-05-05").unwrap();
    assert_eq!((rmssd(d), d.hrv_range_ms), (Some(54.0), Some((44.0, 56.0))));
    assert_eq!((d.hrv_source, d.resting_hr), (Some(HrvSource::Polar), None));
    let d = on(&f, "2024-05-06").unwrap();
    assert_eq!((rmssd(d), d.hrv_range_ms), (Some(61.0), None));
    // The per-five-minute samples have no day.
    assert_eq!(
        sources::recognise(
            "polar-user-data-export/nightly_recovery_blob_1712345678-3f2a.json",
            br#"[{"hrvData":[{"startTime":"2024-05-05T00:00:00","samples":[40,41]}]}]"#
        ),
        None
    );
}

// ---------------------------------------------------------------------------------------
// intervals.icu's wellness CSV, in its Wellness field names.

#[test]
fn intervals_icu_wellness_csv() {
    let text = "date,restingHR,hrv,hrvSDNN,sleepSecs,soreness,fatigue,injury,menstrualPhase\n\
                2026-08-01,52,80,60,27000,2,2,1,\n\
                2026-08-02,54,75,,,,,,\n\
                2026-08-03,,,,,4,,4,PERIOD\n\
                2026-08-04,20,,,,5,,,\n";
    // The 1st: RHR 52, rMSSD 80, SDNN 60, 27,000 s = 7.5 h asleep, soreness 2 of 1–4 → 3
    // of 10, not injured. The 2nd: RHR 54, rMSSD 75. The 3rd: soreness 4 → 10, injured,
    // menstruating. The 4th: RHR 20 and soreness 5 are out of range: nothing left.
    let f = read_as(Reader::IntervalsIcu, "wellness.csv", text.as_bytes());
    assert_eq!(f.days.len(), 3);
    let d = on(&f, "2026-08-01").unwrap();
    assert_eq!((rhr(d), rmssd(d)), (Some(52), Some(80.0)));
    assert_eq!(d.hrv_sdnn.map(|x| x.get()), Some(60.0));
    assert_eq!(d.hrv_source, Some(HrvSource::IntervalsIcu));
    assert_eq!(
        (d.sleep_h, d.soreness, d.injured),
        (Some(7.5), Some(3), Some(false))
    );
    assert_eq!(d.menstruating, None);
    let d = on(&f, "2026-08-02").unwrap();
    assert_eq!((rhr(d), rmssd(d), d.soreness), (Some(54), Some(75.0), None));
    let d = on(&f, "2026-08-03").unwrap();
    assert_eq!(
        (d.soreness, d.injured, d.menstruating, d.hrv_source),
        (Some(10), Some(true), Some(true), None)
    );
    assert_eq!(
        skips(&f),
        pairs(&[("line 5", "resting HR"), ("line 5", "soreness (1–4)")])
    );
    // The API's own day column is `id`.
    let f = read_as(
        Reader::IntervalsIcu,
        "w.csv",
        b"id,ctl,atl,weight,restingHR,hrv\n2026-08-01,40.2,45.0,70.1,51,\n",
    );
    assert_eq!(rhr(&f.days[0]), Some(51));
}

// ---------------------------------------------------------------------------------------
// Recognition: the app's own files and other apps' files are never claimed.

#[test]
fn our_own_files_and_other_csvs_are_not_claimed() {
    use recovery_run::store::csv::{CHECK_IN_COLUMNS, COLUMNS};
    let check_ins = format!(
        "{}\n2026-03-01,62,,HRV4Training,48,7.5,2,false,false,false,false,\n",
        CHECK_IN_COLUMNS.join(",")
    );
    let sessions = format!("{}\n", COLUMNS.join(","));
    let backup = br#"{"format":"recovery-run-backup","version":2,"exported_at":"2026-03-10T18:04:00Z","data":{"calendarDate":"x","restingHeartRate":1,"meanNightlyRecoveryRmssd":2}}"#;
    for (path, head) in [
        ("check-ins.csv", check_ins.as_bytes()),
        ("sessions.csv", sessions.as_bytes()),
        ("backup.json", &backup[..]),
        (
            "DI_CONNECT/DI-Connect-Wellness/1_healthStatusData.json",
            &backup[..],
        ),
        ("nightly_recovery_1-x.json", &backup[..]),
        (
            "activities.csv",
            b"Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance\n",
        ),
        ("a.gpx", b"<?xml version=\"1.0\"?><gpx></gpx>"),
        ("empty.csv", b""),
    ] {
        assert_eq!(sources::recognise(path, head), None, "{path}");
    }
}

// ---------------------------------------------------------------------------------------
// Never a panic.

/// A first line of each reader's files, to get arbitrary rows past recognition.
const HEADERS: [&str; 9] = [
    "timestamp_measurement,HR,AVNN,SDNN,rMSSD,pNN50,LF,HF,HRV4T_Recovery_Points",
    "date, time, HR,AVNN,SDNN,rMSSD,sleep_time,muscle_soreness,sickness,menstrual_cycle",
    "Member,Date,Datetime,Type,HRV,lnRmssd,Rmssd,Sdnn,HR",
    "Cycle start time,Cycle end time,Cycle timezone,Recovery score %,Resting heart rate (bpm),Heart rate variability (ms),Wake onset,Asleep duration (min)",
    "Cycle start time,Cycle end time,Cycle timezone,Sleep onset,Wake onset,Asleep duration (min),Nap",
    "Cycle start time,Cycle end time,Cycle timezone,Workout start time,Workout end time,Duration (min),Activity name,Max HR (bpm),Average HR (bpm),Distance (meters)",
    "Cycle start time,Cycle end time,Cycle timezone,Question text,Answered yes,Notes",
    "timestamp,rmssd,nremhr,entropy",
    "date,restingHR,hrv,hrvSDNN,sleepSecs,soreness,injury,menstrualPhase",
];

const JSON_KEYS: [&str; 16] = [
    "calendarDate",
    "metrics",
    "type",
    "value",
    "status",
    "baselineLowerLimit",
    "baselineUpperLimit",
    "deepSleepSeconds",
    "lightSleepSeconds",
    "remSleepSeconds",
    "sleepWindowConfirmationType",
    "restingHeartRate",
    "night",
    "meanNightlyRecoveryRmssd",
    "meanBaselineRmssd",
    "date",
];

fn read_all(path: &str, bytes: &[u8]) {
    for r in Reader::ALL {
        let _ = r.recognises(path, bytes);
        if let Ok(f) = sources::read(r, path, bytes) {
            assert_well_formed(&f);
        }
    }
    let _ = sources::recognise(path, bytes);
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-1e4f64..1e6).prop_map(|x| serde_json::json!(x)),
        any::<i64>().prop_map(|x| serde_json::json!(x)),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}".prop_map(Value::String),
        "(HRV|HR|UNKNOWN|ENHANCED_CONFIRMED|UNCONFIRMED|[0-9/]{8}|.{0,6})".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(&JSON_KEYS[..]), inner), 0..6).prop_map(
                |kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            ),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_reader_panics_on_any_text(text in "\\PC{0,300}") {
        read_all("x.csv", text.as_bytes());
        read_all("DI_CONNECT/DI-Connect-Wellness/x_sleepData.json", text.as_bytes());
    }

    #[test]
    fn no_reader_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        read_all("nightly_recovery_1.json", &bytes);
    }

    #[test]
    fn no_reader_panics_on_rows_under_its_header(
        header in prop::sample::select(&HEADERS[..]),
        rows in prop::collection::vec("[-0-9a-zA-Z:., +/\"?]{0,80}", 0..8),
        ends in prop::sample::select(&["\n", "\r\n", "\r"][..]),
    ) {
        let text = format!("{header}{ends}{}", rows.join(ends));
        read_all("x.csv", text.as_bytes());
    }

    #[test]
    fn no_reader_panics_on_json_records(records in prop::collection::vec(json_value(), 0..6)) {
        let bytes = serde_json::to_vec(&records).unwrap();
        read_all("DI_CONNECT/DI-Connect-Aggregator/UDSFile_x.json", &bytes);
        read_all("resting_heart_rate-2024-01-01.json", &bytes);
    }
}
