//! Browser tests: the storage adapter and the app frame, in headless Chromium
//! (`wasm-bindgen-test`). Native tests cover the logic; these cover what only a browser has.
#![cfg(target_arch = "wasm32")]

use recovery_run::domain::date::Day;
use recovery_run::domain::quantity::Seconds;
use recovery_run::domain::session::{Session, SessionId, Sport};
use recovery_run::store::data::Data;
use recovery_run::store::kv::Browser;
use recovery_run::store::layout::BLOCK_LEN;
use recovery_run::store::local::{Db, SaveError, KEY};
use wasm_bindgen_test::*;

mod kv_support;
use kv_support::changed_keys;

/// The day the tests write on.
fn today() -> Day {
    Day::from_ymd(2026, 11, 25).expect("a real day")
}

wasm_bindgen_test_configure!(run_in_browser);

/// The database over this page's localStorage, as the app opens it.
fn db() -> Db<Browser> {
    Db::browser()
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// The dump: every key in storage with its text, sorted.
fn dump() -> Vec<(String, String)> {
    let s = storage();
    let mut all: Vec<(String, String)> = (0..s.length().unwrap())
        .map(|i| s.key(i).unwrap().unwrap())
        .map(|k| {
            let v = s.get_item(&k).unwrap().unwrap();
            (k, v)
        })
        .collect();
    all.sort();
    all
}

fn session(id: &str, day: &str) -> Session {
    Session::new(
        SessionId(id.into()),
        day.parse::<Day>().unwrap(),
        Sport::Run,
        Seconds::from_minutes(30).unwrap(),
    )
}

#[wasm_bindgen_test]
fn a_save_is_read_back_by_the_next_load() {
    storage().clear().unwrap();
    let mut db = db();
    let before = Data::default();
    let mut after = before.clone();
    after.sessions.push(session("a", "2026-03-09"));
    db.save(&before, after.clone(), today()).unwrap();
    let loaded = db.load();
    assert!(loaded.problem.is_none());
    assert_eq!(loaded.data.sessions, after.sessions);
}

#[wasm_bindgen_test]
fn damaged_storage_is_reported_and_never_overwritten() {
    storage().clear().unwrap();
    let mut db = db();
    let damaged = r#"{"schema":1,"data":{"sessions":[{"id":"a","date":"2026-03-"#;
    storage().set_item(KEY, damaged).unwrap();

    let loaded = db.load();
    let problem = loaded.problem.expect("a problem is reported");
    assert_eq!(problem.raw, damaged, "the raw text is offered as it was");

    let mut after = loaded.data.clone();
    after.sessions.push(session("b", "2026-03-10"));
    assert_eq!(
        db.save(&loaded.data, after.clone(), today()),
        Err(SaveError::Locked)
    );
    assert_eq!(storage().get_item(KEY).unwrap().as_deref(), Some(damaged));
}

#[wasm_bindgen_test]
fn a_save_keeps_what_another_tab_saved() {
    storage().clear().unwrap();
    let mut db = db();
    // Both tabs open on the same empty log.
    let opened = Data::default();
    // Tab one adds a session and saves.
    let mut one = opened.clone();
    one.sessions.push(session("from-tab-one", "2026-03-09"));
    db.save(&opened, one.clone(), today()).unwrap();
    // Tab two, still showing the empty log, adds its own.
    let mut two = opened.clone();
    two.sessions.push(session("from-tab-two", "2026-03-10"));
    let written = db.save(&opened, two.clone(), today()).unwrap();

    let mut ids: Vec<_> = written.sessions.iter().map(|s| s.id.0.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["from-tab-one", "from-tab-two"]);
    assert_eq!(db.load().data.sessions.len(), 2);
}

/// The adapter remembers the text it last read or wrote; anything else found in storage
/// (another tab's save, damage) is read again, never mistaken for it.
#[wasm_bindgen_test]
fn a_save_after_another_tab_wrote_reads_storage_again() {
    storage().clear().unwrap();
    let mut db = db();
    let opened = Data::default();
    let mut mine = opened.clone();
    mine.sessions.push(session("mine-1", "2026-03-09"));
    let mine = Data::clone(&db.save(&opened, mine.clone(), today()).unwrap());
    // Another tab, which had read `mine`, adds a session and saves.
    let mut theirs = mine.clone();
    theirs.sessions.push(session("theirs", "2026-03-10"));
    storage()
        .set_item(KEY, &recovery_run::store::schema::encode(&theirs))
        .unwrap();
    // This tab, still showing `mine`, adds another.
    let mut now = mine.clone();
    now.sessions.push(session("mine-2", "2026-03-11"));
    let written = Data::clone(&db.save(&mine, now.clone(), today()).unwrap());
    let ids: Vec<_> = written.sessions.iter().map(|s| s.id.0.as_str()).collect();
    assert_eq!(ids, ["mine-1", "theirs", "mine-2"]);
    assert_eq!(db.load().data, written);

    // Damage after this tab's save: refused, and left as it is.
    let damaged = r#"{"schema":1,"data":{"sessions":[{"id":"#;
    storage().set_item(KEY, damaged).unwrap();
    let mut more = written.clone();
    more.sessions.push(session("mine-3", "2026-03-12"));
    assert_eq!(
        db.save(&written, more.clone(), today()),
        Err(SaveError::Locked)
    );
    assert_eq!(storage().get_item(KEY).unwrap().as_deref(), Some(damaged));
    // Emptied by another tab: this tab's data is written whole.
    storage().remove_item(KEY).unwrap();
    assert_eq!(
        db.save(&written, more.clone(), today()),
        Ok(std::sync::Arc::new(more.clone()))
    );
    assert_eq!(db.load().data, more);
}

/// A long log opens on the blocks Today needs (the last one here, 40 daily runs: every
/// session after the head's checkpoint, 31 days back, is in it), and finishing decodes the rest from the
/// texts read: the data saved, on top of which the next save writes as after any load.
#[wasm_bindgen_test]
fn opening_decodes_the_recent_blocks_and_decode_rest_the_others() {
    storage().clear().unwrap();
    let mut db = db();
    let n = 2 * BLOCK_LEN + 40;
    let mut d = Data::default();
    for i in 0..n {
        let day = today().add_days(i as i32 - n as i32);
        d.sessions.push(session(&format!("s{i}"), &day.to_string()));
    }
    db.save(&Data::default(), d.clone(), today()).unwrap();
    let opened = db.open(today());
    assert!(opened.earlier.is_some() && opened.problem.is_none());
    assert_eq!(opened.data.sessions.len(), 40);
    assert_eq!(opened.data.sessions, d.sessions[2 * BLOCK_LEN..]);
    let whole = db.decode_rest();
    assert_eq!(
        (whole.data, whole.earlier, whole.problem),
        (d.clone(), None, None)
    );
    let mut more = d.clone();
    more.sessions.push(session("new", &today().to_string()));
    assert_eq!(
        db.save(&d, more.clone(), today()),
        Ok(std::sync::Arc::new(more.clone()))
    );
    assert_eq!(db.load().data, more);
}

/// Ten years lie in blocks: a save after adding one session writes its block and the
/// head, and a log stored as one text (version 1) is laid out in blocks once the app is
/// idle, without losing a record.
#[wasm_bindgen_test]
fn a_long_log_lies_in_blocks() {
    storage().clear().unwrap();
    let mut db = db();
    let mut d = Data::default();
    for i in 0..(2 * BLOCK_LEN + 10) {
        let day = Day::from_ordinal(19_000 + i as i32).unwrap();
        d.sessions.push(session(&format!("s{i}"), &day.to_string()));
    }
    storage()
        .set_item(KEY, &recovery_run::store::schema::encode(&d))
        .unwrap();
    let loaded = db.load();
    assert_eq!(loaded.data, d);
    assert_eq!(storage().length().unwrap(), 1, "read as one text");
    db.prepare(loaded.data.clone(), today());
    assert_eq!(storage().length().unwrap(), 4, "the head and three blocks");
    assert_eq!(db.load().data, d);

    let before = dump();
    let mut more = d.clone();
    more.sessions.push(session("new", "2026-03-09"));
    assert_eq!(
        db.save(&d, more.clone(), today()),
        Ok(std::sync::Arc::new(more.clone()))
    );
    let after = dump();
    let changed = changed_keys(&before, &after);
    // The head and one new block (the last one, under a new key; the one it replaces
    // stays until the next save).
    assert_eq!(changed.len(), 2, "{changed:?}");
    assert_eq!(changed[0], KEY);
    assert!(changed[1].starts_with("recovery-run/sessions/"));
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(db.load().data, more);
    // Characters as browsers count them (UTF-16 units; a packed block's characters lie in
    // U+0100–U+80FF, one unit each but two or three bytes in Rust's UTF-8).
    assert_eq!(
        db.used_chars(),
        after
            .iter()
            .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
            .sum::<usize>()
    );

    // A save right after opening, before the idle moment keeps a copy of the data.
    let opened = db.load().data;
    let mut again = opened.clone();
    again.sessions.push(session("before-idle", "2026-03-10"));
    assert_eq!(
        db.save(&opened, again.clone(), today()),
        Ok(std::sync::Arc::new(again.clone()))
    );
    assert_eq!(db.load().data, again);
}

/// A write the browser refuses changes nothing, and the next save still merges with what is
/// really stored.
#[wasm_bindgen_test]
fn a_refused_write_changes_nothing() {
    storage().clear().unwrap();
    let mut db = db();
    let opened = Data::default();
    let mut first = opened.clone();
    first.sessions.push(session("kept", "2026-03-09"));
    let first = Data::clone(&db.save(&opened, first.clone(), today()).unwrap());
    let stored = dump();
    // Fill this site's storage to the last few characters.
    let mut fillers = 0;
    let mut chunk = 1 << 20;
    while chunk >= 16 {
        if storage()
            .set_item(&format!("filler-{fillers}"), &"x".repeat(chunk))
            .is_ok()
        {
            fillers += 1;
        } else {
            chunk /= 2;
        }
    }
    let mut big = first.clone();
    let mut s = session("too-big", "2026-03-10");
    s.notes = "n".repeat(4096);
    big.sessions.push(s);
    assert!(matches!(
        db.save(&first, big.clone(), today()),
        Err(SaveError::Refused { chars }) if chars > 4096
    ));
    for i in 0..fillers {
        storage().remove_item(&format!("filler-{i}")).unwrap();
    }
    assert_eq!(dump(), stored, "storage as it was");
    // Another tab saves meanwhile; this tab's next save keeps its work.
    let mut theirs = first.clone();
    theirs.sessions.push(session("theirs", "2026-03-11"));
    storage()
        .set_item(KEY, &recovery_run::store::schema::encode(&theirs))
        .unwrap();
    let mut now = first.clone();
    now.sessions.push(session("small", "2026-03-12"));
    let written = db.save(&first, now.clone(), today()).unwrap();
    let ids: Vec<_> = written.sessions.iter().map(|s| s.id.0.as_str()).collect();
    assert_eq!(ids, ["kept", "theirs", "small"]);
}

/// Component tests: the whole app mounted in a real document, driven through the DOM.
mod app {
    use super::storage;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;
    use web_sys::{Event, EventInit, HtmlElement, HtmlInputElement};

    fn document() -> web_sys::Document {
        web_sys::window().unwrap().document().unwrap()
    }

    async fn tick() {
        // Let Leptos run its effects and the browser lay out the changes.
        let p = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
    }

    fn mount() -> HtmlElement {
        storage().clear().unwrap();
        web_sys::window()
            .unwrap()
            .location()
            .set_hash("#/log")
            .unwrap();
        let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
        document().body().unwrap().append_child(&host).unwrap();
        let handle = leptos::mount::mount_to(host.clone(), recovery_run::ui::App);
        handle.forget();
        host
    }

    /// The button labelled `text`, once the app has built it: its first render is a chain
    /// of short tasks (`ui::stage`), so how many is not this test's business.
    async fn until_button(host: &HtmlElement, text: &str) -> HtmlElement {
        for _ in 0..200 {
            if let Some(button) = find_button(host, text) {
                return button;
            }
            tick().await;
        }
        panic!("no button “{text}” after 200 ticks");
    }

    fn find_button(host: &HtmlElement, text: &str) -> Option<HtmlElement> {
        let buttons = host.query_selector_all("button").unwrap();
        (0..buttons.length())
            .filter_map(|i| buttons.item(i))
            .map(|n| n.unchecked_into::<HtmlElement>())
            .find(|b| b.text_content().unwrap_or_default().trim() == text)
    }

    fn button(host: &HtmlElement, text: &str) -> HtmlElement {
        find_button(host, text).unwrap_or_else(|| panic!("no button “{text}”"))
    }

    fn type_into(host: &HtmlElement, id: &str, value: &str) {
        let input: HtmlInputElement = host
            .query_selector(&format!("#{id}"))
            .unwrap()
            .unwrap()
            .unchecked_into();
        input.set_value(value);
        let init = EventInit::new();
        init.set_bubbles(true);
        input
            .dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
            .unwrap();
    }

    fn live_tss(host: &HtmlElement) -> String {
        host.query_selector("[data-testid=live-tss]")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap_or_default()
    }

    #[wasm_bindgen_test]
    async fn the_tss_estimate_follows_the_form_as_it_is_typed() {
        let host = mount();
        until_button(&host, "Add session").await.click();
        tick().await;
        assert!(
            live_tss(&host).contains("once date, sport and duration are valid")
                || live_tss(&host).contains("add heart rate")
        );

        // One hour at RPE 7: IF 0.90 (the RPE table in domain::tss) → 81 TSS.
        type_into(&host, "s-duration", "1:00:00");
        type_into(&host, "s-rpe", "7");
        tick().await;
        let text = live_tss(&host);
        assert!(text.contains("81 TSS"), "{text}");
        assert!(text.contains("IF 0.90"), "{text}");
        assert!(text.contains("effort"), "{text}");

        // A typed TSS wins over the estimate.
        type_into(&host, "s-tss", "95");
        tick().await;
        assert!(
            live_tss(&host).contains("95 TSS · given"),
            "{}",
            live_tss(&host)
        );

        // Half-typed duration: no estimate, and no panic.
        type_into(&host, "s-duration", "1:0");
        tick().await;
        assert!(
            live_tss(&host).contains("once date, sport and duration are valid"),
            "{}",
            live_tss(&host)
        );
        host.remove();
    }

    #[wasm_bindgen_test]
    async fn a_bad_field_is_marked_and_keeps_what_was_typed() {
        let host = mount();
        until_button(&host, "Add session").await.click();
        tick().await;
        type_into(&host, "s-duration", "an hour");
        type_into(&host, "s-hr", "300");
        button(&host, "Save session").click();
        tick().await;
        let duration: HtmlInputElement = host
            .query_selector("#s-duration")
            .unwrap()
            .unwrap()
            .unchecked_into();
        assert_eq!(duration.value(), "an hour");
        assert_eq!(
            duration.get_attribute("aria-invalid").as_deref(),
            Some("true")
        );
        let hr_error = host
            .query_selector("#s-hr-error")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap_or_default();
        assert!(hr_error.contains("25 bpm to 250 bpm"), "{hr_error}");
        assert_eq!(
            storage().get_item(recovery_run::store::local::KEY).unwrap(),
            None,
            "nothing saved"
        );
        host.remove();
    }
}
