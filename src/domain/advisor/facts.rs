//! The definitions the rules use (docs/domain.md §4.1), read once from the input.

use super::flags::MAX_RECOVERY_RUN_S;
use super::{
    Activity, AdvisorInput, HardEffort, SessionStatus, TodaySession, VolumeSource, EASY_DAY_TSS,
    LOOKBACK_DAYS, MAX_EASY_DAYS, RECOVERED_TSB,
};
use crate::domain::date::{Day, TimeOfDay};
use crate::domain::pmc::{self, PmcDay, PmcSettings, Seed, Stretch};
use crate::domain::profile::{Athlete, Profile};
use crate::domain::session::{Session, Sport};
use crate::domain::tss;
use crate::domain::wellness::Wellness;
use crate::domain::zones;

/// Why the athlete counts as multisport.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Multisport {
    /// The profile says triathlete or duathlete.
    Declared(Athlete),
    /// Two or more endurance sports in the last 28 days.
    Logged(Vec<Sport>),
}

/// Everything §4.1 defines, for one day.
pub(super) struct Facts<'a> {
    pub today: Day,
    pub now: Option<TimeOfDay>,
    pub profile: &'a Profile,
    /// Anything logged on or before today.
    pub logged_any: bool,
    /// The latest hard effort done today or yesterday.
    pub hard: Option<HardEffort>,
    /// A hard session later today, not done yet.
    pub upcoming_hard: Option<&'a Session>,
    /// Weekly running volume in metres, and where it came from.
    pub volume: Option<f64>,
    pub volume_source: VolumeSource,
    pub multisport: Option<Multisport>,
    /// Today's check-in (the last one, if several).
    pub wellness: Option<&'a Wellness>,
    /// Form as today begins, and fitness.
    pub tsb: Option<f64>,
    pub ctl: Option<f64>,
    /// CTL and ATL at the end of yesterday, for the easy-days projection.
    pub yesterday_load: Option<(f64, f64)>,
    /// The TSS already done today.
    pub today_done_tss: f64,
    /// The form numbers are still settling (domain spec §2), or `None`.
    pub settling: Option<Settling>,
    /// Every session dated today, done or not, in the log's order.
    pub today_sessions: Vec<&'a Session>,
    /// The TSS done on each of the 28 days ending today, oldest first (docs/domain.md §7).
    pub daily_tss: Vec<f64>,
    /// The log covers those 28 days (its stretch on today began on or before today − 27).
    pub covers_28: bool,
    /// Sessions done in those 28 days that add nothing to them: no TSS (no threshold or
    /// effort to score them by), or an implausible estimate not yet confirmed (issue #31).
    pub uncounted: usize,
}

/// Why the form numbers are still settling (domain spec §2): the stretch of log they rest
/// on covers under the CTL time constant, and no start values the athlete entered hold for
/// it. Until then they are an estimate, and form alone does not choose `easy-days`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settling {
    /// Days of log behind today's numbers, today included: 0 when a gap of
    /// [`pmc::GAP_DAYS`] has ended the log.
    pub days: u32,
    /// Days they need: the CTL time constant (42 by default), rounded up.
    pub needed: u32,
    /// The log before the current stretch no longer counts: a gap of weeks came between.
    pub after_gap: bool,
    /// The estimate the stretch starts from, when the profile gives one.
    pub seed: Option<Seed>,
}

impl Settling {
    /// One line for Today's tiles: "Still settling: 5 of 42 days of log; started from an
    /// estimate of your stated weekly volume.".
    pub fn short(&self) -> String {
        let start = if self.seed.is_some() {
            "started from an estimate of your stated weekly volume"
        } else {
            "started from 0"
        };
        if self.days == 0 {
            format!(
                "Still settling: nothing logged in the last {} days.",
                pmc::GAP_DAYS
            )
        } else {
            format!(
                "Still settling: {} of {} days of log; {start}.",
                self.days, self.needed
            )
        }
    }
}

