//! Sessions CSV (docs/formats.md §2), check-ins CSV (§2.1) and the performance-chart CSV (§3).

mod store_support;

use proptest::prelude::*;
use recovery_run::domain::pmc::PmcDay;
use recovery_run::domain::session::{Sport, TssMethod};
use recovery_run::store::csv::{export_sessions, parse_sessions, pmc_csv, COLUMNS};
use store_support::bare;

const V1: &str = include_str!("fixtures/sessions-v1.csv");

#[test]
fn the_header_is_the_formats_columns_in_order() {
    let header = "id,date,start_time,sport,intent,title,duration_s,distance_m,avg_hr_bpm,\
                  avg_power_w,normalized_power_w,rpe,tss,tss_method,notes";
    assert_eq!(COLUMNS.join(","), header);
    assert_eq!(export_sessions(&[]), format!("{header}\n"));
}

/// The fixture is what this version exports; reading it and writing it again gives it back
/// byte for byte (quotes, a newline in a note, spaces, Unicode, a formula-like title).
#[test]
fn the_fixture_reads_and_writes_back_byte_for_byte() {
    let (sessions, skipped) = parse_sessions(V1).unwrap();
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(sessions.len(), 5);
    assert_eq!(sessions[1].title, "Commute, \"slow\"");
    assert_eq!(sessions[1].start_time, None);
    assert_eq!(sessions[2].notes, "<b>not bold</b>\nsecond line");
    assert_eq!(sessions[2].tss_method, Some(TssMethod::Given));
    assert_eq!(sessions[4].title, "=HYPERLINK(\"http://example.com\")");
    assert_eq!(sessions[4].notes, "  leading and trailing spaces  ");
    // Earlier versions wrote a TSS with every digit of its f64; it is read to the
    // millionth (quantity::GRAIN) and written back so, the one change.
    assert_eq!(sessions[0].tss.map(|t| t.get()), Some(72.25));
    assert_eq!(
        export_sessions(&sessions),
        V1.replacen(",72.24999999999999,", ",72.25,", 1).replacen(
            ",38.598771266540645,",
            ",38.598771,",
            1
        )
    );
}

#[test]
fn export_is_oldest_first() {
    let late = bare("a", "2026-03-10", Sport::Run, 60);
    let mut early_evening = bare("b", "2026-03-09", Sport::Run, 60);
    early_evening.start_time = "18:00".parse().ok();
    let mut early_morning = bare("c", "2026-03-09", Sport::Run, 60);
    early_morning.start_time = "06:00".parse().ok();
    let text = export_sessions(&[late, early_evening, early_morning]);
    let ids: Vec<&str> = text.lines().skip(1).map(|l| &l[..1]).collect();
    assert_eq!(ids, ["c", "b", "a"]);
}

#[test]
fn only_date_sport_and_duration_are_needed_in_any_order() {
    let text = "notes,duration_s,Sport,heart,DATE\n\
                hello,1800,run,150,2026-03-09\n\
                ,  3600 ,  ride ,,2026-03-10\n";
    let (s, skipped) = parse_sessions(text).unwrap();
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(s.len(), 2);
    assert_eq!((s[0].notes.as_str(), s[0].duration.get()), ("hello", 1800));
    assert_eq!((s[1].sport, s[1].duration.get()), (Sport::Ride, 3600));
    assert!(
        s[0].avg_hr.is_none(),
        "an unknown column is ignored, not guessed"
    );
    assert_eq!(s[1].notes, "", "an empty cell is missing");
}

/// Line numbers count file lines, header = line 1, through blank lines, CRLF line ends
/// and quoted text spanning lines.
#[test]
fn bad_rows_are_reported_by_their_line_and_the_rest_import() {
    let text = "date,sport,duration_s,title\r\n\
                2026-03-01,run,1800,ok\r\n\
                2026-03-32,run,1800,bad date\r\n\
                \r\n\
                2026-03-02,run,1800,\"two\r\nlines\"\r\n\
                2026-03-03,swimming,1800,bad sport\r\n\
                2026-03-04,run,,no duration\r\n\
                2026-03-05,run,1800,\"a, b\",extra\r\n\
                2026-03-06,run,1800,trailing comma,\r\n\
                2026-03-07,run,90000000,too long\r\n";
    let (s, skipped) = parse_sessions(text).unwrap();
    let titles: Vec<&str> = s.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["ok", "two\r\nlines", "trailing comma"]);
    let expected = [
        ("line 3", "date: 2026-03-32 is not a day"),
        ("line 7", "sport: “swimming” is not one of"),
        ("line 8", "duration_s is missing"),
        ("line 9", "5 cells where the header has 4"),
        ("line 11", "duration_s: 90000000 is not a valid duration"),
    ];
    assert_eq!(skipped.len(), expected.len(), "{skipped:#?}");
    for ((at, why), (want_at, want_why)) in skipped.iter().zip(expected) {
        assert_eq!(at, want_at, "{why}");
        assert!(why.starts_with(want_why), "{at}: “{why}”");
    }
}

