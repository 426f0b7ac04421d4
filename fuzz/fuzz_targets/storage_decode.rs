//! Any text found in localStorage: decoding never panics; what decodes, encoded again,
//! decodes to the same data.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recovery_run::store::schema::{decode, encode};

fuzz_target!(|bytes: &[u8]| {
    // localStorage holds strings: damaged bytes arrive as (lossily decoded) text.
    let raw = String::from_utf8_lossy(bytes);
    if let Ok(data) = decode(&raw) {
        assert_eq!(decode(&encode(&data)), Ok(data));
    }
});
