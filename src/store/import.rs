//! Importing a file: detect its format, read every record, merge — all or nothing.
//!
//! [`import`] returns a whole new [`Data`]; the caller stores it in one write or not at
//! all, so a failed import (or a refused write) leaves nothing half-saved.
//!
//! - **What is read.** A backup (docs/formats.md §1, JSON), a sessions CSV (§2), a check-ins
//!   CSV (§2.1: a header with `date`, no `sport`, and a check-in column), or a copy of
//!   the app's own stored text (the "download stored data" file offered when storage cannot
//!   be read: it is read record by record like a backup, so the good records come back).
//!   The content decides, not the name: text starting with `{` is JSON; otherwise a name
//!   ending in `.csv`, or a first line naming `date` and `sport`, makes it CSV.
//! - **Refused whole**, with a reason: over [`MAX_BYTES`]; empty; not UTF-8 text or
//!   holding NUL bytes (a binary file, or text saved as UTF-16); JSON that is not one of
//!   ours, or cut short; a newer version; a CSV header without `date`, `sport`, `duration_s`.
//! - **Skipped and reported**, the rest imported: each bad session (`"session 3"`, `"line
//!   4"`), check-in (`"check-in 2"`) or profile field (`"profile, lthr_bpm"`).
//! - **Sessions** merge by id: a new id is added, a known id replaces that session
//!   (counted as updated, or unchanged if identical); a session without an id gets one
//!   from its content, so importing the same file twice changes nothing. Nothing is
//!   deleted. A session without a TSS gets one estimated with the (merged) profile; a TSS
//!   without a method is marked `given`; a TSS with a method is kept as the file has it.
//! - **Check-ins** merge by date, the file's replacing the one of that day; a check-ins
//!   CSV row updates only the fields it gives.
//! - **Profile** (backups only): a fresh app's profile (never edited) is filled in from the
//!   backup: each field the backup gives replaces the default; fields missing or null keep
//!   theirs. Restoring a full backup on a new device therefore restores the whole profile,
//!   and estimated TSS are recomputed. A profile the athlete set is **never changed by an
//!   import**: the backup's is offered beside it with what would change, field by field
//!   (`ImportReport::profile_offer`), and the athlete takes it or keeps theirs.
//! - **Settings** (theme, last backup) are this device's and never imported.

use super::backup::{self, Backup};
use super::csv;
use super::data::Data;
use super::layout;
use super::rows;
use super::schema::{self, LoadError, SCHEMA_VERSION};
use crate::domain::session::TssMethod;
use crate::domain::tss;
use serde_json::Value;

pub use super::import_error::{ImportError, MAX_BYTES};

/// What kind of file was read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
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
#[derive(Clone, Debug, Default, PartialEq)]
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

impl ImportReport {
    /// One or two sentences for the `role="status"` report, e.g. "Sessions: 2 added,
    /// 1 updated. 3 entries skipped."
    pub fn summary(&self) -> String {
        let mut s = format!("Sessions: {} added, {} updated", self.added, self.updated);
        if self.unchanged > 0 {
            s.push_str(&format!(", {} already up to date", self.unchanged));
        }
        s.push('.');
        let check_ins = self.wellness_added + self.wellness_updated + self.wellness_unchanged;
        if check_ins > 0 {
            s.push_str(&format!(
                " Check-ins: {} added, {} updated",
                self.wellness_added, self.wellness_updated
            ));
            if self.wellness_unchanged > 0 {
                s.push_str(&format!(", {} already up to date", self.wellness_unchanged));
            }
            s.push('.');
        }
        if self.profile_changed {
            s.push_str(" Profile updated from the backup.");
        }
        if !self.profile_changes.is_empty() {
            s.push_str(&format!(
                " The backup's profile differs from yours ({}); yours is kept until you \
                 choose otherwise.",
                self.profile_changes.join("; ")
            ));
        }
        match self.skipped.len() {
            0 => {}
            1 => s.push_str(" 1 entry skipped."),
            n => s.push_str(&format!(" {n} entries skipped.")),
        }
        s
    }
}

/// Reads `bytes` (named `file_name`) and merges it into `current`. Returns the merged data
/// (to be stored whole) and what was done; `current` is never changed.
pub fn import(
    current: &Data,
    file_name: &str,
    bytes: &[u8],
) -> Result<(Data, ImportReport), ImportError> {
    let (kind, file) = read(current, file_name, bytes)?;
    Ok(merge(current, kind, file))
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

/// Detects the format and reads the file's records.
fn read(current: &Data, file_name: &str, bytes: &[u8]) -> Result<(FileKind, Backup), ImportError> {
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
                        Ok((kind, file))
                    }
                    // Its head is one whole text (version 1, or newer): read that.
                    None => read(current, file_name, head.as_bytes()),
                };
            }
        }
        if v.get("format").is_none() && v.get("schema").is_some() {
            return stored_data(v);
        }
        return Ok((FileKind::Backup, backup::parse_value(v)?));
    }
    let header = start.lines().next().unwrap_or("").to_ascii_lowercase();
    if !start.starts_with('[') && csv::is_check_in_header(&header) {
        let (rows, skipped) = csv::parse_check_ins(text)?;
        let mut file = Backup {
            skipped,
            ..Backup::default()
        };
        for row in rows {
            match check_in_over(current, row) {
                Ok(w) => file.wellness.push(w),
                Err((date, why)) => file.skipped.push((format!("check-in of {date}"), why)),
            }
        }
        return Ok((FileKind::CheckInsCsv, file));
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
        return Ok((FileKind::SessionsCsv, file));
    }
    Err(ImportError::NotRecognised)
}

