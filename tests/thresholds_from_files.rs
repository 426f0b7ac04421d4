//! Thresholds from the runner's own files (issue #31; docs/domain.md §6.1), end to end.
//!
//! 1. **A season with known physiology.** Recordings are generated here from a model of the
//!    athlete (so the answer is known before any code of ours runs): a runner with critical
//!    speed 4.0 m/s and D′ 200 m (every all-out effort covers `4 × t + 200` m), LTHR 170,
//!    max HR 190 and resting HR 50; a cyclist with CP 250 W and W′ 20 kJ (an all-out effort
//!    holds `250 + 20 000 / t` W); a swimmer with critical swim speed 1.2 m/s and D′ 20 m.
//!    Most are 1 s sample streams through `activity::summarise`; a few are written as real
//!    TCX and GPX text and read by `activity::read`. Each is imported into an empty profile
//!    (`store::activity_import`), then `estimates::suggest` must find the model's values
//!    within the issue's tolerances: 4 %, 5 bpm for LTHR, 2 bpm for max HR. A 1-s optical
//!    spike and a 3-s one must not count as the max.
//! 2. **Real FIT files that carry the watch's settings** (`zones_target`, `user_profile`) in
//!    the shared corpus (`../shared/corpus/`, never copied here): the values were established
//!    independently of our code, by two decoders that agree, `fitdecode` 0.11.0 and Garmin's
//!    own `garmin-fit-sdk` 21.218.0 (both from PyPI), with this script:
//!
//!    ```python
//!    from garmin_fit_sdk import Decoder, Stream
//!    msgs, errs = Decoder(Stream.from_file(path)).read()
//!    for m in msgs.get('zones_target_mesgs', []): print(m)   # threshold_heart_rate, max_heart_rate,
//!    for m in msgs.get('user_profile_mesgs', []): print(m)   # functional_threshold_power, hr_calc_type;
//!    # resting_heart_rate. fitdecode: FitReader(path), frames named 'zones_target', 'user_profile'.
//!    ```
//!
//!    A value the decoders print as 0 (`threshold_heart_rate: 0`, `resting_heart_rate: 0`)
//!    is a watch's "not set", and so `None` here (docs/domain.md §6.1).

mod corpus_support;

use std::path::PathBuf;

use recovery_run::activity::{self, ActivityFile, FileFormat, HrCalc, Leg, WatchSettings};
use recovery_run::domain::date::Day;
use recovery_run::domain::estimates::{suggest, Method, Suggestion, Suggestions};
use recovery_run::domain::quantity::{Bpm, Watts};
use recovery_run::domain::session::Sport;
use recovery_run::domain::streams::Sample;
use recovery_run::domain::tss;
use recovery_run::domain::units::Units;
use recovery_run::domain::wellness::Wellness;
use recovery_run::store::data::Data;
use recovery_run::store::import::activities::session_from;

// ---- a season with known physiology -----------------------------------------------

const CS: f64 = 4.0; // m/s
const D_PRIME: f64 = 200.0; // m
const LTHR: f64 = 170.0;
const MAX_HR: f64 = 190.0;
const CP: f64 = 250.0; // W
const W_PRIME: f64 = 20_000.0; // J
const CSS: f64 = 1.2; // m/s
const SWIM_D_PRIME: f64 = 20.0; // m

fn today() -> Day {
    "2026-06-30".parse().unwrap()
}

/// 07:00 UTC on the day `days_ago` before today, in Unix seconds.
fn start_of(days_ago: i32) -> f64 {
    f64::from(today().add_days(-days_ago).ordinal()) * 86_400.0 + 7.0 * 3600.0
}

/// One stretch of a recording: `seconds` at `speed` m/s (and `power` W), the heart rate
/// going from `hr.0` to `hr.1` in a straight line.
#[derive(Clone, Copy)]
struct Part {
    seconds: u32,
    speed: f64,
    hr: (f64, f64),
    power: Option<f64>,
}

