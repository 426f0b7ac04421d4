//! Everything the Data page does with files, as plain functions: importing a batch of files
//! of any kind, and making the export files.
//!
//! In the app these run in a Web Worker (`src/worker.rs`, the `file-worker` binary), so
//! reading a three-hour FIT file never freezes the page and the codecs (CSV, FIT, XML, the
//! backup reader) stay out of the first download. The page and the worker talk in the
//! [`Job`] and [`Reply`] types below, as JSON.
//!
//! - **Import.** Files are taken in the order given. A backup or sessions CSV goes through
//!   [`import::import`]; an activity file (FIT, TCX, GPX — decided by content: the FIT
//!   header, or XML) through [`activity::read`] and [`activity_import::import_activities`],
//!   after the backups and CSVs of the batch, so thresholds a backup brings score the
//!   activities. Each file gets a report line; a bad file is reported and the others still
//!   import. The result is one new [`Data`], stored in one write, or nothing.
//! - **Export.** A backup (JSON), the sessions (CSV) or the performance chart (CSV).

use serde::{Deserialize, Serialize};

use super::activity_import::{self, FileOutcome};
use super::archive::{self, ReadSeek};
use super::data::Data;
use super::{backup, compressed, csv, import};
use crate::activity::{self, ActivityFile, FileError};
use crate::domain::date::Day;
use crate::domain::pmc;
use crate::domain::profile::Profile;
use crate::domain::session::Sport;

/// What the page asks the worker to do. The files of an import travel beside the job (as
/// the browser's `File` objects), in the same order as `names`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
// Externally tagged (serde's default): its decoder is a fraction of the size of an
// internally tagged one's, which buffers every field before it knows the variant.
#[serde(rename_all = "snake_case")]
pub enum Job {
    Import {
        /// The app's data as stored (`schema::encode`).
        stored: String,
        names: Vec<String>,
    },
    Export {
        stored: String,
        what: Export,
        today: Day,
        /// When, for the backup's `exported_at` (RFC 3339, UTC).
        now_utc: String,
    },
}

/// Which export file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Export {
    Backup,
    Sessions,
    Chart,
    /// The check-ins CSV (docs/formats.md §2.1).
    CheckIns,
}

impl Reply {
    /// `(done, total)` when `text` is a [`Reply::Progress`]'s JSON. The page gets every
    /// message as text and most are progress; the final reply (megabytes after a ten-year
    /// archive) is told apart by its start, not by parsing it once here and again later.
    pub fn progress_in(text: &str) -> Option<(usize, usize)> {
        if !text.starts_with(r#"{"progress":"#) {
            return None;
        }
        match serde_json::from_str(text) {
            Ok(Reply::Progress { done, total }) => Some((done, total)),
            _ => None,
        }
    }
}

/// What the worker answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    /// `done` of `total` files read (sent after each file of an import).
    Progress { done: usize, total: usize },
    Imported {
        /// The merged data to store (`schema::encode`), or `None` when nothing changed.
        stored: Option<String>,
        report: BatchReport,
    },
    Exported {
        file_name: String,
        mime: String,
        text: String,
    },
    /// The job could not be done at all (an unreadable job, or stored data that cannot be
    /// read): a sentence for the page.
    Failed { message: String },
    /// The athlete cancelled the job (the page ended the worker): nothing changed.
    Cancelled,
}

/// The import report: a summary sentence and one line per file (and per skipped record).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BatchReport {
    pub summary: String,
    pub lines: Vec<String>,
    /// Whether every file was read (duplicates count as read).
    pub ok: bool,
    /// How many of the batch's files were read (the page styles the report as an error
    /// only when none was: a batch that partly worked is a report, not a failure).
    #[serde(default)]
    pub read: usize,
    /// A backup's profile that differs from the athlete's, which was kept, and what would
    /// change (`import::ImportReport::profile_offer`): the page asks.
    #[serde(default)]
    pub profile_offer: Option<(Box<Profile>, Vec<String>)>,
}

