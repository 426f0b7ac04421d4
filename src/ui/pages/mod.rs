//! One file per page (ux.md).

pub mod chart;
pub mod data;
pub mod log;
pub mod settings;
pub mod today;
