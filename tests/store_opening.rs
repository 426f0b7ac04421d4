//! Opening the app on the recent blocks (`layout::open`): the head's opening names the
//! blocks Today needs, and Today drawn from them — the chart's last days and the advice —
//! is Today drawn from the whole log. A fake storage (a map of key → text) stands in for
//! localStorage.

mod store_support;

use std::collections::BTreeMap;

use proptest::prelude::*;
use recovery_run::domain::advisor::{advise, Advice, AdvisorInput};
use recovery_run::domain::date::{Day, TimeOfDay};
use recovery_run::domain::pmc::{self, PmcDay};
use recovery_run::domain::quantity::{Seconds, Tss};
use recovery_run::domain::session::{Session, SessionId, Sport};
use recovery_run::domain::wellness::Wellness;
use recovery_run::store::data::Data;
use recovery_run::store::layout::{self, Earlier, StoredTexts, BLOCK_LEN, KEY};
use recovery_run::store::schema::Encoded;

fn today() -> Day {
    Day::from_ymd(2026, 11, 25).expect("a real day")
}

/// Storage after one save of `data` on `written`.
fn stored(data: &Data, written: Day) -> (StoredTexts, BTreeMap<String, String>) {
    let stored = StoredTexts::lay_out(&mut Encoded::lazy(data.clone()), 1, None, written);
    let map = stored
        .writes_from(None)
        .into_iter()
        .filter_map(|w| Some((w.key, w.value?.to_string())))
        .collect();
    (stored, map)
}

fn open(map: &BTreeMap<String, String>, day: Day) -> (Data, Option<Earlier>, StoredTexts) {
    let o = layout::open(&map[KEY], |k| map.get(k).cloned(), day).expect("opens");
    (o.data, o.earlier, o.stored)
}

/// `n` runs, one a day up to yesterday, each with a stored TSS.
fn daily_runs(n: usize) -> Data {
    let sessions = (0..n)
        .map(|i| {
            let date = today().add_days(i as i32 - n as i32);
            let mut s = Session::new(
                SessionId(format!("r{i}")),
                date,
                Sport::Run,
                Seconds::from_minutes(45).expect("minutes"),
            );
            s.tss = Tss::new(40.0 + (i % 7) as f64 * 10.0 + 0.123_456_789);
            s
        })
        .collect();
    Data {
        sessions,
        wellness: vec![Wellness::empty(today().add_days(-1))],
        ..Data::default()
    }
}

/// Today's chart and advice from what opening read, as the app draws them (`ui::state`).
fn today_from(data: &Data, earlier: Option<&Earlier>, day: Day) -> (Option<PmcDay>, Advice) {
    let chart = pmc::chart(&data.sessions, &data.profile, earlier, day);
    let advice = advise(&AdvisorInput {
        today: day,
        now: TimeOfDay::from_hm(12, 0),
        sessions: &data.sessions,
        logged_from: pmc::logged_from(&data.sessions, earlier),
        stretch: pmc::stretch_on(&data.sessions, earlier, day),
        wellness: &data.wellness,
        profile: &data.profile,
        pmc: &chart,
    });
    (chart.last().copied(), advice)
}

