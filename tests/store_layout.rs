//! The storage layout (version 2): the data in blocks under several keys. A fake storage
//! (a map of key → text) stands in for localStorage; the browser tests in `web.rs` run the
//! same through the real one.

mod store_support;

use std::collections::BTreeMap;

use proptest::prelude::*;
use recovery_run::domain::date::Day;
use recovery_run::domain::quantity::Seconds;
use recovery_run::domain::session::{Session, SessionId, Sport};
use recovery_run::store::data::Data;
use recovery_run::store::layout::{self, block_key, packed_key, List, StoredTexts, BLOCK_LEN, KEY};
use recovery_run::store::schema::{decode, encode, Encoded, LoadError};

const V1: &str = include_str!("fixtures/storage-v1.json");

/// localStorage as a map.
#[derive(Clone, Debug, Default, PartialEq)]
struct Fake(BTreeMap<String, String>);

impl Fake {
    fn apply(&mut self, writes: &[layout::Write]) {
        for w in writes {
            match &w.value {
                Some(v) => self.0.insert(w.key.clone(), v.to_string()),
                None => self.0.remove(&w.key),
            };
        }
    }

    fn read(&self) -> Result<(Data, StoredTexts), layout::Unread> {
        layout::read(&self.0[KEY], |k| self.0.get(k).cloned())
    }

    fn read_typed(&self) -> Option<Result<(Data, StoredTexts), layout::Unread>> {
        layout::read_typed(&self.0[KEY], |k| self.0.get(k).cloned())
    }

    fn open(&self) -> Result<layout::Decoded, layout::Unread> {
        layout::open(&self.0[KEY], |k| self.0.get(k).cloned(), today())
    }

    fn open_typed(&self) -> Option<Result<layout::Decoded, layout::Unread>> {
        layout::open_typed(&self.0[KEY], |k| self.0.get(k).cloned(), today())
    }

    /// Lays `data` out on top of what is stored now (`from`), as a save does.
    fn save(
        &mut self,
        data: &Data,
        from: Option<&StoredTexts>,
    ) -> (StoredTexts, Vec<layout::Write>) {
        let mut e = Encoded::lazy(data.clone());
        let stored = StoredTexts::lay_out(&mut e, 7, from, today());
        let writes = stored.writes_from(from);
        self.apply(&writes);
        (stored, writes)
    }
}

/// The day the saves here are written on: after every session [`session`] makes for up to
/// a thousand, so heads of long logs carry an opening.
fn today() -> Day {
    Day::from_ordinal(21_000).expect("a day")
}

fn session(i: usize) -> Session {
    let day = Day::from_ordinal(20_000 + i as i32).expect("a day");
    let mut s = Session::new(
        SessionId(format!("s{i}")),
        day,
        Sport::Run,
        Seconds::from_minutes(30 + (i % 60) as u32).expect("minutes"),
    );
    s.title = format!("Run {i}");
    s
}

fn data_with(n: usize) -> Data {
    Data {
        sessions: (0..n).map(session).collect(),
        ..Data::default()
    }
}

/// Keys of the writes, with whether each sets (`true`) or removes.
fn keys(writes: &[layout::Write]) -> Vec<(String, bool)> {
    writes
        .iter()
        .map(|w| (w.key.clone(), w.value.is_some()))
        .collect()
}

fn session_keys(stored: &StoredTexts) -> Vec<String> {
    stored.sessions.iter().map(|b| b.key.clone()).collect()
}

#[test]
fn ten_years_lie_in_blocks_and_read_back() {
    let d = data_with(5_000);
    let mut fake = Fake::default();
    let (stored, _) = fake.save(&d, None);
    assert_eq!(stored.sessions.len(), 5_000 / BLOCK_LEN);
    for b in &stored.sessions {
        // Full blocks are packed (version 4), named by the hash of the JSON they hold.
        assert!(b.is_packed());
        let json = b.json().expect("unpacks");
        assert!(json.starts_with("[[\"s"));
        assert_eq!(b.key, packed_key(List::Sessions, &json), "named by content");
        assert!(fake.0.contains_key(&b.key));
    }
    assert_eq!(fake.0.len(), 1 + 10);
    let (back, read) = fake.read().expect("reads");
    assert_eq!(back, d);
    assert_eq!(read, stored, "what is read is what was written");
    // The logical text is the envelope of version 2, whatever the layout.
    assert_eq!(decode(&encode(&d)), Ok(d));
}

