//! Export archives (issue #20): Strava's and Garmin's zips, built here from the real files of
//! `../shared/corpus/` in each service's layout (never copied into the repository), read
//! through the Data page's own path (`report::import_files`: plan, apply, report); and archives that are
//! cut short, encrypted, zip64 or empty, which must say why and never panic.

mod corpus_support;

use std::io::{Cursor, Write};

use recovery_run::domain::session::Sport;
use recovery_run::domain::wellness::HrvSource;
use recovery_run::report::{import_files, BatchReport};
use recovery_run::store::data::Data;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

fn corpus(file: &str) -> Vec<u8> {
    let dir = corpus_support::corpus(file);
    std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("corpus file {file}: {e}"))
}

fn zip_of(entries: &[(&str, Vec<u8>)], options: SimpleFileOptions) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for (path, bytes) in entries {
        if path.ends_with('/') {
            w.add_directory(*path, options).unwrap();
        } else {
            w.start_file(*path, options).unwrap();
            w.write_all(bytes).unwrap();
        }
    }
    w.finish().unwrap().into_inner()
}

fn deflated() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(CompressionMethod::Deflated)
}

/// UTC all year: the corpus files' own offsets (or none) do not matter here.
fn utc(_: i64) -> i32 {
    0
}

fn import(name: &str, bytes: Vec<u8>) -> (Data, BatchReport) {
    import_files(
        &Data::default(),
        vec![(name.into(), Ok(bytes))],
        &utc,
        &mut |_, _| {},
    )
}

#[test]
fn a_strava_export_gives_each_activity_its_name_and_type() {
    // Strava's layout: activities.csv (header as Strava writes it, trimmed to the columns
    // read and two others), activities/ with a .fit.gz and a .gpx, and files that are not
    // activities. The GPX says nothing of its sport and names itself "Test"; the CSV says
    // what the athlete called it and that it was a swim.
    let csv = "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Filename\n\
        971150603,\"Nov 30, 2015, 5:14:38 PM\",Evening spin,Ride,3822,activities/971150603.fit.gz\n\
        6090674952,\"Jan 4, 2021, 4:22:18 PM\",Lake crossing,Swim,4487,activities/6090674952.gpx\n\
        1,\"Jan 5, 2021, 4:22:18 PM\",Manual entry,Run,600,\n";
    let archive = zip_of(
        &[
            ("activities.csv", csv.as_bytes().to_vec()),
            ("activities/", Vec::new()),
            (
                "activities/971150603.fit.gz",
                corpus("gz/sportslib_rides_971150603.fit.gz"),
            ),
            (
                "activities/6090674952.gpx",
                corpus("gpx/sportslib_swim_6090674952.gpx"),
            ),
            ("profile.csv", b"Athlete ID\n1\n".to_vec()),
            ("media/photo.jpg", vec![0xFF, 0xD8, 0xFF]),
        ],
        deflated(),
    );
    let (data, report) = import("export_12345.zip", archive);
    assert!(report.ok, "{report:#?}");
    assert_eq!(data.sessions.len(), 2, "{report:#?}");
    let ride = data
        .sessions
        .iter()
        .find(|s| s.sport == Sport::Ride)
        .unwrap();
    assert_eq!(ride.title, "Evening spin");
    // The corpus' device summary of this ride: 3 822 s elapsed, 32 227.5 m.
    assert_eq!(ride.distance.map(|d| d.get().round()), Some(32_228.0));
    let swim = data
        .sessions
        .iter()
        .find(|s| s.sport == Sport::Swim)
        .unwrap();
    assert_eq!(swim.title, "Lake crossing");
    // The report: the archive's line (5 files, not counting the folder), then a line per
    // activity; the summary counts the activities.
    assert_eq!(
        report.lines[0],
        "export_12345.zip: an archive of 5 files: 2 activity files read, 2 not activities, \
         0 unreadable."
    );
    assert!(report.lines[1].starts_with("export_12345.zip › activities/971150603.fit.gz: added"));
    assert_eq!(report.summary, "Activities: 2 activities added.");
    // The same archive again: nothing new.
    let again = zip_of(
        &[(
            "activities/971150603.fit.gz",
            corpus("gz/sportslib_rides_971150603.fit.gz"),
        )],
        deflated(),
    );
    let (next, report) = import_files(
        &data,
        vec![("again.zip".into(), Ok(again))],
        &utc,
        &mut |_, _| {},
    );
    assert_eq!(next, data);
    assert!(
        report.lines[1].ends_with("already in the log, not added again"),
        "{report:#?}"
    );
}

