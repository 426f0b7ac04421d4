//! Properties of the training-load core that must hold for every input, not just the
//! worked examples in the unit tests.

use proptest::prelude::*;
use recovery_run::domain::date::Day;
use recovery_run::domain::pmc::{self, PmcSettings};
use recovery_run::domain::profile::{FitnessOn, PmcUpdate, Profile};
use recovery_run::domain::quantity::{Bpm, Metres, PacePerKm, Rpe, Seconds, Tss};
use recovery_run::domain::session::{Session, SessionId, Sport};
use recovery_run::domain::units::Units;
use recovery_run::domain::{tss, units, zones};

fn day0() -> Day {
    Day::from_ymd(2024, 1, 1).expect("a real day")
}

/// Up to three years of daily loads, rest days included.
fn loads() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(prop_oneof![Just(0.0), 0.0..400.0f64], 1..1100)
}

fn update() -> impl Strategy<Value = PmcUpdate> {
    prop_oneof![Just(PmcUpdate::Exponential), Just(PmcUpdate::Reciprocal)]
}

/// Time constants anywhere from one day (the smallest allowed) to a year.
fn settings() -> impl Strategy<Value = PmcSettings> {
    (1.0..365.0f64, 1.0..365.0f64, update()).prop_map(|(c, a, update)| PmcSettings {
        ctl_days: c,
        atl_days: a,
        update,
        ..PmcSettings::default()
    })
}

/// Σ max(0, w_R(j) − w_E(j)) over all lags j, with the weight of lag j in an exponentially
/// weighted average being k(1 − k)^j. Written from the closed form, not the recurrence.
fn positive_weight_gap(tau: f64) -> f64 {
    let (e, r) = (1.0 - (-1.0 / tau).exp(), 1.0 / tau);
    let (mut we, mut wr, mut sum) = (e, r, 0.0);
    for _ in 0..20_000 {
        sum += (wr - we).max(0.0);
        we *= 1.0 - e;
        wr *= 1.0 - r;
    }
    sum
}

