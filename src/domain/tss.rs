//! Training Stress Score of one session (docs/domain.md §1): one hour at threshold = 100.
//!
//! [`score`] picks the best estimate the session's data and the profile's thresholds allow,
//! in this order:
//!
//! 1. **given** — a TSS from a device or coach is kept as it is (`tss_method` "given", or a
//!    TSS with no method at all, as in a hand-made CSV);
//! 2. **power** — normalized (else average) power over the profile's FTP (Coggan). Any sport
//!    with power may use it, though in practice that means rides;
//! 3. **pace** — runs with distance and a threshold pace (rTSS, TrainingPeaks);
//! 4. **swim** — swims with distance and a CSS (sTSS, IF cubed, TrainingPeaks);
//! 5. **hr** — average heart rate over LTHR (hrTSS, an approximation); without an LTHR,
//!    over the Karvonen estimate `resting + 0.85 × (max − resting)` when the set has max and
//!    resting HR (`Thresholds::scoring_lthr`; the "why" says it is an estimate);
//! 6. **rpe** — perceived effort mapped to an IF (an estimate; strength and yoga have their
//!    own, lower scale);
//! 7. **a stored estimate** that none of the above can redo (say, an imported `hr` TSS when
//!    the profile has no LTHR) is kept as it came, rather than dropping that day's load.
//!
//! Why this order: a measured output against a measured threshold (power, pace) says how
//! hard the work was; heart rate is a response to it, lagging and drifting with heat,
//! sleep and caffeine, so it comes after; a perceived effort is a guess and comes last. A
//! TSS someone gave wins over everything, because they saw the data this app did not (a
//! file's stream, a coach's judgement). Every method needs its own threshold: when one is
//! missing, the next method is tried, never a default threshold that would give a wrong
//! number. An estimate with a stored method other than "given" is recomputed, since the
//! thresholds may have changed since it was made.
//!
//! **Thresholds of the day** (docs/domain.md §6): every estimate uses the thresholds in force on
//! the session's date (`Profile::in_force`), and says which set that was ([`Score::since`]).
//! **The athlete's choice**: a session with `tss_method_chosen` is scored by that method
//! when its data allow it (the TSS they typed for `given`), else by the order above.

use super::date::Day;
use super::profile::Profile;
use super::quantity::{PacePerKm, Tss};
use super::session::{Intent, Session, Sport, TssMethod};
use super::thresholds::{InForce, ScoringLthr, Thresholds};
use super::units::{self, Units};

/// A session's stress and how it was found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Score {
    pub tss: Tss,
    pub method: TssMethod,
    /// Intensity factor (IF), where the method has one (not for a given or stored TSS).
    pub intensity: Option<f64>,
    /// The `since` of the threshold set that scored it, for a method that uses a threshold
    /// (power, pace, swim, hr) when the profile has dated sets (docs/domain.md §6).
    pub since: Option<Day>,
}

/// The estimate for `session` with the thresholds in force on its date: the method the
/// athlete chose when its data allow it, else the best the data allow; `None` when they
/// allow none.
pub fn score(session: &Session, profile: &Profile) -> Option<Score> {
    let set = profile.in_force(session.date);
    let t = &set.values;
    let chosen = session
        .tss_method_chosen
        .and_then(|m| by_method(m, session, t));
    chosen
        .or_else(|| given(session))
        .or_else(|| power(session, t))
        .or_else(|| pace(session, t))
        .or_else(|| swim(session, t))
        .or_else(|| heart_rate(session, t))
        .or_else(|| perceived(session))
        .or_else(|| stored(session))
        .map(|s| Score {
            since: set
                .since
                .filter(|_| uses_thresholds(s.method) && s.intensity.is_some()),
            ..s
        })
}

/// Every method the session's data and the thresholds of its day allow, in the order of
/// [`score`] (for the athlete's choice; `given` only when the session has a TSS someone
/// gave).
pub fn available(session: &Session, profile: &Profile) -> Vec<Score> {
    let set = profile.in_force(session.date);
    TssMethod::ALL
        .into_iter()
        .filter_map(|m| by_method(m, session, &set.values))
        .map(|s| Score {
            since: set.since.filter(|_| uses_thresholds(s.method)),
            ..s
        })
        .collect()
}