/// Version 4: full blocks are packed, the last (fewer than [`BLOCK_LEN`] records) stays
/// plain JSON under the key version 3 would give it; packing takes most of the characters
/// away.
#[test]
fn full_blocks_are_packed_and_the_last_stays_plain() {
    let d = data_with(2 * BLOCK_LEN + 7);
    let mut fake = Fake::default();
    let (stored, _) = fake.save(&d, None);
    assert_eq!(stored.sessions.len(), 3);
    assert!(stored.sessions[0].is_packed() && stored.sessions[1].is_packed());
    let last = &stored.sessions[2];
    assert!(!last.is_packed() && last.text.starts_with("[["));
    assert_eq!(last.key, block_key(List::Sessions, &last.text));
    let plain: usize = stored.sessions[..2]
        .iter()
        .map(|b| b.json().expect("unpacks").chars().count())
        .sum();
    let packed: usize = stored.sessions[..2]
        .iter()
        .map(|b| b.text.chars().count())
        .sum();
    assert!(packed * 5 < plain, "{packed} characters for {plain}");
    assert_eq!(fake.read().expect("reads").0, d);
}

/// The reason for the layout: adding a session writes one block and the head, whatever
/// the size of the log. A block is never overwritten: an edit writes its block under a
/// new key, and the one it replaced goes at the next save.
#[test]
fn adding_a_session_writes_one_block_and_the_head() {
    let mut d = data_with(5_000);
    let mut fake = Fake::default();
    let (first, _) = fake.save(&d, None);
    d.sessions.push(session(5_000));
    let (second, writes) = fake.save(&d, Some(&first));
    assert_eq!(session_keys(&second)[..10], session_keys(&first)[..]);
    assert_eq!(
        keys(&writes),
        [(second.sessions[10].key.clone(), true), (KEY.into(), true)]
    );
    assert_eq!(writes[0].previous, None, "a new block");
    assert_eq!(fake.read().expect("reads").0, d);

    // Editing an old session writes its block anew; the old one stays for now.
    d.sessions[1_234].title = "Edited".into();
    let (third, writes) = fake.save(&d, Some(&second));
    assert_eq!(
        keys(&writes),
        [(third.sessions[2].key.clone(), true), (KEY.into(), true)]
    );
    assert_eq!(third.old, [second.sessions[2].key.clone()]);
    assert!(fake.0.contains_key(&second.sessions[2].key));
    assert_eq!(fake.read().expect("reads").0, d);

    // The next save removes it, after its head (and keeps the last block it replaces
    // until the save after).
    d.sessions.push(session(5_001));
    let (fourth, writes) = fake.save(&d, Some(&third));
    assert_eq!(
        keys(&writes),
        [
            (fourth.sessions[10].key.clone(), true),
            (KEY.into(), true),
            (second.sessions[2].key.clone(), false),
        ]
    );
    assert_eq!(fourth.old, [third.sessions[10].key.clone()]);
    assert!(!fake.0.contains_key(&second.sessions[2].key));
    assert_eq!(fake.0.len(), 1 + 11 + 1);
    assert_eq!(fake.read().expect("reads").0, d);
}

