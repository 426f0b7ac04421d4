//! Thresholds that change over time (docs/domain.md §6): dated threshold sets, the set in force
//! on a day, a new set from a date or a correction of one, and the preview of what a change
//! would re-score.
//!
//! **The model.** [`Profile::thresholds`] lists the dated sets, oldest first, each with a
//! distinct `since`. The set in force on day D is the one with the latest `since` ≤ D; days
//! before the first set use the first set. A field a set leaves out (`None`) carries over
//! from the set before it. The profile's own threshold fields (`lthr`, `ftp`, …) are the
//! newest set with everything carried over: what Settings shows and what zones and Today
//! use. A set cannot start after today in the app (Settings offers today or earlier), so
//! the newest set is today's. A profile with no dated sets has one set for all days: its own
//! fields (how every profile stored before dated sets reads).
//!
//! **Decision: an edit of the profile's own fields corrects the newest set**
//! (`Profile::threshold_sets`): the fields and the list can never disagree about which
//! numbers score a day, whoever wrote the fields (an import, a merge, an older code path).

use serde::{Deserialize, Serialize};

use super::date::Day;
use super::quantity::{Bpm, PacePer100m, PacePerKm, Watts};

/// The threshold values of one set. `None` is "not given" (in a dated set: carried over
/// from the set before).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Thresholds {
    /// Functional threshold power, W (Coggan).
    pub ftp: Option<Watts>,
    /// Lactate-threshold heart rate, bpm (Friel).
    pub lthr: Option<Bpm>,
    /// Maximum heart rate, bpm.
    pub max_hr: Option<Bpm>,
    /// Resting heart rate, bpm.
    pub resting_hr: Option<Bpm>,
    /// Threshold running pace, s/km.
    pub threshold_pace: Option<PacePerKm>,
    /// Critical swim speed as a pace, s/100 m.
    pub css: Option<PacePer100m>,
}

impl Thresholds {
    /// `self` with every field it leaves out taken from `before` (the carry-over rule).
    pub fn over(self, before: Thresholds) -> Thresholds {
        Thresholds {
            ftp: self.ftp.or(before.ftp),
            lthr: self.lthr.or(before.lthr),
            max_hr: self.max_hr.or(before.max_hr),
            resting_hr: self.resting_hr.or(before.resting_hr),
            threshold_pace: self.threshold_pace.or(before.threshold_pace),
            css: self.css.or(before.css),
        }
    }

    /// Only the fields of `self` that differ from `before` (what a set must say for its
    /// days to have `self`, given carry-over from `before`).
    pub fn beyond(self, before: Thresholds) -> Thresholds {
        fn keep<T: PartialEq + Copy>(a: Option<T>, b: Option<T>) -> Option<T> {
            if a == b {
                None
            } else {
                a
            }
        }
        Thresholds {
            ftp: keep(self.ftp, before.ftp),
            lthr: keep(self.lthr, before.lthr),
            max_hr: keep(self.max_hr, before.max_hr),
            resting_hr: keep(self.resting_hr, before.resting_hr),
            threshold_pace: keep(self.threshold_pace, before.threshold_pace),
            css: keep(self.css, before.css),
        }
    }

    /// Whether any TSS estimate could differ between `self` and `other`. Max and resting HR
    /// only draw zones, unless the set has no LTHR: then they give hrTSS its LTHR
    /// ([`Thresholds::scoring_lthr`]).
    pub fn scores_differently(&self, other: &Thresholds) -> bool {
        (self.ftp, self.scoring_lthr(), self.threshold_pace, self.css)
            != (
                other.ftp,
                other.scoring_lthr(),
                other.threshold_pace,
                other.css,
            )
    }

