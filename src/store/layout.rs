//! How the data lies in localStorage: a small head under [`KEY`], and the records in
//! blocks of [`BLOCK_LEN`] under keys of their own, named by their content.
//!
//! ```text
//! recovery-run                       {"schema":4,"rev":"…",
//!                                     "blocks":{"sessions":["recovery-run/sessions/9f…",…],
//!                                               "wellness":[…]},
//!                                     "old":["recovery-run/sessions/3c…"],
//!                                     "opening":{"day":"2026-10-25","ctl_bits":4633…,
//!                                                "atl_bits":4632…,"first":"2016-11-02",
//!                                                "blocks":[9,10]},
//!                                     "data":{"profile":{…},"settings":{…}}}
//! recovery-run/sessions/p9f04…       ~ꀂ… the first 500 sessions' rows, packed
//! recovery-run/sessions/3c1e…        [[…row…], … the last, fewer than 500, plain]
//! ```
//!
//! Version 4 packs every full block (`store::pack`: the JSON compressed and its bytes laid
//! 15 bits to a character, a tenth of the characters for imported sessions' rows); its key
//! is the hash of its JSON with a `p` before it. The last block, which adding a session or
//! a check-in changes, stays plain JSON until it holds [`BLOCK_LEN`] records, so a usual
//! save packs nothing; a save that fills a block, an edit of an older session (or an import)
//! packs the blocks it changes. A save finds the blocks it keeps by the record texts they
//! hold (or, for blocks read from storage, by their key's hash), never by re-reading them.
//!
//! Why blocks: a browser stores a value whole, and writing ten years of sessions as one
//! text (1.5 M characters) took Chromium 20–50 ms, several frames, on every save. Records
//! keep the order they were added in, so adding a session writes one new block (the last)
//! and editing one writes its block; a deletion rewrites the blocks after it.
//!
//! A save is still all or nothing, as one text was:
//! - A block's key is a hash of its JSON, so a block is never overwritten: a save writes
//!   its new blocks under new keys, then the head that lists them. The head is the commit:
//!   until it is written, storage reads as before the save, whatever happens (a crash, a
//!   full storage, another tab reading).
//! - The blocks a save replaced are listed in its head as `old` and removed by the next
//!   save, not this one: a tab that read the previous head a moment before this save can
//!   still read its blocks (and every tab reloads on the new head's storage event).
//! - Every head carries a new `rev`: a tab that finds the head it last read or wrote knows
//!   that nobody wrote since.
//! - Version 1 kept everything under [`KEY`] as one text; it is read as it always was and
//!   laid out in blocks by the next write.
//! - Opening the app decodes only what Today needs ([`open`]): the head's `opening` holds the
//!   chart as it stood a month before the write ([`HeadCheckpoint`]) and names the blocks with a
//!   session after that day. With ten years logged that is the last block or two of eleven
//!   (`benches/store.rs`: 0.09 ms instead of 3.8 ms natively); the rest is decoded after the
//!   first paint, and the whole data is what every other page and every save uses.
//! - [`read`] never panics, whatever storage holds: a missing or damaged block, or a head
//!   whose list of blocks is damaged, makes the whole read fail with a reason, never a log
//!   with holes in it.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::data::Data;
use super::pack;
use super::schema::{self, Encoded, LoadError, Text, SCHEMA_VERSION};
use crate::domain::advisor::LOOKBACK_DAYS;
use crate::domain::date::Day;
use crate::domain::pmc::{self, Checkpoint, Stretch};
use crate::domain::profile::Profile;
use crate::domain::session::Session;
use crate::domain::wellness::Wellness;

/// The key of the head; blocks live under `KEY/…`.
pub const KEY: &str = "recovery-run";

/// Records per block: ten years of sessions make ten or eleven blocks of about 60 k
/// characters.
pub const BLOCK_LEN: usize = 500;

/// The two lists of records kept in blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    Sessions,
    Wellness,
}

impl List {
    fn name(self) -> &'static str {
        match self {
            List::Sessions => "sessions",
            List::Wellness => "wellness",
        }
    }
}

/// The key of a plain block of `list` holding `text`: named by a 64-bit FNV-1a hash of the
/// text, so equal texts share a key and a changed block gets a new one. A packed block
/// (version 4) holding the same text is named [`packed_key`].
pub fn block_key(list: List, text: &str) -> String {
    key_of(list, Fnv::new().add(text.as_bytes()).0, false)
}

/// The key of a packed block (`store::pack`) of `list` whose JSON is `json`: the plain key
/// with `p` before the hash, so a block that changes form also changes key (a save never
/// overwrites a block, and a version 3 build never finds a packed text under a key it
/// knows).
pub fn packed_key(list: List, json: &str) -> String {
    key_of(list, Fnv::new().add(json.as_bytes()).0, true)
}

fn key_of(list: List, hash: u64, packed: bool) -> String {
    let p = if packed { "p" } else { "" };
    format!("{KEY}/{}/{p}{hash:016x}", list.name())
}

