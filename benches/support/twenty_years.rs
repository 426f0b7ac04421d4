//! Twenty years of a triathlete who trains twice a day, every session imported from a watch
//! file of an export archive (issue #34): the log the storage must hold in at most 60 % of
//! the 5,242,880 characters a browser gives localStorage. 14,600 sessions (two a day for
//! 7,300 days) and a morning check-in with HRV on every day, the same on every run.
//!
//! Nothing here restates the app: each session is what the import makes of an activity
//! (`store::import::activities::session_from`, with its notes: the archive and file, the
//! elapsed and moving time, max HR, elevation gain, what the device summarised and what was
//! computed), scored as the import scores it (`tss::rescore`), with the efforts a recording
//! reveals; the check-ins are what an HRV app's export fills in.
#![allow(dead_code)]

use recovery_run::activity::{ActivitySummary, FileFormat};
use recovery_run::domain::date::{Day, TimeOfDay};
use recovery_run::domain::efforts::{Efforts, SwimBest, WatchSettings};
use recovery_run::domain::profile::{Athlete, Profile, Sex};
use recovery_run::domain::quantity::{
    Bpm, Metres, PacePer100m, PacePerKm, RmssdMs, Seconds, Watts,
};
use recovery_run::domain::session::{Session, Sport};
use recovery_run::domain::tss;
use recovery_run::domain::wellness::{HrvSource, Wellness};
use recovery_run::store::data::{Data, Settings, Theme};
use recovery_run::store::import::activities::session_from;

/// Days in the log: two sessions each make the 14,600.
pub const DAYS: i32 = 7300;

/// The athlete: a triathlete with every threshold set.
pub fn profile() -> Profile {
    Profile {
        sex: Some(Sex::Male),
        birth_year: Some(1985),
        weight_kg: Some(70.0),
        height_cm: Some(178.0),
        athlete: Athlete::Triathlete,
        weekly_volume: Metres::new(50_000.0),
        lthr: Bpm::new(165),
        max_hr: Bpm::new(188),
        resting_hr: Bpm::new(46),
        threshold_pace: PacePerKm::new(245.0),
        ftp: Watts::new(265.0),
        css: PacePer100m::new(88.0),
        ..Profile::default()
    }
}

/// mulberry32, as in `ten_years.rs`: the same log on every run.
struct Rng(u32);

impl Rng {
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

    fn whole(&mut self, lo: f64, hi: f64) -> u32 {
        self.between(lo, hi).round() as u32
    }
}

/// The week, Sunday first: the morning's and the evening's session.
const WEEK: [(Sport, Sport); 7] = [
    (Sport::Ride, Sport::Run),
    (Sport::Swim, Sport::Run),
    (Sport::Run, Sport::Swim),
    (Sport::Swim, Sport::Ride),
    (Sport::Run, Sport::Strength),
    (Sport::Swim, Sport::Run),
    (Sport::Ride, Sport::Run),
];

fn weekday(d: Day) -> usize {
    (d.ordinal() + 4).rem_euclid(7) as usize
}

fn bpm(v: f64) -> Option<Bpm> {
    Bpm::new(v.round() as u16)
}

/// The log: [`DAYS`] days ending on `until`, as the app holds it after importing the
/// archives (a backup taken on `until`).
pub fn log(until: Day) -> Data {
    log_of(until, DAYS)
}

