//! The daily wellness check-in (docs/formats.md §1, `wellness`).

use serde::{Deserialize, Serialize};

use super::date::Day;
use super::quantity::{Bpm, RmssdMs};

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
    /// Morning HRV, rMSSD in ms (docs/domain.md §7; docs/formats.md §1.1, backup version 2).
    #[serde(default, rename = "hrv_rmssd_ms")]
    pub hrv: Option<RmssdMs>,
    /// Ill: fever, cold, stomach bug (docs/domain.md §7, R15 and R17).
    #[serde(default)]
    pub sick: bool,
    /// An injury that changes how one can train (R16); `pain` stays the "hurts now" box.
    #[serde(default)]
    pub injured: bool,
}

/// The check-in of `day` among `wellness` (one a day), if there is one.
pub fn on(wellness: &[Wellness], day: Day) -> Option<&Wellness> {
    wellness.iter().find(|w| w.date == day)
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
            hrv: None,
            sick: false,
            injured: false,
        }
    }

    /// "Physically beat up" (docs/domain.md §4.1): soreness ≥ 7 of 10, or pain ticked.
    pub fn is_beat_up(&self) -> bool {
        self.pain || self.soreness.is_some_and(|s| s >= 7)
    }
}