/// One file of a batch: its name and its bytes, or why the browser could not read it.
pub type FileIn = (String, Result<Vec<u8>, String>);

/// One file of a batch as the file worker hands it over: whole, or (a zip archive, which
/// may be gigabytes) as a reader of slices of it.
pub enum Source {
    Bytes(Vec<u8>),
    Archive(Box<dyn ReadSeek>),
}

/// Whether a file is an activity file rather than a backup or CSV: a FIT header, XML, or
/// (for a file too damaged to tell) a `.fit`, `.tcx` or `.gpx` name, so that its report
/// line says what is wrong with it as an activity file.
pub fn is_activity(name: &str, bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let lower = name.to_ascii_lowercase();
    [".fit", ".tcx", ".gpx"]
        .iter()
        .any(|ext| lower.ends_with(ext))
        || activity::fit::is_fit(bytes)
        || text
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|b| *b == b'<')
}

/// Imports `files` into `current` (see the module notes). `utc_offset_min(unix seconds)`
/// is the local offset for activity files that do not carry one; `progress(done, total)`
/// is called as files (and the files inside archives) are read.
pub fn import_files(
    current: &Data,
    files: Vec<FileIn>,
    utc_offset_min: &dyn Fn(i64) -> i32,
    progress: &mut dyn FnMut(usize, usize),
) -> (Data, BatchReport) {
    let sources = files
        .into_iter()
        .map(|(name, bytes)| (name, bytes.map(Source::Bytes)))
        .collect();
    import_sources(current, sources, utc_offset_min, progress)
}

/// An activity read from a file of the batch, waiting for the merge.
struct Pending {
    /// The batch's file it came from (its place in the report).
    slot: usize,
    /// Its name in the report: the file's, or its path inside an archive.
    label: String,
    read: Result<ActivityFile, FileError>,
}

/// Reads one activity file's bytes (gzip unpacked by its bytes).
fn read_activity(
    name: &str,
    bytes: Vec<u8>,
    utc_offset_min: &dyn Fn(i64) -> i32,
) -> Result<ActivityFile, FileError> {
    let (inner_name, bytes) = unpack(name, bytes);
    let bytes = bytes.map_err(|e| FileError::NotUnpacked {
        reason: e.to_string(),
    })?;
    activity::read(inner_name, &bytes, utc_offset_min)
}

/// A file as it is once unpacked: a gzip file (Strava's export writes `.fit.gz`,
/// `.tcx.gz`) is recognised by its bytes, and what is inside decides how it is read; its
/// name loses the `.gz`. Any other file is itself.
fn unpack(name: &str, bytes: Vec<u8>) -> (&str, Result<Vec<u8>, compressed::UnpackError>) {
    let inner_name = compressed::unpacked_name(name);
    if compressed::is_gzip(&bytes) {
        (inner_name, compressed::gunzip(&bytes, activity::MAX_BYTES))
    } else {
        (inner_name, Ok(bytes))
    }
}

/// Gives an activity the name and type Strava's `activities.csv` has for its file.
fn apply_strava(file: &mut ActivityFile, entry: Option<&(Option<String>, Option<String>)>) {
    let Some((name, kind)) = entry else { return };
    let sport = kind.as_deref().and_then(activity::sport_from_name);
    if let [a] = file.activities.as_mut_slice() {
        if let Some(n) = name {
            a.title = Some(n.chars().take(120).collect());
        }
        if let Some(s) = sport.filter(|s| *s != Sport::Other || a.sport == Sport::Other) {
            a.sport = s;
        }
    }
}

