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
use crate::activity::{ActivityFile, ActivitySummary, FileError};
use crate::domain::profile::Profile;
use crate::domain::quantity::to_grain;
use crate::domain::session::{Session, SessionId, Sport, TssMethod};
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
        /// The TSS per hour, when the estimate is implausible (`tss::implausible_rate`),
        /// with the inputs that produced it.
        implausible: Option<(f64, String)>,
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
    /// A line per activity: its label (the file's name, with the leg for a multisport
    /// file) and what became of it.
    pub files: Vec<(String, FileOutcome)>,
    /// What the files said beside their activities (transitions left out…), by label.
    pub notes: Vec<(String, String)>,
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
        self.sentence(self.failed(), "")
    }

    /// The summary with `failed` files said to be unreadable, `place` after "file(s)" (" in
    /// archives"): a batch counts the files it could not read itself, and its activities'
    /// part names only those it has not counted (so the two counts never disagree).
    pub fn sentence(&self, failed: usize, place: &str) -> String {
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
        if failed > 0 {
            parts.push(format!(
                "{}{place} could not be read",
                plural(failed, "file", "files")
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
                implausible: Some((rate, inputs)),
                ..
            } => write!(
                f,
                "added, TSS {t:.0} ({}) — implausible: {rate:.0} TSS an hour from {inputs}, \
                 over the {:.0} an hour no one sustains; check the file and your thresholds",
                m.as_str(),
                tss::IMPLAUSIBLE_TSS_PER_HOUR
            ),
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

/// The session's title: the activity's own name in the file (a GPX track's name), else its
/// sport and start as the file says them ("Run 07:30"), never the file's name.
fn title(a: &ActivitySummary) -> String {
    match &a.title {
        Some(t) if !t.trim().is_empty() => t.trim().chars().take(120).collect(),
        _ => format!("{} {}", sport_title(a.sport), a.start_time),
    }
}

fn sport_title(sport: Sport) -> &'static str {
    match sport {
        Sport::Run => "Run",
        Sport::Ride => "Ride",
        Sport::Swim => "Swim",
        Sport::Strength => "Strength",
        Sport::Yoga => "Yoga",
        Sport::Other => "Activity",
    }
}

fn clock(seconds: u32) -> String {
    format!(
        "{}:{:02}:{:02}",
        seconds / 3600,
        (seconds / 60) % 60,
        seconds % 60
    )
}

/// The session for one activity, scored with the profile's thresholds. Its notes say what
/// the file was, the elapsed and moving time, and which values the device summarised and
/// which were computed from the recorded streams (the session's "why").
pub fn session_from(a: &ActivitySummary, file_name: &str, profile: &Profile) -> Session {
    let mut s = Session::new(activity_id(a), a.date, a.sport, a.moving);
    s.start_time = Some(a.start_time);
    s.title = title(a);
    s.distance = a.distance;
    s.avg_hr = a.avg_hr;
    s.avg_power = a.avg_power;
    s.normalized_power = a.normalized_power;
    s.normalized_graded_pace = a.normalized_graded_pace;
    // What the file says about thresholds (docs/domain.md §6.1), kept for the suggestions.
    s.efforts = a.efforts.with_watch(a.watch);
    // At the LTHR in force on the activity's day (docs/domain.md §6).
    // Held to the millionth, like every stored fraction (quantity::GRAIN).
    s.zone_hr = streams::zone_equivalent_hr(&a.hr_histogram, &profile.on(a.date)).map(to_grain);
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
    if !a.from_device.is_empty() {
        notes.push_str(&format!(" From the device: {}.", a.from_device.join(", ")));
    }
    if !a.computed.is_empty() {
        notes.push_str(&format!(
            " Computed from the recording: {}.",
            a.computed.join(", ")
        ));
    }
    s.notes = notes;
    tss::rescore(&mut s, profile);
    s
}

/// The inputs behind a session's estimate, for the implausibility flag ("pace 2:10/km over
/// 0:16:00").
fn inputs(s: &Session, method: TssMethod) -> String {
    let over = clock(s.duration.get());
    match method {
        TssMethod::Power => match s.normalized_power.or(s.avg_power) {
            Some(w) => format!("power {:.0} W over {over}", w.get()),
            None => format!("power over {over}"),
        },
        TssMethod::Pace => match (s.normalized_graded_pace, s.distance) {
            (Some(p), _) => format!("a graded pace of {} over {over}", pace_text(p.get())),
            (None, Some(d)) if d.get() > 0.0 => format!(
                "{:.2} km in {over} ({})",
                d.get() / 1000.0,
                pace_text(f64::from(s.duration.get()) / (d.get() / 1000.0))
            ),
            _ => format!("pace over {over}"),
        },
        TssMethod::Swim => match s.distance {
            Some(d) => format!("{:.0} m in {over}", d.get()),
            None => format!("swim pace over {over}"),
        },
        TssMethod::Hr => match s.zone_hr.or(s.avg_hr.map(|b| f64::from(b.get()))) {
            Some(hr) => format!("heart rate {hr:.0} bpm over {over}"),
            None => format!("heart rate over {over}"),
        },
        TssMethod::Rpe | TssMethod::Given => format!("a duration of {over}"),
    }
}

fn pace_text(s_per_km: f64) -> String {
    let s = s_per_km.round() as u32;
    format!("{}:{:02}/km", s / 60, s % 60)
}

/// Whether `old` is the same activity as `new`: the same id, or the same sport and date
/// with starts at most two minutes apart (the same recording exported as FIT and as GPX
/// starts at the first record in one and the first track point in the other).
fn same_activity(old: &Session, new: &Session) -> bool {
    if old.id == new.id {
        return true;
    }
    let minutes = |s: &Session| {
        s.start_time
            .map(|t| i32::from(t.hour()) * 60 + i32::from(t.minute()))
    };
    old.sport == new.sport
        && old.date == new.date
        && match (minutes(old), minutes(new)) {
            (Some(a), Some(b)) => (a - b).abs() <= 2,
            _ => false,
        }
}

/// Merges the read files into `current`: a new [`Data`] to store in one write, and the
/// report. `current` is never changed; files are taken in the order given, and the
/// activities of a multisport file in the order of its legs.
pub fn import_activities(
    current: &Data,
    files: Vec<(String, Result<ActivityFile, FileError>)>,
) -> (Data, ActivityReport) {
    let mut next = current.clone();
    let mut report = ActivityReport::default();
    let mut batch: Vec<(Session, String)> = Vec::new();
    for (name, read) in files {
        let file = match read {
            Err(e) => {
                report.files.push((name, FileOutcome::Failed(e)));
                continue;
            }
            Ok(file) => file,
        };
        let legs = file.activities.len();
        for note in file.notes {
            report.notes.push((name.clone(), note));
        }
        for (i, a) in file.activities.iter().enumerate() {
            let label = if legs > 1 {
                format!("{name} (leg {} of {legs}, {})", i + 1, a.sport.as_str())
            } else {
                name.clone()
            };
            let s = session_from(a, &name, &next.profile);
            let outcome = if let Some((_, first)) = batch.iter().find(|(b, _)| same_activity(b, &s))
            {
                FileOutcome::SameAsEarlierFile {
                    file_name: first.clone(),
                }
            } else if let Some(old) = next.sessions.iter().find(|o| same_activity(o, &s)) {
                FileOutcome::AlreadyInLog { id: old.id.clone() }
            } else {
                let score = tss::score(&s, &next.profile);
                let implausible = score.and_then(|sc| {
                    tss::implausible_rate(&s, &sc).map(|rate| (rate, inputs(&s, sc.method)))
                });
                let outcome = FileOutcome::Added {
                    id: s.id.clone(),
                    tss: s.tss.map(|t| t.get()),
                    method: s.tss_method,
                    implausible,
                };
                batch.push((s.clone(), label.clone()));
                next.upsert_session(s);
                outcome
            };
            report.files.push((label, outcome));
        }
    }
    (next, report)
}
