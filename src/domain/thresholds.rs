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
use super::pmc::{self, PmcDay};
use super::profile::{Profile, Units};
use super::quantity::{Bpm, PacePer100m, PacePerKm, Tss, Watts};
use super::session::{Session, SessionId, TssMethod};
use super::tss;
use super::units;

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

/// One session's TSS before and after a change.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionChange {
    pub id: SessionId,
    pub date: Day,
    pub title: String,
    pub before: Option<Tss>,
    pub after: Option<Tss>,
    pub method_after: Option<TssMethod>,
}

impl SessionChange {
    /// After − before, in TSS (a missing TSS counts 0).
    pub fn delta(&self) -> f64 {
        self.after.map_or(0.0, Tss::get) - self.before.map_or(0.0, Tss::get)
    }
}

/// What a change of thresholds would do, shown before anything is re-scored (docs/domain.md §6).
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    /// How many sessions get another TSS (or method).
    pub changed: usize,
    /// The largest changes by size, largest first; at most [`PREVIEW_LARGEST`].
    pub largest: Vec<SessionChange>,
    /// Today's CTL, ATL and TSB before and after (`None` when nothing is logged by today).
    pub today_before: Option<PmcDay>,
    pub today_after: Option<PmcDay>,
}

/// How many of the largest changes a preview lists.
pub const PREVIEW_LARGEST: usize = 5;

/// Every session re-scored with `profile` (a TSS someone gave stays; `tss::rescore`).
pub fn rescored(sessions: &[Session], profile: &Profile) -> Vec<Session> {
    sessions
        .iter()
        .map(|s| {
            let mut s = s.clone();
            tss::rescore(&mut s, profile);
            s
        })
        .collect()
}

/// The preview of replacing the profile `before` (with which `sessions` are scored) by
/// `after`, on `today`.
pub fn preview(sessions: &[Session], before: &Profile, after: &Profile, today: Day) -> Preview {
    let next = rescored(sessions, after);
    let mut changes: Vec<SessionChange> = sessions
        .iter()
        .zip(&next)
        .filter(|(a, b)| (a.tss, a.tss_method) != (b.tss, b.tss_method))
        .map(|(a, b)| SessionChange {
            id: a.id.clone(),
            date: a.date,
            title: a.title.clone(),
            before: a.tss,
            after: b.tss,
            method_after: b.tss_method,
        })
        .collect();
    let changed = changes.len();
    changes.sort_by(|a, b| {
        b.delta()
            .abs()
            .total_cmp(&a.delta().abs())
            .then(b.date.cmp(&a.date))
    });
    changes.truncate(PREVIEW_LARGEST);
    let today_of = |sessions: &[Session], p: &Profile| {
        let first = pmc::first_day(sessions)?;
        if first > today {
            return None;
        }
        pmc::series(sessions, p, first, today).last().copied()
    };
    Preview {
        changed,
        largest: changes,
        today_before: today_of(sessions, before),
        today_after: today_of(&next, after),
    }
}

/// The thresholds a method used, in words, with the set's date: "LTHR 160 bpm (thresholds
/// from 2026-01-01)". `None` for a method that uses no threshold (given, RPE).
pub fn describe(method: TssMethod, set: &InForce, unit: Units) -> Option<String> {
    let v = &set.values;
    let value = match method {
        TssMethod::Power => format!("FTP {:.0} W", v.ftp?.get()),
        TssMethod::Pace => format!(
            "threshold pace {}",
            units::format_pace(v.threshold_pace?, unit)
        ),
        TssMethod::Swim => format!("CSS {} /100 m", units::mmss(v.css?.get())),
        TssMethod::Hr => match v.scoring_lthr()? {
            ScoringLthr::Set(b) => format!("LTHR {} bpm", b.get()),
            ScoringLthr::Karvonen {
                bpm,
                max_hr,
                resting_hr,
            } => format!(
                "LTHR ≈ {bpm:.0} bpm, an estimate from max HR {} and resting HR {} bpm \
                 (resting + 0.85 × (max − resting), Karvonen; set your LTHR to replace it)",
                max_hr.get(),
                resting_hr.get()
            ),
        },
        TssMethod::Given | TssMethod::Rpe => return None,
    };
    Some(match set.since {
        Some(d) => format!("{value} (thresholds from {d})"),
        None => value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
