//! Thresholds found in the runner's own files (issue #31; docs/domain.md §6.1): from the
//! efforts and watch settings imported sessions keep (`domain::efforts`) and the resting
//! heart rates of the check-ins, [`suggest`] proposes each threshold with its method, its
//! evidence and its date, or says what is missing; and it lists the watch's latest own
//! settings apart, so both can be shown.
//!
//! | threshold | method | evidence | window |
//! | --- | --- | --- | --- |
//! | max HR | the highest heart rate held 5 s | every sport but swimming | [`MAX_HR_WINDOW_DAYS`] |
//! | LTHR | Friel: the last 20 min of a hard continuous 30 min; else 95 % of a hard best 20 min | runs, else rides | [`WINDOW_DAYS`] |
//! | threshold pace | critical speed: `distance = CS × time + D′`, least squares over the best grade-adjusted distances of 3–30 min; 1 000 ÷ CS s/km | runs | [`WINDOW_DAYS`] |
//! | FTP | critical power: `work = CP × time + W′` over the best powers of 3–20 min; else 95 % of the best 20 min | rides with power | [`WINDOW_DAYS`] |
//! | CSS | `(d400 − d200) ÷ (t400 − t200)`, as a pace per 100 m | swims | [`WINDOW_DAYS`] |
//! | resting HR | the median of the check-ins' resting heart rates | check-ins | [`RESTING_WINDOW_DAYS`] |
//!
//! **Hard** (for LTHR, and for a best effort of 20 min or more): a mean heart rate over 20
//! minutes of at least [`HARD_SHARE_OF_MAX`] of the max HR; a best effort of 3–10 minutes
//! counts only from a session whose heart rate was held at [`SHORT_HARD_SHARE_OF_MAX`] of the
//! max HR or more. The max HR is the higher of the estimate above and the watch's setting
//! (a recording's max is a lower bound of the true one). A session without heart rate cannot
//! say, and its efforts count as they are. Critical speed and power need their best efforts
//! from [`MIN_SESSIONS`] sessions at least.
//!
//! **Ageing, as Stryd's auto-CP**: only efforts of the last [`WINDOW_DAYS`] days count, so an
//! estimate falls when its efforts grow older and no new ones match them (Stryd: "Your
//! Critical Power can be adjusted downward if 90-day old runs are dropped"). Stryd also
//! weighs older runs in the window less; it does not publish how, and this does not.
//!
//! Pure: "today" is a parameter, every number is computed from the arguments.

use super::date::Day;
use super::efforts::{Efforts, HrCalc, SwimBest, WatchSettings};
use super::quantity::{Bpm, Metres, PacePer100m, PacePerKm, Seconds, Watts};
use super::session::{Session, SessionId, Sport};
use super::thresholds::Thresholds;
use super::units;
use super::units::Units;
use super::wellness::Wellness;

/// Days of efforts that count (today included), as Stryd's auto-CP and its power-duration
/// curve (help.stryd.com, "Why is my Critical Power … not changing?").
pub const WINDOW_DAYS: i32 = 90;
/// Days of recordings the max HR is taken from: a year, since max HR falls only about
/// 0.7 bpm a year with age (Tanaka, Monahan and Seals 2001: 208 − 0.7 × age), while three
/// months without an all-out effort are common and would lower it wrongly.
pub const MAX_HR_WINDOW_DAYS: i32 = 365;
/// Days of check-ins the resting HR is taken from.
pub const RESTING_WINDOW_DAYS: i32 = 30;
/// Check-ins with a resting HR needed in those days.
pub const RESTING_MIN_READINGS: usize = 3;
/// A mean heart rate over 20 minutes of at least this share of the max HR is a hard effort
/// (module doc).
pub const HARD_SHARE_OF_MAX: f64 = 0.85;
/// A session whose heart rate was held at this share of the max HR or more (5 s) may hold
/// an all-out effort of 3–10 minutes; one that never came near it did not.
pub const SHORT_HARD_SHARE_OF_MAX: f64 = 0.90;
/// Critical speed and power need their best efforts from at least this many sessions: the
/// bests of one session are stretches of one effort (Stryd asks for three runs after a
/// reset; the issue, two or more efforts).
pub const MIN_SESSIONS: usize = 2;
/// TrainingPeaks' LTHR from the best 20 minutes, and Allen and Coggan's FTP from the best 20
/// minutes: 95 % of it.
pub const TWENTY_MINUTE_FACTOR: f64 = 0.95;
/// A smaller D′ (m) says the shorter best efforts were run at the pace of the longer: none
/// was all-out, and the slope is no critical speed.
pub const MIN_D_PRIME_M: f64 = 50.0;
/// A smaller W′ (J) says the same of the powers.
pub const MIN_W_PRIME_J: f64 = 2000.0;

/// How an estimate was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// The highest heart rate held for 5 s.
    MaxHeld,
    /// Friel: the mean heart rate of the last 20 minutes of a hard continuous 30.
    Friel,
    /// 95 % of the best 20-minute heart rate of a hard effort.
    TwentyMinuteHr,
    /// Critical speed from best efforts of 3–30 minutes.
    CriticalSpeed,
    /// Critical power from best efforts of 3–20 minutes.
    CriticalPower,
    /// 95 % of the best 20-minute power.
    TwentyMinutePower,
    /// Critical swim speed from the best 200 m and 400 m.
    Css,
    /// The median of the check-ins' resting heart rates.
    RestingMedian,
}

