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
//! The log is the one `benches/pmc.rs` and `benches/store.rs` time natively and
//! `bench/browser.mjs` stores in the browser (the one generator,
//! `benches/support/ten_years.rs`).
#![cfg(target_arch = "wasm32")]

#[path = "../benches/support/ten_years.rs"]
mod ten_years;

use recovery_run::domain::pmc;
use recovery_run::domain::session::Session;
use recovery_run::store::data::Data;
use recovery_run::store::layout::{self, StoredTexts, KEY};
use recovery_run::store::schema::Encoded;
use std::collections::HashMap;
use std::hint::black_box;
use ten_years::{first, profile, sessions, DAYS};

/// The day after the ten years.
fn today() -> recovery_run::domain::date::Day {
    first().add_days(DAYS)
}
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

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

/// Reading ten years from storage's texts (what opening the app does after `getItem`):
/// the wasm counterpart of `benches/store.rs`'s "open".
#[wasm_bindgen_test]
fn storage_read_ten_years() {
    let data = Data {
        profile: profile(),
        sessions: sessions(),
        ..Data::default()
    };
    let stored = StoredTexts::lay_out(&mut Encoded::lazy(data), 1, None, today());
    let storage: HashMap<String, String> = stored
        .writes_from(None)
        .into_iter()
        .filter_map(|w| Some((w.key, w.value?.to_string())))
        .collect();
    let ms = median_ms(|| {
        black_box(layout::read(black_box(&storage[KEY]), |k| storage.get(k).cloned()).is_ok());
    });
    console_log!(
        "BENCH storage_read_ms {ms:.3} ({} characters)",
        stored.chars()
    );
}
