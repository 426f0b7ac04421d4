//! Any bytes offered as a FIT file: reading never panics. Random bytes rarely get past
//! the checksum, so each input is also tried with its header's data size and both CRCs
//! set right, which sends it into fitparser's decoding of messages.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recovery_run::activity::{self, fit};

fn check(bytes: &[u8]) {
    if let Ok(file) = activity::read("a.fit", bytes, &|_| 0) {
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
}

fuzz_target!(|bytes: &[u8]| {
    check(bytes);
    // A well-formed envelope around the input: 14-byte header, the input as data, CRC.
    let mut file = Vec::with_capacity(bytes.len() + 16);
    file.extend([14u8, 0x20, 0x08, 0x08]);
    file.extend((bytes.len() as u32).to_le_bytes());
    file.extend(b".FIT");
    let header_crc = fit::crc16(&file);
    file.extend(header_crc.to_le_bytes());
    file.extend(bytes);
    let crc = fit::crc16(&file);
    file.extend(crc.to_le_bytes());
    check(&file);
});
