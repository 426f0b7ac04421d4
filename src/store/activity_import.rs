//! Activity files (FIT, TCX, GPX) into the log: each file's summary becomes a session
//! scored from its streams, merged all or nothing, with a report line per file (issue #10).
//!
//! - **Scoring** (`domain::tss`, order unchanged): power TSS from the stream's normalized
//!   power and the profile's FTP; else, for runs, rTSS from the normalized graded pace and
//!   the threshold pace; else time-in-zone hrTSS with the LTHR; else the other estimators
//!   (swim pace, RPE). The session keeps the inputs (`normalized_power`,
//!   `normalized_graded_pace`, `zone_hr`), so a later change of thresholds rescores it
//!   from them (see `Session::zone_hr` for what that means for time in zones).
//! - **Duration** is the moving time; the elapsed time is written in the notes.
//! - **Duplicates.** A session's id is made from its local start and sport
//!   (`act-2026-03-09-0730-run`), so importing a file again finds its own session. A file
//!   is a duplicate, and not added, when the log already has a session with that id or with
//!   the same date, start time (to the minute) and sport (say, one typed in by hand or
//!   imported from another copy of the file), or when an earlier file of the same batch
//!   is the same activity.
//! - **Bad files** are reported with their reason and skipped; the good ones import.

use std::fmt;

use super::data::Data;
use crate::activity::{ActivitySummary, FileError};
use crate::domain::profile::Profile;
use crate::domain::session::{Session, SessionId, TssMethod};
use crate::domain::streams;
use crate::domain::tss;

/// What became of one file.
#[derive(Clone, Debug, PartialEq)]
pub enum FileOutcome {
    /// A new session, with the TSS it was given and how.
    Added {
        id: SessionId,
        tss: Option<f64>,
        method: Option<TssMethod>,
    },
    /// The log already had this activity (the session's id).
    AlreadyInLog { id: SessionId },
    /// An earlier file of this batch is the same activity (that file's name).
    SameAsEarlierFile { file_name: String },
    /// The file could not be read.
    Failed(FileError),
}

/// The report of one batch: a line per file, in the order given.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ActivityReport {
    pub files: Vec<(String, FileOutcome)>,
}

impl ActivityReport {
    /// How many files were added as new sessions.
    pub fn added(&self) -> usize {
        self.count(|o| matches!(o, FileOutcome::Added { .. }))
    }

    /// How many were already in the log or repeated in the batch.
    pub fn duplicates(&self) -> usize {
        self.count(|o| {
            matches!(
                o,
                FileOutcome::AlreadyInLog { .. } | FileOutcome::SameAsEarlierFile { .. }
            )
        })
    }

    /// How many could not be read.
    pub fn failed(&self) -> usize {
        self.count(|o| matches!(o, FileOutcome::Failed(_)))
    }

    fn count(&self, f: impl Fn(&FileOutcome) -> bool) -> usize {
        self.files.iter().filter(|(_, o)| f(o)).count()
    }

    /// One sentence for the status line, e.g. "3 activities added, 1 already in the log,
    /// 1 file could not be read."
    pub fn summary(&self) -> String {
        let plural = |n: usize, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        let mut parts = vec![format!(
            "{} added",
            plural(self.added(), "activity", "activities")
        )];
        if self.duplicates() > 0 {
            parts.push(format!("{} already in the log", self.duplicates()));
        }
        if self.failed() > 0 {
            parts.push(format!(
                "{} could not be read",
                plural(self.failed(), "file", "files")
            ));
        }
        format!("{}.", parts.join(", "))
    }
}

impl fmt::Display for FileOutcome {
    /// A line for the report, after the file's name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileOutcome::Added {
                tss: Some(t),
                method: Some(m),
                ..
            } => write!(f, "added, TSS {t:.0} ({})", m.as_str()),
            FileOutcome::Added { .. } => {
                f.write_str("added, without a TSS (set your thresholds to score it)")
            }
            FileOutcome::AlreadyInLog { .. } => f.write_str("already in the log, not added again"),
            FileOutcome::SameAsEarlierFile { file_name } => {
                write!(f, "the same activity as {file_name}, not added again")
            }
            FileOutcome::Failed(e) => write!(f, "not imported: {e}"),
        }
    }
}

/// The session id of an activity: local start to the minute and sport.
pub fn activity_id(a: &ActivitySummary) -> SessionId {
    SessionId(format!(
        "act-{}-{:02}{:02}-{}",
        a.date,
        a.start_time.hour(),
        a.start_time.minute(),
        a.sport.as_str()
    ))
}

fn title(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => base,
    };
    stem.chars().take(120).collect()
}

fn clock(seconds: u32) -> String {
    format!(
        "{}:{:02}:{:02}",
        seconds / 3600,
        (seconds / 60) % 60,
        seconds % 60
    )
}

/// The session for one activity, scored with the profile's thresholds.
pub fn session_from(a: &ActivitySummary, file_name: &str, profile: &Profile) -> Session {
    let mut s = Session::new(activity_id(a), a.date, a.sport, a.moving);
    s.start_time = Some(a.start_time);
    s.title = title(file_name);
    s.distance = a.distance;
    s.avg_hr = a.avg_hr;
    s.avg_power = a.avg_power;
    s.normalized_power = a.normalized_power;
    s.normalized_graded_pace = a.normalized_graded_pace;
    s.zone_hr = streams::zone_equivalent_hr(&a.hr_histogram, profile);
    let mut notes = format!(
        "Imported from {} ({}): elapsed {}, moving {}",
        file_name,
        a.format.label(),
        clock(a.elapsed.get()),
        clock(a.moving.get())
    );
    if let Some(m) = a.max_hr {
        notes.push_str(&format!(", max HR {} bpm", m.get()));
    }
    if let Some(g) = a.elevation_gain {
        notes.push_str(&format!(", elevation gain {:.0} m", g.get()));
    }
    if !a.local_time_from_file {
        notes.push_str(", start time in this device's time zone");
    }
    notes.push('.');
    s.notes = notes;
    tss::rescore(&mut s, profile);
    s
}

/// Merges the read files into `current`: a new [`Data`] to store in one write, and the
/// report. `current` is never changed; files are taken in the order given.
pub fn import_activities(
    current: &Data,
    files: Vec<(String, Result<ActivitySummary, FileError>)>,
) -> (Data, ActivityReport) {
    let mut next = current.clone();
    let mut report = ActivityReport::default();
    let mut batch: Vec<(SessionId, String)> = Vec::new();
    for (name, read) in files {
        let outcome = match read {
            Err(e) => FileOutcome::Failed(e),
            Ok(a) => {
                let s = session_from(&a, &name, &next.profile);
                if let Some((_, first)) = batch.iter().find(|(id, _)| *id == s.id) {
                    FileOutcome::SameAsEarlierFile {
                        file_name: first.clone(),
                    }
                } else if let Some(old) = next.sessions.iter().find(|o| {
                    o.id == s.id
                        || (o.date == s.date && o.start_time == s.start_time && o.sport == s.sport)
                }) {
                    FileOutcome::AlreadyInLog { id: old.id.clone() }
                } else {
                    batch.push((s.id.clone(), name.clone()));
                    let outcome = FileOutcome::Added {
                        id: s.id.clone(),
                        tss: s.tss.map(|t| t.get()),
                        method: s.tss_method,
                    };
                    next.upsert_session(s);
                    outcome
                }
            }
        };
        report.files.push((name, outcome));
    }
    (next, report)
}
