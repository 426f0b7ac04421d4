//! Whatever localStorage holds under the app's keys (a head and its blocks, damaged in any
//! way): reading never panics; what reads, laid out and read again, is the same data.
#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;
use recovery_run::store::layout::{self, StoredTexts, KEY};
use recovery_run::domain::date::Day;
use recovery_run::store::schema::Encoded;

fn today() -> Day {
    Day::from_ymd(2026, 11, 25).expect("a real day")
}

fuzz_target!(|bytes: &[u8]| {
    // The input is the head, then the texts of the blocks, separated by NUL bytes (which no
    // stored text holds); each key the reader asks for gets the next block, in order.
    let text = String::from_utf8_lossy(bytes);
    let mut parts = text.split('\0');
    let head = parts.next().unwrap_or_default().to_string();
    let mut blocks = parts.map(str::to_string);
    let mut given: HashMap<String, Option<String>> = HashMap::new();
    let storage = |k: &str| -> Option<String> {
        given
            .entry(k.to_string())
            .or_insert_with(|| blocks.next())
            .clone()
    };
    if let Ok((data, _)) = layout::read(&head, storage) {
        let mut e = Encoded::lazy(data.clone());
        let stored = StoredTexts::lay_out(&mut e, 1, None, today());
        let mut again: HashMap<String, String> = HashMap::new();
        for w in stored.writes_from(None) {
            if let Some(v) = w.value {
                again.insert(w.key, v.to_string());
            }
        }
        let back = layout::read(&again[KEY], |k| again.get(k).cloned()).map(|(d, _)| d);
        assert_eq!(back.ok(), Some(data.clone()));
        // Opening on the recent blocks reads the same texts, which decode to the same data.
        let opened = layout::open(&again[KEY], |k| again.get(k).cloned(), today());
        assert_eq!(opened.map(|o| layout::decode(&o.stored)).ok(), Some(Ok(data)));
    }
});