/// Imports `files` into `current`, archives read from their readers (see [`import_files`]).
pub fn import_sources(
    current: &Data,
    files: Vec<(String, Result<Source, String>)>,
    utc_offset_min: &dyn Fn(i64) -> i32,
    progress: &mut dyn FnMut(usize, usize),
) -> (Data, BatchReport) {
    let count = files.len();
    let mut next = current.clone();
    // Progress counts activity files (by name): the single ones chosen and, as each archive
    // opens, those inside it. Backups and CSV files are not counted.
    let (mut done, mut total) = (
        0usize,
        files
            .iter()
            .filter(|(name, _)| archive::may_be_activity(name))
            .count(),
    );
    let mut tell = |done: usize, total: usize| {
        if total > 0 {
            progress(done.min(total), total);
        }
    };
    // A line per file, filled in file order; activity lines come after their merge.
    let mut lines: Vec<Vec<String>> = vec![Vec::new(); count];
    let mut failed_slot = vec![false; count];
    let mut pending: Vec<Pending> = Vec::new();
    let mut archives = 0usize;
    let mut profile_offer = None;

    for (i, (name, source)) in files.into_iter().enumerate() {
        let source = match source {
            Ok(Source::Bytes(b)) if archive::is_zip(&b) => {
                Ok(Source::Archive(Box::new(std::io::Cursor::new(b))))
            }
            other => other,
        };
        match source {
            Err(why) => {
                failed_slot[i] = true;
                lines[i].push(format!("{name}: not imported — {why}"));
            }
            Ok(Source::Archive(mut reader)) => {
                archives += 1;
                let mut strava = std::collections::HashMap::new();
                let (mut inside, mut activities, mut others, mut unreadable) =
                    (0usize, 0usize, 0usize, 0usize);
                let mut unread_lines = Vec::new();
                // The count grows as nested archives open; both closures read it.
                let grown = std::cell::Cell::new(0usize);
                let walked = archive::walk(
                    reader.as_mut(),
                    &mut |n| grown.set(grown.get() + n),
                    &mut |path, found| {
                        inside += 1;
                        if archive::may_be_activity(path) {
                            done += 1;
                            if done % 25 == 0 {
                                tell(done, total + grown.get());
                            }
                        }
                        match found {
                            archive::Found::File(bytes) if archive::is_strava_index(path) => {
                                strava = archive::strava_index(&bytes);
                            }
                            archive::Found::File(bytes) => {
                                activities += 1;
                                let mut read = read_activity(path, bytes, utc_offset_min);
                                if let Ok(file) = read.as_mut() {
                                    apply_strava(file, strava.get(path));
                                }
                                pending.push(Pending {
                                    slot: i,
                                    label: format!("{name} › {path}"),
                                    read,
                                });
                            }
                            archive::Found::Unreadable(why) => {
                                unreadable += 1;
                                unread_lines
                                    .push(format!("{name} › {path}: not imported — {why}."));
                            }
                            archive::Found::NotActivity => others += 1,
                        }
                    },
                );
                total += grown.get();
                match walked {
                    Ok(()) => {
                        lines[i].push(format!(
                            "{name}: an archive of {inside} files: {activities} activity files \
                             read, {others} not activities, {unreadable} unreadable."
                        ));
                        lines[i].extend(unread_lines);
                    }
                    Err(e) => {
                        failed_slot[i] = true;
                        lines[i].push(format!("{name}: nothing imported — {e}."));
                    }
                }
                tell(done, total);
                continue;
            }
            Ok(Source::Bytes(bytes)) => {
                // A gzip file may hold an activity, a CSV or a backup.
                let (inner_name, unpacked) = unpack(&name, bytes);
                let inner_name = inner_name.to_owned();
                match unpacked {
                    Err(e) => {
                        failed_slot[i] = true;
                        lines[i].push(format!("{name}: not imported — {e}"));
                    }
                    Ok(bytes) if is_activity(&inner_name, &bytes) => pending.push(Pending {
                        slot: i,
                        label: name.clone(),
                        read: activity::read(&inner_name, &bytes, utc_offset_min),
                    }),
                    Ok(bytes) => match import::import(&next, &inner_name, &bytes) {
                        Ok((merged, rep)) => {
                            next = merged;
                            if let Some(offer) = rep.profile_offer.clone() {
                                profile_offer =
                                    Some((Box::new(offer), rep.profile_changes.clone()));
                            }
                            lines[i].push(format!("{name}: {}", rep.summary()));
                            lines[i].extend(
                                rep.skipped
                                    .iter()
                                    .map(|(at, why)| format!("{name}, {at}: {why}")),
                            );
                        }
                        Err(e) => {
                            failed_slot[i] = true;
                            lines[i].push(format!("{name}: nothing imported — {e}"));
                        }
                    },
                }
            }
        }
        if archive::may_be_activity(&name) {
            done += 1;
            tell(done, total);
        }
    }

    let mut activity_summary = None;
    // Activity files inside archives that could not be read: the batch's own count of
    // files not read leaves them out (the archive was read).
    let mut failed_in_archives = 0usize;
    if !pending.is_empty() {
        // How many report entries each file makes (one per activity, or one failure), and
        // what else it said.
        let entries: Vec<(usize, String, usize, Vec<String>)> = pending
            .iter()
            .map(|p| match &p.read {
                Ok(f) => (p.slot, p.label.clone(), f.activities.len(), f.notes.clone()),
                Err(_) => (p.slot, p.label.clone(), 1, Vec::new()),
            })
            .collect();
        let batch = pending.into_iter().map(|p| (p.label, p.read)).collect();
        let (merged, rep) = activity_import::import_activities(&next, batch);
        next = merged;
        let mut outcomes = rep.files.iter();
        for (slot, label, n, notes) in entries {
            let mut any_failed = false;
            for (line_label, outcome) in outcomes.by_ref().take(n) {
                let failed = matches!(outcome, FileOutcome::Failed(_));
                any_failed |= failed;
                if failed && label.contains(" › ") {
                    failed_in_archives += 1;
                }
                lines[slot].push(format!("{line_label}: {outcome}"));
            }
            lines[slot].extend(notes.iter().map(|note| format!("{label}: {note}.")));
            // A single file that could not be read fails; an archive's entry does not
            // fail the archive (its line says so).
            if any_failed && !label.contains(" › ") {
                failed_slot[slot] = true;
            }
        }
        activity_summary = Some(rep);
    }

    let failed = failed_slot.iter().filter(|f| **f).count();
    let imported = count - failed;
    let summary = match (count, activity_summary) {
        // One archive is many files: its activities get their summary.
        (1, Some(a)) if archives > 0 => format!("Activities: {}", a.summary()),
        (1, _) => String::new(),
        // The files not read are counted once, in the batch's count (issue #17).
        (n, Some(a)) => format!(
            "{n} files: {imported} read, {failed} not. Activities: {}",
            a.sentence(failed_in_archives, " in archives")
        ),
        (n, None) => format!("{n} files: {imported} read, {failed} not."),
    };
    let report = BatchReport {
        summary,
        lines: lines.into_iter().flatten().collect(),
        ok: failed == 0,
        read: imported,
        profile_offer,
    };
    (next, report)
}

