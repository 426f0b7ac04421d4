//! Importing a file: detect its format, read every record, merge by id — all or nothing.
//!
//! [`import`] returns a whole new [`Data`]; the caller stores it in one write or not at all,
//! so a failed import leaves nothing half-saved.

use std::fmt;

use super::data::Data;
use super::{backup, csv};
use crate::domain::session::Session;
use crate::domain::tss;

/// The largest file read: 20 MB holds decades of sessions as CSV or JSON; anything bigger is
/// not one of our files and would only stall the page.
pub const MAX_BYTES: usize = 20_000_000;

#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    TooLarge { bytes: usize },
    NotText,
    NotRecognised,
    NewerVersion { found: u64 },
    Malformed(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { bytes } => write!(
                f,
                "the file is {:.1} MB; the limit is {} MB.",
                *bytes as f64 / 1e6,
                MAX_BYTES / 1_000_000
            ),
            ImportError::NotText => f.write_str("this is not a text file: choose a backup (.json) or sessions (.csv)."),
            ImportError::NotRecognised => {
                f.write_str("this is neither a Recovery Run backup (.json) nor a sessions CSV.")
            }
            ImportError::NewerVersion { found } => write!(
                f,
                "this backup is version {found}, made by a newer version of Recovery Run (this one reads up to version {}). Reload the app to update it, then import again.",
                backup::VERSION
            ),
            ImportError::Malformed(why) => write!(f, "{why}."),
        }
    }
}

impl std::error::Error for ImportError {}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub wellness: usize,
    pub profile_replaced: bool,
    /// (where, why) for each record left out.
    pub skipped: Vec<(String, String)>,
}

impl ImportReport {
    pub fn summary(&self) -> String {
        let mut parts = vec![
            format!("{} added", self.added),
            format!("{} updated", self.updated),
        ];
        if self.unchanged > 0 {
            parts.push(format!("{} already there", self.unchanged));
        }
        parts.push(format!("{} skipped", self.skipped.len()));
        let mut s = format!("sessions: {}", parts.join(", "));
        if self.wellness > 0 {
            s.push_str(&format!("; {} check-ins", self.wellness));
        }
        if self.profile_replaced {
            s.push_str("; profile replaced by the backup's");
        }
        s + "."
    }
}

/// Reads `bytes` (named `file_name`) and merges it into `current`.
pub fn import(
    current: &Data,
    file_name: &str,
    bytes: &[u8],
) -> Result<(Data, ImportReport), ImportError> {
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotText)?;
    if text.contains('\0') {
        return Err(ImportError::NotText);
    }
    let text = text.trim_start_matches('\u{feff}');
    let mut next = current.clone();
    let mut report = ImportReport::default();
    let sessions = if text.trim_start().starts_with('{') {
        let b = backup::parse(text)?;
        if let Some(p) = b.profile {
            report.profile_replaced = p != next.profile;
            next.profile = p;
        }
        report.wellness = b.wellness.len();
        for w in b.wellness {
            next.upsert_wellness(w);
        }
        report.skipped = b.skipped;
        b.sessions
    } else if looks_like_csv(file_name, text) {
        let (s, skipped) = csv::parse_sessions(text)?;
        report.skipped = skipped;
        s
    } else {
        return Err(ImportError::NotRecognised);
    };
    for mut s in sessions {
        fill_tss(&mut s, &next);
        match next.sessions.iter().find(|x| x.id == s.id) {
            Some(old) if *old == s => report.unchanged += 1,
            Some(_) => report.updated += 1,
            None => report.added += 1,
        }
        next.upsert_session(s);
    }
    if report.profile_replaced {
        let profile = next.profile.clone();
        next.set_profile_rescored(profile);
    }
    Ok((next, report))
}

/// A session from a file without a TSS gets one estimated (formats.md §2).
fn fill_tss(s: &mut Session, data: &Data) {
    if s.tss.is_none() {
        tss::rescore(s, &data.profile);
    }
}

fn looks_like_csv(name: &str, text: &str) -> bool {
    let header = text.lines().next().unwrap_or("").to_ascii_lowercase();
    name.to_ascii_lowercase().ends_with(".csv")
        || (header.contains("date") && header.contains("sport") && header.contains(','))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str =
        "id,date,sport,duration_s,avg_hr_bpm\na,2026-03-09,run,3600,153\nb,2026-03-10,run,1800,\n";

    #[test]
    fn merges_by_id_and_counts() {
        let (d, r) = import(&Data::default(), "s.csv", CSV.as_bytes()).unwrap();
        assert_eq!((r.added, r.updated, r.unchanged), (2, 0, 0));
        let (d2, r2) = import(&d, "s.csv", CSV.as_bytes()).unwrap();
        assert_eq!((r2.added, r2.updated, r2.unchanged), (0, 0, 2));
        assert_eq!(d2.sessions.len(), 2);
        let changed = CSV.replace("1800", "2400");
        let (_, r3) = import(&d2, "s.csv", changed.as_bytes()).unwrap();
        assert_eq!((r3.added, r3.updated, r3.unchanged), (0, 1, 1));
    }

    #[test]
    fn refusals_change_nothing_and_say_why() {
        let junk = [0u8, 0xff, 0xfe, 0x13];
        assert_eq!(
            import(&Data::default(), "x.bin", &junk).unwrap_err(),
            ImportError::NotText
        );
        assert_eq!(
            import(&Data::default(), "x.txt", b"hello world").unwrap_err(),
            ImportError::NotRecognised
        );
        let big = vec![b' '; MAX_BYTES + 1];
        assert!(matches!(
            import(&Data::default(), "x.csv", &big),
            Err(ImportError::TooLarge { .. })
        ));
        let future = br#"{"format":"recovery-run-backup","version":3}"#;
        let e = import(&Data::default(), "b.json", future).unwrap_err();
        assert!(e.to_string().contains("newer version"));
    }

    #[test]
    fn the_fixture_backup_imports_whole() {
        let (d, r) = import(
            &Data::default(),
            "b.json",
            include_bytes!("../../tests/fixtures/backup-v1.json"),
        )
        .unwrap();
        assert!(r.skipped.is_empty(), "{:?}", r.skipped);
        assert_eq!(r.added, d.sessions.len());
        assert!(r.profile_replaced);
        assert!(
            d.sessions.iter().all(|s| s.tss.is_some()),
            "every session scored"
        );
    }
}
