//! The performance chart series (docs/domain.md §2): daily TSS, CTL, ATL, TSB and ramp.
//!
//! CTL (fitness) and ATL (fatigue) are exponentially weighted averages of the daily TSS:
//! `X_today = X_yesterday + (TSS_today − X_yesterday) × k`. The default `k = 1 − e^(−1/τ)`
//! is the exact discrete form of a decay with time constant τ; `k = 1/τ` (what TrainingPeaks
//! publishes) is a setting, so numbers can be matched against the tool a user comes from.
//!
//! # A young log (domain spec §2, "start values when the log is young")
//! CTL needs about one time constant (42 days) of history before it means anything: from
//! 0, five ordinary days read as a huge overload. So where the log starts, or starts again
//! after [`GAP_DAYS`] with nothing logged (a [`Stretch`] begins), CTL and ATL start from a
//! [`Seed`]: the daily load the athlete's stated weekly volume implies. Start values the
//! athlete entered (`start_ctl`, `start_atl`) win where the log starts. The advisor says the
//! numbers are an estimate, still settling, until the stretch covers the CTL time constant.
//!
//! # Fitness and fatigue set on a date (domain spec §2.1)
//! The athlete may set CTL and ATL on a date D ([`FitnessOn`]), read off another tool. They
//! are the chart's values at the **end** of D (D's own sessions are in them, as in the
//! tool they come from); the days after go on from them with the usual update, and the days
//! before are computed as ever. Their own numbers win over the [`Seed`]: a stretch of the log
//! that starts within [`GAP_DAYS`] after D is not seeded again ([`set_holds`]), and while
//! they hold the numbers are not settling. The chart reaches back to D when D comes before
//! the first logged day, so the set values carry into it.

use super::date::Day;
use super::profile::{FitnessOn, PmcUpdate, Profile};
use super::quantity::{Metres, PacePerKm};
use super::session::Session;
use super::tss;
use super::zones::RECOVERY_PACE_FACTORS;

/// One day of the performance chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PmcDay {
    pub day: Day,
    /// Sum of the day's session TSS (0 on a rest day).
    pub tss: f64,
    /// Fitness: chronic training load at the end of the day.
    pub ctl: f64,
    /// Fatigue: acute training load at the end of the day.
    pub atl: f64,
    /// Form as the day begins: previous day's CTL − ATL.
    pub tsb: f64,
    /// CTL − CTL seven days earlier.
    pub ramp: f64,
}

/// Time constants, start values and update convention.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PmcSettings {
    pub ctl_days: f64,
    pub atl_days: f64,
    pub start_ctl: f64,
    pub start_atl: f64,
    pub update: PmcUpdate,
}

impl Default for PmcSettings {
    fn default() -> PmcSettings {
        PmcSettings {
            ctl_days: 42.0,
            atl_days: 7.0,
            start_ctl: 0.0,
            start_atl: 0.0,
            update: PmcUpdate::Exponential,
        }
    }
}

impl PmcSettings {
    /// The profile's settings; a time constant under one day or not a number falls back to
    /// the default, and a start value that is not a finite, non-negative number to 0.
    pub fn from_profile(p: &Profile) -> PmcSettings {
        let d = PmcSettings::default();
        let tau = |v: f64, default: f64| {
            if v.is_finite() && v >= 1.0 {
                v
            } else {
                default
            }
        };
        let start = |v: f64| if v.is_finite() && v >= 0.0 { v } else { 0.0 };
        PmcSettings {
            ctl_days: tau(p.ctl_time_constant_days, d.ctl_days),
            atl_days: tau(p.atl_time_constant_days, d.atl_days),
            start_ctl: start(p.start_ctl),
            start_atl: start(p.start_atl),
            update: p.pmc_update,
        }
    }

    /// Whether the athlete entered start values (coming from another tool): they then hold
    /// where the log starts, instead of the [`Seed`].
    pub fn has_start_values(&self) -> bool {
        self.start_ctl > 0.0 || self.start_atl > 0.0
    }

    /// The weight of one day's TSS for time constant `tau`.
    pub fn k(&self, tau: f64) -> f64 {
        match self.update {
            PmcUpdate::Exponential => 1.0 - (-1.0 / tau).exp(),
            PmcUpdate::Reciprocal => 1.0 / tau,
        }
    }
}

/// This many days with nothing logged end a stretch of the log (two logged days more than
/// `GAP_DAYS` apart): the next logged day starts it afresh (domain spec §2: "a long gap
/// (weeks with nothing logged) before the recent stretch makes the log young again"; §4.1
/// for the weekly volume).
///
/// Four weeks: the weekly volume's window; over 28 days CTL keeps only half its value
/// (e^(−28/42) = 0.51) and ATL 2 % (e^(−4)), so after such a gap the chart shows the missing
/// log more than the athlete. One run from years ago is a stretch of its own, long over.
pub const GAP_DAYS: i32 = 28;

/// A stretch of the log: logged days, none more than [`GAP_DAYS`] after the one before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stretch {
    /// Its first logged day.
    pub from: Day,
    /// Its last logged day.
    pub last: Day,
}

impl Stretch {
    /// A stretch of one day.
    pub fn starting(day: Day) -> Stretch {
        Stretch {
            from: day,
            last: day,
        }
    }

    /// The stretch once `day` is logged: this one continued, or a new one after a gap. Days
    /// come in order; one on or before `last` changes nothing.
    pub fn then(self, day: Day) -> Stretch {
        if day <= self.last {
            self
        } else if day.days_since(self.last) > GAP_DAYS {
            Stretch::starting(day)
        } else {
            Stretch {
                from: self.from,
                last: day,
            }
        }
    }

    /// Whether the stretch still runs on `today`: its last day is at most [`GAP_DAYS`] back.
    pub fn runs_on(self, today: Day) -> bool {
        (0..=GAP_DAYS).contains(&today.days_since(self.last))
    }