fn part(seconds: u32, speed: f64, hr: (f64, f64)) -> Part {
    Part {
        seconds,
        speed,
        hr,
        power: None,
    }
}

/// A small deterministic wobble (±1 %) so the streams are not perfectly flat.
fn wobble(i: u32) -> f64 {
    let x = (u64::from(i).wrapping_mul(2_654_435_761) >> 7) % 2001;
    1.0 + (x as f64 - 1000.0) / 100_000.0
}

/// A 1 Hz recording of the parts, from `start` (Unix s). `rest` is a pause without samples
/// before the part of that index (a swimmer at the wall).
fn recording(start: f64, parts: &[Part], rest: Option<(usize, u32)>) -> Vec<Sample> {
    let mut out = vec![Sample {
        time_s: start,
        heart_rate: Some(parts[0].hr.0),
        power: parts[0].power,
        distance_m: Some(0.0),
        altitude_m: None,
    }];
    let (mut t, mut d, mut i) = (start, 0.0, 0u32);
    for (k, p) in parts.iter().enumerate() {
        if let Some((at, seconds)) = rest {
            if at == k {
                t += f64::from(seconds);
            }
        }
        for s in 1..=p.seconds {
            i += 1;
            t += 1.0;
            d += p.speed * wobble(i);
            let f = f64::from(s) / f64::from(p.seconds);
            out.push(Sample {
                time_s: t,
                heart_rate: Some(p.hr.0 + (p.hr.1 - p.hr.0) * f),
                power: p.power.map(|w| w * wobble(i + 7)),
                distance_m: Some(d),
                altitude_m: None,
            });
        }
    }
    out
}

/// The summary of generated samples, as a file reader would give it.
fn from_samples(sport: Sport, samples: Vec<Sample>, title: &str) -> ActivityFile {
    let leg = Leg {
        sport: Some(sport),
        samples,
        ..Leg::default()
    };
    let a = activity::summarise(FileFormat::Gpx, leg, None, Some(title.into()), &|_| 0)
        .expect("a summary");
    ActivityFile {
        activities: vec![a],
        notes: Vec::new(),
    }
}

fn utc(t: f64) -> String {
    chrono::DateTime::from_timestamp(t as i64, 0)
        .unwrap()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// The samples as TCX text (Garmin Training Center v2), one lap.
fn tcx(samples: &[Sample], sport: &str) -> String {
    let first = samples[0].time_s;
    let last = samples[samples.len() - 1];
    let mut x = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TrainingCenterDatabase \
         xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\"><Activities>\
         <Activity Sport=\"{sport}\"><Id>{}</Id><Lap StartTime=\"{}\"><TotalTimeSeconds>{}\
         </TotalTimeSeconds><DistanceMeters>{:.1}</DistanceMeters><Track>\n",
        utc(first),
        utc(first),
        last.time_s - first,
        last.distance_m.unwrap()
    );
    for s in samples {
        x.push_str(&format!(
            "<Trackpoint><Time>{}</Time><DistanceMeters>{:.2}</DistanceMeters><HeartRateBpm>\
             <Value>{:.0}</Value></HeartRateBpm></Trackpoint>\n",
            utc(s.time_s),
            s.distance_m.unwrap(),
            s.heart_rate.unwrap()
        ));
    }
    x.push_str("</Track></Lap></Activity></Activities></TrainingCenterDatabase>\n");
    x
}

/// The samples as GPX text: positions due north along a meridian (one degree of latitude is
/// 111 194.93 m on the haversine's sphere), heart rate in Garmin's TrackPointExtension.
fn gpx(samples: &[Sample], name: &str) -> String {
    let mut x = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\" creator=\"test\" \
         xmlns=\"http://www.topografix.com/GPX/1/1\" \
         xmlns:gpxtpx=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\"><trk>\
         <name>{name}</name><type>running</type><trkseg>\n"
    );
    for s in samples {
        let lat = 47.0 + s.distance_m.unwrap() / 111_194.926_6;
        x.push_str(&format!(
            "<trkpt lat=\"{lat:.8}\" lon=\"8.0\"><time>{}</time><extensions>\
             <gpxtpx:TrackPointExtension><gpxtpx:hr>{:.0}</gpxtpx:hr>\
             </gpxtpx:TrackPointExtension></extensions></trkpt>\n",
            utc(s.time_s),
            s.heart_rate.unwrap()
        ));
    }
    x.push_str("</trkseg></trk></gpx>\n");
    x
}

