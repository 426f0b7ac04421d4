//! The athlete's profile and settings (formats.md §1, `profile`).
//!
//! Every field is optional: a new athlete has none, and each rule or estimate that needs
//! one says so and falls back instead of guessing.

use serde::{Deserialize, Serialize};

use super::quantity::{Bpm, Metres, PacePer100m, PacePerKm, Watts};
use super::thresholds::ThresholdSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    Female,
    Male,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Athlete {
    #[default]
    Runner,
    Ultrarunner,
    Triathlete,
    Duathlete,
}

impl Athlete {
    /// Triathletes and duathletes are multisport by declaration (domain.md §4.1).
    pub fn is_multisport(self) -> bool {
        matches!(self, Athlete::Triathlete | Athlete::Duathlete)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Units {
    #[default]
    Metric,
    Imperial,
}

/// How CTL and ATL move towards each day's TSS (domain.md §2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PmcUpdate {
    /// `k = 1 − e^(−1/τ)`: the exact discrete form of an exponential decay with time
    /// constant τ days. The default, as in domain.md §2.
    #[default]
    Exponential,
    /// `k = 1/τ`: the form TrainingPeaks publishes; pick it to match numbers from there.
    Reciprocal,
}

/// The athlete. Field names are the backup format's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub sex: Option<Sex>,
    pub birth_year: Option<i32>,
    pub weight_kg: Option<f64>,
    pub height_cm: Option<f64>,
    pub athlete: Athlete,
    pub injury_prone: bool,
    /// Stated weekly running volume, used until the log holds 28 days.
    #[serde(rename = "weekly_volume_m")]
    pub weekly_volume: Option<Metres>,
    pub units: Units,
    #[serde(rename = "lthr_bpm")]
    pub lthr: Option<Bpm>,
    #[serde(rename = "max_hr_bpm")]
    pub max_hr: Option<Bpm>,
    #[serde(rename = "resting_hr_bpm")]
    pub resting_hr: Option<Bpm>,
    #[serde(rename = "threshold_pace_s_per_km")]
    pub threshold_pace: Option<PacePerKm>,
    #[serde(rename = "ftp_w")]
    pub ftp: Option<Watts>,
    #[serde(rename = "css_s_per_100m")]
    pub css: Option<PacePer100m>,
    pub ctl_time_constant_days: f64,
    pub atl_time_constant_days: f64,
    pub start_ctl: f64,
    pub start_atl: f64,
    /// Not in the v1 example of formats.md; an optional addition, read as the default
    /// when missing.
    pub pmc_update: PmcUpdate,
    /// The dated threshold sets, oldest first (domain.md §6, `domain::thresholds`); the
    /// threshold fields above are the newest of them. Empty: one set for all days, the
    /// fields above. Backup version 2 (formats.md §1.1); written only when there are some,
    /// so a profile without dated sets is stored as before.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub thresholds: Vec<ThresholdSet>,
}

impl Default for Profile {
    fn default() -> Profile {
        Profile {
            sex: None,
            birth_year: None,
            weight_kg: None,
            height_cm: None,
            athlete: Athlete::Runner,
            injury_prone: false,
            weekly_volume: None,
            units: Units::Metric,
            lthr: None,
            max_hr: None,
            resting_hr: None,
            threshold_pace: None,
            ftp: None,
            css: None,
            ctl_time_constant_days: 42.0,
            atl_time_constant_days: 7.0,
            start_ctl: 0.0,
            start_atl: 0.0,
            pmc_update: PmcUpdate::Exponential,
            thresholds: Vec::new(),
        }
    }
}