    /// The days of log it gives `today`, today included (its first day to today); 0 once
    /// a gap has ended it.
    pub fn days_covered(self, today: Day) -> i32 {
        if self.runs_on(today) {
            today.days_since(self.from) + 1
        } else {
            0
        }
    }
}

/// The stretch of the log on `today`: `before` (the stretch a [`Checkpoint`] holds, or
/// `None` to read the whole log) continued with the days of `sessions` after its last day,
/// up to `today`. `None` when nothing is logged by `today`.
pub fn stretch(before: Option<Stretch>, sessions: &[Session], today: Day) -> Option<Stretch> {
    let after = before.map(|s| s.last);
    let new_days = || {
        sessions
            .iter()
            .map(|s| s.date)
            .filter(move |d| *d <= today && after.is_none_or(|a| *d > a))
    };
    // The days in order, by a mark per day from the first new one (no sort: a sort of days
    // would be code in the first download for this alone).
    let Some(first) = new_days().min() else {
        return before;
    };
    let logged = logged_days(sessions, first, today);
    let mut out = before;
    for (i, _) in logged.iter().enumerate().filter(|(_, l)| **l) {
        let d = first.add_days(i as i32);
        out = Some(out.map_or_else(|| Stretch::starting(d), |s| s.then(d)));
    }
    out
}

/// Whether fitness and fatigue `set` on a date still hold on `today`, as the seed of the
/// numbers (domain spec §2.1): its date is on or before today and no gap of [`GAP_DAYS`] with
/// nothing logged came after it, so the stretch running on `today` began before it or within
/// `GAP_DAYS` after it (and without one, today is within `GAP_DAYS` of it). Otherwise the log
/// is young again, as after any gap, and the weekly-volume [`Seed`] starts its new stretch.
pub fn set_holds(set: &FitnessOn, stretch: Option<Stretch>, today: Day) -> bool {
    let d = set.date;
    d <= today
        && match stretch.filter(|s| s.runs_on(today)) {
            Some(s) => s.from.days_since(d) <= GAP_DAYS,
            None => today.days_since(d) <= GAP_DAYS,
        }
}

/// Fitness and fatigue estimated from what the athlete states: the daily load their stated
/// weekly running volume implies, used as both CTL and ATL where a stretch of the log
/// starts (domain spec §2, "start values when the log is young"). An estimate, and named
/// as one wherever it shows.
///
/// TrainingPeaks' "estimate starting fitness" assumes 50–75 TSS per hour of weekly
/// training. We run the stated kilometres at easy pace, the slow end of Friel's Zone 2:
/// threshold pace × 1.29 ([`RECOVERY_PACE_FACTORS`]), or [`SEED_PACE_WITHOUT_THRESHOLD`]
/// without a threshold pace. rTSS at that pace (IF = 1 / 1.29 = 0.775) is
/// 100 × 0.775² = 60.1 TSS an hour, inside TrainingPeaks' range. So:
///
/// `hours a week = km a week × easy pace (s/km) ÷ 3600`,
/// `TSS a day = hours a week × 60.1 ÷ 7`.
///
/// Example: 60 km a week, threshold 4:20 /km (260 s): easy pace 335.4 s/km (5:35 /km),
/// 5.59 h a week, 335.9 TSS a week, 48.0 TSS a day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Seed {
    /// TSS a day: the start of both CTL and ATL.
    pub daily_tss: f64,
    /// The stated weekly running volume it comes from.
    pub weekly_volume: Metres,
    /// The easy pace assumed for that volume.
    pub pace: PacePerKm,
    /// Whether that pace comes from the athlete's threshold pace.
    pub from_threshold: bool,
    /// Hours a week the volume takes at that pace.
    pub hours_per_week: f64,
    /// TSS an hour at that pace (rTSS).
    pub tss_per_hour: f64,
}

/// The easy pace a [`Seed`] assumes without a threshold pace: 6:00 /km (360 s), a common
/// easy pace for recreational runners; an assumption, said where the seed is shown.
pub const SEED_PACE_WITHOUT_THRESHOLD: f64 = 360.0;

impl Seed {
    /// The seed of a profile; `None` without a stated weekly volume (or with 0).
    pub fn estimate(p: &Profile) -> Option<Seed> {
        let volume = p.weekly_volume.filter(|v| v.get() > 0.0)?;
        let factor = RECOVERY_PACE_FACTORS.0;
        let (pace, from_threshold) = match p.threshold_pace {
            Some(t) => (t.get() * factor, true),
            None => (SEED_PACE_WITHOUT_THRESHOLD, false),
        };
        let pace = PacePerKm::new(pace.min(PacePerKm::RANGE.1))?;
        let hours_per_week = volume.get() / 1000.0 * pace.get() / 3600.0;
        let intensity = 1.0 / factor;
        let tss_per_hour = intensity * intensity * 100.0;
        let daily_tss = hours_per_week * tss_per_hour / 7.0;
        daily_tss.is_finite().then_some(Seed {
            daily_tss,
            weekly_volume: volume,
            pace,
            from_threshold,
            hours_per_week,
            tss_per_hour,
        })
    }
}

/// The first day anything is logged.
pub fn first_day(sessions: &[Session]) -> Option<Day> {
    sessions.iter().map(|s| s.date).min()
}

/// Summed TSS per day from `from` to `to` inclusive (index 0 = `from`): each session's
/// [`tss::load`] (the stored TSS, else scored with the profile); unscorable sessions and
/// implausible estimates the runner has not confirmed count 0 (docs/domain.md §6).
pub fn daily_loads(sessions: &[Session], profile: &Profile, from: Day, to: Day) -> Vec<f64> {
    let len = usize::try_from(to.days_since(from) + 1).unwrap_or(0);
    let mut loads = vec![0.0; len];
    for s in sessions {
        let Ok(i) = usize::try_from(s.date.days_since(from)) else {
            continue;
        };
        if let Some(slot) = loads.get_mut(i) {
            *slot += tss::load(s, profile).counted().map_or(0.0, |t| t.get());
        }
    }
    loads
}

