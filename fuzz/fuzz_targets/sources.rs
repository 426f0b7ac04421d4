//! Any bytes offered to the readers of other apps' exports (issue #33): recognising and
//! reading never panic, whichever reader is asked, and what a reader accepts keeps its
//! promises (days oldest first and one a day, none empty, a source exactly where there is
//! an HRV) and crosses a thread boundary as JSON unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recovery_run::sources::{self, DayValues, Reader};

/// Paths that put the bytes in front of every reader, account-export JSON files included.
const PATHS: [&str; 4] = [
    "export.csv",
    "DI_CONNECT/DI-Connect-Wellness/1_healthStatusData.json",
    "Takeout/Fitbit/Global Export Data/resting_heart_rate-2024-01-01.json",
    "nightly_recovery_1-a.json",
];

fuzz_target!(|bytes: &[u8]| {
    for path in PATHS {
        let _ = sources::recognise(path, bytes);
        for reader in Reader::ALL {
            let _ = reader.recognises(path, bytes);
            let Ok(file) = sources::read(reader, path, bytes) else {
                continue;
            };
            for w in file.days.windows(2) {
                assert!(w[0].date < w[1].date);
            }
            for d in &file.days {
                assert!(!d.is_empty());
                assert_eq!(
                    d.hrv_source.is_some(),
                    d.hrv_rmssd.is_some() || d.hrv_sdnn.is_some()
                );
                let json = serde_json::to_string(d).expect("a day serialises");
                assert_eq!(
                    serde_json::from_str::<DayValues>(&json).ok().as_ref(),
                    Some(d)
                );
            }
            for a in &file.activities {
                assert!(a.moving.get() <= a.elapsed.get());
            }
        }
    }
});
