//! The file worker's half of an import: a batch of files read against an
//! [`ImportContext`] into a [`Plan`] (issue #32).
//!
//! Each file is unpacked by one layer (gzip by its bytes: `store::compressed`; zip
//! archives, nested ones too: `store::archive`), then read by the one reader its content
//! picks ([`Reader`]): the app's own files, an activity file, or another app's export.
//! Activities are made into sessions after the batch's own files are read, so the profile
//! a backup brings to a fresh app scores them, and each is checked against the log and the
//! batch so far (`super::activities`). Several workers may share the batch: each reads its
//! [`Shard`] of the archives' files, and the page joins their plans (`Plan::join`).

use std::collections::HashMap;

use super::activities::{self, Origin, Seen};
use super::apply;
use super::context::{ImportContext, Logged};
use super::own;
use super::plan::{
    ActivityOutcome, ActivityPlan, ArchivePlan, ExportPlan, Failure, FilePlan, FileRead, Plan,
};
use crate::activity::{self, ActivityFile, FileError};
use crate::domain::profile::Profile;
use crate::domain::session::Sport;
use crate::sources;
use crate::store::archive::{self, Found, ReadSeek};
use crate::store::compressed;

/// One file of a batch as the file worker hands it over: whole, or as a reader of slices of
/// it — a zip archive, or Apple Health's `export.xml` unzipped (either may be gigabytes).
pub enum Source {
    Bytes(Vec<u8>),
    Archive(Box<dyn ReadSeek>),
    /// A file to stream (`export.xml`), never whole in memory.
    Stream(Box<dyn ReadSeek>),
}

/// How far a worker has read: files (activity files by name, and the files inside
/// archives), or — for an export read as one stream (Apple Health) — bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    Files { done: usize, total: usize },
    Bytes { done: u64, total: u64 },
}

/// Whether a file's first bytes (a few KiB) are Apple Health's `export.xml`, which is
/// streamed rather than read whole (`Source::Stream`).
pub fn is_apple_health_xml(head: &[u8]) -> bool {
    sources::apple_health::recognise_xml(head)
}

/// Which share of the archives' files one worker reads: those whose number (in walk
/// order, `archive::walk`) leaves `index` when divided by `count`. Worker 0 also reads
/// every file chosen alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl Default for Shard {
    fn default() -> Shard {
        Shard { index: 0, count: 1 }
    }
}

impl Shard {
    fn wants(self, number: usize) -> bool {
        number % self.count.max(1) == self.index
    }

    fn first(self) -> bool {
        self.index == 0
    }
}

/// Which reader a file's content picks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reader {
    /// FIT, TCX, GPX (`crate::activity`).
    Activity,
    /// Another app's export (`crate::sources`).
    Export(sources::Reader),
    /// One of the app's own files, or nothing it reads (`own::read` says which).
    Own,
}

/// The reader for a file (unpacked): an activity file by its FIT header or XML root (or,
/// too damaged to tell, its `.fit`/`.tcx`/`.gpx` name, so its report says what is wrong
/// with it as an activity file); another app's export by what `sources::recognise` sees;
/// else the app's own reader, which refuses with a reason what it does not read.
pub fn reader_for(name: &str, bytes: &[u8]) -> Reader {
    if is_activity(name, bytes) {
        return Reader::Activity;
    }
    let head = bytes.get(..bytes.len().min(8192)).unwrap_or(bytes);
    match sources::recognise(name, head) {
        Some(r) => Reader::Export(r),
        None => Reader::Own,
    }
}

/// Whether a file is an activity file rather than a backup or CSV: a FIT header, XML, or
/// (for a file too damaged to tell) a `.fit`, `.tcx` or `.gpx` name.
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