/// The e2e test's rows (tests/e2e/storage.spec.ts): lines 3, 4 and 5 are bad.
#[test]
fn the_e2e_rows() {
    let csv = [
        COLUMNS.join(","),
        "a,2026-03-01,07:00,run,easy,Good one,1800,5000,140,,,3,,,".into(),
        "b,2026-02-30,07:00,run,easy,Bad date,1800,5000,140,,,3,,,".into(),
        "c,2026-03-02,07:00,skating,easy,Bad sport,1800,,,,,,,,".into(),
        "d,2026-03-03,07:00,run,easy,Bad HR,1800,5000,400,,,,,,".into(),
        "e,2026-03-04,07:00,ride,easy,Good two,3600,,,,180,,,,".into(),
    ]
    .join("\n");
    let (s, skipped) = parse_sessions(&csv).unwrap();
    assert_eq!(
        s.iter().map(|s| s.id.0.as_str()).collect::<Vec<_>>(),
        ["a", "e"]
    );
    let lines: Vec<&str> = skipped.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(lines, ["line 3", "line 4", "line 5"]);
}

#[test]
fn rows_without_ids_get_distinct_ones() {
    let (s, _) =
        parse_sessions("date,sport,duration_s\n2026-03-09,run,1800\n2026-03-09,run,1800\n")
            .unwrap();
    assert_eq!(s[0].id.0, "2026-03-09-run-1800");
    assert_eq!(s[1].id.0, "2026-03-09-run-1800-2");
}

