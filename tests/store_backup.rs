//! The backup file (docs/formats.md §1): export → parse is lossless; another format or a newer
//! version is refused whole; a bad record is skipped and named, the rest read.

mod store_support;

use proptest::prelude::*;
use recovery_run::domain::profile::Profile;
use recovery_run::domain::quantity::{Bpm, Metres, PacePerKm, RmssdMs, Rpe, Tss};
use recovery_run::domain::session::{Intent, Sport, TssMethod};
use recovery_run::domain::wellness::Wellness;
use recovery_run::store::backup::{export, parse, FORMAT, VERSION};
use recovery_run::store::data::Data;
use recovery_run::store::import::ImportError;
use serde_json::{json, Value};
use store_support::bare;

#[test]
fn the_file_is_as_formats_md_says() {
    let mut d = Data::default();
    d.profile.lthr = Bpm::new(168);
    d.profile.threshold_pace = PacePerKm::new(255.0);
    let mut s = bare("s1", "2026-03-09", Sport::Run, 3600);
    s.start_time = "07:30".parse().ok();
    s.intent = Some(Intent::Workout);
    s.title = "6 x 800 m".into();
    s.distance = Metres::new(12_000.0);
    s.avg_hr = Bpm::new(158);
    s.rpe = Rpe::new(8);
    s.tss = Tss::new(92.0);
    s.tss_method = Some(TssMethod::Hr);
    d.sessions.push(s);
    let mut w = Wellness::empty("2026-03-10".parse().unwrap());
    w.soreness = Some(3);
    w.sleep_h = Some(7.5);
    w.resting_hr = Bpm::new(50);
    w.hrv = RmssdMs::new(62.0);
    w.sick = true;
    d.wellness.push(w);
    let expected = r#"{
  "format": "recovery-run-backup",
  "version": 2,
  "exported_at": "2026-03-10T18:04:00Z",
  "profile": {
    "sex": null,
    "birth_year": null,
    "weight_kg": null,
    "height_cm": null,
    "athlete": "runner",
    "injury_prone": false,
    "weekly_volume_m": null,
    "units": "metric",
    "lthr_bpm": 168,
    "max_hr_bpm": null,
    "resting_hr_bpm": null,
    "threshold_pace_s_per_km": 255.0,
    "ftp_w": null,
    "css_s_per_100m": null,
    "ctl_time_constant_days": 42.0,
    "atl_time_constant_days": 7.0,
    "start_ctl": 0.0,
    "start_atl": 0.0,
    "pmc_update": "exponential",
    "thresholds": [],
    "fitness_on": null
  },
  "sessions": [
    {
      "id": "s1",
      "date": "2026-03-09",
      "start_time": "07:30",
      "sport": "run",
      "intent": "workout",
      "title": "6 x 800 m",
      "duration_s": 3600,
      "distance_m": 12000.0,
      "avg_hr_bpm": 158,
      "avg_power_w": null,
      "normalized_power_w": null,
      "rpe": 8,
      "tss": 92.0,
      "tss_method": "hr",
      "notes": "",
      "tss_method_chosen": null,
      "thresholds_since": null
    }
  ],
  "wellness": [
    {
      "date": "2026-03-10",
      "soreness": 3,
      "pain": false,
      "menstruating": false,
      "sleep_h": 7.5,
      "resting_hr_bpm": 50,
      "notes": "",
      "hrv_rmssd_ms": 62.0,
      "sick": true,
      "injured": false,
      "hrv_sdnn_ms": null,
      "hrv_source": null,
      "hrv_range_low_ms": null,
      "hrv_range_high_ms": null
    }
  ]
}"#;
    assert_eq!(export(&d, "2026-03-10T18:04:00Z"), expected);
    assert_eq!((FORMAT, VERSION), ("recovery-run-backup", 2));
    // And it reads back whole.
    let b = parse(&export(&d, "2026-03-10T18:04:00Z")).unwrap();
    assert_eq!(b.wellness, d.wellness);
}

/// docs/formats.md §1.1: a version 1 file still imports (its check-ins without the readiness
/// fields); a version 2 check-in's fields are read; unknown fields are ignored.
#[test]
fn version_1_still_imports_and_version_2_adds_readiness() {
    let v1 = parse(include_str!("fixtures/backup-v1.json")).unwrap();
    assert!(v1
        .wellness
        .iter()
        .all(|w| w.hrv.is_none() && !w.sick && !w.injured));
    let v2 = parse(
        r#"{"format":"recovery-run-backup","version":2,"wellness":[
        {"date":"2026-03-10","hrv_rmssd_ms":"48.5","sick":"yes","injured":false,"from_the_future":1},
        {"date":"2026-03-11","hrv_rmssd_ms":0}]}"#,
    )
    .unwrap();
    assert_eq!(v2.wellness.len(), 1);
    assert_eq!(v2.wellness[0].hrv, RmssdMs::new(48.5));
    assert!(v2.wellness[0].sick && !v2.wellness[0].injured);
    assert_eq!(v2.skipped.len(), 1, "an rMSSD of 0 ms is not one");
    assert!(v2.skipped[0].1.contains("hrv_rmssd_ms"), "{:?}", v2.skipped);
}