impl Method {
    /// What the method is, in a few words ("Friel's 30-minute rule").
    pub fn label(self) -> &'static str {
        match self {
            Method::MaxHeld => "the highest heart rate held for 5 s",
            Method::Friel => "Friel's rule: the last 20 min of a hard 30-min effort",
            Method::TwentyMinuteHr => "95 % of the best 20-min heart rate of a hard effort",
            Method::CriticalSpeed => "critical speed from your best efforts of 3–30 min",
            Method::CriticalPower => "critical power from your best efforts of 3–20 min",
            Method::TwentyMinutePower => "95 % of your best 20-min power",
            Method::Css => "critical swim speed from your best 200 m and 400 m",
            Method::RestingMedian => "the median of your check-ins' resting heart rates",
        }
    }

    /// Where the method comes from (docs/domain.md §6.1 and its Sources).
    pub fn source(self) -> &'static str {
        match self {
            Method::MaxHeld => {
                "a sustained value rather than the raw peak, so a strap's or an optical \
                 sensor's spike never counts (docs/domain.md §6.1)"
            }
            Method::Friel => "Joe Friel, \"Quick guide to setting zones\" and his LTHR test",
            Method::TwentyMinuteHr => "TrainingPeaks' threshold rule (95 % of the peak 20 min)",
            Method::CriticalSpeed => {
                "Monod and Scherrer's distance–time model, as Stryd and intervals.icu fit it"
            }
            Method::CriticalPower => {
                "Monod and Scherrer's work–time model, as GoldenCheetah fits it (2–20 min)"
            }
            Method::TwentyMinutePower => {
                "Allen and Coggan, Training and Racing with a Power Meter (FTP test)"
            }
            Method::Css => "Wakayoshi et al. 1992; Ginn 1993 (the CSS test)",
            Method::RestingMedian => "your own morning readings (docs/domain.md §6.1)",
        }
    }
}

/// The stretch of a session an estimate rests on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Stretch {
    /// The highest heart rate held for 5 s.
    HeldHr(Bpm),
    /// The last 20 minutes of the hardest continuous 30.
    FrielHr(Bpm),
    /// The best 20-minute mean heart rate.
    TwentyMinuteHr(Bpm),
    /// The best distance in `seconds`.
    Distance { seconds: u32, metres: Metres },
    /// The best mean power over `seconds`.
    Power { seconds: u32, watts: Watts },
    /// The best time over a swim distance.
    Swim { metres: Metres, time: Seconds },
    /// Resting heart rates of the check-ins from `from` to `to`.
    CheckIns { count: usize, from: Day, to: Day },
}

impl Stretch {
    /// In words, distances in the athlete's units: "best 10 min: 3.15 km", "best 20 min:
    /// 171 bpm".
    pub fn describe(&self, unit: Units) -> String {
        let minutes = |s: u32| units::format_minutes(s / 60);
        match *self {
            Stretch::HeldHr(b) => format!("held 5 s: {} bpm", b.get()),
            Stretch::FrielHr(b) => format!("last 20 min of a steady 30 min: {} bpm", b.get()),
            Stretch::TwentyMinuteHr(b) => format!("best 20 min: {} bpm", b.get()),
            Stretch::Distance { seconds, metres } => format!(
                "best {}: {}",
                minutes(seconds),
                units::format_distance(metres, unit)
            ),
            Stretch::Power { seconds, watts } => {
                format!("best {}: {:.0} W", minutes(seconds), watts.get())
            }
            Stretch::Swim { metres, time } => format!(
                "best {:.0} m: {}",
                metres.get(),
                units::mmss(f64::from(time.get()))
            ),
            Stretch::CheckIns { count, from, to } => {
                format!("{count} resting heart rates from {from} to {to}")
            }
        }
    }
}

/// One piece of evidence: a session (or the check-ins) and the stretch of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// The session; `None` for check-ins.
    pub id: Option<SessionId>,
    pub date: Day,
    /// The session's title ("Run 07:30"); "check-ins" for check-ins.
    pub title: String,
    pub stretch: Stretch,
}

/// A value found, with how.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate<T> {
    pub value: T,
    pub method: Method,
    /// The formula with its numbers, a sentence (SI units, no pace: the value is the pace).
    pub how: String,
    /// The sessions and stretches it rests on, newest first.
    pub evidence: Vec<Evidence>,
    /// The newest evidence's day: when the estimate was last borne out.
    pub date: Day,
}

/// A threshold from the files: found, or why not ("no hard effort over 20 min in the last
/// 90 days").
#[derive(Clone, Debug, PartialEq)]
pub enum Suggestion<T> {
    Found(Estimate<T>),
    Missing(String),
}

impl<T: Copy> Suggestion<T> {
    pub fn value(&self) -> Option<T> {
        self.estimate().map(|e| e.value)
    }

    pub fn estimate(&self) -> Option<&Estimate<T>> {
        match self {
            Suggestion::Found(e) => Some(e),
            Suggestion::Missing(_) => None,
        }
    }
}

/// A watch's own setting and the session whose file carried it.
#[derive(Clone, Debug, PartialEq)]
pub struct Dated<T> {
    pub value: T,
    pub date: Day,
    pub id: SessionId,
    pub title: String,
}

/// The latest setting of each kind the watches' files carried (FIT `zones_target`,
/// `user_profile`), whatever its age.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WatchLatest {
    pub lthr: Option<Dated<Bpm>>,
    pub max_hr: Option<Dated<Bpm>>,
    pub ftp: Option<Dated<Watts>>,
    pub resting_hr: Option<Dated<Bpm>>,
    pub hr_calc: Option<Dated<HrCalc>>,
}

