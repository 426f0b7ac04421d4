//! Packed block texts (storage version 4, `store::pack`): unpacking whatever storage holds
//! never panics, and any text packs and unpacks to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recovery_run::store::pack;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let _ = pack::unpack(&text);
    let _ = pack::unpack(&format!("~{text}"));
    assert_eq!(pack::unpack(&pack::pack(&text)).as_deref(), Some(&*text));
});