/// Whether `method` estimates from a threshold (so the set in force matters).
pub fn uses_thresholds(method: TssMethod) -> bool {
    matches!(
        method,
        TssMethod::Power | TssMethod::Pace | TssMethod::Swim | TssMethod::Hr
    )
}

/// The score by one method, if the data allow it. `Given` is the session's TSS as typed
/// (a stored TSS of another method is not "given").
fn by_method(m: TssMethod, s: &Session, t: &Thresholds) -> Option<Score> {
    match m {
        TssMethod::Given => given(s),
        TssMethod::Power => power(s, t),
        TssMethod::Pace => pace(s, t),
        TssMethod::Swim => swim(s, t),
        TssMethod::Hr => heart_rate(s, t),
        TssMethod::Rpe => perceived(s),
    }
}

/// Sets the session's stored TSS and method from [`score`] with the thresholds in force on
/// its date. A given TSS stays as it is; an estimate is recomputed, since thresholds may
/// have changed since it was made.
pub fn rescore(session: &mut Session, profile: &Profile) {
    let s = score(session, profile);
    session.tss = s.map(|s| s.tss);
    session.tss_method = s.map(|s| s.method);
}

/// An estimate over this many TSS per hour is implausible (docs/domain.md §6): an hour at
/// threshold is 100, and 2.25 times that for a whole hour is beyond any athlete (Elevate flags
/// the same ceiling as bad data). It points at a wrong threshold, distance or duration.
pub const IMPLAUSIBLE_TSS_PER_HOUR: f64 = 225.0;

/// The TSS per hour of `score` when it is an implausible estimate of `session` (over
/// [`IMPLAUSIBLE_TSS_PER_HOUR`]); `None` for a plausible one or a TSS someone gave.
pub fn implausible_rate(session: &Session, score: &Score) -> Option<f64> {
    if score.method == TssMethod::Given {
        return None;
    }
    let hours = session.duration.hours();
    let rate = score.tss.get() / hours;
    (hours > 0.0 && rate > IMPLAUSIBLE_TSS_PER_HOUR).then_some(rate)
}

/// Whether the runner has confirmed `method`'s estimate for `session`: chosen it as the
/// session's method (docs/domain.md §6). A TSS they typed (`given`) needs no confirming.
pub fn is_confirmed(session: &Session, method: TssMethod) -> bool {
    method == TssMethod::Given || session.tss_method_chosen == Some(method)
}

/// The TSS per hour of an estimate that is implausible and that the runner has not
/// confirmed: such an estimate is shown, flagged, but **not counted** toward fitness,
/// fatigue or the advice until they confirm it or pick another method (docs/domain.md §6).
fn held_back(session: &Session, tss: Tss, method: TssMethod) -> Option<f64> {
    if is_confirmed(session, method) {
        return None;
    }
    let hours = session.duration.hours();
    let rate = tss.get() / hours;
    (hours > 0.0 && rate > IMPLAUSIBLE_TSS_PER_HOUR).then_some(rate)
}

/// What one session adds to its day's load: the one rule every reader of load follows
/// (the chart, the week totals, the advice; docs/domain.md §1, §6).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Load {
    /// Counts toward fitness, fatigue and the advice.
    Counts(Tss),
    /// An implausible estimate (over [`IMPLAUSIBLE_TSS_PER_HOUR`]) the runner has not
    /// confirmed: `per_hour` TSS an hour. Shown and flagged, not counted.
    HeldBack { tss: Tss, per_hour: f64 },
    /// No TSS: none stored, and the session's data and thresholds allow no method.
    Unscored,
}

impl Load {
    /// The TSS that counts, if any.
    pub fn counted(self) -> Option<Tss> {
        match self {
            Load::Counts(t) => Some(t),
            _ => None,
        }
    }
}

/// The load of `session`: its stored TSS (kept current by [`rescore`] whenever thresholds
/// change), else its best estimate ([`score`]); an implausible estimate the runner has not
/// confirmed is held back. Reads the stored TSS first, so ten years of log cost no scoring.
pub fn load(session: &Session, profile: &Profile) -> Load {
    let (tss, method) = match session.tss {
        Some(t) => (t, session.tss_method.unwrap_or(TssMethod::Given)),
        None => match score(session, profile) {
            Some(sc) => (sc.tss, sc.method),
            None => return Load::Unscored,
        },
    };
    match held_back(session, tss, method) {
        Some(per_hour) => Load::HeldBack { tss, per_hour },
        None => Load::Counts(tss),
    }
}