/// Everything the files suggest (docs/domain.md §6.1).
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestions {
    pub lthr: Suggestion<Bpm>,
    pub max_hr: Suggestion<Bpm>,
    pub resting_hr: Suggestion<Bpm>,
    /// Threshold pace, s/km (the UI says it in min/km or min/mi: `units::format_pace`).
    pub threshold_pace: Suggestion<PacePerKm>,
    pub ftp: Suggestion<Watts>,
    /// CSS as a pace, s/100 m.
    pub css: Suggestion<PacePer100m>,
    /// The watches' own settings, kept apart from the estimates.
    pub watch: WatchLatest,
}

impl Suggestions {
    /// The values to propose: the watch's latest own setting where a file carries one, else
    /// the estimate (issue #31). Threshold pace and CSS come only from estimates (watches do
    /// not write them in `zones_target`).
    pub fn proposal(&self) -> Thresholds {
        Thresholds {
            lthr: self
                .watch
                .lthr
                .as_ref()
                .map(|d| d.value)
                .or(self.lthr.value()),
            max_hr: self
                .watch
                .max_hr
                .as_ref()
                .map(|d| d.value)
                .or(self.max_hr.value()),
            resting_hr: self
                .watch
                .resting_hr
                .as_ref()
                .map(|d| d.value)
                .or(self.resting_hr.value()),
            ftp: self
                .watch
                .ftp
                .as_ref()
                .map(|d| d.value)
                .or(self.ftp.value()),
            threshold_pace: self.threshold_pace.value(),
            css: self.css.value(),
        }
    }
}

/// The sessions with efforts, done by `today`, on or after `since`.
fn done(
    sessions: &[Session],
    since: Day,
    today: Day,
) -> impl Iterator<Item = (&Session, &Efforts)> {
    sessions
        .iter()
        .filter(move |s| s.date >= since && s.date <= today)
        .filter_map(|s| Some((s, s.efforts.as_ref()?)))
}

fn evidence(s: &Session, stretch: Stretch) -> Evidence {
    Evidence {
        id: Some(s.id.clone()),
        date: s.date,
        title: s.title.clone(),
        stretch,
    }
}

/// The first day of a window of `days` days ending today.
fn window_start(today: Day, days: i32) -> Day {
    today.add_days(1 - days)
}

/// " (the last was on 2026-01-03)" for efforts of this kind older than the window, else "".
fn last_before(
    sessions: &[Session],
    start: Day,
    has: impl Fn(&Session, &Efforts) -> bool,
) -> String {
    sessions
        .iter()
        .filter(|s| s.date < start)
        .filter(|s| s.efforts.as_ref().is_some_and(|e| has(s, e)))
        .map(|s| s.date)
        .max()
        .map(|d| {
            format!(" (the last was on {d}: older efforts no longer count, as in Stryd's auto-CP)")
        })
        .unwrap_or_default()
}

/// What the files suggest on `today` (module doc). `sessions` in any order; planned ones
/// (after today) are left out; `wellness` are the check-ins.
pub fn suggest(sessions: &[Session], wellness: &[Wellness], today: Day) -> Suggestions {
    let watch = watch_latest(sessions, today);
    let max_hr = max_hr(sessions, today);
    // The max HR that tells a hard effort: the higher of the recordings' and the watch's
    // setting (a recording's max is a lower bound of the true one).
    let reference = match (max_hr.value(), watch.max_hr.as_ref().map(|d| d.value)) {
        (Some(a), Some(b)) => Some(if a.get() >= b.get() { a } else { b }),
        (a, b) => a.or(b),
    };
    Suggestions {
        lthr: lthr(sessions, today, reference),
        threshold_pace: threshold_pace(sessions, today, reference),
        ftp: ftp(sessions, today, reference),
        css: css(sessions, today),
        resting_hr: resting_hr(wellness, today),
        max_hr,
        watch,
    }
}

fn watch_latest(sessions: &[Session], today: Day) -> WatchLatest {
    let mut dated: Vec<&Session> = sessions
        .iter()
        .filter(|s| s.date <= today && s.efforts.is_some_and(|e| e.watch.is_some()))
        .collect();
    dated.sort_by(|a, b| (b.date, b.start_time, &b.id).cmp(&(a.date, a.start_time, &a.id)));
    fn latest<T>(
        dated: &[&Session],
        get: impl Fn(&WatchSettings) -> Option<T>,
    ) -> Option<Dated<T>> {
        dated.iter().find_map(|s| {
            let value = get(s.efforts.as_ref()?.watch.as_ref()?)?;
            Some(Dated {
                value,
                date: s.date,
                id: s.id.clone(),
                title: s.title.clone(),
            })
        })
    }
    WatchLatest {
        lthr: latest(&dated, |w| w.lthr),
        max_hr: latest(&dated, |w| w.max_hr),
        ftp: latest(&dated, |w| w.ftp),
        resting_hr: latest(&dated, |w| w.resting_hr),
        hr_calc: latest(&dated, |w| w.hr_calc),
    }
}

fn max_hr(sessions: &[Session], today: Day) -> Suggestion<Bpm> {
    let start = window_start(today, MAX_HR_WINDOW_DAYS);
    let best = done(sessions, start, today)
        .filter_map(|(s, e)| Some((e.max_hr?, s)))
        .max_by_key(|(b, s)| (b.get(), s.date));
    match best {
        Some((bpm, s)) => Suggestion::Found(Estimate {
            value: bpm,
            method: Method::MaxHeld,
            how: format!(
                "the highest heart rate held for 5 s in your files of the last {MAX_HR_WINDOW_DAYS} \
                 days ({} bpm); your true max is higher if you never went all-out",
                bpm.get()
            ),
            evidence: vec![evidence(s, Stretch::HeldHr(bpm))],
            date: s.date,
        }),
        None => Suggestion::Missing(format!(
            "no heart rate held for 5 s in the files of the last {MAX_HR_WINDOW_DAYS} days{}",
            last_before(sessions, start, |_, e| e.max_hr.is_some())
        )),
    }
}