#[test]
fn a_garmin_export_is_read_through_its_nested_zips() {
    // Garmin Connect's layout: the uploaded files lie in zips inside the export's zip.
    let inner = zip_of(
        &[
            (
                "sportslib_runs_6909950168.fit",
                corpus("fit/sportslib_runs_6909950168.fit"),
            ),
            (
                "sportslib_rides_3939576645.fit",
                corpus("fit/sportslib_rides_3939576645.fit"),
            ),
            ("notes.txt", b"not an activity".to_vec()),
        ],
        deflated(),
    );
    let outer = zip_of(
        &[
            (
                "DI_CONNECT/DI-Connect-Fitness/someone_0_summarizedActivities.json",
                b"[]".to_vec(),
            ),
            (
                "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip",
                inner,
            ),
        ],
        deflated(),
    );
    let mut seen = Vec::new();
    let (data, report) = import_files(
        &Data::default(),
        vec![("garmin.zip".into(), Ok(outer))],
        &utc,
        &mut |done, total| seen.push((done, total)),
    );
    assert_eq!(data.sessions.len(), 2, "{report:#?}");
    let sports: Vec<Sport> = data.sessions.iter().map(|s| s.sport).collect();
    assert!(sports.contains(&Sport::Run) && sports.contains(&Sport::Ride));
    // 1 file in the outer zip beside the inner zip, 3 in the inner one: 4.
    assert_eq!(
        report.lines[0],
        "garmin.zip: an archive of 4 files: 2 activity files read, 2 not activities, \
         0 unreadable."
    );
    // The progress counts the activity files, not every file: 2 of 2 at the end.
    assert_eq!(seen.last(), Some(&(2, 2)), "{seen:?}");
}

#[test]
fn damaged_encrypted_zip64_and_empty_archives() {
    let fit = corpus("fit/sportslib_runs_2067489619.fit");
    let good = zip_of(&[("a/run.fit", fit.clone())], deflated());

    // Cut short: the table of contents at the end is gone; nothing imported, and why.
    let (data, report) = import("cut.zip", good[..good.len() / 2].to_vec());
    assert!(data.sessions.is_empty());
    assert!(!report.ok);
    assert!(
        report.lines[0]
            .starts_with("cut.zip: nothing imported — this zip archive is damaged or cut short"),
        "{report:#?}"
    );

    // Encrypted: general-purpose flag bit 0 set in the local header (offset 6) and the
    // central directory header (offset 8) of a stored entry (PKWARE APPNOTE 4.4.4).
    let mut locked = zip_of(&[("run.fit", fit.clone())], SimpleFileOptions::default());
    locked[6] |= 1;
    let central = locked.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
    locked[central + 8] |= 1;
    let (data, report) = import("locked.zip", locked);
    assert!(data.sessions.is_empty());
    assert!(
        report
            .lines
            .iter()
            .any(|l| l.contains("run.fit: not imported — it is encrypted")),
        "{report:#?}"
    );

    // A gzip entry cut short: its format is unknown until it is unpacked, so the reason
    // names the compression, not a format (a .tcx.gz was once called a damaged FIT file).
    let mut gz = corpus("gz/sportslib_rides_971150603.fit.gz");
    gz.truncate(gz.len() / 2);
    let (data, report) = import(
        "cut-gz.zip",
        zip_of(&[("activities/1.tcx.gz", gz)], deflated()),
    );
    assert!(data.sessions.is_empty());
    let line = report
        .lines
        .iter()
        .find(|l| l.contains("activities/1.tcx.gz"))
        .unwrap_or_else(|| panic!("{report:#?}"));
    assert!(
        line.contains("This compressed (gzip) file is damaged or cut short")
            && !line.contains("FIT"),
        "{line}"
    );

    // Zip64 (the large-file records a writer adds past 4 GB, here forced): read as usual.
    let big = zip_of(&[("run.fit", fit)], deflated().large_file(true));
    let (data, report) = import("zip64.zip", big);
    assert_eq!(data.sessions.len(), 1, "{report:#?}");

    // Empty: an end-of-archive record alone (22 bytes).
    let empty = zip_of(&[], deflated());
    assert_eq!(empty.len(), 22);
    let (data, report) = import("empty.zip", empty);
    assert!(data.sessions.is_empty() && report.ok);
    assert_eq!(
        report.lines,
        ["empty.zip: an archive of 0 files: 0 activity files read, 0 not activities, 0 unreadable."]
    );
}