fn read(name: &str, text: &str) -> ActivityFile {
    activity::read(name, text.as_bytes(), &|_| 0).expect("a good file")
}

/// An all-out run of `seconds` on the runner's model: `CS × t + D′` metres.
fn all_out(seconds: u32, hr: (f64, f64)) -> Part {
    part(
        seconds,
        (CS * f64::from(seconds) + D_PRIME) / f64::from(seconds),
        hr,
    )
}

fn easy(minutes: u32) -> Part {
    part(minutes * 60, 3.0, (132.0, 145.0))
}

/// The runner's twelve weeks: easy runs, and all-out efforts of 3, 5, 10, 20 and 30 min.
fn runner_files() -> Vec<(String, ActivityFile)> {
    let mut files = Vec::new();
    let mut add = |name: String, f: ActivityFile| files.push((name, f));
    for days_ago in (1..84).step_by(3) {
        let mut samples = recording(start_of(days_ago), &[easy(45)], None);
        if days_ago == 4 {
            // An optical spike: one second at 215 bpm.
            samples[1000].heart_rate = Some(215.0);
        }
        if days_ago == 7 {
            // Three seconds at 200 bpm: not held for 5 s.
            for s in &mut samples[1500..1503] {
                s.heart_rate = Some(200.0);
            }
        }
        add(
            format!("easy-{days_ago}.gpx"),
            from_samples(Sport::Run, samples, "Easy"),
        );
    }
    // 3 min all-out, heart rate to the max: 160 s rising 150 → 190, 20 s at 190 (held).
    let three_min = all_out(180, (150.0, 190.0));
    let three = recording(
        start_of(80),
        &[
            easy(15),
            Part {
                seconds: 160,
                ..three_min
            },
            Part {
                seconds: 20,
                hr: (190.0, 190.0),
                ..three_min
            },
            part(600, 2.5, (160.0, 125.0)),
        ],
        None,
    );
    add(
        "three.tcx".into(),
        read("three.tcx", &tcx(&three, "Running")),
    );
    let five = recording(
        start_of(62),
        &[easy(15), all_out(300, (150.0, 187.0)), easy(10)],
        None,
    );
    add("five".into(), from_samples(Sport::Run, five, "5 min"));
    let ten = recording(
        start_of(47),
        &[easy(15), all_out(600, (150.0, 185.0)), easy(10)],
        None,
    );
    add("ten".into(), from_samples(Sport::Run, ten, "10 min"));
    // 20 min time trial: above LTHR (a 20-min effort's heart rate is ~5 % above it).
    let twenty = recording(
        start_of(31),
        &[easy(10), all_out(1200, (165.0, 182.0)), easy(10)],
        None,
    );
    add(
        "twenty.gpx".into(),
        read("twenty.gpx", &gpx(&twenty, "20 min TT")),
    );
    // Friel's test: 30 min solo all-out; heart rate rises to LTHR in the first 10 min and
    // averages LTHR (168 → 172) in the last 20.
    let thirty = recording(
        start_of(14),
        &[
            easy(10),
            part(600, (CS * 1800.0 + D_PRIME) / 1800.0, (145.0, LTHR - 2.0)),
            part(
                1200,
                (CS * 1800.0 + D_PRIME) / 1800.0,
                (LTHR - 2.0, LTHR + 2.0),
            ),
            easy(10),
        ],
        None,
    );
    add(
        "thirty.tcx".into(),
        read("thirty.tcx", &tcx(&thirty, "Running")),
    );
    files
}

