//! The performance chart over ten years of training: the budget is a full series from the
//! sessions in under 1 ms natively, so recomputing it on every edit is free in the app.
//!
//! `cargo bench --bench pmc -- --warm-up-time 1 --measurement-time 3`

mod support;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use recovery_run::domain::pmc::{self, PmcSettings};
use recovery_run::domain::quantity::Seconds;
use recovery_run::domain::session::Session;
use recovery_run::domain::tss;
use support::ten_years::{first, profile, sessions, DAYS};

fn bench(c: &mut Criterion) {
    let p = profile();
    let stored = sessions();
    let last = first().add_days(DAYS - 1);
    let unscored: Vec<Session> = stored
        .iter()
        .map(|s| Session {
            tss: None,
            tss_method: None,
            ..s.clone()
        })
        .collect();
    let loads = pmc::daily_loads(&stored, &p, first(), last);
    let settings = PmcSettings::from_profile(&p);
    eprintln!("{} sessions over {} days", stored.len(), loads.len());

    c.bench_function("series: 10 years from stored sessions", |b| {
        b.iter(|| pmc::series(black_box(&stored), black_box(&p), first(), last))
    });
    c.bench_function("series: 10 years, every TSS estimated", |b| {
        b.iter(|| pmc::series(black_box(&unscored), black_box(&p), first(), last))
    });
    c.bench_function("series_from_loads: 3,650 days", |b| {
        b.iter(|| pmc::series_from_loads(first(), black_box(&loads), black_box(&settings)))
    });

    // One edit: the athlete changes a session in the middle of the log; the app rescores it
    // and recomputes the chart, as the store and UI do on every save.
    let mut edited = stored.clone();
    let middle = edited.len() / 2;
    let mut minutes = 30u32;
    c.bench_function("one edit: rescore one session + full series", |b| {
        b.iter(|| {
            minutes = if minutes == 30 { 45 } else { 30 };
            let s = &mut edited[middle];
            s.duration = Seconds::from_minutes(minutes).expect("under 48 h");
            s.tss = None;
            s.tss_method = None;
            tss::rescore(s, &p);
            pmc::series(black_box(&edited), black_box(&p), first(), last)
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