/// The head is the commit: a save cut off before its head (a crash, a refused write)
/// leaves storage reading exactly as before it, whatever it changed.
#[test]
fn a_save_cut_off_before_its_head_changes_nothing() {
    let d = data_with(1_200);
    let mut fake = Fake::default();
    let (stored, _) = fake.save(&d, None);
    // Deleting the first session shifts every block.
    let mut fewer = d.clone();
    fewer.sessions.remove(0);
    let mut e = Encoded::lazy(fewer.clone());
    let next = StoredTexts::lay_out(&mut e, 9, Some(&stored), today());
    let writes = next.writes_from(Some(&stored));
    assert_eq!(writes.len(), 3 + 1, "three new blocks, then the head");
    let mut cut = fake.clone();
    cut.apply(&writes[..3]);
    assert_eq!(cut.read().expect("reads").0, d, "as before the save");
    fake.apply(&writes);
    assert_eq!(fake.read().expect("reads").0, fewer);
}

#[test]
fn blocks_no_longer_needed_are_removed_by_the_next_save() {
    let d = data_with(1_200);
    let mut fake = Fake::default();
    let (first, _) = fake.save(&d, None);
    let fewer = data_with(400);
    let (second, _) = fake.save(&fewer, Some(&first));
    assert_eq!(second.old.len(), 3, "all three blocks replaced");
    assert_eq!(fake.0.len(), 1 + 3 + 1);
    let (_, writes) = fake.save(&fewer, Some(&second));
    let removed: Vec<String> = writes
        .iter()
        .filter(|w| w.value.is_none())
        .map(|w| w.key.clone())
        .collect();
    assert_eq!(removed, second.old);
    assert_eq!(fake.0.len(), 2);
    assert_eq!(fake.read().expect("reads").0, fewer);
}

/// Every write says what the key held, so a refused save can be undone to the letter.
#[test]
fn undoing_the_writes_restores_storage() {
    let d = data_with(900);
    let mut fake = Fake::default();
    let (stored, _) = fake.save(&d, None);
    let before = fake.clone();
    let mut e = Encoded::lazy(data_with(300));
    let next = StoredTexts::lay_out(&mut e, 3, Some(&stored), today());
    let writes = next.writes_from(Some(&stored));
    let mut undone = fake.clone();
    undone.apply(&writes);
    for w in writes.iter().rev() {
        let back = layout::Write {
            key: w.key.clone(),
            value: w.previous.clone(),
            previous: None,
        };
        undone.apply(&[back]);
    }
    assert_eq!(undone, before);
}

#[test]
fn version_1_text_reads_as_it_always_did_and_moves_into_blocks() {
    let mut fake = Fake::default();
    fake.0.insert(KEY.into(), V1.into());
    let (d, stored) = fake.read().expect("version 1 reads");
    assert_eq!(d, decode(V1).expect("v1"));
    assert!(stored.is_one_text());
    let (next, writes) = fake.save(&d, Some(&stored));
    assert!(!next.is_one_text());
    assert_eq!(writes.last().map(|w| w.key.as_str()), Some(KEY));
    assert_eq!(writes.last().and_then(|w| w.previous.as_deref()), Some(V1));
    assert_eq!(fake.read().expect("reads").0, d);
}

/// What the typed reader alone tells itself (a newer version, a damaged list of blocks, a
/// missing block), and what it leaves to the tolerant reader: damage inside a text, and a
/// `null` the app writes for a fraction that is not a number.
#[test]
fn the_typed_reader_alone_refuses_what_it_can_tell_and_leaves_the_rest() {
    let head = r#"{"schema":5,"rev":"1","blocks":{"sessions":[],"wellness":[]},"data":{}}"#;
    let e = layout::read_typed(head, |k| panic!("read {k}")).expect("told");
    assert_eq!(
        e.expect_err("newer").error,
        LoadError::FromNewerVersion { found: 5 }
    );
    let one_text = r#"{"schema":9,"data":{}}"#;
    let e = layout::read_typed(one_text, |k| panic!("read {k}")).expect("told");
    assert_eq!(
        e.expect_err("newer").error,
        LoadError::FromNewerVersion { found: 9 }
    );

    let d = data_with(1_100);
    let mut fake = Fake::default();
    let (stored, _) = fake.save(&d, None);
    fake.0.remove(&stored.sessions[1].key);
    assert_eq!(
        fake.read_typed(),
        Some(fake.read()),
        "a missing block is told"
    );
    assert!(fake.read_typed().expect("told").is_err());

    let mut fake = Fake::default();
    let (stored, _) = fake.save(&d, None);
    let key = stored.sessions[2].key.clone();
    let damaged = fake.0[&key].replacen("\"run\"", "\"running\"", 1);
    fake.0.insert(key, damaged);
    assert_eq!(
        fake.read_typed(),
        None,
        "a damaged record needs the tolerant reader"
    );
    assert!(fake.read().is_err());

    let mut nan = Data::default();
    nan.profile.ctl_time_constant_days = f64::NAN;
    let mut fake = Fake::default();
    fake.save(&nan, None);
    assert_eq!(
        fake.read_typed(),
        None,
        "a null where the app writes a number"
    );
    let (read, _) = fake.read().expect("the tolerant reader reads it");
    assert_eq!(read, Data::default());
}