/// The files' activities as the import makes them sessions (`session_from`, then scored
/// with the profile: an empty one), with `wellness` as the check-ins.
fn imported(files: Vec<(String, ActivityFile)>, wellness: Vec<Wellness>) -> Data {
    let mut data = Data::default();
    for (name, f) in files {
        for a in &f.activities {
            let mut s = session_from(a, &name, &data.profile);
            tss::rescore(&mut s, &data.profile);
            data.sessions.push(s);
        }
    }
    data.wellness = wellness;
    data
}

fn within(name: &str, got: Option<f64>, want: f64, tolerance: f64) {
    let got = got.unwrap_or_else(|| panic!("{name}: none found"));
    assert!(
        (got - want).abs() <= tolerance,
        "{name}: {got} is not within {tolerance} of {want}"
    );
}

fn missing<T: std::fmt::Debug>(s: &Suggestion<T>) -> String {
    match s {
        Suggestion::Missing(why) => why.clone(),
        Suggestion::Found(e) => panic!("expected nothing, found {e:?}"),
    }
}

#[test]
fn a_runners_season_gives_back_the_runners_physiology() {
    // Resting HR in the morning check-ins of the last month: 48–52, median 50.
    let wellness: Vec<Wellness> = (0..30)
        .map(|d| Wellness {
            resting_hr: Bpm::new([48, 50, 52, 49, 51][d as usize % 5]),
            ..Wellness::empty(today().add_days(-d))
        })
        .collect();
    let data = imported(runner_files(), wellness);
    let s = suggest(&data.sessions, &data.wellness, today());

    let max = s.max_hr.estimate().expect("a max HR");
    within("max HR", Some(f64::from(max.value)), MAX_HR, 2.0);
    assert_eq!(
        max.evidence[0].title, "Run 07:00",
        "the 3-min effort, not a spike"
    );

    let lthr = s.lthr.estimate().expect("an LTHR");
    within("LTHR", Some(f64::from(lthr.value)), LTHR, 5.0);
    assert_eq!(lthr.method, Method::Friel);

    // Threshold pace = 1 000 / CS = 250 s/km (4:10 /km), within 4 %.
    let pace = s.threshold_pace.estimate().expect("a threshold pace");
    within(
        "threshold pace",
        Some(pace.value.get()),
        1000.0 / CS,
        0.04 * 1000.0 / CS,
    );
    assert_eq!(pace.method, Method::CriticalSpeed);
    assert_eq!(pace.evidence.len(), 5, "one best effort a duration");
    assert_eq!(pace.date, today().add_days(-14), "the newest evidence");
    // Said in min/mi: 250 s/km × 1.609344 = 402 s/mi, 6:42 /mi (within the 4 %).
    let said = recovery_run::domain::units::format_pace(pace.value, Units::Imperial);
    assert!(said.starts_with("6:4") && said.ends_with(" /mi"), "{said}");

    assert_eq!(s.resting_hr.value(), Bpm::new(50));
    assert!(missing(&s.ftp).starts_with("no ride with power"));
    assert!(missing(&s.css).starts_with("no swims"));
    // No watch settings in these files.
    assert_eq!(s.watch, Default::default());

    // Four months later the efforts have aged out (90 days), the max HR (a year) not yet.
    let later = suggest(&data.sessions, &data.wellness, today().add_days(120));
    assert!(missing(&later.threshold_pace).contains("the last was on"));
    assert!(later.max_hr.value().is_some());
}

#[test]
fn max_and_resting_hr_alone_score_the_season_by_heart_rate() {
    // Issue #31 §4: a runner who accepts only max and resting HR gets an hrTSS, with LTHR
    // estimated as 50 + 0.85 × (190 − 50) = 169 bpm (Karvonen), marked as an estimate.
    let data = imported(runner_files(), Vec::new());
    let mut profile = data.profile.clone();
    profile.max_hr = Bpm::new(190);
    profile.resting_hr = Bpm::new(50);
    let run = &data.sessions[0];
    let sc = recovery_run::domain::tss::score(run, &profile).expect("a score");
    assert_eq!(sc.method, recovery_run::domain::session::TssMethod::Hr);
    let why =
        recovery_run::domain::tss::describe(sc.method, &profile.in_force(run.date), Units::Metric)
            .unwrap();
    assert!(why.starts_with("LTHR ≈ 169 bpm, an estimate"), "{why}");
}

