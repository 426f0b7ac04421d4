//! How the data lies in localStorage: a small head under [`KEY`], and the records in
//! blocks of [`BLOCK_LEN`] under keys of their own.
//!
//! ```text
//! recovery-run              {"schema":2,"rev":"…","blocks":{"sessions":11,"wellness":8},
//!                            "data":{"profile":{…},"settings":{…}}}
//! recovery-run/sessions/0   [{…}, {…}, … the first 500 sessions]
//! recovery-run/wellness/0   [{…}, … the first 500 check-ins]
//! ```
//!
//! Why blocks: a browser stores a value whole, and writing ten years of sessions as one
//! text (1.5 M characters) took Chromium 20–50 ms, several frames, on every save. Records
//! keep the order they were added in, so adding a session rewrites only the last block
//! (150 k characters at most, well under a millisecond) and editing one rewrites its block.
//!
//! - Blocks are written first and the head last, and a tab's writes reach other tabs in
//!   order, so a head never points at blocks not yet written.
//! - Every head carries a new `rev`: a tab that finds the head it last read or wrote knows
//!   that nobody wrote since, and other tabs hear of a save from one storage event on
//!   [`KEY`].
//! - Version 1 kept everything under [`KEY`] as one text; it is read as it always was and
//!   laid out in blocks by the next write.
//! - [`read`] never panics, whatever storage holds: a missing or damaged block makes the
//!   whole read fail with a reason, never a log with holes in it.

use std::rc::Rc;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::data::Data;
use super::schema::{self, Encoded, LoadError, Text, SCHEMA_VERSION};
use crate::domain::session::Session;
use crate::domain::wellness::Wellness;

/// The key of the head; blocks live under `KEY/…`.
pub const KEY: &str = "recovery-run";

/// Records per block: ten years of sessions make ten blocks of about 150 k characters.
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

/// The key of a list's block number `i` (from 0).
pub fn block_key(list: List, i: usize) -> String {
    format!("{KEY}/{}/{i}", list.name())
}

/// Whether a storage key is one of the app's (the head or a block).
pub fn is_ours(key: &str) -> bool {
    key == KEY
        || key
            .strip_prefix(KEY)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The texts storage holds (or is to hold) under the app's keys.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stored {
    /// The text under [`KEY`]: a head, or a whole version-1 text.
    pub head: Text,
    pub sessions: Vec<Text>,
    pub wellness: Vec<Text>,
}

/// One write to storage: `value` under `key` (`None`: remove it). `previous` is what the
/// key held before, to put back if a later write of the same save is refused.
#[derive(Clone, Debug, PartialEq)]
pub struct Write {
    pub key: String,
    pub value: Option<Text>,
    pub previous: Option<Text>,
}

impl Stored {
    /// `data` laid out in blocks under a head with revision `rev`. Blocks whose text is
    /// the same as in `previous` share its text, so comparing them later is cheap.
    pub fn lay_out(data: &mut Encoded, rev: u64, previous: Option<&Stored>) -> Stored {
        let (session_texts, wellness_texts) = data.texts();
        let sessions = blocks(session_texts, previous.map(|p| &p.sessions[..]));
        let wellness = blocks(wellness_texts, previous.map(|p| &p.wellness[..]));
        let d = data.data();
        let head = format!(
            "{{\"schema\":{SCHEMA_VERSION},\"rev\":\"{rev:016x}\",\"blocks\":{{\"sessions\":{},\
             \"wellness\":{}}},\"data\":{{\"profile\":{},\"settings\":{}}}}}",
            sessions.len(),
            wellness.len(),
            schema::record_text(&d.profile),
            schema::record_text(&d.settings),
        );
        Stored {
            head: head.into(),
            sessions,
            wellness,
        }
    }

