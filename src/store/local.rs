//! The app's database: its data in a key-value storage ([`Kv`]), which is the browser's
//! localStorage in the app and a map in memory in the native tests.
//!
//! - Loading never fails: damaged or newer-version data becomes a [`Loaded`] with a problem,
//!   and the raw text is left exactly where it was.
//! - A save re-reads what is stored and merges by id before writing, so another tab's work
//!   survives; a write the storage refuses (quota) changes nothing: the keys already
//!   written by that save get their old texts back.
//!
//! The data lies in blocks under several keys (`layout`). Ten years of sessions are 1.5 M
//! characters, so a [`Db`] keeps a [`Cache`] of what it last read or wrote: the stored
//! texts, and what they decode to. A save reads only the small head: when it is the head this `Db`
//! last saw (every write makes a new one), what is stored is known without reading the
//! blocks, only the records that changed are encoded again, and only the blocks that
//! changed are written. When another tab wrote meanwhile, the heads differ and the save
//! reads, decodes and merges as always.

use std::sync::Arc;

use super::data::Data;
use super::kv::{Kv, Refused};
use super::layout::{self, Decoded, Earlier, StoredTexts, Unread, Write};
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
    /// Set when [`Db::open`] decoded only what Today needs: `data` then holds only the
    /// recent sessions, this stands for the earlier ones, and [`Db::decode_rest`] gives the
    /// whole data.
    pub earlier: Option<Earlier>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub message: String,
    /// The stored data as found, offered to the athlete as a download: one envelope the
    /// importer reads record by record, or when its parts cannot be joined, every key of
    /// the app's with its text (which the importer reads too).
    pub raw: String,
    /// Set while the stored texts wait for the tolerant reader ([`Loaded::reading`]):
    /// nothing is known of them yet, so nothing is offered (`raw` is empty).
    pub reading: bool,
}

impl Loaded {
    /// What the app holds while the typed reader's refusal ([`Db::open_typed`]) waits for
    /// the tolerant reader: nothing, and `message` as the problem. Nothing stored is
    /// overwritten meanwhile: the `Db` keeps no texts, so a save reads storage again with
    /// both readers (a text they cannot read is never written over).
    pub fn reading(message: &str) -> Loaded {
        Loaded {
            data: Data::default(),
            problem: Some(Problem {
                message: message.to_string(),
                raw: String::new(),
                reading: true,
            }),
            earlier: None,
        }
    }
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

/// The database of one tab: a storage, and what this tab last read from it or wrote to it.
pub struct Db<K> {
    /// `None` when the browser gives the app no storage.
    kv: Option<K>,
    cache: Option<Cache>,
}

/// What a [`Db`] last read from storage or wrote to it, valid while the head in storage is
/// [`Cache::stored`]'s (every write makes a new head).
struct Cache {
    /// The texts under the app's keys.
    stored: StoredTexts,
    /// What they decode to, with the text of each record once encoded. `None` just after
    /// a load, until [`Db::prepare`]: the app's own copy of the data is then exactly this,
    /// so opening does not pay for a second copy of ten years of sessions.
    data: Option<Encoded>,
}

#[cfg(target_arch = "wasm32")]
impl Db<super::kv::Browser> {
    /// The browser's localStorage (none in private mode or when turned off).
    pub fn browser() -> Self {
        Db::new(super::kv::Browser::new())
    }
}

impl<K: Kv> Db<K> {
    /// A database over `kv` (`None`: no storage at all; nothing is saved).
    pub fn new(kv: Option<K>) -> Self {
        Db { kv, cache: None }
    }

    /// Whether the app has storage at all.
    pub fn available(&self) -> bool {
        self.kv.is_some()
    }

    /// Reads and decodes what is stored.
    pub fn load(&mut self) -> Loaded {
        let found = self.kv.as_ref().and_then(|kv| {
            let head = kv.get(KEY)?;
            Some(layout::read(&head, |key| kv.get(key)).map(Decoded::whole))
        });
        self.loaded(found)
    }