/// Whether a session's efforts were hard by heart rate (module doc): its best 20 minutes at
/// [`HARD_SHARE_OF_MAX`] of `reference` or more; `None` when it cannot say (no heart rate,
/// or no max HR to judge by).
fn hard(e: &Efforts, reference: Option<Bpm>) -> Option<bool> {
    let bar = HARD_SHARE_OF_MAX * f64::from(reference?);
    let hr = e.friel_hr.into_iter().chain(e.hr_20min).map(f64::from);
    hr.fold(None, |h: Option<f64>, x| Some(h.map_or(x, |h| h.max(x))))
        .map(|h| h >= bar)
}

fn lthr(sessions: &[Session], today: Day, reference: Option<Bpm>) -> Suggestion<Bpm> {
    let start = window_start(today, WINDOW_DAYS);
    let Some(reference) = reference else {
        return Suggestion::Missing(
            "no max heart rate to tell a hard effort by: no file of the last year holds one, \
             and no watch setting says it"
                .into(),
        );
    };
    let bar = HARD_SHARE_OF_MAX * f64::from(reference);
    let bar_bpm = bar.ceil();
    let pick = |sport: Sport, get: fn(&Efforts) -> Option<Bpm>| {
        done(sessions, start, today)
            .filter(|(s, _)| s.sport == sport)
            .filter_map(|(s, e)| Some((get(e)?, s)))
            .filter(|(b, _)| f64::from(*b) >= bar)
            .max_by_key(|(b, s)| (b.get(), s.date))
    };
    for (sport, note) in [
        (Sport::Run, ""),
        (
            Sport::Ride,
            "; from a ride, since no run had one: cycling's LTHR is often a few beats lower \
             than running's",
        ),
    ] {
        if let Some((bpm, s)) = pick(sport, |e| e.friel_hr) {
            return Suggestion::Found(Estimate {
                value: bpm,
                method: Method::Friel,
                how: format!(
                    "the mean heart rate of the last 20 min of your hardest steady 30 min \
                     ({} bpm), a hard effort (at least {bar_bpm:.0} bpm, 85 % of max HR {}){note}",
                    bpm.get(),
                    reference.get()
                ),
                evidence: vec![evidence(s, Stretch::FrielHr(bpm))],
                date: s.date,
            });
        }
        if let Some((bpm, s)) = pick(sport, |e| e.hr_20min) {
            let value = (TWENTY_MINUTE_FACTOR * f64::from(bpm)).round();
            let Some(value) = Bpm::new(value as u16) else {
                continue;
            };
            return Suggestion::Found(Estimate {
                value,
                method: Method::TwentyMinuteHr,
                how: format!(
                    "95 % of your best 20-min heart rate ({} bpm × 0.95 = {} bpm), a hard \
                     effort (at least {bar_bpm:.0} bpm, 85 % of max HR {}); no steady 30 min \
                     to apply Friel's rule to{note}",
                    bpm.get(),
                    value.get(),
                    reference.get()
                ),
                evidence: vec![evidence(s, Stretch::TwentyMinuteHr(bpm))],
                date: s.date,
            });
        }
    }
    let with_hr = done(sessions, start, today)
        .filter(|(s, e)| matches!(s.sport, Sport::Run | Sport::Ride) && e.hr_20min.is_some())
        .count();
    Suggestion::Missing(if with_hr == 0 {
        format!(
            "no run or ride with 20 min of heart rate in the last {WINDOW_DAYS} days{}",
            last_before(sessions, start, |_, e| e.hr_20min.is_some())
        )
    } else {
        format!(
            "no hard effort over 20 min in the last {WINDOW_DAYS} days: none of your {with_hr} \
             runs and rides with heart rate held {bar_bpm:.0} bpm (85 % of max HR {}) for 20 min",
            reference.get()
        )
    })
}

/// Least squares of `y = slope × x + intercept` (Monod and Scherrer's linear model; research
/// notes §4.1): `slope = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)²`, `intercept = ȳ − slope × x̄`, and R².
/// `None` under two points or when every x is the same.
pub fn least_squares(points: &[(f64, f64)]) -> Option<(f64, f64, f64)> {
    let n = points.len() as f64;
    if points.len() < 2 {
        return None;
    }
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let syy: f64 = points.iter().map(|p| (p.1 - my).powi(2)).sum();
    if sxx <= 0.0 {
        return None;
    }
    let slope = sxy / sxx;
    let intercept = my - slope * mx;
    let residual: f64 = points
        .iter()
        .map(|p| (p.1 - slope * p.0 - intercept).powi(2))
        .sum();
    let r2 = if syy > 0.0 { 1.0 - residual / syy } else { 1.0 };
    Some((slope, intercept, r2)).filter(|(s, i, _)| s.is_finite() && i.is_finite())
}

/// The best of each duration over the window's sessions: (seconds, value, session), where
/// an effort counts only from a session that was hard by heart rate, or cannot say (module
/// doc: 20 min or more by its 20-min heart rate, shorter by its max held).
fn bests<T: Copy + Into<f64>>(
    sessions: &[Session],
    start: Day,
    today: Day,
    reference: Option<Bpm>,
    of: impl Fn(&Efforts) -> Vec<(u32, T)>,
) -> Vec<(u32, T, &Session)> {
    let mut best: Vec<(u32, T, &Session)> = Vec::new();
    for (s, e) in done(sessions, start, today) {
        let long_hard = hard(e, reference);
        let short_hard = reference
            .zip(e.max_hr)
            .map(|(r, m)| f64::from(m) >= SHORT_HARD_SHARE_OF_MAX * f64::from(r));
        for (t, v) in of(e) {
            let hard = if t >= 1200 { long_hard } else { short_hard };
            if hard == Some(false) {
                continue;
            }
            match best.iter_mut().find(|b| b.0 == t) {
                Some(b)
                    if v.into() > b.1.into() || (v.into() == b.1.into() && s.date > b.2.date) =>
                {
                    *b = (t, v, s)
                }
                Some(_) => {}
                None => best.push((t, v, s)),
            }
        }
    }
    best.sort_by_key(|b| b.0);
    best
}