/// Which days from `from` to `to` (inclusive) have anything logged (index 0 = `from`).
pub fn logged_days(sessions: &[Session], from: Day, to: Day) -> Vec<bool> {
    let len = usize::try_from(to.days_since(from) + 1).unwrap_or(0);
    let mut logged = vec![false; len];
    for s in sessions {
        if let Some(slot) = usize::try_from(s.date.days_since(from))
            .ok()
            .and_then(|i| logged.get_mut(i))
        {
            *slot = true;
        }
    }
    logged
}

/// The chart from `from` to `to` (inclusive); the start values hold for the day before `from`,
/// and each [`Stretch`] of the log starts from the profile's [`Seed`] (see the module docs).
///
/// Fitness and fatigue set on a date before `from` are carried into it: the chart is
/// computed from that date, and its days before `from` left out.
pub fn series(sessions: &[Session], profile: &Profile, from: Day, to: Day) -> Vec<PmcDay> {
    let start = reach_back(profile, from, to);
    let loads = daily_loads(sessions, profile, start, to);
    let logged = logged_days(sessions, start, to);
    let settings = PmcSettings::from_profile(profile);
    let run = Run::new(&settings, profile, None);
    let mut days = run.series(start, &loads, &logged, &settings);
    let skip = usize::try_from(from.days_since(start)).unwrap_or(0);
    days.drain(..skip.min(days.len()));
    days
}

/// The day a chart meant to start on `from` is computed from: the date of fitness and
/// fatigue the athlete set, where that comes before `from` (and not after `to`).
fn reach_back(profile: &Profile, from: Day, to: Day) -> Day {
    profile
        .fitness_on
        .map(|f| f.date)
        .filter(|d| *d < from && *d <= to)
        .unwrap_or(from)
}

/// The recurrence of [`series_from_loads`] with the cold-start seed: CTL and ATL carried
/// from day to day, and the stretch of the log they have reached.
#[derive(Clone, Copy, Debug)]
struct Run {
    kc: f64,
    ka: f64,
    ctl: f64,
    atl: f64,
    stretch: Option<Stretch>,
    /// The seed's daily TSS, if the profile gives one.
    seed: Option<f64>,
    /// Whether the log's first stretch is seeded too (not when start values were entered).
    seed_first: bool,
    /// Fitness and fatigue the athlete set on a date.
    set: Option<FitnessOn>,
}

impl Run {
    fn new(settings: &PmcSettings, profile: &Profile, stretch: Option<Stretch>) -> Run {
        Run {
            kc: settings.k(settings.ctl_days),
            ka: settings.k(settings.atl_days),
            ctl: settings.start_ctl,
            atl: settings.start_atl,
            stretch,
            seed: Seed::estimate(profile).map(|s| s.daily_tss),
            seed_first: !settings.has_start_values(),
            set: profile.fitness_on,
        }
    }

    /// Begins a day: when it is logged and starts a stretch, CTL and ATL are raised to the
    /// seed (never lowered: the seed stands for training the log does not show), unless
    /// fitness and fatigue the athlete set hold for it (within [`GAP_DAYS`] after their
    /// date: their own numbers win). Returns the CTL as the day begins if it was seeded.
    fn begin(&mut self, day: Day, logged: bool) -> Option<f64> {
        if !logged {
            return None;
        }
        let (next, starts) = match self.stretch {
            None => (Stretch::starting(day), self.seed_first),
            Some(s) => {
                let n = s.then(day);
                (n, n.from != s.from)
            }
        };
        self.stretch = Some(next);
        let set_before = self
            .set
            .is_some_and(|f| f.date < day && day.days_since(f.date) <= GAP_DAYS);
        let seed = self.seed.filter(|_| starts && !set_before)?;
        self.ctl = self.ctl.max(seed);
        self.atl = self.atl.max(seed);
        Some(self.ctl)
    }

    /// Ends a day with its load (the same operations as [`series_from_loads`]); on the date
    /// of fitness and fatigue the athlete set, they are the day's end. Returns whether they
    /// were.
    fn end(&mut self, day: Day, load: f64) -> bool {
        self.ctl += (load - self.ctl) * self.kc;
        self.atl += (load - self.atl) * self.ka;
        match self.set.filter(|f| f.date == day) {
            Some(f) => {
                self.ctl = f.ctl();
                self.atl = f.atl();
                true
            }
            None => false,
        }
    }

    /// The days from `from`, one per load. The ramp of a day within a week of a seed counts
    /// from the seeded CTL: the seed is fitness already there, not a week's gain. So does
    /// the ramp from the date of values the athlete set (0 on that day).
    fn series(
        mut self,
        from: Day,
        loads: &[f64],
        logged: &[bool],
        settings: &PmcSettings,
    ) -> Vec<PmcDay> {
        let mut out: Vec<PmcDay> = Vec::with_capacity(loads.len());
        let mut seeded: Option<(usize, f64)> = None;
        for (i, &load) in loads.iter().enumerate() {
            let day = from.add_days(i as i32);
            if let Some(c) = self.begin(day, logged.get(i).copied().unwrap_or(false)) {
                seeded = Some((i, c));
            }
            let tsb = self.ctl - self.atl;
            if self.end(day, load) {
                seeded = Some((i, self.ctl));
            }
            let week_ago = match seeded {
                Some((j, c)) if i < j + 7 => c,
                _ if i >= 7 => out[i - 7].ctl,
                _ => settings.start_ctl,
            };
            out.push(PmcDay {
                day,
                tss: load,
                ctl: self.ctl,
                atl: self.atl,
                tsb,
                ramp: self.ctl - week_ago,
            });
        }
        out
    }
}

