//! Readiness beyond form (docs/domain.md §7) by hand: the HRV baseline and normal range
//! (Plews et al. 2012, 2014; HRV4Training: ln rMSSD, 7-day mean against the mean ± 0.5 SD
//! of the 60 days before), resting HR against its 60-day mean, illness, the load budget
//! (the chart of §2 run backwards), the acute:chronic ratio (Gabbett 2016, coupled) and
//! monotony (Foster 1998).

use proptest::prelude::*;
use recovery_run::domain::date::Day;
use recovery_run::domain::pmc::PmcSettings;
use recovery_run::domain::profile::PmcUpdate;
use recovery_run::domain::quantity::{Bpm, RmssdMs, SdnnMs};
use recovery_run::domain::readiness::{
    back_from_illness, hrv_baseline, load_budget, load_pattern, resting_hr, tsb_tomorrow,
    HrvSeries, BUDGET_FLOOR_TSB,
};
use recovery_run::domain::wellness::{HrvSource, Wellness};

fn day(offset: i32) -> Day {
    Day::from_ymd(2026, 3, 12)
        .expect("a real day")
        .add_days(offset)
}

fn hrv(offset: i32, ms: f64) -> Wellness {
    Wellness {
        hrv: RmssdMs::new(ms),
        ..Wellness::empty(day(offset))
    }
}

#[test]
fn hrv_baseline_and_normal_range_by_hand() {
    // Normal window (the 60 days before the last 7, i.e. offsets −66..−7): 14 mornings,
    // 50 and 70 ms alternating. ln 50 = 3.912023, ln 70 = 4.248495: mean 4.080259, sample
    // SD (÷ 13) 0.174587, range mean ± 0.5 SD = 3.992966 – 4.167553.
    // The last 7 days: 40, 42, 44 ms → ln 3.688879, 3.737670, 3.784190: mean 3.736913.
    let mut w: Vec<Wellness> = (0..14)
        .map(|i| hrv(-7 - 3 * i, if i % 2 == 0 { 50.0 } else { 70.0 }))
        .collect();
    w.extend([hrv(-5, 40.0), hrv(-2, 42.0), hrv(0, 44.0)]);
    // A value older than the 60 days does not count.
    w.push(hrv(-67, 200.0));
    let b = hrv_baseline(&w, day(0));
    assert_eq!((b.baseline_n, b.normal_n), (3, 14));
    let base = b.baseline.expect("3 values in 7 days");
    let n = b.normal.expect("14 values in 60 days");
    assert!((base - 3.736913).abs() < 1e-6, "{base}");
    assert!((n.mean - 4.080259).abs() < 1e-6, "{n:?}");
    assert!((n.sd - 0.174587).abs() < 1e-6, "{n:?}");
    assert!((n.low - 3.992966).abs() < 1e-6 && (n.high - 4.167553).abs() < 1e-6);
    assert!(b.is_low());
    assert!((b.today.unwrap() - 44f64.ln()).abs() < 1e-12);

    // 13 in the normal window: no range yet, so not low; 2 in the week: no baseline.
    let few: Vec<Wellness> = w.iter().skip(1).cloned().collect();
    let b = hrv_baseline(&few, day(0));
    assert_eq!((b.normal, b.normal_n), (None, 13));
    assert!(!b.is_low());
    let b = hrv_baseline(&w, day(1)); // the week −5..1 holds 40, 42, 44 still
    assert_eq!(b.baseline_n, 3);
    let b = hrv_baseline(&w, day(5)); // the week −1..5 holds only the 44 of day 0
    assert_eq!((b.baseline, b.baseline_n), (None, 1));
}

/// A check-in with HRV from `source` (rMSSD, or SDNN with `sdnn`).
fn from(source: HrvSource, sdnn: bool, offset: i32, ms: f64) -> Wellness {
    let mut w = Wellness::empty(day(offset));
    if sdnn {
        w.hrv_sdnn = SdnnMs::new(ms);
    } else {
        w.hrv = RmssdMs::new(ms);
    }
    w.hrv_source = Some(source);
    w
}

