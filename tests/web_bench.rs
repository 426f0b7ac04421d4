//! The performance chart over ten years, timed in the browser (issue #9: under 5 ms).
//!
//! Not part of `scripts/test.sh`: `scripts/bench.sh` runs it in release, in headless
//! Chromium, and reads the `BENCH` lines it prints:
//!
//! ```sh
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//! CHROMEDRIVER="$(command -v chromedriver)" \
//!   cargo test --release --target wasm32-unknown-unknown --test web_bench -- --nocapture
//! ```
//!
//! The log is the one `benches/pmc.rs` times natively (same generator, same seed).
#![cfg(target_arch = "wasm32")]

use recovery_run::domain::date::Day;
use recovery_run::domain::pmc;
use recovery_run::domain::profile::Profile;
use recovery_run::domain::quantity::{Bpm, Duration, Metres, PacePer100m, PacePerKm, Rpe, Watts};
use recovery_run::domain::session::{Intent, Session, SessionId, Sport};
use recovery_run::domain::tss;
use std::hint::black_box;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const DAYS: i32 = 3650;

/// `benches/pmc.rs`'s generator: Knuth's MMIX linear congruential generator.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn unit(&mut self) -> f64 {
        self.next() as f64 / (1u64 << 31) as f64
    }

    fn between(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
}

fn profile() -> Profile {
    Profile {
        lthr: Bpm::new(168),
        max_hr: Bpm::new(190),
        resting_hr: Bpm::new(48),
        threshold_pace: PacePerKm::new(255.0),
        ftp: Watts::new(230.0),
        css: PacePer100m::new(95.0),
        ..Profile::default()
    }
}

fn first() -> Day {
    Day::from_ymd(2016, 1, 1).expect("a real day")
}

fn sessions() -> Vec<Session> {
    let mut rng = Lcg(2026);
    let mut out = Vec::new();
    for day in 0..DAYS {
        let date = first().add_days(day);
        let count = match rng.next() % 20 {
            0..=2 => 0,
            3..=10 => 1,
            11..=17 => 2,
            _ => 3,
        };
        for n in 0..count {
            let sport = match rng.next() % 20 {
                0..=8 => Sport::Run,
                9..=12 => Sport::Ride,
                13..=15 => Sport::Swim,
                16 | 17 => Sport::Strength,
                18 => Sport::Yoga,
                _ => Sport::Other,
            };
            let minutes = rng.between(20.0, 150.0) as u32;
            let mut s = Session::new(
                SessionId(format!("s{day}-{n}")),
                date,
                sport,
                Duration::from_minutes(minutes).expect("under 48 h"),
            );
            let hours = f64::from(minutes) / 60.0;
            s.intent = Some(match rng.next() % 6 {
                0 => Intent::Recovery,
                1 | 2 => Intent::Easy,
                3 => Intent::Long,
                4 => Intent::Workout,
                _ => Intent::Race,
            });
            match sport {
                Sport::Run => {
                    s.distance = Metres::new(hours * rng.between(8_000.0, 15_000.0));
                    s.avg_hr = Bpm::new(rng.between(120.0, 175.0) as u16);
                }
                Sport::Ride => s.normalized_power = Watts::new(rng.between(120.0, 260.0)),
                Sport::Swim => s.distance = Metres::new(hours * rng.between(2_000.0, 4_000.0)),
                Sport::Other => s.avg_hr = Bpm::new(rng.between(100.0, 160.0) as u16),
                Sport::Strength | Sport::Yoga => {}
            }
            s.rpe = Rpe::new(1 + (rng.next() % 10) as u8);
            tss::rescore(&mut s, &profile());
            out.push(s);
        }
    }
    out
}

/// `performance.now()` through js-sys (the crate's web-sys features do not include
/// `Performance`).
fn now() -> f64 {
    let global = js_sys::global();
    let perf = js_sys::Reflect::get(&global, &"performance".into()).expect("performance");
    let f: js_sys::Function = js_sys::Reflect::get(&perf, &"now".into())
        .expect("performance.now")
        .unchecked_into();
    f.call0(&perf)
        .ok()
        .and_then(|v| v.as_f64())
        .expect("a number")
}

/// The median time of one call in ms: samples of enough calls to span ~20 ms each, so the
/// browser's coarse timer (0.1 ms without cross-origin isolation) does not matter.
fn median_ms(mut f: impl FnMut()) -> f64 {
    for _ in 0..20 {
        f();
    }
    let mut per_sample = 1u32;
    loop {
        let t = now();
        for _ in 0..per_sample {
            f();
        }
        if now() - t >= 20.0 || per_sample >= 1 << 16 {
            break;
        }
        per_sample *= 2;
    }
    let mut times: Vec<f64> = (0..31)
        .map(|_| {
            let t = now();
            for _ in 0..per_sample {
                f();
            }
            (now() - t) / f64::from(per_sample)
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

#[wasm_bindgen_test]
fn pmc_series_ten_years() {
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

    let ms = median_ms(|| {
        black_box(pmc::series(
            black_box(&stored),
            black_box(&p),
            first(),
            last,
        ));
    });
    console_log!(
        "BENCH pmc_series_stored_ms {ms:.4} ({} sessions, {DAYS} days)",
        stored.len()
    );
    let ms = median_ms(|| {
        black_box(pmc::series(
            black_box(&unscored),
            black_box(&p),
            first(),
            last,
        ));
    });
    console_log!("BENCH pmc_series_estimated_ms {ms:.4}");
}