#[test]
fn a_cyclists_season_gives_back_critical_power() {
    let ride = |minutes_warm: u32, seconds: u32, watts: f64| {
        let mut p = part(seconds, 9.0, (140.0, 175.0));
        p.power = Some(watts);
        let mut warm = part(minutes_warm * 60, 7.0, (120.0, 135.0));
        warm.power = Some(150.0);
        let mut cool = part(600, 6.0, (135.0, 115.0));
        cool.power = Some(120.0);
        [warm, p, cool]
    };
    let mut files = Vec::new();
    for (days_ago, t) in [(70, 180), (55, 300), (40, 600), (20, 1200)] {
        // All-out on the model: CP + W′ / t watts.
        let watts = CP + W_PRIME / f64::from(t);
        let samples = recording(start_of(days_ago), &ride(15, t, watts), None);
        files.push((
            format!("ride-{t}"),
            from_samples(Sport::Ride, samples, "Ride"),
        ));
    }
    for days_ago in (2..80).step_by(4) {
        let mut p = part(5400, 8.0, (125.0, 140.0));
        p.power = Some(170.0);
        files.push((
            format!("endurance-{days_ago}"),
            from_samples(
                Sport::Ride,
                recording(start_of(days_ago), &[p], None),
                "Ride",
            ),
        ));
    }
    let data = imported(files, Vec::new());
    let s = suggest(&data.sessions, &[], today());
    let ftp = s.ftp.estimate().expect("an FTP");
    assert_eq!(ftp.method, Method::CriticalPower);
    within("FTP (CP)", Some(ftp.value.get()), CP, 0.04 * CP);
    assert_eq!(ftp.evidence.len(), 4);
    assert!(missing(&s.threshold_pace).starts_with("no hard run"));
}

#[test]
fn a_swimmers_season_gives_back_critical_swim_speed() {
    // All-out on the model: d = CSS × t + D′, so 400 m in 380 / 1.2 = 316.7 s and 200 m in
    // 180 / 1.2 = 150 s; CSS pace = 100 / 1.2 = 83.3 s/100 m.
    let t400 = (400.0 - SWIM_D_PRIME) / CSS;
    let t200 = (200.0 - SWIM_D_PRIME) / CSS;
    let mut files = Vec::new();
    for (days_ago, both) in [(50, true), (30, false), (10, true)] {
        let mut parts = vec![part(300, 0.9, (110.0, 120.0))];
        if both {
            parts.push(part(
                t400.round() as u32,
                400.0 / t400.round(),
                (130.0, 160.0),
            ));
        }
        parts.push(part(
            t200.round() as u32,
            200.0 / t200.round(),
            (130.0, 165.0),
        ));
        parts.push(part(200, 0.8, (130.0, 110.0)));
        // Three minutes of rest at the wall before the 200 m.
        let rest = Some((parts.len() - 2, 180));
        let samples = recording(start_of(days_ago), &parts, rest);
        files.push((
            format!("swim-{days_ago}"),
            from_samples(Sport::Swim, samples, "Pool"),
        ));
    }
    let data = imported(files, Vec::new());
    let s = suggest(&data.sessions, &[], today());
    let css = s.css.estimate().expect("a CSS");
    within(
        "CSS pace",
        Some(css.value.get()),
        100.0 / CSS,
        0.04 * 100.0 / CSS,
    );
    assert_eq!(css.method, Method::Css);
    // Swims never give a max HR (wrist readings in water).
    assert!(missing(&s.max_hr).starts_with("no heart rate held"));
}

// ---- real FIT files with the watch's settings -------------------------------------

fn corpus() -> PathBuf {
    corpus_support::corpus("fit")
}

