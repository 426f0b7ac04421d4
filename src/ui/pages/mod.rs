//! One file per page (docs/ux.md). The frame gets a page's view through `ui::split`, which
//! keeps every page but Today out of the first download.

pub mod chart;
pub mod data;
pub mod log;
pub mod settings;
pub mod today;
