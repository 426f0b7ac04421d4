//! The athlete's profile and settings (docs/formats.md §1, `profile`).
//!
//! Every field is optional: a new athlete has none, and each rule or estimate that needs
//! one says so and falls back instead of guessing.

use serde::{Deserialize, Serialize};

use super::date::Day;
use super::quantity::{to_grain, Bpm, Metres, PacePer100m, PacePerKm, Watts};
use super::thresholds::{InForce, SameSince, ThresholdChange, ThresholdSet, Thresholds};
use super::units::Units;

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

// ---- dated threshold sets (docs/domain.md §6) --------------------------------------

impl Profile {
    /// The profile's own threshold fields: the newest set, everything carried over.
    pub fn current_thresholds(&self) -> Thresholds {
        Thresholds {
            ftp: self.ftp,
            lthr: self.lthr,
            max_hr: self.max_hr,
            resting_hr: self.resting_hr,
            threshold_pace: self.threshold_pace,
            css: self.css,
        }
    }

    fn put_thresholds(&mut self, t: Thresholds) {
        self.ftp = t.ftp;
        self.lthr = t.lthr;
        self.max_hr = t.max_hr;
        self.resting_hr = t.resting_hr;
        self.threshold_pace = t.threshold_pace;
        self.css = t.css;
    }

    /// The dated sets as stored, oldest first, the newest corrected to the profile's own
    /// fields where they differ (see the module's decision). Empty: one set for all days.
    pub fn threshold_sets(&self) -> Vec<ThresholdSet> {
        let mut sets = self.thresholds.clone();
        let n = sets.len();
        if n == 0 {
            return sets;
        }
        let before = resolve(&sets[..n - 1])
            .last()
            .map(|(_, t)| *t)
            .unwrap_or_default();
        let resolved = sets[n - 1].values.over(before);
        let current = self.current_thresholds();
        if resolved != current {
            let newest = &mut sets[n - 1].values;
            let fix = current.beyond(resolved);
            *newest = fix.over(*newest);
            // A field the fields cleared cannot be carried over any more.
            macro_rules! cleared {
                ($($f:ident),*) => {$(
                    if current.$f.is_none() {
                        newest.$f = None;
                    }
                )*};
            }
            cleared!(ftp, lthr, max_hr, resting_hr, threshold_pace, css);
        }
        sets
    }

    /// Each dated set with its values carried over, oldest first.
    pub fn resolved_sets(&self) -> Vec<(Day, Thresholds)> {
        resolve(&self.threshold_sets())
    }

    /// The thresholds in force on `day` (docs/domain.md §6): the set with the latest `since` ≤
    /// `day`; the first set before it; the profile's own fields with no dated sets.
    pub fn in_force(&self, day: Day) -> InForce {
        in_force(&self.resolved_sets(), day).unwrap_or(InForce {
            since: None,
            values: self.current_thresholds(),
        })
    }

    /// This profile as it stood on `day`: its threshold fields those in force then, and no
    /// dated sets (so everything that reads the fields, zones and estimates, sees that day's).
    pub fn on(&self, day: Day) -> Profile {
        let mut p = self.clone();
        p.put_thresholds(self.in_force(day).values);
        p.thresholds = Vec::new();
        p
    }

    /// The profile with `sets` as its dated sets (sorted oldest first; any order in), its own
    /// fields the newest set carried over. Two sets with one `since` are refused. An empty
    /// list leaves the fields as they are (one set for all days).
    pub fn with_sets(&self, mut sets: Vec<ThresholdSet>) -> Result<Profile, SameSince> {
        sets.sort_by_key(|s| s.since);
        if let Some(w) = sets.windows(2).find(|w| w[0].since == w[1].since) {
            return Err(SameSince(w[0].since));
        }
        let mut p = self.clone();
        if let Some((_, newest)) = resolve(&sets).last() {
            p.put_thresholds(*newest);
        }
        p.thresholds = sets;
        Ok(p)
    }