#[test]
fn the_chart_has_one_decimal_and_no_negative_zero() {
    let day = |d: &str| d.parse().unwrap();
    let days = [
        PmcDay {
            day: day("2026-03-09"),
            tss: 0.0,
            ctl: 0.0,
            atl: 0.0,
            tsb: 0.0,
            ramp: 0.0,
        },
        PmcDay {
            day: day("2026-03-10"),
            tss: 92.04,
            ctl: 40.26,
            atl: 99.96,
            tsb: -0.04,
            ramp: -12.34,
        },
    ];
    assert_eq!(
        pmc_csv(&days),
        "date,tss,ctl,atl,tsb,ramp\n\
         2026-03-09,0.0,0.0,0.0,0.0,0.0\n\
         2026-03-10,92.0,40.3,100.0,0.0,-12.3\n"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Export then import gives the same sessions, oldest first.
    #[test]
    fn write_then_read_is_lossless(mut sessions in store_support::sessions(12)) {
        // The athlete's choice of method is not a CSV column (docs/formats.md §2, §1.1).
        for s in &mut sessions {
            s.tss_method_chosen = None;
        }
        let text = export_sessions(&sessions);
        let (back, skipped) = parse_sessions(&text).unwrap();
        prop_assert!(skipped.is_empty(), "{:?}\n{}", skipped, text);
        sessions.sort_by(|a, b| (a.date, a.start_time, &a.id).cmp(&(b.date, b.start_time, &b.id)));
        prop_assert_eq!(back, sessions);
    }

    #[test]
    fn reading_never_panics(text in any::<String>()) {
        let _ = parse_sessions(&text);
        let _ = parse_sessions(&format!("date,sport,duration_s\n{text}"));
    }
}

// ---- check-ins (docs/formats.md §2.1) ------------------------------------------------------

use recovery_run::domain::quantity::{Bpm, RmssdMs, SdnnMs};
use recovery_run::domain::wellness::{HrvSource, Wellness};
use recovery_run::store::csv::{export_check_ins, CHECK_IN_COLUMNS};
use recovery_run::store::data::Data;
use recovery_run::store::files::{export, Export};
use recovery_run::store::import::{import, FileKind};

#[test]
fn check_ins_export_and_import_round_trip() {
    assert_eq!(
        CHECK_IN_COLUMNS.join(","),
        "date,hrv_rmssd_ms,hrv_sdnn_ms,hrv_source,hrv_range_low_ms,hrv_range_high_ms,\
         resting_hr_bpm,sleep_h,soreness,pain,sick,injured,menstruating,notes"
    );
    let mut d = Data::default();
    let mut a = Wellness::empty("2026-03-10".parse().unwrap());
    a.hrv = RmssdMs::new(62.5);
    a.hrv_source = Some(HrvSource::EliteHrv);
    a.resting_hr = Bpm::new(48);
    a.sick = true;
    a.notes = "cold, \"bad\"\nday".into();
    let mut b = Wellness::empty("2026-03-09".parse().unwrap());
    b.soreness = Some(4);
    b.sleep_h = Some(7.25);
    b.injured = true;
    b.menstruating = true;
    b.hrv_sdnn = SdnnMs::new(48.5);
    b.hrv_source = Some(HrvSource::AppleWatch);
    d.wellness = vec![a.clone(), b.clone()];
    let (name, mime, text) = export(&d, Export::CheckIns, "2026-03-11".parse().unwrap(), "");
    assert_eq!(
        (name.as_str(), mime),
        ("recovery-run-check-ins-2026-03-11.csv", "text/csv")
    );
    assert_eq!(text, export_check_ins(&d.wellness));
    assert!(
        text.starts_with(
            "date,hrv_rmssd_ms,hrv_sdnn_ms,hrv_source,hrv_range_low_ms,hrv_range_high_ms,\
         resting_hr_bpm,sleep_h,soreness,pain,sick,injured,menstruating,notes\n\
         2026-03-09,,48.5,Apple Watch,,,,7.25,4,false,false,true,true,\n\
         2026-03-10,62.5,,Elite HRV,,,48,,,false,true,false,false,\"cold, \"\"bad\"\"\nday\"\n"
        ),
        "{text}"
    );
    // Into an empty app: the same check-ins.
    let (next, report) = import(&Data::default(), "x.csv", text.as_bytes()).unwrap();
    assert_eq!(report.kind, FileKind::CheckInsCsv);
    assert_eq!(report.wellness_added, 2);
    let mut got = next.wellness.clone();
    got.sort_by_key(|w| w.date);
    assert_eq!(got, vec![b, a]);
    // Again: nothing changes.
    let (_, again) = import(&next, "x.csv", text.as_bytes()).unwrap();
    assert_eq!((again.wellness_added, again.wellness_unchanged), (0, 2));
}

#[test]
fn a_check_in_row_updates_only_the_fields_it_gives() {
    let mut d = Data::default();
    let mut w = Wellness::empty("2026-03-10".parse().unwrap());
    w.soreness = Some(5);
    w.resting_hr = Bpm::new(50);
    w.notes = "kept".into();
    d.wellness.push(w);
    // Another app's file: columns in another order, 1/0 and yes/no, an unknown column,
    // no soreness column, an empty resting HR cell.
    let file = "hrv_rmssd_ms,Date,sick,steps,resting_hr_bpm,injured\n\
                55,2026-03-10,1,9000,,no\n\
                70,2026-03-11,0,4000,52,yes\n\
                0,2026-03-12,0,,,\n\
                60,2026-03-11,0,,,\n";
    let (next, report) = import(&d, "wellness export.txt", file.as_bytes()).unwrap();
    assert_eq!(report.kind, FileKind::CheckInsCsv);
    assert_eq!((report.wellness_added, report.wellness_updated), (1, 1));
    let skipped: Vec<&str> = report.skipped.iter().map(|(at, _)| at.as_str()).collect();
    assert_eq!(skipped, ["line 4", "line 5"], "{:?}", report.skipped);
    let w = next.wellness_on("2026-03-10".parse().unwrap()).unwrap();
    assert_eq!(w.hrv, RmssdMs::new(55.0));
    assert!(w.sick && !w.injured);
    assert_eq!(
        (w.soreness, w.resting_hr, w.notes.as_str()),
        (Some(5), Bpm::new(50), "kept")
    );
    let w = next.wellness_on("2026-03-11".parse().unwrap()).unwrap();
    assert!(w.injured && w.resting_hr == Bpm::new(52));
}

#[test]
fn a_check_ins_header_without_a_date_is_refused_and_sessions_still_read() {
    // A sessions header (it names `sport`) stays a sessions file.
    let (_, r) = import(
        &Data::default(),
        "s.csv",
        b"date,sport,duration_s\n2026-03-10,run,1800\n",
    )
    .unwrap();
    assert_eq!((r.kind, r.added), (FileKind::SessionsCsv, 1));
}
