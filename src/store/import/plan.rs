//! The plan an import makes (issue #32): what each file of a batch gave, and what should
//! change — with one typed outcome per file and per activity, and no sentences (the import
//! report writes those: `crate::report`). The file worker makes it from the files and an
//! [`ImportContext`](super::context::ImportContext); the page applies it in one change
//! ([`super::apply`]), which fills in what only the whole data can tell (what was added,
//! updated or kept, each added session's TSS).

use serde::{Deserialize, Serialize};

use super::activities::{Origin, Seen};
use super::own::{FileKind, ImportReport};
use crate::activity::FileError;
use crate::domain::quantity::Tss;
use crate::domain::session::{Session, SessionId, TssMethod};
use crate::sources::{DayValues, Skip, SourceError};
use crate::store::archive::ArchiveError;
use crate::store::backup::Backup;
use crate::store::compressed::UnpackError;
use crate::store::import_error::ImportError;

/// What an import of a batch of files will do: one [`FilePlan`] per file, in the order
/// chosen.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub files: Vec<FilePlan>,
}

/// One file of the batch and what it gave.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FilePlan {
    /// The file's name as chosen.
    pub name: String,
    pub read: FileRead,
}

/// What one file gave.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FileRead {
    /// Nothing: the file could not be read, and why.
    Failed(Failure),
    /// One of the app's own files: a backup, a copy of stored data, a sessions or check-ins
    /// CSV (docs/formats.md §1, §2).
    Own(Box<OwnFile>),
    /// An activity file (FIT, TCX, GPX, maybe gzipped): one entry per activity in it (a
    /// triathlon has one per leg), and what else it said (transitions left out…).
    Activities {
        activities: Vec<ActivityPlan>,
        notes: Vec<String>,
    },
    /// An export archive (a zip): what it held.
    Archive(ArchivePlan),
    /// Another app's export (HRV apps, wearables): its days and workouts.
    Export(ExportPlan),
}

/// Why a file gave nothing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Failure {
    /// The browser could not hand over its bytes (its words).
    NotGiven(String),
    /// A gzip file that could not be unpacked.
    Unpack(UnpackError),
    /// One of ours refused whole (or a file that is none of the kinds read).
    Own(ImportError),
    /// An archive whose table of contents could not be read.
    Archive(ArchiveError),
    /// Another app's export that could not be read.
    Source(SourceError),
}

/// One of the app's own files, read: the records to merge, and (filled in by `apply`) what
/// merging them did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnFile {
    pub kind: FileKind,
    pub records: Backup,
    /// For a check-ins CSV: the days its rows give, each field the row gives (a row updates
    /// only those; docs/formats.md §2.1). Other kinds carry whole check-ins in `records`.
    pub check_in_rows: Vec<DayValues>,
    /// What applying it did; `None` until applied.
    pub applied: Option<ImportReport>,
}

/// One activity of a file or an archive, and what becomes of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActivityPlan {
    /// Its place in the report: the file's name (with the leg of a multisport file), or its
    /// path inside an archive (`export.zip › activities/1.fit.gz`).
    pub label: String,
    /// Its order among the archive's files (0 for a file chosen alone): the order of the
    /// report, whichever worker read it.
    pub ordinal: usize,
    pub outcome: ActivityOutcome,
}

/// What becomes of one activity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ActivityOutcome {
    /// A new session; `scored` is filled in by `apply`.
    Add {
        session: Box<Session>,
        scored: Option<Scored>,
    },
    /// The log already had this activity (that session's id).
    AlreadyInLog { id: SessionId },
    /// An earlier activity of this batch is the same one (its label).
    SameAsEarlier { label: String },
    /// Could not be read.
    Failed(FileError),
}

/// An added session as `apply` stored it: whether it was stored (another tab may have
/// logged the same activity since the plan was made) and its TSS.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    /// `false` when the log had gained the same activity meanwhile (then not added again).
    pub added: bool,
    pub tss: Option<Tss>,
    pub method: Option<TssMethod>,
    /// TSS an hour and the inputs that produced it, for an implausible estimate (over 225
    /// TSS an hour, docs/domain.md §6), which does not count until the runner confirms it.
    pub implausible: Option<(f64, String)>,
}

/// An export archive: what it held.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ArchivePlan {
    /// Files inside (nested archives' files counted, not the nested archives).
    pub inside: usize,
    /// Of those, activity files read (whichever worker read them).
    pub activity_files: usize,
    /// Files that are neither activities nor exports the app reads.
    pub others: usize,
    /// Files that may be activities but could not be unpacked: (path, why).
    pub unreadable: Vec<(String, String)>,
    pub activities: Vec<ActivityPlan>,
    /// Other apps' exports inside (Garmin's wellness files, WHOOP's CSVs…), each with its
    /// path.
    pub exports: Vec<ExportPlan>,
    /// What activity files said beside their activities: (label, note).
    pub notes: Vec<(String, String)>,
}