/// The chart for daily loads starting on `from`.
pub fn series_from_loads(from: Day, loads: &[f64], settings: &PmcSettings) -> Vec<PmcDay> {
    let (kc, ka) = (settings.k(settings.ctl_days), settings.k(settings.atl_days));
    let mut out: Vec<PmcDay> = Vec::with_capacity(loads.len());
    let (mut ctl, mut atl) = (settings.start_ctl, settings.start_atl);
    for (i, &load) in loads.iter().enumerate() {
        let tsb = ctl - atl;
        ctl += (load - ctl) * kc;
        atl += (load - atl) * ka;
        let week_ago = if i >= 7 {
            out[i - 7].ctl
        } else {
            settings.start_ctl
        };
        out.push(PmcDay {
            day: from.add_days(i as i32),
            tss: load,
            ctl,
            atl,
            tsb,
            ramp: ctl - week_ago,
        });
    }
    out
}

/// Where the chart stands at the end of a day: all it needs to go on from the next one.
/// Lets Today be drawn from the recent sessions alone (`store::layout` keeps one).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Checkpoint {
    pub day: Day,
    pub ctl: f64,
    pub atl: f64,
    /// The stretch of the log on `day`: whether the next logged day starts a new one.
    pub stretch: Stretch,
}

/// The chart's state at the end of `day`, as [`series`] from the first logged day computes
/// it; `None` when nothing is logged on or before `day` (the chart starts later).
///
/// Every save takes one, so it runs the recurrence of [`series_from_loads`] (the same
/// operations, so the same bits) without keeping the days.
pub fn checkpoint(sessions: &[Session], profile: &Profile, day: Day) -> Option<Checkpoint> {
    let first = sessions
        .iter()
        .map(|s| s.date)
        .filter(|d| *d <= day)
        .min()?;
    let first = reach_back(profile, first, day);
    let settings = PmcSettings::from_profile(profile);
    let mut run = Run::new(&settings, profile, None);
    let loads = daily_loads(sessions, profile, first, day);
    let logged = logged_days(sessions, first, day);
    for (i, (load, logged)) in loads.into_iter().zip(logged).enumerate() {
        let d = first.add_days(i as i32);
        run.begin(d, logged);
        run.end(d, load);
    }
    Some(Checkpoint {
        day,
        ctl: run.ctl,
        atl: run.atl,
        stretch: run.stretch?,
    })
}

/// Days in which the chart after a checkpoint is not yet whole: the ramp of a day needs the
/// CTL of the day a week before it.
pub const AFTER_CHECKPOINT_SKIPPED: i32 = 7;

/// The chart from [`AFTER_CHECKPOINT_SKIPPED`] + 1 days after `cp` to `to`, equal day for
/// day, bit for bit, to [`series`] over the whole log. `sessions` must hold every session
/// dated after `cp.day` (in the log's order, as the sums per day are added in it); older
/// ones are ignored.
pub fn series_after(
    cp: &Checkpoint,
    sessions: &[Session],
    profile: &Profile,
    to: Day,
) -> Vec<PmcDay> {
    let from = cp.day.add_days(1);
    let loads = daily_loads(sessions, profile, from, to);
    let logged = logged_days(sessions, from, to);
    let settings = PmcSettings {
        start_ctl: cp.ctl,
        start_atl: cp.atl,
        ..PmcSettings::from_profile(profile)
    };
    let run = Run::new(&settings, profile, Some(cp.stretch));
    let mut days = run.series(from, &loads, &logged, &settings);
    let skip = (AFTER_CHECKPOINT_SKIPPED as usize).min(days.len());
    days.drain(..skip);
    days
}

/// Carries `last` forward `days` days with the same TSS every day (the advisor's easy-days
/// projection). Only CTL, ATL and TSB are meaningful; the first week's ramp counts from `last`.
pub fn project(last: &PmcDay, daily_tss: f64, settings: &PmcSettings, days: usize) -> Vec<PmcDay> {
    let s = PmcSettings {
        start_ctl: last.ctl,
        start_atl: last.atl,
        ..*settings
    };
    series_from_loads(last.day.add_days(1), &vec![daily_tss; days], &s)
}

/// Carries `history` forward from its last day with the given daily loads (planned sessions,
/// rest days as 0), with the ramp looking back into `history` where a week reaches.
pub fn project_loads(history: &[PmcDay], loads: &[f64], settings: &PmcSettings) -> Vec<PmcDay> {
    let Some(last) = history.last() else {
        return Vec::new();
    };
    let s = PmcSettings {
        start_ctl: last.ctl,
        start_atl: last.atl,
        ..*settings
    };
    let mut out = series_from_loads(last.day.add_days(1), loads, &s);
    let n = history.len();
    for (i, d) in out.iter_mut().enumerate().take(7) {
        if let Some(back) = (n + i).checked_sub(7).and_then(|j| history.get(j)) {
            d.ramp = d.ctl - back.ctl;
        }
    }
    out
}

/// The form bands: one scale for the advice, Today's tile and the chart (domain spec §2,
/// consistent with the article's reading of TSB: "−20 to −30 means take a few easy days").
/// intervals.icu and Elevate call all of −30..−10 "optimal", which contradicts the article
/// at −20..−30; here −20 and below is where the advisor's R10 asks for easy days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormBand {
    /// Above +25: losing fitness.
    Transition,
    /// +5 to +25.
    Fresh,
    /// −10 to +5.
    Neutral,
    /// −20 to −10: the load that builds fitness.
    Productive,
    /// −30 to −20: a few easy days [A] (R10's threshold, `advisor::EASY_DAYS_TSB`).
    Tired,
    /// Below −30.
    HighRisk,
}