/// FNV-1a, 64 bits.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn add(mut self, bytes: &[u8]) -> Fnv {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self
    }

    /// The hash of `records` joined as a block's JSON (`[a,b,…]`), without joining them.
    fn of_rows(records: &[Text]) -> u64 {
        let mut h = Fnv::new().add(b"[");
        for (i, t) in records.iter().enumerate() {
            if i > 0 {
                h = h.add(b",");
            }
            h = h.add(t.as_bytes());
        }
        h.add(b"]").0
    }
}

/// Whether a storage key is one of the app's (the head or a block).
pub fn is_ours(key: &str) -> bool {
    key == KEY
        || key
            .strip_prefix(KEY)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// A block: its key and its text as storage holds it: plain JSON (`[row,row,…]`) or, for a
/// block of [`BLOCK_LEN`] records from version 4 on, that JSON packed (`store::pack`).
#[derive(Clone, Debug)]
pub struct Block {
    pub key: String,
    pub text: Text,
    /// The record texts it holds, when known (it was laid out here, or found to hold them):
    /// the next save compares records, not texts, to find it unchanged.
    rows: Option<std::rc::Rc<[Text]>>,
}

/// Blocks are the same when storage holds the same under the same key.
impl PartialEq for Block {
    fn eq(&self, other: &Block) -> bool {
        self.key == other.key && self.text == other.text
    }
}

impl Block {
    /// A block as read from storage.
    pub fn stored(key: String, text: Text) -> Block {
        Block {
            key,
            text,
            rows: None,
        }
    }

    /// Whether its text is packed.
    pub fn is_packed(&self) -> bool {
        pack::is_packed(&self.text)
    }

    /// Its JSON: the text itself, or unpacked; `None` when a packed text is damaged.
    pub fn json(&self) -> Option<std::borrow::Cow<'_, str>> {
        if self.is_packed() {
            pack::unpack(&self.text).map(std::borrow::Cow::Owned)
        } else {
            Some(std::borrow::Cow::Borrowed(&self.text))
        }
    }

    /// Whether it holds `records` in the form a save writes them now (packed when there
    /// are [`BLOCK_LEN`] of them): by the record texts it is known to hold, else by its key,
    /// which names the hash of its JSON.
    fn holds(&self, list: List, records: &[Text]) -> bool {
        match &self.rows {
            Some(rows) => {
                rows.len() == records.len()
                    && rows
                        .iter()
                        .zip(records)
                        .all(|(a, b)| Text::ptr_eq(a, b) || a == b)
            }
            None => {
                self.key == key_of(list, Fnv::of_rows(records), records.len() == BLOCK_LEN)
                    && self.is_packed() == (records.len() == BLOCK_LEN)
            }
        }
    }
}

/// The stored texts: what storage holds (or is to hold) under the app's keys, as far as the
/// head says.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoredTexts {
    /// The text under [`KEY`]: a head, or a whole version-1 text.
    pub head: Text,
    pub sessions: Vec<Block>,
    pub wellness: Vec<Block>,
    /// Blocks the write of this head replaced, removed by the next write.
    pub old: Vec<String>,
}

/// One write to storage: `value` under `key` (`None`: remove it). `previous` is what the
/// key held before, to put back if a later write of the same save is refused.
#[derive(Clone, Debug, PartialEq)]
pub struct Write {
    pub key: String,
    pub value: Option<Text>,
    pub previous: Option<Text>,
}

impl StoredTexts {
    /// `data` laid out in blocks under a head with revision `rev`, to replace `previous`
    /// (what storage holds). Blocks whose text is unchanged keep their key and share the
    /// text, so comparing them later is cheap.
    ///
    /// `today` is the day of the write: the head's [`HeadCheckpoint`] is taken some days before it.
    pub fn lay_out(
        data: &mut Encoded,
        rev: u64,
        previous: Option<&StoredTexts>,
        today: Day,
    ) -> StoredTexts {
        let (session_texts, wellness_texts) = data.texts();
        let sessions = blocks(
            List::Sessions,
            session_texts,
            previous.map(|p| &p.sessions[..]),
        );
        let wellness = blocks(
            List::Wellness,
            wellness_texts,
            previous.map(|p| &p.wellness[..]),
        );
        let mut laid = StoredTexts {
            head: Text::from(""),
            sessions,
            wellness,
            old: Vec::new(),
        };
        laid.old = previous
            .map(|p| {
                p.blocks()
                    .map(|b| b.key.clone())
                    .filter(|k| !laid.lists(k))
                    .collect()
            })
            .unwrap_or_default();
        let keys = |blocks: &[Block]| {
            serde_json::to_string(&blocks.iter().map(|b| &b.key).collect::<Vec<_>>())
                .unwrap_or_default()
        };
        let d = data.data();
        let opening = HeadCheckpoint::at(&d.sessions, &d.profile, today)
            .and_then(|o| serde_json::to_string(&o).ok())
            .map(|o| format!(",\"opening\":{o}"))
            .unwrap_or_default();
        let head = format!(
            "{{\"schema\":{SCHEMA_VERSION},\"rev\":\"{rev:016x}\",\"blocks\":{{\"sessions\":{},\
             \"wellness\":{}}},\"old\":{}{opening},\"data\":{{\"profile\":{},\"settings\":{}}}}}",
            keys(&laid.sessions),
            keys(&laid.wellness),
            serde_json::to_string(&laid.old).unwrap_or_default(),
            schema::record_text(&d.profile),
            schema::record_text(&d.settings),
        );
        laid.head = head.into();
        laid
    }

