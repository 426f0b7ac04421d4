//! Apple Health's "Export All Health Data" (issue #35), read through
//! `sources::apple_health::read_zip` as the file worker reads it:
//!
//! - the corpus' real test export (`wellness/apple/paulstaab_export.zip`, another project's
//!   fixture re-wrapped as the Health app does) against the values `expect.json` gives for
//!   it, established independently of this code (see the corpus' `manifest.json`);
//! - two exports built here, laid out as the Health app writes them — an **old** one
//!   (exported from iOS 14/15: totals as `Workout` attributes, no `WorkoutStatistics`,
//!   `Asleep` sleep, a localized `exportar.xml`) and a **new** one (iOS 17: statistics,
//!   `WorkoutActivity` copies, pauses, metadata written twice, sleep stages, a malformed DTD
//!   as Apple wrote it in version 12, `__MACOSX` junk) — zipped here with their route GPX
//!   files, each expected value computed here from the values written (means, sums of
//!   sleep intervals by hand, route lengths by the haversine formula);
//! - arbitrary bytes, and damaged exports, which must never make the reader panic.
//!
//! The corpus lies beside the repository in `../shared/corpus/` (never copied into it); set
//! `RECOVERY_RUN_CORPUS` to read it from elsewhere. The layouts follow real exports quoted by
//! public parsers (the module doc of `sources::apple_health` lists them).

mod corpus_support;

use std::f64::consts::PI;
use std::io::{Cursor, Write};
use std::path::PathBuf;

use proptest::prelude::*;
use recovery_run::activity::{ActivitySummary, FileFormat};
use recovery_run::domain::session::Sport;
use recovery_run::domain::wellness::HrvSource;
use recovery_run::sources::apple_health::{self, read_xml, read_zip};
use recovery_run::sources::{DayValues, SkipReason, SourceFile};
use serde_json::Value;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

// ---------------------------------------------------------------------------------------
// Helpers, independent of the library.

fn corpus() -> PathBuf {
    corpus_support::corpus("wellness/expect.json")
}

/// Days from 1970-01-01 of a civil date (Howard Hinnant's algorithm, public domain).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// UTC seconds of `2024-05-05 07:00:00 +0200`, split by hand.
fn utc(stamp: &str) -> i64 {
    let (date, rest) = stamp.split_once(' ').unwrap();
    let (time, offset) = rest.split_once(' ').unwrap();
    let d: Vec<i64> = date.split('-').map(|p| p.parse().unwrap()).collect();
    let t: Vec<i64> = time.split(':').map(|p| p.parse().unwrap()).collect();
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let off = sign
        * (offset[1..3].parse::<i64>().unwrap() * 3600 + offset[3..5].parse::<i64>().unwrap() * 60);
    days_from_civil(d[0], d[1], d[2]) * 86_400 + t[0] * 3600 + t[1] * 60 + t[2] - off
}