impl FormBand {
    pub const ALL: [FormBand; 6] = [
        FormBand::Transition,
        FormBand::Fresh,
        FormBand::Neutral,
        FormBand::Productive,
        FormBand::Tired,
        FormBand::HighRisk,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FormBand::Transition => "transition (losing fitness)",
            FormBand::Fresh => "fresh",
            FormBand::Neutral => "neutral",
            FormBand::Productive => "productive training",
            FormBand::Tired => "tired: a few easy days",
            FormBand::HighRisk => "high risk",
        }
    }

    /// The band's TSB range (low, high); open ends are ±∞. Which band an edge belongs to
    /// is [`form_band`]'s.
    pub fn range(self) -> (f64, f64) {
        match self {
            FormBand::Transition => (25.0, f64::INFINITY),
            FormBand::Fresh => (5.0, 25.0),
            FormBand::Neutral => (-10.0, 5.0),
            FormBand::Productive => (-20.0, -10.0),
            FormBand::Tired => (-30.0, -20.0),
            FormBand::HighRisk => (f64::NEG_INFINITY, -30.0),
        }
    }

    /// The band for a legend: its name and its TSB range, "Tired −30 to −20".
    pub fn legend(self) -> &'static str {
        match self {
            FormBand::Transition => "Transition > +25",
            FormBand::Fresh => "Fresh +5 to +25",
            FormBand::Neutral => "Neutral −10 to +5",
            FormBand::Productive => "Productive −20 to −10",
            FormBand::Tired => "Tired (a few easy days) −30 to −20",
            FormBand::HighRisk => "High risk < −30",
        }
    }

    /// A CSS-friendly name.
    pub fn slug(self) -> &'static str {
        match self {
            FormBand::Transition => "transition",
            FormBand::Fresh => "fresh",
            FormBand::Neutral => "neutral",
            FormBand::Productive => "productive",
            FormBand::Tired => "tired",
            FormBand::HighRisk => "risk",
        }
    }
}

/// The band of a TSB (domain spec §2). Edges: +25 is fresh, +5 fresh, −10 neutral (R10's
/// "back above −10" is recovered), −20 tired (R10 advises easy days at −20 and below), −30
/// tired (the load budget keeps form "at or above −30", out of high risk).
pub fn form_band(tsb: f64) -> FormBand {
    if tsb > 25.0 {
        FormBand::Transition
    } else if tsb >= 5.0 {
        FormBand::Fresh
    } else if tsb >= -10.0 {
        FormBand::Neutral
    } else if tsb > -20.0 {
        FormBand::Productive
    } else if tsb >= -30.0 {
        FormBand::Tired
    } else {
        FormBand::HighRisk
    }
}

/// What stands for the earlier sessions when only the recent ones are at hand (the store
/// decodes only its recent blocks at opening): the chart carries on from its checkpoint, and
/// the log starts on its first day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Earlier {
    /// The chart at the end of a day before every session not at hand.
    pub checkpoint: Checkpoint,
    /// The first day of the whole log.
    pub logged_from: Day,
}

/// The chart from the first logged day to `to` (empty when nothing is logged by then). With
/// `earlier` (`sessions` then being the recent ones only), its days from a week after the
/// checkpoint, carried on from it, which are the whole chart's days bit for bit.
pub fn chart(
    sessions: &[Session],
    profile: &Profile,
    earlier: Option<&Earlier>,
    to: Day,
) -> Vec<PmcDay> {
    match earlier {
        Some(e) => series_after(&e.checkpoint, sessions, profile, to),
        None => match first_day(sessions) {
            Some(first) if first <= to => series(sessions, profile, first, to),
            _ => Vec::new(),
        },
    }
}

/// The first day of the whole log (the advice's `logged_from`): `earlier`'s, or the first
/// of `sessions` when they are the whole log.
pub fn logged_from(sessions: &[Session], earlier: Option<&Earlier>) -> Option<Day> {
    earlier
        .map(|e| e.logged_from)
        .or_else(|| first_day(sessions))
}