    /// Every block the head lists, sessions first.
    fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.sessions.iter().chain(&self.wellness)
    }

    /// Whether the head lists a block under `key`.
    fn lists(&self, key: &str) -> bool {
        self.blocks().any(|b| b.key == key)
    }

    /// The writes that turn storage holding `from` into storage holding `self`, in the
    /// order to make them: the new blocks, the head (the commit), then the blocks the
    /// write of `from` had replaced. (`from` is `None` when storage holds nothing of the
    /// app's.)
    pub fn writes_from(&self, from: Option<&StoredTexts>) -> Vec<Write> {
        let mut out: Vec<Write> = Vec::new();
        for block in self.blocks() {
            if !from.is_some_and(|f| f.lists(&block.key)) && !out.iter().any(|w| w.key == block.key)
            {
                out.push(Write {
                    key: block.key.clone(),
                    value: Some(block.text.clone()),
                    previous: None,
                });
            }
        }
        out.push(Write {
            key: KEY.to_string(),
            value: Some(self.head.clone()),
            previous: from.map(|f| f.head.clone()),
        });
        for key in from.map(|f| &f.old[..]).unwrap_or_default() {
            if !self.lists(key) {
                out.push(Write {
                    key: key.clone(),
                    value: None,
                    previous: None,
                });
            }
        }
        out
    }

    /// Characters the head and its blocks take in storage, keys and values, as browsers
    /// count them.
    pub fn chars(&self) -> usize {
        KEY.len()
            + self.head.chars().count()
            + self
                .blocks()
                .map(|b| b.key.len() + b.text.chars().count())
                .sum::<usize>()
    }

    /// Whether storage holds a head of this version (not a version-1 text, nor blocks of
    /// an older version, which the next write lays out anew).
    pub fn is_current(&self) -> bool {
        #[derive(Deserialize)]
        struct Head {
            schema: u64,
        }
        !self.is_one_text()
            && serde_json::from_str::<Head>(&self.head)
                .is_ok_and(|h| h.schema == u64::from(SCHEMA_VERSION))
    }

    /// These texts with each block knowing the records it holds, when `data` is what they
    /// hold (`None` otherwise).
    pub fn knowing_rows(&self, data: &mut Encoded) -> Option<StoredTexts> {
        let (sessions, wellness) = data.texts();
        let known = |list: List, blocks: &[Block], texts: &[Text]| -> Option<Vec<Block>> {
            let chunks: Vec<&[Text]> = texts.chunks(BLOCK_LEN).collect();
            (chunks.len() == blocks.len()).then_some(())?;
            blocks
                .iter()
                .zip(chunks)
                .map(|(b, chunk)| {
                    b.holds(list, chunk).then(|| Block {
                        rows: Some(chunk.into()),
                        ..b.clone()
                    })
                })
                .collect()
        };
        Some(StoredTexts {
            head: self.head.clone(),
            sessions: known(List::Sessions, &self.sessions, sessions)?,
            wellness: known(List::Wellness, &self.wellness, wellness)?,
            old: self.old.clone(),
        })
    }

    /// What names the records these texts hold, whatever their form: a hash of the hashes
    /// of every block's JSON (a block packed or not has the same), so it changes when a
    /// session or check-in is added, changed or deleted, and only then (not with the profile
    /// or settings). `None` when there are no records. A version-1 text (everything in one,
    /// until the first idle moment lays it out) is named by a hash of the whole text.
    /// The backup reminder compares it with the one the last backup held.
    pub fn records_mark(&self) -> Option<String> {
        if self.is_one_text() {
            return Some(format!("{:016x}", Fnv::new().add(self.head.as_bytes()).0));
        }
        if self.sessions.is_empty() && self.wellness.is_empty() {
            return None;
        }
        let mut h = Fnv::new();
        for b in self.blocks() {
            let digits = b.key.rsplit('/').next().unwrap_or_default();
            h = h.add(digits.trim_start_matches('p').as_bytes()).add(b"/");
        }
        Some(format!("{:016x}", h.0))
    }

    /// Whether the text under [`KEY`] is a whole version-1 text rather than a head.
    pub fn is_one_text(&self) -> bool {
        !matches!(head_of(&self.head), HeadOf::Blocks(_))
    }
}