/// How many sessions the points come from.
fn sessions_of<T>(points: &[(u32, T, &Session)]) -> usize {
    let mut ids: Vec<&SessionId> = points.iter().map(|p| &p.2.id).collect();
    ids.sort();
    ids.dedup();
    ids.len()
}

fn newest_first(mut ev: Vec<Evidence>) -> (Vec<Evidence>, Option<Day>) {
    ev.sort_by_key(|e| std::cmp::Reverse(e.date));
    let date = ev.first().map(|e| e.date);
    (ev, date)
}

fn threshold_pace(
    sessions: &[Session],
    today: Day,
    reference: Option<Bpm>,
) -> Suggestion<PacePerKm> {
    let start = window_start(today, WINDOW_DAYS);
    let points = bests(sessions, start, today, reference, |e| {
        e.run_bests().collect::<Vec<_>>()
    });
    if points.is_empty() {
        return Suggestion::Missing(format!(
            "no hard run with distance of 3 min or more in the last {WINDOW_DAYS} days{}",
            last_before(sessions, start, |_, e| e.run.iter().any(Option::is_some))
        ));
    }
    let runs = sessions_of(&points);
    if points.len() < 2 || runs < MIN_SESSIONS {
        return Suggestion::Missing(format!(
            "needs best efforts from {MIN_SESSIONS} hard runs or more, of two durations from 3 \
             to 30 min, in the last {WINDOW_DAYS} days; they come from {runs} run{}",
            if runs == 1 { "" } else { "s" }
        ));
    }
    let xy: Vec<(f64, f64)> = points
        .iter()
        .map(|(t, d, _)| (f64::from(*t), f64::from(*d)))
        .collect();
    let Some((cs, d_prime, r2)) = least_squares(&xy) else {
        return Suggestion::Missing("the best efforts do not fit the distance–time model".into());
    };
    if d_prime < MIN_D_PRIME_M {
        return Suggestion::Missing(format!(
            "no all-out short effort in the last {WINDOW_DAYS} days: your best 3–5 min were run \
             at the pace of your longer bests (D′ {d_prime:.0} m, under {MIN_D_PRIME_M:.0} m), \
             so their slope is no critical speed"
        ));
    }
    let Some(pace) = (cs > 0.0).then(|| 1000.0 / cs).and_then(PacePerKm::new) else {
        return Suggestion::Missing(format!(
            "the critical speed of your best efforts ({cs:.2} m/s) is no running pace"
        ));
    };
    let (evidence, date) = newest_first(
        points
            .iter()
            .map(|(t, d, s)| {
                evidence(
                    s,
                    Stretch::Distance {
                        seconds: *t,
                        metres: *d,
                    },
                )
            })
            .collect(),
    );
    Suggestion::Found(Estimate {
        value: pace,
        method: Method::CriticalSpeed,
        how: format!(
            "distance = CS × time + D′ fitted (least squares) to your best distance in {} \
             durations from 3 to 30 min of the last {WINDOW_DAYS} days: CS {cs:.2} m/s, D′ \
             {d_prime:.0} m, R² {r2:.4}; threshold pace = 1 000 ÷ CS = {:.0} s/km",
            points.len(),
            pace.get()
        ),
        evidence,
        date: date.unwrap_or(today),
    })
}

fn ftp(sessions: &[Session], today: Day, reference: Option<Bpm>) -> Suggestion<Watts> {
    let start = window_start(today, WINDOW_DAYS);
    let points = bests(sessions, start, today, reference, |e| {
        e.ride_bests().collect::<Vec<_>>()
    });
    let as_evidence = |points: &[&(u32, Watts, &Session)]| {
        newest_first(
            points
                .iter()
                .map(|(t, w, s)| {
                    evidence(
                        s,
                        Stretch::Power {
                            seconds: *t,
                            watts: *w,
                        },
                    )
                })
                .collect(),
        )
    };
    let work: Vec<(f64, f64)> = points
        .iter()
        .map(|(t, w, _)| (f64::from(*t), f64::from(*t) * f64::from(*w)))
        .collect();
    let fit =
        least_squares(&work).filter(|(cp, w_prime, _)| *cp > 0.0 && *w_prime >= MIN_W_PRIME_J);
    let fit = fit.filter(|_| sessions_of(&points) >= MIN_SESSIONS);
    if let Some((cp, w_prime, r2)) = fit {
        if let Some(value) = Watts::new(cp.round()) {
            let (evidence, date) = as_evidence(&points.iter().collect::<Vec<_>>());
            return Suggestion::Found(Estimate {
                value,
                method: Method::CriticalPower,
                how: format!(
                    "work = CP × time + W′ fitted (least squares) to your best power in {} \
                     durations from 3 to 20 min of the last {WINDOW_DAYS} days: CP {cp:.0} W, \
                     W′ {:.1} kJ, R² {r2:.4}; FTP taken as CP",
                    points.len(),
                    w_prime / 1000.0
                ),
                evidence,
                date: date.unwrap_or(today),
            });
        }
    }
    if let Some(twenty) = points.iter().find(|p| p.0 == 1200) {
        let confirmed = match twenty.2.efforts.as_ref().and_then(|e| hard(e, reference)) {
            Some(_) => "",
            None => " (no heart rate to tell whether it was hard)",
        };
        if let Some(value) = Watts::new((TWENTY_MINUTE_FACTOR * f64::from(twenty.1)).round()) {
            let (evidence, date) = as_evidence(&[twenty]);
            return Suggestion::Found(Estimate {
                value,
                method: Method::TwentyMinutePower,
                how: format!(
                    "95 % of your best 20-min power ({:.0} W × 0.95 = {:.0} W){confirmed}; no \
                     set of 3–20 min efforts to fit critical power to",
                    twenty.1.get(),
                    value.get()
                ),
                evidence,
                date: date.unwrap_or(today),
            });
        }
    }
    Suggestion::Missing(if points.is_empty() {
        format!(
            "no ride with power in the last {WINDOW_DAYS} days{}",
            last_before(sessions, start, |_, e| e.ride.iter().any(Option::is_some))
        )
    } else {
        format!(
            "no hard ride of 20 min with power in the last {WINDOW_DAYS} days, and no all-out \
             short effort to fit critical power to (W′ under {:.0} kJ)",
            MIN_W_PRIME_J / 1000.0
        )
    })
}