/// An activity file read, waiting for the batch's own files to be read.
struct Pending {
    /// The batch's file it came from.
    slot: usize,
    /// Its number inside an archive (0 for a file alone).
    ordinal: usize,
    /// Its name in the report: the file's, or its path inside an archive.
    label: String,
    read: Result<ActivityFile, FileError>,
    /// Strava's name and type for it, from the archive's `activities.csv`.
    strava: Option<(Option<String>, Option<String>)>,
    /// Where its sessions go: the file's own entry, an archive's, or an export's.
    into: Into,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Into {
    File,
    Archive,
    /// The export at this index of the file's (or archive's) exports.
    Export(usize),
}

/// Plans the import of `files` (in the order chosen) against `context` (see the module
/// doc). `utc_offset_min(unix seconds)` is the local offset for activity files that do not
/// carry one; `progress(done, total)` is called as files (and the files inside archives)
/// are read — this worker's share of them.
pub fn plan(
    context: &ImportContext,
    files: Vec<(String, Result<Source, String>)>,
    utc_offset_min: &dyn Fn(i64) -> i32,
    progress: &mut dyn FnMut(Progress),
    shard: Shard,
) -> Plan {
    let mut profile = context.profile.clone();
    let mut out: Vec<FilePlan> = Vec::with_capacity(files.len());
    let mut pending: Vec<Pending> = Vec::new();
    // Progress counts activity files (by name, for those chosen alone; inside archives,
    // every file that may be read): this worker's share.
    let (mut done, mut total) = (
        0usize,
        if shard.first() {
            files
                .iter()
                .filter(|(name, _)| archive::may_be_activity(name))
                .count()
        } else {
            0
        },
    );
    let progress = std::cell::RefCell::new(progress);
    let tell = |done: usize, total: usize| {
        if total > 0 {
            (progress.borrow_mut())(Progress::Files {
                done: done.min(total),
                total,
            });
        }
    };
    let mut bytes_read = |done: u64, total: u64| {
        (progress.borrow_mut())(Progress::Bytes {
            done: done.min(total),
            total,
        })
    };

    for (slot, (name, source)) in files.into_iter().enumerate() {
        let source = match source {
            Ok(Source::Bytes(b)) if archive::is_zip(&b) => {
                Ok(Source::Archive(Box::new(std::io::Cursor::new(b))))
            }
            other => other,
        };
        let mut source = source;
        let apple = match &mut source {
            Ok(Source::Archive(r)) => is_apple_health_zip(r.as_mut()),
            _ => false,
        };
        let read = match source {
            // Apple Health's export: read by the first worker, as a stream.
            Ok(Source::Archive(reader)) if apple => {
                if shard.first() {
                    apple_health_zip(reader, slot, &mut pending, &mut bytes_read)
                } else {
                    FileRead::Archive(ArchivePlan::default())
                }
            }
            Ok(Source::Stream(reader)) => {
                if shard.first() {
                    apple_health_xml(reader, &name, slot, &mut pending, &mut bytes_read)
                } else {
                    FileRead::Failed(Failure::NotGiven(String::new()))
                }
            }
            Ok(Source::Archive(mut reader)) => {
                let mut a = ArchivePlan::default();
                let mut strava = HashMap::new();
                let grown = std::cell::Cell::new(0usize);
                let walked = archive::walk(
                    reader.as_mut(),
                    &mut |n| grown.set(grown.get() + n),
                    &|n| shard.wants(n),
                    &mut |path, number, found| {
                        // Strava's index names the activities for every worker.
                        if let Found::File(bytes) = &found {
                            if archive::is_strava_index(path) {
                                strava = archive::strava_index(bytes);
                            }
                        }
                        // Files not to be read are counted once, by worker 0; the others
                        // by the worker that reads them.
                        if shard.first() {
                            a.inside += 1;
                        }
                        let read_here = match number {
                            usize::MAX => shard.first(),
                            n => shard.wants(n),
                        };
                        if !read_here {
                            return;
                        }
                        if number != usize::MAX && archive::may_be_activity(path) {
                            done += 1;
                            if done % 25 == 0 {
                                tell(done, total + grown.get() / shard.count.max(1));
                            }
                        }
                        match found {
                            Found::File(_) if archive::is_strava_index(path) => {}
                            Found::File(bytes) => {
                                let label = format!("{name} › {path}");
                                let (inner, unpacked) = unpack(path, bytes);
                                let bytes = match unpacked {
                                    Ok(b) => b,
                                    // A damaged `.fit.gz` is an activity file not read.
                                    Err(e) => {
                                        a.activity_files += 1;
                                        pending.push(Pending {
                                            slot,
                                            ordinal: number,
                                            read: Err(FileError::NotUnpacked {
                                                reason: e.to_string(),
                                            }),
                                            strava: None,
                                            label,
                                            into: Into::Archive,
                                        });
                                        return;
                                    }
                                };
                                match reader_for(inner, &bytes) {
                                    Reader::Activity => {
                                        a.activity_files += 1;
                                        pending.push(Pending {
                                            slot,
                                            ordinal: number,
                                            read: activity::read(inner, &bytes, utc_offset_min),
                                            strava: strava.get(path).cloned(),
                                            label,
                                            into: Into::Archive,
                                        });
                                    }
                                    Reader::Export(r) => {
                                        let e = export(r, label, number, inner, &bytes);
                                        match e.1 {
                                            Some(why) => a
                                                .unreadable
                                                .push((path.to_owned(), why.to_string())),
                                            None => {
                                                queue_workouts(
                                                    &mut pending,
                                                    slot,
                                                    &e,
                                                    a.exports.len(),
                                                );
                                                a.exports.push(e.0);
                                            }
                                        }
                                    }
                                    Reader::Own => a.others += 1,
                                }
                            }
                            Found::Unreadable(why) => a.unreadable.push((path.to_owned(), why)),
                            Found::NotActivity => a.others += 1,
                            Found::Skipped => {}
                        }
                    },
                );
                total += grown.get() / shard.count.max(1);
                tell(done, total);
                match walked {
                    Ok(()) => FileRead::Archive(a),
                    Err(e) => FileRead::Failed(Failure::Archive(e)),
                }
            }
            // Files chosen alone are read by the first worker; the others leave a place.
            _ if !shard.first() => FileRead::Failed(Failure::NotGiven(String::new())),
            Err(why) => FileRead::Failed(Failure::NotGiven(why)),
            Ok(Source::Bytes(bytes)) => read_alone(
                &name,
                bytes,
                slot,
                &mut pending,
                &mut profile,
                utc_offset_min,
            ),
        };
        if shard.first() && archive::may_be_activity(&name) {
            done += 1;
            tell(done, total);
        }
        out.push(FilePlan { name, read });
    }

    let mut plan = Plan { files: out };
    add_sessions(&mut plan, pending, context, &profile);
    plan
}

/// Whether an archive is Apple Health's export, by its paths (and then its content:
/// `sources::apple_health`). Leaves the reader at its start.
fn is_apple_health_zip(reader: &mut dyn ReadSeek) -> bool {
    let apple = zip::ZipArchive::new(&mut *reader).is_ok_and(|zip| {
        let names: Vec<String> = (0..zip.len())
            .filter_map(|i| zip.name_for_index(i).and_then(Result::ok))
            .map(|n| n.into_owned())
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        sources::apple_health::recognise_zip(&names)
    });
    let _ = reader.seek(std::io::SeekFrom::Start(0));
    apple
}

/// Apple Health's `export.zip`: its XML streamed, its routes read (`read_zip`).
fn apple_health_zip(
    reader: Box<dyn ReadSeek>,
    slot: usize,
    pending: &mut Vec<Pending>,
    progress: &mut dyn FnMut(u64, u64),
) -> FileRead {
    let read = zip::ZipArchive::new(reader)
        .map_err(|e| sources::SourceError::Damaged {
            what: "Apple Health export".into(),
            detail: e.to_string(),
        })
        .and_then(|mut zip| sources::apple_health::read_zip(&mut zip, progress));
    apple_health_plan(read, "Apple Health export".into(), slot, pending)
}

/// Apple Health's `export.xml` chosen alone (unzipped): streamed; its routes are not at
/// hand, so runs keep the workout's own totals.
fn apple_health_xml(
    reader: Box<dyn ReadSeek>,
    name: &str,
    slot: usize,
    pending: &mut Vec<Pending>,
    progress: &mut dyn FnMut(u64, u64),
) -> FileRead {
    let mut reader = reader;
    let total = reader.seek(std::io::SeekFrom::End(0)).unwrap_or(0);
    let _ = reader.seek(std::io::SeekFrom::Start(0));
    let mut input = std::io::BufReader::with_capacity(1 << 16, reader);
    let read = sources::apple_health::read_xml(&mut input, &mut |done| progress(done, total))
        .map(|export| export.into_source_file(&mut |_| None));
    apple_health_plan(read, name.to_owned(), slot, pending)
}

fn apple_health_plan(
    read: Result<sources::SourceFile, sources::SourceError>,
    label: String,
    slot: usize,
    pending: &mut Vec<Pending>,
) -> FileRead {
    match read {
        Err(why) => FileRead::Failed(Failure::Source(why)),
        Ok(file) => {
            let e: ExportRead = (
                ExportPlan {
                    label,
                    ordinal: 0,
                    source: "Apple Health".into(),
                    days: file.days,
                    skipped: file.skipped,
                    activities: Vec::new(),
                    applied: None,
                },
                None,
                file.activities,
            );
            queue_workouts(pending, slot, &e, 0);
            FileRead::Export(e.0)
        }
    }
}

/// A file chosen alone (not an archive).
fn read_alone(
    name: &str,
    bytes: Vec<u8>,
    slot: usize,
    pending: &mut Vec<Pending>,
    profile: &mut Profile,
    utc_offset_min: &dyn Fn(i64) -> i32,
) -> FileRead {
    // A gzip file may hold an activity, a CSV or a backup.
    let (inner, unpacked) = unpack(name, bytes);
    let bytes = match unpacked {
        Ok(b) => b,
        Err(e) => return FileRead::Failed(Failure::Unpack(e)),
    };
    if is_apple_health_xml(bytes.get(..bytes.len().min(8192)).unwrap_or(&bytes)) {
        let len = bytes.len() as u64;
        return apple_health_xml(
            Box::new(std::io::Cursor::new(bytes)),
            name,
            slot,
            pending,
            &mut |done, _| {
                let _ = (done, len);
            },
        );
    }
    match reader_for(inner, &bytes) {
        Reader::Activity => {
            pending.push(Pending {
                slot,
                ordinal: 0,
                label: name.to_owned(),
                read: activity::read(inner, &bytes, utc_offset_min),
                strava: None,
                into: Into::File,
            });
            FileRead::Activities {
                activities: Vec::new(),
                notes: Vec::new(),
            }
        }
        Reader::Export(r) => {
            let e = export(r, name.to_owned(), 0, inner, &bytes);
            queue_workouts(pending, slot, &e, 0);
            match e.1 {
                Some(why) => FileRead::Failed(Failure::Source(why)),
                None => FileRead::Export(e.0),
            }
        }
        Reader::Own => match own::read(inner, &bytes) {
            Ok(file) => {
                // A backup fills in a fresh app's profile (`apply`): what follows in the
                // batch is read with it.
                if profile.is_fresh() {
                    if let Some(p) = apply::profile_from(&file.records, profile) {
                        *profile = p;
                    }
                }
                FileRead::Own(Box::new(file))
            }
            Err(e) => FileRead::Failed(Failure::Own(e)),
        },
    }
}

/// Another app's file read: its plan (the workouts still to be made sessions), or why it
/// could not be read.
type ExportRead = (
    ExportPlan,
    Option<sources::SourceError>,
    Vec<activity::ActivitySummary>,
);

fn export(
    reader: sources::Reader,
    label: String,
    ordinal: usize,
    path: &str,
    bytes: &[u8],
) -> ExportRead {
    let mut plan = ExportPlan {
        label,
        ordinal,
        source: reader.name().to_owned(),
        days: Vec::new(),
        skipped: Vec::new(),
        activities: Vec::new(),
        applied: None,
    };
    match sources::read(reader, path, bytes) {
        Ok(file) => {
            plan.days = file.days;
            plan.skipped = file.skipped;
            (plan, None, file.activities)
        }
        Err(e) => (plan, Some(e), Vec::new()),
    }
}

/// Queues an export's workouts to be made sessions with the others.
fn queue_workouts(pending: &mut Vec<Pending>, slot: usize, e: &ExportRead, index: usize) {
    if e.2.is_empty() {
        return;
    }
    pending.push(Pending {
        slot,
        ordinal: e.0.ordinal,
        label: e.0.label.clone(),
        read: Ok(ActivityFile {
            activities: e.2.clone(),
            notes: Vec::new(),
        }),
        strava: None,
        into: Into::Export(index),
    });
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

/// Makes the read activities sessions with `profile`, each checked against the log and
/// the batch so far, and puts each where its file's plan lists it.
fn add_sessions(
    plan: &mut Plan,
    pending: Vec<Pending>,
    context: &ImportContext,
    profile: &Profile,
) {
    let mut seen = Seen::logged(&context.logged);
    for p in pending {
        let Some(file) = plan.files.get_mut(p.slot) else {
            continue;
        };
        let mut entries: Vec<ActivityPlan> = Vec::new();
        let mut notes: Vec<String> = Vec::new();
        match p.read {
            Err(e) => entries.push(ActivityPlan {
                label: p.label.clone(),
                ordinal: p.ordinal,
                outcome: ActivityOutcome::Failed(e),
            }),
            Ok(mut f) => {
                apply_strava(&mut f, p.strava.as_ref());
                let legs = f.activities.len();
                notes = f.notes;
                for (i, a) in f.activities.iter().enumerate() {
                    let label = match p.into {
                        _ if legs < 2 => p.label.clone(),
                        // An export's list of workouts: each by its start.
                        Into::Export(_) => format!("{} ({} {})", p.label, a.date, a.start_time),
                        _ => format!(
                            "{} (leg {} of {legs}, {})",
                            p.label,
                            i + 1,
                            a.sport.as_str()
                        ),
                    };
                    let session = activities::session_from(a, &p.label, profile);
                    let logged = Logged::of(&session);
                    let outcome = match seen.find(&logged) {
                        Some(Origin::Logged(id)) => {
                            ActivityOutcome::AlreadyInLog { id: id.clone() }
                        }
                        Some(Origin::Batch(first)) => ActivityOutcome::SameAsEarlier {
                            label: first.clone(),
                        },
                        None => {
                            seen.add(logged, Origin::Batch(label.clone()));
                            ActivityOutcome::Add {
                                session: Box::new(session),
                                scored: None,
                            }
                        }
                    };
                    entries.push(ActivityPlan {
                        label,
                        ordinal: p.ordinal,
                        outcome,
                    });
                }
            }
        }
        match (&mut file.read, p.into) {
            (
                FileRead::Activities {
                    activities,
                    notes: n,
                },
                Into::File,
            ) => {
                activities.extend(entries);
                n.extend(notes);
            }
            (FileRead::Archive(a), Into::Archive) => {
                a.notes
                    .extend(notes.into_iter().map(|note| (p.label.clone(), note)));
                a.activities.extend(entries);
            }
            (FileRead::Archive(a), Into::Export(i)) => {
                if let Some(e) = a.exports.get_mut(i) {
                    e.activities.extend(entries);
                }
            }
            (FileRead::Export(e), Into::Export(_)) => e.activities.extend(entries),
            _ => {}
        }
    }
}
