//! Ten years of a triathlete's log, the same on every run: the one generator of the
//! synthetic log. The native benchmarks (`benches/pmc.rs`, `benches/store.rs`), the wasm
//! ones (`tests/web_bench.rs`) and `tests/store_local.rs` use it directly;
//! `examples/ten_years.rs` prints it as the text the app stores, for the browser figures
//! (`bench/browser.mjs`) and the opening's end-to-end test (`tests/e2e/opening.spec.ts`).
//!
//! Nothing here restates the app: every session is scored as the Log page scores one when
//! it is saved (`tss::rescore` with the profile), its id is made as the app makes one
//! (`Data::session_id`), and the text is the app's own (`store::schema::encode`).
#![allow(dead_code)]

use recovery_run::domain::date::{Day, TimeOfDay};
use recovery_run::domain::profile::{Athlete, Profile, Sex};
use recovery_run::domain::quantity::{Bpm, Metres, PacePer100m, PacePerKm, Rpe, Seconds, Watts};
use recovery_run::domain::session::{Intent, Session, Sport};
use recovery_run::domain::tss;
use recovery_run::domain::wellness::Wellness;
use recovery_run::store::data::{Data, Settings, Theme};

/// The length of the benchmarks' log, from [`first`].
pub const DAYS: i32 = 3650;

/// The first day of the benchmarks' log.
pub fn first() -> Day {
    Day::from_ymd(2016, 1, 1).expect("a real day")
}

/// The benchmarks' sessions: [`log`] of [`DAYS`] days from [`first`] (about 5,200).
pub fn sessions() -> Vec<Session> {
    log(first().add_days(DAYS - 1), DAYS).sessions
}

/// The athlete: a triathlete with every threshold set, so each sport has its own way of
/// scoring (pace for runs, power for rides, CSS for swims, RPE for strength and yoga).
pub fn profile() -> Profile {
    Profile {
        sex: Some(Sex::Female),
        birth_year: Some(1990),
        weight_kg: Some(58.0),
        height_cm: Some(167.0),
        athlete: Athlete::Triathlete,
        weekly_volume: Metres::new(64_000.0),
        lthr: Bpm::new(168),
        max_hr: Bpm::new(190),
        resting_hr: Bpm::new(48),
        threshold_pace: PacePerKm::new(255.0),
        ftp: Watts::new(230.0),
        css: PacePer100m::new(95.0),
        ..Profile::default()
    }
}

/// A small deterministic generator (mulberry32): the same "random" log on every run, with
/// no dependency.
struct Rng(u32);

impl Rng {
    /// A number in [0, 1).
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x6d2b_79f5);
        let mut t = self.0;
        t = (t ^ (t >> 15)).wrapping_mul(t | 1);
        t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
        f64::from(t ^ (t >> 14)) / 4_294_967_296.0
    }

    fn between(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.next()
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[(self.next() * xs.len() as f64) as usize]
    }
}

const NOTES: [&str; 11] = [
    "",
    "",
    "",
    "",
    "",
    "",
    "Windy",
    "Felt strong",
    "Legs heavy",
    "Hilly route, 2 min jog recoveries",
    "Left calf a bit tight",
];

const WORKOUTS: [&str; 3] = ["6 × 800 m", "Tempo 3 × 10 min", "Hill repeats"];

/// A session as the week plans it.
type Planned = (Sport, Intent);

/// The week, Sunday first: the session each day has (Friday none for sure), then how likely
/// a second one is, and which.
#[rustfmt::skip]
const WEEK: [(Option<Planned>, f64, Planned); 7] = [
    (Some((Sport::Run, Intent::Long)), 0.3, (Sport::Yoga, Intent::Recovery)),
    (Some((Sport::Run, Intent::Easy)), 0.9, (Sport::Strength, Intent::Strength)),
    (Some((Sport::Run, Intent::Workout)), 0.8, (Sport::Swim, Intent::Workout)),
    (Some((Sport::Ride, Intent::Easy)), 0.45, (Sport::Run, Intent::Recovery)),
    (Some((Sport::Swim, Intent::Workout)), 0.85, (Sport::Run, Intent::Easy)),
    (None, 0.5, (Sport::Swim, Intent::Easy)),
    (Some((Sport::Ride, Intent::Long)), 0.7, (Sport::Run, Intent::Easy)),
];

/// 0 for Sunday … 6 for Saturday (1970-01-01, ordinal 0, was a Thursday).
fn weekday(d: Day) -> i32 {
    (d.ordinal() + 4).rem_euclid(7)
}

fn time(hour: u8, minute: u8) -> TimeOfDay {
    TimeOfDay::from_hm(hour, minute).expect("a time of day")
}