/// Joins record texts into blocks, reusing `previous` blocks that hold the same records. A
/// block of [`BLOCK_LEN`] records is packed (`store::pack`, version 4); the last one, which
/// most saves change, stays plain until it is full, so adding a session packs nothing.
fn blocks(list: List, texts: &[Text], previous: Option<&[Block]>) -> Vec<Block> {
    texts
        .chunks(BLOCK_LEN)
        .enumerate()
        .map(|(i, chunk)| {
            if let Some(p) = previous.and_then(|p| p.get(i)) {
                if p.holds(list, chunk) {
                    return match p.rows {
                        Some(_) => p.clone(),
                        None => Block {
                            rows: Some(chunk.into()),
                            ..p.clone()
                        },
                    };
                }
            }
            let rows: std::rc::Rc<[Text]> = chunk.into();
            let mut text =
                String::with_capacity(chunk.iter().map(|t| t.len() + 1).sum::<usize>() + 2);
            text.push('[');
            for (j, t) in chunk.iter().enumerate() {
                if j > 0 {
                    text.push(',');
                }
                text.push_str(t);
            }
            text.push(']');
            let (key, text) = if chunk.len() == BLOCK_LEN {
                (packed_key(list, &text), pack::pack(&text))
            } else {
                (block_key(list, &text), text)
            };
            Block {
                key,
                text: text.into(),
                rows: Some(rows),
            }
        })
        .collect()
}

/// What the text under [`KEY`] is.
enum HeadOf {
    /// A head of this version, with the keys of its blocks.
    Blocks(Keys),
    /// A head of this version whose list of blocks is damaged.
    Damaged,
    /// Written by a newer version of the app (its version number), which this one leaves as
    /// it is.
    Newer(u64),
    /// Anything else (a version-1 text, not JSON): for the envelope decoder to judge.
    OneText,
}

/// The keys a head lists: its blocks (the `blocks` member) and the ones it replaced.
struct Keys {
    sessions: Vec<String>,
    wellness: Vec<String>,
    old: Vec<String>,
}

fn head_of(head: &str) -> HeadOf {
    // Members as their JSON text, each read on its own below: a damaged list of blocks makes
    // a damaged head, not one that reads as a whole envelope. (Their text, not a `Value`:
    // serde's `Value` code would be a few KiB of the first download.)
    #[derive(Deserialize)]
    struct Head<'a> {
        #[serde(borrow)]
        schema: Option<&'a RawValue>,
        #[serde(borrow)]
        blocks: Option<&'a RawValue>,
        #[serde(borrow)]
        old: Option<&'a RawValue>,
        data: Option<Inline>,
    }
    /// Whether the data holds its sessions itself (a whole envelope, not a head).
    #[derive(Deserialize)]
    struct Inline {
        sessions: Option<serde::de::IgnoredAny>,
    }
    let Ok(Head {
        schema,
        blocks,
        old,
        data,
    }) = serde_json::from_str::<Head>(head)
    else {
        return HeadOf::OneText;
    };
    let version = schema.and_then(|v| whole_number(v.get()));
    let ours = version.is_some_and(|v| (2..=u64::from(SCHEMA_VERSION)).contains(&v));
    if let Some(found) = version.filter(|&v| v > u64::from(SCHEMA_VERSION)) {
        return HeadOf::Newer(found);
    }
    let whole = data.is_some_and(|d| d.sessions.is_some());
    // A whole envelope (version 1, or one with its records in it).
    if blocks.is_none() && (!ours || whole) {
        return HeadOf::OneText;
    }
    #[derive(Deserialize)]
    struct Lists {
        sessions: Vec<String>,
        wellness: Vec<String>,
    }
    let lists = blocks.and_then(|b| serde_json::from_str::<Lists>(b.get()).ok());
    let old = match old {
        None => Some(Vec::new()),
        Some(o) => serde_json::from_str::<Vec<String>>(o.get()).ok(),
    };
    match (ours, lists, old) {
        (true, Some(l), Some(old)) => HeadOf::Blocks(Keys {
            sessions: l.sessions,
            wellness: l.wellness,
            old,
        }),
        _ => HeadOf::Damaged,
    }
}

/// The JSON value whose text is `json` as a whole number from 0, as `Value::as_u64` reads it
/// (`3`, not `3.0`, `-1` or `"3"`).
fn whole_number(json: &str) -> Option<u64> {
    // `u64`'s parser also takes a leading `+`, which JSON has not.
    json.parse().ok()
}

/// Storage that could not be read: why, and (when the blocks could be joined) the whole
/// data as one envelope to download.
#[derive(Clone, Debug, PartialEq)]
pub struct Unread {
    pub error: LoadError,
    /// The envelope of all the records found, which the importer reads record by record;
    /// `None` when there is no such text (the caller offers every key as it is).
    pub raw: Option<String>,
}