/// Issue #33: a morning reading's rMSSD (HRV apps), a night's (watches) and SDNN (Apple
/// Watch) are different numbers; the windows are taken over one source's values, the
/// latest source with enough history wins.
#[test]
fn each_source_keeps_its_own_baseline() {
    // One value a day. HRV4Training mornings at 60 ms on the even days (−66…−2): 30 before
    // the week (−6…0) and 3 in it, history enough. A Garmin watch's nights at 30 ms on the
    // odd days −9…−1 and today: the latest value, but 2 before the week: too few.
    let mut w: Vec<Wellness> = (1..=33)
        .map(|i| from(HrvSource::Hrv4Training, false, -2 * i, 60.0))
        .collect();
    w.extend([-9, -7, -5, -3, -1, 0].map(|d| from(HrvSource::Garmin, false, d, 30.0)));
    let b = hrv_baseline(&w, day(0));
    let series = b.series.expect("a series");
    assert_eq!(
        (series.source, series.sdnn),
        (HrvSource::Hrv4Training, false)
    );
    assert_eq!((b.normal_n, b.baseline_n), (30, 3));
    assert!(
        (b.baseline.unwrap() - 60f64.ln()).abs() < 1e-12,
        "never mixed with 30 ms"
    );
    assert_eq!(
        b.today, None,
        "today's value is the watch's, another series"
    );

    // Once the watch has 14 nights before the week and 3 in it (nights −29…0), it has the
    // latest value and history enough: the watch's wins.
    let mut watch: Vec<Wellness> = (30..67)
        .map(|i| from(HrvSource::Hrv4Training, false, -i, 60.0))
        .collect();
    watch.extend((0..30).map(|i| from(HrvSource::Garmin, false, -i, 30.0)));
    let b = hrv_baseline(&watch, day(0));
    assert_eq!(b.series.map(|s| s.source), Some(HrvSource::Garmin));
    assert_eq!((b.normal_n, b.baseline_n), (23, 7));
    assert!((b.baseline.unwrap() - 30f64.ln()).abs() < 1e-12);

    // With neither enough, the latest: its count of mornings says what is missing.
    let young: Vec<Wellness> = (0..5)
        .map(|i| from(HrvSource::Whoop, false, -i, 40.0))
        .collect();
    let b = hrv_baseline(&young, day(0));
    assert_eq!(b.series.map(|s| s.source), Some(HrvSource::Whoop));
    assert_eq!((b.normal_n, b.baseline_n, b.normal), (0, 5, None));

    // SDNN is its own series, even from the same source as an rMSSD.
    let mut apple: Vec<Wellness> = (0..30)
        .map(|i| from(HrvSource::AppleWatch, true, -i, 45.0))
        .collect();
    apple.extend((30..40).map(|i| from(HrvSource::Manual, false, -i, 80.0)));
    let b = hrv_baseline(&apple, day(0));
    assert_eq!(
        b.series,
        Some(HrvSeries {
            source: HrvSource::AppleWatch,
            sdnn: true
        })
    );
    assert!((b.today.unwrap() - 45f64.ln()).abs() < 1e-12);
    assert_eq!(
        b.normal_n, 23,
        "the 23 SDNN nights before the week, not the typed rMSSD"
    );

    // The source's own range comes with its latest value.
    let mut garmin = from(HrvSource::Garmin, false, 0, 31.0);
    garmin.hrv_range_low = RmssdMs::new(27.0);
    garmin.hrv_range_high = RmssdMs::new(36.0);
    watch.retain(|x| x.date != day(0));
    watch.push(garmin);
    assert_eq!(
        hrv_baseline(&watch, day(0)).source_range,
        Some((27.0, 36.0))
    );
}

#[test]
fn resting_hr_elevated_is_5_bpm_above_the_60_day_mean() {
    let mut w: Vec<Wellness> = (1..=14)
        .map(|d| Wellness {
            resting_hr: Bpm::new(if d % 2 == 0 { 48 } else { 52 }),
            ..Wellness::empty(day(-d))
        })
        .collect();
    w.push(Wellness {
        resting_hr: Bpm::new(55),
        ..Wellness::empty(day(0))
    });
    let r = resting_hr(&w, day(0));
    assert_eq!(r.baseline, Some(50.0));
    assert!(r.is_elevated(), "55 ≥ 50 + 5");
    w.last_mut().unwrap().resting_hr = Bpm::new(54);
    assert!(!resting_hr(&w, day(0)).is_elevated(), "54 < 55");
    // 13 values: no baseline.
    assert_eq!(resting_hr(&w[1..], day(0)).baseline, None);
}

#[test]
fn back_from_illness_counts_the_sick_days() {
    let sick = |from: i32, to: i32| -> Vec<Wellness> {
        (from..=to)
            .map(|d| Wellness {
                sick: true,
                ..Wellness::empty(day(d))
            })
            .collect()
    };
    // Three sick days (−5..−3) → 3 easy days: −2, −1, 0 → today is day 3 of 3.
    let b = back_from_illness(&sick(-5, -3), day(0)).expect("within");
    assert_eq!((b.sick_days, b.easy_days, b.day), (3, 3, 3));
    assert_eq!(back_from_illness(&sick(-6, -4), day(0)), None);
    // Ten sick days → at most 7.
    let b = back_from_illness(&sick(-16, -7), day(0)).expect("within");
    assert_eq!((b.sick_days, b.easy_days, b.day), (10, 7, 7));
    // Sick today: that is R15, not R17.
    assert_eq!(back_from_illness(&sick(-2, 0), day(0)), None);
}

