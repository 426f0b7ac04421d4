//! The browser's localStorage, as the app's database.
//!
//! - Loading never fails: damaged or newer-version data becomes a [`Loaded`] with a problem,
//!   and the raw text is left exactly where it was.
//! - A save re-reads what is stored and merges by id before writing, so another tab's work
//!   survives; a write the browser refuses (quota) changes nothing.

use web_sys::Storage;

use super::data::Data;
use super::merge::merge_for_write;
use super::schema::{self, LoadError};

/// The one key the app writes.
pub const KEY: &str = "recovery-run";

/// What the app opens with.
pub struct Loaded {
    pub data: Data,
    /// Set when stored data exists but cannot be used; saving is then refused so that the
    /// stored text is never overwritten.
    pub problem: Option<Problem>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub message: String,
    /// The stored text as found, offered to the athlete as a download.
    pub raw: String,
}

/// Why a save did not happen. The data in storage is as it was before the save.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveError {
    /// No localStorage (private mode, disabled by the browser).
    Unavailable,
    /// The browser refused the write, most likely because storage is full.
    Refused { chars: usize },
    /// Stored data could not be read; it is kept as it is and nothing is written over it.
    Locked,
}

impl SaveError {
    pub fn message(&self) -> String {
        match self {
            SaveError::Unavailable => "This browser gives the app no storage (private mode or \
                storage turned off), so entries last only until the tab closes."
                .into(),
            SaveError::Refused { chars } => format!(
                "Not saved: the browser refused to store {} characters (its storage for this \
                 site is probably full). Your earlier data is unchanged. Export a backup from \
                 the Data page, then free space by deleting old sessions or other sites' data.",
                chars
            ),
            SaveError::Locked => "Not saved: the stored data could not be read, and it is kept \
                untouched until you download it and choose to start afresh (see the notice at \
                the top)."
                .into(),
        }
    }
}

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The raw stored text, if any.
pub fn read_raw() -> Option<String> {
    storage()?.get_item(KEY).ok().flatten()
}

/// Reads and decodes what is stored.
pub fn load() -> Loaded {
    match read_raw() {
        None => Loaded {
            data: Data::default(),
            problem: None,
        },
        Some(raw) => match schema::decode(&raw) {
            Ok(data) => Loaded {
                data,
                problem: None,
            },
            Err(e) => Loaded {
                data: Data::default(),
                problem: Some(Problem {
                    message: problem_message(&e),
                    raw,
                }),
            },
        },
    }
}

fn problem_message(e: &LoadError) -> String {
    format!(
        "{} It is kept exactly as it was: nothing you do here will overwrite it. \
         Download the stored text to keep it, then start afresh or import a backup.",
        e
    )
}

/// Writes `now` on top of whatever is stored, keeping another tab's changes: what is stored
/// is re-read and merged with the change from `before` to `now`. Returns what was written.
pub fn save(before: &Data, now: &Data) -> Result<Data, SaveError> {
    let storage = storage().ok_or(SaveError::Unavailable)?;
    let stored = match storage.get_item(KEY).ok().flatten() {
        None => None,
        Some(raw) => Some(schema::decode(&raw).map_err(|_| SaveError::Locked)?),
    };
    let merged = match stored {
        Some(stored) => merge_for_write(&stored, before, now),
        None => now.clone(),
    };
    write(&storage, &merged)?;
    Ok(merged)
}

/// Replaces what is stored, whole (import, delete all, start afresh).
pub fn replace(data: &Data) -> Result<(), SaveError> {
    let storage = storage().ok_or(SaveError::Unavailable)?;
    write(&storage, data)
}

fn write(storage: &Storage, data: &Data) -> Result<(), SaveError> {
    let text = schema::encode(data);
    // setItem either stores the whole string or throws and leaves the old value in place.
    storage
        .set_item(KEY, &text)
        .map_err(|_| SaveError::Refused {
            chars: text.chars().count(),
        })
}

/// Characters the app's data takes in localStorage (keys and values, as browsers count).
pub fn used_chars() -> usize {
    read_raw()
        .map(|raw| raw.chars().count() + KEY.len())
        .unwrap_or(0)
}