    /// The LTHR hrTSS scores with (docs/domain.md §1 and §6.1), the one place that decides
    /// it: the set's own LTHR; without one, the Karvonen estimate from its max and resting
    /// HR ([`karvonen_lthr`]), marked as an estimate; else `None`.
    pub fn scoring_lthr(&self) -> Option<ScoringLthr> {
        match (self.lthr, self.max_hr, self.resting_hr) {
            (Some(lthr), _, _) => Some(ScoringLthr::Set(lthr)),
            (None, Some(max_hr), Some(resting_hr)) => Some(ScoringLthr::Karvonen {
                bpm: karvonen_lthr(max_hr, resting_hr)?,
                max_hr,
                resting_hr,
            }),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Thresholds::default()
    }
}

/// The share of the heart-rate reserve taken as LTHR when a set has max and resting HR but
/// no LTHR: 85 %, Elevate's `DEFAULT_LTHR_KARVONEN_HRR_FACTOR`
/// (`appcore/modules/shared/sync/compute/activity-computer.ts`, thomaschampagne/elevate),
/// after Karvonen's heart-rate reserve (Karvonen, Kentala and Mustala 1957).
pub const KARVONEN_LTHR_FRACTION: f64 = 0.85;

/// `resting + 0.85 × (max − resting)` bpm, not rounded: rest 50 and max 190 give 169.
/// `None` unless max is above resting.
pub fn karvonen_lthr(max_hr: Bpm, resting_hr: Bpm) -> Option<f64> {
    let (max, rest) = (f64::from(max_hr), f64::from(resting_hr));
    (max > rest).then_some(rest + KARVONEN_LTHR_FRACTION * (max - rest))
}

/// The LTHR that scores hrTSS ([`Thresholds::scoring_lthr`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ScoringLthr {
    /// The athlete's own LTHR (typed, or accepted from a suggestion).
    Set(Bpm),
    /// An estimate from max and resting HR ([`karvonen_lthr`]), in bpm, not rounded.
    Karvonen {
        bpm: f64,
        max_hr: Bpm,
        resting_hr: Bpm,
    },
}

impl ScoringLthr {
    /// In bpm.
    pub fn bpm(self) -> f64 {
        match self {
            ScoringLthr::Set(b) => f64::from(b),
            ScoringLthr::Karvonen { bpm, .. } => bpm,
        }
    }

    pub fn is_estimate(self) -> bool {
        matches!(self, ScoringLthr::Karvonen { .. })
    }
}

/// One dated set (docs/formats.md §1.1, `profile.thresholds`): from `since` on, until the next
/// set. Field names on the wire are the backup's.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "SetWire", into = "SetWire")]
pub struct ThresholdSet {
    pub since: Day,
    pub values: Thresholds,
}

#[derive(Clone, Serialize, Deserialize)]
struct SetWire {
    since: Day,
    #[serde(default, rename = "lthr_bpm", skip_serializing_if = "Option::is_none")]
    lthr: Option<Bpm>,
    #[serde(
        default,
        rename = "max_hr_bpm",
        skip_serializing_if = "Option::is_none"
    )]
    max_hr: Option<Bpm>,
    #[serde(
        default,
        rename = "resting_hr_bpm",
        skip_serializing_if = "Option::is_none"
    )]
    resting_hr: Option<Bpm>,
    #[serde(
        default,
        rename = "threshold_pace_s_per_km",
        skip_serializing_if = "Option::is_none"
    )]
    threshold_pace: Option<PacePerKm>,
    #[serde(default, rename = "ftp_w", skip_serializing_if = "Option::is_none")]
    ftp: Option<Watts>,
    #[serde(
        default,
        rename = "css_s_per_100m",
        skip_serializing_if = "Option::is_none"
    )]
    css: Option<PacePer100m>,
}

impl From<SetWire> for ThresholdSet {
    fn from(w: SetWire) -> ThresholdSet {
        ThresholdSet {
            since: w.since,
            values: Thresholds {
                ftp: w.ftp,
                lthr: w.lthr,
                max_hr: w.max_hr,
                resting_hr: w.resting_hr,
                threshold_pace: w.threshold_pace,
                css: w.css,
            },
        }
    }
}

