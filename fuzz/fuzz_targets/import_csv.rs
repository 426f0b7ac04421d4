//! Any bytes offered as a sessions CSV: import never panics; the sessions it accepts,
//! exported again, read back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recovery_run::store::{csv, data::Data, import};

fuzz_target!(|bytes: &[u8]| {
    let Ok((data, _report)) = import::import(&Data::default(), "sessions.csv", bytes) else {
        return;
    };
    let text = csv::export_sessions(&data.sessions);
    let (again, skipped) = csv::parse_sessions(&text).expect("an export always reads");
    assert!(skipped.is_empty(), "{skipped:?}");
    let mut sorted = data.sessions.clone();
    sorted.sort_by(|a, b| (a.date, a.start_time, &a.id).cmp(&(b.date, b.start_time, &b.id)));
    assert_eq!(again, sorted);
});
