//! Generators shared by the store's property tests: any value the app can hold.
#![allow(dead_code)]

use proptest::prelude::*;
use recovery_run::domain::date::{Day, TimeOfDay};
use recovery_run::domain::profile::{Athlete, FitnessOn, PmcUpdate, Profile, Sex};
use recovery_run::domain::quantity::{
    to_grain, Bpm, Metres, PacePer100m, PacePerKm, RmssdMs, Rpe, SdnnMs, Seconds, Tss, Watts,
};
use recovery_run::domain::session::{Intent, Session, SessionId, Sport, TssMethod};
use recovery_run::domain::thresholds::{ThresholdSet, Thresholds};
use recovery_run::domain::units::Units;
use recovery_run::domain::wellness::{HrvSource, Wellness};
use recovery_run::store::data::{Data, Settings, Theme};

pub fn day() -> impl Strategy<Value = Day> {
    // 1950-01-01 to 2099-12-31.
    (-7305..47482i32).prop_map(|o| Day::from_ordinal(o).expect("in range"))
}

pub fn time_of_day() -> impl Strategy<Value = TimeOfDay> {
    (0..24u8, 0..60u8).prop_map(|(h, m)| TimeOfDay::from_hm(h, m).expect("valid"))
}

/// Any f64 in `lo..=hi`, ends included, full precision (not just short decimals). Plain
/// f64 fields the app holds are typed numbers, to the millionth: `.prop_map(to_grain)`.
fn real(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(lo),
        Just(hi),
        lo..hi,
        (0..1000u32).prop_map(move |n| (lo + f64::from(n) * 0.1).min(hi))
    ]
}

/// Text as people and other tools write it: any Unicode (quotes, commas, newlines, markup,
/// leading `=`), except NUL, which no input field produces.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[ -~]{0,30}",
        "[=+@-][a-zA-Z0-9(),\"; ]{0,20}",
        " ?<b>[a-z ]{0,8}</b>\r?\n?[,\"']? ?",
        any::<String>().prop_map(|s| s.replace('\0', "")),
    ]
}

/// An id: non-blank, at most 200 characters.
pub fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9]{1,12}-[0-9]{1,3}",
        text().prop_filter("not blank, not too long", |s| {
            !s.trim().is_empty() && s.chars().count() <= 200
        }),
    ]
}

pub fn session() -> impl Strategy<Value = Session> {
    let required = (
        id(),
        day(),
        prop::sample::select(Sport::ALL.to_vec()),
        1..=172_800u32,
    );
    let when = (
        proptest::option::of(time_of_day()),
        proptest::option::of(prop::sample::select(Intent::ALL.to_vec())),
        text(),
        text(),
    );
    let numbers = (
        proptest::option::of(real(0.0, 1_000_000.0)),
        proptest::option::of(25..=250u16),
        proptest::option::of(real(0.0, 3000.0)),
        proptest::option::of(real(0.0, 3000.0)),
        proptest::option::of(1..=10u8),
        proptest::option::of(real(0.0, 1000.0)),
        proptest::option::of(prop::sample::select(TssMethod::ALL.to_vec())),
        proptest::option::of(prop::sample::select(TssMethod::ALL.to_vec())),
    );
    (required, when, numbers).prop_map(
        |(
            (id, date, sport, secs),
            (start, intent, title, notes),
            (dist, hr, avg, np, rpe, tss, method, chosen),
        )| {
            let mut s = Session::new(
                SessionId(id),
                date,
                sport,
                Seconds::new(secs).expect("in range"),
            );
            s.start_time = start;
            s.intent = intent;
            s.title = title;
            s.notes = notes;
            s.distance = dist.and_then(Metres::new);
            s.avg_hr = hr.and_then(Bpm::new);
            s.avg_power = avg.and_then(Watts::new);
            s.normalized_power = np.and_then(Watts::new);
            s.rpe = rpe.and_then(Rpe::new);
            s.tss = tss.and_then(Tss::new);
            s.tss_method = method;
            s.tss_method_chosen = chosen;
            s
        },
    )
}

/// Sessions with distinct ids.
pub fn sessions(max: usize) -> impl Strategy<Value = Vec<Session>> {
    prop::collection::vec(session(), 0..max).prop_map(|mut v| {
        let mut seen = std::collections::HashSet::new();
        v.retain(|s| seen.insert(s.id.clone()));
        v
    })
}

pub fn wellness() -> impl Strategy<Value = Wellness> {
    (
        day(),
        proptest::option::of(0..=10u8),
        any::<bool>(),
        any::<bool>(),
        // Sleep as the app holds it: to the millionth of an hour (quantity::GRAIN).
        proptest::option::of(real(0.0, 24.0).prop_map(to_grain)),
        proptest::option::of(25..=250u16),
        text(),
        (
            proptest::option::of(real(1.0, 500.0)),
            any::<bool>(),
            any::<bool>(),
            proptest::option::of(real(1.0, 500.0)),
            proptest::option::of(proptest::sample::select(HrvSource::ALL.to_vec())),
            proptest::option::of((real(1.0, 250.0), real(250.0, 500.0))),
        ),
    )
        .prop_map(
            |(
                date,
                soreness,
                pain,
                menstruating,
                sleep_h,
                hr,
                notes,
                (hrv, sick, injured, sdnn, source, range),
            )| {
                Wellness {
                    date,
                    soreness,
                    pain,
                    menstruating,
                    sleep_h,
                    resting_hr: hr.and_then(Bpm::new),
                    notes,
                    hrv: hrv.and_then(RmssdMs::new),
                    sick,
                    injured,
                    hrv_sdnn: sdnn.and_then(SdnnMs::new),
                    hrv_source: source,
                    hrv_range_low: range.and_then(|(lo, _)| RmssdMs::new(lo)),
                    hrv_range_high: range.and_then(|(_, hi)| RmssdMs::new(hi)),
                }
            },
        )
}