/// The same athlete's last `days` days ending on `until`.
pub fn log_of(until: Day, days: i32) -> Data {
    let profile = profile();
    let mut r = Rng(34);
    let start = until.add_days(1 - days);
    let mut sessions = Vec::with_capacity(2 * days as usize);
    let mut wellness = Vec::with_capacity(days as usize);
    // Strava's activity ids grow with time.
    let mut strava_id: u64 = 480_000_000;
    for i in 0..days {
        let date = start.add_days(i);
        let (morning, evening) = WEEK[weekday(date)];
        // One archive a year, as a runner downloads them.
        let archive = format!("export_{}.zip", 18_000_000 + (i / 365) * 731_113);
        for (n, sport) in [morning, evening].into_iter().enumerate() {
            strava_id += 60_000 + (r.next() * 400_000.0) as u64;
            let file = format!("{archive} › activities/{strava_id}.fit.gz");
            let a = activity(&mut r, sport, date, n == 0);
            let mut s: Session = session_from(&a, &file, &profile);
            tss::rescore(&mut s, &profile);
            sessions.push(s);
        }
        let mut w = Wellness::empty(date);
        w.hrv = RmssdMs::new((r.between(55.0, 95.0) * 10.0).round() / 10.0);
        w.hrv_source = Some(HrvSource::Hrv4Training);
        w.resting_hr = bpm(r.between(42.0, 52.0));
        w.sleep_h = Some((r.between(6.0, 9.0) * 4.0).round() / 4.0);
        if r.next() < 0.5 {
            w.soreness = Some(r.whole(0.0, 5.0) as u8);
        }
        wellness.push(w);
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

/// One activity as a FIT file of a Garmin watch summarises it.
fn activity(r: &mut Rng, sport: Sport, date: Day, morning: bool) -> ActivitySummary {
    let (minutes, title) = match (sport, morning) {
        (Sport::Run, true) => (r.between(40.0, 110.0), "Morning Run"),
        (Sport::Run, false) => (r.between(30.0, 60.0), "Evening Run"),
        (Sport::Ride, true) => (r.between(60.0, 240.0), "Morning Ride"),
        (Sport::Ride, false) => (r.between(45.0, 90.0), "Evening Ride"),
        (Sport::Swim, true) => (r.between(45.0, 75.0), "Morning Swim"),
        (Sport::Swim, false) => (r.between(40.0, 60.0), "Evening Swim"),
        _ => (r.between(35.0, 55.0), "Evening Weight Training"),
    };
    let moving = (minutes * 60.0).round() as u32;
    let elapsed = moving + r.whole(0.0, 600.0);
    let start = if morning {
        TimeOfDay::from_hm(6, r.whole(0.0, 59.0) as u8)
    } else {
        TimeOfDay::from_hm(18, r.whole(0.0, 59.0) as u8)
    }
    .expect("a time of day");
    let avg_hr = r.between(128.0, 156.0);
    let max_hr = avg_hr + r.between(12.0, 30.0);
    let hr_histogram: Vec<(u16, u32)> = (0..9)
        .map(|k| {
            (
                (avg_hr - 12.0 + 3.0 * f64::from(k)).round() as u16,
                moving / 9,
            )
        })
        .collect();
    let mut from_device: Vec<&str> = vec![
        "elapsed time",
        "moving time",
        "distance",
        "average heart rate",
        "max heart rate",
    ];
    let mut computed: Vec<&str> = vec!["elevation gain"];
    let mut efforts = Efforts {
        max_hr: bpm(max_hr - 2.0),
        hr_20min: bpm(avg_hr + r.between(3.0, 12.0)),
        friel_hr: bpm(avg_hr + r.between(2.0, 10.0)),
        ..Efforts::default()
    };
    let (mut distance, mut avg_power, mut np, mut ngp, mut gain) = (None, None, None, None, None);
    match sport {
        Sport::Run => {
            let pace = r.between(250.0, 330.0);
            distance = Metres::new((f64::from(moving) / pace * 1000.0).round());
            ngp = PacePerKm::new((pace * r.between(0.95, 1.0) * 1e6).round() / 1e6);
            gain = Metres::new(r.between(10.0, 400.0).round());
            for (k, secs) in [180.0, 300.0, 600.0, 1200.0, 1800.0].iter().enumerate() {
                efforts.run[k] = Metres::new((secs / (pace * 0.9) * 1000.0).round());
            }
            computed.extend(["normalized graded pace", "time in heart-rate zones"]);
        }
        Sport::Ride => {
            distance =
                Metres::new((f64::from(moving) / 3600.0 * r.between(26_000.0, 34_000.0)).round());
            let avg = r.between(170.0, 230.0).round();
            avg_power = Watts::new(avg);
            np = Watts::new((avg * r.between(1.03, 1.12) * 1e6).round() / 1e6);
            gain = Metres::new(r.between(50.0, 1800.0).round());
            for (k, w) in efforts.ride.iter_mut().enumerate() {
                *w = Watts::new((avg * (1.5 - 0.1 * k as f64)).round());
            }
            from_device.push("average power");
            computed.insert(0, "normalized power");
            computed.push("time in heart-rate zones");
        }
        Sport::Swim => {
            let per_100 = r.between(85.0, 110.0);
            distance = Metres::new(((f64::from(moving) / per_100 * 100.0) / 25.0).round() * 25.0);
            gain = Metres::new(0.0);
            efforts.swim = [
                Some(SwimBest {
                    distance: Metres::new(200.0).expect("200 m"),
                    time: Seconds::new((per_100 * 1.9).round() as u32).expect("a time"),
                }),
                Some(SwimBest {
                    distance: Metres::new(400.0).expect("400 m"),
                    time: Seconds::new((per_100 * 3.9).round() as u32).expect("a time"),
                }),
            ];
            computed.push("time in heart-rate zones");
        }
        _ => {
            from_device.retain(|f| *f != "distance");
            computed.push("time in heart-rate zones");
        }
    }
    let watch = (r.next() < 0.5).then(|| WatchSettings {
        lthr: Bpm::new(165),
        max_hr: Bpm::new(188),
        ftp: Watts::new(265.0),
        resting_hr: Bpm::new(46),
        hr_calc: None,
    });
    ActivitySummary {
        format: FileFormat::Fit,
        sport,
        title: Some(title.into()),
        date,
        start_time: start,
        start_utc_s: i64::from(date.ordinal()) * 86_400,
        utc_offset_min: 60,
        local_time_from_file: true,
        elapsed: Seconds::new(elapsed).expect("under 48 h"),
        moving: Seconds::new(moving).expect("under 48 h"),
        distance,
        avg_hr: bpm(avg_hr),
        max_hr: bpm(max_hr),
        avg_power,
        normalized_power: np,
        elevation_gain: gain,
        normalized_graded_pace: ngp,
        hr_histogram,
        efforts,
        watch,
        from_device: from_device.into_iter().map(String::from).collect(),
        computed: computed.into_iter().map(String::from).collect(),
    }
}
