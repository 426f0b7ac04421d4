//! Thresholds over time (docs/domain.md §6, issue #18): a year of heart-rate runs with LTHR 160
//! from January and 170 from July, and what adding, correcting and previewing sets does to
//! it; the chart CSV against an independent computation; and the property that a new set
//! from day D changes no session before D. TSS are held to the millionth (quantity::GRAIN),
//! so a computed one matches its formula to 1e-6.

mod store_support;

use proptest::prelude::*;
use recovery_run::domain::date::Day;
use recovery_run::domain::profile::Profile;
use recovery_run::domain::quantity::{Bpm, Metres, PacePerKm, Rpe, Seconds, Tss};
use recovery_run::domain::session::{Session, SessionId, Sport, TssMethod};
use recovery_run::domain::thresholds::{ThresholdChange, ThresholdSet, Thresholds};
use recovery_run::domain::tss;
use recovery_run::store::data::Data;
use recovery_run::store::files::{self, Export};

fn day(y: i32, m: u8, d: u8) -> Day {
    Day::from_ymd(y, m, d).expect("a real day")
}

const TODAY: (i32, u8, u8) = (2026, 12, 31);

fn today() -> Day {
    day(TODAY.0, TODAY.1, TODAY.2)
}

fn lthr(b: u16) -> Thresholds {
    Thresholds {
        lthr: Bpm::new(b),
        ..Thresholds::default()
    }
}

/// Every Monday of 2026 from 5 January to 28 December (52 runs): one hour at an average of
/// 144 bpm, heart rate only, so each is scored by hrTSS.
fn year_of_runs() -> Vec<Session> {
    (0..52)
        .map(|week| {
            let date = day(2026, 1, 5).add_days(7 * week);
            let mut s = Session::new(
                SessionId(format!("run-{date}")),
                date,
                Sport::Run,
                Seconds::new(3600).expect("1 h"),
            );
            s.avg_hr = Bpm::new(144);
            s
        })
        .collect()
}

/// hrTSS of one hour at 144 bpm (docs/domain.md §1): 100 × (144 ÷ LTHR)².
/// - LTHR 160: 144/160 = 0.9 → 100 × 0.81 = 81.
/// - LTHR 165: 20 736 / 27 225 = 0.761 653… → 76.165 3…
/// - LTHR 170: 20 736 / 28 900 = 0.717 508… → 71.750 8…
fn hr_tss(lthr: f64) -> f64 {
    100.0 * (144.0 / lthr) * (144.0 / lthr)
}

/// The athlete as they were in January: LTHR 160, no dated sets, every run scored.
fn january_athlete() -> Data {
    let mut d = Data {
        profile: Profile {
            lthr: Bpm::new(160),
            ..Profile::default()
        },
        ..Data::default()
    };
    for mut s in year_of_runs() {
        tss::rescore(&mut s, &d.profile);
        d.sessions.push(s);
    }
    d
}

fn tss_on(d: &Data, date: Day) -> f64 {
    d.sessions
        .iter()
        .find(|s| s.date == date)
        .and_then(|s| s.tss)
        .map_or(f64::NAN, Tss::get)
}

/// Runs before 1 July 2026: the Mondays from 5 January to 29 June, 26 of them.
const FIRST_HALF: usize = 26;

fn july_set() -> ThresholdChange {
    ThresholdChange::NewSet {
        since: day(2026, 7, 1),
        values: lthr(170),
    }
}

