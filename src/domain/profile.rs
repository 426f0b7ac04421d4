//! The athlete's profile and settings (docs/formats.md §1, `profile`).
//!
//! Every field is optional: a new athlete has none, and each rule or estimate that needs
//! one says so and falls back instead of guessing.

use serde::{Deserialize, Serialize};

use super::date::Day;
use super::quantity::{to_grain, Bpm, Metres, PacePer100m, PacePerKm, Watts};
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
    /// Triathletes and duathletes are multisport by declaration (docs/domain.md §4.1).
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

/// How CTL and ATL move towards each day's TSS (docs/domain.md §2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PmcUpdate {
    /// `k = 1 − e^(−1/τ)`: the exact discrete form of an exponential decay with time
    /// constant τ days. The default, as in docs/domain.md §2.
    #[default]
    Exponential,
    /// `k = 1/τ`: the form TrainingPeaks publishes; pick it to match numbers from there.
    Reciprocal,
}

/// Fitness (CTL) and fatigue (ATL) the athlete sets on a date, read off another tool's
/// chart (docs/domain.md §2.1, as intervals.icu lets them): the chart's values at the **end**
/// of that day, its own sessions included, and the seed the days after it go on from
/// (`pmc`). In range by construction: a real date and two numbers from 0 to
/// [`FitnessOn::MAX`], held to the millionth like every stored fraction; reading JSON checks
/// the same, so a bad value in a file is reported, never used.
/// On the wire `["2026-03-01", 50.0, 60.0]`: date, CTL, ATL. An array, not an object: its
/// reader is a fraction of a struct's, and it is in the first download (docs/formats.md §1.1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FitnessOn {
    pub date: Day,
    ctl: f64,
    atl: f64,
}

impl Serialize for FitnessOn {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.date, self.ctl, self.atl).serialize(s)
    }
}

impl<'de> Deserialize<'de> for FitnessOn {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<FitnessOn, D::Error> {
        let (date, ctl, atl) = <(Day, f64, f64)>::deserialize(d)?;
        FitnessOn::new(date, ctl, atl)
            .ok_or_else(|| serde::de::Error::custom("fitness and fatigue must be 0 to 300"))
    }
}

impl FitnessOn {
    /// The largest CTL or ATL accepted, as for the starting values in Settings.
    pub const MAX: f64 = 300.0;

    /// `None` unless both values are numbers from 0 to [`FitnessOn::MAX`].
    pub fn new(date: Day, ctl: f64, atl: f64) -> Option<FitnessOn> {
        let ok = |v: f64| (0.0..=FitnessOn::MAX).contains(&v);
        (ok(ctl) && ok(atl)).then(|| FitnessOn {
            date,
            ctl: to_grain(ctl),
            atl: to_grain(atl),
        })
    }

    pub fn ctl(self) -> f64 {
        self.ctl
    }

    pub fn atl(self) -> f64 {
        self.atl
    }

    /// Where Today names the seed: "Fitness (CTL) 50 and fatigue (ATL) 60 set by you on
    /// 2026-03-01; the chart goes on from them.".
    pub fn sentence(self) -> String {
        format!(
            "Fitness (CTL) {} and fatigue (ATL) {} set by you on {}; the chart goes on from them.",
            self.ctl, self.atl, self.date
        )
    }
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
    /// Not in the v1 example of docs/formats.md; an optional addition, read as the default
    /// when missing.
    pub pmc_update: PmcUpdate,
    /// The dated threshold sets, oldest first (docs/domain.md §6, `domain::thresholds`); the
    /// threshold fields above are the newest of them. Empty: one set for all days, the
    /// fields above. Backup version 2 (docs/formats.md §1.1); written only when there are some,
    /// so a profile without dated sets is stored as before.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub thresholds: Vec<ThresholdSet>,
    /// Fitness and fatigue the athlete set on a date (docs/domain.md §2.1); written as
    /// `null` when not set, so that an import finds the field (docs/formats.md §1.1).
    pub fitness_on: Option<FitnessOn>,
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
            fitness_on: None,
        }
    }
}

impl Profile {
    /// Whether this is the profile of a fresh app, never edited (every field its default).
    pub fn is_fresh(&self) -> bool {
        *self == Profile::default()
    }

