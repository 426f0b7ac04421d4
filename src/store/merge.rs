//! Saving when another tab may have saved too: a three-way merge.
//!
//! `mine_before` is what this tab last read (or wrote), `mine_now` what it wants to write,
//! `stored` what is in storage now (perhaps written by another tab since). The change this
//! tab made — from `mine_before` to `mine_now` — is applied on top of `stored`; everything
//! else in `stored`, the other tab's work, is kept.
//!
//! - Sessions by id, check-ins by date: what I added is added, what I edited replaces the
//!   stored one (if both tabs edited it, mine wins: it is the later save), what I deleted
//!   is deleted — unless the other tab edited it after I read it: then its edit is kept,
//!   since I deleted a version I never saw. Likewise my edit of a session the other tab
//!   deleted brings it back. A conflict never loses an edit.
//! - Profile and settings field by field: mine where I changed the field, else stored.
//! - A session whose side (mine or stored) had other thresholds than the merged profile is
//!   rescored with the merged profile (a given TSS stays as it is), so every stored TSS
//!   matches the stored thresholds.
//! - Order: stored order, then what I added, in my order.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::data::{thresholds_changed, Data};
use crate::domain::session::Session;
use crate::domain::tss;
use crate::domain::wellness::Wellness;

pub fn merge_for_write(stored: &Data, mine_before: &Data, mine_now: &Data) -> Data {
    let profile = fields(&stored.profile, &mine_before.profile, &mine_now.profile);
    // Each session was scored with the profile of the side it comes from.
    let rescore_theirs = thresholds_changed(&profile, &stored.profile);
    let rescore_mine = thresholds_changed(&profile, &mine_now.profile);
    let sessions = by_key(
        &stored.sessions,
        &mine_before.sessions,
        &mine_now.sessions,
        |s: &Session| s.id.0.as_str(),
    )
    .into_iter()
    .map(|(s, mine)| {
        let mut s = s.clone();
        if (mine && rescore_mine) || (!mine && rescore_theirs) {
            tss::rescore(&mut s, &profile);
        }
        s
    })
    .collect();
    let wellness = by_key(
        &stored.wellness,
        &mine_before.wellness,
        &mine_now.wellness,
        |w: &Wellness| w.date,
    )
    .into_iter()
    .map(|(w, _)| w.clone())
    .collect();
    Data {
        profile,
        sessions,
        wellness,
        settings: fields(&stored.settings, &mine_before.settings, &mine_now.settings),
    }
}

/// Three-way merge of a record: the whole of one side when only one changed, else field
/// by field (through its JSON object form): mine where I changed the field, else stored.
pub(crate) fn fields<T>(stored: &T, before: &T, now: &T) -> T
where
    T: Clone + PartialEq + Serialize + DeserializeOwned,
{
    if now == before {
        return stored.clone();
    }
    if stored == before || stored == now {
        return now.clone();
    }
    let objects = (
        serde_json::to_value(stored),
        serde_json::to_value(before),
        serde_json::to_value(now),
    );
    let (Ok(Value::Object(mut out)), Ok(Value::Object(old)), Ok(Value::Object(new))) = objects
    else {
        return now.clone();
    };
    for (k, v) in new {
        if old.get(&k) != Some(&v) {
            out.insert(k, v);
        }
    }
    serde_json::from_value(Value::Object(out)).unwrap_or_else(|_| now.clone())
}

/// The merged records, each with whether it is mine (`true`) or the stored one. Keys are
/// borrowed and records returned by reference, so only the result is copied (ten years of
/// sessions merge in a few milliseconds).
fn by_key<'a, T: PartialEq, K: Eq + Hash>(
    stored: &'a [T],
    before: &'a [T],
    now: &'a [T],
    key: impl Fn(&'a T) -> K,
) -> Vec<(&'a T, bool)> {
    let before: HashMap<K, &T> = before.iter().map(|x| (key(x), x)).collect();
    let now_by_key: HashMap<K, &T> = now.iter().map(|x| (key(x), x)).collect();
    let mut out = Vec::with_capacity(stored.len().max(now.len()));
    let mut in_stored = HashSet::with_capacity(stored.len());
    for x in stored {
        let k = key(x);
        let keep = match (before.get(&k), now_by_key.get(&k)) {
            // Untouched by me: the stored one, which may be the other tab's edit.
            (Some(b), Some(n)) if b == n => Some((x, false)),
            // I edited it (mine wins), or we both added this key (mine is the later save).
            (_, Some(n)) => Some((*n, true)),
            // I deleted it: gone, unless the other tab changed it after I read it.
            (Some(b), None) if *b == x => None,
            (Some(_), None) => Some((x, false)),
            // The other tab added it.
            (None, None) => Some((x, false)),
        };
        if let Some(kept) = keep {
            out.push(kept);
        }
        in_stored.insert(k);
    }
    for x in now {
        let k = key(x);
        if in_stored.contains(&k) {
            continue;
        }
        match before.get(&k) {
            // I added it.
            None => out.push((x, true)),
            // The other tab deleted it: mine only if I edited it since.
            Some(b) if *b != x => out.push((x, true)),
            Some(_) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::Day;
    use crate::domain::quantity::Seconds;
    use crate::domain::session::{SessionId, Sport};
    use crate::store::data::Theme;

    fn s(id: &str, title: &str) -> Session {
        let mut s = Session::new(
            SessionId(id.into()),
            Day::EPOCH,
            Sport::Run,
            Seconds::new(1800).unwrap(),
        );
        s.title = title.into();
        s
    }

    fn data(sessions: Vec<Session>) -> Data {
        Data {
            sessions,
            ..Data::default()
        }
    }

    fn titles(d: &Data) -> Vec<String> {
        d.sessions
            .iter()
            .map(|s| format!("{}:{}", s.id.0, s.title))
            .collect()
    }

    #[test]
    fn both_tabs_add() {
        let opened = data(vec![s("a", "A")]);
        let stored = data(vec![s("a", "A"), s("b", "from other tab")]);
        let mine = data(vec![s("a", "A"), s("c", "mine")]);
        assert_eq!(
            titles(&merge_for_write(&stored, &opened, &mine)),
            ["a:A", "b:from other tab", "c:mine"]
        );
    }

    #[test]
    fn my_delete_and_their_edit_of_another() {
        let opened = data(vec![s("a", "A"), s("b", "B")]);
        let stored = data(vec![s("a", "A"), s("b", "B edited there")]);
        let mine = data(vec![s("b", "B")]);
        assert_eq!(
            titles(&merge_for_write(&stored, &opened, &mine)),
            ["b:B edited there"]
        );
    }

    #[test]
    fn settings_merge_field_by_field() {
        let opened = Data::default();
        let mut stored = Data::default();
        stored.settings.last_backup = Some(Day::EPOCH);
        let mut mine = Data::default();
        mine.settings.theme = Theme::Dark;
        let m = merge_for_write(&stored, &opened, &mine);
        assert_eq!(m.settings.theme, Theme::Dark);
        assert_eq!(m.settings.last_backup, Some(Day::EPOCH));
    }

    #[test]
    fn nothing_changed_by_me_writes_what_is_stored() {
        let opened = data(vec![s("a", "A")]);
        let stored = data(vec![s("b", "B"), s("a", "A2")]);
        assert_eq!(merge_for_write(&stored, &opened, &opened), stored);
    }
}
