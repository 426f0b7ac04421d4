//! Recovery Run: a training-load and recovery calculator that runs in the browser.
//!
//! `ui → store → domain`: the domain is pure and tested natively; the store turns it into
//! bytes and back; the UI (wasm only) shows it. `activity` reads watch files (FIT, TCX,
//! GPX) into summaries: pure too, and usable from a Web Worker.

pub mod activity;
pub mod domain;
pub mod store;

#[cfg(target_arch = "wasm32")]
pub mod ui;