#[test]
fn january_runs_keep_their_hr_tss_after_the_july_set() {
    let mut d = january_athlete();
    assert!(d.sessions.iter().all(|s| s.tss == Tss::new(hr_tss(160.0))));
    let next = d.profile_after(&july_set(), today());

    // The preview, before anything is re-scored: the 26 runs from 6 July change, each
    // from 81 to 71.75; the largest changes are the same size, latest first.
    let preview = d.threshold_preview(&next, today());
    assert_eq!(preview.changed, 52 - FIRST_HALF);
    assert_eq!(preview.largest.len(), 5);
    let top = &preview.largest[0];
    assert_eq!(top.date, day(2026, 12, 28));
    assert_eq!(top.before, Tss::new(81.0));
    assert!((top.after.map_or(0.0, Tss::get) - hr_tss(170.0)).abs() < 1e-6);
    let (before, after) = (preview.today_before.unwrap(), preview.today_after.unwrap());
    assert!(
        after.ctl < before.ctl,
        "less stress since July: lower CTL today"
    );
    assert_eq!(before.day, today());
    assert!(
        d.sessions.iter().all(|s| s.tss == Tss::new(81.0)),
        "nothing applied yet"
    );

    d.set_profile(next);
    for s in &d.sessions {
        let want = if s.date < day(2026, 7, 1) {
            81.0
        } else {
            hr_tss(170.0)
        };
        assert!(
            (s.tss.map_or(0.0, Tss::get) - want).abs() < 1e-6,
            "{}",
            s.date
        );
        assert_eq!(s.tss_method, Some(TssMethod::Hr));
    }
    // Today's zones use today's set: the profile's fields are the July set.
    assert_eq!(d.profile.lthr, Bpm::new(170));
    // The first set starts on the first logged day and keeps January's LTHR.
    let sets = d.profile.threshold_sets();
    assert_eq!(
        sets.iter().map(|s| s.since).collect::<Vec<_>>(),
        [day(2026, 1, 5), day(2026, 7, 1)]
    );
    // Each estimate says which set scored it.
    let jan = tss::score(&d.sessions[0], &d.profile).unwrap();
    let dec = tss::score(&d.sessions[51], &d.profile).unwrap();
    assert_eq!(
        (jan.since, dec.since),
        (Some(day(2026, 1, 5)), Some(day(2026, 7, 1)))
    );
    assert_eq!(
        recovery_run::domain::tss::describe(
            TssMethod::Hr,
            &d.profile.in_force(d.sessions[0].date),
            recovery_run::domain::units::Units::Metric
        )
        .as_deref(),
        Some("LTHR 160 bpm (thresholds from 2026-01-05)")
    );
}

#[test]
fn correcting_the_january_set_rescores_only_january_to_june() {
    let mut d = january_athlete();
    d.set_profile(d.profile_after(&july_set(), today()));
    let correct = ThresholdChange::Correct {
        since: Some(day(2026, 1, 5)),
        values: lthr(165),
    };
    let next = d.profile_after(&correct, today());
    let preview = d.threshold_preview(&next, today());
    assert_eq!(preview.changed, FIRST_HALF);
    // 81 → 76.17 for each January–June run: a change of 4.83.
    assert!(preview
        .largest
        .iter()
        .all(|c| c.date < day(2026, 7, 1) && (c.delta() - (hr_tss(165.0) - 81.0)).abs() < 1e-6));
    d.set_profile(next);
    let close = |a: f64, b: f64| (a - b).abs() < 1e-6;
    assert!(close(tss_on(&d, day(2026, 1, 5)), hr_tss(165.0)));
    assert!(close(tss_on(&d, day(2026, 6, 29)), hr_tss(165.0)));
    assert!(close(tss_on(&d, day(2026, 7, 6)), hr_tss(170.0)));
    assert!(close(tss_on(&d, day(2026, 12, 28)), hr_tss(170.0)));
    assert_eq!(d.profile.lthr, Bpm::new(170), "July's set is its own");
}

/// The chart CSV (docs/formats.md §3) of the year with both sets, against the same numbers
/// computed here from the definitions (docs/domain.md §2), without the app's PMC code:
/// - load: 81 on each Monday before July, 71.7508… from July, 0 on other days;
/// - CTL_d = CTL_{d−1} + (load_d − CTL_{d−1}) × (1 − e^(−1/42)), ATL likewise with 7,
///   both from 0 on the day before 5 January;
/// - TSB_d = CTL_{d−1} − ATL_{d−1}; ramp_d = CTL_d − CTL_{d−7} (0 before the first week).
#[test]
fn the_chart_csv_equals_an_independent_computation() {
    let mut d = january_athlete();
    d.set_profile(d.profile_after(&july_set(), today()));
    let (_, _, csv) = files::export(&d, Export::Chart, today(), "2026-12-31T20:00:00Z");

    let (kc, ka) = (1.0 - (-1.0f64 / 42.0).exp(), 1.0 - (-1.0f64 / 7.0).exp());
    let one = |v: f64| {
        let s = format!("{v:.1}");
        if s == "-0.0" {
            "0.0".to_string()
        } else {
            s
        }
    };
    let mut expected = String::from("date,tss,ctl,atl,tsb,ramp\n");
    let (mut ctl, mut atl) = (0.0f64, 0.0f64);
    let mut ctls: Vec<f64> = Vec::new();
    let mut date = day(2026, 1, 5);
    while date <= today() {
        let monday = date.days_since(day(2026, 1, 5)) % 7 == 0;
        let load = match (monday, date < day(2026, 7, 1)) {
            (false, _) => 0.0,
            (true, true) => 81.0,
            (true, false) => 20_736.0 / 28_900.0 * 100.0,
        };
        let tsb = ctl - atl;
        ctl += (load - ctl) * kc;
        atl += (load - atl) * ka;
        let week_ago = if ctls.len() >= 7 {
            ctls[ctls.len() - 7]
        } else {
            0.0
        };
        ctls.push(ctl);
        expected.push_str(&format!(
            "{date},{},{},{},{},{}\n",
            one(load),
            one(ctl),
            one(atl),
            one(tsb),
            one(ctl - week_ago)
        ));
        date = date.add_days(1);
    }
    assert_eq!(csv, expected);
    // 361 days from 5 January to 31 December, and a header.
    assert_eq!(csv.lines().count(), 362);
}