/// [`score`], unless it is an implausible estimate the runner has not confirmed (then
/// `None`: it does not count, see [`Load::HeldBack`]). What the advice reads a session by.
pub fn counted_score(session: &Session, profile: &Profile) -> Option<Score> {
    score(session, profile).filter(|sc| held_back(session, sc.tss, sc.method).is_none())
}

/// TSS = hours × IF^exponent × 100.
fn from_intensity(
    session: &Session,
    intensity: f64,
    exponent: i32,
    method: TssMethod,
) -> Option<Score> {
    if !intensity.is_finite() || intensity <= 0.0 {
        return None;
    }
    let tss = session.duration.hours() * intensity.powi(exponent) * 100.0;
    Some(Score {
        tss: Tss::clamped(tss),
        method,
        intensity: Some(intensity),
        since: None,
    })
}

fn given(s: &Session) -> Option<Score> {
    let tss = s.tss?;
    matches!(s.tss_method, None | Some(TssMethod::Given)).then_some(Score {
        tss,
        method: TssMethod::Given,
        intensity: None,
        since: None,
    })
}

/// The last resort: an estimate made elsewhere that no method here can redo.
fn stored(s: &Session) -> Option<Score> {
    Some(Score {
        tss: s.tss?,
        method: s.tss_method?,
        intensity: None,
        since: None,
    })
}

/// Coggan: IF = NP / FTP (average power when there is no NP), TSS = h × IF² × 100.
fn power(s: &Session, p: &Thresholds) -> Option<Score> {
    let watts = s.normalized_power.or(s.avg_power)?.get();
    let ftp = p.ftp?.get();
    if ftp <= 0.0 {
        return None;
    }
    from_intensity(s, watts / ftp, 2, TssMethod::Power)
}

/// rTSS (TrainingPeaks): IF = threshold pace ÷ session pace (both s/km), h × IF² × 100.
/// The session pace is the normalized graded pace of an imported stream where there is
/// one (it accounts for hills and surges), else the average pace on flat ground.
/// A session pace outside any running pace (2:00–30:00 /km) means the distance or time is
/// mistyped, and is not scored by pace.
fn pace(s: &Session, p: &Thresholds) -> Option<Score> {
    if s.sport != Sport::Run {
        return None;
    }
    let threshold = p.threshold_pace?.get();
    if let Some(ngp) = s.normalized_graded_pace {
        return from_intensity(s, threshold / ngp.get(), 2, TssMethod::Pace);
    }
    let km = s.distance?.get() / 1000.0;
    if km <= 0.0 {
        return None;
    }
    let pace = PacePerKm::new(f64::from(s.duration.get()) / km)?.get();
    from_intensity(s, threshold / pace, 2, TssMethod::Pace)
}

/// sTSS (TrainingPeaks): IF = CSS pace ÷ session pace (both s/100 m), h × IF³ × 100.
fn swim(s: &Session, p: &Thresholds) -> Option<Score> {
    if s.sport != Sport::Swim {
        return None;
    }
    let css = p.css?.get();
    let hundreds = s.distance?.get() / 100.0;
    if hundreds <= 0.0 {
        return None;
    }
    let pace = f64::from(s.duration.get()) / hundreds; // s/100 m
    from_intensity(s, css / pace, 3, TssMethod::Swim)
}