/// The export file for `what`: (file name, MIME type, text).
pub fn export(
    data: &Data,
    what: Export,
    today: Day,
    now_utc: &str,
) -> (String, &'static str, String) {
    match what {
        Export::Backup => (
            format!("recovery-run-backup-{today}.json"),
            "application/json",
            backup::export(data, now_utc),
        ),
        Export::Sessions => (
            format!("recovery-run-sessions-{today}.csv"),
            "text/csv",
            csv::export_sessions(&data.sessions),
        ),
        Export::CheckIns => (
            format!("recovery-run-check-ins-{today}.csv"),
            "text/csv",
            csv::export_check_ins(&data.wellness),
        ),
        Export::Chart => {
            let days = pmc::first_day(&data.sessions)
                .map(|first| pmc::series(&data.sessions, &data.profile, first.min(today), today))
                .unwrap_or_default();
            (
                format!("recovery-run-performance-chart-{today}.csv"),
                "text/csv",
                csv::pmc_csv(&days),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::session::Sport;

    fn utc(_: i64) -> i32 {
        0
    }

    fn tcx(start: &str) -> Vec<u8> {
        // Two trackpoints an hour apart with heart rate: a one-hour run (hand-written).
        format!(
            r#"<?xml version="1.0"?><TrainingCenterDatabase><Activities><Activity Sport="Running">
            <Id>{start}</Id><Lap StartTime="{start}"><Track>
            <Trackpoint><Time>{start}</Time><DistanceMeters>0</DistanceMeters><HeartRateBpm><Value>140</Value></HeartRateBpm></Trackpoint>
            <Trackpoint><Time>2026-03-09T08:30:00Z</Time><DistanceMeters>10000</DistanceMeters><HeartRateBpm><Value>140</Value></HeartRateBpm></Trackpoint>
            </Track></Lap></Activity></Activities></TrainingCenterDatabase>"#
        )
        .into_bytes()
    }

    const CSV: &str = "date,sport,duration_s\n2026-03-01,run,1800\n2026-03-02,bike,600\n";

    #[test]
    fn mixed_batch_imports_the_good_files_and_reports_each() {
        let files: Vec<FileIn> = vec![
            ("a.csv".into(), Ok(CSV.as_bytes().to_vec())),
            ("run.tcx".into(), Ok(tcx("2026-03-09T07:30:00Z"))),
            ("same.tcx".into(), Ok(tcx("2026-03-09T07:30:00Z"))),
            ("junk.fit".into(), Ok(b"\x0e\x10".to_vec())),
            (
                "gone.gpx".into(),
                Err("the browser could not read it.".into()),
            ),
        ];
        let mut seen = Vec::new();
        let (data, report) = import_files(&Data::default(), files, &utc, &mut |done, total| {
            seen.push((done, total))
        });
        // The progress counts the activity files (by name), not the CSV: 4, one at a time.
        assert_eq!(seen, [(1, 4), (2, 4), (3, 4), (4, 4)]);
        // One CSV run (the bike row is skipped: "bike" is no sport) and one activity.
        assert_eq!(data.sessions.len(), 2, "{report:?}");
        assert!(data
            .sessions
            .iter()
            .any(|s| s.sport == Sport::Run && s.date == "2026-03-09".parse::<Day>().unwrap()));
        assert!(!report.ok);
        assert_eq!(report.lines.len(), 6, "{:#?}", report.lines);
        assert!(report.lines[0].starts_with("a.csv: Sessions: 1 added"));
        assert!(report.lines[1].starts_with("a.csv, line 3"));
        assert!(report.lines[2].starts_with("run.tcx: added"));
        assert!(report.lines[3].contains("the same activity as run.tcx"));
        assert!(report.lines[4].starts_with("junk.fit: not imported"));
        assert_eq!(
            report.lines[5],
            "gone.gpx: not imported — the browser could not read it."
        );
        // Each file not read is counted once: the activities' part does not count
        // gone.gpx (or junk.fit) again as "1 file could not be read" (issue #17).
        assert_eq!(
            report.summary,
            "5 files: 3 read, 2 not. Activities: 1 activity added, 1 already in the log."
        );
        assert_eq!(report.read, 3);
    }

    #[test]
    fn a_batch_where_nothing_was_read_says_so_and_counts_agree() {
        let files: Vec<FileIn> = vec![
            ("junk.fit".into(), Ok(b"\x0e\x10".to_vec())),
            ("junk.csv".into(), Ok(b"\x00\x01".to_vec())),
            (
                "gone.gpx".into(),
                Err("the browser could not read it.".into()),
            ),
        ];
        let (data, report) = import_files(&Data::default(), files, &utc, &mut |_, _| {});
        assert!(data.sessions.is_empty());
        assert!(!report.ok);
        assert_eq!(report.read, 0);
        assert_eq!(
            report.summary,
            "3 files: 0 read, 3 not. Activities: 0 activities added."
        );
    }

    #[test]
    fn importing_the_same_activity_again_changes_nothing() {
        let once = |d: &Data| {
            import_files(
                d,
                vec![("run.tcx".into(), Ok(tcx("2026-03-09T07:30:00Z")))],
                &utc,
                &mut |_, _| {},
            )
        };
        let (first, _) = once(&Data::default());
        let (second, report) = once(&first);
        assert_eq!(first, second);
        assert!(report.ok);
        assert!(
            report.lines[0].contains("already in the log"),
            "{:?}",
            report.lines
        );
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn gzip_files_are_read_by_their_bytes_whatever_their_name() {
        // Strava's bulk export names them `.tcx.gz`; a browser may drop the extension.
        let files: Vec<FileIn> = vec![
            ("run.tcx.gz".into(), Ok(gz(&tcx("2026-03-09T07:30:00Z")))),
            ("sessions".into(), Ok(gz(CSV.as_bytes()))),
            ("cut.gz".into(), Ok(gz(CSV.as_bytes())[..20].to_vec())),
        ];
        let (data, report) = import_files(&Data::default(), files, &utc, &mut |_, _| {});
        assert_eq!(data.sessions.len(), 2, "{report:?}");
        assert!(
            report.lines[0].starts_with("run.tcx.gz: added"),
            "{:?}",
            report.lines
        );
        assert!(report.lines[1].starts_with("sessions: Sessions: 1 added"));
        assert!(
            report.lines[3].contains("compressed (gzip) file is damaged"),
            "{:?}",
            report.lines
        );
        assert_eq!(
            report.summary,
            "3 files: 2 read, 1 not. Activities: 1 activity added."
        );
    }

    #[test]
    fn content_decides_what_is_an_activity() {
        assert!(is_activity("a", b"  <?xml version=\"1.0\"?><gpx/>"));
        assert!(is_activity("a.txt", b"\xEF\xBB\xBF<gpx/>"));
        assert!(is_activity("watch.FIT", b""));
        assert!(!is_activity(
            "a.json",
            b"{\"format\":\"recovery-run-backup\"}"
        ));
        assert!(!is_activity("a.csv", CSV.as_bytes()));
    }

    #[test]
    fn jobs_and_replies_travel_as_json() {
        let job = Job::Export {
            stored: "{}".into(),
            what: Export::Chart,
            today: "2026-03-10".parse().unwrap(),
            now_utc: "2026-03-10T18:04:00Z".into(),
        };
        let text = serde_json::to_string(&job).unwrap();
        assert!(text.starts_with(r#"{"export":{"#) && text.contains(r#""what":"chart""#));
        assert_eq!(serde_json::from_str::<Job>(&text).unwrap(), job);
        let reply = Reply::Progress { done: 1, total: 3 };
        let text = serde_json::to_string(&reply).unwrap();
        assert_eq!(serde_json::from_str::<Reply>(&text).unwrap(), reply);
        assert_eq!(Reply::progress_in(&text), Some((1, 3)));
        let done = Reply::Imported {
            stored: Some(text),
            report: BatchReport::default(),
        };
        assert_eq!(
            Reply::progress_in(&serde_json::to_string(&done).unwrap()),
            None
        );
    }

    #[test]
    fn exports_are_named_by_day() {
        let today: Day = "2026-03-10".parse().unwrap();
        let (name, mime, text) = export(&Data::default(), Export::Sessions, today, "");
        assert_eq!(name, "recovery-run-sessions-2026-03-10.csv");
        assert_eq!(mime, "text/csv");
        assert!(text.starts_with("id,date,start_time,sport"));
        let (name, _, text) = export(
            &Data::default(),
            Export::Backup,
            today,
            "2026-03-10T18:04:00Z",
        );
        assert_eq!(name, "recovery-run-backup-2026-03-10.json");
        assert!(
            text.contains(r#""exported_at":"2026-03-10T18:04:00Z""#)
                || text.contains("2026-03-10T18:04:00Z")
        );
    }
}
