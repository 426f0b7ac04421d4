//! Room for twenty years (issue #34): a triathlete who trains twice a day, every session
//! imported from a watch file with its notes, 14,600 sessions and 7,300 check-ins
//! (`benches/support/twenty_years.rs`), fit in at most 60 % of the 5,242,880 characters
//! browsers give localStorage, and read back whole.

use recovery_run::domain::date::Day;
use recovery_run::store::kv::Memory;
use recovery_run::store::local::Db;

#[path = "../benches/support/twenty_years.rs"]
mod twenty_years;

/// What Chromium, Firefox and WebKit give a site's localStorage, in UTF-16 code units
/// (measured; `tests/engines/` checks that packed characters count one each).
const QUOTA: usize = 5_242_880;

#[test]
fn twenty_years_fit_in_sixty_percent_of_local_storage() {
    let until = Day::from_ymd(2026, 11, 30).expect("a day");
    let data = twenty_years::log(until);
    assert_eq!(data.sessions.len(), 14_600);
    assert!(data
        .sessions
        .iter()
        .all(|s| s.notes.starts_with("Imported from ")));
    let kv = Memory::default();
    kv.set_quota(Some(QUOTA));
    let mut db = Db::new(Some(kv.clone()));
    db.replace(&data, until).expect("fits");
    let used = db.used_chars();
    println!(
        "twenty years: {used} characters, {:.1} % of {QUOTA}",
        used as f64 * 100.0 / QUOTA as f64
    );
    assert!(used * 10 <= QUOTA * 6, "{used} characters");
    let mut again = Db::new(Some(kv.clone()));
    let loaded = again.load();
    assert_eq!(loaded.problem, None);
    assert_eq!(loaded.data, data);
    // Adding a session after that writes one plain block and the head.
    let mut more = data.clone();
    let mut s = more.sessions[0].clone();
    s.id.0 = "one-more".into();
    more.sessions.push(s);
    again.prepare(data.clone(), until);
    again.save(&data, more.clone(), until).expect("saved");
    assert_eq!(Db::new(Some(kv)).load().data, more);
}