fn css(sessions: &[Session], today: Day) -> Suggestion<PacePer100m> {
    let start = window_start(today, WINDOW_DAYS);
    // The fastest of each slot (~200 m, ~400 m) by pace, so pools of other lengths compare.
    let mut best: [Option<(SwimBest, &Session)>; 2] = [None, None];
    for (s, e) in done(sessions, start, today) {
        for (slot, swim) in best.iter_mut().zip(e.swim) {
            let Some(swim) = swim else { continue };
            let pace = |b: &SwimBest| f64::from(b.time) / f64::from(b.distance);
            if slot.is_none_or(|(b, _)| pace(&swim) < pace(&b)) {
                *slot = Some((swim, s));
            }
        }
    }
    let [Some((short, s1)), Some((long, s2))] = best else {
        return Suggestion::Missing(format!(
            "no swims with a 200 m and a 400 m in the last {WINDOW_DAYS} days{}",
            last_before(sessions, start, |_, e| e.swim.iter().any(Option::is_some))
        ));
    };
    let (d1, t1) = (f64::from(short.distance), f64::from(short.time));
    let (d2, t2) = (f64::from(long.distance), f64::from(long.time));
    if !(d2 > d1 && t2 > t1 && t2 / d2 > t1 / d1) {
        return Suggestion::Missing(
            "your best 400 m is no slower per 100 m than your best 200 m: they were not both \
             all-out, and give no CSS"
                .into(),
        );
    }
    let speed = (d2 - d1) / (t2 - t1);
    let Some(pace) = PacePer100m::new(100.0 / speed) else {
        return Suggestion::Missing(format!(
            "the CSS of your best 200 m and 400 m ({speed:.2} m/s) is no swim pace"
        ));
    };
    let (evidence, date) = newest_first(vec![
        evidence(
            s1,
            Stretch::Swim {
                metres: short.distance,
                time: short.time,
            },
        ),
        evidence(
            s2,
            Stretch::Swim {
                metres: long.distance,
                time: long.time,
            },
        ),
    ]);
    Suggestion::Found(Estimate {
        value: pace,
        method: Method::Css,
        how: format!(
            "CSS = ({d2:.0} − {d1:.0}) m ÷ ({t2:.0} − {t1:.0}) s = {speed:.3} m/s, {} /100 m, \
             from your best swims of the last {WINDOW_DAYS} days",
            units::mmss(pace.get())
        ),
        evidence,
        date: date.unwrap_or(today),
    })
}