    /// Reads what is stored, decoding only what Today needs when the head allows it (see
    /// [`layout::open`]); [`Db::decode_rest`] decodes the rest.
    pub fn open(&mut self, today: Day) -> Loaded {
        let found = self.kv.as_ref().and_then(|kv| {
            let head = kv.get(KEY)?;
            Some(layout::open(&head, |key| kv.get(key), today))
        });
        self.loaded(found)
    }

    /// The whole data after [`Db::open`] left some of it for later: decoded from the texts
    /// it read (or read again, should they be gone). A damaged block the opening did not
    /// need shows up here, as a problem, exactly as [`Db::load`] would report it.
    pub fn decode_rest(&mut self) -> Loaded {
        match self.cache.as_ref().map(|c| c.stored.clone()) {
            Some(stored) => {
                let found = layout::decode(&stored).map(|data| Decoded::whole((data, stored)));
                self.loaded(Some(found))
            }
            None => self.load(),
        }
    }

    /// [`Db::open`] by the typed reader alone (`layout::open_typed`): the same answer, or
    /// `None` when the stored texts need the tolerant reader, which the app's first download
    /// leaves out (`ui::split`); [`Db::load`] then reads them. The `Db` then keeps no texts.
    pub fn open_typed(&mut self, today: Day) -> Option<Loaded> {
        let found = self.kv.as_ref().and_then(|kv| {
            let head = kv.get(KEY)?;
            Some(layout::open_typed(&head, |key| kv.get(key), today))
        });
        self.typed(found)
    }

    /// [`Db::load`] by the typed reader alone; `None` as for [`Db::open_typed`].
    pub fn load_typed(&mut self) -> Option<Loaded> {
        let found = self.kv.as_ref().and_then(|kv| {
            let head = kv.get(KEY)?;
            Some(layout::read_typed(&head, |key| kv.get(key)).map(|r| r.map(Decoded::whole)))
        });
        self.typed(found)
    }

    /// [`Db::decode_rest`] by the typed reader alone; `None` as for [`Db::open_typed`].
    pub fn decode_rest_typed(&mut self) -> Option<Loaded> {
        match self.cache.as_ref().map(|c| c.stored.clone()) {
            Some(stored) => {
                let found =
                    layout::decode_typed(&stored).map(|data| Ok(Decoded::whole((data, stored))));
                self.typed(Some(found))
            }
            None => self.load_typed(),
        }
    }

    /// [`Db::loaded`] of what the typed reader found (`Some(None)`: texts it refused).
    fn typed(&mut self, found: Option<Option<Result<Decoded, Unread>>>) -> Option<Loaded> {
        match found {
            None => Some(self.loaded(None)),
            Some(Some(found)) => Some(self.loaded(Some(found))),
            Some(None) => {
                // A save must not take the stored data for what the app holds meanwhile.
                self.cache = None;
                None
            }
        }
    }

    /// The app's view of what storage held (`None`: nothing of the app's), remembering the
    /// texts it came from.
    fn loaded(&mut self, found: Option<Result<Decoded, Unread>>) -> Loaded {
        self.cache = None;
        let (data, earlier, problem) = match found {
            None => (Data::default(), None, None),
            Some(Ok(Decoded {
                data,
                earlier,
                stored,
            })) => {
                self.cache = Some(Cache { stored, data: None });
                (data, earlier, None)
            }
            Some(Err(Unread { error, raw })) => {
                // Everything under the app's keys, when the blocks could not be joined.
                let raw = raw.unwrap_or_else(|| layout::dump_text(&self.dump()));
                let message = problem_message(&error);
                let problem = Problem {
                    message,
                    raw,
                    reading: false,
                };
                (Data::default(), None, Some(problem))
            }
        };
        Loaded {
            data,
            problem,
            earlier,
        }
    }