/// The numbers are settling unless the log's stretch on `today` covers the CTL time
/// constant, or it is the log's first and starts from start values the athlete entered, or
/// fitness and fatigue the athlete set on a date hold on `today` ([`pmc::set_holds`]).
fn settling(
    stretch: Option<Stretch>,
    logged_from: Option<Day>,
    today: Day,
    p: &Profile,
) -> Option<Settling> {
    let settings = PmcSettings::from_profile(p);
    let needed = settings.ctl_days.ceil().min(f64::from(u16::MAX)) as u32;
    let current = stretch.filter(|s| s.runs_on(today));
    let days = current.map_or(0, |s| s.days_covered(today).max(0) as u32);
    let first = current.is_some_and(|s| logged_from == Some(s.from));
    // Fitness and fatigue the athlete set are a seed of their own: while they hold, the
    // numbers rest on them, not on a young log (domain spec §2.1).
    let set = p
        .fitness_on
        .is_some_and(|f| pmc::set_holds(&f, stretch, today));
    if days >= needed || (first && settings.has_start_values()) || set {
        return None;
    }
    let after_gap = logged_from.is_some_and(|f| f <= today && current.is_none_or(|s| s.from > f));
    Some(Settling {
        days,
        needed,
        after_gap,
        seed: Seed::estimate(p),
    })
}

