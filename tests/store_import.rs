//! Importing a file: detection, refusals, skipped records, merging into what is there.

mod store_support;

use proptest::prelude::*;
use recovery_run::domain::profile::Profile;
use recovery_run::domain::quantity::{Bpm, Watts};
use recovery_run::domain::session::{SessionId, Sport, TssMethod};
use recovery_run::domain::tss;
use recovery_run::report::own_summary;
use recovery_run::store::backup::export;
use recovery_run::store::csv::export_sessions;
use recovery_run::store::data::{Data, Theme};
use recovery_run::store::import::{import, FileKind, ImportError, MAX_BYTES};
use recovery_run::store::schema;
use store_support::bare;

fn tss_of(d: &Data, id: &str) -> Option<f64> {
    d.session(&SessionId(id.into()))?.tss.map(|t| t.get())
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

// ---- refusals -------------------------------------------------------------------------

#[test]
fn junk_bytes_are_refused() {
    let junk = [0x00, 0xff, 0xfe, 0x13, 0x37, 0x80, 0x81, 0x00, 0x42];
    assert_eq!(
        import(&Data::default(), "junk.bin", &junk).unwrap_err(),
        ImportError::NotText
    );
    // Latin-1 "café" is not UTF-8.
    let latin1 = b"date,sport,duration_s,title\n2026-03-09,run,60,caf\xe9\n";
    assert_eq!(
        import(&Data::default(), "s.csv", latin1).unwrap_err(),
        ImportError::NotText
    );
    // UTF-16 (Excel's "Unicode text").
    let utf16: Vec<u8> = "\u{feff}date,sport\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let e = import(&Data::default(), "s.csv", &utf16).unwrap_err();
    assert_eq!(e, ImportError::NotText);
    assert!(e.to_string().contains("UTF-8"), "{e}");
    // Valid UTF-8 with NUL bytes is a binary file.
    assert_eq!(
        import(&Data::default(), "s.csv", b"date,sport,duration_s\n\0\0\0").unwrap_err(),
        ImportError::NotText
    );
}

#[test]
fn size_limit() {
    assert_eq!(MAX_BYTES, 20_000_000);
    let big = vec![b' '; MAX_BYTES + 1];
    let e = import(&Data::default(), "x.csv", &big).unwrap_err();
    assert_eq!(e, ImportError::TooLarge { bytes: 20_000_001 });
    assert_eq!(
        e.to_string(),
        "the file is 20.0 MB; the largest file this app reads is 20 MB."
    );
}

#[test]
fn what_is_not_ours_is_refused() {
    let refuse =
        |name: &str, text: &str| import(&Data::default(), name, text.as_bytes()).unwrap_err();
    assert_eq!(refuse("x.json", ""), ImportError::Empty);
    assert_eq!(refuse("x.csv", "\u{feff}  \r\n "), ImportError::Empty);
    assert_eq!(
        refuse("notes.txt", "hello world"),
        ImportError::NotRecognised
    );
    assert_eq!(refuse("x.json", "[1,2,3]"), ImportError::NotRecognised);
    assert_eq!(
        refuse("other.json", r#"{"format":"gpx","version":1}"#),
        ImportError::NotABackup {
            format: Some("gpx".into())
        }
    );
    assert_eq!(
        refuse("package.json", r#"{"name":"x"}"#),
        ImportError::NotABackup { format: None }
    );
    let e = refuse(
        "future.json",
        r#"{"format":"recovery-run-backup","version":42,"sessions":[]}"#,
    );
    assert_eq!(
        e,
        ImportError::NewerVersion {
            found: 42,
            newest: 2
        }
    );
    assert!(e.to_string().contains("newer version"), "{e}");
}

#[test]
fn a_truncated_backup_is_refused_whole() {
    let mut d = Data::default();
    d.sessions.push(bare("a", "2026-03-09", Sport::Run, 3600));
    let text = export(&d, "2026-03-10T18:04:00Z");
    let cut = &text[..text.len() - 20];
    let e = import(&Data::default(), "b.json", cut.as_bytes()).unwrap_err();
    assert!(matches!(e, ImportError::Malformed(_)), "{e:?}");
    assert!(e.to_string().contains("cut short"), "{e}");
}

#[test]
fn a_csv_header_without_required_columns_is_refused() {
    let e = import(
        &Data::default(),
        "s.csv",
        b"date,sport,minutes\n2026-03-09,run,30\n",
    )
    .unwrap_err();
    assert!(e.to_string().contains("no “duration_s” column"), "{e}");
}

// ---- detection --------------------------------------------------------------------------

#[test]
fn content_decides_not_the_name() {
    let mut d = Data::default();
    d.sessions.push(bare("a", "2026-03-09", Sport::Run, 3600));
    let backup = export(&d, "2026-03-10T18:04:00Z");
    let (_, r) = import(&Data::default(), "misnamed.csv", backup.as_bytes()).unwrap();
    assert_eq!((r.kind, r.added), (FileKind::Backup, 1));
    let csv = format!("\u{feff}{}", export_sessions(&d.sessions));
    let (_, r) = import(&Data::default(), "sessions.txt", csv.as_bytes()).unwrap();
    assert_eq!((r.kind, r.added), (FileKind::SessionsCsv, 1));
    let (_, r) = import(
        &Data::default(),
        "S.CSV",
        b"Sport,Duration_s,Date\nrun,60,2026-03-09\n",
    )
    .unwrap();
    assert_eq!((r.kind, r.added), (FileKind::SessionsCsv, 1));
}

// ---- merging ----------------------------------------------------------------------------

fn athlete() -> Data {
    let mut d = Data::default();
    d.profile.lthr = Bpm::new(170);
    d.profile.ftp = Watts::new(240.0);
    d
}

/// Worked examples (docs/domain.md §1): hrTSS 1 h at 153/170 bpm = 0.9² × 100 = 81; a ride at
/// 180 W NP on 240 W FTP for 1 h = 0.75² × 100 = 56.25; a given TSS stays.
#[test]
fn rows_without_tss_get_one_estimated_with_the_profile() {
    let csv = "id,date,sport,duration_s,avg_hr_bpm,normalized_power_w,tss\n\
               hr,2026-03-09,run,3600,153,,\n\
               power,2026-03-10,ride,3600,,180,\n\
               given,2026-03-11,run,3600,153,,42\n\
               none,2026-03-12,run,3600,,,\n";
    let (d, r) = import(&athlete(), "s.csv", csv.as_bytes()).unwrap();
    assert_eq!(r.added, 4);
    assert!(close(tss_of(&d, "hr"), 81.0), "{:?}", tss_of(&d, "hr"));
    assert_eq!(
        d.session(&SessionId("hr".into())).unwrap().tss_method,
        Some(TssMethod::Hr)
    );
    assert_eq!(tss_of(&d, "power"), Some(56.25));
    assert_eq!(tss_of(&d, "given"), Some(42.0));
    assert_eq!(
        d.session(&SessionId("given".into())).unwrap().tss_method,
        Some(TssMethod::Given)
    );
    assert_eq!(tss_of(&d, "none"), None, "nothing to estimate from");
}

#[test]
fn sessions_merge_by_id() {
    let mut current = athlete();
    let mut kept = bare("kept", "2026-03-01", Sport::Run, 1800);
    kept.title = "only here".into();
    let mut changed = bare("changed", "2026-03-02", Sport::Run, 1800);
    changed.title = "old title".into();
    let same = bare("same", "2026-03-03", Sport::Swim, 900);
    current.sessions = vec![kept.clone(), changed.clone(), same.clone()];

    let mut file = Data::default();
    let mut changed2 = changed.clone();
    changed2.title = "new title".into();
    file.sessions = vec![
        changed2,
        same.clone(),
        bare("new", "2026-03-04", Sport::Ride, 3600),
    ];
    let text = export(&file, "2026-03-10T18:04:00Z");
    let (d, r) = import(&current, "b.json", text.as_bytes()).unwrap();
    assert_eq!((r.added, r.updated, r.unchanged), (1, 1, 1));
    let titles: Vec<(&str, &str)> = d
        .sessions
        .iter()
        .map(|s| (s.id.0.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(
        titles,
        [
            ("kept", "only here"),
            ("changed", "new title"),
            ("same", ""),
            ("new", "")
        ],
        "nothing is deleted; new ones come last"
    );
    assert!(
        own_summary(&r).starts_with("Sessions: 1 added, 1 updated, 1 already up to date."),
        "{}",
        own_summary(&r)
    );
    // The caller's data is untouched: the merge is a new value.
    assert_eq!(current.sessions.len(), 3);
}

#[test]
fn importing_the_same_file_twice_changes_nothing() {
    let csv =
        "date,start_time,sport,duration_s\n2026-03-09,07:30,run,1800\n2026-03-09,07:30,run,1800\n";
    let (once, r1) = import(&Data::default(), "s.csv", csv.as_bytes()).unwrap();
    assert_eq!(r1.added, 2, "two sessions alike are two sessions");
    let (twice, r2) = import(&once, "s.csv", csv.as_bytes()).unwrap();
    assert_eq!((r2.added, r2.updated, r2.unchanged), (0, 0, 2));
    assert_eq!(once, twice);
}

#[test]
fn bad_rows_are_reported_and_the_good_ones_import() {
    let csv = "date,sport,duration_s,avg_hr_bpm\n2026-03-09,run,1800,150\n2026-03-10,run,1800,400\n2026-03-11,run,1800,\n";
    let (d, r) = import(&Data::default(), "s.csv", csv.as_bytes()).unwrap();
    assert_eq!(d.sessions.len(), 2);
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(r.skipped[0].0, "line 3");
    assert!(
        r.skipped[0].1.starts_with("avg_hr_bpm: 400"),
        "{:?}",
        r.skipped
    );
    assert_eq!(
        own_summary(&r),
        "Sessions: 2 added, 0 updated. 1 entry skipped."
    );
}

#[test]
fn check_ins_merge_by_date() {
    let current = {
        let mut d = Data::default();
        let mut w = recovery_run::domain::wellness::Wellness::empty("2026-03-09".parse().unwrap());
        w.soreness = Some(2);
        d.upsert_wellness(w);
        d
    };
    let text = r#"{"format":"recovery-run-backup","version":1,"wellness":[
        {"date":"2026-03-09","soreness":6},{"date":"2026-03-10","pain":true}]}"#;
    let (d, r) = import(&current, "b.json", text.as_bytes()).unwrap();
    assert_eq!((r.wellness_added, r.wellness_updated), (1, 1));
    assert_eq!(d.wellness.len(), 2);
    assert_eq!(
        d.wellness_on("2026-03-09".parse().unwrap())
            .unwrap()
            .soreness,
        Some(6)
    );
}

/// Profile rule: each field the backup gives replaces the current one; missing or null
/// fields keep theirs. A new LTHR recomputes the estimated TSS already there:
/// 1 h at 153 bpm is 81 with LTHR 170 and 100 with LTHR 153.
#[test]
fn a_backup_never_changes_a_profile_the_athlete_set_it_offers_its_own() {
    // Issue #17, point 5: an import used to replace LTHR, units… silently. A profile the
    // athlete set is now kept, and the backup's (its fields over the current ones, null
    // keeping the current value) is offered with what would change, field by field.
    let mut current = athlete();
    let mut run = bare("run", "2026-03-01", Sport::Run, 3600);
    run.avg_hr = Bpm::new(153);
    tss::rescore(&mut run, &current.profile);
    current.sessions.push(run);
    current.settings.theme = Theme::Dark;
    assert!(close(tss_of(&current, "run"), 81.0));

    let text = r#"{"format":"recovery-run-backup","version":1,
        "profile":{"lthr_bpm":153,"ftp_w":null,"units":"imperial"}}"#;
    let (d, r) = import(&current, "b.json", text.as_bytes()).unwrap();
    assert!(!r.profile_changed);
    assert_eq!(d.profile, current.profile, "the athlete's profile is kept");
    assert!(close(tss_of(&d, "run"), 81.0), "and nothing is re-scored");
    let offer = r.profile_offer.clone().unwrap();
    assert_eq!(offer.lthr, Bpm::new(153));
    assert_eq!(offer.ftp, Watts::new(240.0), "null keeps the current value");
    assert_eq!(offer.units, recovery_run::domain::units::Units::Imperial);
    assert_eq!(
        r.profile_changes,
        ["LTHR 170 → 153 bpm", "units metric → imperial"]
    );
    assert!(
        own_summary(&r).contains("The backup's profile differs from yours (LTHR 170 → 153 bpm;"),
        "{}",
        own_summary(&r)
    );
    // Taken, it re-scores as a change of thresholds does: hrTSS = 1 h × (153/153)² × 100.
    let mut taken = d.clone();
    taken.set_profile(offer);
    assert_eq!(tss_of(&taken, "run"), Some(100.0));
    assert_eq!(d.settings.theme, Theme::Dark, "settings are never imported");

    // A backup on a new device restores the whole profile.
    let full = export(&current, "2026-03-10T18:04:00Z");
    let (fresh, _) = import(&Data::default(), "b.json", full.as_bytes()).unwrap();
    assert_eq!(fresh.profile, current.profile);
    assert_eq!(fresh.sessions, current.sessions);
}

#[test]
fn a_copy_of_stored_data_imports_record_by_record() {
    let raw = include_str!("fixtures/storage-v1.json");
    let (d, r) = import(
        &Data::default(),
        "recovery-run-stored-data.json",
        raw.as_bytes(),
    )
    .unwrap();
    assert_eq!(r.kind, FileKind::StoredData);
    assert_eq!((r.added, r.wellness_added), (4, 2));
    assert_eq!(d.sessions, schema::decode(raw).unwrap().sessions);
    // Damaged storage (one bad session) cannot be loaded, but its copy imports the rest.
    let damaged = raw.replacen("\"sport\": \"run\"", "\"sport\": \"running\"", 1);
    assert!(schema::decode(&damaged).is_err());
    let (d, r) = import(&Data::default(), "stored.json", damaged.as_bytes()).unwrap();
    assert_eq!(d.sessions.len(), 3);
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(r.skipped[0].0, "session 1");
    let newer = raw.replacen("\"schema\": 1", "\"schema\": 5", 1);
    assert_eq!(
        import(&Data::default(), "stored.json", newer.as_bytes()).unwrap_err(),
        ImportError::NewerVersion {
            found: 5,
            newest: u64::from(schema::SCHEMA_VERSION)
        }
    );
    // A download of stored data whose parts could not be joined (every key with its
    // text): the parts that are there import, and the missing one is reported.
    let v2: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/storage-v2.json")).unwrap();
    let (d3, r) = import(&Data::default(), "stored.json", v2.to_string().as_bytes()).unwrap();
    assert_eq!(r.kind, FileKind::StoredData);
    assert_eq!(d3.sessions, schema::decode(raw).unwrap().sessions);
    let mut no_check_ins = v2.clone();
    let wellness_key = v2
        .as_object()
        .unwrap()
        .keys()
        .find(|k| k.starts_with("recovery-run/wellness/"))
        .unwrap()
        .clone();
    no_check_ins.as_object_mut().unwrap().remove(&wellness_key);
    let (d4, r) = import(
        &Data::default(),
        "stored.json",
        no_check_ins.to_string().as_bytes(),
    )
    .unwrap();
    assert_eq!((d4.sessions.len(), d4.wellness.len()), (4, 0));
    assert_eq!(
        r.skipped,
        [(
            "stored data".to_string(),
            "part 1 of 1 of the wellness is missing or damaged".to_string()
        )]
    );
    // What the app stores from version 2 on (rows) imports the same, record by record.
    let v2 = schema::encode(&schema::decode(raw).unwrap());
    let (d2, r) = import(&Data::default(), "stored.json", v2.as_bytes()).unwrap();
    assert_eq!(r.kind, FileKind::StoredData);
    assert_eq!(d2.sessions, schema::decode(raw).unwrap().sessions);
    assert_eq!((r.added, r.wellness_added, r.skipped.len()), (4, 2, 0));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// A backup of everything, imported on a new device, gives the same athlete.
    #[test]
    fn backup_then_import_restores_everything(d in store_support::data()) {
        let text = export(&d, "2026-03-10T18:04:00Z");
        let (back, r) = import(&Data::default(), "b.json", text.as_bytes()).unwrap();
        prop_assert!(r.skipped.is_empty(), "{:?}", r.skipped);
        prop_assert_eq!(r.added, d.sessions.len());
        prop_assert_eq!(&back.profile, &d.profile);
        prop_assert_eq!(&back.wellness, &d.wellness);
        // Sessions come back as they were, except that a session without a TSS gets one,
        // and a TSS without a method is marked as given.
        prop_assert_eq!(back.sessions.len(), d.sessions.len());
        for (a, b) in back.sessions.iter().zip(&d.sessions) {
            let mut b = b.clone();
            if b.tss.is_none() {
                tss::rescore(&mut b, &d.profile);
            } else if b.tss_method.is_none() {
                b.tss_method = Some(TssMethod::Given);
            }
            prop_assert_eq!(a, &b);
        }
        // Importing it again changes nothing.
        let (again, r2) = import(&back, "b.json", text.as_bytes()).unwrap();
        prop_assert_eq!((r2.added, r2.updated, r2.unchanged), (0, 0, d.sessions.len()));
        prop_assert_eq!(again, back);
    }

    #[test]
    fn importing_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400), csv in any::<bool>()) {
        let name = if csv { "x.csv" } else { "x.json" };
        let _ = import(&Data::default(), name, &bytes);
        let mut prefixed = b"{\"format\":\"recovery-run-backup\",\"version\":1,\"sessions\":[".to_vec();
        prefixed.extend_from_slice(&bytes);
        let _ = import(&Data::default(), name, &prefixed);
    }

    #[test]
    fn importing_text_never_panics(text in any::<String>()) {
        let _ = import(&Data::default(), "x.csv", text.as_bytes());
        let _ = import(&Data::default(), "x.json", format!("date,sport,duration_s\n{text}").as_bytes());
    }
}

#[test]
fn a_profile_the_backup_does_not_give_is_kept() {
    let current = athlete();
    let text = r#"{"format":"recovery-run-backup","version":1,"sessions":[]}"#;
    let (d, r) = import(&current, "b.json", text.as_bytes()).unwrap();
    assert!(!r.profile_changed);
    assert_eq!(d.profile, current.profile);
    assert_ne!(d.profile, Profile::default());
}

/// The demo backup the README offers imports whole: every session added and scored.
#[test]
fn the_demo_backup_imports_whole() {
    let text = include_str!("../docs/demo-backup.json");
    let count = serde_json::from_str::<serde_json::Value>(text).unwrap()["sessions"]
        .as_array()
        .map_or(0, Vec::len);
    let (d, r) = import(&Data::default(), "demo-backup.json", text.as_bytes()).unwrap();
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    assert!(count > 0);
    assert_eq!((r.added, d.sessions.len()), (count, count));
    assert!(r.profile_changed);
    let unscored: Vec<&str> = d
        .sessions
        .iter()
        .filter(|s| s.tss.is_none())
        .map(|s| s.id.0.as_str())
        .collect();
    assert!(unscored.is_empty(), "{unscored:?}");
}
