//! Why one of the app's own files (a backup, a copy of stored data, a sessions or check-ins
//! CSV) was refused whole (docs/formats.md §1, §2): raised by the readers of `backup` and
//! `csv` and by the import's own checks, so it lies where all of them point.

use std::fmt;

/// The largest file read: 20 MB (20 000 000 bytes). A backup of ten years of daily
/// sessions is about 5 MB, and browsers' storage for a site is usually 5–10 MB, so
/// anything bigger is not one of our files and would only stall the page.
pub const MAX_BYTES: usize = 20_000_000;

/// Why nothing was imported.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ImportError {
    TooLarge {
        bytes: usize,
    },
    Empty,
    /// Not UTF-8 text, or holding NUL bytes.
    NotText,
    /// Neither JSON nor a CSV with a header.
    NotRecognised,
    /// JSON, but not a Recovery Run backup; `format` is what it says it is.
    NotABackup {
        format: Option<String>,
    },
    /// Made by a newer version of the app: `found`, where this one reads up to `newest`.
    NewerVersion {
        found: u64,
        newest: u64,
    },
    /// One of ours, but damaged: the reason, in plain words.
    Malformed(String),
}

impl fmt::Display for ImportError {
    /// A clause that reads after "nothing imported — ", ending with a full stop.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { bytes } => write!(
                f,
                "the file is {:.1} MB; the largest file this app reads is {} MB.",
                *bytes as f64 / 1e6,
                MAX_BYTES / 1_000_000
            ),
            ImportError::Empty => f.write_str("the file is empty."),
            ImportError::NotText => f.write_str(
                "this is not a text file (or not saved as UTF-8): choose a backup (.json) or \
                 a sessions file (.csv).",
            ),
            ImportError::NotRecognised => f.write_str(
                "this is neither a Recovery Run backup (.json) nor a sessions CSV with a \
                 header row.",
            ),
            ImportError::NotABackup {
                format: Some(other),
            } => write!(
                f,
                "this JSON file is not a Recovery Run backup (its format is “{other}”)."
            ),
            ImportError::NotABackup { format: None } => f.write_str(
                "this JSON file is not a Recovery Run backup (it has no \"format\": \
                 \"recovery-run-backup\").",
            ),
            ImportError::NewerVersion { found, newest } => write!(
                f,
                "this file is version {found}, made by a newer version of Recovery Run (this \
                 one reads up to version {newest}). Reload the app to update it, then import \
                 again."
            ),
            ImportError::Malformed(why) => write!(f, "{why}."),
        }
    }
}

impl std::error::Error for ImportError {}