impl<'a> Facts<'a> {
    pub fn gather(input: &AdvisorInput<'a>) -> Facts<'a> {
        let today = input.today;
        let p = input.profile;
        let done: Vec<&Session> = input
            .sessions
            .iter()
            .filter(|s| is_done(s, today, input.now))
            .collect();
        let (volume, volume_source) = weekly_volume(input.stretch, &done, today, p);
        let (tsb, ctl, yesterday_load) = form(input.pmc, today);
        let today_done_tss = done
            .iter()
            .filter(|s| s.date == today)
            .map(|s| session_tss(s, p))
            .sum();
        let first = today.add_days(1 - LOOKBACK_DAYS);
        let mut daily_tss = vec![0.0; LOOKBACK_DAYS as usize];
        let mut uncounted = 0;
        for s in done.iter().filter(|s| s.date >= first && s.date <= today) {
            uncounted += usize::from(tss::load(s, p).counted().is_none());
            if let Some(slot) = usize::try_from(s.date.days_since(first))
                .ok()
                .and_then(|i| daily_tss.get_mut(i))
            {
                *slot += session_tss(s, p);
            }
        }
        let covers_28 = input
            .stretch
            .is_some_and(|s| s.runs_on(today) && s.from <= first);
        Facts {
            today,
            now: input.now,
            profile: p,
            logged_any: input.logged_from.is_some_and(|first| first <= today),
            hard: latest_hard_effort(&done, today, p),
            upcoming_hard: input
                .sessions
                .iter()
                .filter(|s| s.date == today && !is_done(s, today, input.now))
                .filter(|s| tss::is_hard(s, tss::counted_score(s, p).as_ref()))
                .min_by_key(|s| s.start_time),
            volume,
            volume_source,
            multisport: multisport(&done, today, p),
            wellness: input.wellness.iter().rev().find(|w| w.date == today),
            tsb,
            ctl,
            yesterday_load,
            today_done_tss,
            settling: input
                .logged_from
                .filter(|first| *first <= today)
                .and_then(|_| settling(input.stretch, input.logged_from, today, p)),
            today_sessions: input.sessions.iter().filter(|s| s.date == today).collect(),
            daily_tss,
            covers_28,
            uncounted,
        }
    }

    /// The session dated today that is the one the advice recommends (`activity`): done,
    /// else planned later today. It matches when it is of the activity's sports, not a hard
    /// effort (a hard one is what the advice responds to), after the hard effort when that
    /// is today too (by start time where both have one), and, for a run, a recovery run by
    /// R3 (at most 30 min, not above Zone 2): a 45 min easy run is a run, not the one advised.
    pub fn todays_session(&self, activity: Activity) -> Option<TodaySession> {
        let sports: &[Sport] = match activity {
            Activity::Run => &[Sport::Run],
            Activity::RideOrYoga => &[Sport::Ride, Sport::Yoga],
            // Massage, compression or a nap are not logged as sessions.
            Activity::Passive => &[],
        };
        let after_hard = |s: &Session| match &self.hard {
            Some(h) if h.date == self.today => {
                s.id != h.id
                    && match (h.start, s.start_time) {
                        (Some(a), Some(b)) => b > a,
                        _ => true,
                    }
            }
            _ => true,
        };
        let recovery_sized = |s: &Session| {
            s.sport != Sport::Run
                || (s.duration.get() <= MAX_RECOVERY_RUN_S
                    && zones::exceeds_zone2(s.avg_hr, self.profile) != Some(true))
        };
        let matching = self.today_sessions.iter().copied().filter(|s| {
            sports.contains(&s.sport)
                && !tss::is_hard(s, tss::counted_score(s, self.profile).as_ref())
                && recovery_sized(s)
                && after_hard(s)
        });
        let (mut done, mut planned) = (None, None);
        for s in matching {
            if is_done(s, self.today, self.now) {
                done = done.or(Some(s));
            } else {
                planned = planned.or(Some(s));
            }
        }
        let (s, status) = match (done, planned) {
            (Some(s), _) => (s, SessionStatus::Done),
            (None, Some(s)) => (s, SessionStatus::Planned),
            (None, None) => return None,
        };
        Some(TodaySession {
            id: s.id.clone(),
            title: s.title.trim().to_string(),
            sport: s.sport,
            minutes: s.duration.get() / 60,
            start: s.start_time,
            status,
        })
    }

    /// The easy-days projection from today (docs/domain.md §4.1): today's load is what is done
    /// already or one easy session, whichever is more.
    pub fn easy_days(&self) -> u32 {
        let settings = PmcSettings::from_profile(self.profile);
        let (ctl, atl) = self
            .yesterday_load
            .unwrap_or((settings.start_ctl, settings.start_atl));
        easy_days_until_recovered(ctl, atl, self.today_done_tss, &settings)
    }
}

/// Done by now: before today, or today and started by `now` when both times are known.
/// A session today without a start time (or with no clock) counts as done: people log
/// after the fact, and a session dated today is more often done than planned.
pub(super) fn is_done(s: &Session, today: Day, now: Option<TimeOfDay>) -> bool {
    if s.date != today {
        return s.date < today;
    }
    match (s.start_time, now) {
        (Some(start), Some(now)) => start <= now,
        _ => true,
    }
}

/// The session's load ([`tss::load`]), else 0.
fn session_tss(s: &Session, p: &Profile) -> f64 {
    tss::load(s, p)
        .counted()
        .map(|t| t.get())
        .filter(|t| t.is_finite())
        .unwrap_or(0.0)
}

/// **Hard effort**: intent workout, race, long run or strength, or TSS ≥ 80, or IF ≥ 0.85
/// ([`tss::is_hard`]), done today or yesterday. Of several, the latest: it is the one the
/// recovery window counts from (the latest day, then the latest start, then the most TSS).
fn latest_hard_effort(done: &[&Session], today: Day, p: &Profile) -> Option<HardEffort> {
    let yesterday = today.add_days(-1);
    done.iter()
        .filter(|s| s.date == today || s.date == yesterday)
        .filter_map(|s| {
            let score = tss::counted_score(s, p);
            tss::is_hard(s, score.as_ref()).then_some((*s, score))
        })
        .max_by(|(a, sa), (b, sb)| {
            let t = |s: &Option<tss::Score>| s.map_or(0.0, |s| s.tss.get());
            (a.date, a.start_time)
                .cmp(&(b.date, b.start_time))
                .then(t(sa).total_cmp(&t(sb)))
        })
        .map(|(s, score)| HardEffort {
            id: s.id.clone(),
            date: s.date,
            start: s.start_time,
            minutes: s.duration.get() / 60,
            title: s.title.trim().to_string(),
            sport: s.sport,
            intent: s.intent,
            tss: score.map(|sc| sc.tss.get()),
            intensity: score.and_then(|sc| sc.intensity).filter(|i| i.is_finite()),
        })
}

/// **Weekly running volume**: the running distance of the last 28 days (today included)
/// ÷ 4, once the log covers those 28 days: the stretch of the log that runs on today
/// ([`Stretch`]) began on or before today − 27, so the window holds 28 days of log. A run
/// from years ago covers nothing (a gap of weeks ends its stretch), and a recent stretch
/// after such a gap starts the coverage anew. Until then the profile's stated volume stands
/// in (domain spec §4.1).
///
/// Runs without a distance count 0. If the window holds runs but not one with a distance
/// (someone logging time only), the log cannot measure volume and the profile's stands in.
fn weekly_volume(
    stretch: Option<Stretch>,
    done: &[&Session],
    today: Day,
    p: &Profile,
) -> (Option<f64>, VolumeSource) {
    let start = today.add_days(1 - LOOKBACK_DAYS);
    let covers = stretch.is_some_and(|s| s.runs_on(today) && s.from <= start);
    let runs: Vec<&Session> = done
        .iter()
        .filter(|s| s.sport == Sport::Run && s.date >= start && s.date <= today)
        .copied()
        .collect();
    let measured = runs.is_empty() || runs.iter().any(|s| s.distance.is_some());
    if covers && measured {
        let m: f64 = runs
            .iter()
            .filter_map(|s| s.distance.map(|d| d.get()))
            .sum();
        return (Some(m / 4.0), VolumeSource::Log28Days);
    }
    match p.weekly_volume {
        Some(v) => (Some(v.get()), VolumeSource::Profile),
        None => (None, VolumeSource::Unknown),
    }
}

/// **Multisport**: the profile says triathlete or duathlete, or the last 28 days hold
/// sessions of two or more endurance sports (run, ride, swim).
fn multisport(done: &[&Session], today: Day, p: &Profile) -> Option<Multisport> {
    if p.athlete.is_multisport() {
        return Some(Multisport::Declared(p.athlete));
    }
    let start = today.add_days(1 - LOOKBACK_DAYS);
    let mut sports: Vec<Sport> = Vec::new();
    for s in done {
        if s.date >= start && s.sport.is_endurance() && !sports.contains(&s.sport) {
            sports.push(s.sport);
        }
    }
    sports.sort_by_key(|s| Sport::ALL.iter().position(|x| x == s));
    (sports.len() >= 2).then_some(Multisport::Logged(sports))
}

/// Today's TSB and CTL, and yesterday's closing CTL and ATL, from the chart.
///
/// TSB of a day is the previous day's CTL − ATL (docs/domain.md §2), so a chart that ends
/// yesterday still gives today's form. With today's entry but not yesterday's (a chart cut
/// short), yesterday is taken as CTL ≈ today's CTL and ATL = that − today's TSB, which
/// keeps the projection starting from the form the athlete sees.
fn form(pmc: &[PmcDay], today: Day) -> (Option<f64>, Option<f64>, Option<(f64, f64)>) {
    let finite = |v: f64| v.is_finite().then_some(v);
    let at = |day: Day| pmc.iter().rev().find(|d| d.day == day);
    let (t, y) = (at(today), at(today.add_days(-1)));
    let tsb = match (t, y) {
        (Some(t), _) => finite(t.tsb),
        (None, Some(y)) => finite(y.ctl - y.atl),
        _ => None,
    };
    let ctl = t.or(y).and_then(|d| finite(d.ctl));
    let load = match (y, t) {
        (Some(y), _) => Some((y.ctl, y.atl)),
        (None, Some(t)) => Some((t.ctl, t.ctl - t.tsb)),
        _ => None,
    }
    .filter(|(c, a)| c.is_finite() && a.is_finite());
    (tsb, ctl, load)
}

/// **Easy-days projection**: from yesterday's closing CTL and ATL, days of easy load
/// (today: the TSS done already or [`EASY_DAY_TSS`], whichever is more; then 25 a day)
/// until the next day's TSB is above −10; the count of such days, today included, at most
/// [`MAX_EASY_DAYS`].
///
/// Example (defaults, τ 42/7, `k = 1 − e^(−1/τ)`): CTL 50, ATL 80 (today's TSB −30) gives
/// 4, as `TSB after n days = 25·e^(−n/42) − 55·e^(−n/7)`: −23.3, −17.5, −12.6, −8.3.
pub fn easy_days_until_recovered(
    ctl: f64,
    atl: f64,
    today_tss: f64,
    settings: &PmcSettings,
) -> u32 {
    let start = PmcDay {
        day: Day::EPOCH,
        tss: 0.0,
        ctl,
        atl,
        tsb: 0.0,
        ramp: 0.0,
    };
    let recovered = |d: &PmcDay| d.ctl - d.atl > RECOVERED_TSB;
    let first_load = if today_tss.is_finite() {
        today_tss.max(EASY_DAY_TSS)
    } else {
        EASY_DAY_TSS
    };
    let Some(first) = pmc::project(&start, first_load, settings, 1)
        .first()
        .copied()
    else {
        return MAX_EASY_DAYS;
    };
    if recovered(&first) {
        return 1;
    }
    let rest = (MAX_EASY_DAYS - 1) as usize;
    pmc::project(&first, EASY_DAY_TSS, settings, rest)
        .iter()
        .position(recovered)
        .map_or(MAX_EASY_DAYS, |i| i as u32 + 2)
}
