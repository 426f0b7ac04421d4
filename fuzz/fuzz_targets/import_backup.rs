//! Any bytes offered as a backup: import never panics; a backup it accepts, exported
//! again, imports to the same data.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recovery_run::store::{backup, data::Data, import};

fuzz_target!(|bytes: &[u8]| {
    let Ok((data, _report)) = import::import(&Data::default(), "backup.json", bytes) else {
        return;
    };
    let text = backup::export(&data, "2026-03-10T18:04:00Z");
    let (again, report) = import::import(&Data::default(), "backup.json", text.as_bytes())
        .expect("an export always imports");
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!(again.profile, data.profile);
    assert_eq!(again.sessions, data.sessions);
    assert_eq!(again.wellness, data.wellness);
});
