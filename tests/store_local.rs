//! The database (`local::Db`) over a storage in memory (`kv::Memory`): open, save, reopen,
//! two tabs over one storage, a full storage, damaged storage. The same promises
//! `tests/e2e/storage.spec.ts` and `opening.spec.ts` check in the browser, natively.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use recovery_run::domain::date::Day;
use recovery_run::domain::quantity::Seconds;
use recovery_run::domain::session::{Session, SessionId, Sport};
use recovery_run::store::data::Data;
use recovery_run::store::kv::{Kv, Memory, Refused};
use recovery_run::store::layout::{self, StoredTexts, BLOCK_LEN};
use recovery_run::store::local::{Db, SaveError, KEY};
use recovery_run::store::schema::{self, Encoded};

#[path = "../benches/support/ten_years.rs"]
mod ten_years;

mod kv_support;
use kv_support::changed_keys;

fn today() -> Day {
    Day::from_ymd(2026, 11, 25).expect("a real day")
}

fn session(id: &str, day: Day) -> Session {
    Session::new(
        SessionId(id.into()),
        day,
        Sport::Run,
        Seconds::from_minutes(30).expect("in range"),
    )
}

/// `n` daily sessions ending yesterday, named `s0`, `s1`, ….
fn daily(n: usize) -> Data {
    let mut d = Data::default();
    for i in 0..n {
        let day = today().add_days(i as i32 - n as i32);
        d.sessions.push(session(&format!("s{i}"), day));
    }
    d
}

fn with(data: &Data, id: &str) -> Data {
    let mut d = data.clone();
    d.sessions.push(session(id, today()));
    d
}

fn ids(d: &Data) -> Vec<&str> {
    d.sessions.iter().map(|s| s.id.0.as_str()).collect()
}

/// A tab: a database of its own over the shared storage, opened as the app opens it.
fn tab(kv: &Memory) -> (Db<Memory>, Data) {
    let mut db = Db::new(Some(kv.clone()));
    let mut loaded = db.open(today());
    if loaded.earlier.is_some() {
        loaded = db.decode_rest();
    }
    assert_eq!(loaded.problem, None);
    (db, loaded.data)
}

#[test]
fn a_save_is_read_back_when_the_app_opens_again() {
    let kv = Memory::default();
    let (mut db, opened) = tab(&kv);
    assert_eq!(opened, Data::default());
    let first = with(&opened, "a");
    assert_eq!(
        db.save(&opened, first.clone(), today()),
        Ok(Arc::new(first.clone()))
    );
    let second = with(&first, "b");
    assert_eq!(
        db.save(&first, second.clone(), today()),
        Ok(Arc::new(second.clone()))
    );

    let (_, reopened) = tab(&kv);
    assert_eq!(reopened, second);
    assert_eq!(
        db.used_chars(),
        kv.dump()
            .iter()
            .map(|(k, t)| k.len() + t.len())
            .sum::<usize>()
    );
}

#[test]
fn two_tabs_a_save_in_one_never_erases_what_the_other_saved() {
    let kv = Memory::default();
    let (mut one, opened_one) = tab(&kv);
    let (mut two, opened_two) = tab(&kv);
    let from_one = with(&opened_one, "from-tab-one");
    one.save(&opened_one, from_one.clone(), today()).unwrap();
    // Tab two, still showing the empty log, adds its own.
    let from_two = with(&opened_two, "from-tab-two");
    let written = two.save(&opened_two, from_two, today()).unwrap();
    assert_eq!(ids(&written), ["from-tab-one", "from-tab-two"]);
    // Tab one, still showing only its own session, adds another: it reads storage again.
    let more = with(&from_one, "again-one");
    let written = one.save(&from_one, more, today()).unwrap();
    assert_eq!(ids(&written), ["from-tab-one", "from-tab-two", "again-one"]);
    assert_eq!(tab(&kv).1, *written);
}

/// A storage holding three blocks of daily sessions, the last with the last 40 days (every
/// session after the head's checkpoint), and the data saved.
fn long_log() -> (Memory, Data) {
    let kv = Memory::default();
    let d = daily(2 * BLOCK_LEN + 40);
    Db::new(Some(kv.clone()))
        .save(&Data::default(), d.clone(), today())
        .unwrap();
    (kv, d)
}

