//! The browser's localStorage, as the app's database.
//!
//! - Loading never fails: damaged or newer-version data becomes a [`Loaded`] with a problem,
//!   and the raw text is left exactly where it was.
//! - A save re-reads what is stored and merges by id before writing, so another tab's work
//!   survives; a write the browser refuses (quota) changes nothing: the keys already
//!   written by that save get their old texts back.
//!
//! The data lies in blocks under several keys (`layout`). Ten years of sessions are 1.5 M
//! characters, so the adapter remembers what this tab last read or wrote ([`Last`]): the
//! texts, and what they decode to. A save reads only the small head: when it is the head
//! this tab last saw (every write makes a new one), what is stored is known without reading
//! the blocks, only the records that changed are encoded again, and only the blocks that
//! changed are written. When another tab wrote meanwhile, the heads differ and the save
//! reads, decodes and merges as always.

use std::cell::RefCell;

use web_sys::Storage;

use super::data::Data;
use super::layout::{self, Opened, Recent, Stored, Unread, Write};
use super::merge::merge_for_write;
use super::schema::{Encoded, LoadError};
use crate::domain::date::Day;

/// The key of the head, which every save writes last (other tabs listen for it).
pub const KEY: &str = layout::KEY;

/// What the app opens with.
pub struct Loaded {
    pub data: Data,
    /// Set when stored data exists but cannot be used; saving is then refused so that the
    /// stored text is never overwritten.
    pub problem: Option<Problem>,
    /// Set when [`open`] decoded only what Today needs: `data` then holds the recent
    /// sessions, and [`finish`] gives the whole data.
    pub recent: Option<Recent>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub message: String,
    /// The stored data as found, offered to the athlete as a download: one envelope the
    /// importer reads record by record, or when its parts cannot be joined, every key of
    /// the app's with its text (which the importer reads too).
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

/// What this tab last read from storage or wrote to it.
struct Last {
    /// The texts under the app's keys.
    stored: Stored,
    /// What they decode to, with the text of each record once encoded. `None` just after
    /// a load, until [`prepare`]: the app's own copy of the data is then exactly this, so
    /// opening does not pay for a second copy of ten years of sessions.
    data: Option<Encoded>,
}

thread_local! {
    static LAST: RefCell<Option<Last>> = const { RefCell::new(None) };
}

fn get(storage: &Storage, key: &str) -> Option<String> {
    storage.get_item(key).ok().flatten()
}

/// Reads and decodes what is stored.
pub fn load() -> Loaded {
    let found = storage().and_then(|storage| {
        let head = get(&storage, KEY)?;
        Some(layout::read(&head, |key| get(&storage, key)).map(Opened::whole))
    });
    loaded(found)
}

/// Reads what is stored, decoding only what Today needs when the head allows it (see
/// [`layout::open`]); [`finish`] decodes the rest.
pub fn open(today: Day) -> Loaded {
    let found = storage().and_then(|storage| {
        let head = get(&storage, KEY)?;
        Some(layout::open(&head, |key| get(&storage, key), today))
    });
    loaded(found)
}

/// The whole data after [`open`] left some of it for later: decoded from the texts it read
/// (or read again, should they be gone). A damaged block the opening did not need shows up
/// here, as a problem, exactly as [`load`] would report it.
pub fn finish() -> Loaded {
    let texts = LAST.with_borrow(|last| last.as_ref().map(|l| l.stored.clone()));
    match texts {
        Some(stored) => loaded(Some(
            layout::decode(&stored).map(|data| Opened::whole((data, stored))),
        )),
        None => load(),
    }
}

/// The app's view of what storage held (`None`: nothing of the app's), remembering the
/// texts it came from.
fn loaded(found: Option<Result<Opened, Unread>>) -> Loaded {
    let Some(found) = found else {
        LAST.set(None);
        return Loaded {
            data: Data::default(),
            problem: None,
            recent: None,
        };
    };
    match found {
        Ok(Opened {
            data,
            recent,
            stored,
        }) => {
            LAST.set(Some(Last { stored, data: None }));
            Loaded {
                data,
                problem: None,
                recent,
            }
        }
        Err(Unread { error, raw }) => {
            // Everything under the app's keys, when the blocks could not be joined.
            let raw = raw.unwrap_or_else(|| {
                storage().map_or_else(String::new, |s| layout::snapshot(&our_texts(&s)))
            });
            LAST.set(None);
            Loaded {
                data: Data::default(),
                problem: Some(Problem {
                    message: problem_message(&error),
                    raw,
                }),
                recent: None,
            }
        }
    }
}

/// For an idle moment after the first render, with the data [`load`] returned: encodes the
/// text of every record, so that the first save re-encodes only what it changed; and lays
/// out in blocks data still stored as one version-1 text (the same data, so nothing merges).
pub fn prepare(loaded: &Data, today: Day) {
    let Some(mut last) = LAST.take() else {
        return;
    };
    let mut data = last
        .data
        .take()
        .unwrap_or_else(|| Encoded::lazy(loaded.clone()));
    data.complete();
    last.data = Some(data);
    let Some(storage) = storage() else {
        LAST.set(Some(last));
        return;
    };
    let unchanged = get(&storage, KEY).as_deref() == Some(&*last.stored.head);
    if let (true, true, Some(data)) = (unchanged, last.stored.is_one_text(), &last.data) {
        // A refused write leaves version 1 in place, which reads as well.
        if write(&storage, data.clone(), Some(&last.stored), today).is_ok() {
            return;
        }
    }
    LAST.set(Some(last));
}

fn problem_message(e: &LoadError) -> String {
    format!(
        "{} It is kept exactly as it was: nothing you do here will overwrite it. \
         Download the stored text to keep it, then start afresh or import a backup.",
        e
    )
}

/// Whether this browser gives the app storage at all.
pub fn available() -> bool {
    storage().is_some()
}

/// Writes `now` on top of whatever is stored, keeping another tab's changes: what is stored
/// is re-read and merged with the change from `before` to `now`. Returns what was written.
/// `today` is the day of the write (the head keeps an [`layout::Opening`] from it).
pub fn save(before: &Data, now: Data, today: Day) -> Result<Data, SaveError> {
    let storage = storage().ok_or(SaveError::Unavailable)?;
    let head = get(&storage, KEY);
    let last = LAST.take();
    // What is stored, as data with its records' texts (reused for the write when equal).
    let stored: Option<Known> = match (head, last) {
        (None, _) => None,
        // Still the head this tab last read or wrote: the rest is known (and when its
        // data is not kept yet, it is what was loaded: `before`, as nothing was saved since).
        (Some(head), Some(last)) if *head == *last.stored.head => Some(Known {
            data: last.data.unwrap_or_else(|| Encoded::lazy(before.clone())),
            stored: last.stored,
        }),
        (Some(head), last) => {
            let Ok((data, stored)) = layout::read(&head, |key| get(&storage, key)) else {
                LAST.set(last);
                return Err(SaveError::Locked);
            };
            // The texts of records this tab knew serve for the ones still equal.
            let data = match last.and_then(|l| l.data) {
                Some(known) => known.update(data),
                None => Encoded::lazy(data),
            };
            Some(Known { stored, data })
        }
    };
    let merged = match &stored {
        // Nobody else wrote since `before` was read: the merge would give `now` (the usual
        // case, and with ten years logged the merge is most of a save's time).
        Some(stored) if stored.data.data() == before => now,
        Some(stored) => merge_for_write(stored.data.data(), before, &now),
        None => now,
    };
    let next = match &stored {
        Some(stored) => stored.data.update(merged.clone()),
        None => Encoded::lazy(merged.clone()),
    };
    match write(&storage, next, stored.as_ref().map(|s| &s.stored), today) {
        Ok(()) => Ok(merged),
        Err(e) => {
            // Storage still holds what was found.
            LAST.set(stored.map(|k| Last {
                stored: k.stored,
                data: Some(k.data),
            }));
            Err(e)
        }
    }
}

/// What storage holds, as a save found it.
struct Known {
    stored: Stored,
    data: Encoded,
}

/// Replaces what is stored, whole (import, delete all, start afresh), and removes every
/// other key of the app's, readable or not.
pub fn replace(data: &Data, today: Day) -> Result<(), SaveError> {
    let storage = storage().ok_or(SaveError::Unavailable)?;
    let last = LAST.take();
    // Record texts depend only on the records, whatever storage holds now.
    let mut next = match last.as_ref().and_then(|l| l.data.as_ref()) {
        Some(known) => known.update(data.clone()),
        None => Encoded::lazy(data.clone()),
    };
    // What storage holds, key by key, to put back if the write is refused.
    let found = our_texts(&storage);
    let stored = Stored::lay_out(&mut next, rev(), None, today);
    let mut writes = stored.writes_from(None);
    for w in &mut writes {
        w.previous = found
            .iter()
            .find(|(k, _)| *k == w.key)
            .map(|(_, t)| t.as_str().into());
    }
    for (k, t) in &found {
        if !writes.iter().any(|w| w.key == *k) {
            writes.push(Write {
                key: k.clone(),
                value: None,
                previous: Some(t.as_str().into()),
            });
        }
    }
    match apply(&storage, &writes) {
        Ok(()) => {
            LAST.set(Some(Last {
                stored,
                data: Some(next),
            }));
            Ok(())
        }
        Err(()) => {
            LAST.set(last);
            Err(SaveError::Refused {
                chars: stored.chars(),
            })
        }
    }
}

/// Lays `next` out and writes what differs from `from` (what storage holds), then
/// remembers it. When the browser refuses a write, storage is put back as it was and
/// nothing is remembered.
fn write(
    storage: &Storage,
    mut next: Encoded,
    from: Option<&Stored>,
    today: Day,
) -> Result<(), SaveError> {
    let stored = Stored::lay_out(&mut next, rev(), from, today);
    apply(storage, &stored.writes_from(from)).map_err(|()| SaveError::Refused {
        chars: stored.chars(),
    })?;
    LAST.set(Some(Last {
        stored,
        data: Some(next),
    }));
    Ok(())
}

/// Makes the writes in order. If the browser refuses one (storage full), the ones already
/// made are undone, newest first, so storage holds what it held.
fn apply(storage: &Storage, writes: &[Write]) -> Result<(), ()> {
    let put = |key: &str, value: Option<&str>| match value {
        Some(v) => storage.set_item(key, v),
        None => storage.remove_item(key),
    };
    for (n, w) in writes.iter().enumerate() {
        if put(&w.key, w.value.as_deref()).is_err() {
            for done in writes[..n].iter().rev() {
                // Putting back a text that fitted before; removing cannot fail.
                let _ = put(&done.key, done.previous.as_deref());
            }
            return Err(());
        }
    }
    Ok(())
}

/// A new revision for the head: random, so two tabs never write the same head.
fn rev() -> u64 {
    // Math.random has 52 random bits, enough that two heads never collide.
    (js_sys::Math::random() * (1u64 << 52) as f64) as u64
}

/// Every key of the app's in storage (the head and all blocks, also ones no head names).
fn our_keys(storage: &Storage) -> Vec<String> {
    let n = storage.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| layout::is_ours(k))
        .collect()
}

/// Every key of the app's with its text.
fn our_texts(storage: &Storage) -> Vec<(String, String)> {
    our_keys(storage)
        .into_iter()
        .filter_map(|k| get(storage, &k).map(|t| (k, t)))
        .collect()
}

/// Characters the app's data takes in localStorage (keys and values, as browsers count).
pub fn used_chars() -> usize {
    let Some(storage) = storage() else {
        return 0;
    };
    our_texts(&storage)
        .iter()
        .map(|(k, t)| k.chars().count() + t.chars().count())
        .sum()
}