    /// For an idle moment after the first render, with the data [`Db::load`] returned:
    /// encodes the text of every record, so that the first save re-encodes only what it
    /// changed; and lays out in blocks data still stored as one version-1 text (the same
    /// data, so nothing merges).
    pub fn prepare(&mut self, loaded: impl Into<Arc<Data>>, today: Day) {
        let Some(cache) = &mut self.cache else {
            return;
        };
        let data = cache.data.get_or_insert_with(|| Encoded::lazy(loaded));
        data.encode_all();
        let Some(kv) = &self.kv else {
            return;
        };
        let unchanged = kv.get(KEY).as_deref() == Some(&*cache.stored.head);
        if unchanged && !cache.stored.is_current() {
            // A version 1 text, or blocks of version 2 or 3: laid out as this version
            // writes them (full blocks packed). A refused write leaves them in place, which
            // read as well.
            if let Ok(written) = write(kv, data.clone(), Some(&cache.stored), today) {
                self.cache = Some(written);
            }
        } else if let Some(known) = cache.stored.knowing_rows(data) {
            // The blocks now know the record texts they hold: the first save compares
            // records, not hashes of ten years of text.
            cache.stored = known;
        }
    }

    /// Writes `now` on top of whatever is stored, keeping another tab's changes: what is
    /// stored is re-read and merged with the change from `before` to `now`. Returns what
    /// was written, shared with the `Db`'s cache: passed back as the next save's `before`
    /// (the same allocation), it is known to be what the cache holds without comparing ten
    /// years of sessions. `today` is the day of the write (the head keeps an
    /// [`layout::HeadCheckpoint`] from it).
    pub fn save(&mut self, before: &Data, now: Data, today: Day) -> Result<Arc<Data>, SaveError> {
        let kv = self.kv.as_ref().ok_or(SaveError::Unavailable)?;
        let head = kv.get(KEY);
        let cache = self.cache.take();
        // The cache brought up to what is stored now: the stored texts, and the data with
        // its records' texts (reused for the write when equal).
        let current: Option<Cache> = match (head, cache) {
            (None, _) => None,
            // Still the head this tab last read or wrote: the rest is known (and when its
            // data is not kept yet, it is what was loaded: `before`, as nothing was saved
            // since).
            (Some(head), Some(cache)) if *head == *cache.stored.head => Some(Cache {
                data: Some(cache.data.unwrap_or_else(|| Encoded::lazy(before.clone()))),
                stored: cache.stored,
            }),
            (Some(head), cache) => {
                let Ok((data, stored)) = layout::read(&head, |key| kv.get(key)) else {
                    self.cache = cache;
                    return Err(SaveError::Locked);
                };
                // The texts of records this tab knew serve for the ones still equal.
                let data = match cache.and_then(|c| c.data) {
                    Some(cached) => cached.update(data),
                    None => Encoded::lazy(data),
                };
                Some(Cache {
                    stored,
                    data: Some(data),
                })
            }
        };
        let stored_data = current.as_ref().and_then(|c| c.data.as_ref());
        let merged = match stored_data {
            // Nobody else wrote since `before` was read: the merge would give `now` (the
            // usual case, and with ten years logged the merge is most of a save's time).
            Some(stored) if std::ptr::eq(stored.data(), before) || stored.data() == before => now,
            Some(stored) => merge_for_write(stored.data(), before, &now),
            None => now,
        };
        let next = match stored_data {
            Some(stored) => stored.update(merged),
            None => Encoded::lazy(merged),
        };
        let written_data = next.shared();
        match write(kv, next, current.as_ref().map(|c| &c.stored), today) {
            Ok(written) => {
                self.cache = Some(written);
                Ok(written_data)
            }
            Err(e) => {
                // Storage still holds what was found.
                self.cache = current;
                Err(e)
            }
        }
    }

