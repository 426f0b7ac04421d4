//! Two tabs saving: a save re-reads what is stored and applies only this tab's change
//! (from what it read to what it has) on top, so one tab never erases another's work.
//!
//! Each test plays the lead's save: `stored = merge_for_write(&stored, &before, &now)`.

mod store_support;

use proptest::prelude::*;
use recovery_run::domain::quantity::Bpm;
use recovery_run::domain::session::{Session, SessionId, Sport};
use recovery_run::domain::tss;
use recovery_run::domain::wellness::Wellness;
use recovery_run::store::data::{Data, Theme};
use recovery_run::store::merge::merge_for_write;
use store_support::bare;

fn session(id: &str, title: &str) -> Session {
    let mut s = bare(id, "2026-03-09", Sport::Run, 1800);
    s.title = title.into();
    s
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

/// A tab: what it last read or wrote (`before`) and what it has now.
struct Tab {
    before: Data,
    now: Data,
}

impl Tab {
    fn open(stored: &Data) -> Tab {
        Tab {
            before: stored.clone(),
            now: stored.clone(),
        }
    }

    /// Saves: merges into storage, and the tab then holds what was written.
    fn save(&mut self, stored: &mut Data) {
        *stored = merge_for_write(stored, &self.before, &self.now);
        self.before = stored.clone();
        self.now = stored.clone();
    }
}

fn start() -> Data {
    Data {
        sessions: vec![session("a", "A"), session("b", "B")],
        ..Data::default()
    }
}

#[test]
fn two_tabs_each_add_a_session() {
    let mut stored = start();
    let (mut one, mut two) = (Tab::open(&stored), Tab::open(&stored));
    one.now.upsert_session(session("x", "from one"));
    two.now.upsert_session(session("y", "from two"));
    one.save(&mut stored);
    two.save(&mut stored);
    assert_eq!(titles(&stored), ["a:A", "b:B", "x:from one", "y:from two"]);
    // Tab one saves again, still holding its old view: tab two's session stays.
    one.now.upsert_session(session("z", "later"));
    one.save(&mut stored);
    assert_eq!(
        titles(&stored),
        ["a:A", "b:B", "x:from one", "y:from two", "z:later"]
    );
}

#[test]
fn one_deletes_while_the_other_edits_the_same_session_the_edit_survives() {
    for edit_saved_first in [true, false] {
        let mut stored = start();
        let (mut deleter, mut editor) = (Tab::open(&stored), Tab::open(&stored));
        deleter.now.delete_session(&SessionId("a".into()));
        editor.now.upsert_session(session("a", "A edited"));
        if edit_saved_first {
            editor.save(&mut stored);
            deleter.save(&mut stored);
        } else {
            deleter.save(&mut stored);
            editor.save(&mut stored);
        }
        assert_eq!(
            titles(&stored),
            ["a:A edited", "b:B"],
            "edit saved first: {edit_saved_first}"
        );
    }
}

#[test]
fn a_delete_and_an_edit_of_different_sessions_both_apply() {
    let mut stored = start();
    let (mut one, mut two) = (Tab::open(&stored), Tab::open(&stored));
    one.now.delete_session(&SessionId("a".into()));
    two.now.upsert_session(session("b", "B edited"));
    two.save(&mut stored);
    one.save(&mut stored);
    assert_eq!(titles(&stored), ["b:B edited"]);
}

#[test]
fn both_edit_the_same_session_the_later_save_wins() {
    let mut stored = start();
    let (mut one, mut two) = (Tab::open(&stored), Tab::open(&stored));
    one.now.upsert_session(session("a", "one's"));
    two.now.upsert_session(session("a", "two's"));
    one.save(&mut stored);
    two.save(&mut stored);
    assert_eq!(titles(&stored), ["a:two's", "b:B"]);
}

#[test]
fn a_tab_that_changed_nothing_writes_back_what_is_stored() {
    let mut stored = start();
    let (mut idle, mut busy) = (Tab::open(&stored), Tab::open(&stored));
    busy.now.delete_session(&SessionId("b".into()));
    busy.now.profile.injury_prone = true;
    busy.now.settings.theme = Theme::Light;
    busy.save(&mut stored);
    let expected = stored.clone();
    idle.save(&mut stored);
    assert_eq!(stored, expected);
}

#[test]
fn check_ins_merge_by_date() {
    let day = |d: &str| d.parse().unwrap();
    let mut stored = Data::default();
    stored.upsert_wellness(Wellness::empty(day("2026-03-09")));
    let (mut one, mut two) = (Tab::open(&stored), Tab::open(&stored));
    let mut yesterday = Wellness::empty(day("2026-03-09"));
    yesterday.soreness = Some(4);
    one.now.upsert_wellness(yesterday);
    let mut today = Wellness::empty(day("2026-03-10"));
    today.pain = true;
    two.now.upsert_wellness(today);
    one.save(&mut stored);
    two.save(&mut stored);
    assert_eq!(stored.wellness.len(), 2);
    assert_eq!(
        stored.wellness_on(day("2026-03-09")).unwrap().soreness,
        Some(4)
    );
    assert!(stored.wellness_on(day("2026-03-10")).unwrap().pain);
}

#[test]
fn profile_and_settings_merge_field_by_field() {
    let mut stored = Data::default();
    let (mut one, mut two) = (Tab::open(&stored), Tab::open(&stored));
    one.now.profile.injury_prone = true;
    one.now.settings.theme = Theme::Dark;
    two.now.profile.lthr = Bpm::new(165);
    two.now.settings.last_backup = Some("2026-03-10".parse().unwrap());
    one.save(&mut stored);
    two.save(&mut stored);
    assert!(stored.profile.injury_prone);
    assert_eq!(stored.profile.lthr, Bpm::new(165));
    assert_eq!(stored.settings.theme, Theme::Dark);
    assert!(stored.settings.last_backup.is_some());
}

/// Tab one sets LTHR 153; tab two, still on LTHR 170, logs 1 h at 153 bpm and scores it
/// 0.9² × 100 = 81. After both saves, the profile has LTHR 153, and the session is
/// scored with it: (153/153)² × 100 = 100.
#[test]
fn a_session_scored_with_old_thresholds_is_rescored_with_the_merged_ones() {
    let mut stored = Data::default();
    stored.profile.lthr = Bpm::new(170);
    let (mut one, mut two) = (Tab::open(&stored), Tab::open(&stored));
    let mut profile = one.now.profile.clone();
    profile.lthr = Bpm::new(153);
    one.now.set_profile(profile);
    let mut run = bare("run", "2026-03-09", Sport::Run, 3600);
    run.avg_hr = Bpm::new(153);
    tss::rescore(&mut run, &two.now.profile);
    assert!((run.tss.unwrap().get() - 81.0).abs() < 1e-9);
    two.now.upsert_session(run);
    one.save(&mut stored);
    two.save(&mut stored);
    assert_eq!(stored.profile.lthr, Bpm::new(153));
    assert_eq!(stored.sessions[0].tss.map(|t| t.get()), Some(100.0));
}

/// What each tab does to one session that both read.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Op {
    Keep,
    Edit,
    Delete,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![Just(Op::Keep), Just(Op::Edit), Just(Op::Delete)]
}

