//! Saving when another tab may have saved too: a three-way merge by id.
//!
//! `mine_before` is what this tab last read, `mine_now` what it wants to write, `stored`
//! what is in storage now (perhaps written by another tab since). What this tab changed
//! (added, edited, deleted) is applied on top of `stored`; everything else in `stored` —
//! the other tab's work — is kept.

use std::collections::HashMap;

use super::data::Data;
use crate::domain::date::Day;
use crate::domain::session::{Session, SessionId};
use crate::domain::wellness::Wellness;

pub fn merge_for_write(stored: &Data, mine_before: &Data, mine_now: &Data) -> Data {
    Data {
        profile: pick(&stored.profile, &mine_before.profile, &mine_now.profile),
        settings: pick(&stored.settings, &mine_before.settings, &mine_now.settings),
        sessions: merge_by(
            &stored.sessions,
            &mine_before.sessions,
            &mine_now.sessions,
            |s: &Session| s.id.clone(),
        ),
        wellness: merge_by(
            &stored.wellness,
            &mine_before.wellness,
            &mine_now.wellness,
            |w: &Wellness| w.date,
        ),
    }
}

/// Mine if I changed it, else what is stored.
fn pick<T: Clone + PartialEq>(stored: &T, before: &T, now: &T) -> T {
    if now != before {
        now.clone()
    } else {
        stored.clone()
    }
}

trait Key: Eq + std::hash::Hash + Clone {}
impl Key for SessionId {}
impl Key for Day {}

fn merge_by<T: Clone + PartialEq, K: Key>(
    stored: &[T],
    before: &[T],
    now: &[T],
    key: impl Fn(&T) -> K,
) -> Vec<T> {
    let before: HashMap<K, &T> = before.iter().map(|x| (key(x), x)).collect();
    let now_map: HashMap<K, &T> = now.iter().map(|x| (key(x), x)).collect();
    let mut out: Vec<T> = Vec::with_capacity(stored.len().max(now.len()));
    let mut seen = std::collections::HashSet::new();
    for x in stored {
        let k = key(x);
        seen.insert(k.clone());
        match (before.get(&k), now_map.get(&k)) {
            // I deleted it.
            (Some(_), None) => {}
            // I changed it (or added it under the same id as the other tab): mine wins.
            (Some(b), Some(n)) if b != n => out.push((*n).clone()),
            (None, Some(n)) => out.push((*n).clone()),
            // Untouched by me: the stored one, which may be the other tab's edit.
            _ => out.push(x.clone()),
        }
    }
    // What I added that is not stored yet, in my order.
    for x in now {
        let k = key(x);
        if !seen.contains(&k) && !before.contains_key(&k) {
            out.push(x.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::quantity::Duration;
    use crate::domain::session::Sport;

    fn s(id: &str, title: &str) -> Session {
        let mut s = Session::new(
            SessionId(id.into()),
            Day::EPOCH,
            Sport::Run,
            Duration::new(1800).unwrap(),
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
        let mut t: Vec<String> = d
            .sessions
            .iter()
            .map(|s| format!("{}:{}", s.id.0, s.title))
            .collect();
        t.sort();
        t
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
    fn my_edit_wins_over_the_stored_one_i_changed() {
        let opened = data(vec![s("a", "A")]);
        let stored = data(vec![s("a", "A edited there")]);
        let mine = data(vec![s("a", "A edited here")]);
        assert_eq!(
            titles(&merge_for_write(&stored, &opened, &mine)),
            ["a:A edited here"]
        );
    }

    #[test]
    fn they_deleted_what_i_did_not_touch() {
        let opened = data(vec![s("a", "A"), s("b", "B")]);
        let stored = data(vec![s("a", "A")]);
        let mut mine = opened.clone();
        mine.sessions.push(s("c", "C"));
        assert_eq!(
            titles(&merge_for_write(&stored, &opened, &mine)),
            ["a:A", "c:C"]
        );
    }

    #[test]
    fn profile_is_mine_only_if_i_changed_it() {
        let opened = Data::default();
        let mut stored = Data::default();
        stored.profile.injury_prone = true;
        let mine = data(vec![s("x", "X")]);
        assert!(
            merge_for_write(&stored, &opened, &mine)
                .profile
                .injury_prone
        );
    }
}
