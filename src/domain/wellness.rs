//! The daily wellness check-in (docs/formats.md §1, `wellness`).

use serde::{Deserialize, Serialize};

use super::date::Day;
use super::quantity::{Bpm, RmssdMs, SdnnMs};

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
    /// HRV as SDNN in ms (Apple Watch), never mixed with rMSSD (docs/domain.md §7;
    /// docs/formats.md §2.1).
    #[serde(default, rename = "hrv_sdnn_ms")]
    pub hrv_sdnn: Option<SdnnMs>,
    /// Where the day's HRV came from (an app, a watch, or typed in): each source has its
    /// own baseline (docs/domain.md §7).
    #[serde(default)]
    pub hrv_source: Option<HrvSource>,
    /// The source's own normal range of its HRV that day, where it gives one (Garmin's
    /// baseline, Polar's), in ms: shown beside the app's (docs/domain.md §7).
    #[serde(default, rename = "hrv_range_low_ms")]
    pub hrv_range_low: Option<RmssdMs>,
    #[serde(default, rename = "hrv_range_high_ms")]
    pub hrv_range_high: Option<RmssdMs>,
}

/// Where a day's HRV came from, named as runners know it (docs/formats.md §2.1). rMSSD of a
/// morning reading (the HRV apps) and of a night (the watches) are different numbers, and
/// SDNN (Apple Watch) another again, so each source keeps its own baseline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HrvSource {
    #[serde(rename = "HRV4Training")]
    Hrv4Training,
    #[serde(rename = "Elite HRV")]
    EliteHrv,
    Garmin,
    #[serde(rename = "WHOOP")]
    Whoop,
    Fitbit,
    Polar,
    #[serde(rename = "intervals.icu")]
    IntervalsIcu,
    #[serde(rename = "Apple Watch")]
    AppleWatch,
    /// Typed in the app's check-in.
    #[serde(rename = "manual")]
    Manual,
}

impl HrvSource {
    pub const ALL: [HrvSource; 9] = [
        HrvSource::Hrv4Training,
        HrvSource::EliteHrv,
        HrvSource::Garmin,
        HrvSource::Whoop,
        HrvSource::Fitbit,
        HrvSource::Polar,
        HrvSource::IntervalsIcu,
        HrvSource::AppleWatch,
        HrvSource::Manual,
    ];

    /// The name in files and on screen: `HRV4Training`, `Elite HRV`, `Garmin`, `WHOOP`,
    /// `Fitbit`, `Polar`, `intervals.icu`, `Apple Watch`, `manual`.
    pub fn as_str(self) -> &'static str {
        match self {
            HrvSource::Hrv4Training => "HRV4Training",
            HrvSource::EliteHrv => "Elite HRV",
            HrvSource::Garmin => "Garmin",
            HrvSource::Whoop => "WHOOP",
            HrvSource::Fitbit => "Fitbit",
            HrvSource::Polar => "Polar",
            HrvSource::IntervalsIcu => "intervals.icu",
            HrvSource::AppleWatch => "Apple Watch",
            HrvSource::Manual => "manual",
        }
    }

    /// A source by its name, ignoring case and spaces (`elite hrv`, `EliteHRV`, `Apple
    /// Health` for the Apple Watch's own app).
    pub fn parse(text: &str) -> Option<HrvSource> {
        let squash = |s: &str| {
            s.chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        };
        let t = squash(text);
        if t == "applehealth" {
            return Some(HrvSource::AppleWatch);
        }
        HrvSource::ALL.into_iter().find(|s| squash(s.as_str()) == t)
    }
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
            hrv_sdnn: None,
            hrv_source: None,
            hrv_range_low: None,
            hrv_range_high: None,
        }
    }

    /// "Physically beat up" (docs/domain.md §4.1): soreness ≥ 7 of 10, or pain ticked.
    pub fn is_beat_up(&self) -> bool {
        self.pain || self.soreness.is_some_and(|s| s >= 7)
    }
}
