//! Any bytes offered as a TCX file: reading never panics, and a summary it accepts is
//! consistent and crosses a thread boundary as JSON unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recovery_run::activity;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(file) = activity::read("a.tcx", bytes, &|t| (t % 900) as i32) {
        assert!(!file.activities.is_empty());
        for a in file.activities {
            assert!(a.moving.get() <= a.elapsed.get());
            let json = serde_json::to_string(&a).expect("a summary serialises");
            assert_eq!(
                serde_json::from_str::<activity::ActivitySummary>(&json).ok(),
                Some(a)
            );
        }
    }
});