/// Reads the app's data. `head` is the text under [`KEY`]; `get` gives the text under
/// another key. Returns the data and the texts it was read from. Never panics.
pub fn read(
    head: &str,
    get: impl FnMut(&str) -> Option<String>,
) -> Result<(Data, StoredTexts), Unread> {
    let (stored, one_text) = read_texts(head, get)?;
    Ok((decode_as(&stored, one_text)?, stored))
}

/// [`read`] by the typed reader alone: the same answer, or `None` when the texts are not
/// exactly as this version writes them (damage, a `null` where the app writes a value),
/// which only the tolerant reader reads or explains. The app's first download holds no
/// tolerant reader (`ui::split`); a newer version, a damaged list of blocks or a missing
/// block it still tells itself.
pub fn read_typed(
    head: &str,
    get: impl FnMut(&str) -> Option<String>,
) -> Option<Result<(Data, StoredTexts), Unread>> {
    let (stored, one_text) = match read_texts(head, get) {
        Ok(texts) => texts,
        Err(unread) => return Some(Err(unread)),
    };
    let data = decode_typed_as(&stored, one_text)?;
    Some(Ok((data, stored)))
}

/// Stored texts decoded ([`open`]): the data (all of it, or what Today needs), and the texts.
#[derive(Debug, PartialEq)]
pub struct Decoded {
    pub data: Data,
    /// Set when `data` holds only what Today needs: what stands for the earlier sessions.
    pub earlier: Option<Earlier>,
    pub stored: StoredTexts,
}

impl Decoded {
    /// The whole data, and the texts it was read from.
    pub fn whole((data, stored): (Data, StoredTexts)) -> Decoded {
        Decoded {
            data,
            earlier: None,
            stored,
        }
    }
}

/// What opening the app reads: like [`read`], but when the head's [`HeadCheckpoint`] serves
/// `today`, only the blocks Today needs are decoded (with ten years logged, the last one or
/// two of eleven). The data then holds profile, settings, every check-in and the recent sessions,
/// and [`Decoded::earlier`] stands for the earlier ones; [`decode`] of the texts gives the
/// whole data.
pub fn open(
    head: &str,
    get: impl FnMut(&str) -> Option<String>,
    today: Day,
) -> Result<Decoded, Unread> {
    let whole = |stored: &StoredTexts, one_text| Some(decode_as(stored, one_text));
    open_with(head, get, today, whole).unwrap_or_else(|| unreachable!("both readers answer"))
}

/// [`open`] by the typed reader alone: the same answer, or `None` when the texts need the
/// tolerant reader (see [`read_typed`]).
pub fn open_typed(
    head: &str,
    get: impl FnMut(&str) -> Option<String>,
    today: Day,
) -> Option<Result<Decoded, Unread>> {
    let whole = |stored: &StoredTexts, one_text| decode_typed_as(stored, one_text).map(Ok);
    open_with(head, get, today, whole)
}

/// [`open`], with `whole` decoding the whole data when the head's checkpoint does not
/// serve (`None`: it cannot tell).
fn open_with(
    head: &str,
    get: impl FnMut(&str) -> Option<String>,
    today: Day,
    whole: impl FnOnce(&StoredTexts, bool) -> Option<Result<Data, Unread>>,
) -> Option<Result<Decoded, Unread>> {
    let (stored, one_text) = match read_texts(head, get) {
        Ok(texts) => texts,
        Err(unread) => return Some(Err(unread)),
    };
    if !one_text {
        if let Some((data, earlier)) = decode_recent(&stored, today) {
            return Some(Ok(Decoded {
                data,
                earlier: Some(earlier),
                stored,
            }));
        }
    }
    Some(whole(&stored, one_text)?.map(|data| Decoded::whole((data, stored))))
}

/// The texts under the app's keys, as the head lists them, read but not decoded: a head
/// and every block it lists; or the one text under [`KEY`] (a version-1 text, or one for
/// the envelope decoder to judge), with `true`. A newer version, a damaged list of blocks
/// and a missing block are refused here.
fn read_texts(
    head: &str,
    mut get: impl FnMut(&str) -> Option<String>,
) -> Result<(StoredTexts, bool), Unread> {
    let keys = match head_of(head) {
        HeadOf::Blocks(keys) => keys,
        HeadOf::Damaged => {
            return Err(Unread {
                error: LoadError::Unreadable {
                    reason: "the list of its parts is damaged".into(),
                },
                raw: None,
            })
        }
        // As the envelope decoder says of it (`schema::decode`).
        HeadOf::Newer(found) => {
            return Err(Unread {
                error: LoadError::FromNewerVersion { found },
                raw: Some(head.to_string()),
            })
        }
        // One text: version 1, or damage; the envelope decoder judges.
        HeadOf::OneText => {
            let stored = StoredTexts {
                head: head.into(),
                ..StoredTexts::default()
            };
            return Ok((stored, true));
        }
    };
    // Every block, or the reason one is missing.
    let mut blocks = |list: List, keys: &[String]| -> Result<Vec<Block>, Unread> {
        keys.iter()
            .enumerate()
            .map(|(i, key)| match get(key) {
                Some(text) => Ok(Block::stored(key.clone(), text.into())),
                None => Err(Unread {
                    error: LoadError::Unreadable {
                        reason: format!(
                            "part {} of {} of its {} is missing",
                            i + 1,
                            keys.len(),
                            list.name()
                        ),
                    },
                    raw: None,
                }),
            })
            .collect()
    };
    let sessions = blocks(List::Sessions, &keys.sessions)?;
    let wellness = blocks(List::Wellness, &keys.wellness)?;
    let stored = StoredTexts {
        head: head.into(),
        sessions,
        wellness,
        old: keys.old,
    };
    Ok((stored, false))
}

