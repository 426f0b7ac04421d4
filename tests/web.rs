//! Browser tests: the storage adapter and the app frame, in headless Chromium
//! (`wasm-bindgen-test`). Native tests cover the logic; these cover what only a browser has.
#![cfg(target_arch = "wasm32")]

use recovery_run::domain::date::Day;
use recovery_run::domain::quantity::Duration;
use recovery_run::domain::session::{Session, SessionId, Sport};
use recovery_run::store::data::Data;
use recovery_run::store::local::{self, SaveError, KEY};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn session(id: &str, day: &str) -> Session {
    Session::new(
        SessionId(id.into()),
        day.parse::<Day>().unwrap(),
        Sport::Run,
        Duration::from_minutes(30).unwrap(),
    )
}

#[wasm_bindgen_test]
fn a_save_is_read_back_by_the_next_load() {
    storage().clear().unwrap();
    let before = Data::default();
    let mut after = before.clone();
    after.sessions.push(session("a", "2026-03-09"));
    local::save(&before, &after).unwrap();
    let loaded = local::load();
    assert!(loaded.problem.is_none());
    assert_eq!(loaded.data.sessions, after.sessions);
}

#[wasm_bindgen_test]
fn damaged_storage_is_reported_and_never_overwritten() {
    storage().clear().unwrap();
    let damaged = r#"{"schema":1,"data":{"sessions":[{"id":"a","date":"2026-03-"#;
    storage().set_item(KEY, damaged).unwrap();

    let loaded = local::load();
    let problem = loaded.problem.expect("a problem is reported");
    assert_eq!(problem.raw, damaged, "the raw text is offered as it was");

    let mut after = loaded.data.clone();
    after.sessions.push(session("b", "2026-03-10"));
    assert_eq!(local::save(&loaded.data, &after), Err(SaveError::Locked));
    assert_eq!(storage().get_item(KEY).unwrap().as_deref(), Some(damaged));
}

#[wasm_bindgen_test]
fn a_save_keeps_what_another_tab_saved() {
    storage().clear().unwrap();
    // Both tabs open on the same empty log.
    let opened = Data::default();
    // Tab one adds a session and saves.
    let mut one = opened.clone();
    one.sessions.push(session("from-tab-one", "2026-03-09"));
    local::save(&opened, &one).unwrap();
    // Tab two, still showing the empty log, adds its own.
    let mut two = opened.clone();
    two.sessions.push(session("from-tab-two", "2026-03-10"));
    let written = local::save(&opened, &two).unwrap();

    let mut ids: Vec<_> = written.sessions.iter().map(|s| s.id.0.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["from-tab-one", "from-tab-two"]);
    assert_eq!(local::load().data.sessions.len(), 2);
}
