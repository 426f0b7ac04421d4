//! Pieces more than one page uses.

pub mod backup;
pub mod chart_svg;
pub mod field;
pub mod notices;
