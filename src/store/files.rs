//! The Data page's work with files, as the file worker does it: the [`Job`] and [`Reply`]
//! messages between page and worker, and the export files.
//!
//! In the app these run in a Web Worker (`src/worker.rs`, the `file-worker` binary), so
//! reading a three-hour FIT file never freezes the page and the codecs (CSV, FIT, XML, the
//! backup reader) stay out of the first download. The page and the worker talk in the
//! [`Job`] and [`Reply`] types below, as JSON.
//!
//! - **Import.** The worker plans the import of the files it is given against an import
//!   context (`store::import`): it never sees the stored log, and the page applies the
//!   plan it answers in one change.
//! - **Export.** A backup (JSON), the sessions (CSV), the check-ins (CSV) or the
//!   performance chart (CSV).

use serde::{Deserialize, Serialize};

use super::data::Data;
use super::import::{ImportContext, Plan, Shard};
use super::sync::{Base, Changes};
use super::{backup, csv};
use crate::domain::date::Day;
use crate::domain::pmc;

/// What the page asks the worker to do. The files of an import travel beside the job (as
/// the browser's `File` objects), in the same order as `names`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
// Externally tagged (serde's default): its decoder is a fraction of the size of an
// internally tagged one's, which buffers every field before it knows the variant.
#[serde(rename_all = "snake_case")]
pub enum Job {
    Import {
        /// What the files are read against: the profile and the logged sessions' facts.
        context: Box<ImportContext>,
        names: Vec<String>,
        /// This worker's share of the archives' files.
        shard: Shard,
    },
    Export {
        stored: String,
        what: Export,
        today: Day,
        /// When, for the backup's `exported_at` (RFC 3339, UTC).
        now_utc: String,
        /// The backup passphrase: the backup is then encrypted (docs/formats.md §1.2).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        passphrase: Option<String>,
    },
    /// The encrypted backup passed beside the job, decrypted with `passphrase`
    /// ([`Reply::Decrypted`]), for the page to import.
    Decrypt { passphrase: String },
    /// The backup file merged with the stored data (`store::sync`): beside the job, the
    /// stored envelope (as a `Blob`) and the file as it is now (empty when new).
    Sync {
        /// The file's name, for messages.
        name: String,
        /// What this device and the file last agreed on, if it has synced with it before.
        base: Option<Box<Base>>,
        /// The backup passphrase: the file is read and written encrypted.
        passphrase: Option<String>,
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
    /// `(done, total, bytes)` when `text` is a [`Reply::Progress`]'s JSON. The page gets every
    /// message as text and most are progress; the final reply (megabytes after a ten-year
    /// archive) is told apart by its start, not by parsing it once here and again later.
    pub fn progress_in(text: &str) -> Option<(usize, usize, bool)> {
        if !text.starts_with(r#"{"progress":"#) {
            return None;
        }
        match serde_json::from_str(text) {
            Ok(Reply::Progress { done, total, bytes }) => Some((done, total, bytes)),
            _ => None,
        }
    }
}

/// What the worker answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    /// `done` of `total` files read (sent after each file of an import).
    /// `done` of `total` files read, or (`bytes`) bytes of an export read as one stream.
    Progress {
        done: usize,
        total: usize,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        bytes: bool,
    },
    /// The import's plan, for the page to apply (`store::import::apply`).
    Planned { plan: Plan },
    Exported {
        file_name: String,
        mime: String,
        text: String,
    },
    /// An encrypted backup's text, decrypted.
    Decrypted { text: String },
    /// A sync's result: the changes to make to the stored data, the file's new text, and
    /// the new base.
    Synced {
        changes: Box<Changes>,
        text: String,
        base: Box<Base>,
    },
    /// The job could not be done at all (an unreadable job, or stored data that cannot be
    /// read): a sentence for the page.
    Failed { message: String },
    /// The athlete cancelled the job (the page ended the worker): nothing changed.
    Cancelled,
}

/// One file of a batch: its name and its bytes, or why the browser could not read it.
pub type FileIn = (String, Result<Vec<u8>, String>);

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

    #[test]
    fn jobs_and_replies_travel_as_json() {
        let job = Job::Export {
            stored: "{}".into(),
            what: Export::Chart,
            today: "2026-03-10".parse().unwrap(),
            now_utc: "2026-03-10T18:04:00Z".into(),
            passphrase: None,
        };
        let text = serde_json::to_string(&job).unwrap();
        assert!(text.starts_with(r#"{"export":{"#) && text.contains(r#""what":"chart""#));
        assert_eq!(serde_json::from_str::<Job>(&text).unwrap(), job);
        let job = Job::Import {
            context: Box::default(),
            names: vec!["a.fit".into()],
            shard: Shard { index: 1, count: 2 },
        };
        let text = serde_json::to_string(&job).unwrap();
        assert_eq!(serde_json::from_str::<Job>(&text).unwrap(), job);
        let reply = Reply::Progress {
            done: 1,
            total: 3,
            bytes: false,
        };
        let text = serde_json::to_string(&reply).unwrap();
        assert_eq!(serde_json::from_str::<Reply>(&text).unwrap(), reply);
        assert_eq!(Reply::progress_in(&text), Some((1, 3, false)));
        let done = Reply::Planned {
            plan: Plan::default(),
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