impl From<ThresholdSet> for SetWire {
    fn from(s: ThresholdSet) -> SetWire {
        let v = s.values;
        SetWire {
            since: s.since,
            lthr: v.lthr,
            max_hr: v.max_hr,
            resting_hr: v.resting_hr,
            threshold_pace: v.threshold_pace,
            ftp: v.ftp,
            css: v.css,
        }
    }
}

/// The thresholds in force on a day, with every field carried over, and the `since` of the
/// set they come from (`None` when the profile has no dated sets: one set for all days).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct InForce {
    pub since: Option<Day>,
    pub values: Thresholds,
}

/// Two sets in one list start on the same day (docs/formats.md §1.1: an error in a file).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SameSince(pub Day);

impl std::fmt::Display for SameSince {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "two threshold sets start on {}", self.0)
    }
}

/// A change of thresholds the athlete asks for (docs/domain.md §6). `values` are the whole set
/// wanted (every field, carried over as Settings shows it); only what differs from before
/// is stored, so the rest keeps carrying over.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ThresholdChange {
    /// A new set from `since` on: nothing before it changes. A set already starting that day
    /// is corrected instead.
    NewSet { since: Day, values: Thresholds },
    /// A correction of the set starting `since` (`None`: the one set of a profile without
    /// dated sets): every session it scores is re-scored.
    Correct {
        since: Option<Day>,
        values: Thresholds,
    },
    /// The set starting `since` goes; its days fall to the set before (or, for the first
    /// set, the next). The last set cannot go.
    Remove { since: Day },
}

#[cfg(test)]
mod tests {
    use super::*;
    // The sets of a profile (its methods live with it, in `profile`), and how `tss` names
    // the set that scored a session.
    use crate::domain::profile::Profile;
    use crate::domain::session::TssMethod;
    use crate::domain::tss::describe;
    use crate::domain::units::Units;

    fn day(m: u8, d: u8) -> Day {
        Day::from_ymd(2026, m, d).unwrap()
    }

    fn lthr(b: u16) -> Thresholds {
        Thresholds {
            lthr: Bpm::new(b),
            ..Thresholds::default()
        }
    }

    #[test]
    fn the_set_in_force_is_the_latest_started() {
        let p = Profile::default()
            .with_sets(vec![
                ThresholdSet {
                    since: day(7, 1),
                    values: lthr(170),
                },
                ThresholdSet {
                    since: day(1, 1),
                    values: Thresholds {
                        ftp: Watts::new(250.0),
                        ..lthr(160)
                    },
                },
            ])
            .unwrap();
        assert_eq!(p.lthr, Bpm::new(170), "the fields are the newest set");
        assert_eq!(p.ftp, Watts::new(250.0), "carried over");
        assert_eq!(p.in_force(day(6, 30)).values.lthr, Bpm::new(160));
        assert_eq!(p.in_force(day(7, 1)).since, Some(day(7, 1)));
        assert_eq!(p.in_force(day(7, 1)).values.ftp, Watts::new(250.0));
        // Before the first set: the first set.
        let early = p.in_force(Day::from_ymd(2025, 5, 1).unwrap());
        assert_eq!(
            (early.since, early.values.lthr),
            (Some(day(1, 1)), Bpm::new(160))
        );
        assert_eq!(
            Profile::default().with_sets(vec![
                ThresholdSet {
                    since: day(1, 1),
                    values: lthr(160)
                },
                ThresholdSet {
                    since: day(1, 1),
                    values: lthr(170)
                },
            ]),
            Err(SameSince(day(1, 1)))
        );
    }

