//! Export archives (issue #20): the zip files Strava's "download your data" and Garmin
//! Connect's export give, read with the `zip` crate from any `Read + Seek` — in the app, the
//! browser's `File` read in slices by the file worker, so a 2 GB archive is never in memory
//! whole; in tests, a byte slice.
//!
//! - **Strava**: `activities.csv` (each activity's name and type, and its file under
//!   `activities/`) and `activities/` holding `.fit.gz`, `.gpx`, `.tcx.gz`…
//! - **Garmin**: `DI_CONNECT/DI-Connect-Uploaded-Files/` holds further zips of `.fit`
//!   files: a nested zip is read as a stream of its entries, never unpacked whole.
//!
//! [`walk`] hands each file inside to the caller, in archive order, `activities.csv` first;
//! only files that may be activities (by their names: `.fit`, `.tcx`, `.gpx`, each
//! possibly `.gz`) are read, each at most [`crate::activity::MAX_BYTES`]; the rest are
//! counted as not activities without being read. Never panics (fuzzed:
//! `fuzz/fuzz_targets/archive.rs`).

use std::collections::HashMap;
use std::fmt;
use std::io::{Read, Seek};

use crate::activity::MAX_BYTES;

/// A reader an archive can be read from.
pub trait ReadSeek: Read + Seek {}
impl<T: Read + Seek> ReadSeek for T {}

/// Whether the first bytes of a file are a zip archive's: a local file header, or the end
/// of an empty archive (PKWARE APPNOTE 4.3.7 and 4.3.16: `PK\x03\x04`, `PK\x05\x06`).
pub fn is_zip(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06")
}

/// What [`walk`] found at one path of the archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// A file that may be an activity (or Strava's `activities.csv`), read whole.
    File(Vec<u8>),
    /// A file that may be an activity but could not be read, and why (a sentence's end).
    Unreadable(String),
    /// A file that is not an activity by its name (settings, summaries, photos…): not read.
    NotActivity,
    /// A file that may be read, left to another worker (`walk`'s `want`).
    Skipped,
}

/// Why an archive could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ArchiveError {
    /// Damaged or cut short (its table of contents at the end is missing or wrong).
    Damaged(String),
    /// A zip of a kind the reader does not support (split over several files…).
    Unsupported(String),
}

impl fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArchiveError::Damaged(d) => write!(
                f,
                "this zip archive is damaged or cut short ({d}); download the export again"
            ),
            ArchiveError::Unsupported(d) => {
                write!(f, "this zip archive cannot be read here ({d})")
            }
        }
    }
}

/// Whether a path inside an archive may be an activity file, by its name.
pub fn may_be_activity(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
    [".fit", ".tcx", ".gpx"].iter().any(|e| lower.ends_with(e))
}

/// Whether a file inside an archive is read: an activity file, or a CSV or JSON file that
/// may be another app's export (Garmin's wellness files, WHOOP's and Fitbit's tables),
/// which its content then decides (`crate::sources::recognise`). Strava's `activities.csv`
/// is read apart, first.
pub fn may_be_read(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    may_be_activity(path)
        || ((lower.ends_with(".csv") || lower.ends_with(".json")) && !is_strava_index(path))
}

fn is_nested_zip(path: &str) -> bool {
    path.to_ascii_lowercase().ends_with(".zip")
}

/// Strava's `activities.csv` at the archive's root.
pub fn is_strava_index(path: &str) -> bool {
    path.trim_start_matches("./")
        .eq_ignore_ascii_case("activities.csv")
}

/// Reads at most `MAX_BYTES` of an entry; a larger entry is unreadable.
fn read_bounded(entry: &mut dyn Read, declared: u64) -> Found {
    if declared > MAX_BYTES as u64 {
        return Found::Unreadable(format!(
            "it is {:.1} MB, larger than one activity file can be",
            declared as f64 / 1e6
        ));
    }
    let mut out = Vec::with_capacity(usize::try_from(declared).unwrap_or(0).min(MAX_BYTES));
    match entry.take(MAX_BYTES as u64 + 1).read_to_end(&mut out) {
        Ok(_) if out.len() > MAX_BYTES => {
            Found::Unreadable("it is larger than one activity file can be".into())
        }
        Ok(_) => Found::File(out),
        Err(e) => Found::Unreadable(format!("it could not be unpacked: {e}")),
    }
}

fn why_not(e: &zip::result::ZipError) -> String {
    match e {
        zip::result::ZipError::UnsupportedArchive(m)
            if *m == zip::result::ZipError::PASSWORD_REQUIRED =>
        {
            "it is encrypted (the archive has a password)".into()
        }
        other => format!("it could not be unpacked: {other}"),
    }
}

/// The files an archive's walk reads ([`may_be_read`]) are numbered in walk order from 0:
/// several workers walking the same archive each read the ones `want(number)` picks.
pub type Want<'a> = &'a dyn Fn(usize) -> bool;