/// hrTSS: IF ≈ average HR ÷ LTHR, h × IF² × 100. A session imported from a file with a
/// heart-rate stream carries its time-in-zone equivalent (`Session::zone_hr`), used in
/// place of the average. The LTHR is `Thresholds::scoring_lthr`: the set's own, else the
/// Karvonen estimate from max and resting HR.
///
/// Strength and yoga are scored by RPE when there is one: heart rate says little about
/// their load (it jumps with each set or held pose and falls between them). Without an
/// RPE their heart-rate estimate is used but held within the sport's ceiling (below).
fn heart_rate(s: &Session, p: &Thresholds) -> Option<Score> {
    let ceiling = light_sport_scale(s.sport);
    if ceiling.is_some() && s.rpe.is_some() {
        return None;
    }
    let hr = match s
        .zone_hr
        .filter(|b| b.is_finite() && (25.0..=250.0).contains(b))
    {
        Some(zone_hr) => zone_hr,
        None => f64::from(s.avg_hr?.get()),
    };
    let intensity = hr / p.scoring_lthr()?.bpm();
    let score = from_intensity(s, intensity, 2, TssMethod::Hr)?;
    Some(match ceiling {
        Some((_, top)) if score.tss.get() > top * s.duration.hours() => Score {
            tss: Tss::clamped(top * s.duration.hours()),
            intensity: Some((top / 100.0).sqrt()),
            ..score
        },
        _ => score,
    })
}

/// RPE → intensity factor for endurance sessions (docs/domain.md §1.1), index 0 = RPE 1.
///
/// Each pair of RPE points spans one training zone, from its low end to its high end:
///
/// | RPE | zone                | IF          | TSS in one hour |
/// |-----|---------------------|-------------|-----------------|
/// | 1–2 | recovery            | 0.55 – 0.65 | 30 – 42         |
/// | 3–4 | easy / endurance    | 0.70 – 0.78 | 49 – 61         |
/// | 5–6 | tempo               | 0.80 – 0.88 | 64 – 77         |
/// | 7–8 | threshold           | 0.90 – 1.00 | 81 – 100        |
/// | 9–10| VO2max / race       | 1.02 – 1.10 | 104 – 121       |
///
/// Rationale: IF is the fraction of threshold intensity, and the zone a runner can name
/// ("that was tempo") is what an RPE reports most reliably. The bands are docs/domain.md §1.1's;
/// they sit at or just below Coggan's guide to a whole session's IF (Allen & Coggan,
/// *Training and Racing with a Power Meter*: under 0.75 recovery, 0.75–0.85 endurance,
/// 0.85–0.95 tempo and intervals, 0.95–1.05 threshold, 1.05–1.15 shorter time trials), so
/// a guess errs low rather than high, and RPE 8 ends exactly at threshold (IF 1.00: one
/// hour = 100 TSS, the definition of TSS). With the hard-effort line at IF 0.85 (§4.1),
/// RPE 6 and above count as hard, RPE 5 does not. The table rises strictly, so a harder
/// rating never scores lower. It is an estimate and the UI says so.
pub const RPE_TO_IF: [f64; 10] = [0.55, 0.65, 0.70, 0.78, 0.80, 0.88, 0.90, 1.00, 1.02, 1.10];

/// TSS per hour for yoga at RPE 1 and at RPE 10, linear between (docs/domain.md §1.1).
///
/// Rationale for a separate scale: yoga and strength load muscles and joints more than the
/// heart and lungs, in short bouts with rest between, so the endurance table (where RPE 5
/// for an hour is 64 TSS, a tempo run) would overstate them. Yoga tops out at 25 TSS per
/// hour, about an hour's easy walk; a hard strength hour at 60, the load of an easy hour's
/// run, which is what coaches usually count it as.
pub const YOGA_TSS_PER_HOUR: (f64, f64) = (10.0, 25.0);
/// TSS per hour for strength at RPE 1 and at RPE 10, linear between; see
/// [`YOGA_TSS_PER_HOUR`] for the rationale.
pub const STRENGTH_TSS_PER_HOUR: (f64, f64) = (30.0, 60.0);

fn light_sport_scale(sport: Sport) -> Option<(f64, f64)> {
    match sport {
        Sport::Yoga => Some(YOGA_TSS_PER_HOUR),
        Sport::Strength => Some(STRENGTH_TSS_PER_HOUR),
        _ => None,
    }
}

fn perceived(s: &Session) -> Option<Score> {
    let rpe = s.rpe?.get().clamp(1, 10);
    match light_sport_scale(s.sport) {
        Some((lo, hi)) => {
            let per_hour = lo + (hi - lo) * f64::from(rpe - 1) / 9.0;
            let tss = per_hour * s.duration.hours();
            // The IF that gives this TSS per hour (h × IF² × 100), for display.
            let intensity = (per_hour / 100.0).sqrt();
            Some(Score {
                tss: Tss::clamped(tss),
                method: TssMethod::Rpe,
                intensity: Some(intensity),
                since: None,
            })
        }
        None => from_intensity(s, RPE_TO_IF[usize::from(rpe - 1)], 2, TssMethod::Rpe),
    }
}