/// `days` days of a triathlete's log ending on `until`, as the app holds it: about 1.4
/// sessions a day in a weekly pattern (Friday mostly rest, a few days off to illness or
/// travel), with start times, titles and notes, every session scored; a check-in on about
/// three days in five of the last year; the profile; a backup taken on `until`.
pub fn log(until: Day, days: i32) -> Data {
    let profile = profile();
    let mut r = Rng(2026);
    let start = until.add_days(1 - days);
    let mut sessions = Vec::new();
    let mut wellness = Vec::new();
    let mut counter = 0u32;
    for i in 0..days {
        let date = start.add_days(i);
        let (fixed, chance, extra) = WEEK[weekday(date) as usize];
        let mut plan: Vec<Planned> = fixed.into_iter().collect();
        if r.next() < chance {
            plan.push(extra);
        }
        if r.next() < 0.05 {
            plan.clear(); // ill, travelling
        }
        for (n, &(sport, intent)) in plan.iter().enumerate() {
            let minutes = match (sport, intent) {
                (Sport::Run, Intent::Recovery) => 30.0,
                (Sport::Run, Intent::Workout) => 65.0,
                (Sport::Run, Intent::Long) => 105.0,
                (Sport::Run, _) => 50.0,
                (Sport::Ride, Intent::Long) => 180.0,
                (Sport::Ride, _) => 60.0,
                (Sport::Swim, Intent::Workout) => 60.0,
                (Sport::Swim, _) => 40.0,
                (Sport::Strength, _) => 45.0,
                _ => 50.0,
            };
            let stretch = r.between(0.85, 1.15);
            let start_time = if n == 0 {
                r.pick(&[time(6, 30), time(7, 0), time(7, 15), time(12, 10)])
            } else {
                r.pick(&[time(17, 30), time(18, 0), time(18, 30)])
            };
            let workout = r.pick(&WORKOUTS);
            let notes = r.pick(&NOTES);
            let seconds = (minutes * stretch * 60.0).round();
            // The app's ids: the time of saving (here 19:00 UTC on the day, a minute per
            // session) and a counter.
            let millis =
                f64::from(date.ordinal()) * 86_400_000.0 + 19.0 * 3_600_000.0 + n as f64 * 60_000.0;
            let mut s = Session::new(
                Data::session_id(millis, counter % 36),
                date,
                sport,
                Seconds::new(seconds as u32).expect("under 48 h"),
            );
            counter += 1;
            s.start_time = Some(start_time);
            s.intent = Some(intent);
            s.title = match (sport, intent) {
                (Sport::Run, Intent::Recovery) => "Recovery run",
                (Sport::Run, Intent::Workout) => workout,
                (Sport::Run, Intent::Long) => "Long run",
                (Sport::Run, _) => "Easy run",
                (Sport::Ride, Intent::Long) => "Long ride",
                (Sport::Ride, _) => "Spin",
                (Sport::Swim, Intent::Workout) => "Swim: 10 × 100 m",
                (Sport::Swim, _) => "Easy swim",
                (Sport::Strength, _) => "Gym: legs and core",
                _ => "Evening yoga",
            }
            .into();
            s.notes = notes.into();
            let hard = matches!(intent, Intent::Workout | Intent::Long);
            let rpe = match sport {
                Sport::Run => {
                    let pace = if hard { 270.0 } else { 330.0 } * r.between(0.95, 1.05); // s/km
                    s.distance = Metres::new((seconds / pace * 1000.0).round());
                    s.avg_hr = bpm(if hard { 156.0 } else { 138.0 } * r.between(0.97, 1.03));
                    if hard {
                        7
                    } else {
                        3
                    }
                }
                Sport::Ride => {
                    s.distance =
                        Metres::new((seconds / 3600.0 * r.between(24_000.0, 31_000.0)).round());
                    s.avg_hr = bpm(128.0 * r.between(0.95, 1.05));
                    let avg = (150.0 * r.between(0.9, 1.1)).round();
                    s.avg_power = Watts::new(avg);
                    s.normalized_power = Watts::new((avg * r.between(1.03, 1.1)).round());
                    if hard {
                        5
                    } else {
                        3
                    }
                }
                Sport::Swim => {
                    let pace = if hard { 100.0 } else { 112.0 } * r.between(0.96, 1.04); // s/100 m
                    s.distance = Metres::new((seconds / pace * 100.0 / 25.0).round() * 25.0);
                    if hard {
                        6
                    } else {
                        3
                    }
                }
                Sport::Yoga => 2,
                _ => 6,
            };
            s.rpe = Rpe::new(rpe);
            // As the Log page does when the session is saved.
            tss::rescore(&mut s, &profile);
            sessions.push(s);
        }
        if i >= days - 365 && r.next() < 0.6 {
            let mut w = Wellness::empty(date);
            w.soreness = Some(1 + (r.next() * 4.0) as u8);
            w.menstruating = r.next() < 0.15;
            w.sleep_h = Some((r.between(6.0, 9.0) * 4.0).round() / 4.0);
            w.resting_hr = bpm(r.between(45.0, 53.0));
            wellness.push(w);
        }
    }
    Data {
        profile,
        sessions,
        wellness,
        settings: Settings {
            theme: Theme::System,
            last_backup: Some(until),
        },
    }
}

fn bpm(v: f64) -> Option<Bpm> {
    Bpm::new(v.round() as u16)
}