    /// The profile after `change` (docs/domain.md §6). `first_day` is the first logged day (or
    /// today when nothing is logged): when a new set would become the first (of a profile
    /// without dated sets, or before its first set), the thresholds the older days had
    /// become a set from then, so those days keep them.
    pub fn with_change(&self, change: &ThresholdChange, first_day: Day) -> Profile {
        let mut sets = self.threshold_sets();
        match *change {
            ThresholdChange::NewSet { since, values } => {
                if sets.is_empty() {
                    if self.current_thresholds().is_empty() || first_day >= since {
                        // Nothing to keep: the first thresholds ever entered, or no day
                        // before `since` is logged.
                        let mut p = self.clone();
                        p.put_thresholds(values);
                        return p;
                    }
                    sets.push(ThresholdSet {
                        since: first_day.min(since.add_days(-1)),
                        values: self.current_thresholds(),
                    });
                } else if since <= sets[0].since && first_day < since {
                    // Days before the first set use the first set: so that they still do
                    // when the new set becomes the first (or takes the first's day), the
                    // old first set starts on the first logged day.
                    let old_first = resolve(&sets[..1])[0].1;
                    sets.insert(
                        0,
                        ThresholdSet {
                            since: first_day,
                            values: old_first,
                        },
                    );
                }
                let resolved = resolve(&sets);
                let before = resolved
                    .iter()
                    .rev()
                    .find(|(d, _)| *d < since)
                    .map(|(_, t)| *t)
                    .unwrap_or_default();
                let explicit = values.beyond(before);
                match sets.iter_mut().find(|s| s.since == since) {
                    Some(s) => s.values = explicit.over(s.values),
                    None => sets.push(ThresholdSet {
                        since,
                        values: explicit,
                    }),
                }
            }
            ThresholdChange::Correct { since, values } => {
                let resolved = resolve(&sets);
                match since.and_then(|d| sets.iter().position(|s| s.since == d)) {
                    Some(i) => {
                        let old = resolved[i].1;
                        // Only what the athlete changed becomes explicit; the rest still
                        // carries over.
                        let changed = values.beyond(old);
                        let mut v = changed.over(sets[i].values);
                        clear_where(&mut v, &values);
                        sets[i].values = v;
                    }
                    None if sets.is_empty() => {
                        let mut p = self.clone();
                        p.put_thresholds(values);
                        return p;
                    }
                    None => {}
                }
            }
            ThresholdChange::Remove { since } => {
                if sets.len() > 1 {
                    sets.retain(|s| s.since != since);
                }
            }
        }
        // The list was checked above: no two sets share a `since`.
        self.with_sets(sets).unwrap_or_else(|_| self.clone())
    }
}

/// Clears in `v` every field `wanted` clears (an emptied field in Settings).
fn clear_where(v: &mut Thresholds, wanted: &Thresholds) {
    if wanted.ftp.is_none() {
        v.ftp = None;
    }
    if wanted.lthr.is_none() {
        v.lthr = None;
    }
    if wanted.max_hr.is_none() {
        v.max_hr = None;
    }
    if wanted.resting_hr.is_none() {
        v.resting_hr = None;
    }
    if wanted.threshold_pace.is_none() {
        v.threshold_pace = None;
    }
    if wanted.css.is_none() {
        v.css = None;
    }
}

/// Carry-over over a sorted list: each set's values with the gaps filled from before.
fn resolve(sets: &[ThresholdSet]) -> Vec<(Day, Thresholds)> {
    let mut out: Vec<(Day, Thresholds)> = Vec::with_capacity(sets.len());
    for s in sets {
        let before = out.last().map(|(_, t)| *t).unwrap_or_default();
        out.push((s.since, s.values.over(before)));
    }
    out
}

/// The resolved set in force on `day`, or `None` for an empty list.
fn in_force(resolved: &[(Day, Thresholds)], day: Day) -> Option<InForce> {
    let i = resolved.partition_point(|(since, _)| *since <= day);
    let (since, values) = resolved.get(i.saturating_sub(1))?;
    Some(InForce {
        since: Some(*since),
        values: *values,
    })
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
