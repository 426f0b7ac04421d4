//! Ten years of a triathlete's log, the same on every run, for the benchmarks.
#![allow(dead_code)]

use recovery_run::domain::date::Day;
use recovery_run::domain::profile::Profile;
use recovery_run::domain::quantity::{Bpm, Duration, Metres, PacePer100m, PacePerKm, Rpe, Watts};
use recovery_run::domain::session::{Intent, Session, SessionId, Sport};
use recovery_run::domain::tss;

pub const DAYS: i32 = 3650;

/// A tiny linear congruential generator (Knuth's MMIX constants): the same "random" log on
/// every run, with no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// A number in [0, 1).
    fn unit(&mut self) -> f64 {
        self.next() as f64 / (1u64 << 31) as f64
    }

    fn between(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
}

pub fn profile() -> Profile {
    Profile {
        lthr: Bpm::new(168),
        max_hr: Bpm::new(190),
        resting_hr: Bpm::new(48),
        threshold_pace: PacePerKm::new(255.0),
        ftp: Watts::new(230.0),
        css: PacePer100m::new(95.0),
        ..Profile::default()
    }
}

pub fn first() -> Day {
    Day::from_ymd(2016, 1, 1).expect("a real day")
}

/// Ten years of a triathlete's log: about 1.4 sessions a day (~5,000), rest days included, every
/// sport and every way of scoring.
pub fn sessions() -> Vec<Session> {
    let mut rng = Lcg(2026);
    let mut out = Vec::new();
    for day in 0..DAYS {
        let date = first().add_days(day);
        let count = match rng.next() % 20 {
            0..=2 => 0,
            3..=10 => 1,
            11..=17 => 2,
            _ => 3,
        };
        for n in 0..count {
            let sport = match rng.next() % 20 {
                0..=8 => Sport::Run,
                9..=12 => Sport::Ride,
                13..=15 => Sport::Swim,
                16 | 17 => Sport::Strength,
                18 => Sport::Yoga,
                _ => Sport::Other,
            };
            let minutes = rng.between(20.0, 150.0) as u32;
            let mut s = Session::new(
                SessionId(format!("s{day}-{n}")),
                date,
                sport,
                Duration::from_minutes(minutes).expect("under 48 h"),
            );
            let hours = f64::from(minutes) / 60.0;
            s.intent = Some(match rng.next() % 6 {
                0 => Intent::Recovery,
                1 | 2 => Intent::Easy,
                3 => Intent::Long,
                4 => Intent::Workout,
                _ => Intent::Race,
            });
            match sport {
                Sport::Run => {
                    s.distance = Metres::new(hours * rng.between(8_000.0, 15_000.0));
                    s.avg_hr = Bpm::new(rng.between(120.0, 175.0) as u16);
                }
                Sport::Ride => s.normalized_power = Watts::new(rng.between(120.0, 260.0)),
                Sport::Swim => s.distance = Metres::new(hours * rng.between(2_000.0, 4_000.0)),
                Sport::Other => s.avg_hr = Bpm::new(rng.between(100.0, 160.0) as u16),
                Sport::Strength | Sport::Yoga => {}
            }
            s.rpe = Rpe::new(1 + (rng.next() % 10) as u8);
            tss::rescore(&mut s, &profile());
            out.push(s);
        }
    }
    out
}