#[test]
fn a_long_log_opens_on_its_recent_blocks_and_decodes_the_rest_later() {
    let (kv, d) = long_log();
    let mut db = Db::new(Some(kv.clone()));
    let opened = db.open(today());
    assert!(opened.earlier.is_some() && opened.problem.is_none());
    assert_eq!(opened.data.sessions, d.sessions[2 * BLOCK_LEN..]);
    let whole = db.decode_rest();
    assert_eq!(
        (whole.data, whole.earlier, whole.problem),
        (d.clone(), None, None)
    );
    // A save after opening writes the new last block and the head, nothing else.
    let before = kv.dump();
    let more = with(&d, "new");
    assert_eq!(
        db.save(&d, more.clone(), today()),
        Ok(Arc::new(more.clone()))
    );
    let after = kv.dump();
    let changed = changed_keys(&before, &after);
    assert_eq!(changed.len(), 2, "{changed:?}");
    assert_eq!(changed[0], KEY);
    assert!(changed[1].starts_with("recovery-run/sessions/"));
    assert_eq!(tab(&kv).1, more);
}

#[test]
fn a_version_1_text_is_laid_out_in_blocks_when_prepared() {
    let kv = Memory::default();
    let d = daily(2 * BLOCK_LEN + 10);
    kv.set(KEY, &schema::encode(&d)).unwrap();
    let mut db = Db::new(Some(kv.clone()));
    let loaded = db.load();
    assert_eq!(loaded.data, d);
    assert_eq!(kv.dump().len(), 1, "read as one text");
    db.prepare(loaded.data.clone(), today());
    assert_eq!(kv.dump().len(), 4, "the head and three blocks");
    assert_eq!(tab(&kv).1, d);
    let more = with(&d, "new");
    assert_eq!(
        db.save(&d, more.clone(), today()),
        Ok(Arc::new(more.clone()))
    );
    assert_eq!(tab(&kv).1, more);
}