#[test]
fn load_budget_example_of_the_spec() {
    // docs/domain.md §7: CTL_y 50 and ATL_y 60 give L_max ≈ 245 TSS (defaults).
    let s = PmcSettings::default();
    let l = load_budget(50.0, 60.0, BUDGET_FLOOR_TSB, &s).unwrap();
    assert!((l - 244.638963).abs() < 1e-6, "{l}");
}

#[test]
fn applying_the_budget_puts_tomorrows_form_on_the_floor() {
    for update in [PmcUpdate::Exponential, PmcUpdate::Reciprocal] {
        let s = PmcSettings {
            update,
            ..PmcSettings::default()
        };
        for (ctl, atl) in [(50.0, 60.0), (80.0, 70.0), (30.0, 40.0), (100.0, 20.0)] {
            let l = load_budget(ctl, atl, BUDGET_FLOOR_TSB, &s).unwrap();
            assert!(l > 0.0);
            let tsb = tsb_tomorrow(ctl, atl, l, &s);
            assert!((tsb - BUDGET_FLOOR_TSB).abs() < 1e-9, "{ctl} {atl}: {tsb}");
            // The same through the chart's own series.
            let s2 = PmcSettings {
                start_ctl: ctl,
                start_atl: atl,
                ..s
            };
            let d = recovery_run::domain::pmc::series_from_loads(day(0), &[l], &s2)[0];
            assert!((d.ctl - d.atl - BUDGET_FLOOR_TSB).abs() < 1e-9);
        }
    }
    // Already below the floor whatever one does: the budget is 0, not negative.
    let s = PmcSettings::default();
    assert_eq!(load_budget(20.0, 120.0, BUDGET_FLOOR_TSB, &s), Some(0.0));
    // CTL's constant not longer than ATL's: no budget.
    let odd = PmcSettings {
        ctl_days: 7.0,
        atl_days: 7.0,
        ..s
    };
    assert_eq!(load_budget(50.0, 60.0, BUDGET_FLOOR_TSB, &odd), None);
}

#[test]
fn acute_chronic_ratio_and_monotony_by_hand() {
    // 21 days of 50 TSS, then a week of 100, 0, 100, 0, 100, 0, 100:
    // acute 400/7 = 57.14, chronic (1050 + 400)/28 = 51.79, ratio 1.1034;
    // SD (÷ 7) of the week: √(4·(100 − 57.14)² + 3·57.14²)/7 = 49.49 → monotony 1.1547.
    let mut loads = vec![50.0; 21];
    loads.extend([100.0, 0.0, 100.0, 0.0, 100.0, 0.0, 100.0]);
    let p = load_pattern(&loads);
    assert!((p.acwr.unwrap() - (400.0 / 7.0) / (1450.0 / 28.0)).abs() < 1e-12);
    assert!((p.acwr.unwrap() - 1.1034).abs() < 1e-4);
    assert!((p.monotony.unwrap() - 1.1547).abs() < 1e-4);
    assert!(p.warnings().is_empty());
    // A sudden week: 28 days with load only in the last 7 → ratio 4 (> 1.5): a warning.
    let mut loads = vec![0.0; 21];
    loads.extend([80.0, 60.0, 70.0, 80.0, 60.0, 70.0, 80.0]);
    let p = load_pattern(&loads);
    assert!((p.acwr.unwrap() - 4.0).abs() < 1e-12);
    // Monotony: mean 71.43, SD 8.33 → 8.57 (> 2): a second warning.
    assert!(p.monotony.unwrap() > 2.0);
    assert_eq!(p.warnings().len(), 2);
}

proptest! {
    /// docs/domain.md §7: k_c < k_a, so more load today always lowers tomorrow's TSB.
    #[test]
    fn a_larger_load_today_never_raises_tomorrows_form(
        ctl in 0.0..300.0f64,
        atl in 0.0..300.0f64,
        a in 0.0..1000.0f64,
        extra in 0.0..1000.0f64,
        ctl_days in 8.0..100.0f64,
        atl_days in 1.0..8.0f64,
        reciprocal in any::<bool>(),
    ) {
        let s = PmcSettings {
            ctl_days,
            atl_days,
            update: if reciprocal { PmcUpdate::Reciprocal } else { PmcUpdate::Exponential },
            ..PmcSettings::default()
        };
        prop_assert!(tsb_tomorrow(ctl, atl, a + extra, &s) <= tsb_tomorrow(ctl, atl, a, &s) + 1e-9);
        if let Some(l) = load_budget(ctl, atl, BUDGET_FLOOR_TSB, &s) {
            prop_assert!(l >= 0.0);
            if l > 0.0 {
                prop_assert!((tsb_tomorrow(ctl, atl, l, &s) - BUDGET_FLOOR_TSB).abs() < 1e-6);
            }
        }
    }
}