/// Another app's export: its days (merged into the check-ins: a file's value fills what a
/// day lacks; what the runner typed wins) and its workouts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportPlan {
    /// The file's name or its path inside an archive.
    pub label: String,
    /// Its order among the archive's files (0 for a file chosen alone).
    pub ordinal: usize,
    /// The source as runners know it: "HRV4Training", "Garmin", "WHOOP"…
    pub source: String,
    pub days: Vec<DayValues>,
    pub skipped: Vec<Skip>,
    pub activities: Vec<ActivityPlan>,
    /// What `apply` did with the days; `None` until applied.
    pub applied: Option<DaysApplied>,
}

/// How an export's days merged into the check-ins (issue #33: "the report counts days
/// added, filled and kept").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaysApplied {
    /// Days that had no check-in.
    pub added: usize,
    /// Days that had one, and gained a value from the file.
    pub filled: usize,
    /// Days whose check-in already held every value the file gives (or the runner's own).
    pub kept: usize,
}

impl Plan {
    /// Every activity of the plan, in report order (files in order; an archive's by their
    /// order inside it).
    pub fn activities(&self) -> impl Iterator<Item = &ActivityPlan> {
        self.files
            .iter()
            .flat_map(|f| -> Box<dyn Iterator<Item = &ActivityPlan>> {
                match &f.read {
                    FileRead::Activities { activities, .. } => Box::new(activities.iter()),
                    FileRead::Archive(a) => Box::new(
                        a.activities
                            .iter()
                            .chain(a.exports.iter().flat_map(|e| e.activities.iter())),
                    ),
                    FileRead::Export(e) => Box::new(e.activities.iter()),
                    _ => Box::new(std::iter::empty()),
                }
            })
    }

    /// Whether applying the plan could change anything: it has one of the app's own files,
    /// an activity to add, or another app's day with a value.
    pub fn has_changes(&self) -> bool {
        let days = |e: &ExportPlan| e.days.iter().any(|d| !d.is_empty());
        self.activities()
            .any(|a| matches!(a.outcome, ActivityOutcome::Add { .. }))
            || self.files.iter().any(|f| match &f.read {
                FileRead::Own(_) => true,
                FileRead::Export(e) => days(e),
                FileRead::Archive(a) => a.exports.iter().any(days),
                _ => false,
            })
    }

    fn activities_mut(&mut self) -> Vec<&mut ActivityPlan> {
        let mut out = Vec::new();
        for f in &mut self.files {
            match &mut f.read {
                FileRead::Activities { activities, .. } => out.extend(activities.iter_mut()),
                FileRead::Archive(a) => {
                    out.extend(a.activities.iter_mut());
                    for e in &mut a.exports {
                        out.extend(e.activities.iter_mut());
                    }
                }
                FileRead::Export(e) => out.extend(e.activities.iter_mut()),
                _ => {}
            }
        }
        out
    }

    /// Joins the plans several workers made of the same batch, each reading its share of
    /// the archives' files (`parts[0]` read the files chosen alone): the archives' entries
    /// in their order, and activities the same as an earlier one in that order marked so
    /// (each worker only saw its own share).
    pub fn join(parts: Vec<Plan>) -> Plan {
        let mut parts = parts.into_iter();
        let Some(mut plan) = parts.next() else {
            return Plan::default();
        };
        for part in parts {
            for (mine, theirs) in plan.files.iter_mut().zip(part.files) {
                if let (FileRead::Archive(a), FileRead::Archive(b)) = (&mut mine.read, theirs.read)
                {
                    a.activity_files += b.activity_files;
                    a.unreadable.extend(b.unreadable);
                    a.activities.extend(b.activities);
                    a.exports.extend(b.exports);
                    a.notes.extend(b.notes);
                }
            }
        }
        for f in &mut plan.files {
            if let FileRead::Archive(a) = &mut f.read {
                a.activities.sort_by_key(|p| p.ordinal);
                a.exports.sort_by_key(|e| e.ordinal);
            }
        }
        plan.mark_repeats();
        plan
    }

    /// Marks each added activity that an earlier added one of the plan is the same as
    /// (`super::activities::same_activity`).
    fn mark_repeats(&mut self) {
        let mut seen = Seen::default();
        for p in self.activities_mut() {
            let ActivityOutcome::Add { session, .. } = &p.outcome else {
                continue;
            };
            let logged = super::context::Logged::of(session);
            match seen.find(&logged) {
                Some(Origin::Batch(label)) => {
                    p.outcome = ActivityOutcome::SameAsEarlier {
                        label: label.clone(),
                    }
                }
                // Only the batch is seen here.
                Some(Origin::Logged(_)) => {}
                None => seen.add(logged, Origin::Batch(p.label.clone())),
            }
        }
    }
}
