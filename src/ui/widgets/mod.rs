//! Pieces more than one page uses.

pub mod notices;