/// Issue #33: a Garmin Connect account export brings mornings and activities in one drop —
/// the wellness JSON files beside the nested zip of uploaded activity files. Laid out as the
/// published parsers of real exports read them (formats.md §5; `src/sources/garmin.rs`):
/// by hand, two nights of HRV with Garmin's baseline, one night's sleep stages, one day's
/// resting heart rate.
#[test]
fn a_garmin_export_gives_mornings_and_activities_in_one_drop() {
    let inner = zip_of(
        &[("run.fit", corpus("fit/sportslib_runs_2067489619.fit"))],
        deflated(),
    );
    let health = r#"[
      {"calendarDate":"2025-11-14","metrics":[{"type":"HRV","value":44.0,"baselineLowerLimit":38.0,"baselineUpperLimit":66.0,"status":"BALANCED"},{"type":"HR","value":52.0}]},
      {"calendarDate":"2025-11-15","metrics":[{"type":"HRV","value":27.0,"baselineLowerLimit":38.0,"baselineUpperLimit":66.0,"status":"BELOW"}]}
    ]"#;
    // Deep 1 h + light 4.5 h + REM 1.5 h asleep = 7 h; the 10 min awake are in bed.
    let sleep = r#"[{"calendarDate":"2025-11-15","sleepWindowConfirmationType":"ENHANCED_CONFIRMED_FINAL","deepSleepSeconds":3600,"lightSleepSeconds":16200,"remSleepSeconds":5400,"awakeSleepSeconds":600}]"#;
    let uds = r#"[{"calendarDate":"2025-11-15","restingHeartRate":48},{"calendarDate":"2025-11-16","restingHeartRate":0}]"#;
    let outer = zip_of(
        &[
            ("DI_CONNECT/DI-Connect-Wellness/", Vec::new()),
            (
                "DI_CONNECT/DI-Connect-Wellness/123_healthStatusData.json",
                health.as_bytes().to_vec(),
            ),
            (
                "DI_CONNECT/DI-Connect-Wellness/2025-11-01_2026-02-09_123_sleepData.json",
                sleep.as_bytes().to_vec(),
            ),
            (
                "DI_CONNECT/DI-Connect-Aggregator/UDSFile_2025-11-01_2026-02-09.json",
                uds.as_bytes().to_vec(),
            ),
            (
                "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip",
                inner,
            ),
        ],
        deflated(),
    );
    let (data, report) = import("garmin.zip", outer);
    assert_eq!(data.sessions.len(), 1, "{report:#?}");
    let day = |d: &str| {
        data.wellness
            .iter()
            .find(|w| w.date.to_string() == d)
            .unwrap_or_else(|| panic!("a check-in on {d}: {report:#?}"))
    };
    let d14 = day("2025-11-14");
    assert_eq!(d14.hrv.map(|h| h.get()), Some(44.0));
    assert_eq!(d14.hrv_source, Some(HrvSource::Garmin));
    assert_eq!(
        (
            d14.hrv_range_low.map(|h| h.get()),
            d14.hrv_range_high.map(|h| h.get())
        ),
        (Some(38.0), Some(66.0))
    );
    assert_eq!(
        d14.resting_hr, None,
        "the night's average HR is not the resting one"
    );
    let d15 = day("2025-11-15");
    assert_eq!(d15.hrv.map(|h| h.get()), Some(27.0));
    assert_eq!(d15.sleep_h, Some(7.0));
    assert_eq!(d15.resting_hr.map(|b| b.get()), Some(48));
    assert!(
        data.wellness
            .iter()
            .all(|w| w.date.to_string() != "2025-11-16"),
        "a resting HR of 0 is none"
    );
    let text = report.lines.join("\n");
    assert!(text.contains("Garmin — check-ins: 2 days added"), "{text}");
    assert!(text.contains("added, "), "the run: {text}");
}

/// Issue #30: a FIT file cut off mid-way (no session message, so no sport) imported after
/// the whole file overlaps the logged run and is the same activity, not a second session.
#[test]
fn a_cut_short_copy_of_a_logged_activity_is_not_added_again() {
    let whole = corpus("fit/sportslib_runs_2067489619.fit");
    let cut = whole[..whole.len() * 6 / 10].to_vec();
    let (first, _) = import("run.fit", whole);
    assert_eq!(first.sessions.len(), 1);
    // The whole file says its own offset (+2 h, an activity message); the cut copy lost it
    // and is dated in this device's zone: Berlin's, summer time on 2017-10-08 (+120 min),
    // as the runner's own phone would be.
    let (again, report) = import_files(
        &first,
        vec![("run-cut.fit".into(), Ok(cut))],
        &|_| 120,
        &mut |_, _| {},
    );
    assert_eq!(again.sessions, first.sessions, "{report:#?}");
    assert!(
        report.lines[0].contains("already in the log"),
        "{:?}",
        report.lines
    );
}