/// Version 3 blocks (plain JSON, however full) read as they are, and the idle moment after
/// opening lays them out as version 4 writes them: full blocks packed under new keys, the
/// last one (fewer than 500 records) the same text under the same key. The version 3 blocks
/// it replaced go at the next save.
#[test]
fn version_3_blocks_are_packed_when_prepared() {
    let kv = Memory::default();
    let d = daily(2 * BLOCK_LEN + 10);
    // Storage as version 3 wrote it.
    let block = |rows: &[Session]| {
        let texts: Vec<String> = rows
            .iter()
            .map(recovery_run::store::rows::Row::row_text)
            .collect();
        format!("[{}]", texts.join(","))
    };
    let texts: Vec<String> = d.sessions.chunks(BLOCK_LEN).map(block).collect();
    let keys: Vec<String> = texts
        .iter()
        .map(|t| layout::block_key(layout::List::Sessions, t))
        .collect();
    for (k, t) in keys.iter().zip(&texts) {
        kv.set(k, t).unwrap();
    }
    let head = format!(
        r#"{{"schema":3,"rev":"0000000000000003","blocks":{{"sessions":{},"wellness":[]}},"old":[],"data":{{"profile":{},"settings":{}}}}}"#,
        serde_json::to_string(&keys).unwrap(),
        serde_json::to_string(&d.profile).unwrap(),
        serde_json::to_string(&d.settings).unwrap(),
    );
    kv.set(KEY, &head).unwrap();
    let v3_chars = Db::new(Some(kv.clone())).used_chars();

    let (mut db, loaded) = tab(&kv);
    assert_eq!(loaded, d, "version 3 reads as it is");
    db.prepare(loaded.clone(), today());
    let head = kv.get(KEY).unwrap();
    assert!(head.starts_with(r#"{"schema":4,"#), "{head}");
    let (_, stored) = layout::read(&head, |k| kv.get(k)).unwrap();
    assert!(stored.sessions[0].is_packed() && stored.sessions[1].is_packed());
    assert!(stored.sessions[0]
        .key
        .starts_with("recovery-run/sessions/p"));
    assert!(!stored.sessions[2].is_packed());
    assert_eq!(stored.sessions[2].key, keys[2], "the last block kept");
    assert_eq!(stored.old, keys[..2], "the packed ones replaced");
    assert_eq!(tab(&kv).1, d);
    let packed_chars = Db::new(Some(kv.clone())).used_chars() - texts[0].len() - texts[1].len();
    assert!(
        packed_chars * 3 < v3_chars,
        "{packed_chars} characters against {v3_chars}"
    );
    // The next save removes the version 3 blocks.
    let more = with(&d, "new");
    db.save(&d, more.clone(), today()).unwrap();
    assert!(kv.get(&keys[0]).is_none() && kv.get(&keys[1]).is_none());
    assert_eq!(tab(&kv).1, more);
}

/// A block that fills up is packed by the save that fills it; the blocks before it are
/// not written again.
#[test]
fn the_save_that_fills_a_block_packs_it() {
    let kv = Memory::default();
    let d = daily(2 * BLOCK_LEN - 1);
    let mut db = Db::new(Some(kv.clone()));
    db.replace(&d, today()).unwrap();
    let before = kv.dump();
    let more = with(&d, "fills");
    db.save(&d, more.clone(), today()).unwrap();
    let head = kv.get(KEY).unwrap();
    let (back, stored) = layout::read(&head, |k| kv.get(k)).unwrap();
    assert_eq!(back, more);
    assert_eq!(stored.sessions.len(), 2);
    assert!(stored.sessions.iter().all(|b| b.is_packed()));
    let after = kv.dump();
    let mut expected = vec![KEY, stored.sessions[1].key.as_str()];
    expected.sort();
    assert_eq!(changed_keys(&before, &after), expected);
}

/// A storage that notes the keys it was given texts for.
struct Noted {
    kv: Memory,
    set: Rc<RefCell<Vec<String>>>,
}

impl Kv for Noted {
    fn get(&self, key: &str) -> Option<String> {
        self.kv.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), Refused> {
        self.kv.set(key, value)?;
        self.set.borrow_mut().push(key.into());
        Ok(())
    }
    fn remove(&self, key: &str) {
        self.kv.remove(key)
    }
    fn keys(&self) -> Vec<String> {
        self.kv.keys()
    }
}

#[test]
fn a_full_storage_changes_nothing() {
    let kv = Memory::default();
    let (mut db, opened) = tab(&kv);
    let first = db.save(&opened, daily(10), today()).unwrap();
    let stored = kv.dump();

    // Room for the first new block of this save but not for the second: the first is
    // written, then taken away again.
    let big = daily(2 * BLOCK_LEN + 10);
    let laid = StoredTexts::lay_out(&mut Encoded::lazy(big.clone()), 1, None, today());
    let used = db.used_chars();
    let first_block = laid.sessions[0].key.len() + laid.sessions[0].text.chars().count();
    kv.set_quota(Some(used + first_block + 10));
    let set = Rc::default();
    let noted = Noted {
        kv: kv.clone(),
        set: Rc::clone(&set),
    };
    let mut full = Db::new(Some(noted));
    full.load();
    assert!(matches!(
        full.save(&first, big.clone(), today()),
        Err(SaveError::Refused { chars }) if chars > used
    ));
    assert_eq!(*set.borrow(), [laid.sessions[0].key.clone()]);
    assert_eq!(kv.dump(), stored, "storage as it was");

    // The same in the tab that wrote last, which knows what is stored without reading it.
    assert!(matches!(
        db.save(&first, big.clone(), today()),
        Err(SaveError::Refused { .. })
    ));
    assert_eq!(kv.dump(), stored, "storage as it was");
    assert!(matches!(
        db.replace(&big, today()),
        Err(SaveError::Refused { .. })
    ));
    assert_eq!(kv.dump(), stored, "storage as it was");

    // Room again; another tab saves meanwhile: this tab's next save keeps its work.
    kv.set_quota(None);
    let (mut other, theirs) = tab(&kv);
    other
        .save(&theirs, with(&theirs, "theirs"), today())
        .unwrap();
    let written = db.save(&first, with(&first, "small"), today()).unwrap();
    assert_eq!(ids(&written)[10..], ["theirs", "small"]);
    assert_eq!(tab(&kv).1, *written);
}

#[test]
fn damaged_storage_is_reported_and_never_overwritten() {
    for damaged in [
        r#"{"schema":1,"data":{"sessions":[{"id":"a","date":"2026-0"#,
        r#"{"schema":99,"data":{}}"#,
    ] {
        let kv = Memory::default();
        kv.set(KEY, damaged).unwrap();
        let mut db = Db::new(Some(kv.clone()));
        let loaded = db.open(today());
        let problem = loaded.problem.expect("a problem is reported");
        assert_eq!(problem.raw, damaged, "the raw text is offered as it was");
        assert!(problem.message.contains("kept exactly as it was"));
        let after = with(&loaded.data, "b");
        assert_eq!(
            db.save(&loaded.data, after, today()),
            Err(SaveError::Locked)
        );
        assert_eq!(kv.dump(), [(KEY.to_string(), damaged.to_string())]);
    }
}

/// The app's first download reads storage with the typed reader alone (`Db::open_typed`):
/// on what the app writes it answers as `Db::open`; texts it refuses wait for the tolerant
/// reader, and until then a save never writes over them.
#[test]
fn the_typed_reader_alone_answers_as_open_or_leaves_the_texts_untouched() {
    let (kv, d) = long_log();
    let mut db = Db::new(Some(kv.clone()));
    let typed = db
        .open_typed(today())
        .expect("the typed reader reads the app's texts");
    let opened = Db::new(Some(kv.clone())).open(today());
    assert_eq!(
        (&typed.data, &typed.earlier, &typed.problem),
        (&opened.data, &opened.earlier, &opened.problem)
    );
    let whole = db.decode_rest_typed().expect("and the rest");
    assert_eq!((whole.data, whole.problem), (d.clone(), None));
    let reloaded = db.load_typed().expect("and again");
    assert_eq!((reloaded.data, reloaded.problem), (d, None));

    for damaged in [
        r#"{"schema":1,"data":{"sessions":[{"id":"a","date":"2026-0"#,
        r#"{"schema":1,"data":{"profile":{"ctl_time_constant_days":null}}}"#,
    ] {
        let kv = Memory::default();
        kv.set(KEY, damaged).unwrap();
        let mut db = Db::new(Some(kv.clone()));
        assert!(db.open_typed(today()).is_none(), "{damaged}");
        let reading = recovery_run::store::local::Loaded::reading("Reading");
        let problem = reading.problem.as_ref().expect("a problem");
        assert!(problem.reading && problem.raw.is_empty());
        let after = with(&reading.data, "b");
        let saved = db.save(&reading.data, after, today());
        if damaged.contains("null") {
            // Readable by the tolerant reader: the save merges with what it holds.
            let (_, back) = tab(&kv);
            assert_eq!(ids(&back), ["b"]);
            assert!(saved.is_ok());
        } else {
            assert_eq!(saved, Err(SaveError::Locked));
            assert_eq!(kv.dump(), [(KEY.to_string(), damaged.to_string())]);
        }
    }

    // Damage in a block the opening did not need: the rest is left to the tolerant reader,
    // and the texts read at opening are not taken for what the app holds meanwhile.
    let (kv, _) = long_log();
    let head: serde_json::Value = serde_json::from_str(&kv.get(KEY).unwrap()).unwrap();
    let old = head["blocks"]["sessions"][0].as_str().unwrap().to_string();
    kv.set(&old, r#"[["s1","2022-0"#).unwrap();
    let stored = kv.dump();
    let mut db = Db::new(Some(kv.clone()));
    assert!(db.open_typed(today()).expect("opens").problem.is_none());
    assert!(db.decode_rest_typed().is_none());
    let nothing = Data::default();
    assert_eq!(
        db.save(&nothing, with(&nothing, "new"), today()),
        Err(SaveError::Locked)
    );
    assert_eq!(kv.dump(), stored);
    assert!(db.load().problem.is_some());
}

#[test]
fn a_damaged_block_the_opening_does_not_need_is_still_reported_and_kept() {
    let (kv, _) = long_log();
    // The first block, which holds no session of the last month.
    let head: serde_json::Value = serde_json::from_str(&kv.get(KEY).unwrap()).unwrap();
    let old = head["blocks"]["sessions"][0].as_str().unwrap().to_string();
    let damaged = r#"[["s1","2022-0"#;
    kv.set(&old, damaged).unwrap();
    let stored = kv.dump();

    let mut db = Db::new(Some(kv.clone()));
    let opened = db.open(today());
    assert!(opened.earlier.is_some() && opened.problem.is_none());
    let whole = db.decode_rest();
    let problem = whole.problem.expect("a problem is reported");
    assert!(problem.message.contains("kept exactly as it was"));
    assert!(problem.raw.contains(&old), "every key offered as it is");
    assert_eq!(
        db.save(&whole.data, with(&whole.data, "new"), today()),
        Err(SaveError::Locked)
    );
    assert_eq!(kv.dump(), stored);
    // Until the athlete decides: starting afresh replaces everything, the damage too.
    assert_eq!(db.replace(&Data::default(), today()), Ok(()));
    assert_eq!(kv.keys(), [KEY]);
    assert_eq!(tab(&kv).1, Data::default());
}

/// Issue #30: "Delete everything" deletes every key the app owns and nothing else, and the
/// app goes on from an empty log (saving again works).
#[test]
fn deleting_everything_removes_every_key_of_ours_and_nothing_else() {
    let kv = Memory::default();
    kv.set("another-app", "theirs").unwrap();
    let (mut db, _) = tab(&kv);
    let big = daily(BLOCK_LEN + 3);
    db.save(&Data::default(), big.clone(), today()).unwrap();
    // A second save leaves old blocks around too.
    let after = with(&big, "x");
    db.save(&big, after.clone(), today()).unwrap();
    assert!(kv.keys().len() > 2, "{:?}", kv.keys());
    assert_eq!(db.delete_all(), Ok(()));
    assert!(kv.keys().is_empty(), "{:?}", kv.keys());
    assert_eq!(kv.get("another-app").as_deref(), Some("theirs"));
    assert_eq!(tab(&kv).1, Data::default());
    // And the app goes on: a new session saves and reads back.
    let fresh = with(&Data::default(), "new");
    let written = db.save(&Data::default(), fresh.clone(), today()).unwrap();
    assert_eq!(*written, fresh);
    assert_eq!(ids(&tab(&kv).1), ["new"]);
    // Without storage, it says so.
    assert_eq!(
        Db::<Memory>::new(None).delete_all(),
        Err(SaveError::Unavailable)
    );
}

#[test]
fn without_storage_nothing_is_saved_and_nothing_fails() {
    let mut db: Db<Memory> = Db::new(None);
    assert!(!db.available());
    let loaded = db.open(today());
    assert_eq!((loaded.data, loaded.problem), (Data::default(), None));
    let d = daily(3);
    assert_eq!(
        db.save(&Data::default(), d.clone(), today()),
        Err(SaveError::Unavailable)
    );
    assert_eq!(db.replace(&d, today()), Err(SaveError::Unavailable));
    assert_eq!(db.used_chars(), 0);
}

/// The log `examples/ten_years.rs` prints for `tests/e2e/opening.spec.ts` (about four years
/// ending today) and `bench/browser.mjs` (ten): the app reads that one text as it is, and
/// lays it out in blocks under a head whose opening leaves the older blocks for later, which
/// is what both rely on.
#[test]
fn the_generated_log_reads_as_it_is_and_opens_on_its_recent_blocks() {
    let log = ten_years::log(today(), 1500);
    assert_eq!(log, ten_years::log(today(), 1500), "the same on every run");
    assert!(log.sessions.len() > 3 * BLOCK_LEN);
    assert!(log.sessions.windows(2).all(|w| w[0].date <= w[1].date));
    let from = today().add_days(-1499);
    assert!(log
        .sessions
        .iter()
        .all(|s| s.date >= from && s.date <= today()));
    assert!(
        log.sessions.iter().all(|s| s.tss.is_some()),
        "every session scored"
    );

    let kv = Memory::default();
    kv.set(KEY, &schema::encode(&log)).unwrap();
    let mut db = Db::new(Some(kv.clone()));
    let loaded = db.open(today());
    assert_eq!(loaded.problem, None);
    assert_eq!(loaded.data, log);
    db.prepare(loaded.data.clone(), today());
    let head: serde_json::Value = serde_json::from_str(&kv.get(KEY).unwrap()).unwrap();
    let blocks = head["blocks"]["sessions"].as_array().expect("blocks").len();
    let opening = head["opening"]["blocks"]
        .as_array()
        .expect("an opening")
        .len();
    assert!(
        blocks > 2 && opening < blocks,
        "{opening} of {blocks} blocks"
    );

    let mut db = Db::new(Some(kv.clone()));
    let opened = db.open(today());
    assert!(opened.earlier.is_some(), "opened on the recent blocks");
    assert!(opened.data.sessions.len() < log.sessions.len());
    let whole = db.decode_rest();
    assert_eq!((whole.problem, whole.data), (None, log));
}