/// 1,200 daily runs: the checkpoint is 31 days before the write (the advice's 28 days and
/// 3 to spare), so only the last block (sessions 1,000–1,199) holds later sessions.
#[test]
fn the_head_names_the_blocks_with_sessions_after_its_checkpoint() {
    let d = daily_runs(1_200);
    let (stored, map) = stored(&d, today());
    assert!(stored.head.contains(r#","opening":{"day":"2026-10-25","#));

    let (data, earlier, read) = open(&map, today());
    let earlier = earlier.expect("opens on the recent blocks");
    assert_eq!(read, stored);
    assert_eq!(data.sessions, d.sessions[2 * BLOCK_LEN..]);
    assert_eq!(
        (&data.profile, &data.settings, &data.wellness),
        (&d.profile, &d.settings, &d.wellness)
    );
    let day = today().add_days(-31);
    assert_eq!(
        Some(earlier.checkpoint),
        pmc::checkpoint(&d.sessions, &d.profile, day)
    );
    assert_eq!(earlier.logged_from, today().add_days(-1_200));
    // The rest is there to decode, and the whole data is what was saved.
    assert_eq!(layout::decode(&read), Ok(d.clone()));
    // Today from the last block is Today from all three (the chart bit for bit).
    assert_eq!(
        today_from(&data, Some(&earlier), today()),
        today_from(&d, None, today())
    );
    // A backup of the stored data (the blocks joined) holds no opening.
    let joined = layout::join(
        &stored.head,
        &stored.sessions.iter().map(|b| &*b.text).collect::<Vec<_>>(),
        &[],
    )
    .expect("joins");
    assert!(joined.get("opening").is_none());
}

/// Weeks later, with nothing saved since, the same opening still serves: no session is
/// dated after the write, so none can be missing from the blocks it names.
#[test]
fn an_opening_serves_any_later_day() {
    let d = daily_runs(1_200);
    let (_, map) = stored(&d, today());
    for later in [1, 30, 400] {
        let day = today().add_days(later);
        let (data, earlier, _) = open(&map, day);
        let earlier = earlier.expect("opens on the recent blocks");
        assert_eq!(data.sessions.len(), 200);
        assert_eq!(
            today_from(&data, Some(&earlier), day),
            today_from(&d, None, day)
        );
    }
}

/// A clock set back (a trip west, a wrong date) to within the advice's 28 days of the
/// checkpoint: the recent blocks might not hold every session the advice reads, so the
/// whole log is decoded.
#[test]
fn a_clock_set_back_opens_the_whole_log() {
    let d = daily_runs(1_200);
    let (_, map) = stored(&d, today());
    let (data, earlier, _) = open(&map, today().add_days(-4));
    assert_eq!((data, earlier), (d, None));
}

/// Heads an older version wrote have no opening; a damaged one is not trusted.
#[test]
fn heads_without_a_usable_opening_open_whole() {
    let d = daily_runs(1_200);
    let (stored, map) = stored(&d, today());
    let head = &stored.head;
    let start = head.find(r#","opening":"#).expect("has one");
    let end = head[start..].find('}').expect("closes") + start + 1;
    let without = format!("{}{}", &head[..start], &head[end..]);
    let damaged = [
        head.replace(r#""blocks":[2]"#, r#""blocks":[3]"#),
        head.replace(r#""blocks":[2]"#, r#""blocks":[2,1]"#),
        head.replace(
            r#""opening":{"day":"2026-10-25""#,
            r#""opening":{"day":"2026-11-20""#,
        ),
        head.replace(r#","ctl_bits":"#, r#","ctl_bits":null,"x":"#),
        head.replace(r#""opening":{"#, r#""opening":{"first":"2026-11-24","#),
    ];
    for h in [without].iter().chain(&damaged) {
        assert_ne!(**h, **head);
        let mut m = map.clone();
        m.insert(KEY.into(), h.clone());
        let (data, earlier, _) = open(&m, today());
        assert_eq!(earlier, None, "{h}");
        assert_eq!(data, d);
    }
}

/// Short logs, and logs with nothing before the checkpoint, get no opening: every block
/// would be needed anyway (or the chart starts after the checkpoint day).
#[test]
fn short_logs_have_no_opening() {
    for d in [daily_runs(0), daily_runs(BLOCK_LEN), daily_runs(30)] {
        let (stored, map) = stored(&d, today());
        assert!(
            !stored.head.contains("opening"),
            "{} sessions",
            d.sessions.len()
        );
        assert_eq!(open(&map, today()).1, None);
    }
}

/// A damaged block the opening does not need goes unnoticed until the rest is decoded,
/// and then it is reported as any damage is: nothing is read as a log with holes.
#[test]
fn a_damaged_old_block_is_found_when_the_rest_is_decoded() {
    let d = daily_runs(1_200);
    let (stored, mut map) = stored(&d, today());
    let first = stored.sessions[0].key.clone();
    map.insert(first, "[[\"r0\",\"2023-".into());
    let (data, earlier, read) = open(&map, today());
    assert!(earlier.is_some());
    assert_eq!(data.sessions.len(), 200);
    let e = layout::decode(&read).expect_err("damaged");
    assert!(e.error.to_string().contains("part 1 of 3"), "{}", e.error);
}

/// Logs mostly in order (imports of old activities land at the end), any profile, any day
/// of writing and of opening: when opening uses the recent blocks, Today is the same as
/// from the whole log; either way the whole data decodes from what was read.
fn any_log() -> impl Strategy<Value = (Data, i32, i32)> {
    let sessions = prop::collection::vec(
        (
            store_support::session(),
            -900i32..20,
            prop::bool::weighted(0.995),
        ),
        0..1_300,
    );
    let wellness = prop::collection::vec((store_support::wellness(), -40i32..2), 0..5);
    (
        sessions,
        wellness,
        store_support::profile(),
        20i32..2_000,
        0i32..60,
        0i32..90,
    )
        .prop_map(|(sessions, wellness, profile, span, written, later)| {
            // Mostly in the order they happened, over `span` days up to today (so a block
            // covers days or years); a few anywhere.
            let len = sessions.len().max(1) as i32;
            let mut n = 0;
            let mut sessions: Vec<Session> = sessions
                .into_iter()
                .map(|(mut s, offset, in_order)| {
                    n += 1;
                    let at = if in_order {
                        n * span / len - span
                    } else {
                        offset
                    };
                    s.date = today().add_days(at);
                    s.id = SessionId(format!("s{n}"));
                    s
                })
                .collect();
            sessions.dedup_by(|a, b| a.id == b.id);
            let mut seen = std::collections::HashSet::new();
            let wellness: Vec<Wellness> = wellness
                .into_iter()
                .map(|(mut w, offset)| {
                    w.date = today().add_days(offset);
                    w
                })
                .filter(|w| seen.insert(w.date))
                .collect();
            let data = Data {
                profile,
                sessions,
                wellness,
                ..Data::default()
            };
            (data, written, later)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn today_from_the_opening_is_today_from_the_whole_log((d, written, later) in any_log()) {
        let written = today().add_days(-written);
        let day = written.add_days(later);
        let (_, map) = stored(&d, written);
        let (data, earlier, read) = open(&map, day);
        prop_assert_eq!(layout::decode(&read), Ok(d.clone()));
        match &earlier {
            None => prop_assert_eq!(&data, &d),
            Some(r) => {
                // Every session after the checkpoint is there, in the log's order.
                let after: Vec<&Session> = d.sessions.iter().filter(|s| s.date > r.checkpoint.day).collect();
                let have: Vec<&Session> = data.sessions.iter().filter(|s| s.date > r.checkpoint.day).collect();
                prop_assert_eq!(after, have);
                prop_assert!(data.sessions.len() < d.sessions.len());
                prop_assert_eq!(&data.wellness, &d.wellness);
            }
        }
        prop_assert_eq!(today_from(&data, earlier.as_ref(), day), today_from(&d, None, day));
    }
}