#[test]
fn the_demo_backup_reads_whole() {
    let b = parse(include_str!("fixtures/backup-v1.json")).unwrap();
    assert!(b.skipped.is_empty(), "{:?}", b.skipped);
    assert_eq!(b.sessions.len(), 13);
    assert_eq!(b.wellness.len(), 1);
    let p = b.profile.unwrap().apply(&Profile::default());
    assert_eq!(p.lthr, Bpm::new(168));
}

/// One good session, then one of each kind of bad one, then another good one.
#[test]
fn bad_sessions_are_skipped_by_index_with_the_reason() {
    let ok = |date: &str| json!({"date": date, "sport": "run", "duration_s": 1800});
    let with = |k: &str, v: Value| {
        let mut s = ok("2026-03-09");
        s[k] = v;
        s
    };
    let text = json!({
        "format": "recovery-run-backup", "version": 1,
        "sessions": [
            ok("2026-03-01"),                      // 1
            with("date", json!("2026-02-29")),     // 2: 2026 is not a leap year
            with("sport", json!("skating")),       // 3
            with("intent", json!("fun")),          // 4
            with("duration_s", json!(0)),          // 5
            with("duration_s", json!(48 * 3600 + 1)), // 6
            with("avg_hr_bpm", json!(251)),        // 7
            with("tss", json!(1000.5)),            // 8
            with("tss", json!("NaN")),             // 9
            json!({"date": "2026-03-09", "duration_s": 60}), // 10
            "not a session",                       // 11
            ok("2026-03-02"),                      // 12
        ]
    })
    .to_string();
    let b = parse(&text).unwrap();
    let dates: Vec<String> = b.sessions.iter().map(|s| s.date.to_string()).collect();
    assert_eq!(dates, ["2026-03-01", "2026-03-02"]);
    let expected = [
        ("session 2", "date: 2026-02-29 is not a day of the calendar"),
        ("session 3", "sport: “skating” is not one of"),
        ("session 4", "intent: “fun” is not one of"),
        ("session 5", "duration_s: 0 is not a valid duration"),
        ("session 6", "duration_s: 172801 is not a valid duration"),
        ("session 7", "avg_hr_bpm: 251 is not a valid heart rate"),
        ("session 8", "tss: 1000.5 is not a valid TSS"),
        ("session 9", "tss: “NaN” is not a finite number"),
        ("session 10", "sport is missing"),
        ("session 11", "not a session"),
    ];
    assert_eq!(b.skipped.len(), expected.len(), "{:#?}", b.skipped);
    for ((at, why), (want_at, want_why)) in b.skipped.iter().zip(expected) {
        assert_eq!(at, want_at);
        assert!(
            why.starts_with(want_why),
            "{at}: “{why}” should start “{want_why}”"
        );
    }
}

#[test]
fn only_the_required_fields_are_required() {
    let b = parse(
        r#"{"format":"recovery-run-backup","version":1,
        "sessions":[{"date":"2026-03-09","sport":"yoga","duration_s":900}],
        "wellness":[{"date":"2026-03-09"}]}"#,
    )
    .unwrap();
    assert!(b.skipped.is_empty(), "{:?}", b.skipped);
    assert!(b.profile.is_none() && b.exported_at.is_none());
    assert_eq!(b.sessions[0].title, "");
    assert!(!b.wellness[0].pain);
    let e = parse(r#"{"format":"recovery-run-backup","sessions":[]}"#).unwrap_err();
    assert!(e.to_string().contains("no version"), "{e}");
}

#[test]
fn unknown_fields_are_ignored_everywhere() {
    let b = parse(
        r#"{"format":"recovery-run-backup","version":1,"app":"other","extra":[1,2],
        "profile":{"lthr_bpm":170,"shoe":"fast"},
        "sessions":[{"date":"2026-03-09","sport":"run","duration_s":60,"gear":{"id":3}}],
        "wellness":[{"date":"2026-03-09","mood":"good"}]}"#,
    )
    .unwrap();
    assert!(b.skipped.is_empty(), "{:?}", b.skipped);
    assert_eq!(
        b.profile.unwrap().fields().collect::<Vec<_>>(),
        ["lthr_bpm"]
    );
    assert_eq!((b.sessions.len(), b.wellness.len()), (1, 1));
}