    /// Replaces what is stored, whole (import, delete all, start afresh), and removes every
    /// other key of the app's, readable or not.
    pub fn replace(&mut self, data: &Data, today: Day) -> Result<(), SaveError> {
        let kv = self.kv.as_ref().ok_or(SaveError::Unavailable)?;
        // Record texts depend only on the records, whatever storage holds now.
        let mut next = match self.cache.as_ref().and_then(|c| c.data.as_ref()) {
            Some(cached) => cached.update(data.clone()),
            None => Encoded::lazy(data.clone()),
        };
        // What storage holds, key by key, to put back if the write is refused.
        let found = self.dump();
        let stored = StoredTexts::lay_out(&mut next, rev(), None, today);
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
        apply(kv, &writes).map_err(|Refused| SaveError::Refused {
            chars: stored.chars(),
        })?;
        self.cache = Some(Cache {
            stored,
            data: Some(next),
        });
        Ok(())
    }

    /// Deletes every key of the app's data (the head and every block, old ones too) and
    /// nothing else; this database then holds an empty log. Fails only when the browser
    /// gives the app no storage.
    pub fn delete_all(&mut self) -> Result<(), SaveError> {
        let kv = self.kv.as_ref().ok_or(SaveError::Unavailable)?;
        // The head first: without it the blocks are no data, so a failure part-way can
        // leave nothing half-deleted that would read as a log.
        kv.remove(KEY);
        for key in kv.keys() {
            kv.remove(&key);
        }
        self.cache = None;
        Ok(())
    }

    /// The dump: every key of the app's with its text.
    fn dump(&self) -> Vec<(String, String)> {
        let Some(kv) = &self.kv else {
            return Vec::new();
        };
        kv.keys()
            .into_iter()
            .filter_map(|k| kv.get(&k).map(|t| (k, t)))
            .collect()
    }

    /// What names the stored records (`StoredTexts::records_mark`), as this database last
    /// read or wrote them.
    pub fn records_mark(&self) -> Option<String> {
        self.cache.as_ref()?.stored.records_mark()
    }

    /// Characters the app's data takes in storage (keys and values, as browsers count).
    pub fn used_chars(&self) -> usize {
        self.dump()
            .iter()
            .map(|(k, t)| k.chars().count() + t.chars().count())
            .sum()
    }
}

fn problem_message(e: &LoadError) -> String {
    format!(
        "{} It is kept exactly as it was: nothing you do here will overwrite it. \
         Download the stored text to keep it, then start afresh or import a backup.",
        e
    )
}

/// Lays `next` out and writes what differs from `from` (what storage holds); returns what
/// storage then holds. When the storage refuses a write, it is put back as it was.
fn write(
    kv: &impl Kv,
    mut next: Encoded,
    from: Option<&StoredTexts>,
    today: Day,
) -> Result<Cache, SaveError> {
    let stored = StoredTexts::lay_out(&mut next, rev(), from, today);
    apply(kv, &stored.writes_from(from)).map_err(|Refused| SaveError::Refused {
        chars: stored.chars(),
    })?;
    Ok(Cache {
        stored,
        data: Some(next),
    })
}

/// Makes the writes in order. If the storage refuses one (full), the ones already made are
/// undone, newest first, so storage holds what it held.
fn apply(kv: &impl Kv, writes: &[Write]) -> Result<(), Refused> {
    let put = |key: &str, value: Option<&str>| match value {
        Some(v) => kv.set(key, v),
        None => {
            kv.remove(key);
            Ok(())
        }
    };
    for (n, w) in writes.iter().enumerate() {
        if put(&w.key, w.value.as_deref()).is_err() {
            for done in writes[..n].iter().rev() {
                // Putting back a text that fitted before; removing cannot fail.
                let _ = put(&done.key, done.previous.as_deref());
            }
            return Err(Refused);
        }
    }
    Ok(())
}

/// A new revision for the head: random, so two tabs never write the same head.
#[cfg(target_arch = "wasm32")]
fn rev() -> u64 {
    // Math.random has 52 random bits, enough that two heads never collide.
    (js_sys::Math::random() * (1u64 << 52) as f64) as u64
}

/// A new revision for the head: random, so two tabs never write the same head.
#[cfg(not(target_arch = "wasm32"))]
fn rev() -> u64 {
    use std::hash::BuildHasher;
    // Each `RandomState` has keys of its own (the first random, then counted up).
    std::collections::hash_map::RandomState::new().hash_one(0u8)
}