/// The whole data of texts [`read`] or [`open`] returned.
pub fn decode(stored: &StoredTexts) -> Result<Data, Unread> {
    decode_as(stored, stored.is_one_text())
}

/// [`decode`] by the typed reader alone: `None` when the texts need the tolerant reader
/// (see [`read_typed`]).
pub fn decode_typed(stored: &StoredTexts) -> Option<Data> {
    decode_typed_as(stored, stored.is_one_text())
}

/// [`decode`] of texts known to be one text or a head with blocks.
fn decode_as(stored: &StoredTexts, one_text: bool) -> Result<Data, Unread> {
    if one_text {
        return schema::decode(&stored.head).map_err(|error| Unread {
            error,
            raw: Some(stored.head.to_string()),
        });
    }
    match decode_typed_as(stored, false) {
        Some(data) => Ok(data),
        None => decode_tolerant(&stored.head, &stored.sessions, &stored.wellness),
    }
}

/// [`decode_typed`] of texts known to be one text or a head with blocks.
fn decode_typed_as(stored: &StoredTexts, one_text: bool) -> Option<Data> {
    if one_text {
        return schema::decode_typed(&stored.head);
    }
    decode_blocks_typed(&stored.head, stored.sessions.iter(), &stored.wellness)
}

/// How far back before its day a head's checkpoint is taken: the advice's
/// lookback, and a few days for a clock set back or a flight west.
const CHECKPOINT_DAYS_BEFORE: i32 = LOOKBACK_DAYS + 3;

/// The head's checkpoint, its member named `opening` in JSON: the chart's [`Checkpoint`] some
/// days before the write, the first logged day, and which session blocks hold a session
/// dated after the checkpoint (by their place in the head's list). Those blocks, with the checkpoint, are all Today
/// needs: every session the advice reads (`advisor::LOOKBACK_DAYS`) and the chart from the
/// checkpoint on (`pmc::series_after`). Older app versions ignore the member, and write
/// heads without it, which open by decoding everything.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct HeadCheckpoint {
    pub day: Day,
    /// The checkpoint's CTL and ATL as the bits of their `f64` (a whole number, which JSON
    /// reads back exactly), so the chart carried on from it is the whole chart bit for bit.
    #[serde(rename = "ctl_bits", with = "f64_bits")]
    pub ctl: f64,
    #[serde(rename = "atl_bits", with = "f64_bits")]
    pub atl: f64,
    pub first: Day,
    pub blocks: Vec<usize>,
    /// The checkpoint's stretch of the log (`pmc::Stretch`): its first and last logged
    /// days. Heads written before it existed lack it, and open whole.
    pub stretch_from: Day,
    pub stretch_last: Day,
}

/// An `f64` written as the `u64` of its bits: read back exactly, whatever its digits.
mod f64_bits {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(v.to_bits())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        u64::deserialize(d).map(f64::from_bits)
    }
}

impl HeadCheckpoint {
    /// The checkpoint of a head written on `today`; `None` when nothing is logged before its
    /// checkpoint, or every block holds a later session (nothing to leave for later).
    pub fn at(sessions: &[Session], profile: &Profile, today: Day) -> Option<HeadCheckpoint> {
        let day = today.add_days(-CHECKPOINT_DAYS_BEFORE);
        let cp = pmc::checkpoint(sessions, profile, day)?;
        let first = pmc::first_day(sessions)?;
        let chunks = sessions.chunks(BLOCK_LEN);
        let all = chunks.len();
        let blocks: Vec<usize> = chunks
            .enumerate()
            .filter(|(_, c)| c.iter().any(|s| s.date > day))
            .map(|(i, _)| i)
            .collect();
        (blocks.len() < all && cp.ctl.is_finite() && cp.atl.is_finite()).then_some(HeadCheckpoint {
            day,
            ctl: cp.ctl,
            atl: cp.atl,
            first,
            blocks,
            stretch_from: cp.stretch.from,
            stretch_last: cp.stretch.last,
        })
    }