/// The stretch of the log on `today` (the advice's `stretch`): [`stretch`] from `earlier`'s
/// checkpoint over `sessions` (then the recent ones only), or over the whole log.
pub fn stretch_on(sessions: &[Session], earlier: Option<&Earlier>, today: Day) -> Option<Stretch> {
    stretch(earlier.map(|e| e.checkpoint.stretch), sessions, today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day0() -> Day {
        Day::from_ymd(2026, 1, 1).unwrap()
    }

    #[test]
    fn a_steady_load_converges_to_itself() {
        // An EWMA of a constant converges to that constant: after 1 000 days of 60 TSS,
        // CTL = ATL = 60 and TSB = 0 (the defining property of the PMC's averages).
        let s = series_from_loads(day0(), &[60.0; 1000], &PmcSettings::default());
        let last = s.last().unwrap();
        assert!((last.ctl - 60.0).abs() < 1e-6 && (last.atl - 60.0).abs() < 1e-6);
        assert!(last.tsb.abs() < 1e-6 && last.ramp.abs() < 1e-6);
    }

    #[test]
    fn one_day_of_load_by_hand() {
        // Day 1 of 100 TSS from 0: CTL = 100 × (1 − e^(−1/42)) = 2.35283,
        // ATL = 100 × (1 − e^(−1/7)) = 13.3122 (values from Python's math.exp);
        // TSB of day 1 is the day before's: 0; TSB of day 2 = 2.35283 − 13.3122 = −10.959.
        let s = series_from_loads(day0(), &[100.0, 0.0], &PmcSettings::default());
        assert!((s[0].ctl - 2.352_83).abs() < 1e-5);
        assert!((s[0].atl - 13.312_2).abs() < 1e-4);
        assert_eq!(s[0].tsb, 0.0);
        assert!((s[1].tsb - (s[0].ctl - s[0].atl)).abs() < 1e-12);
        // TrainingPeaks' 1/τ: CTL = 100/42 = 2.381, ATL = 100/7 = 14.286.
        let tp = PmcSettings {
            update: PmcUpdate::Reciprocal,
            ..PmcSettings::default()
        };
        let s = series_from_loads(day0(), &[100.0], &tp);
        assert!((s[0].ctl - 100.0 / 42.0).abs() < 1e-12);
        assert!((s[0].atl - 100.0 / 7.0).abs() < 1e-12);
    }

    #[test]
    fn the_two_conventions_differ_as_domain_md_says() {
        // docs/domain.md §2: "< 1.2 % for τ = 42 and ~7 % for τ = 7" (the gap between the ks).
        let e = PmcSettings::default();
        let r = PmcSettings {
            update: PmcUpdate::Reciprocal,
            ..e
        };
        let gap = |tau: f64| (r.k(tau) - e.k(tau)) / e.k(tau);
        assert!(gap(42.0) > 0.0 && gap(42.0) < 0.012);
        assert!((gap(7.0) - 0.073).abs() < 0.005);
    }

    #[test]
    fn ramp_is_ctl_minus_ctl_a_week_before() {
        let loads: Vec<f64> = (0..30).map(|i| (i * 7 % 100) as f64).collect();
        let s = series_from_loads(
            day0(),
            &loads,
            &PmcSettings {
                start_ctl: 20.0,
                ..PmcSettings::default()
            },
        );
        assert!(
            (s[3].ramp - (s[3].ctl - 20.0)).abs() < 1e-12,
            "before day 7: from the start value"
        );
        for i in 7..30 {
            assert!((s[i].ramp - (s[i].ctl - s[i - 7].ctl)).abs() < 1e-12);
        }
    }

    #[test]
    fn loads_are_summed_per_day_and_rest_days_are_zero() {
        use crate::domain::quantity::{Seconds, Tss};
        use crate::domain::session::{SessionId, Sport};
        let mk = |id: &str, d: Day, t: f64| {
            let mut s = Session::new(
                SessionId(id.into()),
                d,
                Sport::Run,
                Seconds::new(1800).unwrap(),
            );
            s.tss = Tss::new(t);
            s
        };
        let sessions = [
            mk("a", day0(), 40.0),
            mk("b", day0(), 25.0),
            mk("c", day0().add_days(2), 10.0),
        ];
        let loads = daily_loads(&sessions, &Profile::default(), day0(), day0().add_days(3));
        assert_eq!(loads, [65.0, 0.0, 10.0, 0.0]);
        assert_eq!(first_day(&sessions), Some(day0()));
    }

    #[test]
    fn projection_continues_the_series() {
        let settings = PmcSettings::default();
        let s = series_from_loads(day0(), &[80.0; 40], &settings);
        let p = project(&s[29], 80.0, &settings, 10);
        let q = project_loads(&s[..30], &[80.0; 10], &settings);
        for ((a, b), c) in p.iter().zip(&s[30..40]).zip(&q) {
            assert_eq!(a.day, b.day);
            assert!(
                (a.ctl - b.ctl).abs() < 1e-9
                    && (a.atl - b.atl).abs() < 1e-9
                    && (a.tsb - b.tsb).abs() < 1e-9
            );
            assert!(
                (c.ramp - b.ramp).abs() < 1e-9,
                "the ramp looks back into the history"
            );
        }
    }

    #[test]
    fn start_values_hold_for_the_day_before() {
        // Coming from another tool with CTL 50, ATL 70: the first day's form is 50 − 70, and
        // a rest day decays both: CTL 50 × e^(−1/42) = 48.824, ATL 70 × e^(−1/7) = 60.681.
        let s = PmcSettings {
            start_ctl: 50.0,
            start_atl: 70.0,
            ..PmcSettings::default()
        };
        let d = series_from_loads(day0(), &[0.0], &s);
        assert_eq!(d[0].tsb, -20.0);
        assert!((d[0].ctl - 48.824).abs() < 1e-3);
        assert!((d[0].atl - 60.681).abs() < 1e-3);
        assert_eq!(d[0].day, day0());
    }

    #[test]
    fn silly_settings_fall_back_to_the_defaults() {
        for bad in [0.0, 0.5, -7.0, f64::NAN, f64::INFINITY] {
            let p = Profile {
                ctl_time_constant_days: bad,
                atl_time_constant_days: bad,
                ..Profile::default()
            };
            let s = PmcSettings::from_profile(&p);
            assert_eq!((s.ctl_days, s.atl_days), (42.0, 7.0), "τ = {bad}");
        }
        for bad in [-7.0, f64::NAN, f64::INFINITY] {
            let p = Profile {
                start_ctl: bad,
                start_atl: bad,
                ..Profile::default()
            };
            let s = PmcSettings::from_profile(&p);
            assert_eq!((s.start_ctl, s.start_atl), (0.0, 0.0), "start = {bad}");
        }
        let p = Profile {
            ctl_time_constant_days: 28.0,
            atl_time_constant_days: 1.0,
            start_atl: 33.0,
            pmc_update: PmcUpdate::Reciprocal,
            ..Profile::default()
        };
        let s = PmcSettings::from_profile(&p);
        assert_eq!(
            (s.ctl_days, s.atl_days, s.start_atl, s.update),
            (28.0, 1.0, 33.0, PmcUpdate::Reciprocal)
        );
    }

    #[test]
    fn sessions_without_a_stored_tss_are_scored() {
        use crate::domain::quantity::{Bpm, Seconds};
        use crate::domain::session::{SessionId, Sport};
        // One hour at LTHR is 100 TSS (hrTSS; TrainingPeaks), scored on the fly.
        let mut s = Session::new(
            SessionId("a".into()),
            day0(),
            Sport::Run,
            Seconds::new(3600).unwrap(),
        );
        s.avg_hr = Bpm::new(165);
        let p = Profile {
            lthr: Bpm::new(165),
            ..Profile::default()
        };
        assert_eq!(
            daily_loads(std::slice::from_ref(&s), &p, day0(), day0()),
            [100.0]
        );
        let d = series(&[s], &p, day0().add_days(-1), day0());
        assert_eq!((d[0].tss, d[1].tss), (0.0, 100.0));
        assert!(
            daily_loads(&[], &p, day0(), day0().add_days(-1)).is_empty(),
            "to before from"
        );
    }

    fn run_on(id: &str, d: Day, tss: f64) -> Session {
        use crate::domain::quantity::{Seconds, Tss};
        use crate::domain::session::{SessionId, Sport};
        let mut s = Session::new(
            SessionId(id.into()),
            d,
            Sport::Run,
            Seconds::new(3600).unwrap(),
        );
        s.tss = Tss::new(tss);
        s
    }

    /// The runner: threshold pace 4:20 /km, 60 km a week stated.
    fn stated_60_km() -> Profile {
        Profile {
            weekly_volume: Metres::new(60_000.0),
            threshold_pace: PacePerKm::new(260.0),
            ..Profile::default()
        }
    }

    #[test]
    fn the_seed_by_hand() {
        // Easy pace = 260 s/km × 1.29 = 335.4 s/km (5:35 /km). 60 km × 335.4 s = 20 124 s
        // = 5.59 h a week. rTSS an hour at IF 1/1.29: 100 / 1.29² = 60.0925. A week:
        // 5.59 × 60.0925 = 335.917; a day: 335.917 / 7 = 47.988 (Python, same steps).
        let seed = Seed::estimate(&stated_60_km()).expect("a stated volume");
        assert!((seed.pace.get() - 335.4).abs() < 1e-9);
        assert!((seed.hours_per_week - 5.59).abs() < 1e-9);
        assert!((seed.tss_per_hour - 60.0925).abs() < 1e-4);
        assert!((seed.daily_tss - 47.988).abs() < 1e-3);
        assert!(seed.from_threshold);
        // Inside TrainingPeaks' 50–75 TSS an hour… almost: 60 TSS an hour.
        assert!((50.0..=75.0).contains(&seed.tss_per_hour));
        // Without a threshold pace: 6:00 /km assumed. 60 km × 360 s = 6 h; × 60.0925 ÷ 7
        // = 51.508.
        let p = Profile {
            threshold_pace: None,
            ..stated_60_km()
        };
        let s = Seed::estimate(&p).expect("a stated volume");
        assert!(!s.from_threshold);
        assert!((s.daily_tss - 51.508).abs() < 1e-3);
        // Without a stated volume there is nothing to estimate from.
        assert_eq!(Seed::estimate(&Profile::default()), None);
    }

    #[test]
    fn a_young_log_starts_from_the_seed() {
        // Day 1 of 60 TSS from the seed 47.988 (both CTL and ATL): TSB of day 1 is 0 (not
        // 0 − 0 from nothing), CTL = 47.988 + (60 − 47.988) × (1 − e^(−1/42)) = 48.271,
        // ATL = 47.988 + 12.012 × (1 − e^(−1/7)) = 49.587; ramp counts from the seed: 0.283.
        let p = stated_60_km();
        let d = series(&[run_on("a", day0(), 60.0)], &p, day0(), day0());
        assert_eq!(d[0].tsb, 0.0);
        assert!((d[0].ctl - 48.271).abs() < 1e-3, "{}", d[0].ctl);
        assert!((d[0].atl - 49.587).abs() < 1e-3, "{}", d[0].atl);
        assert!((d[0].ramp - 0.283).abs() < 1e-3, "{}", d[0].ramp);
        // Start values the athlete entered win where the log starts.
        let entered = Profile {
            start_ctl: 30.0,
            start_atl: 30.0,
            ..p.clone()
        };
        let e = series(&[run_on("a", day0(), 60.0)], &entered, day0(), day0());
        assert_eq!(e[0].tsb, 0.0);
        assert!((e[0].ctl - (30.0 + 30.0 * (1.0 - (-1.0f64 / 42.0).exp()))).abs() < 1e-12);
    }

    #[test]
    fn a_gap_of_weeks_starts_a_new_stretch_from_the_seed() {
        // One run, then another 29 days later (28 days with nothing between): a new
        // stretch, seeded again. 28 days later (27 with nothing between): the same
        // stretch, no seed.
        let p = stated_60_km();
        let gap = [
            run_on("a", day0(), 60.0),
            run_on("b", day0().add_days(29), 60.0),
        ];
        let d = series(&gap, &p, day0(), day0().add_days(29));
        assert_eq!(d[29].tsb, 0.0, "seeded: CTL = ATL as the stretch starts");
        assert!(d[29].ctl > 47.98 && d[29].ramp.abs() < 1.0);
        // Not seeded: CTL 48.271 × e^(−27/42) = 25.4 and ATL 49.587 × e^(−27/7) = 1.0 as the
        // day begins, so TSB ≈ +24.
        let near = [
            run_on("a", day0(), 60.0),
            run_on("b", day0().add_days(28), 60.0),
        ];
        let n = series(&near, &p, day0(), day0().add_days(28));
        assert!(n[28].ctl < 40.0 && n[28].tsb > 20.0, "decayed, not seeded");
        // The stretches themselves.
        let s = stretch(None, &gap, day0().add_days(29)).unwrap();
        assert_eq!(s, Stretch::starting(day0().add_days(29)));
        let s = stretch(None, &near, day0().add_days(28)).unwrap();
        assert_eq!((s.from, s.last), (day0(), day0().add_days(28)));
        // A stretch runs on while fewer than 28 days are empty after its last day.
        assert_eq!(s.days_covered(day0().add_days(28 + 28)), 28 + 28 + 1);
        assert_eq!(s.days_covered(day0().add_days(28 + 29)), 0);
        // Planned sessions after today are not part of it.
        assert_eq!(
            stretch(None, &near, day0().add_days(10)),
            Some(Stretch::starting(day0()))
        );
        assert_eq!(stretch(None, &[], day0()), None);
    }

    fn set_on(d: Day, ctl: f64, atl: f64) -> Profile {
        Profile {
            fitness_on: FitnessOn::new(d, ctl, atl),
            ..Profile::default()
        }
    }

    #[test]
    fn fitness_set_on_a_date_by_hand() {
        // CTL 50 and ATL 60 set on D (2026-01-03), the values at the END of D: a run of 80
        // TSS on D is already in them and not added again. D + 1, 100 TSS, with the update
        // X += (TSS − X) × k, k = 1 − e^(−1/τ) (the default; Python's math.exp):
        //   CTL = 50 + (100 − 50) × (1 − e^(−1/42)) = 50 + 50 × 0.0235283 = 51.176416,
        //   ATL = 60 + (100 − 60) × (1 − e^(−1/7))  = 60 + 40 × 0.1331221 = 65.324884,
        //   TSB of D + 1 = 50 − 60 = −10 (the day before's CTL − ATL); ramp from D's set
        //   CTL: 1.176416.
        // With k = 1/τ (TrainingPeaks): 50 + 50/42 = 51.190476 and 60 + 40/7 = 65.714286.
        let d = day0().add_days(2);
        let p = set_on(d, 50.0, 60.0);
        let log = [
            run_on("a", day0(), 60.0),
            run_on("b", d, 80.0),
            run_on("c", d.add_days(1), 100.0),
        ];
        let s = series(&log, &p, day0(), d.add_days(1));
        // The days before D are computed as ever (from 0: nothing set, no volume stated).
        let before = series(&log, &Profile::default(), day0(), d.add_days(1));
        assert_eq!(&s[..2], &before[..2]);
        assert_eq!((s[2].ctl, s[2].atl, s[2].tss), (50.0, 60.0, 80.0));
        assert_eq!(s[2].tsb, before[2].tsb, "D begins as computed");
        assert_eq!(s[2].ramp, 0.0, "the set CTL is fitness already there");
        assert!((s[3].ctl - 51.176_416).abs() < 1e-6, "{}", s[3].ctl);
        assert!((s[3].atl - 65.324_884).abs() < 1e-6, "{}", s[3].atl);
        assert_eq!(s[3].tsb, -10.0);
        assert!((s[3].ramp - 1.176_416).abs() < 1e-6);
        let tp = Profile {
            pmc_update: PmcUpdate::Reciprocal,
            ..p.clone()
        };
        let r = series(&log, &tp, day0(), d.add_days(1));
        assert!((r[3].ctl - (50.0 + 50.0 / 42.0)).abs() < 1e-12);
        assert!((r[3].atl - (60.0 + 40.0 / 7.0)).abs() < 1e-12);
    }

    #[test]
    fn fitness_set_before_the_log_carries_into_it_and_beats_the_seed() {
        // Set on D, five days before the first run (four rest days between): the chart still
        // starts on the first logged day, from CTL 50 × e^(−4/42) and ATL 60 × e^(−4/7) as it
        // begins, and the
        // stated volume's seed (48 TSS a day) does not replace them: the athlete's numbers
        // win within 28 days of their date.
        let d = day0().add_days(-5);
        let p = Profile {
            fitness_on: FitnessOn::new(d, 50.0, 60.0),
            ..stated_60_km()
        };
        let s = series(&[run_on("a", day0(), 60.0)], &p, day0(), day0());
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].day, day0());
        let ctl = 50.0 * (-4.0f64 / 42.0).exp();
        let atl = 60.0 * (-4.0f64 / 7.0).exp();
        assert!((s[0].tsb - (ctl - atl)).abs() < 1e-9, "{}", s[0].tsb);
        // 29 days before it: a gap of weeks, the log is young again and seeded.
        let far = Profile {
            fitness_on: FitnessOn::new(day0().add_days(-29), 50.0, 60.0),
            ..stated_60_km()
        };
        let s = series(&[run_on("a", day0(), 60.0)], &far, day0(), day0());
        assert!(
            s[0].tsb.abs() < 1e-9 && s[0].ctl > 47.98,
            "seeded: {:?}",
            s[0]
        );
        // Whether they hold, for the advice.
        let set = FitnessOn::new(d, 50.0, 60.0).unwrap();
        let st = Some(Stretch::starting(day0()));
        assert!(set_holds(&set, st, day0()));
        assert!(set_holds(&set, None, d), "nothing logged yet, set today");
        assert!(
            !set_holds(&set, None, d.add_days(-1)),
            "not before its date"
        );
        assert!(
            !set_holds(&set, None, d.add_days(GAP_DAYS + 1)),
            "a gap after it"
        );
        let late = Some(Stretch::starting(d.add_days(GAP_DAYS + 1)));
        assert!(!set_holds(&set, late, d.add_days(GAP_DAYS + 1)));
    }

    #[test]
    fn bands_follow_domain_spec_2_at_every_edge() {
        // domain spec §2: > +25 transition, +5..+25 fresh, −10..+5 neutral, −20..−10
        // productive training, −30..−20 tired: a few easy days, < −30 high risk. The edges
        // go where the advisor acts: R10 advises easy days at TSB ≤ −20, and "back above −10"
        // is recovered; the load budget keeps form at or above −30.
        use FormBand::*;
        let cases = [
            (25.1, Transition),
            (25.0, Fresh),
            (5.0, Fresh),
            (4.9, Neutral),
            (0.0, Neutral),
            (-10.0, Neutral),
            (-10.1, Productive),
            (-19.9, Productive),
            (-20.0, Tired),
            (-27.0, Tired),
            (-30.0, Tired),
            (-30.1, HighRisk),
        ];
        for (tsb, band) in cases {
            assert_eq!(form_band(tsb), band, "TSB {tsb}");
            // The chart shades the same ranges the tile names.
            let (lo, hi) = band.range();
            assert!(lo <= tsb && tsb <= hi, "TSB {tsb} inside {band:?}'s range");
        }
        // The trial: −27 was "optimal training" on the tile while the advice said
        // "a few easy days"; on one scale both say tired.
        assert_eq!(form_band(-27.0).label(), "tired: a few easy days");
        // The ranges tile the line with no hole and no overlap, top to bottom.
        for w in FormBand::ALL.windows(2) {
            assert_eq!(
                w[0].range().0,
                w[1].range().1,
                "{:?} meets {:?}",
                w[0],
                w[1]
            );
        }
    }
}
