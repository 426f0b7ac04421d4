//! Storage with ten years logged (~5,000 sessions): what opening the app (all of it, and
//! only what Today needs) and adding one session cost the store, natively. The browser figures (`bench/browser.mjs`) add
//! localStorage itself and wasm's speed; these show where the store's own time goes.
//!
//! `cargo bench --bench store -- --warm-up-time 1 --measurement-time 3`

mod support;

use std::collections::HashMap;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use recovery_run::domain::session::{Session, SessionId};
use recovery_run::store::data::Data;
use recovery_run::store::layout::{self, StoredTexts, KEY};
use recovery_run::store::merge::merge_for_write;
use recovery_run::store::schema::{self, Encoded};
use support::ten_years::{first, profile, sessions, DAYS};

/// The day after the ten years.
fn today() -> recovery_run::domain::date::Day {
    first().add_days(DAYS)
}

fn bench(c: &mut Criterion) {
    let data = Data {
        profile: profile(),
        sessions: sessions(),
        ..Data::default()
    };
    let mut encoded = Encoded::new(data.clone());
    let stored = StoredTexts::lay_out(&mut encoded, 1, None, today());
    let storage: HashMap<String, String> = stored
        .writes_from(None)
        .into_iter()
        .filter_map(|w| Some((w.key, w.value?.to_string())))
        .collect();
    let one_text = schema::encode(&data);
    eprintln!(
        "{} sessions: {} characters in {} keys (one text: {})",
        data.sessions.len(),
        stored.chars(),
        storage.len(),
        one_text.len()
    );

    c.bench_function("open: read the blocks and decode", |b| {
        b.iter(|| layout::read(black_box(&storage[KEY]), |k| storage.get(k).cloned()))
    });
    // What opening the app does: the blocks Today needs (the head's opening), the rest
    // after the first paint.
    let opened = layout::open(&storage[KEY], |k| storage.get(k).cloned(), today());
    let recent = opened.as_ref().map_or(0, |o| o.data.sessions.len());
    eprintln!(
        "opening decodes {recent} of {} sessions",
        data.sessions.len()
    );
    c.bench_function("open: only what Today needs", |b| {
        b.iter(|| {
            layout::open(
                black_box(&storage[KEY]),
                |k| storage.get(k).cloned(),
                today(),
            )
        })
    });
    c.bench_function("open: decode version 1's one text", |b| {
        b.iter(|| schema::decode(black_box(&one_text)))
    });

    // Adding a session as `local::Db::save` does when storage holds what this tab wrote (no
    // merge needed): re-encode what changed, lay out, list the writes.
    let mut added = data.clone();
    let mut s: Session = added.sessions[100].clone();
    s.id = SessionId("new".into());
    added.sessions.push(s);
    c.bench_function("add a session: encode, lay out", |b| {
        b.iter(|| {
            let mut next = encoded.update(black_box(&added).clone());
            let laid = StoredTexts::lay_out(&mut next, 2, Some(&stored), today());
            laid.writes_from(Some(&stored)).len()
        })
    });
    // The same save after another tab wrote: the three-way merge first.
    c.bench_function("add a session after another tab wrote: merge", |b| {
        b.iter(|| merge_for_write(encoded.data(), &data, black_box(&added)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