/// Check-ins with distinct dates.
pub fn wellness_list(max: usize) -> impl Strategy<Value = Vec<Wellness>> {
    prop::collection::vec(wellness(), 0..max).prop_map(|mut v| {
        let mut seen = std::collections::HashSet::new();
        v.retain(|w| seen.insert(w.date));
        v
    })
}

pub fn profile() -> impl Strategy<Value = Profile> {
    let person = (
        proptest::option::of(prop_oneof![Just(Sex::Female), Just(Sex::Male)]),
        proptest::option::of(1900..2030i32),
        proptest::option::of(real(20.0, 200.0).prop_map(to_grain)),
        proptest::option::of(real(100.0, 230.0).prop_map(to_grain)),
        prop::sample::select(vec![
            Athlete::Runner,
            Athlete::Ultrarunner,
            Athlete::Triathlete,
            Athlete::Duathlete,
        ]),
        any::<bool>(),
        proptest::option::of(real(0.0, 300_000.0)),
        prop_oneof![Just(Units::Metric), Just(Units::Imperial)],
    );
    let thresholds = (
        proptest::option::of(25..=250u16),
        proptest::option::of(25..=250u16),
        proptest::option::of(25..=250u16),
        proptest::option::of(real(120.0, 1800.0)),
        proptest::option::of(real(0.0, 3000.0)),
        proptest::option::of(real(50.0, 300.0)),
    );
    let pmc = (
        real(1.0, 365.0).prop_map(to_grain),
        real(1.0, 365.0).prop_map(to_grain),
        real(0.0, 200.0).prop_map(to_grain),
        real(0.0, 200.0).prop_map(to_grain),
        prop_oneof![Just(PmcUpdate::Exponential), Just(PmcUpdate::Reciprocal)],
    );
    // Up to three dated sets (docs/domain.md §6), each giving some fields.
    let sets = prop::collection::vec(
        (
            day(),
            proptest::option::of(25..=250u16),
            proptest::option::of(real(120.0, 1800.0)),
            proptest::option::of(real(0.0, 3000.0)),
        ),
        0..4,
    );
    let base = (person, thresholds, pmc).prop_map(
        |(
            (sex, birth_year, weight_kg, height_cm, athlete, injury_prone, volume, units),
            (lthr, max_hr, rest, pace, ftp, css),
            (ctl, atl, sc, sa, update),
        )| Profile {
            sex,
            birth_year,
            weight_kg,
            height_cm,
            athlete,
            injury_prone,
            weekly_volume: volume.and_then(Metres::new),
            units,
            lthr: lthr.and_then(Bpm::new),
            max_hr: max_hr.and_then(Bpm::new),
            resting_hr: rest.and_then(Bpm::new),
            threshold_pace: pace.and_then(PacePerKm::new),
            ftp: ftp.and_then(Watts::new),
            css: css.and_then(PacePer100m::new),
            ctl_time_constant_days: ctl,
            atl_time_constant_days: atl,
            start_ctl: sc,
            start_atl: sa,
            pmc_update: update,
            thresholds: Vec::new(),
            fitness_on: None,
        },
    );
    // Fitness and fatigue set on a date (docs/domain.md §2.1), or none.
    let set = proptest::option::of((day(), real(0.0, 300.0), real(0.0, 300.0)));
    (base, sets, set).prop_map(|(mut p, sets, set)| {
        p.fitness_on = set.and_then(|(d, c, a)| FitnessOn::new(d, c, a));
        let mut seen = std::collections::HashSet::new();
        let sets: Vec<ThresholdSet> = sets
            .into_iter()
            .filter(|(since, ..)| seen.insert(*since))
            .map(|(since, lthr, pace, ftp)| ThresholdSet {
                since,
                values: Thresholds {
                    lthr: lthr.and_then(Bpm::new),
                    threshold_pace: pace.and_then(PacePerKm::new),
                    ftp: ftp.and_then(Watts::new),
                    ..Thresholds::default()
                },
            })
            .collect();
        p.with_sets(sets).unwrap_or(p)
    })
}

pub fn settings() -> impl Strategy<Value = Settings> {
    (
        prop_oneof![Just(Theme::System), Just(Theme::Light), Just(Theme::Dark)],
        proptest::option::of(day()),
    )
        .prop_map(|(theme, last_backup)| Settings { theme, last_backup })
}

pub fn data() -> impl Strategy<Value = Data> {
    (profile(), sessions(12), wellness_list(6), settings()).prop_map(
        |(profile, sessions, wellness, settings)| Data {
            profile,
            sessions,
            wellness,
            settings,
        },
    )
}

/// A session made by hand: the three required fields.
pub fn bare(id: &str, date: &str, sport: Sport, secs: u32) -> Session {
    Session::new(
        SessionId(id.into()),
        date.parse().expect("a date"),
        sport,
        Seconds::new(secs).expect("a duration"),
    )
}