#[test]
fn a_repeated_check_in_day_keeps_the_first() {
    let b = parse(r#"{"format":"recovery-run-backup","version":1,"wellness":[
        {"date":"2026-03-09","soreness":2},{"date":"2026-03-10"},{"date":"2026-03-09","soreness":9}]}"#)
    .unwrap();
    assert_eq!(b.wellness.len(), 2);
    assert_eq!(b.wellness[0].soreness, Some(2));
    assert_eq!(b.skipped[0].0, "check-in 3");
    assert!(b.skipped[0].1.contains("check-in 1"), "{:?}", b.skipped);
}

#[test]
fn refused_whole_with_a_clear_message() {
    // Version 2 is this app's since issue #19 (docs/formats.md §1.1): 3 is the newer one now.
    let newer = parse(r#"{"format":"recovery-run-backup","version":3,"sessions":[]}"#).unwrap_err();
    assert_eq!(
        newer,
        ImportError::NewerVersion {
            found: 3,
            newest: 2
        }
    );
    assert!(
        newer.to_string().contains("newer version of Recovery Run"),
        "{newer}"
    );
    let other = parse(r#"{"format":"strava-archive","version":1}"#).unwrap_err();
    assert!(
        other
            .to_string()
            .contains("not a Recovery Run backup (its format is “strava-archive”)"),
        "{other}"
    );
    let text = export(&Data::default(), "2026-03-10T18:04:00Z");
    let cut = parse(&text[..text.len() / 2]).unwrap_err();
    assert!(cut.to_string().contains("cut short"), "{cut}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn export_then_parse_gives_the_same_records(d in store_support::data()) {
        let b = parse(&export(&d, "2026-03-10T18:04:00Z")).unwrap();
        prop_assert!(b.skipped.is_empty(), "{:?}", b.skipped);
        // Version 2: the dated sets come apart from the profile's fields (docs/formats.md §1.1).
        let profile = b.profile.unwrap().apply(&Profile::default());
        let profile = match b.thresholds {
            Some(sets) => profile.with_sets(sets).unwrap(),
            None => profile,
        };
        prop_assert_eq!(profile, d.profile);
        prop_assert_eq!(b.sessions, d.sessions);
        prop_assert_eq!(b.wellness, d.wellness);
        prop_assert_eq!(b.exported_at.as_deref(), Some("2026-03-10T18:04:00Z"));
    }

    #[test]
    fn parsing_never_panics(text in any::<String>()) {
        let _ = parse(&text);
    }
}

/// docs/formats.md §1.1, `fitness_on` (docs/domain.md §2.1): fitness and fatigue set on a date
/// go out in the profile and come back whole; a bad one is skipped and named, the rest of the
/// profile read; a file without it (version 1, or null) sets none, and the import's offer
/// of the file's profile names the change.
#[test]
fn fitness_set_on_a_date_round_trips_and_a_bad_one_is_named() {
    use recovery_run::domain::profile::FitnessOn;
    let mut d = Data::default();
    d.profile.fitness_on = FitnessOn::new("2026-03-01".parse().unwrap(), 50.5, 60.0);
    let text = export(&d, "2026-03-10T18:04:00Z");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v["profile"]["fitness_on"],
        json!(["2026-03-01", 50.5, 60.0])
    );
    let p = parse(&text)
        .unwrap()
        .profile
        .unwrap()
        .apply(&Profile::default());
    assert_eq!(p, d.profile);
    assert!(!p.is_fresh());
    assert_eq!(
        Profile::default().changes_to(&p),
        ["fitness on a date not set → CTL 50.5 ATL 60 on 2026-03-01"]
    );
    // Out of range (CTL 0–300), or not a date: skipped and named; the LTHR still reads.
    for bad in [
        r#"["2026-03-01",500,60]"#,
        r#"["2026-02-30",50,60]"#,
        r#"["2026-03-01",50]"#,
        r#"{"date":"2026-03-01","ctl":50,"atl":60}"#,
    ] {
        let b = parse(&format!(
            r#"{{"format":"recovery-run-backup","version":2,"profile":{{"lthr_bpm":168,"fitness_on":{bad}}}}}"#
        ))
        .unwrap();
        let wheres: Vec<&str> = b.skipped.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(wheres, ["profile, fitness_on"], "{bad}");
        let p = b.profile.unwrap().apply(&Profile::default());
        assert_eq!((p.lthr, p.fitness_on), (Bpm::new(168), None));
    }
    // Missing (a version 1 file) or null: none set.
    let v1 = parse(include_str!("fixtures/backup-v1.json")).unwrap();
    assert_eq!(
        v1.profile.unwrap().apply(&Profile::default()).fitness_on,
        None
    );
    let null =
        parse(r#"{"format":"recovery-run-backup","version":2,"profile":{"fitness_on":null}}"#)
            .unwrap();
    assert!(null.profile.unwrap().is_empty());
}
