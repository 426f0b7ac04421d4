//! Reading a three-hour FIT file with a record every second (10 801 records, written by
//! Garmin's FIT SDK: tests/fixtures/activity/long_3h.fit) into a summary: decoding, the
//! 1 s grid, NP, NGP, elevation gain, the heart-rate histogram and the best efforts.
//!
//! `cargo bench --bench activity_import -- --warm-up-time 1 --measurement-time 5`

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use recovery_run::activity;
use recovery_run::domain::session::Sport;
use recovery_run::domain::{efforts, streams};

fn bench(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/activity/long_3h.fit"
    );
    let bytes = std::fs::read(path).expect("the 3-hour fixture (scripts/make_fit_fixtures.mjs)");
    let file = activity::read("long_3h.fit", &bytes, &|_| 0).expect("a good file");
    let summary = &file.activities[0];
    eprintln!(
        "{} bytes, {} s, NP {:?}",
        bytes.len(),
        summary.elapsed.get(),
        summary.normalized_power
    );
    c.bench_function("read: 3 h FIT, 1 s records", |b| {
        b.iter(|| activity::read("long_3h.fit", black_box(&bytes), &|_| 0))
    });
    // The share of that which is fitparser's decoding alone.
    c.bench_function("decode only (fitparser): 3 h FIT", |b| {
        b.iter(|| fitparser::from_bytes(black_box(&bytes)))
    });
    // The share of the best efforts (domain::efforts) of that recording, as a run and as a
    // ride, from its 1 s grid: what issue #31 added to an import.
    let track = activity::fit::read(&bytes).expect("a good file");
    let samples = &track.legs[0].samples;
    let (_, grid) = streams::read(samples, 50.0).expect("samples");
    for sport in [Sport::Run, Sport::Ride] {
        c.bench_function(
            &format!("efforts only: 3 h grid as a {}", sport.as_str()),
            |b| b.iter(|| efforts::of(black_box(&grid), sport, efforts::SwimFrom::Nothing)),
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
