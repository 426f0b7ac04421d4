//! Recovery Run: a training-load and recovery calculator that runs in the browser.
//!
//! `ui → store → domain`: the domain is pure and tested natively; the store turns it into
//! bytes and back; the UI (wasm only) shows it. `activity` reads watch files (FIT, TCX,
//! GPX) into summaries, and `sources` other apps' exports (HRV apps, wearables, Apple Health)
//! into days of values and workouts: both pure too. `worker` (wasm only) runs the store's file jobs in a Web
//! Worker, the `file-worker` binary.

pub mod activity;
pub mod domain;
pub mod report;
pub mod sources;
pub mod store;

/// Encrypted backups through WebCrypto (the file worker's; docs/formats.md §1.2).
#[cfg(target_arch = "wasm32")]
pub mod crypto;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod worker;