fn watch(
    lthr: Option<u16>,
    max_hr: Option<u16>,
    ftp: Option<f64>,
    resting_hr: Option<u16>,
    hr_calc: Option<HrCalc>,
) -> Option<WatchSettings> {
    Some(WatchSettings {
        lthr: lthr.and_then(Bpm::new),
        max_hr: max_hr.and_then(Bpm::new),
        ftp: ftp.and_then(Watts::new),
        resting_hr: resting_hr.and_then(Bpm::new),
        hr_calc,
    })
}

/// Each corpus FIT file that carries the watch's settings, and each of its legs' settings
/// as both decoders print them (module doc). Multisport files write a `zones_target` before
/// each discipline: the triathlon's run leg has no LTHR of its own.
fn settings_in_the_corpus() -> Vec<(&'static str, Vec<Option<WatchSettings>>)> {
    use HrCalc::*;
    let tri_swim_and_bike = |ftp| watch(Some(157), Some(170), ftp, None, Some(PercentMaxHr));
    let ironman = watch(
        Some(166),
        Some(184),
        Some(261.0),
        Some(46),
        Some(PercentMaxHr),
    );
    vec![
        (
            "fit/sportslib_rides_3939576645.fit",
            vec![watch(
                None,
                Some(189),
                Some(210.0),
                Some(76),
                Some(PercentHrr),
            )],
        ),
        (
            // threshold_heart_rate: 0 (not set).
            "fit/sportslib_rides_7386755164.fit",
            vec![watch(
                None,
                Some(201),
                Some(228.0),
                Some(49),
                Some(PercentMaxHr),
            )],
        ),
        (
            "fit/sportslib_rides_7432332116.fit",
            vec![watch(
                None,
                Some(187),
                Some(180.0),
                Some(60),
                Some(PercentHrr),
            )],
        ),
        (
            "fit/sportslib_rides_828989227.fit",
            vec![watch(None, Some(202), Some(320.0), None, Some(Custom))],
        ),
        (
            "fit/sportslib_runs_2067489619.fit",
            vec![watch(None, None, None, Some(50), Some(PercentMaxHr))],
        ),
        (
            "fit/sportslib_runs_6860622783.fit",
            vec![watch(
                Some(163),
                Some(185),
                Some(291.0),
                Some(46),
                Some(PercentMaxHr),
            )],
        ),
        (
            // zones_target without values; user_profile resting_heart_rate 49.
            "fit/sportslib_swim_6688025408.fit",
            vec![watch(None, None, None, Some(49), None)],
        ),
        (
            // Swim, bike and run legs (transitions left out), one zones_target each.
            "fit/sportslib_swim_6788312639-1.fit",
            vec![ironman, ironman, ironman],
        ),
        (
            // resting_heart_rate: 0 (not set).
            "fit/sportslib_triathlons_4623204522.fit",
            vec![
                tri_swim_and_bike(None),
                tri_swim_and_bike(Some(275.0)),
                watch(None, Some(170), None, None, Some(PercentMaxHr)),
            ],
        ),
    ]
}