/// How hard a day's total TSS is (TrainingPeaks/Coggan guide, docs/domain.md §1.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TssCategory {
    Low,
    Moderate,
    High,
    VeryHigh,
}

impl TssCategory {
    pub fn label(self) -> &'static str {
        match self {
            TssCategory::Low => "low",
            TssCategory::Moderate => "moderate",
            TssCategory::High => "high",
            TssCategory::VeryHigh => "very high",
        }
    }

    pub fn recovery(self) -> &'static str {
        match self {
            TssCategory::Low => "recovered by the next day",
            TssCategory::Moderate => "some fatigue the next day, gone by the second",
            TssCategory::High => "some fatigue even after two days",
            TssCategory::VeryHigh => "fatigue lasting several days",
        }
    }
}

/// < 150 low, 150–300 moderate, 300–450 high, > 450 very high.
pub fn category(day_tss: f64) -> TssCategory {
    if day_tss < 150.0 {
        TssCategory::Low
    } else if day_tss <= 300.0 {
        TssCategory::Moderate
    } else if day_tss <= 450.0 {
        TssCategory::High
    } else {
        TssCategory::VeryHigh
    }
}

/// A hard effort (docs/domain.md §4.1): intent workout, race, long run or strength (or a
/// strength session), or TSS ≥ 80, or IF ≥ 0.85.
pub fn is_hard(session: &Session, score: Option<&Score>) -> bool {
    let by_intent = matches!(
        session.intent,
        Some(Intent::Workout | Intent::Race | Intent::Long | Intent::Strength)
    ) || session.sport == Sport::Strength;
    let by_load =
        score.is_some_and(|s| s.tss.get() >= 80.0 || s.intensity.is_some_and(|i| i >= 0.85 - 1e-9));
    by_intent || by_load
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
    use crate::domain::date::Day;
    use crate::domain::quantity::{Bpm, Metres, PacePer100m, PacePerKm, Rpe, Seconds, Watts};
    use crate::domain::session::SessionId;

    fn session(sport: Sport, minutes: u32) -> Session {
        Session::new(
            SessionId("t".into()),
            Day::from_ymd(2026, 3, 9).unwrap(),
            sport,
            Seconds::from_minutes(minutes).unwrap(),
        )
    }

    fn profile() -> Profile {
        Profile {
            ftp: Watts::new(250.0),
            lthr: Bpm::new(170),
            threshold_pace: PacePerKm::new(240.0),
            css: PacePer100m::new(100.0),
            ..Profile::default()
        }
    }

    fn tss(s: &Session, p: &Profile) -> (f64, TssMethod) {
        let sc = score(s, p).unwrap();
        (sc.tss.get(), sc.method)
    }

    #[test]
    fn one_hour_at_threshold_is_100_by_every_method() {
        // The definition of TSS (Coggan; TrainingPeaks): one hour at threshold = 100.
        let p = profile();
        let mut ride = session(Sport::Ride, 60);
        ride.normalized_power = Watts::new(250.0);
        assert_eq!(tss(&ride, &p), (100.0, TssMethod::Power));

        let mut run = session(Sport::Run, 60);
        run.distance = Metres::new(15_000.0); // 4:00 /km = the threshold pace
        assert_eq!(tss(&run, &p), (100.0, TssMethod::Pace));

        let mut swim = session(Sport::Swim, 60);
        swim.distance = Metres::new(3600.0); // 1:40 /100 m = the CSS
        assert_eq!(tss(&swim, &p), (100.0, TssMethod::Swim));

        let mut hr = session(Sport::Other, 60);
        hr.avg_hr = Bpm::new(170);
        assert_eq!(tss(&hr, &p), (100.0, TssMethod::Hr));
    }

    #[test]
    fn an_unconfirmed_implausible_estimate_does_not_count() {
        // Issue #30: a 2.3 km walk-run in 12 minutes at threshold pace 4:00 /km is scored
        // by pace at IF = 240 / (720 / 2.3) = 0.767: 11.8 TSS, plausible. Logged as 2.3 km
        // in 5 minutes (a slip), IF = 240 / 130.4 = 1.84 and TSS = (5/60) × 1.84² × 100 =
        // 28.2: 339 TSS an hour, over the 225 no one sustains (docs/domain.md §6).
        let p = profile();
        let mut run = session(Sport::Run, 5);
        run.distance = Metres::new(2300.0);
        let sc = score(&run, &p).unwrap();
        assert_eq!(sc.method, TssMethod::Pace);
        let expected = (5.0 / 60.0) * (240.0f64 / (300.0 / 2.3)).powi(2) * 100.0;
        assert!((sc.tss.get() - expected).abs() < 1e-5, "{}", sc.tss.get());
        match load(&run, &p) {
            Load::HeldBack { tss, per_hour } => {
                assert_eq!(tss, sc.tss);
                assert!((per_hour - expected * 12.0).abs() < 1e-3);
            }
            other => panic!("counted: {other:?}"),
        }
        assert_eq!(counted_score(&run, &p), None);
        // Stored as the import stores it: still held back.
        rescore(&mut run, &p);
        assert!(matches!(load(&run, &p), Load::HeldBack { .. }));
        // The runner confirms it (chooses the pace estimate): it counts.
        run.tss_method_chosen = Some(TssMethod::Pace);
        assert_eq!(load(&run, &p), Load::Counts(sc.tss));
        assert_eq!(counted_score(&run, &p).map(|s| s.tss), Some(sc.tss));
        // Or types a TSS: a given TSS always counts, however high.
        run.tss_method_chosen = Some(TssMethod::Given);
        run.tss = Tss::new(300.0);
        run.tss_method = Some(TssMethod::Given);
        assert_eq!(load(&run, &p), Load::Counts(Tss::new(300.0).unwrap()));
        // A plausible estimate counts without asking.
        let mut easy = session(Sport::Run, 60);
        easy.distance = Metres::new(10_000.0);
        assert!(matches!(load(&easy, &p), Load::Counts(_)));
        assert_eq!(
            load(&session(Sport::Run, 60), &Profile::default()),
            Load::Unscored
        );
    }

    #[test]
    fn coggan_worked_example() {
        // Two hours at NP 200 W with FTP 250 W: IF 0.8, TSS = 2 × 0.64 × 100 = 128.
        let mut ride = session(Sport::Ride, 120);
        ride.normalized_power = Watts::new(200.0);
        let sc = score(&ride, &profile()).unwrap();
        assert!((sc.tss.get() - 128.0).abs() < 1e-9);
        assert!((sc.intensity.unwrap() - 0.8).abs() < 1e-12);
    }

    #[test]
    fn swim_stress_is_cubed() {
        // TrainingPeaks sTSS: IF³. One hour at 1:50 /100 m with CSS 1:40: IF = 100/110,
        // sTSS = 100 × (10/11)³ = 75.13.
        let mut swim = session(Sport::Swim, 60);
        swim.distance = Metres::new(3600.0 * 100.0 / 110.0);
        let (t, m) = tss(&swim, &profile());
        assert_eq!(m, TssMethod::Swim);
        assert!((t - 100.0 * (100.0f64 / 110.0).powi(3)).abs() < 1e-6);
    }

    #[test]
    fn missing_thresholds_fall_to_the_next_method() {
        let mut run = session(Sport::Run, 60);
        run.distance = Metres::new(12_000.0);
        run.avg_hr = Bpm::new(153);
        run.rpe = Rpe::new(4);
        let mut p = profile();
        assert_eq!(tss(&run, &p).1, TssMethod::Pace);
        p.threshold_pace = None;
        // hrTSS: 153/170 = 0.9, 1 h × 0.81 × 100 = 81.
        let (t, m) = tss(&run, &p);
        assert_eq!(m, TssMethod::Hr);
        assert!((t - 81.0).abs() < 1e-9);
        p.lthr = None;
        // RPE 4 → IF 0.78 → 60.84.
        let (t, m) = tss(&run, &p);
        assert_eq!(m, TssMethod::Rpe);
        assert!((t - 60.84).abs() < 1e-9);
        run.rpe = None;
        assert_eq!(score(&run, &p), None, "no data, no number");
    }

    #[test]
    fn a_given_tss_wins_and_survives_rescoring() {
        let mut ride = session(Sport::Ride, 60);
        ride.normalized_power = Watts::new(250.0);
        ride.tss = Tss::new(77.0);
        assert_eq!(tss(&ride, &profile()), (77.0, TssMethod::Given));
        rescore(&mut ride, &profile());
        assert_eq!(ride.tss, Tss::new(77.0));
        // An estimate, by contrast, follows the thresholds.
        let mut est = session(Sport::Ride, 60);
        est.normalized_power = Watts::new(250.0);
        rescore(&mut est, &profile());
        assert_eq!(
            (est.tss, est.tss_method),
            (Tss::new(100.0), Some(TssMethod::Power))
        );
        let p = Profile {
            ftp: Watts::new(200.0),
            ..profile()
        };
        rescore(&mut est, &p);
        assert_eq!(est.tss, Tss::new(156.25), "(250/200)² × 100");
    }

    #[test]
    fn strength_and_yoga_have_lower_ceilings() {
        let mut yoga = session(Sport::Yoga, 60);
        yoga.rpe = Rpe::new(10);
        yoga.avg_hr = Bpm::new(170); // ignored: HR says little about yoga's load
        assert_eq!(tss(&yoga, &profile()), (25.0, TssMethod::Rpe));
        let mut gym = session(Sport::Strength, 30);
        gym.rpe = Rpe::new(1);
        assert_eq!(
            tss(&gym, &profile()),
            (15.0, TssMethod::Rpe),
            "30 TSS/h for half an hour"
        );
    }

    #[test]
    fn power_scores_any_sport_that_has_it() {
        // Average power is used when there is no NP: a 30 min run at 250 W with FTP 250 W is
        // half an hour at threshold, 50 TSS (Coggan). Power ranks above pace.
        let mut run = session(Sport::Run, 30);
        run.avg_power = Watts::new(250.0);
        run.distance = Metres::new(5_000.0);
        assert_eq!(tss(&run, &profile()), (50.0, TssMethod::Power));
        let no_ftp = Profile {
            ftp: None,
            ..profile()
        };
        assert_eq!(
            tss(&run, &no_ftp).1,
            TssMethod::Pace,
            "no FTP: the next method"
        );
    }

    #[test]
    fn an_impossible_pace_is_not_scored_by_pace() {
        // 15 km in 10 minutes (0:40 /km) is a typo, not a run at IF 6.
        let mut run = session(Sport::Run, 10);
        run.distance = Metres::new(15_000.0);
        run.avg_hr = Bpm::new(150);
        assert_eq!(tss(&run, &profile()).1, TssMethod::Hr);
        run.avg_hr = None;
        assert_eq!(score(&run, &profile()), None);
    }

    #[test]
    fn a_stored_estimate_nothing_can_redo_is_kept() {
        // Imported with an hrTSS of 92 (docs/formats.md's example) into a profile without LTHR:
        // dropping it would silently remove that day's load.
        let mut run = session(Sport::Run, 60);
        run.avg_hr = Bpm::new(158);
        run.tss = Tss::new(92.0);
        run.tss_method = Some(TssMethod::Hr);
        let bare = Profile::default();
        assert_eq!(tss(&run, &bare), (92.0, TssMethod::Hr));
        rescore(&mut run, &bare);
        assert_eq!(
            (run.tss, run.tss_method),
            (Tss::new(92.0), Some(TssMethod::Hr))
        );
        // With an LTHR it is recomputed: (158/170)² × 100 = 86.38.
        rescore(&mut run, &profile());
        assert!((run.tss.unwrap().get() - 100.0 * (158.0f64 / 170.0).powi(2)).abs() <= 5e-7);
    }

    #[test]
    fn strength_by_heart_rate_stays_under_its_ceiling() {
        // No RPE: hrTSS is used, but a yoga hour at 150/170 bpm (hrTSS 77.9) is held at the
        // yoga ceiling of 25 TSS per hour.
        let mut yoga = session(Sport::Yoga, 60);
        yoga.avg_hr = Bpm::new(150);
        assert_eq!(tss(&yoga, &profile()), (25.0, TssMethod::Hr));
        // A low heart rate under the ceiling is kept as it is: (110/170)² × 100 × 0.5 h.
        let mut gym = session(Sport::Strength, 30);
        gym.avg_hr = Bpm::new(110);
        let (t, m) = tss(&gym, &profile());
        assert_eq!(m, TssMethod::Hr);
        assert!((t - 50.0 * (110.0f64 / 170.0).powi(2)).abs() <= 5e-7);
    }

    #[test]
    fn stream_numbers_beat_the_averages() {
        // A hilly hour: 12 km (5:00 /km average) but a normalized graded pace of 4:00 /km,
        // the threshold: rTSS is 100 from NGP, not (240/300)² × 100 = 64 from the average.
        let mut run = session(Sport::Run, 60);
        run.distance = Metres::new(12_000.0);
        run.normalized_graded_pace = PacePerKm::new(240.0);
        assert_eq!(tss(&run, &profile()), (100.0, TssMethod::Pace));
        // Time in zones as an equivalent heart rate: 153 bpm against LTHR 170 is IF 0.9,
        // 81 TSS, whatever the average heart rate says.
        let mut other = session(Sport::Other, 60);
        other.avg_hr = Bpm::new(120);
        other.zone_hr = Some(153.0);
        let (t, m) = tss(&other, &profile());
        assert_eq!(m, TssMethod::Hr);
        assert!((t - 81.0).abs() < 1e-9);
        // An impossible one (a damaged backup) is ignored: the average is used.
        other.zone_hr = Some(f64::NAN);
        let (t, _) = tss(&other, &profile());
        assert!((t - 100.0 * (120.0f64 / 170.0).powi(2)).abs() <= 5e-7);
    }

    #[test]
    fn max_and_resting_hr_alone_give_an_hrtss() {
        // No LTHR: the Karvonen estimate 50 + 0.85 × (190 − 50) = 169 bpm (Elevate's
        // fallback). One hour at 169 bpm is 100; at 152.1 bpm, IF 0.9, 81.
        let p = Profile {
            max_hr: Bpm::new(190),
            resting_hr: Bpm::new(50),
            ..Profile::default()
        };
        let mut run = session(Sport::Run, 60);
        run.avg_hr = Bpm::new(169);
        assert_eq!(tss(&run, &p), (100.0, TssMethod::Hr));
        let mut other = session(Sport::Other, 60);
        other.zone_hr = Some(152.1);
        let (t, m) = tss(&other, &p);
        assert_eq!(m, TssMethod::Hr);
        assert!((t - 81.0).abs() < 1e-6, "{t}");
        // Max HR alone gives nothing.
        let max_only = Profile {
            resting_hr: None,
            ..p
        };
        assert_eq!(score(&run, &max_only), None);
    }

    #[test]
    fn rpe_table_is_monotone() {
        assert!(RPE_TO_IF.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn daily_categories() {
        assert_eq!(category(149.9), TssCategory::Low);
        assert_eq!(category(150.0), TssCategory::Moderate);
        assert_eq!(category(300.0), TssCategory::Moderate);
        assert_eq!(category(300.1), TssCategory::High);
        assert_eq!(category(450.0), TssCategory::High);
        assert_eq!(category(451.0), TssCategory::VeryHigh);
    }

    #[test]
    fn hard_efforts() {
        let easy = session(Sport::Run, 40);
        let low = Score {
            tss: Tss::new(40.0).unwrap(),
            method: TssMethod::Hr,
            intensity: Some(0.75),
            since: None,
        };
        assert!(!is_hard(&easy, Some(&low)));
        let fast = Score {
            intensity: Some(0.85),
            ..low
        };
        assert!(is_hard(&easy, Some(&fast)), "IF ≥ 0.85");
        let big = Score {
            tss: Tss::new(80.0).unwrap(),
            ..low
        };
        assert!(is_hard(&easy, Some(&big)), "TSS ≥ 80");
        let mut long = easy.clone();
        long.intent = Some(Intent::Long);
        assert!(is_hard(&long, None));
        assert!(is_hard(&session(Sport::Strength, 30), None));
    }
}
