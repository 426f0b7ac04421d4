//! The daily wellness check-in (formats.md §1, `wellness`).

use serde::{Deserialize, Serialize};

use super::date::Day;
use super::quantity::Bpm;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Wellness {
    pub date: Day,
    /// 0 (none) to 10 (worst).
    #[serde(default)]
    pub soreness: Option<u8>,
    #[serde(default)]
    pub pain: bool,
    #[serde(default)]
    pub menstruating: bool,
    #[serde(default)]
    pub sleep_h: Option<f64>,
    #[serde(default, rename = "resting_hr_bpm")]
    pub resting_hr: Option<Bpm>,
    #[serde(default)]
    pub notes: String,
}

impl Wellness {
    pub fn empty(date: Day) -> Wellness {
        Wellness {
            date,
            soreness: None,
            pain: false,
            menstruating: false,
            sleep_h: None,
            resting_hr: None,
            notes: String::new(),
        }
    }

    /// "Physically beat up" (domain.md §4.1): soreness ≥ 7 of 10, or pain ticked.
    pub fn is_beat_up(&self) -> bool {
        self.pain || self.soreness.is_some_and(|s| s >= 7)
    }
}