/// `stamp` moved by `s` seconds, written in the same offset.
fn plus(stamp: &str, s: i64) -> String {
    let offset = &stamp[20..];
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let off = sign
        * (offset[1..3].parse::<i64>().unwrap() * 3600 + offset[3..5].parse::<i64>().unwrap() * 60);
    let local = utc(stamp) + s + off;
    let (days, secs) = (local.div_euclid(86_400), local.rem_euclid(86_400));
    let (y, m, d) = civil(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} {offset}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

fn civil(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// ISO 8601 UTC (`2024-05-05T05:00:00Z`) of Unix seconds, as a GPX `<time>`.
fn iso(t: i64) -> String {
    let (y, m, d) = civil(t.div_euclid(86_400));
    let s = t.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// Great-circle distance in metres (haversine, mean Earth radius 6 371 008.8 m, IUGG).
fn haversine(a: (f64, f64), b: (f64, f64)) -> f64 {
    let r = 6_371_008.8;
    let (la1, la2) = (a.0 * PI / 180.0, b.0 * PI / 180.0);
    let dla = la2 - la1;
    let dlo = (b.1 - a.1) * PI / 180.0;
    let h = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
    2.0 * r * h.sqrt().asin()
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

fn zip_of(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (path, bytes) in entries {
        w.start_file(*path, options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// Reads a zip as the worker does, checking the progress it reports on the way.
fn read(zip_bytes: Vec<u8>) -> SourceFile {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip_bytes)).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect();
    let paths: Vec<&str> = names.iter().map(String::as_str).collect();
    assert!(apple_health::recognise_zip(&paths), "{paths:?}");
    let mut calls: Vec<(u64, u64)> = Vec::new();
    let file = read_zip(&mut archive, &mut |done, total| calls.push((done, total))).unwrap();
    assert!(!calls.is_empty());
    assert!(calls.iter().all(|(d, t)| d <= t), "{calls:?}");
    assert!(calls.windows(2).all(|w| w[0].0 <= w[1].0), "{calls:?}");
    let last = calls.last().unwrap();
    assert_eq!(last.0, last.1);
    file
}

fn day<'a>(file: &'a SourceFile, date: &str) -> Option<&'a DayValues> {
    file.days.iter().find(|d| d.date.to_string() == date)
}

fn session<'a>(file: &'a SourceFile, date: &str, time: &str, sport: Sport) -> &'a ActivitySummary {
    let found: Vec<&ActivitySummary> = file
        .activities
        .iter()
        .filter(|a| {
            a.date.to_string() == date && a.start_time.to_string() == time && a.sport == sport
        })
        .collect();
    assert!(
        !found.is_empty(),
        "no {sport:?} at {date} {time} in {:#?}",
        file.activities
    );
    found[0]
}

fn close(got: f64, want: f64, tolerance: f64, what: &str) {
    assert!(
        (got - want).abs() <= tolerance,
        "{what}: got {got}, want {want} ± {tolerance}"
    );
}

// ---------------------------------------------------------------------------------------
// (a) The corpus' real test export against expect.json.

/// Whether a value passes an expect.json check (its `value_grammar`).
fn passes(want: &Value, got: Option<f64>, relative: f64) -> bool {
    match (want, got) {
        (Value::Null, g) => g.is_none(),
        (_, None) => false,
        (Value::Object(r), Some(g)) if r.contains_key("any_of") => r["any_of"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| passes(w, Some(g), relative)),
        (Value::Object(r), Some(g)) => {
            let lo = r.get("min").and_then(Value::as_f64).unwrap_or(f64::MIN);
            let hi = r.get("max").and_then(Value::as_f64).unwrap_or(f64::MAX);
            g >= lo && g <= hi
        }
        (w, Some(g)) => {
            let w = w.as_f64().unwrap();
            (g - w).abs() <= (w.abs() * relative).max(1e-9)
        }
    }
}

#[test]
fn the_corpus_export_gives_its_expected_sessions_and_no_days() {
    let dir = corpus().join("wellness");
    let expect: Value =
        serde_json::from_slice(&std::fs::read(dir.join("expect.json")).unwrap()).unwrap();
    let input = expect["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["file"] == "apple/paulstaab_export.zip")
        .expect("the Apple entry of expect.json");
    let checks = &input["checks"];
    let file = read(std::fs::read(dir.join("apple/paulstaab_export.zip")).unwrap());

    assert_eq!(
        file.activities.len() as u64,
        checks["sessions_count"].as_u64().unwrap(),
        "{:#?}",
        file.activities
    );
    let with_hrv = file
        .days
        .iter()
        .filter(|d| d.hrv_rmssd.is_some() || d.hrv_sdnn.is_some())
        .count();
    assert_eq!(with_hrv as u64, checks["days_with_hrv"].as_u64().unwrap());
    assert!(
        file.days
            .iter()
            .all(|d| d.resting_hr.is_none() && d.sleep_h.is_none()),
        "no resting HR or sleep in this file: {:?}",
        file.days
    );
    for want in checks["sessions"].as_array().unwrap() {
        let date = want["date"].as_str().unwrap();
        let sport = Sport::parse(want["sport"].as_str().unwrap()).unwrap();
        let time = want["start_time"].as_str().unwrap();
        let a = session(&file, date, time, sport);
        assert_eq!(a.format, FileFormat::AppleHealth);
        assert!(a.local_time_from_file);
        let duration = f64::from(a.moving.get());
        assert!(
            passes(&want["duration_s"], Some(duration), 0.01),
            "{date}: duration {duration} against {}",
            want["duration_s"]
        );
        let distance = a.distance.map(|d| d.get());
        assert!(
            passes(&want["distance_m"], distance, 0.01),
            "{date}: distance {distance:?} against {}",
            want["distance_m"]
        );
    }
    // The fixture's workouts are all +0000: start_utc_s is the written time itself.
    let first = session(&file, "2023-12-28", "06:30", Sport::Run);
    assert_eq!(first.start_utc_s, utc("2023-12-28 06:30:00 +0000"));
    assert_eq!(first.utc_offset_min, 0);
}

// ---------------------------------------------------------------------------------------
// (b) Exports laid out as the Health app writes them.

const WATCH: &str = "&lt;&lt;HKDevice: 0x282d03020&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,2, software:8.7&gt;";
const PHONE: &str = "&lt;&lt;HKDevice: 0x2834f1c20&gt;, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone13,2, software:15.7&gt;";

/// One `<Record>` line, attributes in the order the Health app writes them.
#[allow(clippy::too_many_arguments)]
fn record(
    out: &mut String,
    kind: &str,
    source: &str,
    device: Option<&str>,
    unit: Option<&str>,
    start: &str,
    end: &str,
    value: &str,
    children: &str,
) {
    let device = device.map_or(String::new(), |d| format!(" device=\"{d}\""));
    let unit = unit.map_or(String::new(), |u| format!(" unit=\"{u}\""));
    let head = format!(
        " <Record type=\"{kind}\" sourceName=\"{source}\" sourceVersion=\"8.7\"{device}{unit} creationDate=\"{end}\" startDate=\"{start}\" endDate=\"{end}\" value=\"{value}\""
    );
    if children.is_empty() {
        out.push_str(&format!("{head}/>\n"));
    } else {
        out.push_str(&format!("{head}>\n{children} </Record>\n"));
    }
}

/// The DTD's head, written by hand in the shape of the Health app's (HealthKit Export
/// Version `version`); `broken` leaves out a `>` as version 12 did.
fn prolog(version: u32, broken: bool, locale: &str, export_date: &str) -> String {
    let mut s =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE HealthData [\n");
    s.push_str(&format!("<!-- HealthKit Export Version: {version} -->\n"));
    s.push_str("<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord)*)>\n");
    s.push_str("<!ATTLIST HealthData\n  locale CDATA #REQUIRED\n>\n");
    s.push_str("<!ELEMENT ExportDate EMPTY>\n<!ATTLIST ExportDate\n  value CDATA #REQUIRED\n>\n");
    s.push_str("<!ELEMENT Me EMPTY>\n<!ATTLIST Me\n  HKCharacteristicTypeIdentifierDateOfBirth CDATA #REQUIRED\n  HKCharacteristicTypeIdentifierBiologicalSex CDATA #REQUIRED\n>\n");
    s.push_str("<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>\n<!ATTLIST Record\n  type CDATA #REQUIRED\n  unit CDATA #IMPLIED\n  value CDATA #IMPLIED\n  sourceName CDATA #REQUIRED\n  startDate CDATA #REQUIRED\n  endDate CDATA #REQUIRED\n>\n");
    s.push_str("<!-- Note: Any Records that appear as children of a correlation also appear as top-level records in this document. -->\n");
    s.push_str("<!ELEMENT Workout ((MetadataEntry|WorkoutEvent|WorkoutRoute|WorkoutStatistics)*)>\n<!ATTLIST Workout\n  workoutActivityType CDATA #REQUIRED\n  duration CDATA #IMPLIED\n  durationUnit CDATA #IMPLIED\n  totalDistance CDATA #IMPLIED\n  totalDistanceUnit CDATA #IMPLIED\n  startDate CDATA #REQUIRED\n  endDate CDATA #REQUIRED\n>\n");
    if broken {
        s.push_str("<!ATTLIST VisionPrescription\n  type CDATA #REQUIRED\n  brand CDATA #IMPLIED\n<!ELEMENT RightEye EMPTY>\n");
    }
    s.push_str("<!ELEMENT WorkoutRoute ((MetadataEntry|FileReference)*)>\n<!ELEMENT FileReference EMPTY>\n<!ATTLIST FileReference\n  path CDATA #REQUIRED\n>\n");
    s.push_str("]>\n");
    s.push_str(&format!("<HealthData locale=\"{locale}\">\n"));
    s.push_str(&format!(" <ExportDate value=\"{export_date}\"/>\n"));
    s.push_str(" <Me HKCharacteristicTypeIdentifierDateOfBirth=\"1988-03-02\" HKCharacteristicTypeIdentifierBiologicalSex=\"HKBiologicalSexFemale\" HKCharacteristicTypeIdentifierBloodType=\"HKBloodTypeNotSet\" HKCharacteristicTypeIdentifierFitzpatrickSkinType=\"HKFitzpatrickSkinTypeNotSet\"/>\n");
    s
}

/// A route as the Health app writes its GPX (one point a second, `lon` before `lat`, UTC
/// times, speed and accuracy in `<extensions>`): `points` are (Unix s, lat, lon, ele).
fn route_gpx(points: &[(i64, f64, f64, f64)], name: &str) -> Vec<u8> {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\" creator=\"Apple Health Export\" xmlns=\"http://www.topografix.com/GPX/1/1\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd\">\n  <metadata>\n    <time>2024-05-20T18:00:00Z</time>\n  </metadata>\n  <trk>\n");
    s.push_str(&format!("    <name>{name}</name>\n    <trkseg>\n"));
    for &(t, lat, lon, ele) in points {
        s.push_str(&format!(
            "      <trkpt lon=\"{lon:.6}\" lat=\"{lat:.6}\"><ele>{ele:.6}</ele><time>{}</time><extensions><speed>3.000000</speed><course>0.000000</course><hAcc>3.500000</hAcc><vAcc>2.100000</vAcc></extensions></trkpt>\n",
            iso(t)
        ));
    }
    s.push_str("    </trkseg>\n  </trk>\n</gpx>\n");
    s.into_bytes()
}

/// Points northward from `lat0, lon0` at `speed` m/s, one a second from `from` to `to`
/// (Unix s), standing still from `pause.0` to `pause.1`; altitude `ele(t)`.
fn route_points(
    from: i64,
    to: i64,
    pause: Option<(i64, i64)>,
    speed: f64,
    ele: &dyn Fn(i64) -> f64,
) -> Vec<(i64, f64, f64, f64)> {
    let metres_per_degree = 6_371_008.8 * PI / 180.0;
    let mut lat = 52.52;
    let mut out = Vec::new();
    for t in from..=to {
        if t > from && !pause.is_some_and(|(a, b)| t > a && t <= b) {
            lat += speed / metres_per_degree;
        }
        out.push((t, lat, 13.405, ele(t)));
    }
    out
}

fn route_length(points: &[(i64, f64, f64, f64)]) -> f64 {
    points
        .windows(2)
        .map(|w| haversine((w[0].1, w[0].2), (w[1].1, w[1].2)))
        .sum()
}

/// The old export: exported from iOS 15 (HealthKit Export Version 11), so workouts keep
/// their totals as attributes and have no `WorkoutStatistics`; sleep is `Asleep`.
struct Old {
    zip: Vec<u8>,
    /// Heart-rate readings inside the run's time.
    run_hr: Vec<f64>,
}

fn old_export() -> Old {
    let mut x = prolog(11, false, "es_ES", "2021-07-20 21:07:11 +0200");
    let watch = "Anna’s Apple Watch";
    let phone = "Anna’s iPhone";
    // Records come grouped by type, sources interleaved, as in real exports.
    // Steps: a type the app does not use.
    for i in 0..50 {
        let s = plus("2021-01-11 08:00:00 +0100", i * 600);
        record(
            &mut x,
            "HKQuantityTypeIdentifierStepCount",
            phone,
            Some(PHONE),
            Some("count"),
            &s,
            &plus(&s, 300),
            "312",
            "",
        );
    }
    // Heart rate: the Watch every 5 s through the run (17:00:00–17:31:10), and two
    // readings well outside it.
    let run_start = "2021-01-11 17:00:00 +0100";
    let mut run_hr = Vec::new();
    record(
        &mut x,
        "HKQuantityTypeIdentifierHeartRate",
        watch,
        Some(WATCH),
        Some("count/min"),
        "2021-01-11 16:40:00 +0100",
        "2021-01-11 16:40:00 +0100",
        "70",
        "",
    );
    for i in 0..=(1870 / 5) {
        let s = plus(run_start, i * 5);
        let bpm = 120 + (i * 7) % 45;
        run_hr.push(bpm as f64);
        record(
            &mut x,
            "HKQuantityTypeIdentifierHeartRate",
            watch,
            Some(WATCH),
            Some("count/min"),
            &s,
            &s,
            &bpm.to_string(),
            "  <MetadataEntry key=\"HKMetadataKeyHeartRateMotionContext\" value=\"2\"/>\n",
        );
    }
    record(
        &mut x,
        "HKQuantityTypeIdentifierHeartRate",
        watch,
        Some(WATCH),
        Some("count/min"),
        "2021-01-11 17:45:00 +0100",
        "2021-01-11 17:45:00 +0100",
        "95",
        "",
    );
    // HRV (SDNN, ms): on the 11th three from the Watch and four from an app (the Watch's
    // are kept); on the 12th one from the app only, and a Watch reading out of range.
    for (t, v) in [
        ("07:05:12", "41.2"),
        ("13:30:40", "38.6"),
        ("22:10:05", "52.9"),
    ] {
        let s = format!("2021-01-11 {t} +0100");
        record(
            &mut x,
            "HKQuantityTypeIdentifierHeartRateVariabilitySDNN",
            watch,
            Some(WATCH),
            Some("ms"),
            &s,
            &plus(&s, 60),
            v,
            "",
        );
    }
    for (t, v) in [
        ("06:50:00", "95"),
        ("07:00:00", "88"),
        ("07:10:00", "90"),
        ("07:20:00", "93"),
    ] {
        let s = format!("2021-01-11 {t} +0100");
        record(
            &mut x,
            "HKQuantityTypeIdentifierHeartRateVariabilitySDNN",
            "HRV Tracker",
            None,
            Some("ms"),
            &s,
            &plus(&s, 60),
            v,
            "",
        );
    }
    record(
        &mut x,
        "HKQuantityTypeIdentifierHeartRateVariabilitySDNN",
        "HRV Tracker",
        None,
        Some("ms"),
        "2021-01-12 06:55:00 +0100",
        "2021-01-12 06:56:00 +0100",
        "60.5",
        "",
    );
    record(
        &mut x,
        "HKQuantityTypeIdentifierHeartRateVariabilitySDNN",
        watch,
        Some(WATCH),
        Some("ms"),
        "2021-01-12 03:00:00 +0100",
        "2021-01-12 03:01:00 +0100",
        "0.4",
        "",
    );
    // Resting HR: two from the Watch on the 11th (the later counts), one from another app
    // (not the Watch: left out), an impossible 900 on the 12th, and the Watch's 51.
    record(
        &mut x,
        "HKQuantityTypeIdentifierRestingHeartRate",
        watch,
        Some(WATCH),
        Some("count/min"),
        "2021-01-11 00:04:00 +0100",
        "2021-01-11 21:40:00 +0100",
        "52",
        "",
    );
    record(
        &mut x,
        "HKQuantityTypeIdentifierRestingHeartRate",
        watch,
        Some(WATCH),
        Some("count/min"),
        "2021-01-11 22:30:00 +0100",
        "2021-01-11 23:50:00 +0100",
        "54",
        "",
    );
    record(
        &mut x,
        "HKQuantityTypeIdentifierRestingHeartRate",
        "Oura",
        None,
        Some("count/min"),
        "2021-01-11 06:00:00 +0100",
        "2021-01-11 06:00:00 +0100",
        "48",
        "",
    );
    record(
        &mut x,
        "HKQuantityTypeIdentifierRestingHeartRate",
        "Oura",
        None,
        Some("count/min"),
        "2021-01-12 06:00:00 +0100",
        "2021-01-12 06:00:00 +0100",
        "900",
        "",
    );
    record(
        &mut x,
        "HKQuantityTypeIdentifierRestingHeartRate",
        watch,
        Some(WATCH),
        Some("count/min"),
        "2021-01-12 00:03:00 +0100",
        "2021-01-12 21:00:00 +0100",
        "51",
        "",
    );
    // Sleep. Night to the 11th: in bed only (not sleep). Night to the 12th: the phone's
    // in-bed, the Watch's two asleep spans across midnight, AutoSleep's whole night (another
    // source: left out). Night to the 13th: AutoSleep alone.
    let tz = "  <MetadataEntry key=\"HKTimeZone\" value=\"Europe/Madrid\"/>\n";
    record(
        &mut x,
        "HKCategoryTypeIdentifierSleepAnalysis",
        phone,
        Some(PHONE),
        None,
        "2021-01-10 23:00:00 +0100",
        "2021-01-11 06:30:00 +0100",
        "HKCategoryValueSleepAnalysisInBed",
        tz,
    );
    record(
        &mut x,
        "HKCategoryTypeIdentifierSleepAnalysis",
        phone,
        Some(PHONE),
        None,
        "2021-01-11 22:30:00 +0100",
        "2021-01-12 07:00:00 +0100",
        "HKCategoryValueSleepAnalysisInBed",
        tz,
    );
    let watch_night = [
        ("2021-01-11 23:10:00 +0100", "2021-01-12 02:00:00 +0100"),
        ("2021-01-12 02:20:00 +0100", "2021-01-12 06:45:00 +0100"),
    ];
    for (s, e) in watch_night {
        record(
            &mut x,
            "HKCategoryTypeIdentifierSleepAnalysis",
            watch,
            Some(WATCH),
            None,
            s,
            e,
            "HKCategoryValueSleepAnalysisAsleep",
            tz,
        );
    }
    record(
        &mut x,
        "HKCategoryTypeIdentifierSleepAnalysis",
        "AutoSleep",
        None,
        None,
        "2021-01-11 23:00:00 +0100",
        "2021-01-12 06:50:00 +0100",
        "HKCategoryValueSleepAnalysisAsleep",
        "",
    );
    record(
        &mut x,
        "HKCategoryTypeIdentifierSleepAnalysis",
        "AutoSleep",
        None,
        None,
        "2021-01-12 23:30:00 +0100",
        "2021-01-13 06:30:00 +0100",
        "HKCategoryValueSleepAnalysisAsleep",
        "",
    );
    // Menstrual flow.
    record(
        &mut x,
        "HKCategoryTypeIdentifierMenstrualFlow",
        "Salud",
        None,
        None,
        "2021-01-13 08:00:00 +0100",
        "2021-01-13 08:00:00 +0100",
        "HKCategoryValueMenstrualFlowLight",
        "  <MetadataEntry key=\"HKMenstrualCycleStart\" value=\"1\"/>\n",
    );
    record(
        &mut x,
        "HKCategoryTypeIdentifierMenstrualFlow",
        "Salud",
        None,
        None,
        "2021-01-14 08:00:00 +0100",
        "2021-01-14 08:00:00 +0100",
        "HKCategoryValueMenstrualFlowNone",
        "",
    );

    // Workouts, totals as attributes.
    // The run: 28.5 min active of 31:10, paused 17:10:00–17:12:40, with its route.
    x.push_str(&format!(
        " <Workout workoutActivityType=\"HKWorkoutActivityTypeRunning\" duration=\"28.5\" durationUnit=\"min\" totalDistance=\"5.2\" totalDistanceUnit=\"km\" totalEnergyBurned=\"380.5\" totalEnergyBurnedUnit=\"kcal\" sourceName=\"{watch}\" sourceVersion=\"7.6\" device=\"{WATCH}\" creationDate=\"2021-01-11 17:31:15 +0100\" startDate=\"{run_start}\" endDate=\"2021-01-11 17:31:10 +0100\">\n"
    ));
    x.push_str("  <MetadataEntry key=\"HKIndoorWorkout\" value=\"0\"/>\n  <MetadataEntry key=\"HKTimeZone\" value=\"Europe/Madrid\"/>\n  <MetadataEntry key=\"HKWeatherTemperature\" value=\"41 degF\"/>\n  <MetadataEntry key=\"HKElevationAscended\" value=\"2350 cm\"/>\n");
    x.push_str("  <WorkoutEvent type=\"HKWorkoutEventTypePause\" date=\"2021-01-11 17:10:00 +0100\"/>\n  <WorkoutEvent type=\"HKWorkoutEventTypeResume\" date=\"2021-01-11 17:12:40 +0100\"/>\n");
    x.push_str(&format!("  <WorkoutRoute sourceName=\"{phone}\" sourceVersion=\"14.4\" creationDate=\"2021-01-11 17:31:20 +0100\" startDate=\"{run_start}\" endDate=\"2021-01-11 17:31:09 +0100\">\n   <MetadataEntry key=\"HKMetadataKeySyncVersion\" value=\"2\"/>\n   <FileReference path=\"/workout-routes/route_2021-01-11_5.31pm.gpx\"/>\n  </WorkoutRoute>\n </Workout>\n"));
    // A ride in summer (+0200), in miles.
    x.push_str(&format!(" <Workout workoutActivityType=\"HKWorkoutActivityTypeCycling\" duration=\"62.25\" durationUnit=\"min\" totalDistance=\"15.5\" totalDistanceUnit=\"mi\" totalEnergyBurned=\"512\" totalEnergyBurnedUnit=\"kcal\" sourceName=\"{watch}\" sourceVersion=\"7.6\" device=\"{WATCH}\" creationDate=\"2021-07-03 10:17:20 +0200\" startDate=\"2021-07-03 09:15:00 +0200\" endDate=\"2021-07-03 10:17:15 +0200\">\n  <MetadataEntry key=\"HKIndoorWorkout\" value=\"0\"/>\n </Workout>\n"));
    // A pool swim in yards.
    x.push_str(&format!(" <Workout workoutActivityType=\"HKWorkoutActivityTypeSwimming\" duration=\"35\" durationUnit=\"min\" totalDistance=\"1650\" totalDistanceUnit=\"yd\" totalEnergyBurned=\"300\" totalEnergyBurnedUnit=\"kcal\" sourceName=\"{watch}\" sourceVersion=\"7.6\" device=\"{WATCH}\" creationDate=\"2021-01-12 07:08:05 +0100\" startDate=\"2021-01-12 06:30:00 +0100\" endDate=\"2021-01-12 07:08:00 +0100\">\n  <MetadataEntry key=\"HKSwimmingLocationType\" value=\"1\"/>\n  <MetadataEntry key=\"HKLapLength\" value=\"25 yd\"/>\n </Workout>\n"));
    // Strength, no distance (0 km), written twice as an export can.
    let strength = format!(" <Workout workoutActivityType=\"HKWorkoutActivityTypeTraditionalStrengthTraining\" duration=\"45\" durationUnit=\"min\" totalDistance=\"0\" totalDistanceUnit=\"km\" totalEnergyBurned=\"210\" totalEnergyBurnedUnit=\"kcal\" sourceName=\"{watch}\" sourceVersion=\"7.6\" device=\"{WATCH}\" creationDate=\"2021-01-12 18:47:05 +0100\" startDate=\"2021-01-12 18:00:00 +0100\" endDate=\"2021-01-12 18:47:00 +0100\"/>\n");
    x.push_str(&strength);
    x.push_str(&strength);
    // A walk from another app without `duration`: 40 min less a 5 min pause.
    x.push_str(" <Workout workoutActivityType=\"HKWorkoutActivityTypeWalking\" totalDistance=\"3.1\" totalDistanceUnit=\"km\" sourceName=\"Pacer\" sourceVersion=\"9.2\" creationDate=\"2021-01-13 12:41:00 +0100\" startDate=\"2021-01-13 12:00:00 +0100\" endDate=\"2021-01-13 12:40:00 +0100\">\n  <WorkoutEvent type=\"HKWorkoutEventTypePause\" date=\"2021-01-13 12:10:00 +0100\"/>\n  <WorkoutEvent type=\"HKWorkoutEventTypeResume\" date=\"2021-01-13 12:15:00 +0100\"/>\n </Workout>\n");
    x.push_str(" <ActivitySummary dateComponents=\"2021-01-11\" activeEnergyBurned=\"612\" activeEnergyBurnedGoal=\"500\" activeEnergyBurnedUnit=\"kcal\" appleExerciseTime=\"41\" appleExerciseTimeGoal=\"30\" appleStandHours=\"11\" appleStandHoursGoal=\"12\"/>\n");
    x.push_str("</HealthData>\n");

    // The run's route: 4.8 km or so, not the 5.2 km the Watch counted (which stays).
    let start = utc(run_start);
    let points = route_points(
        start,
        start + 1870,
        Some((
            utc("2021-01-11 17:10:00 +0100"),
            utc("2021-01-11 17:12:40 +0100"),
        )),
        2.807,
        &|t| 600.0 + ((t - start) as f64 / 300.0).sin() * 8.0,
    );
    let zip = zip_of(&[
        ("apple_health_export/exportar.xml", x.into_bytes()),
        ("apple_health_export/export_cda.xml", b"<?xml version=\"1.0\"?>\n<ClinicalDocument xmlns=\"urn:hl7-org:v3\"></ClinicalDocument>\n".to_vec()),
        ("apple_health_export/workout-routes/route_2021-01-11_5.31pm.gpx", route_gpx(&points, "Route 2021-01-11 5:31pm")),
    ]);
    Old { zip, run_hr }
}

#[test]
fn an_old_export_without_workout_statistics() {
    let old = old_export();
    let file = read(old.zip);

    // Workouts: five (the strength session written twice is one).
    assert_eq!(file.activities.len(), 5, "{:#?}", file.activities);
    assert!(file
        .activities
        .iter()
        .all(|a| a.format == FileFormat::AppleHealth && a.title.is_none()));

    let run = session(&file, "2021-01-11", "17:00", Sport::Run);
    assert_eq!(run.moving.get(), 1710, "28.5 min");
    assert_eq!(run.elapsed.get(), 1870, "17:00:00 to 17:31:10");
    close(
        run.distance.unwrap().get(),
        5200.0,
        0.01,
        "the Watch's distance, not the route's",
    );
    close(run.elevation_gain.unwrap().get(), 23.5, 1e-9, "2350 cm");
    assert_eq!(run.start_utc_s, utc("2021-01-11 17:00:00 +0100"));
    assert_eq!(run.utc_offset_min, 60);
    assert!(run.local_time_from_file);
    // Heart rate from the records inside its time (none in the statistics of old exports).
    let want_avg = mean(&old.run_hr);
    let want_max = old.run_hr.iter().cloned().fold(0.0, f64::max);
    close(
        f64::from(run.avg_hr.unwrap().get()),
        want_avg,
        0.5,
        "average HR from records",
    );
    assert_eq!(f64::from(run.max_hr.unwrap().get()), want_max);
    // The route gives the graded pace: 2.807 m/s moving ≈ 356 s/km on gentle hills.
    let ngp = run.normalized_graded_pace.unwrap().get();
    assert!((330.0..380.0).contains(&ngp), "NGP {ngp}");
    assert!(run.from_device.contains(&"distance".to_owned()));
    assert!(run.from_device.contains(&"elevation gain".to_owned()));
    assert!(run.computed.contains(&"normalized graded pace".to_owned()));

    let ride = session(&file, "2021-07-03", "09:15", Sport::Ride);
    assert_eq!(ride.utc_offset_min, 120, "summer time, as written");
    assert_eq!(ride.moving.get(), 3735);
    close(ride.distance.unwrap().get(), 15.5 * 1609.344, 0.01, "miles");
    assert!(ride.avg_hr.is_none(), "no heart rate in its time");

    let swim = session(&file, "2021-01-12", "06:30", Sport::Swim);
    close(swim.distance.unwrap().get(), 1650.0 * 0.9144, 0.01, "yards");
    assert!(swim.from_device.contains(&"pool swim".to_owned()));

    let strength = session(&file, "2021-01-12", "18:00", Sport::Strength);
    assert_eq!(strength.moving.get(), 2700);
    assert!(strength.distance.is_none());

    let walk = session(&file, "2021-01-13", "12:00", Sport::Other);
    assert_eq!(
        walk.moving.get(),
        40 * 60 - 5 * 60,
        "end − start less the pause"
    );
    assert_eq!(walk.elapsed.get(), 40 * 60);
    close(walk.distance.unwrap().get(), 3100.0, 0.01, "km");

    // Days.
    let d11 = day(&file, "2021-01-11").unwrap();
    close(
        d11.hrv_sdnn.unwrap().get(),
        mean(&[41.2, 38.6, 52.9]),
        1e-6,
        "the Watch's mean",
    );
    assert_eq!(d11.hrv_source, Some(HrvSource::AppleWatch));
    assert!(d11.hrv_rmssd.is_none(), "SDNN is never rMSSD");
    assert_eq!(
        d11.resting_hr.unwrap().get(),
        54,
        "the later of the Watch's two"
    );
    assert!(d11.sleep_h.is_none(), "in bed is not asleep");

    let d12 = day(&file, "2021-01-12").unwrap();
    close(
        d12.hrv_sdnn.unwrap().get(),
        60.5,
        1e-9,
        "the only source in range",
    );
    assert_eq!(d12.resting_hr.unwrap().get(), 51);
    // 23:10–02:00 and 02:20–06:45: 2 h 50 min + 4 h 25 min, on the day of waking.
    close(
        d12.sleep_h.unwrap(),
        (170.0 + 265.0) / 60.0,
        1e-9,
        "the Watch's night",
    );

    let d13 = day(&file, "2021-01-13").unwrap();
    close(d13.sleep_h.unwrap(), 7.0, 1e-9, "AutoSleep alone");
    assert_eq!(d13.menstruating, Some(true));
    assert_eq!(day(&file, "2021-01-14").unwrap().menstruating, Some(false));

    // Skipped: the SDNN of 0.4 ms and the resting HR of 900, each said.
    let out_of_range: Vec<f64> = file
        .skipped
        .iter()
        .filter_map(|s| match &s.why {
            SkipReason::OutOfRange { value, .. } => Some(*value),
            _ => None,
        })
        .collect();
    assert_eq!(out_of_range, vec![0.4, 900.0], "{:?}", file.skipped);
}

/// The new export: exported from iOS 17 (HealthKit Export Version 14, its DTD as broken as
/// version 12's), with statistics, activities, stages of sleep and routes.
struct New {
    zip: Vec<u8>,
    xml: Vec<u8>,
    /// The Watch's heart rate through the run.
    run_hr: Vec<f64>,
    /// The length of the route of the run that has no distance of its own.
    second_route_m: f64,
}

fn new_export() -> New {
    let mut x = prolog(14, true, "de_DE", "2024-05-20 20:00:00 +0200");
    let watch = "Ben’s Apple Watch";
    let phone = "Ben’s iPhone";
    for i in 0..30 {
        let s = plus("2024-05-05 09:00:00 +0200", i * 120);
        record(
            &mut x,
            "HKQuantityTypeIdentifierActiveEnergyBurned",
            watch,
            Some(WATCH),
            Some("Cal"),
            &s,
            &plus(&s, 60),
            "4.2",
            "",
        );
    }
    // Heart rate through the run, every 5 s from 07:01:00 to 07:51:55 (inside both the
    // Watch's workout and Strava's copy of it).
    let mut run_hr = Vec::new();
    for i in 0..(51 * 12) {
        let s = plus("2024-05-05 07:01:00 +0200", i * 5);
        let bpm = 140 + (i * 11) % 38;
        run_hr.push(bpm as f64);
        record(
            &mut x,
            "HKQuantityTypeIdentifierHeartRate",
            watch,
            Some(WATCH),
            Some("count/min"),
            &s,
            &s,
            &bpm.to_string(),
            "",
        );
    }
    // HRV: three from the Watch on the 5th (one with its beats), Oura's (left out); one
    // from the Watch on the 6th.
    let beats = "  <HeartRateVariabilityMetadataList>\n   <InstantaneousBeatsPerMinute bpm=\"58\" time=\"23:05:01,50\"/>\n   <InstantaneousBeatsPerMinute bpm=\"57\" time=\"23:05:02,55\"/>\n  </HeartRateVariabilityMetadataList>\n";
    for (t, v, children) in [
        ("02:14:00", "48.71", ""),
        ("04:40:00", "55.02", ""),
        ("23:05:00", "39.8", beats),
    ] {
        let s = format!("2024-05-05 {t} +0200");
        record(
            &mut x,
            "HKQuantityTypeIdentifierHeartRateVariabilitySDNN",
            watch,
            Some(WATCH),
            Some("ms"),
            &s,
            &plus(&s, 60),
            v,
            children,
        );
    }
    record(
        &mut x,
        "HKQuantityTypeIdentifierHeartRateVariabilitySDNN",
        "Oura",
        None,
        Some("ms"),
        "2024-05-05 05:00:00 +0200",
        "2024-05-05 05:05:00 +0200",
        "62",
        "",
    );
    record(
        &mut x,
        "HKQuantityTypeIdentifierHeartRateVariabilitySDNN",
        watch,
        Some(WATCH),
        Some("ms"),
        "2024-05-06 03:10:00 +0200",
        "2024-05-06 03:11:00 +0200",
        "51.3",
        "",
    );
    record(
        &mut x,
        "HKQuantityTypeIdentifierRestingHeartRate",
        watch,
        Some(WATCH),
        Some("count/min"),
        "2024-05-05 00:01:00 +0200",
        "2024-05-05 20:00:00 +0200",
        "49",
        "",
    );
    record(
        &mut x,
        "HKQuantityTypeIdentifierRestingHeartRate",
        watch,
        Some(WATCH),
        Some("count/min"),
        "2024-05-06 00:01:00 +0200",
        "2024-05-06 20:00:00 +0200",
        "47",
        "",
    );
    // Sleep stages from the Watch across midnight (a REM stage written twice), with awake
    // spells; the phone's in-bed; AutoSleep's whole night (left out); a nap.
    let tz = "  <MetadataEntry key=\"HKTimeZone\" value=\"Europe/Berlin\"/>\n";
    record(
        &mut x,
        "HKCategoryTypeIdentifierSleepAnalysis",
        phone,
        Some(PHONE),
        None,
        "2024-05-04 22:45:00 +0200",
        "2024-05-05 06:50:00 +0200",
        "HKCategoryValueSleepAnalysisInBed",
        tz,
    );
    let stages = [
        (
            "2024-05-04 23:02:00 +0200",
            "2024-05-04 23:40:00 +0200",
            "AsleepCore",
        ),
        (
            "2024-05-04 23:40:00 +0200",
            "2024-05-05 00:25:00 +0200",
            "AsleepDeep",
        ),
        (
            "2024-05-05 00:25:00 +0200",
            "2024-05-05 00:31:00 +0200",
            "Awake",
        ),
        (
            "2024-05-05 00:31:00 +0200",
            "2024-05-05 02:10:00 +0200",
            "AsleepCore",
        ),
        (
            "2024-05-05 02:10:00 +0200",
            "2024-05-05 02:40:00 +0200",
            "AsleepREM",
        ),
        (
            "2024-05-05 02:10:00 +0200",
            "2024-05-05 02:40:00 +0200",
            "AsleepREM",
        ),
        (
            "2024-05-05 02:40:00 +0200",
            "2024-05-05 02:44:30 +0200",
            "Awake",
        ),
        (
            "2024-05-05 02:44:30 +0200",
            "2024-05-05 05:30:00 +0200",
            "AsleepCore",
        ),
        (
            "2024-05-05 05:30:00 +0200",
            "2024-05-05 06:20:00 +0200",
            "AsleepREM",
        ),
        // A nap: more than 3 h later, so not part of the night.
        (
            "2024-05-05 14:00:00 +0200",
            "2024-05-05 14:40:00 +0200",
            "AsleepUnspecified",
        ),
        // The next night: a 1.5 h gap (under 3 h) keeps it one night.
        (
            "2024-05-05 23:30:00 +0200",
            "2024-05-06 03:00:00 +0200",
            "AsleepCore",
        ),
        (
            "2024-05-06 04:30:00 +0200",
            "2024-05-06 06:00:00 +0200",
            "AsleepCore",
        ),
    ];
    for (s, e, v) in stages {
        record(
            &mut x,
            "HKCategoryTypeIdentifierSleepAnalysis",
            watch,
            Some(WATCH),
            None,
            s,
            e,
            &format!("HKCategoryValueSleepAnalysis{v}"),
            tz,
        );
    }
    record(
        &mut x,
        "HKCategoryTypeIdentifierSleepAnalysis",
        "AutoSleep",
        None,
        None,
        "2024-05-04 23:00:00 +0200",
        "2024-05-05 06:30:00 +0200",
        "HKCategoryValueSleepAnalysisAsleepUnspecified",
        "",
    );
    record(
        &mut x,
        "HKCategoryTypeIdentifierMenstrualFlow",
        "Health",
        None,
        None,
        "2024-05-06 08:00:00 +0200",
        "2024-05-06 08:00:00 +0200",
        "HKCategoryValueVaginalBleedingHeavy",
        "",
    );
    // A correlation, whose records repeat top-level ones.
    x.push_str(" <Correlation type=\"HKCorrelationTypeIdentifierBloodPressure\" sourceName=\"Health\" creationDate=\"2024-05-05 08:00:00 +0200\" startDate=\"2024-05-05 08:00:00 +0200\" endDate=\"2024-05-05 08:00:00 +0200\">\n");
    record(
        &mut x,
        "HKQuantityTypeIdentifierRestingHeartRate",
        "Health",
        None,
        Some("count/min"),
        "2024-05-05 23:59:00 +0200",
        "2024-05-05 23:59:00 +0200",
        "80",
        "",
    );
    x.push_str(" </Correlation>\n");

    // Workouts.
    let meta = "  <MetadataEntry key=\"HKIndoorWorkout\" value=\"0\"/>\n  <MetadataEntry key=\"HKAverageMETs\" value=\"10.9 kcal/hr&#183;kg\"/>\n  <MetadataEntry key=\"HKWeatherTemperature\" value=\"59 degF\"/>\n  <MetadataEntry key=\"HKWeatherHumidity\" value=\"7200 %\"/>\n  <MetadataEntry key=\"HKTimeZone\" value=\"Europe/Berlin\"/>\n  <MetadataEntry key=\"HKElevationAscended\" value=\"5348 cm\"/>\n";
    let run_start = "2024-05-05 07:00:00 +0200";
    let run_end = "2024-05-05 07:52:00 +0200";
    // The run: 49.6 min active (paused 07:20:00–07:22:24), statistics, an activity that
    // copies them, metadata written twice, a route.
    x.push_str(&format!(" <Workout workoutActivityType=\"HKWorkoutActivityTypeRunning\" duration=\"49.6\" durationUnit=\"min\" sourceName=\"{watch}\" sourceVersion=\"10.4\" device=\"{WATCH}\" creationDate=\"2024-05-05 07:52:05 +0200\" startDate=\"{run_start}\" endDate=\"{run_end}\">\n{meta}"));
    x.push_str("  <WorkoutEvent type=\"HKWorkoutEventTypeSegment\" date=\"2024-05-05 07:00:00 +0200\" duration=\"5.1\" durationUnit=\"min\"/>\n  <WorkoutEvent type=\"HKWorkoutEventTypePause\" date=\"2024-05-05 07:20:00 +0200\"/>\n  <WorkoutEvent type=\"HKWorkoutEventTypeResume\" date=\"2024-05-05 07:22:24 +0200\"/>\n");
    x.push_str(&format!("  <WorkoutActivity uuid=\"D98A8A68-6D91-4EE0-B873-0F3028FB6CA8\" startDate=\"{run_start}\" endDate=\"{run_end}\" duration=\"49.6\" durationUnit=\"min\">\n   <WorkoutEvent type=\"HKWorkoutEventTypeSegment\" date=\"{run_start}\" duration=\"5.1\" durationUnit=\"min\"/>\n   <WorkoutStatistics type=\"HKQuantityTypeIdentifierDistanceWalkingRunning\" startDate=\"{run_start}\" endDate=\"{run_end}\" sum=\"10.02\" unit=\"km\"/>\n   <WorkoutStatistics type=\"HKQuantityTypeIdentifierHeartRate\" startDate=\"{run_start}\" endDate=\"{run_end}\" average=\"151.3\" minimum=\"98\" maximum=\"178\" unit=\"count/min\"/>\n   <MetadataEntry key=\"HKElevationAscended\" value=\"5348 cm\"/>\n  </WorkoutActivity>\n"));
    x.push_str(&format!("  <WorkoutStatistics type=\"HKQuantityTypeIdentifierActiveEnergyBurned\" startDate=\"{run_start}\" endDate=\"{run_end}\" sum=\"690.2\" unit=\"Cal\"/>\n  <WorkoutStatistics type=\"HKQuantityTypeIdentifierDistanceWalkingRunning\" startDate=\"{run_start}\" endDate=\"{run_end}\" sum=\"10.02\" unit=\"km\"/>\n  <WorkoutStatistics type=\"HKQuantityTypeIdentifierHeartRate\" startDate=\"{run_start}\" endDate=\"{run_end}\" average=\"151.3\" minimum=\"98\" maximum=\"178\" unit=\"count/min\"/>\n  <WorkoutStatistics type=\"HKQuantityTypeIdentifierRunningPower\" startDate=\"{run_start}\" endDate=\"{run_end}\" average=\"241\" minimum=\"120\" maximum=\"390\" unit=\"W\"/>\n"));
    x.push_str(&format!("  <WorkoutRoute sourceName=\"{watch}\" sourceVersion=\"10.4\" device=\"{WATCH}\" creationDate=\"2024-05-05 07:52:10 +0200\" startDate=\"{run_start}\" endDate=\"2024-05-05 07:51:59 +0200\">\n   <MetadataEntry key=\"HKMetadataKeySyncVersion\" value=\"2\"/>\n   <MetadataEntry key=\"HKElevationAscended\" value=\"99999 cm\"/>\n   <FileReference path=\"/workout-routes/route_2024-05-05_7.52am.gpx\"/>\n  </WorkoutRoute>\n{meta}"));
    x.push_str(&format!("  <Record type=\"HKQuantityTypeIdentifierEstimatedWorkoutEffortScore\" sourceName=\"{watch}\" unit=\"appleEffortScore\" startDate=\"{run_start}\" endDate=\"{run_end}\" value=\"7\"/>\n </Workout>\n"));
    // Strava's copy of the same run, 40 s later, with only a duration.
    x.push_str(" <Workout workoutActivityType=\"HKWorkoutActivityTypeRunning\" duration=\"51.5\" durationUnit=\"min\" sourceName=\"Strava\" sourceVersion=\"35.0\" creationDate=\"2024-05-05 08:30:00 +0200\" startDate=\"2024-05-05 07:00:40 +0200\" endDate=\"2024-05-05 07:52:10 +0200\">\n  <MetadataEntry key=\"HKExternalUUID\" value=\"strava-1234\"/>\n </Workout>\n");
    // A run whose app wrote a route but no distance: the route gives it.
    x.push_str("<Workout workoutActivityType=\"HKWorkoutActivityTypeRunning\" duration=\"25\" durationUnit=\"min\" sourceName=\"Zombies, Run!\" sourceVersion=\"12.1\" creationDate=\"2024-05-06 18:25:05 +0200\" startDate=\"2024-05-06 18:00:00 +0200\" endDate=\"2024-05-06 18:25:00 +0200\">\n  <WorkoutStatistics type=\"HKQuantityTypeIdentifierHeartRate\" startDate=\"2024-05-06 18:00:00 +0200\" endDate=\"2024-05-06 18:25:00 +0200\" average=\"145\" minimum=\"110\" maximum=\"160\" unit=\"count/min\"/>\n  <WorkoutRoute sourceName=\"Zombies, Run!\">\n   <FileReference path=\"workout-routes/route_2024-05-06_6.25pm.gpx\"/>\n  </WorkoutRoute>\n </Workout>\n");
    // A treadmill run.
    x.push_str(&format!(" <Workout workoutActivityType=\"HKWorkoutActivityTypeRunning\" duration=\"35\" durationUnit=\"min\" sourceName=\"{watch}\" sourceVersion=\"10.4\" device=\"{WATCH}\" startDate=\"2024-05-06 06:30:00 +0200\" endDate=\"2024-05-06 07:05:00 +0200\">\n  <MetadataEntry key=\"HKIndoorWorkout\" value=\"1\"/>\n  <WorkoutStatistics type=\"HKQuantityTypeIdentifierDistanceWalkingRunning\" startDate=\"2024-05-06 06:30:00 +0200\" endDate=\"2024-05-06 07:05:00 +0200\" sum=\"6\" unit=\"km\"/>\n  <WorkoutStatistics type=\"HKQuantityTypeIdentifierHeartRate\" startDate=\"2024-05-06 06:30:00 +0200\" endDate=\"2024-05-06 07:05:00 +0200\" average=\"140.4\" minimum=\"100\" maximum=\"160\" unit=\"count/min\"/>\n </Workout>\n"));
    // An interval run whose totals are only in its activities (10 min, then 20 min).
    x.push_str(&format!(" <Workout workoutActivityType=\"HKWorkoutActivityTypeRunning\" duration=\"30\" durationUnit=\"min\" sourceName=\"{watch}\" sourceVersion=\"10.4\" device=\"{WATCH}\" startDate=\"2024-05-07 12:00:00 +0200\" endDate=\"2024-05-07 12:30:00 +0200\">\n  <MetadataEntry key=\"HKIndoorWorkout\" value=\"1\"/>\n"));
    for (s, e, km, avg, max, climb) in [
        ("12:00:00", "12:10:00", "1.5", "150", "165", "262 cm"),
        ("12:10:00", "12:30:00", "2.0", "160", "172", "438 cm"),
    ] {
        let (s, e) = (
            format!("2024-05-07 {s} +0200"),
            format!("2024-05-07 {e} +0200"),
        );
        x.push_str(&format!("  <WorkoutActivity uuid=\"A-{km}\" startDate=\"{s}\" endDate=\"{e}\" duration=\"10\" durationUnit=\"min\">\n   <WorkoutStatistics type=\"HKQuantityTypeIdentifierDistanceWalkingRunning\" startDate=\"{s}\" endDate=\"{e}\" sum=\"{km}\" unit=\"km\"/>\n   <WorkoutStatistics type=\"HKQuantityTypeIdentifierHeartRate\" startDate=\"{s}\" endDate=\"{e}\" average=\"{avg}\" minimum=\"100\" maximum=\"{max}\" unit=\"count/min\"/>\n   <MetadataEntry key=\"WOIntervalStepKeyPath\" value=\"0.0.0\"/>\n   <MetadataEntry key=\"HKElevationAscended\" value=\"{climb}\"/>\n  </WorkoutActivity>\n"));
    }
    x.push_str(" </Workout>\n");
    // An open-water swim, a HIIT session and yoga.
    x.push_str(&format!(" <Workout workoutActivityType=\"HKWorkoutActivityTypeSwimming\" duration=\"28\" durationUnit=\"min\" sourceName=\"{watch}\" device=\"{WATCH}\" startDate=\"2024-05-07 18:00:00 +0200\" endDate=\"2024-05-07 18:30:00 +0200\">\n  <MetadataEntry key=\"HKSwimmingLocationType\" value=\"2\"/>\n  <WorkoutStatistics type=\"HKQuantityTypeIdentifierDistanceSwimming\" startDate=\"2024-05-07 18:00:00 +0200\" endDate=\"2024-05-07 18:30:00 +0200\" sum=\"1200\" unit=\"m\"/>\n </Workout>\n"));
    x.push_str(&format!(" <Workout workoutActivityType=\"HKWorkoutActivityTypeHighIntensityIntervalTraining\" duration=\"20\" durationUnit=\"min\" sourceName=\"{watch}\" device=\"{WATCH}\" startDate=\"2024-05-08 07:00:00 +0200\" endDate=\"2024-05-08 07:20:00 +0200\"/>\n"));
    x.push_str(&format!(" <Workout workoutActivityType=\"HKWorkoutActivityTypeYoga\" duration=\"60\" durationUnit=\"min\" sourceName=\"{watch}\" device=\"{WATCH}\" startDate=\"2024-05-08 19:00:00 +0200\" endDate=\"2024-05-08 20:00:00 +0200\"/>\n"));
    x.push_str("</HealthData>\n");

    let s1 = utc(run_start);
    let route1 = route_points(
        s1,
        s1 + 3119,
        Some((
            utc("2024-05-05 07:20:00 +0200"),
            utc("2024-05-05 07:22:24 +0200"),
        )),
        3.3,
        &|t| 35.0 + ((t - s1) as f64 / 400.0).sin() * 15.0,
    );
    let s2 = utc("2024-05-06 18:00:00 +0200");
    let route2 = route_points(s2, s2 + 1500, None, 3.0, &|_| 40.0);
    let second_route_m = route_length(&route2);
    let xml = x.into_bytes();
    let zip = zip_of(&[
        ("apple_health_export/export.xml", xml.clone()),
        ("__MACOSX/apple_health_export/._export.xml", b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ".to_vec()),
        ("apple_health_export/export_cda.xml", b"<?xml version=\"1.0\"?>\n<ClinicalDocument xmlns=\"urn:hl7-org:v3\"></ClinicalDocument>\n".to_vec()),
        ("apple_health_export/workout-routes/route_2024-05-05_7.52am.gpx", route_gpx(&route1, "Route 2024-05-05 7:52am")),
        ("apple_health_export/workout-routes/route_2024-05-06_6.25pm.gpx", route_gpx(&route2, "Route 2024-05-06 6:25pm")),
        ("apple_health_export/electrocardiograms/ecg_2024-05-01.csv", b"Name,Ben\n".to_vec()),
    ]);
    New {
        zip,
        xml,
        run_hr,
        second_route_m,
    }
}

#[test]
fn a_new_export_with_workout_statistics() {
    let new = new_export();
    let file = read(new.zip);
    assert_eq!(file.activities.len(), 8, "{:#?}", file.activities);

    // The Watch's run: its own numbers, the route only for the graded pace.
    let runs: Vec<&ActivitySummary> = file
        .activities
        .iter()
        .filter(|a| a.date.to_string() == "2024-05-05" && a.sport == Sport::Run)
        .collect();
    assert_eq!(runs.len(), 2, "the Watch's run and Strava's copy");
    let run = runs[0];
    assert_eq!(run.start_time.to_string(), "07:00");
    assert_eq!(run.start_utc_s, utc("2024-05-05 07:00:00 +0200"));
    assert_eq!(run.utc_offset_min, 120);
    assert_eq!(run.moving.get(), 2976, "49.6 min");
    assert_eq!(run.elapsed.get(), 52 * 60);
    close(
        run.distance.unwrap().get(),
        10_020.0,
        1e-6,
        "the statistic, once (not the activity's copy too)",
    );
    assert_eq!(run.avg_hr.unwrap().get(), 151);
    assert_eq!(run.max_hr.unwrap().get(), 178);
    close(
        run.elevation_gain.unwrap().get(),
        53.48,
        1e-9,
        "5348 cm, the workout's (not the route's metadata)",
    );
    let ngp = run.normalized_graded_pace.unwrap().get();
    assert!((250.0..360.0).contains(&ngp), "NGP {ngp}");
    assert!(run.from_device.contains(&"average heart rate".to_owned()));

    // Strava's copy comes second (the import keeps the first of the same session), with
    // the heart rate of the records in its time.
    let copy = runs[1];
    assert_eq!(copy.moving.get(), 3090, "51.5 min");
    assert!(copy.distance.is_none());
    close(
        f64::from(copy.avg_hr.unwrap().get()),
        mean(&new.run_hr),
        0.5,
        "average HR from records",
    );
    assert_eq!(
        f64::from(copy.max_hr.unwrap().get()),
        new.run_hr.iter().cloned().fold(0.0, f64::max)
    );
    let mut bare = new.xml.as_slice();
    let export = read_xml(&mut bare, &mut |_| {}).unwrap();
    let order: Vec<&str> = export.workouts.iter().map(|w| w.source()).collect();
    assert_eq!(&order[..2], ["Ben’s Apple Watch", "Strava"]);

    // The run without a distance of its own: the route's length.
    let zr = session(&file, "2024-05-06", "18:00", Sport::Run);
    close(
        zr.distance.unwrap().get(),
        new.second_route_m,
        new.second_route_m * 0.01,
        "route length (haversine)",
    );
    assert!(zr.computed.contains(&"distance".to_owned()));
    // 3.0 m/s on the flat: 333 s/km.
    close(
        zr.normalized_graded_pace.unwrap().get(),
        1000.0 / 3.0,
        1000.0 / 3.0 * 0.02,
        "NGP",
    );

    let treadmill = session(&file, "2024-05-06", "06:30", Sport::Run);
    close(treadmill.distance.unwrap().get(), 6000.0, 1e-6, "km");
    assert!(treadmill.from_device.contains(&"indoor".to_owned()));
    assert!(treadmill.normalized_graded_pace.is_none());

    let intervals = session(&file, "2024-05-07", "12:00", Sport::Run);
    close(
        intervals.distance.unwrap().get(),
        3500.0,
        1e-6,
        "the activities' sum",
    );
    close(
        f64::from(intervals.avg_hr.unwrap().get()),
        (150.0 * 600.0 + 160.0 * 1200.0) / 1800.0,
        0.5,
        "time-weighted",
    );
    assert_eq!(intervals.max_hr.unwrap().get(), 172);
    close(
        intervals.elevation_gain.unwrap().get(),
        7.0,
        1e-9,
        "262 cm + 438 cm",
    );

    let swim = session(&file, "2024-05-07", "18:00", Sport::Swim);
    close(swim.distance.unwrap().get(), 1200.0, 1e-6, "m");
    assert!(swim.from_device.contains(&"open-water swim".to_owned()));
    assert_eq!(
        session(&file, "2024-05-08", "07:00", Sport::Other)
            .moving
            .get(),
        1200
    );
    assert_eq!(
        session(&file, "2024-05-08", "19:00", Sport::Yoga)
            .moving
            .get(),
        3600
    );

    // Days.
    let d5 = day(&file, "2024-05-05").unwrap();
    close(
        d5.hrv_sdnn.unwrap().get(),
        mean(&[48.71, 55.02, 39.8]),
        1e-6,
        "the Watch's mean, not Oura's",
    );
    assert_eq!(d5.hrv_source, Some(HrvSource::AppleWatch));
    assert_eq!(
        d5.resting_hr.unwrap().get(),
        49,
        "not the correlation's copy"
    );
    // The night to the 5th, asleep stages only, the REM written twice counted once:
    // 38 + 45 + 99 + 30 + 165.5 + 50 minutes; the nap is not the night.
    close(
        d5.sleep_h.unwrap(),
        (38.0 + 45.0 + 99.0 + 30.0 + 165.5 + 50.0) / 60.0,
        1e-9,
        "night to the 5th",
    );
    let d6 = day(&file, "2024-05-06").unwrap();
    close(d6.hrv_sdnn.unwrap().get(), 51.3, 1e-9, "one reading");
    assert_eq!(d6.resting_hr.unwrap().get(), 47);
    close(
        d6.sleep_h.unwrap(),
        (210.0 + 90.0) / 60.0,
        1e-9,
        "a gap under 3 h stays in the night",
    );
    assert_eq!(d6.menstruating, Some(true), "iOS 18's VaginalBleeding name");
    assert!(file.skipped.is_empty(), "{:?}", file.skipped);
}

#[test]
fn a_bare_export_xml_reads_without_its_routes() {
    let new = new_export();
    assert!(apple_health::recognise_xml(
        &new.xml[..4096.min(new.xml.len())]
    ));
    let mut input = new.xml.as_slice();
    let mut reported = Vec::new();
    let export = read_xml(&mut input, &mut |b| reported.push(b)).unwrap();
    assert_eq!(export.locale.as_deref(), Some("de_DE"));
    // Read to the end of </HealthData> (the line feed after it is not needed).
    assert_eq!(export.bytes, new.xml.len() as u64 - 1);
    assert_eq!(reported.last(), Some(&export.bytes));
    let file = export.into_source_file(&mut |_| None);
    assert_eq!(file.activities.len(), 8);
    let zr = session(&file, "2024-05-06", "18:00", Sport::Run);
    assert!(zr.distance.is_none(), "no route at hand");
}

#[test]
fn a_zip_without_an_export_says_so() {
    let zip = zip_of(&[(
        "apple_health_export/export_cda.xml",
        b"<ClinicalDocument/>".to_vec(),
    )]);
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
    let e = read_zip(&mut archive, &mut |_, _| {}).unwrap_err();
    assert!(e.to_string().contains("HealthData"), "{e}");
}

// ---------------------------------------------------------------------------------------
// (c) Never a panic.

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any bytes: an error or an export, never a panic.
    #[test]
    fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let mut input = bytes.as_slice();
        let _ = read_xml(&mut input, &mut |_| {});
        let _ = apple_health::recognise_xml(&bytes);
    }

    /// A real-shaped export with bytes changed and cut anywhere: never a panic, and what it
    /// gives is in range.
    #[test]
    fn damaged_exports_never_panic(
        cut in 0usize..40_000,
        flips in proptest::collection::vec((0usize..40_000, any::<u8>()), 0..16),
    ) {
        let mut xml = xml_sample();
        for (at, b) in flips {
            let len = xml.len().max(1);
            if let Some(x) = xml.get_mut(at % len) {
                *x = b;
            }
        }
        xml.truncate(cut.min(xml.len()));
        let mut input = xml.as_slice();
        if let Ok(export) = read_xml(&mut input, &mut |_| {}) {
            let file = export.into_source_file(&mut |_| None);
            for a in &file.activities {
                prop_assert!(a.moving.get() <= a.elapsed.get());
            }
            for d in &file.days {
                prop_assert!(d.sleep_h.is_none_or(|h| (0.0..=24.0).contains(&h)));
            }
        }
    }
}

/// The first 40 kB of the new export's XML (built once).
fn xml_sample() -> Vec<u8> {
    use std::sync::OnceLock;
    static XML: OnceLock<Vec<u8>> = OnceLock::new();
    XML.get_or_init(|| {
        let mut x = new_export().xml;
        x.truncate(40_000);
        x
    })
    .clone()
}

#[test]
fn route_helpers_agree_with_themselves() {
    // The helpers above are the tests' own arithmetic; check them against known values.
    assert_eq!(utc("1970-01-01 01:00:00 +0100"), 0);
    assert_eq!(
        plus("2024-05-04 23:40:00 +0200", 45 * 60),
        "2024-05-05 00:25:00 +0200"
    );
    assert_eq!(iso(0), "1970-01-01T00:00:00Z");
    // One degree of latitude on the mean sphere: 111 195 m.
    close(haversine((0.0, 0.0), (1.0, 0.0)), 111_195.08, 0.1, "1°");
}