#[test]
fn a_chosen_method_survives_a_change_of_thresholds() {
    let mut d = january_athlete();
    // The first run also has a distance and an effort; the athlete wants it scored by RPE.
    let first = &mut d.sessions[0];
    first.distance = Metres::new(12_000.0);
    first.rpe = Rpe::new(4);
    first.tss_method_chosen = Some(TssMethod::Rpe);
    tss::rescore(first, &d.profile);
    // RPE 4 → IF 0.78 (docs/domain.md §1.1): 1 h × 0.78² × 100 = 60.84.
    assert!((tss_on(&d, day(2026, 1, 5)) - 60.84).abs() < 1e-6);
    let methods: Vec<TssMethod> = tss::available(&d.sessions[0], &d.profile)
        .iter()
        .map(|s| s.method)
        .collect();
    assert_eq!(
        methods,
        [TssMethod::Hr, TssMethod::Rpe],
        "no threshold pace"
    );
    let mut p = d.profile.clone();
    p.threshold_pace = PacePerKm::new(300.0);
    d.set_profile(p);
    assert_eq!(d.sessions[0].tss_method, Some(TssMethod::Rpe), "kept");
    assert!((tss_on(&d, day(2026, 1, 5)) - 60.84).abs() < 1e-6);
    // Typed TSS: method given.
    d.sessions[0].tss_method_chosen = Some(TssMethod::Given);
    d.sessions[0].tss = Tss::new(70.0);
    d.sessions[0].tss_method = Some(TssMethod::Given);
    d.set_profile(d.profile_after(&july_set(), today()));
    assert_eq!(tss_on(&d, day(2026, 1, 5)), 70.0);
}

/// A new set before the first one leaves the days before it as they were: they used the
/// first set, and still do.
#[test]
fn a_set_before_the_first_keeps_older_days() {
    let mut d = january_athlete();
    d.set_profile(d.profile_after(&july_set(), today()));
    // Remove all but July (its days and January's now use July's LTHR 170)...
    d.set_profile(d.profile_after(
        &ThresholdChange::Remove {
            since: day(2026, 1, 5),
        },
        today(),
    ));
    assert!((tss_on(&d, day(2026, 1, 5)) - hr_tss(170.0)).abs() < 1e-6);
    // ...then a set from 1 March with LTHR 160: January and February keep 170.
    let march = ThresholdChange::NewSet {
        since: day(2026, 3, 1),
        values: lthr(160),
    };
    d.set_profile(d.profile_after(&march, today()));
    assert!((tss_on(&d, day(2026, 2, 23)) - hr_tss(170.0)).abs() < 1e-6);
    assert_eq!(tss_on(&d, day(2026, 3, 2)), 81.0);
    assert!((tss_on(&d, day(2026, 7, 6)) - hr_tss(170.0)).abs() < 1e-6);
}