    /// What changes from `self` to `other`, a sentence part per field that differs, in the
    /// order Settings shows them ("LTHR 168 → 170 bpm", "threshold pace 260 → 255 s/km");
    /// empty when they are the same. A value not set reads "not set".
    pub fn changes_to(&self, other: &Profile) -> Vec<String> {
        fn show<T: std::fmt::Debug>(v: &T) -> String {
            // Quantities print as `Some(Bpm(168))`: the number alone reads better.
            let text = format!("{v:?}");
            let inner = text
                .trim_start_matches("Some(")
                .trim_end_matches(')')
                .rsplit('(')
                .next()
                .unwrap_or("")
                .trim_end_matches(')')
                .to_string();
            if text == "None" {
                "not set".into()
            } else {
                inner.to_lowercase()
            }
        }
        // Every field, by name: a field added to `Profile` does not compile here until it
        // is compared below (an unused one fails clippy).
        let Profile {
            sex,
            birth_year,
            weight_kg,
            height_cm,
            athlete,
            injury_prone,
            weekly_volume,
            units,
            lthr,
            max_hr,
            resting_hr,
            threshold_pace,
            ftp,
            css,
            ctl_time_constant_days,
            atl_time_constant_days,
            start_ctl,
            start_atl,
            pmc_update,
            thresholds,
            fitness_on,
        } = self;
        let mut out = Vec::new();
        let mut field = |label: &str, a: String, b: String, unit: &str| {
            if a != b {
                let unit = if unit.is_empty() || b == "not set" {
                    String::new()
                } else {
                    format!(" {unit}")
                };
                out.push(format!("{label} {a} → {b}{unit}"));
            }
        };
        field("LTHR", show(lthr), show(&other.lthr), "bpm");
        field("max HR", show(max_hr), show(&other.max_hr), "bpm");
        field(
            "resting HR",
            show(resting_hr),
            show(&other.resting_hr),
            "bpm",
        );
        field(
            "threshold pace",
            show(threshold_pace),
            show(&other.threshold_pace),
            "s/km",
        );
        field("FTP", show(ftp), show(&other.ftp), "W");
        field("CSS", show(css), show(&other.css), "s/100 m");
        field(
            "weekly volume",
            show(weekly_volume),
            show(&other.weekly_volume),
            "m",
        );
        field("units", show(units), show(&other.units), "");
        field("athlete", show(athlete), show(&other.athlete), "");
        field(
            "injury-prone",
            injury_prone.to_string(),
            other.injury_prone.to_string(),
            "",
        );
        field("sex", show(sex), show(&other.sex), "");
        field("birth year", show(birth_year), show(&other.birth_year), "");
        field("weight", show(weight_kg), show(&other.weight_kg), "kg");
        field("height", show(height_cm), show(&other.height_cm), "cm");
        field(
            "CTL time constant",
            ctl_time_constant_days.to_string(),
            other.ctl_time_constant_days.to_string(),
            "days",
        );
        field(
            "ATL time constant",
            atl_time_constant_days.to_string(),
            other.atl_time_constant_days.to_string(),
            "days",
        );
        field(
            "starting fitness",
            start_ctl.to_string(),
            other.start_ctl.to_string(),
            "",
        );
        field(
            "starting fatigue",
            start_atl.to_string(),
            other.start_atl.to_string(),
            "",
        );
        field(
            "update convention",
            show(pmc_update),
            show(&other.pmc_update),
            "",
        );
        let set = |f: &Option<FitnessOn>| {
            f.map_or("not set".to_string(), |f| {
                format!("CTL {} ATL {} on {}", f.ctl, f.atl, f.date)
            })
        };
        field(
            "fitness on a date",
            set(fitness_on),
            set(&other.fitness_on),
            "",
        );
        if *thresholds != other.thresholds {
            let dates = |p: &Profile| {
                let d: Vec<String> = p.thresholds.iter().map(|s| s.since.to_string()).collect();
                if d.is_empty() {
                    "one set for all days".to_string()
                } else {
                    format!("sets from {}", d.join(", "))
                }
            };
            out.push(format!(
                "dated thresholds: {} → {}",
                dates(self),
                dates(other)
            ));
        }
        out
    }
}

#[cfg(test)]
mod changes_tests {
    use super::*;

    #[test]
    fn changes_field_by_field() {
        let mine = Profile {
            lthr: Bpm::new(168),
            threshold_pace: PacePerKm::new(260.0),
            ..Profile::default()
        };
        let theirs = Profile {
            lthr: Bpm::new(170),
            ftp: Watts::new(250.0),
            units: Units::Imperial,
            ..mine.clone()
        };
        assert_eq!(
            mine.changes_to(&theirs),
            [
                "LTHR 168 → 170 bpm",
                "FTP not set → 250.0 W",
                "units metric → imperial"
            ]
        );
        assert!(mine.changes_to(&mine).is_empty());
        assert!(Profile::default().is_fresh() && !mine.is_fresh());
    }
}