fn apply(d: &mut Data, ops: &[Op], who: &str) {
    for (i, op) in ops.iter().enumerate() {
        let id = SessionId(format!("s{i}"));
        match op {
            Op::Keep => {}
            Op::Edit => {
                let mut s = d.session(&id).unwrap().clone();
                s.title = format!("edited by {who}");
                d.upsert_session(s);
            }
            Op::Delete => {
                d.delete_session(&id);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The whole table: for every pair of actions on a session both tabs read, and any
    /// sessions each added, the merge keeps what the spec says.
    #[test]
    fn every_pair_of_actions_merges_as_specified(
        ops in prop::collection::vec((op(), op()), 0..12),
        mine_added in 0..4usize,
        theirs_added in 0..4usize,
    ) {
        let mut base = Data::default();
        for i in 0..ops.len() {
            base.upsert_session(session(&format!("s{i}"), "original"));
        }
        let (my_ops, their_ops): (Vec<Op>, Vec<Op>) = ops.iter().copied().unzip();
        let mut mine = base.clone();
        apply(&mut mine, &my_ops, "me");
        for i in 0..mine_added {
            mine.upsert_session(session(&format!("m{i}"), "mine"));
        }
        let mut stored = base.clone();
        apply(&mut stored, &their_ops, "them");
        for i in 0..theirs_added {
            stored.upsert_session(session(&format!("t{i}"), "theirs"));
        }

        let merged = merge_for_write(&stored, &base, &mine);

        let mut expected: Vec<String> = Vec::new();
        for (i, (me, them)) in ops.iter().enumerate() {
            let title = match (me, them) {
                (Op::Edit, _) => Some("edited by me"),
                (Op::Keep, Op::Keep) => Some("original"),
                (Op::Keep, Op::Edit) | (Op::Delete, Op::Edit) => Some("edited by them"),
                (Op::Keep, Op::Delete) | (Op::Delete, Op::Keep) | (Op::Delete, Op::Delete) => None,
            };
            if let Some(t) = title {
                expected.push(format!("s{i}:{t}"));
            }
        }
        expected.extend((0..mine_added).map(|i| format!("m{i}:mine")));
        expected.extend((0..theirs_added).map(|i| format!("t{i}:theirs")));
        expected.sort();
        prop_assert_eq!(titles(&merged), expected);
        // No id twice.
        let mut ids: Vec<&SessionId> = merged.sessions.iter().map(|s| &s.id).collect();
        ids.sort();
        ids.dedup();
        prop_assert_eq!(ids.len(), merged.sessions.len());
    }

    /// If only one side changed, the result is that side.
    #[test]
    fn one_sided_changes_pass_through(a in store_support::data(), b in store_support::data()) {
        prop_assert_eq!(&merge_for_write(&a, &b, &b), &a, "I changed nothing: stored");
        let m = merge_for_write(&a, &a, &b);
        prop_assert_eq!(titles(&m), titles(&b), "nobody else saved: mine");
        prop_assert_eq!(&m.profile, &b.profile);
        prop_assert_eq!(&m.settings, &b.settings);
    }
}