/// Walks an archive: `count(n)` is told how many of its files may be activities, by their
/// names (called again as nested archives add theirs; the progress counts these), and
/// `visit(path, number, found)` gets each file in archive order, Strava's `activities.csv`
/// first (number `usize::MAX`); a file to read that `want` does not pick is
/// [`Found::Skipped`], unread. Directories are passed over. (A cancelled import ends the
/// worker that runs this; nothing is saved until the walk is over.)
pub fn walk(
    reader: &mut dyn ReadSeek,
    count: &mut dyn FnMut(usize),
    want: Want,
    visit: &mut dyn FnMut(&str, usize, Found),
) -> Result<(), ArchiveError> {
    let mut archive = zip::ZipArchive::new(reader).map_err(|e| match e {
        zip::result::ZipError::UnsupportedArchive(m) => ArchiveError::Unsupported(m.into()),
        other => ArchiveError::Damaged(other.to_string()),
    })?;
    // Files that may be activities (a nested zip's own are counted as it is opened).
    let activities = (0..archive.len())
        .filter(|&i| may_be_activity(&name_of(&archive, i)))
        .count();
    count(activities);
    let index = (0..archive.len()).find(|&i| is_strava_index(&name_of(&archive, i)));
    if let Some(i) = index {
        let (name, found) = entry(&mut archive, i);
        visit(&name, usize::MAX, found);
    }
    let mut number = 0usize;
    for i in 0..archive.len() {
        if Some(i) == index {
            continue;
        }
        let path = name_of(&archive, i);
        if path.ends_with('/') {
            continue;
        }
        if is_nested_zip(&path) {
            match archive.by_index(i) {
                Ok(mut inner) => nested(&path, &mut inner, count, want, &mut number, visit),
                Err(e) => visit(&path, usize::MAX, Found::Unreadable(why_not(&e))),
            }
            continue;
        }
        if !may_be_read(&path) {
            visit(&path, usize::MAX, Found::NotActivity);
            continue;
        }
        let n = number;
        number += 1;
        if !want(n) {
            visit(&path, n, Found::Skipped);
            continue;
        }
        let (name, found) = entry(&mut archive, i);
        visit(&name, n, found);
    }
    Ok(())
}

/// The path of entry `i` (lossy where its name is not valid text).
fn name_of<R: Read + Seek>(archive: &zip::ZipArchive<R>, i: usize) -> String {
    match archive.name_for_index(i) {
        Some(Ok(name)) => name.into_owned(),
        _ => format!("file {}", i + 1),
    }
}

fn entry<R: Read + Seek>(archive: &mut zip::ZipArchive<R>, i: usize) -> (String, Found) {
    let path = name_of(archive, i);
    let found = match archive.by_index(i) {
        Ok(mut f) => {
            let size = f.size();
            read_bounded(&mut f, size)
        }
        Err(e) => Found::Unreadable(why_not(&e)),
    };
    (path, found)
}

/// The files of a zip inside the archive, read as a stream (its table of contents is at
/// its end, and it is not unpacked whole to reach it).
fn nested<R: Read>(
    outer: &str,
    stream: &mut R,
    count: &mut dyn FnMut(usize),
    want: Want,
    number: &mut usize,
    visit: &mut dyn FnMut(&str, usize, Found),
) {
    loop {
        let next = zip::read::read_zipfile_from_stream(stream);
        match next {
            Ok(Some(mut f)) => {
                let name = f.name().map(|n| n.into_owned()).unwrap_or_default();
                let path = format!("{outer}/{name}");
                if f.is_dir() {
                    continue;
                }
                if !may_be_read(&name) {
                    visit(&path, usize::MAX, Found::NotActivity);
                    continue;
                }
                if may_be_activity(&name) {
                    count(1);
                }
                let n = *number;
                *number += 1;
                if f.encrypted() {
                    visit(
                        &path,
                        n,
                        Found::Unreadable("it is encrypted (the archive has a password)".into()),
                    );
                } else if !want(n) {
                    visit(&path, n, Found::Skipped);
                } else {
                    let size = f.size();
                    let found = read_bounded(&mut f, size);
                    visit(&path, n, found);
                }
            }
            Ok(None) => return,
            Err(e) => {
                visit(
                    outer,
                    usize::MAX,
                    Found::Unreadable(format!("the rest of this inner archive is damaged ({e})")),
                );
                return;
            }
        }
    }
}

/// What Strava's `activities.csv` says of each file: its path in the archive
/// (`activities/123.fit.gz`) → the activity's name as the athlete gave it, and its type
/// ("Run", "Ride", "Virtual Ride"…). Columns found by their header names (`Filename`,
/// `Activity Name`, `Activity Type`); rows without a file are passed over.
pub fn strava_index(csv_text: &[u8]) -> HashMap<String, (Option<String>, Option<String>)> {
    let mut out = HashMap::new();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(csv_text);
    let Ok(headers) = reader.headers().cloned() else {
        return out;
    };
    let column = |name: &str| {
        headers.iter().position(|h| {
            h.trim()
                .trim_start_matches('\u{feff}')
                .eq_ignore_ascii_case(name)
        })
    };
    let (Some(file), name, kind) = (
        column("Filename"),
        column("Activity Name"),
        column("Activity Type"),
    ) else {
        return out;
    };
    for row in reader.records().flatten() {
        let text = |i: Option<usize>| {
            i.and_then(|i| row.get(i))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        if let Some(path) = text(Some(file)) {
            out.insert(path, (text(name), text(kind)));
        }
    }
    out
}