    /// The writes that turn storage holding `from` into storage holding `self`, in the
    /// order to make them: the blocks that changed, the head, then the blocks no longer
    /// needed. (`from` is `None` when storage holds nothing of the app's.)
    pub fn writes_from(&self, from: Option<&Stored>) -> Vec<Write> {
        let empty = Stored::default();
        let from_or_empty = from.unwrap_or(&empty);
        let mut out = Vec::new();
        let lists = [
            (List::Sessions, &self.sessions, &from_or_empty.sessions),
            (List::Wellness, &self.wellness, &from_or_empty.wellness),
        ];
        for (list, new, old) in lists {
            for (i, text) in new.iter().enumerate() {
                let previous = old.get(i);
                if previous.is_none_or(|p| !same(p, text)) {
                    out.push(Write {
                        key: block_key(list, i),
                        value: Some(text.clone()),
                        previous: previous.cloned(),
                    });
                }
            }
        }
        out.push(Write {
            key: KEY.to_string(),
            value: Some(self.head.clone()),
            previous: from.map(|f| f.head.clone()),
        });
        for (list, new, old) in lists {
            for (i, text) in old.iter().enumerate().skip(new.len()) {
                out.push(Write {
                    key: block_key(list, i),
                    value: None,
                    previous: Some(text.clone()),
                });
            }
        }
        out
    }

    /// Characters taken in storage, keys and values, as browsers count them.
    pub fn chars(&self) -> usize {
        let blocks = |list, texts: &[Text]| -> usize {
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| block_key(list, i).len() + t.chars().count())
                .sum()
        };
        KEY.len()
            + self.head.chars().count()
            + blocks(List::Sessions, &self.sessions)
            + blocks(List::Wellness, &self.wellness)
    }

    /// Whether the text under [`KEY`] is a whole version-1 text rather than a head.
    pub fn is_one_text(&self) -> bool {
        head_counts(&self.head).is_none()
    }
}

fn same(a: &Text, b: &Text) -> bool {
    Rc::ptr_eq(a, b) || a == b
}

/// Joins record texts into blocks, reusing `previous` blocks with the same text.
fn blocks(texts: &[Text], previous: Option<&[Text]>) -> Vec<Text> {
    texts
        .chunks(BLOCK_LEN)
        .enumerate()
        .map(|(i, chunk)| {
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
            match previous.and_then(|p| p.get(i)) {
                Some(p) if **p == *text => p.clone(),
                _ => text.into(),
            }
        })
        .collect()
}

/// How many blocks a head says there are; `None` when `head` is not a head this version
/// can read blocks for (a version-1 text, a newer version, damage).
fn head_counts(head: &str) -> Option<Counts> {
    #[derive(Deserialize)]
    struct Head {
        schema: u64,
        blocks: Option<Counts>,
    }
    match serde_json::from_str::<Head>(head) {
        Ok(Head {
            schema,
            blocks: Some(counts),
        }) if (2..=u64::from(SCHEMA_VERSION)).contains(&schema) => Some(counts),
        _ => None,
    }
}

#[derive(Clone, Copy, Debug, Deserialize)]
struct Counts {
    sessions: usize,
    wellness: usize,
}

/// Storage that could not be read: why, and everything found, as one text to download.
#[derive(Clone, Debug, PartialEq)]
pub struct Unread {
    pub error: LoadError,
    pub raw: String,
}

/// Reads the app's data. `head` is the text under [`KEY`]; `get` gives the text under
/// another key. Returns the data and the texts it was read from. Never panics.
pub fn read(
    head: &str,
    mut get: impl FnMut(&str) -> Option<String>,
) -> Result<(Data, Stored), Unread> {
    let Some(counts) = head_counts(head) else {
        // One text: version 1, a newer version, or damage; the envelope decoder judges.
        return match schema::decode(head) {
            Ok(data) => Ok((
                data,
                Stored {
                    head: head.into(),
                    ..Stored::default()
                },
            )),
            Err(error) => Err(Unread {
                error,
                raw: head.to_string(),
            }),
        };
    };
    // Every block, or the reason one is missing.
    let mut found: Vec<(String, String)> = Vec::new();
    let mut missing = None;
    for (list, n) in [
        (List::Sessions, counts.sessions),
        (List::Wellness, counts.wellness),
    ] {
        for i in 0..n {
            let key = block_key(list, i);
            match get(&key) {
                Some(text) => found.push((key, text)),
                None => {
                    missing.get_or_insert(format!(
                        "block {} of {n} of its {} is missing",
                        i + 1,
                        list.name()
                    ));
                    break;
                }
            }
        }
    }
    if let Some(reason) = missing {
        return Err(Unread {
            error: LoadError::Unreadable { reason },
            raw: snapshot(head, &found),
        });
    }
    let (session_blocks, wellness_blocks) = found.split_at(counts.sessions);
    let data = fast(head, session_blocks, wellness_blocks)
        .map_or_else(|| careful(head, session_blocks, wellness_blocks), Ok)?;
    let texts = |blocks: &[(String, String)]| -> Vec<Text> {
        blocks.iter().map(|(_, t)| Text::from(t.as_str())).collect()
    };
    Ok((
        data,
        Stored {
            head: head.into(),
            sessions: texts(session_blocks),
            wellness: texts(wellness_blocks),
        },
    ))
}