#[test]
fn a_missing_block_is_named_and_nothing_is_read() {
    let d = data_with(1_100);
    let mut fake = Fake::default();
    let (stored, _) = fake.save(&d, None);
    fake.0.remove(&stored.sessions[1].key);
    let e = fake.read().expect_err("a block is missing");
    assert_eq!(
        e.error,
        LoadError::Unreadable {
            reason: "part 2 of 3 of its sessions is missing".into()
        }
    );
    assert_eq!(e.raw, None, "the adapter offers every key as it is");
}

#[test]
fn a_damaged_record_is_named_by_its_place_in_the_whole_log() {
    let d = data_with(1_100);
    let mut fake = Fake::default();
    let (stored, _) = fake.save(&d, None);
    let key = stored.sessions[2].key.clone();
    let damaged = fake.0[&key].replacen("\"run\"", "\"running\"", 1);
    fake.0.insert(key, damaged);
    let e = fake.read().expect_err("damaged");
    let reason = e.error.to_string();
    let at = format!("session 1001 of 1100 ({})", d.sessions[1_000].date);
    assert!(
        reason.contains(&at),
        "names the session by its place in the whole log: {reason}"
    );
    // The download is one envelope that import reads record by record.
    let raw: serde_json::Value = serde_json::from_str(&e.raw.expect("a text")).expect("JSON");
    assert_eq!(
        raw["data"]["sessions"].as_array().map(Vec::len),
        Some(1_100)
    );

    // A block cut short is refused too, and named.
    let mut fake = Fake::default();
    let (stored, _) = fake.save(&d, None);
    let key = stored.sessions[0].key.clone();
    let cut: String = fake.0[&key].chars().take(1_000).collect();
    fake.0.insert(key, cut);
    let e = fake.read().expect_err("cut");
    assert!(
        e.error
            .to_string()
            .contains("part 1 of 3 of its sessions is cut off"),
        "{}",
        e.error
    );
}

#[test]
fn a_newer_head_is_refused_before_any_block_is_read() {
    let head = r#"{"schema":5,"rev":"1","blocks":{"sessions":["recovery-run/sessions/x"],"wellness":[]},"data":{}}"#;
    let e = layout::read(head, |k| panic!("read {k}")).expect_err("newer");
    assert_eq!(e.error, LoadError::FromNewerVersion { found: 5 });
    assert_eq!(e.raw.as_deref(), Some(head));
}