    /// The head's checkpoint, if it has one that serves `today`: its checkpoint lies before
    /// the advice's lookback (a clock set back far enough gets none), and the blocks it
    /// names exist.
    fn of(stored: &StoredTexts, today: Day) -> Option<HeadCheckpoint> {
        #[derive(Deserialize)]
        struct Head {
            opening: Option<HeadCheckpoint>,
        }
        let o = serde_json::from_str::<Head>(&stored.head).ok()?.opening?;
        let serves = o.day < today.add_days(1 - LOOKBACK_DAYS);
        let named = o.blocks.windows(2).all(|w| w[0] < w[1])
            && o.blocks.last().is_none_or(|&i| i < stored.sessions.len());
        let stretch = o.first <= o.stretch_from
            && o.stretch_from <= o.stretch_last
            && o.stretch_last <= o.day;
        (serves && named && stretch && o.first <= o.day && o.ctl.is_finite() && o.atl.is_finite())
            .then_some(o)
    }
}

/// What stands for the earlier sessions when only the recent blocks are decoded (a domain
/// value: the chart's queries over it are in `domain::pmc`).
pub use crate::domain::pmc::Earlier;

/// The head's data with the recent session blocks and every check-in, by the typed reader,
/// when the head's checkpoint serves `today`.
fn decode_recent(stored: &StoredTexts, today: Day) -> Option<(Data, Earlier)> {
    let o = HeadCheckpoint::of(stored, today)?;
    let blocks: Vec<&Block> = o
        .blocks
        .iter()
        .map(|&i| stored.sessions.get(i))
        .collect::<Option<_>>()?;
    let data = decode_blocks_typed(&stored.head, blocks.into_iter(), &stored.wellness)?;
    let earlier = Earlier {
        checkpoint: Checkpoint {
            day: o.day,
            ctl: o.ctl,
            atl: o.atl,
            stretch: Stretch {
                from: o.stretch_from,
                last: o.stretch_last,
            },
        },
        logged_from: o.first,
    };
    Some((data, earlier))
}

/// The typed reader (`schema::decode_typed`): the head and each block straight into their
/// types, or `None` if any of them is not exactly as this version writes it.
/// `sessions` are the session blocks to read: all of them, or (opening) the recent ones.
fn decode_blocks_typed<'a>(
    head: &str,
    sessions: impl ExactSizeIterator<Item = &'a Block>,
    wellness: &[Block],
) -> Option<Data> {
    let mut data = schema::decode_typed(head)?;
    data.sessions.reserve(sessions.len() * BLOCK_LEN);
    data.wellness.reserve(wellness.len() * BLOCK_LEN);
    for block in sessions {
        data.sessions
            .extend(serde_json::from_str::<Vec<Session>>(&block.json()?).ok()?);
    }
    for block in wellness {
        data.wellness
            .extend(serde_json::from_str::<Vec<Wellness>>(&block.json()?).ok()?);
    }
    Some(data)
}

/// The blocks joined into one envelope (`{"schema":…,"data":{…,"sessions":[…]}}`), as the
/// envelope decoder and the importer read it; or why they cannot be. The head's own
/// members (`blocks`, `rev`, `old`, `opening`) are left out.
pub fn join(head: &str, sessions: &[&str], wellness: &[&str]) -> Result<Value, String> {
    let Ok(Value::Object(mut envelope)) = serde_json::from_str::<Value>(head) else {
        return Err("its head is not in the app's format".into());
    };
    for member in ["blocks", "rev", "old", "opening"] {
        envelope.remove(member);
    }
    let mut data = match envelope.remove("data") {
        Some(Value::Object(d)) => d,
        Some(_) => return Err("its data is not in the app's format".into()),
        None => return Err("it holds no data".into()),
    };
    for (name, blocks) in [("sessions", sessions), ("wellness", wellness)] {
        let mut records = match data.remove(name) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(inline)) => inline,
            Some(_) => return Err(format!("its {name} are not a list")),
        };
        for (i, text) in blocks.iter().enumerate() {
            let json = if pack::is_packed(text) {
                pack::unpack(text).map(std::borrow::Cow::Owned)
            } else {
                Some(std::borrow::Cow::Borrowed(*text))
            };
            match json.and_then(|j| serde_json::from_str::<Value>(&j).ok()) {
                Some(Value::Array(a)) => records.extend(a),
                _ => {
                    return Err(format!(
                        "part {} of {} of its {name} is cut off or not in the app's format",
                        i + 1,
                        blocks.len()
                    ))
                }
            }
        }
        data.insert(name.into(), Value::Array(records));
    }
    envelope.insert("data".into(), Value::Object(data));
    Ok(Value::Object(envelope))
}

