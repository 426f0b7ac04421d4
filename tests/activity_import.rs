//! Activity files (issue #10) against fixtures made by encoders that are not ours:
//! the FIT files by Garmin's FIT SDK for JavaScript (scripts/make_fit_fixtures.mjs), whose
//! Decoder's reading of the same files is in tests/fixtures/activity/expected.json; the TCX
//! and GPX files by hand, with the expected values worked out in their comments.

use recovery_run::activity::{self, ActivityFile, ActivitySummary, FileError, FileFormat};
use recovery_run::domain::profile::Profile;
use recovery_run::domain::quantity::{Bpm, PacePerKm, Watts};
use recovery_run::domain::session::{Session, SessionId, Sport, TssMethod};
use recovery_run::report::{self, Tally};
use recovery_run::store::backup;
use recovery_run::store::data::Data;
use recovery_run::store::import::plan::{ActivityOutcome, ActivityPlan};
use recovery_run::store::import::{self, ImportContext, Plan, Shard, Source};
use serde_json::Value;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/activity/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// What Garmin's Decoder read from `name`.
fn garmin(name: &str) -> Value {
    let text = String::from_utf8(fixture("expected.json")).unwrap();
    let all: Value = serde_json::from_str(&text).unwrap();
    all[name].clone()
}

/// Central European Time, as a browser in Paris in March would say.
fn cet(_: i64) -> i32 {
    60
}

/// The one activity of a single-sport file.
fn read(name: &str) -> Result<ActivitySummary, FileError> {
    read_file(name).map(|f| {
        assert_eq!(f.activities.len(), 1, "{name} is one activity");
        f.activities.into_iter().next().unwrap()
    })
}