/// A head of this version whose list of blocks (or data) is damaged is refused: read as a
/// head without blocks, it would show an empty log, and the next save would write that.
#[test]
fn a_head_with_a_damaged_list_of_blocks_is_refused_not_read_as_empty() {
    let d = data_with(600);
    let mut fake = Fake::default();
    let (stored, _) = fake.save(&d, None);
    let head = stored.head.to_string();
    let list = format!("{:?}", session_keys(&stored)).replace(", ", ",");
    for damaged in [
        head.replacen(&list, "\"2\"", 1),
        head.replacen(&list, "null", 1),
        head.replacen(
            &format!("\"blocks\":{{\"sessions\":{list},\"wellness\":[]}},"),
            "",
            1,
        ),
        head.replacen("\"old\":[]", "\"old\":7", 1),
    ] {
        assert_ne!(damaged, head, "the test damages the head");
        let e = layout::read(&damaged, |k| fake.0.get(k).cloned()).expect_err("refused");
        assert!(matches!(e.error, LoadError::Unreadable { .. }), "{damaged}");
    }
    let no_data = head[..head.find(",\"data\"").expect("data")].to_string() + "}";
    let e = layout::read(&no_data, |k| fake.0.get(k).cloned()).expect_err("refused");
    assert_eq!(
        e.error,
        LoadError::Unreadable {
            reason: "it holds no data".into()
        }
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the data, laid out and read back it is the same, by the typed reader.
    #[test]
    fn what_is_laid_out_reads_back(d in store_support::data()) {
        let mut fake = Fake::default();
        let (stored, _) = fake.save(&d, None);
        let (back, read) = fake.read().expect("reads");
        prop_assert_eq!(&back, &d);
        prop_assert_eq!(read, stored);
    }

    /// A save on top of any earlier save leaves exactly the later data, in no more keys
    /// than it needs.
    #[test]
    fn a_save_on_top_of_another_leaves_the_later_data(
        a in store_support::data(),
        b in store_support::data(),
    ) {
        let mut fake = Fake::default();
        let (first, _) = fake.save(&a, None);
        let (second, _) = fake.save(&b, Some(&first));
        prop_assert_eq!(&fake.read().expect("reads").0, &b);
        // A third save removes what the second replaced: no more keys than needed.
        let (third, _) = fake.save(&b, Some(&second));
        prop_assert_eq!(fake.read().expect("reads").0, b);
        let mut needed: Vec<&String> = third.sessions.iter().chain(&third.wellness).map(|b| &b.key).collect();
        needed.sort();
        needed.dedup();
        prop_assert_eq!(fake.0.len(), 1 + needed.len());
    }

    /// The typed reader alone (the app's first download has no other) gives what both
    /// readers give, or leaves the texts to the tolerant reader; on the app's own texts it
    /// always answers. The same when any key's text is cut anywhere.
    #[test]
    fn the_typed_reader_alone_answers_as_both_or_leaves_the_texts(
        d in store_support::data(),
        cut in any::<prop::sample::Index>(),
        which in any::<prop::sample::Index>(),
    ) {
        let mut fake = Fake::default();
        fake.save(&d, None);
        prop_assert_eq!(fake.read_typed(), Some(fake.read()));
        prop_assert_eq!(fake.open_typed(), Some(fake.open()));
        let keys: Vec<String> = fake.0.keys().cloned().collect();
        let key = which.get(&keys).clone();
        let text = fake.0[&key].clone();
        let at = cut.index(text.len() + 1);
        if text.is_char_boundary(at) {
            fake.0.insert(key, text[..at].to_string());
            if let Some(typed) = fake.read_typed() {
                prop_assert_eq!(typed, fake.read());
            }
            if let Some(typed) = fake.open_typed() {
                prop_assert_eq!(typed, fake.open());
            }
        }
    }

    /// Damage to any key's text never panics: it reads, or it is refused with a reason.
    #[test]
    fn damage_never_panics(
        d in store_support::data(),
        cut in any::<prop::sample::Index>(),
        which in any::<prop::sample::Index>(),
    ) {
        let mut fake = Fake::default();
        fake.save(&d, None);
        let keys: Vec<String> = fake.0.keys().cloned().collect();
        let key = which.get(&keys).clone();
        let text = fake.0[&key].clone();
        let at = cut.index(text.len() + 1);
        if text.is_char_boundary(at) {
            fake.0.insert(key, text[..at].to_string());
            let _ = fake.read();
        }
    }
}
