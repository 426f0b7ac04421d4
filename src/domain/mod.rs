//! The pure core: training stress, fitness and fatigue, zones, units and the advisor.
//!
//! Plain Rust over plain data. Nothing here knows about Leptos, the browser or storage, and
//! nothing reads the clock: "today" is always a parameter.

pub mod advisor;
pub mod chart;
pub mod date;
pub mod decimal;
pub mod efforts;
pub mod entry;
pub mod estimates;
pub mod pmc;
pub mod profile;
pub mod quantity;
pub mod readiness;
pub mod rescoring;
pub mod session;
pub mod sport;
pub mod streams;
pub mod thresholds;
pub mod tss;
pub mod units;
pub mod weeks;
pub mod wellness;
pub mod zones;