fn read_file(name: &str) -> Result<ActivityFile, FileError> {
    activity::read(name, &fixture(name), &cet)
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

#[test]
fn fit_ride_with_power_and_heart_rate() {
    let g = garmin("ride_power_hr.fit");
    let a = read("ride_power_hr.fit").unwrap();
    assert_eq!(a.format, FileFormat::Fit);
    assert_eq!(
        (a.sport, g["session"]["sport"].as_str()),
        (Sport::Ride, Some("cycling"))
    );
    assert_eq!(a.start_utc_s, g["first_record_unix_s"].as_i64().unwrap());
    // The activity message's local_timestamp says +1 h (Garmin's Decoder reads 3600 s), so
    // 08:00 UTC is 09:00 local, whatever offset the caller passes.
    assert_eq!(g["local_offset_s"].as_i64(), Some(3600));
    assert!(a.local_time_from_file);
    assert_eq!(
        (a.date.to_string(), a.start_time.to_string()),
        ("2026-03-07".into(), "09:00".into())
    );
    let other_zone = activity::read("r.fit", &fixture("ride_power_hr.fit"), &|_| -300)
        .unwrap()
        .activities
        .remove(0);
    assert_eq!(other_zone.start_time, a.start_time);
    // Durations: 3 600 s from the first record to the last (Garmin: session total 3 600).
    assert_eq!(g["session"]["total_elapsed_time"].as_f64(), Some(3600.0));
    assert_eq!((a.elapsed.get(), a.moving.get()), (3600, 3600));
    assert_eq!(a.distance.map(|d| d.get()), g["last_distance_m"].as_f64());
    // Heart rate: 20 min at 140, 20 at 165, 20 at 140 = 148.33 bpm (Garmin's record mean
    // counts the first record too: 148.33); max 165.
    assert_eq!(
        a.avg_hr,
        Bpm::new(g["record_hr_mean"].as_f64().unwrap().round() as u16)
    );
    assert_eq!(
        a.max_hr.map(|b| u64::from(b.get())),
        g["record_hr_max"].as_u64()
    );
    // Average power: the device's session message says 183 W (fitdecode reads
    // session.avg_power = 183; the records' mean by hand is (150 + 250 + 150) / 3 = 183.33 W,
    // which the device rounded). Issue #16: the device's summary is the truth where it has one.
    assert_eq!(a.avg_power, Watts::new(183.0));
    // NP as computed in the fixture script from the power Garmin's Decoder read back.
    let np = g["normalized_power_w"].as_f64().unwrap();
    assert!(
        close(a.normalized_power.unwrap().get(), np, 1e-6),
        "{:?} vs {np}",
        a.normalized_power
    );
    assert_eq!(
        a.elevation_gain.map(|m| m.get()),
        Some(0.0),
        "flat at 100 m"
    );
}

#[test]
fn fit_hilly_run_grade_adjusts_its_pace() {
    let g = garmin("run_hilly.fit");
    let a = read("run_hilly.fit").unwrap();
    assert_eq!(a.sport, Sport::Run);
    assert_eq!(
        (a.date.to_string(), a.start_time.to_string()),
        ("2026-03-09".into(), "07:30".into())
    );
    assert_eq!(a.distance.map(|d| d.get()), Some(8100.0));
    assert_eq!(a.avg_power, None);
    // Elevation gain by hand (fixture script): 20 m + 4 × 40 m = 180 m; FIT stores altitude
    // in steps of 0.2 m, so each top and bottom may be 0.2 m off.
    let gain = a.elevation_gain.unwrap().get();
    assert!(close(gain, 180.0, 2.0), "{gain}");
    // NGP as the fixture script computed it from Garmin's decoded streams (Minetti 2002).
    let ngp = a.normalized_graded_pace.unwrap().get();
    let expected = g["normalized_graded_pace_s_per_km"].as_f64().unwrap();
    assert!(close(ngp, expected, 0.01), "{ngp} vs {expected}");
    // Running up costs more than running down saves (Minetti's curve is convex), so over
    // hills the graded pace is faster than the flat pace of 3 m/s = 333.3 s/km.
    assert!(ngp < 1000.0 / 3.0);
}

#[test]
fn damaged_fit_files_say_why() {
    // A file cut short imports what was recorded before the cut (issue #16), and says so.
    // Garmin's Decoder, reading as far as it can, finds records from 1 772 870 400 to
    // 1 772 872 202 (1 802 s), the last distance 16 218 m, and no session message.
    let g = garmin("truncated.fit");
    assert_eq!(g["integrity"], Value::Bool(false));
    let file = read_file("truncated.fit").unwrap();
    let a = &file.activities[0];
    let span =
        g["last_record_unix_s"].as_i64().unwrap() - g["first_record_unix_s"].as_i64().unwrap();
    assert_eq!((a.elapsed.get(), i64::from(a.elapsed.get())), (1802, span));
    assert_eq!(a.distance.map(|d| d.get()), g["last_distance_m"].as_f64());
    assert!(
        file.notes[0].starts_with("the file is cut short: the 30 min recorded"),
        "{:?}",
        file.notes
    );
    assert_eq!(garmin("bad_crc.fit")["integrity"], Value::Bool(false));
    assert_eq!(read("bad_crc.fit"), Err(FileError::BadChecksum));
    assert_eq!(
        read("course.fit"),
        Err(FileError::NotARecording {
            format: FileFormat::Fit,
            what: "course".into()
        })
    );
    let e = read("bad_crc.fit").unwrap_err().to_string();
    assert!(e.contains("damaged") && e.ends_with('.'), "{e}");
}

#[test]
fn tcx_run_by_hand() {
    let a = read("run.tcx").unwrap();
    assert_eq!((a.format, a.sport), (FileFormat::Tcx, Sport::Run));
    // 17:00 UTC with the caller's +60 min: 18:00.
    assert_eq!(
        (a.date.to_string(), a.start_time.to_string()),
        ("2026-03-10".into(), "18:00".into())
    );
    assert!(!a.local_time_from_file);
    assert_eq!(a.utc_offset_min, 60);
    assert_eq!((a.elapsed.get(), a.moving.get()), (60, 60));
    assert_eq!(a.distance.map(|d| d.get()), Some(180.0));
    // The mean of the recorded heart rates (as watches and sports-lib average them):
    // (140 + 142 + … + 152) / 7 = 1022 / 7 = 146.0; the lap's maximum, 152.
    assert_eq!((a.avg_hr, a.max_hr), (Bpm::new(146), Bpm::new(152)));
    assert_eq!(
        (a.avg_power, a.normalized_power),
        (Watts::new(200.0), Watts::new(200.0))
    );
    assert_eq!(a.elevation_gain.map(|m| m.get()), Some(6.0));
}

#[test]
fn gpx_ride_by_hand() {
    let a = read("ride.gpx").unwrap();
    assert_eq!((a.format, a.sport), (FileFormat::Gpx, Sport::Ride));
    assert_eq!(a.start_time.to_string(), "07:00");
    assert_eq!(a.elapsed.get(), 40);
    let d = a.distance.unwrap().get();
    assert!(close(d, 4.0 * 111.194_93, 0.01), "{d}");
    // The mean of the points' heart rates: (120 + 125 + 130 + 135 + 140) / 5 = 130.
    assert_eq!((a.avg_hr, a.max_hr), (Bpm::new(130), Bpm::new(140)));
    // The track's own name is the title (issue #17: not the file name).
    assert_eq!(a.title.as_deref(), Some("Morning ride"));
    assert_eq!(a.elevation_gain.map(|m| m.get()), Some(10.0));
}

#[test]
fn bad_files_give_a_reason() {
    assert_eq!(
        read("route_without_times.gpx"),
        Err(FileError::NoTimes {
            format: FileFormat::Gpx
        })
    );
    assert_eq!(
        read("not_an_activity.txt"),
        Err(FileError::NotAnActivityFile)
    );
    let backup = std::fs::read(format!(
        "{}/tests/fixtures/backup-v1.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    assert_eq!(
        activity::read("b.json", &backup, &cet),
        Err(FileError::NotAnActivityFile)
    );
    assert_eq!(
        activity::read("e.gpx", b"  \n", &cet),
        Err(FileError::Empty)
    );
    let tcx = fixture("run.tcx");
    assert_eq!(
        activity::read("cut.tcx", &tcx[..tcx.len() / 2], &cet),
        Err(FileError::Truncated {
            format: FileFormat::Tcx
        })
    );
    assert_eq!(
        activity::read("x.fit", b".FI", &cet),
        Err(FileError::Truncated {
            format: FileFormat::Fit
        })
    );
    // Every cut of a FIT file is refused with a reason, or (once a minute of records is
    // in) imported with a note that it is cut short, never a panic.
    let fit = fixture("run_hilly.fit");
    for n in (0..fit.len()).step_by(97) {
        match activity::read("x.fit", &fit[..n], &cet) {
            Err(e) => assert!(e.to_string().ends_with('.'), "cut at {n}: {e}"),
            Ok(f) => assert!(
                f.notes.iter().any(|n| n.contains("cut short")),
                "cut at {n}: {:?}",
                f.notes
            ),
        }
    }
}

#[test]
fn summaries_cross_threads_as_json() {
    let a = read("run_hilly.fit").unwrap();
    let json = serde_json::to_string(&a).unwrap();
    assert_eq!(serde_json::from_str::<ActivitySummary>(&json).unwrap(), a);
    let e: Result<ActivitySummary, FileError> = Err(FileError::BadChecksum);
    let json = serde_json::to_string(&e).unwrap();
    assert_eq!(
        serde_json::from_str::<Result<ActivitySummary, FileError>>(&json).unwrap(),
        e
    );
}

fn athlete() -> Profile {
    Profile {
        ftp: Watts::new(250.0),
        lthr: Bpm::new(170),
        threshold_pace: PacePerKm::new(255.0),
        ..Profile::default()
    }
}

fn batch(names: &[&str]) -> Vec<(String, Vec<u8>)> {
    names.iter().map(|n| (n.to_string(), fixture(n))).collect()
}

/// Activity files through the Data page's path (issue #32): planned against the data's
/// context, then applied; the data and the applied plan.
fn import_activities(data: &Data, files: Vec<(String, Vec<u8>)>) -> (Data, Plan) {
    let sources = files
        .into_iter()
        .map(|(name, bytes)| (name, Ok(Source::Bytes(bytes))))
        .collect();
    let mut plan = import::plan(
        &ImportContext::of(data),
        sources,
        &cet,
        &mut |_| {},
        Shard::default(),
    );
    let mut next = data.clone();
    import::apply(&mut next, &mut plan);
    (next, plan)
}

/// The `i`th activity of a plan.
fn nth(plan: &Plan, i: usize) -> &ActivityPlan {
    plan.activities().nth(i).expect("that many activities")
}

#[test]
fn import_scores_from_the_streams_and_skips_duplicates() {
    let mut data = Data::default();
    data.set_profile(athlete());
    let (next, report) = import_activities(
        &data,
        batch(&[
            "ride_power_hr.fit",
            "run_hilly.fit",
            "ride_power_hr.fit",
            "bad_crc.fit",
            "route_without_times.gpx",
        ]),
    );
    let tally = Tally::of(&report);
    assert_eq!((tally.added, tally.duplicates, tally.failed), (2, 1, 2));
    assert_eq!(
        tally.summary(),
        "2 activities added, 1 already in the log, 2 files could not be read."
    );
    assert_eq!(
        nth(&report, 2).outcome,
        ActivityOutcome::SameAsEarlier {
            label: "ride_power_hr.fit".into()
        }
    );
    assert_eq!(next.sessions.len(), 2);
    assert!(data.sessions.is_empty(), "the input is never changed");

    // The ride: Coggan's TSS from the stream's NP, 1 h × (NP / 250)² × 100.
    let ride = &next.sessions[0];
    let np = garmin("ride_power_hr.fit")["normalized_power_w"]
        .as_f64()
        .unwrap();
    assert_eq!(ride.id, SessionId("act-2026-03-07-0900-ride".into()));
    assert_eq!(ride.tss_method, Some(TssMethod::Power));
    assert!(close(
        ride.tss.unwrap().get(),
        100.0 * (np / 250.0).powi(2),
        1e-6
    ));
    assert_eq!(ride.duration.get(), 3600);
    // The run: rTSS from NGP, 0.75 h × (255 / NGP)² × 100.
    let run = &next.sessions[1];
    let ngp = run.normalized_graded_pace.unwrap().get();
    assert_eq!(run.tss_method, Some(TssMethod::Pace));
    assert!(close(
        run.tss.unwrap().get(),
        75.0 * (255.0 / ngp).powi(2),
        5e-7 // TSS are held to the millionth (quantity::GRAIN)
    ));

    // Importing the same files again adds nothing.
    let (again, report) = import_activities(&next, batch(&["run_hilly.fit", "ride_power_hr.fit"]));
    let tally = Tally::of(&report);
    assert_eq!((tally.added, tally.duplicates), (0, 2));
    assert_eq!(again, next);
}

#[test]
fn a_session_logged_by_hand_at_the_same_time_is_a_duplicate() {
    let mut data = Data::default();
    let a = read("run.tcx").unwrap();
    let mut typed = Session::new(SessionId("mine".into()), a.date, Sport::Run, a.moving);
    typed.start_time = Some(a.start_time);
    data.upsert_session(typed);
    let (next, report) = import_activities(&data, batch(&["run.tcx", "ride.gpx"]));
    assert_eq!(
        nth(&report, 0).outcome,
        ActivityOutcome::AlreadyInLog {
            id: SessionId("mine".into())
        }
    );
    assert_eq!((Tally::of(&report).added, next.sessions.len()), (1, 2));
}

#[test]
fn time_in_zone_hr_tss_by_hand_and_through_rescoring() {
    // No threshold pace or FTP: the hilly run is scored by time in zones. LTHR 170 (Friel,
    // zones.rs): Z2 is 145–151 bpm, Z4 160–168 bpm. 1 800 s at 150 bpm (Z2, IF 0.87) and
    // 900 s at 165 bpm (Z4, IF 0.97): hrTSS = (1800 × 0.87² + 900 × 0.97²) / 3600 × 100
    // = (1362.42 + 846.81) / 36 = 61.3675.
    let mut data = Data::default();
    data.set_profile(Profile {
        lthr: Bpm::new(170),
        ..Profile::default()
    });
    let (next, _) = import_activities(&data, batch(&["run_hilly.fit"]));
    let run = next.sessions[0].clone();
    assert_eq!(run.tss_method, Some(TssMethod::Hr));
    assert!(
        close(run.tss.unwrap().get(), 2209.23 / 36.0, 5e-7),
        "{:?}",
        run.tss
    );
    // Average-HR hrTSS would have said 0.75 × (155/170)² × 100 = 62.35: a different number.
    // A new FTP rescores every session, and leaves this one as it was.
    let mut later = next.clone();
    later.set_profile(Profile {
        ftp: Watts::new(200.0),
        ..later.profile.clone()
    });
    assert_eq!(later.sessions[0].tss, run.tss);
    // A new threshold pace now scores it by NGP instead, and exactly.
    later.set_profile(Profile {
        threshold_pace: PacePerKm::new(300.0),
        ..later.profile.clone()
    });
    let ngp = run.normalized_graded_pace.unwrap().get();
    assert_eq!(later.sessions[0].tss_method, Some(TssMethod::Pace));
    assert!(close(
        later.sessions[0].tss.unwrap().get(),
        75.0 * (300.0 / ngp).powi(2),
        5e-7
    ));
}

#[test]
fn imported_sessions_survive_a_backup_round_trip() {
    let mut data = Data::default();
    data.set_profile(athlete());
    let (next, _) = import_activities(&data, batch(&["run_hilly.fit", "ride_power_hr.fit"]));
    assert!(
        next.sessions[0].zone_hr.is_some() && next.sessions[0].normalized_graded_pace.is_some()
    );
    let text = backup::export(&next, "2026-03-10T18:04:00Z");
    let (restored, report) =
        import::import(&Data::default(), "backup.json", text.as_bytes()).unwrap();
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!(restored.sessions, next.sessions);
}

/// A GPX run due north along a meridian: a point every 10 s, 0.0003° of latitude apart
/// (33.36 m: 3.34 m/s), with the points listed in `spikes` moved 3° (333 km) east.
fn gpx_run(points: usize, spikes: &[usize]) -> String {
    let mut trk = String::new();
    for i in 0..points {
        let lon = if spikes.contains(&i) { 10.0 } else { 7.0 };
        trk.push_str(&format!(
            r#"<trkpt lat="{:.4}" lon="{lon}"><time>2026-06-10T{:02}:{:02}:{:02}Z</time></trkpt>"#,
            45.0 + 0.0003 * i as f64,
            6 + (i * 10) / 3600,
            ((i * 10) / 60) % 60,
            (i * 10) % 60
        ));
    }
    format!(
        r#"<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Spiky &amp; short</name><type>running</type><trkseg>{trk}</trkseg></trk></gpx>"#
    )
}

#[test]
fn a_gps_spike_is_skipped() {
    // Corpus f21a (after public reports of a 605 km run from one bad fix): 61 points, one
    // 333 km off. By hand the run is 60 steps × 33.36 m = 2 001.7 m (0.0003° of latitude =
    // 111 194.93 m × 0.0003 = 33.358 m); the spike and the way back from it are left out,
    // so the step around it is two steps long (66.7 m in 20 s, a plausible 3.3 m/s).
    let text = gpx_run(61, &[30]);
    let a = activity::read("s.gpx", text.as_bytes(), &cet)
        .unwrap()
        .activities[0]
        .clone();
    let d = a.distance.unwrap().get();
    assert!(close(d, 60.0 * 33.358_48, 0.05), "{d}");
    assert_eq!(a.title.as_deref(), Some("Spiky & short"));
    // The same track without the spike: the same distance.
    let clean = gpx_run(61, &[]);
    let b = activity::read("c.gpx", clean.as_bytes(), &cet)
        .unwrap()
        .activities[0]
        .clone();
    assert!(close(b.distance.unwrap().get(), d, 1e-6));
}

#[test]
fn a_tcx_multisport_file_is_a_session_per_discipline() {
    // Garmin's TCX multisport layout (MultiSportSession/FirstSport/NextSport), written by
    // hand: a 20 min ride of 10 km, a 1 min transition, a 10 min run of 2.5 km. By hand:
    // two sessions with the laps' times and distances; the transition is left out and said.
    let tcx = r#"<?xml version="1.0"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
 <Activities><MultiSportSession><Id>2026-06-07T07:00:00Z</Id>
  <FirstSport><Activity Sport="Biking"><Id>2026-06-07T07:00:00Z</Id>
   <Lap StartTime="2026-06-07T07:00:00Z"><TotalTimeSeconds>1200</TotalTimeSeconds><DistanceMeters>10000</DistanceMeters>
    <AverageHeartRateBpm><Value>140</Value></AverageHeartRateBpm>
    <Track><Trackpoint><Time>2026-06-07T07:00:00Z</Time><DistanceMeters>0</DistanceMeters></Trackpoint>
    <Trackpoint><Time>2026-06-07T07:20:00Z</Time><DistanceMeters>10000</DistanceMeters></Trackpoint></Track></Lap>
  </Activity></FirstSport>
  <NextSport><Transition StartTime="2026-06-07T07:20:00Z"><TotalTimeSeconds>60</TotalTimeSeconds></Transition>
   <Activity Sport="Running"><Id>2026-06-07T07:21:00Z</Id>
   <Lap StartTime="2026-06-07T07:21:00Z"><TotalTimeSeconds>600</TotalTimeSeconds><DistanceMeters>2500</DistanceMeters>
    <AverageHeartRateBpm><Value>155</Value></AverageHeartRateBpm>
    <Track><Trackpoint><Time>2026-06-07T07:21:00Z</Time><DistanceMeters>0</DistanceMeters></Trackpoint>
    <Trackpoint><Time>2026-06-07T07:31:00Z</Time><DistanceMeters>2500</DistanceMeters></Trackpoint></Track></Lap>
  </Activity></NextSport>
 </MultiSportSession></Activities></TrainingCenterDatabase>"#;
    let tri: Vec<u8> = tcx.into();
    let file = activity::read("tri.tcx", tcx.as_bytes(), &|_| 120).unwrap();
    let legs: Vec<_> = file
        .activities
        .iter()
        .map(|a| {
            (
                a.sport,
                a.start_time.to_string(),
                a.moving.get(),
                a.distance.map(|d| d.get()),
                a.avg_hr.map(|b| b.get()),
            )
        })
        .collect();
    assert_eq!(
        legs,
        [
            (Sport::Ride, "09:00".into(), 1200, Some(10_000.0), Some(140)),
            (Sport::Run, "09:21".into(), 600, Some(2_500.0), Some(155)),
        ]
    );
    assert!(
        file.notes[0].starts_with("1 transition left out"),
        "{:?}",
        file.notes
    );
    // Imported, each leg is its own session, labelled with its leg in the report.
    let (next, report) = import_activities(&Data::default(), vec![("tri.tcx".into(), tri)]);
    assert_eq!(next.sessions.len(), 2);
    assert_eq!(nth(&report, 1).label, "tri.tcx (leg 2 of 2, run)");
}

#[test]
fn an_implausible_estimate_is_flagged_with_its_inputs() {
    // A 16-minute "run" of 7.4 km (2:10/km, say a ride recorded as a run) with a threshold
    // pace of 4:30/km: IF = 270 / 130 = 2.077, rTSS = 16/60 h × 2.077² × 100 = 115 TSS,
    // i.e. 431 TSS an hour, over the 225 of docs/domain.md §6.
    let tcx = r#"<?xml version="1.0"?><TrainingCenterDatabase><Activities><Activity Sport="Running">
      <Id>2026-06-01T06:00:00Z</Id><Lap StartTime="2026-06-01T06:00:00Z">
      <TotalTimeSeconds>960</TotalTimeSeconds><DistanceMeters>7384.6</DistanceMeters></Lap>
      </Activity></Activities></TrainingCenterDatabase>"#;
    let mut data = Data::default();
    data.set_profile(Profile {
        threshold_pace: PacePerKm::new(270.0),
        ..Profile::default()
    });
    let (next, report) = import_activities(&data, vec![("fast.tcx".into(), tcx.into())]);
    let s = &next.sessions[0];
    let rate = s.tss.unwrap().get() / s.duration.hours();
    assert!(
        close(rate, 100.0 * (270.0f64 / 130.0).powi(2), 0.5),
        "{rate}"
    );
    let line = report::activity_line(nth(&report, 0));
    assert!(line.contains("implausible: 431 TSS an hour"), "{line}");
    assert!(line.contains("7.38 km in 0:16:00 (2:10/km)"), "{line}");
}

#[test]
fn formats_as_they_come_bom_whitespace_prefixes() {
    // A BOM and blank lines before the declaration (files saved by editors and some
    // exporters), and TCX elements under a namespace prefix: read as the plain run.tcx.
    let plain = fixture("run.tcx");
    let text = String::from_utf8(plain).unwrap();
    let odd = format!("\u{feff}\n  \r\n{text}");
    let a = activity::read("odd.tcx", odd.as_bytes(), &cet)
        .unwrap()
        .activities[0]
        .clone();
    let b = read("run.tcx").unwrap();
    assert_eq!(a, b);
    let prefixed = text
        .replace(
            "xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\"",
            "xmlns:tcd=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\"",
        )
        .replace("<", "<tcd:")
        .replace("<tcd:/", "</tcd:")
        .replace("<tcd:?", "<?")
        .replace("<tcd:!", "<!")
        .replace("tcd:ns3:", "ns3:");
    let c = activity::read("p.tcx", prefixed.as_bytes(), &cet)
        .unwrap()
        .activities[0]
        .clone();
    assert_eq!(c, b);
}