/// The typed path: the head and each block straight into their types, or `None` if any
/// of them is not exactly as this version writes it.
fn fast(head: &str, sessions: &[(String, String)], wellness: &[(String, String)]) -> Option<Data> {
    let mut data = schema::decode_typed(head)?;
    data.sessions.reserve(sessions.len() * BLOCK_LEN);
    data.wellness.reserve(wellness.len() * BLOCK_LEN);
    for (_, text) in sessions {
        data.sessions
            .extend(serde_json::from_str::<Vec<Session>>(text).ok()?);
    }
    for (_, text) in wellness {
        data.wellness
            .extend(serde_json::from_str::<Vec<Wellness>>(text).ok()?);
    }
    Some(data)
}

/// The careful path: the blocks joined into one envelope, read by the envelope decoder,
/// whose reasons then name the record at fault ("session 731 of 5,000 …").
fn careful(
    head: &str,
    sessions: &[(String, String)],
    wellness: &[(String, String)],
) -> Result<Data, Unread> {
    let unread = |reason: String, raw: String| Unread {
        error: LoadError::Unreadable { reason },
        raw,
    };
    let all: Vec<(String, String)> = sessions.iter().chain(wellness).cloned().collect();
    let Ok(Value::Object(mut envelope)) = serde_json::from_str::<Value>(head) else {
        return Err(unread(
            "its head is not in the app's format".into(),
            snapshot(head, &all),
        ));
    };
    envelope.remove("blocks");
    envelope.remove("rev");
    let mut data = match envelope.remove("data") {
        Some(Value::Object(d)) => d,
        _ => Map::new(),
    };
    for (name, blocks) in [("sessions", sessions), ("wellness", wellness)] {
        let mut records = match data.remove(name) {
            Some(Value::Array(inline)) => inline,
            _ => Vec::new(),
        };
        for (key, text) in blocks {
            match serde_json::from_str::<Value>(text) {
                Ok(Value::Array(a)) => records.extend(a),
                _ => {
                    return Err(unread(
                        format!("its block {key} is cut off or not in the app's format"),
                        snapshot(head, &all),
                    ))
                }
            }
        }
        data.insert(name.into(), Value::Array(records));
    }
    envelope.insert("data".into(), Value::Object(data));
    let envelope = Value::Object(envelope);
    let raw = serde_json::to_string(&envelope).unwrap_or_default();
    schema::decode_value(envelope).map_err(|error| Unread { error, raw })
}

/// Everything found under the app's keys, as one JSON object of key → text.
fn snapshot(head: &str, blocks: &[(String, String)]) -> String {
    let mut m = Map::new();
    m.insert(KEY.into(), Value::String(head.into()));
    for (k, t) in blocks {
        m.insert(k.clone(), Value::String(t.clone()));
    }
    serde_json::to_string(&Value::Object(m)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(block_key(List::Sessions, 0), "recovery-run/sessions/0");
        assert_eq!(block_key(List::Wellness, 12), "recovery-run/wellness/12");
        assert!(is_ours("recovery-run"));
        assert!(is_ours("recovery-run/sessions/3"));
        assert!(!is_ours("recovery-run-other"));
        assert!(!is_ours("other"));
    }

    #[test]
    fn nothing_lays_out_as_a_head_alone() {
        let mut e = Encoded::lazy(Data::default());
        let s = Stored::lay_out(&mut e, 0xab, None);
        assert!(s.sessions.is_empty() && s.wellness.is_empty());
        assert!(s.head.starts_with(
            r#"{"schema":2,"rev":"00000000000000ab","blocks":{"sessions":0,"wellness":0},"data":{"profile":{"#
        ));
        let (d, back) = read(&s.head, |_| None).expect("reads");
        assert_eq!(d, Data::default());
        assert_eq!(back, s);
        assert!(!s.is_one_text());
    }
}