fn gaps() -> (f64, f64) {
    static GAPS: std::sync::OnceLock<(f64, f64)> = std::sync::OnceLock::new();
    *GAPS.get_or_init(|| (positive_weight_gap(42.0), positive_weight_gap(7.0)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// An exponentially weighted average of non-negative loads, starting from 0, is a
    /// convex combination of 0 and the loads: it stays within [0, max load].
    #[test]
    fn ctl_and_atl_stay_within_the_loads(loads in loads(), s in settings()) {
        let max = loads.iter().cloned().fold(0.0, f64::max);
        for d in pmc::series_from_loads(day0(), &loads, &s) {
            prop_assert!(d.ctl >= 0.0 && d.ctl <= max + 1e-9, "ctl {} max {}", d.ctl, max);
            prop_assert!(d.atl >= 0.0 && d.atl <= max + 1e-9, "atl {} max {}", d.atl, max);
        }
    }

    /// With start values inside [min, max] of the loads, every value stays inside too.
    #[test]
    fn start_values_inside_the_loads_stay_inside(
        loads in loads(), s in settings(), a in 0.0..1.0f64, b in 0.0..1.0f64,
    ) {
        let min = loads.iter().cloned().fold(f64::INFINITY, f64::min);
        let max = loads.iter().cloned().fold(0.0, f64::max);
        let s = PmcSettings { start_ctl: min + a * (max - min), start_atl: min + b * (max - min), ..s };
        for d in pmc::series_from_loads(day0(), &loads, &s) {
            prop_assert!(d.ctl >= min - 1e-9 && d.ctl <= max + 1e-9);
            prop_assert!(d.atl >= min - 1e-9 && d.atl <= max + 1e-9);
        }
    }

    /// More training never makes you less fit: extra load on one day raises (or keeps)
    /// CTL and ATL on that day and every day after, and leaves the days before alone.
    #[test]
    fn adding_load_never_lowers_later_ctl(
        loads in loads(), s in settings(), at in any::<prop::sample::Index>(), extra in 0.1..300.0f64,
    ) {
        let i = at.index(loads.len());
        let mut more = loads.clone();
        more[i] += extra;
        let before = pmc::series_from_loads(day0(), &loads, &s);
        let after = pmc::series_from_loads(day0(), &more, &s);
        for (j, (x, y)) in before.iter().zip(&after).enumerate() {
            if j < i {
                prop_assert_eq!(x, y);
            } else {
                // Once the extra load has decayed below f64 resolution (short time
                // constants, long after day i) the two series may differ by rounding alone:
                // allow one part in 10¹² of the value, far below anything displayed.
                let ulps = |v: f64| 1e-12 * v.abs().max(1.0);
                prop_assert!(
                    y.ctl >= x.ctl - ulps(x.ctl) && y.atl >= x.atl - ulps(x.atl),
                    "day {j} after extra load on day {i}: ctl {} → {}, atl {} → {}",
                    x.ctl, y.ctl, x.atl, y.atl
                );
            }
        }
    }

    /// docs/domain.md §2: `k = 1/τ` and `k = 1 − e^(−1/τ)` differ by < 1.2 % for τ = 42 and
    /// ~7 % for τ = 7. A day's move of CTL (ATL) is load − yesterday's value times k, so
    /// the two conventions' one-day moves stand in that ratio from any state.
    #[test]
    fn one_days_move_differs_by_the_known_gap(ctl in 0.0..200.0f64, atl in 0.0..250.0f64, load in 0.0..500.0f64) {
        let e = PmcSettings { start_ctl: ctl, start_atl: atl, ..PmcSettings::default() };
        let r = PmcSettings { update: PmcUpdate::Reciprocal, ..e };
        let (de, dr) = (pmc::series_from_loads(day0(), &[load], &e)[0], pmc::series_from_loads(day0(), &[load], &r)[0]);
        if (load - ctl).abs() > 1e-6 {
            let ratio = (dr.ctl - ctl) / (de.ctl - ctl);
            prop_assert!(ratio > 1.0 && ratio < 1.012, "τ = 42: {ratio}");
        }
        if (load - atl).abs() > 1e-6 {
            let ratio = (dr.atl - atl) / (de.atl - atl);
            prop_assert!(ratio > 1.068 && ratio < 1.078, "τ = 7: {ratio}");
        }
    }

    /// Over any history the two conventions' averages differ by at most the largest load
    /// times the positive part of their weights' difference (≈ 0.44 % for τ = 42, ≈ 2.8 %
    /// for τ = 7): the gap does not grow with time.
    #[test]
    fn the_conventions_stay_within_their_gap_over_any_history(loads in loads()) {
        let e = PmcSettings::default();
        let r = PmcSettings { update: PmcUpdate::Reciprocal, ..e };
        let max = loads.iter().cloned().fold(0.0, f64::max);
        let (gc, ga) = gaps();
        prop_assert!(gc < 0.0045 && ga < 0.029);
        let (se, sr) = (pmc::series_from_loads(day0(), &loads, &e), pmc::series_from_loads(day0(), &loads, &r));
        for (x, y) in se.iter().zip(&sr) {
            prop_assert!((x.ctl - y.ctl).abs() <= gc * max + 1e-9);
            prop_assert!((x.atl - y.atl).abs() <= ga * max + 1e-9);
        }
    }

    /// TSB is yesterday's CTL − ATL, and ramp is CTL − CTL a week earlier, on every day.
    #[test]
    fn tsb_and_ramp_follow_their_definitions(loads in loads(), s in settings(), c in 0.0..100.0f64, a in 0.0..100.0f64) {
        let s = PmcSettings { start_ctl: c, start_atl: a, ..s };
        let d = pmc::series_from_loads(day0(), &loads, &s);
        prop_assert_eq!(d[0].tsb, c - a);
        for i in 1..d.len() {
            prop_assert!((d[i].tsb - (d[i - 1].ctl - d[i - 1].atl)).abs() < 1e-9);
            let week_ago = if i >= 7 { d[i - 7].ctl } else { c };
            prop_assert!((d[i].ramp - (d[i].ctl - week_ago)).abs() < 1e-9);
            prop_assert_eq!(d[i].day, day0().add_days(i as i32));
        }
    }

    /// Splitting a day's training over several sessions changes nothing: loads are sums.
    #[test]
    fn daily_loads_are_sums_of_session_scores(minutes in prop::collection::vec((0i32..30, 10u32..240, 1u8..=10), 0..60)) {
        let p = Profile::default();
        let sessions: Vec<Session> = minutes
            .iter()
            .enumerate()
            .map(|(n, &(day, m, rpe))| {
                let mut s = Session::new(SessionId(n.to_string()), day0().add_days(day), Sport::Run, Seconds::from_minutes(m).unwrap());
                s.rpe = Rpe::new(rpe);
                s
            })
            .collect();
        let loads = pmc::daily_loads(&sessions, &p, day0(), day0().add_days(29));
        prop_assert_eq!(loads.len(), 30);
        let total: f64 = sessions.iter().map(|s| tss::score(s, &p).unwrap().tss.get()).sum();
        prop_assert!((loads.iter().sum::<f64>() - total).abs() < 1e-6);
    }

    /// The chart carried on from a checkpoint is the chart over the whole log, bit for bit,
    /// from a week after the checkpoint: what lets Today be drawn from the recent sessions
    /// alone (`store::layout`'s opening). Sessions come in any order, several a day, with a
    /// stored TSS of full precision or scored from RPE; any settings; the recent list holds
    /// every session after the checkpoint and a few older ones, which must not count. Fitness
    /// and fatigue set on any date, or none.
    #[test]
    fn the_chart_after_a_checkpoint_is_the_whole_charts_tail(
        log in prop::collection::vec((0i32..400, prop::option::of(0.0..400.0f64), 1u8..=10, any::<bool>()), 1..200),
        cut in 0i32..420,
        ahead in 0i32..60,
        c in 1.0..100.0f64, a in 1.0..20.0f64, sc in 0.0..80.0f64, sa in 0.0..80.0f64, upd in update(),
        entered in any::<bool>(), volume in prop::option::of(1_000.0..150_000.0f64),
        set in prop::option::of((-60i32..460, 0.0..300.0f64, 0.0..300.0f64)),
    ) {
        // With a stated volume every stretch of the log (gaps of weeks are common in 200
        // sessions over 400 days) starts from the seed, unless start values were entered.
        let (sc, sa) = if entered { (sc, sa) } else { (0.0, 0.0) };
        let p = Profile { ctl_time_constant_days: c, atl_time_constant_days: a, start_ctl: sc, start_atl: sa, pmc_update: upd, weekly_volume: volume.and_then(Metres::new), ..Profile::default() };
        // Fitness and fatigue set on a date (docs/domain.md §2.1): before the log, inside it,
        // on either side of the checkpoint, or after it.
        let p = Profile { fitness_on: set.and_then(|(d, c, a)| FitnessOn::new(day0().add_days(d), c, a)), ..p };
        let sessions: Vec<Session> = log.iter().enumerate().map(|(n, &(day, tss, rpe, _))| {
            let mut s = Session::new(SessionId(n.to_string()), day0().add_days(day), Sport::Run, Seconds::from_minutes(45).unwrap());
            s.tss = tss.and_then(Tss::new);
            s.rpe = Rpe::new(rpe);
            s
        }).collect();
        let day = day0().add_days(cut);
        let to = day.add_days(pmc::AFTER_CHECKPOINT_SKIPPED + 1 + ahead);
        let Some(cp) = pmc::checkpoint(&sessions, &p, day) else {
            // Nothing on or before the checkpoint day: there is none to take.
            prop_assert!(sessions.iter().all(|s| s.date > day));
            return Ok(());
        };
        let recent: Vec<Session> = sessions.iter().zip(&log).filter(|(s, l)| s.date > day || l.3).map(|(s, _)| s.clone()).collect();
        let first = pmc::first_day(&sessions).unwrap();
        let whole = pmc::series(&sessions, &p, first, to);
        let after = pmc::series_after(&cp, &recent, &p, to);
        let tail = &whole[whole.len() - after.len()..];
        prop_assert_eq!(after.len() as i32, ahead + 1);
        prop_assert_eq!(after.first().map(|d| d.day), Some(day.add_days(pmc::AFTER_CHECKPOINT_SKIPPED + 1)));
        prop_assert_eq!(after, tail.to_vec());
        // The stretch of the log goes on from the checkpoint's too.
        prop_assert_eq!(pmc::stretch(Some(cp.stretch), &recent, to), pmc::stretch(None, &sessions, to));
    }

    /// A faster run over the same time scores more (rTSS rises with the square of speed).
    #[test]
    fn a_faster_run_scores_more(threshold in 180.0..420.0f64, km in 3.0..20.0f64, faster in 1.01..1.3f64) {
        let p = Profile { threshold_pace: PacePerKm::new(threshold), ..Profile::default() };
        let mut run = Session::new(SessionId("r".into()), day0(), Sport::Run, Seconds::new(3600).unwrap());
        run.distance = Metres::new(km * 1000.0);
        let slow = tss::score(&run, &p).map(|s| s.tss.get());
        run.distance = Metres::new(km * 1000.0 * faster);
        let fast = tss::score(&run, &p).map(|s| s.tss.get());
        if let (Some(slow), Some(fast)) = (slow, fast) {
            prop_assert!(fast > slow || fast == 1000.0);
        }
    }

    /// The recovery ceiling never exceeds Friel's 89 % of LTHR, and misses it by under a
    /// beat; Zone 1 stays strictly under 85 %.
    #[test]
    fn zone_ceilings_match_friels_percentages(lthr in 100u16..=220) {
        let p = Profile { lthr: Bpm::new(lthr), ..Profile::default() };
        let l = f64::from(lthr);
        let (z2, _) = zones::zone2_ceiling(&p).unwrap();
        let z2 = f64::from(z2.get());
        prop_assert!(z2 <= 0.89 * l + 1e-9 && z2 + 1.0 > 0.89 * l);
        let (z1, _) = zones::zone1_ceiling(&p).unwrap();
        let z1 = f64::from(z1.get());
        prop_assert!(z1 < 0.85 * l && z1 + 1.0 >= 0.85 * l);
    }

    /// Any duration reads back as itself from the way the app writes it.
    #[test]
    fn durations_round_trip(secs in 1u32..=48 * 3600) {
        let d = Seconds::new(secs).unwrap();
        prop_assert_eq!(units::parse_duration(&units::format_duration(d)), Ok(d));
    }

    /// A pace written by the app reads back to within the half second it was rounded to,
    /// and writing it again gives the same text.
    #[test]
    fn paces_round_trip(s_per_km in 120.0..1800.0f64, imperial in any::<bool>()) {
        let unit = if imperial { Units::Imperial } else { Units::Metric };
        let per_unit = if imperial { units::METRES_PER_MILE / 1000.0 } else { 1.0 };
        let p = PacePerKm::new(s_per_km).unwrap();
        let text = units::format_pace(p, unit);
        // Rounding can push a pace at the very edge of the range just outside it.
        if let Ok(back) = units::parse_pace(&text, unit) {
            prop_assert!((back.get() - p.get()).abs() * per_unit <= 0.5 + 1e-9, "{text}");
            prop_assert_eq!(units::format_pace(back, unit), text);
        }
    }

    /// A distance written by the app reads back to within its displayed precision.
    #[test]
    fn distances_round_trip(m in 0.0..1_000_000.0f64, imperial in any::<bool>()) {
        let unit = if imperial { Units::Imperial } else { Units::Metric };
        let d = Metres::new(m).unwrap();
        let text = units::format_distance(d, unit);
        let back = units::parse_distance(&text, unit).unwrap();
        let half_step = if imperial { 0.005 * units::METRES_PER_MILE } else { 50.0 };
        prop_assert!((back.get() - m).abs() <= half_step + 1e-6, "{text}");
    }

    /// Whatever is typed, parsing answers with a value or a sentence, never a panic.
    #[test]
    fn parsing_never_panics(s in "\\PC{0,12}", digits in "[0-9:.,hmsik /]{0,10}") {
        for t in [&s, &digits] {
            let _ = units::parse_duration(t);
            let _ = units::parse_pace(t, Units::Metric);
            let _ = units::parse_pace(t, Units::Imperial);
            let _ = units::parse_distance(t, Units::Imperial);
            let _ = units::parse_swim_pace(t);
        }
    }
}