    #[test]
    fn a_first_new_set_keeps_the_old_thresholds_for_older_days() {
        let p = Profile {
            lthr: Bpm::new(160),
            ..Profile::default()
        };
        let q = p.with_change(
            &ThresholdChange::NewSet {
                since: day(7, 1),
                values: lthr(170),
            },
            day(1, 3),
        );
        assert_eq!(q.threshold_sets().len(), 2);
        assert_eq!(q.in_force(day(1, 3)).values.lthr, Bpm::new(160));
        assert_eq!(q.in_force(day(1, 3)).since, Some(day(1, 3)));
        assert_eq!(q.in_force(day(7, 2)).values.lthr, Bpm::new(170));
        assert_eq!(q.lthr, Bpm::new(170));
        // Correcting January changes January only; July's own LTHR stays.
        let r = q.with_change(
            &ThresholdChange::Correct {
                since: Some(day(1, 3)),
                values: lthr(165),
            },
            day(1, 3),
        );
        assert_eq!(r.in_force(day(3, 1)).values.lthr, Bpm::new(165));
        assert_eq!(r.in_force(day(8, 1)).values.lthr, Bpm::new(170));
        // Removing July brings January's back for every day.
        let s = r.with_change(&ThresholdChange::Remove { since: day(7, 1) }, day(1, 3));
        assert_eq!(s.lthr, Bpm::new(165));
        assert_eq!(s.in_force(day(8, 1)).values.lthr, Bpm::new(165));
    }

    #[test]
    fn editing_the_fields_corrects_the_newest_set() {
        let mut p = Profile::default()
            .with_sets(vec![
                ThresholdSet {
                    since: day(1, 1),
                    values: lthr(160),
                },
                ThresholdSet {
                    since: day(7, 1),
                    values: lthr(170),
                },
            ])
            .unwrap();
        p.lthr = Bpm::new(172);
        assert_eq!(p.in_force(day(8, 1)).values.lthr, Bpm::new(172));
        assert_eq!(p.in_force(day(2, 1)).values.lthr, Bpm::new(160));
    }

    #[test]
    fn describe_names_the_set() {
        let set = InForce {
            since: Some(day(1, 1)),
            values: lthr(160),
        };
        assert_eq!(
            describe(TssMethod::Hr, &set, Units::Metric).as_deref(),
            Some("LTHR 160 bpm (thresholds from 2026-01-01)")
        );
        assert_eq!(describe(TssMethod::Rpe, &set, Units::Metric), None);
        let karvonen = InForce {
            since: None,
            values: Thresholds {
                max_hr: Bpm::new(190),
                resting_hr: Bpm::new(50),
                ..Thresholds::default()
            },
        };
        assert_eq!(
            describe(TssMethod::Hr, &karvonen, Units::Metric).as_deref(),
            Some(
                "LTHR ≈ 169 bpm, an estimate from max HR 190 and resting HR 50 bpm (resting + \
                 0.85 × (max − resting), Karvonen; set your LTHR to replace it)"
            )
        );
    }

    #[test]
    fn karvonen_lthr_by_hand() {
        // Elevate's fallback: rest 50, max 190 → 50 + 0.85 × 140 = 169 bpm; its defaults,
        // rest 65 and max 190 → 65 + 0.85 × 125 = 171.25 bpm (athlete-settings.model.ts).
        let b = |v| Bpm::new(v).unwrap();
        assert_eq!(karvonen_lthr(b(190), b(50)), Some(169.0));
        assert_eq!(karvonen_lthr(b(190), b(65)), Some(171.25));
        assert_eq!(karvonen_lthr(b(60), b(60)), None);
        let t = Thresholds {
            max_hr: Some(b(190)),
            resting_hr: Some(b(50)),
            ..Thresholds::default()
        };
        assert!(t.scoring_lthr().unwrap().is_estimate());
        let own = Thresholds {
            lthr: Some(b(172)),
            ..t
        };
        assert_eq!(own.scoring_lthr(), Some(ScoringLthr::Set(b(172))));
        // Without an LTHR, a new max HR changes hrTSS; with one, it does not.
        let higher = Thresholds {
            max_hr: Some(b(195)),
            ..t
        };
        assert!(t.scores_differently(&higher));
        assert!(!own.scores_differently(&Thresholds {
            max_hr: Some(b(195)),
            ..own
        }));
    }
}