/// A check-ins CSV row laid over that day's check-in: the row updates the fields it
/// gives (docs/formats.md §2.1). The row was checked alone, so this fails only if the stored
/// check-in does not write back as one (never, in practice); then the day and why.
fn check_in_over(
    current: &Data,
    row: serde_json::Map<String, Value>,
) -> Result<crate::domain::wellness::Wellness, (String, String)> {
    let date = row
        .get("date")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let day = crate::store::record::wellness(Value::Object(row.clone()))
        .map_err(|e| (date.clone(), e))?
        .date;
    let mut base = match current.wellness_on(day).map(serde_json::to_value) {
        Some(Ok(Value::Object(m))) => m,
        _ => serde_json::Map::new(),
    };
    base.extend(row);
    crate::store::record::wellness(Value::Object(base)).map_err(|e| (date, e))
}

fn merge(current: &Data, kind: FileKind, file: Backup) -> (Data, ImportReport) {
    let mut next = current.clone();
    let mut report = ImportReport {
        kind,
        skipped: file.skipped,
        ..ImportReport::default()
    };
    if let Some(patch) = file.profile {
        let mut profile = patch.apply(&next.profile);
        match file.thresholds {
            // Version 2: the file's sets; its threshold fields are the newest of them.
            Some(sets) => {
                profile = profile.with_sets(sets).unwrap_or(profile);
            }
            // Version 1 (or a file without sets) giving thresholds: one set for all days
            // (docs/formats.md §1.1).
            None if patch.fields().any(is_threshold_field) => profile.thresholds.clear(),
            None => {}
        }
        if next.profile.is_fresh() {
            // A fresh app is simply filled in from the backup (a new device, a first run).
            report.profile_changed = profile != next.profile;
            // Recomputes the estimated TSS of the sessions already there if thresholds
            // change.
            next.set_profile(profile);
        } else if profile != next.profile {
            // A profile the athlete set is never changed silently: the backup's is offered,
            // with what would change, and the athlete decides (the Data page).
            report.profile_changes = next.profile.changes_to(&profile);
            report.profile_offer = Some(profile);
        }
    }
    for w in file.wellness {
        match next.wellness_on(w.date) {
            Some(old) if *old == w => report.wellness_unchanged += 1,
            Some(_) => report.wellness_updated += 1,
            None => report.wellness_added += 1,
        }
        next.upsert_wellness(w);
    }
    for mut s in file.sessions {
        if s.tss.is_none() {
            tss::rescore(&mut s, &next.profile);
        } else if s.tss_method.is_none() {
            // A TSS with no method came from a device or a coach (domain/tss.rs).
            s.tss_method = Some(TssMethod::Given);
        }
        match next.session(&s.id) {
            Some(old) if *old == s => report.unchanged += 1,
            Some(_) => report.updated += 1,
            None => report.added += 1,
        }
        next.upsert_session(s);
    }
    (next, report)
}

/// The profile fields that are thresholds (docs/formats.md §1).
fn is_threshold_field(name: &str) -> bool {
    matches!(
        name,
        "lthr_bpm"
            | "max_hr_bpm"
            | "resting_hr_bpm"
            | "threshold_pace_s_per_km"
            | "ftp_w"
            | "css_s_per_100m"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_sentences() {
        let r = ImportReport {
            added: 2,
            updated: 1,
            skipped: vec![("line 3".into(), "date: …".into())],
            ..ImportReport::default()
        };
        assert_eq!(
            r.summary(),
            "Sessions: 2 added, 1 updated. 1 entry skipped."
        );
        let r = ImportReport {
            added: 0,
            unchanged: 4,
            wellness_added: 1,
            wellness_unchanged: 2,
            profile_changed: true,
            skipped: vec![("a".into(), "b".into()), ("c".into(), "d".into())],
            ..ImportReport::default()
        };
        assert_eq!(
            r.summary(),
            "Sessions: 0 added, 0 updated, 4 already up to date. Check-ins: 1 added, 0 \
             updated, 2 already up to date. Profile updated from the backup. 2 entries skipped."
        );
    }

    #[test]
    fn a_json_array_is_not_taken_for_csv() {
        assert_eq!(
            import(
                &Data::default(),
                "x.csv",
                br#"[{"date":"2026-03-09","sport":"run"}]"#
            )
            .unwrap_err(),
            ImportError::NotRecognised
        );
    }
}