#[test]
fn the_corpus_files_that_carry_the_watchs_settings() {
    let dir = corpus();
    let listed = settings_in_the_corpus();
    for (file, legs) in &listed {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let read = activity::read(file, &bytes, &|_| 60).unwrap();
        let got: Vec<Option<WatchSettings>> = read.activities.iter().map(|a| a.watch).collect();
        assert_eq!(&got, legs, "{file}");
    }
    // And no other FIT file of the corpus carries any.
    let mut others = Vec::new();
    for sub in ["fit", "synthetic"] {
        for entry in std::fs::read_dir(dir.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            let name = format!("{sub}/{}", path.file_name().unwrap().to_string_lossy());
            if !name.ends_with(".fit") || listed.iter().any(|(f, _)| *f == name) {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            if let Ok(read) = activity::read(&name, &bytes, &|_| 60) {
                assert!(read.activities.iter().all(|a| a.watch.is_none()), "{name}");
                others.push(name);
            }
        }
    }
    assert!(others.len() >= 10, "{others:?}");
}

#[test]
fn a_real_pool_swims_best_200_and_400_m_from_its_lengths() {
    // sportslib_swim_6688025408.fit: a 50 m pool (session pool_length 50, sub_sport
    // lap_swimming), 64 length messages. Established with fitdecode 0.11.0 from the length
    // messages alone (start_time, total_timer_time, length_type), by the rule of
    // docs/domain.md §6.1 written again in Python: 4 consecutive active lengths with no wait
    // over 10 s, best 231.936 s; 8 lengths, best 465.656 s.
    let bytes = std::fs::read(corpus().join("fit/sportslib_swim_6688025408.fit")).unwrap();
    let read = activity::read("s.fit", &bytes, &|_| 60).unwrap();
    let swim = read.activities[0].efforts.swim;
    let got: Vec<(f64, u32)> = swim
        .iter()
        .map(|b| (b.unwrap().distance.get(), b.unwrap().time.get()))
        .collect();
    assert_eq!(got, [(200.0, 232), (400.0, 466)]);
    // Open-water legs (GPS) keep none: the triathlons' swims.
    for file in [
        "fit/sportslib_swim_6788312639-1.fit",
        "fit/sportslib_triathlons_4623204522.fit",
    ] {
        let bytes = std::fs::read(corpus().join(file)).unwrap();
        let read = activity::read(file, &bytes, &|_| 60).unwrap();
        let swim = read
            .activities
            .iter()
            .find(|a| a.sport == Sport::Swim)
            .unwrap();
        assert_eq!(swim.efforts.swim, [None, None], "{file}");
    }
}

fn suggest_from(file: &str) -> Suggestions {
    let bytes = std::fs::read(corpus().join(file)).unwrap();
    let read = activity::read(file, &bytes, &|_| 60).unwrap();
    let data = imported(vec![(file.to_string(), read)], Vec::new());
    suggest(&data.sessions, &[], "2030-01-01".parse().unwrap())
}

#[test]
fn a_garmin_file_with_zones_target_offers_exactly_the_watchs_values() {
    // A Garmin run (corpus sportslib_runs_6860622783.fit, 2020-02-02, local time 5 h behind
    // UTC by its activity message): zones_target LTHR 163, max HR 185, FTP 291; user_profile
    // resting HR 46. Imported into an empty profile years later, the proposal is exactly
    // those, whatever the (aged-out) recording says.
    let s = suggest_from("fit/sportslib_runs_6860622783.fit");
    let p = s.proposal();
    assert_eq!(
        (p.lthr, p.max_hr, p.ftp, p.resting_hr),
        (
            Bpm::new(163),
            Bpm::new(185),
            Watts::new(291.0),
            Bpm::new(46)
        )
    );
    let w = s.watch.lthr.as_ref().unwrap();
    assert_eq!(w.date.to_string(), "2020-02-02", "{w:?}");
    assert_eq!(
        s.watch.hr_calc.as_ref().map(|d| d.value),
        Some(HrCalc::PercentMaxHr)
    );
}

#[test]
fn a_session_keeps_its_import_facts_through_a_backup() {
    // The efforts and the watch's settings survive export → import (formats.md §1.1).
    let bytes = std::fs::read(corpus().join("fit/sportslib_runs_6860622783.fit")).unwrap();
    let read = activity::read("r.fit", &bytes, &|_| 60).unwrap();
    let data = imported(vec![("r.fit".into(), read)], Vec::new());
    let efforts = data.sessions[0].efforts.expect("import facts");
    assert!(
        efforts.max_hr.is_some() && efforts.run[0].is_some(),
        "{efforts:?}"
    );
    let text = recovery_run::store::backup::export(&data, "2026-06-30T12:00:00Z");
    assert!(text.contains("\"efforts\": ["), "written as an array");
    let back = recovery_run::store::backup::parse(&text).unwrap();
    assert_eq!(back.sessions[0].efforts, Some(efforts));
}