/// docs/formats.md §1.1: a version 1 backup imports unchanged in meaning (its thresholds are one
/// set for all days, every session keeps its TSS), and version 2 round-trips the sets and
/// the choices.
#[test]
fn backups_of_both_versions() {
    use recovery_run::store::backup;
    use recovery_run::store::import::{import, ImportError};
    let v1 = include_str!("fixtures/backup-v1.json");
    let file = backup::parse(v1).unwrap();
    let (d, report) = import(&Data::default(), "backup-v1.json", v1.as_bytes()).unwrap();
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert!(d.profile.thresholds.is_empty(), "one set for all days");
    assert_eq!(d.profile.lthr, Bpm::new(168));
    for (s, f) in d.sessions.iter().zip(&file.sessions) {
        assert_eq!((s.tss.is_some(), s.tss_method), (true, s.tss_method));
        if f.tss.is_some() {
            assert_eq!(s.tss, f.tss, "{} keeps its TSS", s.id.0);
        }
    }

    // Version 2: a year with two sets and a chosen method, out and back in.
    let mut y = january_athlete();
    y.set_profile(y.profile_after(&july_set(), today()));
    y.sessions[3].rpe = Rpe::new(6);
    y.sessions[3].tss_method_chosen = Some(TssMethod::Rpe);
    tss::rescore(&mut y.sessions[3], &y.profile);
    let text = backup::export(&y, "2026-12-31T20:00:00Z");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["version"], 2);
    assert_eq!(
        json["profile"]["thresholds"],
        serde_json::json!([{"since": "2026-01-05", "lthr_bpm": 160}, {"since": "2026-07-01", "lthr_bpm": 170}])
    );
    assert_eq!(json["sessions"][0]["thresholds_since"], "2026-01-05");
    assert_eq!(json["sessions"][51]["thresholds_since"], "2026-07-01");
    assert_eq!(json["sessions"][3]["tss_method_chosen"], "rpe");
    assert_eq!(
        json["sessions"][3]["thresholds_since"],
        serde_json::Value::Null
    );
    let (back, _) = import(&Data::default(), "b.json", text.as_bytes()).unwrap();
    assert_eq!(back.profile, y.profile);
    assert_eq!(back.sessions, y.sessions);

    // Two sets from one day: reported, nothing imported.
    let twice = text.replace("\"since\": \"2026-07-01\"", "\"since\": \"2026-01-05\"");
    match import(&Data::default(), "b.json", twice.as_bytes()) {
        Err(ImportError::Malformed(why)) => {
            assert!(
                why.contains("two threshold sets start on 2026-01-05"),
                "{why}"
            )
        }
        other => panic!("{other:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// docs/domain.md §6: a new set from day D changes no session before D, whatever the
    /// sessions, the sets already there and the new values.
    #[test]
    fn a_new_set_from_d_changes_nothing_before_d(
        sessions in prop::collection::vec(store_support::session(), 0..40),
        earlier in prop::collection::vec((0..400i32, 100..200u16, 150.0..400.0f64), 0..3),
        offset in 0..400i32,
        new_lthr in 100..200u16,
        new_pace in 150.0..400.0f64,
    ) {
        let base = day(2025, 6, 1);
        let mut profile = Profile {
            lthr: Bpm::new(150),
            threshold_pace: PacePerKm::new(270.0),
            ..Profile::default()
        };
        let mut sets: Vec<ThresholdSet> = Vec::new();
        for (o, l, p) in earlier {
            let since = base.add_days(o);
            if sets.iter().all(|s| s.since != since) {
                sets.push(ThresholdSet {
                    since,
                    values: Thresholds { lthr: Bpm::new(l), threshold_pace: PacePerKm::new(p), ..Thresholds::default() },
                });
            }
        }
        profile = profile.with_sets(sets).unwrap();
        let mut d = Data { profile, ..Data::default() };
        for mut s in sessions {
            s.date = base.add_days(s.date.days_since(Day::EPOCH).rem_euclid(500) - 50);
            tss::rescore(&mut s, &d.profile);
            d.upsert_session(s);
        }
        let before = d.sessions.clone();
        let since = base.add_days(offset);
        let change = ThresholdChange::NewSet {
            since,
            values: Thresholds {
                lthr: Bpm::new(new_lthr),
                threshold_pace: PacePerKm::new(new_pace),
                ..d.profile.in_force(since).values
            },
        };
        let next = d.profile_after(&change, since.add_days(30));
        let preview = d.threshold_preview(&next, since.add_days(30));
        d.set_profile(next);
        for (a, b) in before.iter().zip(&d.sessions) {
            if a.date < since {
                prop_assert_eq!(a, b);
            }
        }
        prop_assert!(preview.largest.iter().all(|c| c.date >= since));
    }
}
