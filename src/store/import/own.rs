//! The app's own files: a backup (docs/formats.md §1, JSON), a sessions CSV (§2), a
//! check-ins CSV (§2.1), or a copy of the app's stored text (the "download stored data"
//! file offered when storage cannot be read: read record by record like a backup, so the
//! good records come back). [`read`] reads one into an [`OwnFile`] of the plan; merging
//! it is `super::apply`'s.
//!
//! - **Which.** The content decides, not the name: text starting with `{` is JSON; a
//!   header with `date`, no `sport` and a check-in column is a check-ins CSV; otherwise a
//!   name ending in `.csv`, or a first line naming `date` and `sport`, makes a sessions CSV.
//! - **Refused whole**, with a reason: over [`MAX_BYTES`]; empty; not UTF-8 text or
//!   holding NUL bytes (a binary file, or text saved as UTF-16); JSON that is not one of
//!   ours, or cut short; a newer version; a CSV header without `date`, `sport`, `duration_s`.
//! - **Skipped and reported**, the rest imported: each bad session (`"session 3"`, `"line
//!   4"`), check-in (`"check-in 2"`) or profile field (`"profile, lthr_bpm"`).
//! - How the records merge (by id, by date, the profile offered rather than changed) is
//!   said where it is done, in `super::apply`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::plan::OwnFile;
use crate::sources::DayValues;
use crate::store::backup::{self, Backup};
use crate::store::csv;
use crate::store::layout;
use crate::store::rows;
use crate::store::schema::{self, LoadError, SCHEMA_VERSION};

pub use crate::store::import_error::{ImportError, MAX_BYTES};

/// What kind of file was read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    #[default]
    Backup,
    /// A copy of the app's stored text.
    StoredData,
    SessionsCsv,
    /// A check-ins CSV (docs/formats.md §2.1).
    CheckInsCsv,
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    pub kind: FileKind,
    /// Sessions with a new id.
    pub added: usize,
    /// Sessions that replaced a different one with their id.
    pub updated: usize,
    /// Sessions identical to the one already there.
    pub unchanged: usize,
    pub wellness_added: usize,
    pub wellness_updated: usize,
    pub wellness_unchanged: usize,
    /// Whether the profile now differs from before the import (only ever for a fresh app's
    /// profile, filled in from a backup).
    pub profile_changed: bool,
    /// The backup's profile when it differs from one the athlete set, which is kept: for
    /// the athlete to take or leave, with what would change, field by field.
    pub profile_offer: Option<crate::domain::profile::Profile>,
    pub profile_changes: Vec<String>,
    /// (where, why) for each record left out: ("line 4", "date: …"), ("session 3", …),
    /// ("check-in 2", …), ("profile, lthr_bpm", …).
    pub skipped: Vec<(String, String)>,
}

/// A copy of stored data (the envelope of `schema`), record by record.
fn stored_data(envelope: Value) -> Result<(FileKind, Backup), ImportError> {
    let mut data = schema::upgrade_value(envelope).map_err(|e| match e {
        LoadError::FromNewerVersion { found } => ImportError::NewerVersion {
            found,
            newest: u64::from(SCHEMA_VERSION),
        },
        LoadError::Unreadable { reason } => {
            ImportError::Malformed(format!("this copy of stored data cannot be read: {reason}"))
        }
    })?;
    // From version 2 on, records are stored as rows: name their fields again.
    rows::name_fields(&mut data);
    Ok((FileKind::StoredData, backup::read(&data)?))
}

/// Reads one of the app's own files (see the module doc), or says why not.
pub fn read(file_name: &str, bytes: &[u8]) -> Result<OwnFile, ImportError> {
    let (kind, records, check_in_rows) = read_records(file_name, bytes)?;
    Ok(OwnFile {
        kind,
        records,
        check_in_rows,
        applied: None,
    })
}

type Records = (FileKind, Backup, Vec<DayValues>);

/// Detects the format and reads the file's records.
fn read_records(file_name: &str, bytes: &[u8]) -> Result<Records, ImportError> {
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotText)?;
    if text.contains('\0') {
        return Err(ImportError::NotText);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let start = text.trim_start();
    if start.is_empty() {
        return Err(ImportError::Empty);
    }
    if start.starts_with('{') {
        let v = backup::json(text)?;
        // A download of stored data whose parts could not be joined: every key of the
        // app's with its text (`layout::dump_text`).
        if let Value::Object(keys) = &v {
            let head = keys.get(layout::KEY).and_then(Value::as_str);
            if let (Some(head), None, None) = (head, keys.get("format"), keys.get("schema")) {
                return match layout::join_dump(keys) {
                    Some((envelope, left_out)) => {
                        let (kind, mut file) = stored_data(envelope)?;
                        file.skipped
                            .extend(left_out.into_iter().map(|why| ("stored data".into(), why)));
                        Ok((kind, file, Vec::new()))
                    }
                    // Its head is one whole text (version 1, or newer): read that.
                    None => read_records(file_name, head.as_bytes()),
                };
            }
        }
        if v.get("format").is_none() && v.get("schema").is_some() {
            let (kind, file) = stored_data(v)?;
            return Ok((kind, file, Vec::new()));
        }
        return Ok((FileKind::Backup, backup::parse_value(v)?, Vec::new()));
    }
    let header = start.lines().next().unwrap_or("").to_ascii_lowercase();
    if !start.starts_with('[') && csv::is_check_in_header(&header) {
        let (rows, skipped) = csv::parse_check_ins(text)?;
        let file = Backup {
            skipped,
            ..Backup::default()
        };
        return Ok((FileKind::CheckInsCsv, file, rows));
    }
    let named_csv = file_name.to_ascii_lowercase().ends_with(".csv");
    if !start.starts_with('[')
        && (named_csv || (header.contains("date") && header.contains("sport")))
    {
        let (sessions, skipped) = csv::parse_sessions(text)?;
        let file = Backup {
            sessions,
            skipped,
            ..Backup::default()
        };
        return Ok((FileKind::SessionsCsv, file, Vec::new()));
    }
    Err(ImportError::NotRecognised)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_array_is_not_taken_for_csv() {
        assert_eq!(
            read("x.csv", br#"[{"date":"2026-03-09","sport":"run"}]"#).unwrap_err(),
            ImportError::NotRecognised
        );
    }
}
