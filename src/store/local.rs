//! The browser's localStorage, as the app's database.
//!
//! - Loading never fails: damaged or newer-version data becomes a [`Loaded`] with a problem,
//!   and the raw text is left exactly where it was.
//! - A save re-reads what is stored and merges by id before writing, so another tab's work
//!   survives; a write the browser refuses (quota) changes nothing.
//!
//! Ten years of sessions are 1.5 M characters, so the adapter remembers the text this tab
//! last read or wrote ([`Last`]) with what it decodes to. A save then asks storage for its
//! text as a JavaScript string (no copy into wasm) and compares it with that one: when they
//! are the same string, what is stored is known without decoding it, and only the records
//! that changed are encoded again. When another tab wrote meanwhile, the strings differ and
//! the save reads, decodes and merges as always. The comparison is exact (`===` on the whole
//! text), so the shortcut is taken only when decoding would give the same data.

use std::cell::RefCell;

use js_sys::JsString;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Storage;

use super::data::Data;
use super::merge::merge_for_write;
use super::schema::{self, Encoded, LoadError};

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

// `Storage.getItem` and `setItem` with the text as a JavaScript string, which web-sys's
// bindings always copy to or from a Rust `String`.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = Storage)]
    type JsStorage;

    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item_js(this: &JsStorage, key: &str) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set_item_js(this: &JsStorage, key: &str, value: &JsString) -> Result<(), JsValue>;
}

/// The stored text as a JavaScript string, if any (not copied into wasm).
fn get_js(storage: &Storage) -> Option<JsString> {
    storage
        .unchecked_ref::<JsStorage>()
        .get_item_js(KEY)
        .ok()?
        .dyn_into::<JsString>()
        .ok()
}

/// The text this tab last read from storage or wrote to it, and its data.
struct Last {
    /// Exactly the string read or written.
    text: JsString,
    /// What `text` decodes to, with the text of each record once encoded.
    data: Encoded,
}

thread_local! {
    static LAST: RefCell<Option<Last>> = const { RefCell::new(None) };
}

/// The raw stored text, if any.
pub fn read_raw() -> Option<String> {
    storage()?.get_item(KEY).ok().flatten()
}

/// Reads and decodes what is stored.
pub fn load() -> Loaded {
    let Some(js) = storage().as_ref().and_then(get_js) else {
        LAST.set(None);
        return Loaded {
            data: Data::default(),
            problem: None,
        };
    };
    let raw = String::from(&js);
    match schema::decode(&raw) {
        Ok(data) => {
            LAST.set(Some(Last {
                text: js,
                data: Encoded::lazy(data.clone()),
            }));
            Loaded {
                data,
                problem: None,
            }
        }
        Err(e) => {
            LAST.set(None);
            Loaded {
                data: Data::default(),
                problem: Some(Problem {
                    message: problem_message(&e),
                    raw,
                }),
            }
        }
    }
}

/// Encodes the text of every record of the data last read, so that the first save after
/// opening re-encodes only what it changed. For an idle moment after the first render.
pub fn prepare() {
    LAST.with_borrow_mut(|last| {
        if let Some(last) = last {
            last.data.complete();
        }
    });
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
    let found = get_js(&storage);
    let last = LAST.take();
    // What is stored, as data with its records' texts (reused for the write when equal).
    let stored: Option<Last> = match (found, last) {
        (None, _) => None,
        // Still exactly the text this tab last read or wrote: its data is known.
        (Some(text), Some(last)) if text == last.text => Some(last),
        (Some(text), last) => {
            let Ok(data) = schema::decode(&String::from(&text)) else {
                LAST.set(last);
                return Err(SaveError::Locked);
            };
            // The texts of records this tab knew serve for the ones still equal.
            let data = match last {
                Some(last) => last.data.update(data),
                None => Encoded::lazy(data),
            };
            Some(Last { text, data })
        }
    };
    let merged = match &stored {
        Some(stored) => merge_for_write(stored.data.data(), before, now),
        None => now.clone(),
    };
    let next = match &stored {
        Some(stored) => stored.data.update(merged.clone()),
        None => Encoded::lazy(merged.clone()),
    };
    match write(&storage, next) {
        Ok(()) => Ok(merged),
        Err(e) => {
            // Storage still holds what was found.
            LAST.set(stored);
            Err(e)
        }
    }
}

/// Replaces what is stored, whole (import, delete all, start afresh).
pub fn replace(data: &Data) -> Result<(), SaveError> {
    let storage = storage().ok_or(SaveError::Unavailable)?;
    let last = LAST.take();
    // Record texts depend only on the records, whatever storage holds now.
    let next = match &last {
        Some(last) => last.data.update(data.clone()),
        None => Encoded::lazy(data.clone()),
    };
    write(&storage, next).inspect_err(|_| LAST.set(last))
}

/// Stores the text of `next` and remembers it. When the browser refuses, storage holds what
/// it held and nothing is remembered.
fn write(storage: &Storage, mut next: Encoded) -> Result<(), SaveError> {
    // Every record's text is kept for the next save (it is encoded once either way).
    next.complete();
    let text = next.text();
    let js = JsString::from(text.as_str());
    // setItem either stores the whole string or throws and leaves the old value in place.
    storage
        .unchecked_ref::<JsStorage>()
        .set_item_js(KEY, &js)
        .map_err(|_| SaveError::Refused {
            chars: text.chars().count(),
        })?;
    LAST.set(Some(Last {
        text: js,
        data: next,
    }));
    Ok(())
}

/// Characters the app's data takes in localStorage (keys and values, as browsers count).
pub fn used_chars() -> usize {
    read_raw()
        .map(|raw| raw.chars().count() + KEY.len())
        .unwrap_or(0)
}