/// The tolerant reader (`schema::decode_tolerant`): the blocks joined into one envelope,
/// whose reasons then name the record at fault ("session 731 of 5,000 …").
fn decode_tolerant(head: &str, sessions: &[Block], wellness: &[Block]) -> Result<Data, Unread> {
    fn texts(blocks: &[Block]) -> Vec<&str> {
        blocks.iter().map(|b| &*b.text).collect()
    }
    let envelope = join(head, &texts(sessions), &texts(wellness)).map_err(|reason| Unread {
        error: LoadError::Unreadable { reason },
        raw: None,
    })?;
    let raw = serde_json::to_string(&envelope).ok();
    schema::decode_value(envelope).map_err(|error| Unread { error, raw })
}

/// The dump (every key of the app's with its text) as one JSON object, key → text: what is
/// offered for download when the blocks cannot be joined. The importer reads this form too.
pub fn dump_text(keys: &[(String, String)]) -> String {
    // As a `Value` object would be written (keys in order, the last of a repeated one), and
    // without `Value`'s code in the first download.
    let m: std::collections::BTreeMap<&str, &str> =
        keys.iter().map(|(k, t)| (k.as_str(), t.as_str())).collect();
    serde_json::to_string(&m).unwrap_or_default()
}

/// The envelope of a [`dump_text`]: the blocks its head lists that it holds and that read
/// as lists, joined; and the reasons for the ones left out. `None` if it holds no head
/// of this version.
pub fn join_dump(dump: &Map<String, Value>) -> Option<(Value, Vec<String>)> {
    let head = dump.get(KEY)?.as_str()?;
    let HeadOf::Blocks(keys) = head_of(head) else {
        return None;
    };
    let mut left_out = Vec::new();
    let mut present = |list: List, keys: &[String]| -> Vec<&str> {
        keys.iter()
            .enumerate()
            .filter_map(|(i, k)| {
                let text = dump.get(k).and_then(Value::as_str);
                let readable = text.is_some_and(|t| {
                    let json = if pack::is_packed(t) {
                        pack::unpack(t)
                    } else {
                        Some(t.to_string())
                    };
                    json.is_some_and(|j| {
                        matches!(serde_json::from_str::<Value>(&j), Ok(Value::Array(_)))
                    })
                });
                if !readable {
                    left_out.push(format!(
                        "part {} of {} of the {} is missing or damaged",
                        i + 1,
                        keys.len(),
                        list.name()
                    ));
                }
                text.filter(|_| readable)
            })
            .collect()
    };
    let sessions = present(List::Sessions, &keys.sessions);
    let wellness = present(List::Wellness, &keys.wellness);
    let envelope = join(head, &sessions, &wellness).ok()?;
    Some((envelope, left_out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        // FNV-1a 64 of the empty text is its offset basis (the algorithm's published
        // test vector), and of "a" 0xaf63dc4c8601ec8c.
        assert_eq!(
            block_key(List::Sessions, ""),
            "recovery-run/sessions/cbf29ce484222325"
        );
        assert_eq!(
            block_key(List::Wellness, "a"),
            "recovery-run/wellness/af63dc4c8601ec8c"
        );
        assert!(is_ours("recovery-run"));
        assert!(is_ours("recovery-run/sessions/3"));
        assert!(!is_ours("recovery-run-other"));
        assert!(!is_ours("other"));
    }

    /// The head's members are read from their text as serde_json's `Value` reads them.
    #[test]
    fn head_members_read_as_a_value_reads_them() {
        for json in [
            "3",
            "0",
            "3.0",
            "-1",
            "-0",
            "1e0",
            "\"3\"",
            "18446744073709551615",
            "18446744073709551616",
            "null",
            "[3]",
            "{}",
            "true",
        ] {
            let value: Value = serde_json::from_str(json).expect("JSON");
            assert_eq!(whole_number(json), value.as_u64(), "{json}");
        }
        let keys = [
            (
                "recovery-run/wellness/2".to_string(),
                "[[\"2026-01-01\"]]".to_string(),
            ),
            (
                "recovery-run".to_string(),
                "{\"rev\":\"é\\n\u{1}\"}".to_string(),
            ),
            ("recovery-run/wellness/2".to_string(), "[]".to_string()),
        ];
        let m: Map<String, Value> = keys
            .iter()
            .map(|(k, t)| (k.clone(), Value::String(t.clone())))
            .collect();
        assert_eq!(
            dump_text(&keys),
            serde_json::to_string(&Value::Object(m)).unwrap()
        );
    }

    #[test]
    fn nothing_lays_out_as_a_head_alone() {
        let mut e = Encoded::lazy(Data::default());
        let s = StoredTexts::lay_out(&mut e, 0xab, None, Day::from_ymd(2026, 1, 1).unwrap());
        assert!(s.sessions.is_empty() && s.wellness.is_empty());
        assert!(s.head.starts_with(
            r#"{"schema":4,"rev":"00000000000000ab","blocks":{"sessions":[],"wellness":[]},"old":[],"data":{"profile":{"#
        ));
        let (d, back) = read(&s.head, |_| None).expect("reads");
        assert_eq!(d, Data::default());
        assert_eq!(back, s);
        assert!(!s.is_one_text());
    }
}