fn resting_hr(wellness: &[Wellness], today: Day) -> Suggestion<Bpm> {
    let start = window_start(today, RESTING_WINDOW_DAYS);
    let mut days: Vec<(Day, u16)> = wellness
        .iter()
        .filter(|w| w.date >= start && w.date <= today)
        .filter_map(|w| Some((w.date, w.resting_hr?.get())))
        .collect();
    if days.len() < RESTING_MIN_READINGS {
        return Suggestion::Missing(format!(
            "{} resting heart rate{} in the check-ins of the last {RESTING_WINDOW_DAYS} days; \
             {RESTING_MIN_READINGS} are needed",
            days.len(),
            if days.len() == 1 { "" } else { "s" }
        ));
    }
    days.sort();
    let (from, to) = (days[0].0, days[days.len() - 1].0);
    let mut values: Vec<u16> = days.iter().map(|d| d.1).collect();
    values.sort_unstable();
    let n = values.len();
    let median = if n % 2 == 1 {
        f64::from(values[n / 2])
    } else {
        (f64::from(values[n / 2 - 1]) + f64::from(values[n / 2])) / 2.0
    };
    let Some(value) = Bpm::new(median.round() as u16) else {
        return Suggestion::Missing("the check-ins' resting heart rates are out of range".into());
    };
    Suggestion::Found(Estimate {
        value,
        method: Method::RestingMedian,
        how: format!(
            "the median of {n} resting heart rates in your check-ins of the last \
             {RESTING_WINDOW_DAYS} days ({median} bpm): a sick day's or a bad reading's value \
             does not move it"
        ),
        evidence: vec![Evidence {
            id: None,
            date: to,
            title: "check-ins".into(),
            stretch: Stretch::CheckIns { count: n, from, to },
        }],
        date: to,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        s.parse().expect("a date")
    }

    fn session(id: &str, date: &str, sport: Sport, efforts: Efforts) -> Session {
        let mut s = Session::new(
            SessionId(id.into()),
            day(date),
            sport,
            Seconds::new(3600).unwrap(),
        );
        s.title = id.into();
        s.efforts = Some(efforts);
        s
    }

    fn run(id: &str, date: &str, metres: [Option<f64>; 5]) -> Session {
        session(
            id,
            date,
            Sport::Run,
            Efforts {
                run: metres.map(|m| m.and_then(Metres::new)),
                ..Efforts::default()
            },
        )
    }

    #[test]
    fn least_squares_by_hand() {
        // Three points on d = 4 t + 200 (CS 4 m/s, D′ 200 m): (180, 920), (600, 2 600),
        // (1 200, 5 000). The fit gives the line back exactly, R² = 1.
        let (cs, d, r2) =
            least_squares(&[(180.0, 920.0), (600.0, 2600.0), (1200.0, 5000.0)]).unwrap();
        assert!((cs - 4.0).abs() < 1e-12 && (d - 200.0).abs() < 1e-9 && (r2 - 1.0).abs() < 1e-12);
        // Off the line, by hand: (0, 0), (1, 1), (2, 3): x̄ = 1, ȳ = 4/3, Σ(x−x̄)(y−ȳ) = 3,
        // Σ(x−x̄)² = 2: slope 1.5, intercept 4/3 − 1.5 = −1/6.
        let (s, i, _) = least_squares(&[(0.0, 0.0), (1.0, 1.0), (2.0, 3.0)]).unwrap();
        assert!((s - 1.5).abs() < 1e-12 && (i + 1.0 / 6.0).abs() < 1e-12);
        assert_eq!(least_squares(&[(1.0, 1.0)]), None);
        assert_eq!(least_squares(&[(1.0, 1.0), (1.0, 2.0)]), None);
    }

    #[test]
    fn critical_speed_and_threshold_pace() {
        // Best efforts on d = 4 t + 200 from two runs: CS 4 m/s, threshold pace 1 000 / 4 =
        // 250 s/km (4:10 /km), D′ 200 m.
        let today = day("2026-05-31");
        let sessions = [
            run(
                "a",
                "2026-05-01",
                [Some(920.0), Some(1400.0), None, None, None],
            ),
            run(
                "b",
                "2026-05-20",
                [None, None, Some(2600.0), Some(5000.0), Some(7400.0)],
            ),
        ];
        let s = suggest(&sessions, &[], today);
        let e = s.threshold_pace.estimate().expect("a pace");
        assert!((e.value.get() - 250.0).abs() < 1e-6, "{}", e.value.get());
        assert_eq!(e.method, Method::CriticalSpeed);
        assert_eq!(e.date, day("2026-05-20"));
        assert_eq!(e.evidence.len(), 5);
        assert!(e.how.contains("D′ 200 m"), "{}", e.how);
        assert_eq!(
            e.evidence[0].stretch.describe(Units::Metric),
            "best 10 min: 2.6 km"
        );
        // 91 days later the efforts have aged out.
        let later = suggest(&sessions, &[], day("2026-08-19"));
        match later.threshold_pace {
            Suggestion::Missing(why) => {
                assert!(why.contains("the last was on 2026-05-20"), "{why}")
            }
            f => panic!("{f:?}"),
        }
        // The same pace for every duration (D′ = 0): no all-out short effort.
        let even = [
            run(
                "c",
                "2026-05-20",
                [Some(720.0), Some(1200.0), None, None, None],
            ),
            run(
                "d",
                "2026-05-21",
                [None, None, Some(2400.0), Some(4800.0), None],
            ),
        ];
        match suggest(&even, &[], today).threshold_pace {
            Suggestion::Missing(why) => assert!(why.contains("no all-out short effort"), "{why}"),
            f => panic!("{f:?}"),
        }
        // The bests of one run are stretches of one effort: two runs are needed.
        match suggest(&sessions[1..], &[], today).threshold_pace {
            Suggestion::Missing(why) => assert!(why.contains("they come from 1 run"), "{why}"),
            f => panic!("{f:?}"),
        }
    }

    #[test]
    fn critical_power_by_the_three_and_twenty_minute_protocol() {
        // Monod and Scherrer's two-point protocol (GoldenCheetah's wiki: 3 and 20 minutes),
        // by hand: 3 min at 400 W and 20 min at 300 W are 72 000 J and 360 000 J, so
        // CP = (360 000 − 72 000) / (1 200 − 180) = 282.35 W → 282 W, W′ = 72 000 − 282.35 ×
        // 180 = 21 176 J.
        let ride = |id: &str, watts: [Option<f64>; 4]| {
            session(
                id,
                "2026-05-20",
                Sport::Ride,
                Efforts {
                    ride: watts.map(|w| w.and_then(Watts::new)),
                    ..Efforts::default()
                },
            )
        };
        let rides = [
            ride("3", [Some(400.0), None, None, None]),
            ride("20", [None, None, None, Some(300.0)]),
        ];
        let s = suggest(&rides, &[], day("2026-05-31"));
        let e = s.ftp.estimate().expect("an FTP");
        assert_eq!((e.value.get(), e.method), (282.0, Method::CriticalPower));
        assert!(e.how.contains("W′ 21.2 kJ"), "{}", e.how);
        // Only a 20-min effort: Allen and Coggan's 95 %: 263 W → 249.85 → 250 W.
        let only = ride("only", [None, None, None, Some(263.0)]);
        let e = suggest(&[only], &[], day("2026-05-31")).ftp;
        let e = e.estimate().expect("an FTP");
        assert_eq!(
            (e.value.get(), e.method),
            (250.0, Method::TwentyMinutePower)
        );
        assert!(e.how.contains("no heart rate"), "{}", e.how);
    }

    #[test]
    fn css_worked_example() {
        // The CSS test's worked example (dialpace.com's calculator, after Ginn 1993): 400 m
        // in 6:00, 200 m in 2:50 → (400 − 200) / (360 − 170) = 1.0526 m/s, 95 s/100 m.
        let swim = |id: &str, slot: usize, m: f64, t: u32| {
            let mut e = Efforts::default();
            e.swim[slot] = Some(super::SwimBest {
                distance: Metres::new(m).unwrap(),
                time: Seconds::new(t).unwrap(),
            });
            session(id, "2026-05-20", Sport::Swim, e)
        };
        let sessions = [swim("a", 0, 200.0, 170), swim("b", 1, 400.0, 360)];
        let s = suggest(&sessions, &[], day("2026-05-31"));
        let e = s.css.estimate().expect("a CSS");
        assert!((e.value.get() - 95.0).abs() < 1e-6);
        assert_eq!(e.evidence.len(), 2);
        // A 400 m as fast per 100 m as the 200 m is no pair of all-out efforts.
        let flat = [swim("a", 0, 200.0, 170), swim("b", 1, 400.0, 340)];
        assert!(suggest(&flat, &[], day("2026-05-31")).css.value().is_none());
    }

    #[test]
    fn lthr_by_friel_then_by_the_best_twenty_minutes() {
        let today = day("2026-05-31");
        let hr = |max: u16, twenty: Option<u16>, friel: Option<u16>| Efforts {
            max_hr: Bpm::new(max),
            hr_20min: twenty.and_then(Bpm::new),
            friel_hr: friel.and_then(Bpm::new),
            ..Efforts::default()
        };
        // Max HR 190 (held 5 s): a hard effort averages at least 0.85 × 190 = 161.5 bpm.
        // Friel's last 20 min of a steady 30 at 170 → LTHR 170.
        let sessions = [
            session("max", "2026-04-01", Sport::Run, hr(190, Some(150), None)),
            session(
                "tt",
                "2026-05-10",
                Sport::Run,
                hr(182, Some(172), Some(170)),
            ),
        ];
        let s = suggest(&sessions, &[], today);
        assert_eq!(s.max_hr.value(), Bpm::new(190));
        let e = s.lthr.estimate().unwrap();
        assert_eq!((e.value, e.method), (Bpm::new(170).unwrap(), Method::Friel));
        // Without a steady 30 min: TrainingPeaks' 95 % of the best 20 min, 180 → 171 bpm.
        let sessions = [
            session("max", "2026-04-01", Sport::Run, hr(190, None, None)),
            session("20", "2026-05-10", Sport::Run, hr(186, Some(180), None)),
        ];
        let e = suggest(&sessions, &[], today).lthr;
        let e = e.estimate().unwrap();
        assert_eq!((e.value.get(), e.method), (171, Method::TwentyMinuteHr));
        // Only easy runs (150 bpm < 161.5): what is missing is said.
        let easy = [session(
            "e",
            "2026-05-10",
            Sport::Run,
            hr(190, Some(150), Some(149)),
        )];
        match suggest(&easy, &[], today).lthr {
            Suggestion::Missing(why) => {
                assert!(
                    why.starts_with("no hard effort over 20 min in the last 90 days"),
                    "{why}"
                )
            }
            f => panic!("{f:?}"),
        }
    }

    #[test]
    fn resting_hr_is_the_median_of_a_month() {
        // 48, 50, 51, 62 (a sick day) and 47 bpm in the 30 days to 2026-05-31 (from
        // 2026-05-02 on): sorted 47 48 50 51 62, median 50.
        let today = day("2026-05-31");
        let w: Vec<Wellness> = [(2, 48), (5, 50), (9, 51), (12, 62), (20, 47)]
            .into_iter()
            .map(|(d, bpm)| Wellness {
                resting_hr: Bpm::new(bpm),
                ..Wellness::empty(day(&format!("2026-05-{d:02}")))
            })
            .collect();
        let e = resting_hr(&w, today);
        let e = e.estimate().unwrap();
        assert_eq!(e.value.get(), 50);
        assert_eq!(
            e.evidence[0].stretch.describe(Units::Metric),
            "5 resting heart rates from 2026-05-02 to 2026-05-20"
        );
        // Two in the month are not enough; an even count takes the mean of the middle two.
        assert!(resting_hr(&w[..2], today).value().is_none());
        assert_eq!(resting_hr(&w[..4], today).value(), Bpm::new(51)); // (50 + 51)/2 = 50.5 → 51
    }

    #[test]
    fn the_watch_comes_first_in_the_proposal_and_both_are_kept() {
        let today = day("2026-05-31");
        let watch = |lthr: u16| WatchSettings {
            lthr: Bpm::new(lthr),
            ..WatchSettings::default()
        };
        let older = session(
            "old",
            "2026-03-01",
            Sport::Run,
            Efforts {
                watch: Some(watch(160)),
                ..Efforts::default()
            },
        );
        let newer = session(
            "new",
            "2026-05-01",
            Sport::Run,
            Efforts {
                max_hr: Bpm::new(190),
                hr_20min: Bpm::new(180),
                watch: Some(watch(165)),
                ..Efforts::default()
            },
        );
        let s = suggest(&[newer, older], &[], today);
        let w = s.watch.lthr.as_ref().unwrap();
        assert_eq!((w.value.get(), w.date), (165, day("2026-05-01")));
        assert_eq!(s.lthr.value(), Bpm::new(171), "the estimate is kept apart");
        assert_eq!(s.proposal().lthr, Bpm::new(165));
        assert_eq!(
            s.proposal().max_hr,
            Bpm::new(190),
            "no watch max: the estimate"
        );
    }
}
