//! The numbers of one recorded activity, from its streams (issue #10): moving time, distance,
//! heart rate, normalized power, elevation gain, grade-adjusted and normalized graded pace,
//! and the heart-rate histogram that time-in-zone hrTSS is made from.
//!
//! Pure: samples in, numbers out. The file readers (`crate::activity`) make the samples;
//! nothing here knows about file formats, and nothing here panics on odd input (times out
//! of order, NaN, values out of range are dropped, not trusted).
//!
//! How the streams are read, in one place:
//!
//! - **Samples** are cleaned first: samples with the same time are merged (devices that
//!   write several records a second); a sample back in time is dropped when the clock then
//!   resumes, or, when the clock restarted, the rest is shifted to follow on (see `clean`);
//!   a heart rate outside 25–250 bpm (0 bpm dropouts, 0xFF "invalid"), a power outside
//!   0–3 000 W (0xFFFF "invalid"), a negative distance or an altitude outside −500…9 000 m
//!   is treated as missing.
//! - **The 1 s grid.** Each interval between two samples is cut into whole seconds (the
//!   fractions carry over), and each second takes the values of the sample that *ends* the
//!   interval (a watch's record reports what happened since the last one). An interval
//!   longer than [`MAX_GAP_S`] in which the athlete did not move (under
//!   [`MOVING_SPEED_MPS`] over it) is a pause (auto-pause, or the watch stopped): it adds no
//!   seconds, so averages and the 30 s windows run over recorded time only. A long interval
//!   with movement through it is a sparse recording (Garmin's "smart recording" writes a
//!   point every 1–10 s, some ultra watches one a minute) and is resampled to seconds.
//!   Without distance, only a gap over three times the file's median interval is a pause.
//! - **Spikes**: a step of distance faster than the sport can go ([`max_speed_mps`]) adds
//!   nothing.
//! - **Moving time**: the grid's seconds whose speed is at least [`MOVING_SPEED_MPS`]; a
//!   file without distance counts every recorded second as moving (an indoor ride).
//! - **Normalized power** (Coggan): the 30 s rolling mean of the 1 s power, raised to the
//!   fourth power, averaged, fourth root. A second with no power reading in a file that
//!   has power counts as 0 W (a dropout is no work). Needs at least 30 s.
//! - **Grade-adjusted pace** uses the energy cost of running on a gradient of Minetti et
//!   al. 2002 ([`minetti_cost`]): each second's speed is scaled by
//!   `cost(grade) / cost(0)`, the flat speed that costs the same energy. The grade of a
//!   second is the rise over the run between 5 s before and 5 s after it, when those are
//!   at least 10 m apart (else flat), clamped to ±45 % (the range Minetti measured).
//! - **Normalized graded pace** (NGP): the grade-adjusted speed of the moving seconds,
//!   30 s rolling mean, fourth-power mean, fourth root (the same averaging as NP: TrainingPeaks
//!   does not publish its NGP algorithm, and this is how it describes NGP — "the pace
//!   equivalent of NP"); as a pace, 1000 / speed s/km.
//! - **Elevation gain** counts a climb only once it has risen [`ELEVATION_THRESHOLD_M`]
//!   above the lowest point since the last climb, and then counts all of it (see
//!   [`elevation_gain`]).
//! - **Heart rate**: the average and the maximum are over the recorded values (the mean
//!   of the samples, as watches and sports-lib compute it); the histogram (whole bpm →
//!   seconds) is over the moving seconds of the grid.

use super::sport::Sport;

/// The longest interval between two samples that is recorded time whatever the distance
/// says; a longer one is a pause unless the athlete covered ground through it (a sparse
/// recording), see [`summarise`].
pub const MAX_GAP_S: f64 = 10.0;
/// An interval longer than this (6 h) is a pause whatever else it shows.
pub const MAX_INTERVAL_S: f64 = 6.0 * 3600.0;
/// At most two days of one-second ticks are made from one track.
const MAX_TICKS: usize = 2 * 86_400;
/// Slower than this (1 km/h) is standing still, not moving: gpxpy's default "stopped
/// speed" threshold. An open-water swimmer whose watch fixes a position only now and then
/// still moves faster than this; someone waiting at a light does not.
pub const MOVING_SPEED_MPS: f64 = 1.0 / 3.6;
/// A rise smaller than this is noise in the altitude, not a climb: 3 m is about twice the
/// scatter of a barometric altimeter over a few minutes, and less than one storey, so no
/// real hill is lost; GPS altitude (phones) scatters more and may still add a little.
pub const ELEVATION_THRESHOLD_M: f64 = 3.0;
/// The rolling window of NP and NGP, in seconds (Coggan).
pub const ROLLING_WINDOW_S: usize = 30;
/// Minetti et al. measured gradients from −45 % to +45 %; steeper is clamped to them.
pub const MAX_GRADE: f64 = 0.45;

/// One reading of a recorded activity. `time_s` is in seconds on any fixed origin (the
/// readers use Unix time); the others are `None` where the file has no value.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Sample {
    pub time_s: f64,
    pub heart_rate: Option<f64>,
    pub power: Option<f64>,
    /// Distance covered since the start, in metres.
    pub distance_m: Option<f64>,
    pub altitude_m: Option<f64>,
}

/// What the streams say about the whole activity. Every number is in SI units and finite.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StreamSummary {
    /// The first sample's time (on the samples' origin).
    pub start_s: f64,
    /// From the first to the last sample, pauses included.
    pub elapsed_s: f64,
    /// Recorded seconds (pauses left out).
    pub recorded_s: f64,
    /// Recorded seconds at walking speed or faster ([`MOVING_SPEED_MPS`]).
    pub moving_s: f64,
    pub distance_m: Option<f64>,
    pub avg_hr: Option<f64>,
    pub max_hr: Option<f64>,
    pub avg_power: Option<f64>,
    pub normalized_power: Option<f64>,
    pub elevation_gain_m: Option<f64>,
    /// Normalized graded pace in s/km (moving seconds only).
    pub normalized_graded_pace_s_per_km: Option<f64>,
    /// Seconds at each whole bpm while moving, by rising bpm.
    pub hr_histogram: Vec<(u16, u32)>,
}

/// One second of the grid (module doc): the values of the sample that ends its interval.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tick {
    /// Heart rate, bpm.
    pub hr: Option<f64>,
    /// Power, W (0 for a second without a reading in a file that has power).
    pub power: Option<f64>,
    /// Metres covered in this second, where the file has distance.
    pub speed: Option<f64>,
    /// `speed` adjusted for the gradient (Minetti 2002, [`grade_adjusted_speed`]): the flat
    /// metres that cost the same.
    pub graded_speed: Option<f64>,
    /// Metres above sea level.
    pub altitude: Option<f64>,
    /// At least [`MOVING_SPEED_MPS`] (always, in a file without distance).
    pub moving: bool,
    /// The first second after a pause: a stretch of consecutive seconds never spans it
    /// (`domain::efforts`).
    pub after_pause: bool,
    /// The first second of its sample's interval (a new reading begins): a value held over
    /// several seconds by one reading of a sparse recording can be told from one held by
    /// several readings.
    pub reading: bool,
}

/// The 1 s grid of a recording (module doc): a [`Tick`] for each recorded second, pauses
/// left out. What `domain::efforts` reads a recording's best efforts from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    pub ticks: Vec<Tick>,
}

fn in_range(v: Option<f64>, lo: f64, hi: f64) -> Option<f64> {
    v.filter(|x| x.is_finite() && *x >= lo && *x <= hi)
}

/// The samples in strictly rising time, with values out of range made missing.
///
/// - Samples with the same time (devices that write two or three records a second, or
///   heart rate and power in separate records) are **merged** into one: a field missing in
///   one is taken from the other, the later value wins where both have it.
/// - A sample **back in time** is either a glitch or the watch's clock restarting: when the
///   sample after it goes on from the old clock, it is dropped; when the samples after it
///   go on from its time, the clock restarted, and every later sample is shifted to follow
///   on one second after the last good one (a step, never a negative or huge one).
fn clean(samples: &[Sample]) -> Vec<Sample> {
    let mut out: Vec<Sample> = Vec::with_capacity(samples.len());
    let mut shift = 0.0;
    let valid: Vec<&Sample> = samples.iter().filter(|s| s.time_s.is_finite()).collect();
    for (i, s) in valid.iter().enumerate() {
        let mut t = s.time_s + shift;
        if let Some(last) = out.last_mut() {
            if t == last.time_s {
                merge(last, s);
                continue;
            }
            if t < last.time_s {
                let resumes_old_clock = valid
                    .get(i + 1)
                    .is_some_and(|next| next.time_s + shift > last.time_s);
                if resumes_old_clock {
                    continue;
                }
                shift += last.time_s - t + 1.0;
                t = s.time_s + shift;
            }
        }
        out.push(Sample {
            time_s: t,
            heart_rate: in_range(s.heart_rate, 25.0, 250.0),
            power: in_range(s.power, 0.0, 3000.0),
            distance_m: in_range(s.distance_m, 0.0, 1e9),
            altitude_m: in_range(s.altitude_m, -500.0, 9000.0),
        });
    }
    out
}

/// Fills `into`'s missing (or replaces its) values with `from`'s valid ones.
fn merge(into: &mut Sample, from: &Sample) {
    let take = |slot: &mut Option<f64>, v: Option<f64>| {
        if v.is_some() {
            *slot = v;
        }
    };
    take(&mut into.heart_rate, in_range(from.heart_rate, 25.0, 250.0));
    take(&mut into.power, in_range(from.power, 0.0, 3000.0));
    take(&mut into.distance_m, in_range(from.distance_m, 0.0, 1e9));
    take(
        &mut into.altitude_m,
        in_range(from.altitude_m, -500.0, 9000.0),
    );
}

/// The median interval between samples, in seconds (1 s for fewer than two intervals).
fn median_interval(samples: &[Sample]) -> f64 {
    let mut dts: Vec<f64> = samples
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some(b.time_s - a.time_s),
            _ => None,
        })
        .collect();
    if dts.is_empty() {
        return 1.0;
    }
    dts.sort_by(f64::total_cmp);
    dts.get(dts.len() / 2).copied().unwrap_or(1.0)
}

/// Summarises the samples; `None` with fewer than two usable samples. `max_speed_mps` is the
/// fastest the sport can go ([`max_speed_mps`]): a faster step of distance is a spike of the
/// GPS or a counter, and adds nothing.
pub fn summarise(samples: &[Sample], max_speed_mps: f64) -> Option<StreamSummary> {
    read(samples, max_speed_mps).map(|(summary, _)| summary)
}

/// [`summarise`], and the 1 s grid the summary was made from (for `domain::efforts`).
pub fn read(samples: &[Sample], max_speed_mps: f64) -> Option<(StreamSummary, Grid)> {
    let samples = clean(samples);
    let (first, last) = (samples.first()?, samples.last()?);
    if samples.len() < 2 {
        return None;
    }
    let has_distance = samples.iter().any(|s| s.distance_m.is_some());
    let has_power = samples.iter().any(|s| s.power.is_some());
    // A recording a point a minute is sparse, not paused: without distance to tell, only a
    // gap well beyond the file's own rhythm is a pause.
    let pause_without_distance = MAX_GAP_S.max(3.0 * median_interval(&samples));

    let mut ticks: Vec<Tick> = Vec::with_capacity((last.time_s - first.time_s).min(2e5) as usize);
    let mut carry = 0.0;
    let mut distance = 0.0;
    let mut last_distance = first.distance_m;
    let mut after_pause = false;
    for pair in samples.windows(2) {
        let [a, b] = pair else { continue };
        let dt = b.time_s - a.time_s;
        // Distance only grows: a counter reset (or a bad value) adds nothing, and neither
        // does a step faster than the sport allows (a spike).
        let step = match (last_distance, b.distance_m) {
            (Some(x), Some(y)) if y >= x && (y - x) <= max_speed_mps * dt => Some(y - x),
            (_, Some(_)) => Some(0.0),
            _ => None,
        };
        if b.distance_m.is_some() {
            last_distance = b.distance_m;
        }
        let speed = if has_distance {
            Some(step.unwrap_or(0.0) / dt)
        } else {
            None
        };
        // A long interval is a pause (auto-pause, the watch stopped) unless the athlete
        // moved through it: a sparse recording (one point every few seconds, or a minute
        // apart on an ultra) is recorded time at the speed the distance says.
        let pause = match speed {
            _ if dt > MAX_INTERVAL_S => true,
            Some(v) => dt > MAX_GAP_S && v < MOVING_SPEED_MPS,
            None => dt > pause_without_distance,
        };
        // The distance counts whether or not this is a pause: the athlete got there.
        if let Some(d) = step {
            distance += d;
        }
        if pause {
            carry = 0.0;
            after_pause = true;
            continue;
        }
        let moving = speed.is_none_or(|v| v >= MOVING_SPEED_MPS);
        carry += dt;
        let before = ticks.len();
        while carry >= 1.0 - 1e-9 && ticks.len() < MAX_TICKS {
            carry -= 1.0;
            ticks.push(Tick {
                hr: b.heart_rate.or(a.heart_rate),
                power: if has_power {
                    Some(b.power.unwrap_or(0.0))
                } else {
                    None
                },
                speed,
                graded_speed: None,
                altitude: b.altitude_m,
                moving,
                after_pause: std::mem::take(&mut after_pause),
                reading: ticks.len() == before,
            });
        }
    }

    if has_distance {
        let grade = grades(&ticks);
        for (t, g) in ticks.iter_mut().zip(grade) {
            t.graded_speed = t.speed.map(|v| grade_adjusted_speed(v, g));
        }
    }
    let mean = |values: &mut dyn Iterator<Item = f64>| {
        let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
        (n > 0).then(|| sum / n as f64)
    };
    let moving_ticks = ticks.iter().filter(|t| t.moving).count() as f64;
    let power: Vec<f64> = ticks.iter().filter_map(|t| t.power).collect();

    let mut histogram = std::collections::BTreeMap::<u16, u32>::new();
    for t in ticks.iter().filter(|t| t.moving) {
        if let Some(hr) = t.hr {
            *histogram.entry(hr.round() as u16).or_default() += 1;
        }
    }

    let altitudes: Vec<f64> = samples.iter().filter_map(|s| s.altitude_m).collect();
    let summary = StreamSummary {
        start_s: first.time_s,
        elapsed_s: last.time_s - first.time_s,
        recorded_s: ticks.len() as f64,
        moving_s: moving_ticks,
        distance_m: has_distance.then_some(distance),
        // The mean of the recorded values, as watches and the tools runners compare with
        // compute it (sports-lib, gpxpy); for a one-second recording it is the time average.
        avg_hr: mean(&mut samples.iter().filter_map(|s| s.heart_rate)),
        max_hr: samples
            .iter()
            .filter_map(|s| s.heart_rate)
            .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v)))),
        avg_power: mean(&mut power.iter().copied()),
        normalized_power: normalized(&power),
        elevation_gain_m: (altitudes.len() >= 2).then(|| elevation_gain(&altitudes)),
        normalized_graded_pace_s_per_km: if has_distance {
            normalized_graded_speed(&ticks)
                .filter(|v| *v > 0.0)
                .map(|v| 1000.0 / v)
        } else {
            None
        },
        hr_histogram: histogram.into_iter().collect(),
    };
    Some((summary, Grid { ticks }))
}

/// The fastest a sport can go, in m/s: a faster step between two points is a spike of the
/// GPS (or of a distance counter), not movement. Generous on purpose (world records:
/// 10.4 m/s over 100 m running, 2.4 m/s swimming; a descent on a bike rarely passes
/// 30 m/s), so no real effort is cut, and a jump of hundreds of metres in a second is.
pub fn max_speed_mps(sport: Sport) -> f64 {
    match sport {
        Sport::Run => 12.0,
        Sport::Swim => 5.0,
        Sport::Ride => 35.0,
        Sport::Strength | Sport::Yoga => 12.0,
        Sport::Other => 50.0,
    }
}

/// Coggan's normalization of a 1 s series: 30 s rolling mean, mean of its fourth powers,
/// fourth root. `None` under 30 values. Used for power (NP) and grade-adjusted speed (NGP).
pub fn normalized(per_second: &[f64]) -> Option<f64> {
    let w = ROLLING_WINDOW_S;
    if per_second.len() < w {
        return None;
    }
    let mut window: f64 = per_second.iter().take(w).sum();
    let mut sum4 = (window / w as f64).powi(4);
    let mut n = 1usize;
    for (new, old) in per_second.iter().skip(w).zip(per_second) {
        window += new - old;
        sum4 += (window / w as f64).max(0.0).powi(4);
        n += 1;
    }
    let v = (sum4 / n as f64).powf(0.25);
    v.is_finite().then_some(v)
}

/// Energy cost of running on a gradient, J per kg per m (Minetti AE, Moia C, Roi GS,
/// Susta D, Ferretti G. "Energy cost of walking and running at extreme uphill and downhill
/// slopes." J Appl Physiol 93:1039–1046, 2002), their fifth-order polynomial fit:
///
/// `Cr(i) = 155.4 i⁵ − 30.4 i⁴ − 43.3 i³ + 46.3 i² + 19.5 i + 3.6`
///
/// with `i` the gradient as a fraction (0.10 = 10 %), clamped to ±[`MAX_GRADE`].
pub fn minetti_cost(grade: f64) -> f64 {
    let i = if grade.is_finite() {
        grade.clamp(-MAX_GRADE, MAX_GRADE)
    } else {
        0.0
    };
    ((((155.4 * i - 30.4) * i - 43.3) * i + 46.3) * i + 19.5) * i + 3.6
}

/// The flat speed that costs the same energy as `speed` on `grade` (Minetti 2002).
pub fn grade_adjusted_speed(speed: f64, grade: f64) -> f64 {
    speed * minetti_cost(grade) / minetti_cost(0.0)
}

/// The grade of each tick: rise over run between 5 s before and 5 s after, over at least
/// 10 m; flat where there is no altitude or too little distance.
fn grades(ticks: &[Tick]) -> Vec<f64> {
    const HALF: usize = 5;
    const MIN_RUN_M: f64 = 10.0;
    let mut cumulative = Vec::with_capacity(ticks.len());
    let mut d = 0.0;
    let mut altitude = Vec::with_capacity(ticks.len());
    let mut alt = ticks.iter().find_map(|t| t.altitude);
    for t in ticks {
        d += t.speed.unwrap_or(0.0);
        cumulative.push(d);
        if t.altitude.is_some() {
            alt = t.altitude;
        }
        altitude.push(alt);
    }
    (0..ticks.len())
        .map(|i| {
            let k = i.saturating_sub(HALF);
            let j = (i + HALF).min(ticks.len().saturating_sub(1));
            let run = cumulative.get(j).zip(cumulative.get(k)).map(|(b, a)| b - a);
            let rise = match (altitude.get(j), altitude.get(k)) {
                (Some(Some(b)), Some(Some(a))) => Some(b - a),
                _ => None,
            };
            match (rise, run) {
                (Some(rise), Some(run)) if run >= MIN_RUN_M => {
                    (rise / run).clamp(-MAX_GRADE, MAX_GRADE)
                }
                _ => 0.0,
            }
        })
        .collect()
}

/// Normalized grade-adjusted speed (m/s) of the moving ticks; `None` under 30 of them.
fn normalized_graded_speed(ticks: &[Tick]) -> Option<f64> {
    let gap: Vec<f64> = ticks
        .iter()
        .filter(|t| t.moving)
        .map(|t| t.graded_speed.unwrap_or(0.0))
        .collect();
    normalized(&gap)
}

/// Total climb of an altitude series, in metres, ignoring wobbles under
/// [`ELEVATION_THRESHOLD_M`]: a climb starts counting once the altitude is that far above
/// the lowest point since the last climb ended, and then counts from that low point to
/// its top; it ends when the altitude has fallen that far below the top.
pub fn elevation_gain(altitudes: &[f64]) -> f64 {
    let t = ELEVATION_THRESHOLD_M;
    let mut values = altitudes.iter().copied().filter(|a| a.is_finite());
    let Some(first) = values.next() else {
        return 0.0;
    };
    let (mut low, mut high, mut climbing, mut gain) = (first, first, false, 0.0);
    for x in values {
        if climbing {
            if x > high {
                high = x;
            } else if high - x >= t {
                gain += high - low;
                climbing = false;
                low = x;
            }
        } else if x < low {
            low = x;
        } else if x - low >= t {
            climbing = true;
            high = x;
        }
    }
    if climbing {
        gain += high - low;
    }
    gain
}

/// Distance on the Earth's surface between two points in degrees (haversine, mean radius
/// 6 371 km). For GPX and TCX files whose points have positions but no distance.
pub fn haversine_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    const R: f64 = 6_371_000.0;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * R * a.sqrt().clamp(0.0, 1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(t: f64) -> Sample {
        Sample {
            time_s: t,
            ..Sample::default()
        }
    }

    #[test]
    fn np_of_a_constant_stream_is_that_power() {
        // By definition: every 30 s mean is 200, so the fourth-power mean is 200⁴.
        assert!((normalized(&[200.0; 3600]).unwrap() - 200.0).abs() < 1e-9);
        assert_eq!(normalized(&[200.0; 29]), None, "needs 30 s");
    }

    #[test]
    fn np_of_a_step_by_hand() {
        // 30 s at 0 W then 30 s at 300 W: the 31 windows hold k = 0…30 seconds of 300 W,
        // means 10k W. Σk⁴ (k = 0…30) = n(n+1)(2n+1)(3n²+3n−1)/30 = 5 273 999 for n = 30,
        // so NP = 10 × (5 273 999 / 31)^¼ = 10 × 170 129^¼ = 203.09 W.
        let mut p = vec![0.0; 30];
        p.extend([300.0; 30]);
        let np = normalized(&p).unwrap();
        assert!((np - 10.0 * 170_129f64.powf(0.25)).abs() < 1e-9, "{np}");
    }

    #[test]
    fn minetti_polynomial_by_hand() {
        // Cr(0) = 3.6 J/kg/m; Cr(0.1) = 0.001554 − 0.00304 − 0.0433 + 0.463 + 1.95 + 3.6
        // = 5.968214; Cr(−0.1) = −0.001554 − 0.00304 + 0.0433 + 0.463 − 1.95 + 3.6 = 2.151706.
        assert!((minetti_cost(0.0) - 3.6).abs() < 1e-12);
        assert!((minetti_cost(0.1) - 5.968214).abs() < 1e-9);
        assert!((minetti_cost(-0.1) - 2.151706).abs() < 1e-9);
        assert_eq!(minetti_cost(0.9), minetti_cost(MAX_GRADE), "clamped");
        assert_eq!(minetti_cost(f64::NAN), 3.6);
        // 3 m/s up 10 % costs what 3 × 5.968214 / 3.6 = 4.9735 m/s costs on the flat.
        assert!((grade_adjusted_speed(3.0, 0.1) - 4.973_511_666).abs() < 1e-6);
    }

    #[test]
    fn elevation_gain_ignores_wobbles_and_counts_climbs_whole() {
        // Noise of ±1 m around 100 m: no climb.
        assert_eq!(elevation_gain(&[100.0, 101.0, 99.0, 101.0, 100.0]), 0.0);
        // 100 → 110 → 104 → 120: two climbs, 10 m and 16 m.
        assert_eq!(
            elevation_gain(&[100.0, 105.0, 110.0, 104.0, 112.0, 120.0]),
            26.0
        );
        // A 2 m dip inside a climb does not split it: 100 → 110 → 108 → 115 is 15 m.
        assert_eq!(elevation_gain(&[100.0, 110.0, 108.0, 115.0]), 15.0);
        assert_eq!(elevation_gain(&[]), 0.0);
    }

    #[test]
    fn summary_of_a_steady_hour() {
        // One hour of 1 s samples at 3 m/s, 150 bpm, 250 W, flat: 10 800 m, NP 250 W,
        // NGP = 1000 / 3 = 333.3 s/km, all moving.
        let samples: Vec<Sample> = (0..=3600)
            .map(|i| Sample {
                heart_rate: Some(150.0),
                power: Some(250.0),
                distance_m: Some(3.0 * f64::from(i)),
                altitude_m: Some(50.0),
                ..at(1_000_000.0 + f64::from(i))
            })
            .collect();
        let s = summarise(&samples, 50.0).unwrap();
        assert_eq!(
            (s.elapsed_s, s.recorded_s, s.moving_s),
            (3600.0, 3600.0, 3600.0)
        );
        assert!((s.distance_m.unwrap() - 10_800.0).abs() < 1e-9);
        assert_eq!((s.avg_hr, s.max_hr), (Some(150.0), Some(150.0)));
        assert!((s.normalized_power.unwrap() - 250.0).abs() < 1e-9);
        assert!((s.normalized_graded_pace_s_per_km.unwrap() - 1000.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.elevation_gain_m, Some(0.0));
        assert_eq!(s.hr_histogram, vec![(150, 3600)]);
    }

    #[test]
    fn pauses_and_stops_are_not_moving_time() {
        // 0–600 s running at 3 m/s, a 300 s gap (auto-pause), then 600 s standing still,
        // then 600 s running: elapsed 2 100 s, recorded 1 800 s, moving 1 200 s.
        let mut samples = Vec::new();
        let mut d = 0.0;
        for t in 0..=600 {
            d = 3.0 * f64::from(t);
            samples.push(Sample {
                distance_m: Some(d),
                ..at(f64::from(t))
            });
        }
        for t in 900..=1500 {
            samples.push(Sample {
                distance_m: Some(d),
                ..at(f64::from(t))
            });
        }
        for t in 1501..=2100 {
            samples.push(Sample {
                distance_m: Some(d + 3.0 * f64::from(t - 1500)),
                ..at(f64::from(t))
            });
        }
        let s = summarise(&samples, 50.0).unwrap();
        assert_eq!(
            (s.elapsed_s, s.recorded_s, s.moving_s),
            (2100.0, 1800.0, 1200.0)
        );
        assert!((s.distance_m.unwrap() - 3600.0).abs() < 1e-9);
    }

    #[test]
    fn uphill_running_is_faster_in_graded_pace() {
        // 10 min at 3 m/s up a steady 10 % grade: GAP = 3 × Cr(0.1)/Cr(0) = 4.9735 m/s, so
        // NGP = 1000 / 4.9735 = 201.06 s/km (every 30 s window is the same).
        let samples: Vec<Sample> = (0..=600)
            .map(|i| Sample {
                distance_m: Some(3.0 * f64::from(i)),
                altitude_m: Some(0.3 * f64::from(i)),
                ..at(f64::from(i))
            })
            .collect();
        let s = summarise(&samples, 50.0).unwrap();
        let expected = 1000.0 / (3.0 * 5.968214 / 3.6);
        assert!(
            (s.normalized_graded_pace_s_per_km.unwrap() - expected).abs() < 1e-3,
            "{:?}",
            s.normalized_graded_pace_s_per_km
        );
        assert!((s.elevation_gain_m.unwrap() - 180.0).abs() < 1e-9);
    }

    #[test]
    fn odd_samples_do_not_panic_and_are_dropped() {
        let samples = [
            at(f64::NAN),
            Sample {
                heart_rate: Some(400.0),
                power: Some(f64::INFINITY),
                ..at(10.0)
            },
            at(5.0), // back in time: dropped
            Sample {
                heart_rate: Some(140.0),
                ..at(11.0)
            },
        ];
        let s = summarise(&samples, 50.0).unwrap();
        assert_eq!((s.elapsed_s, s.max_hr), (1.0, Some(140.0)));
        assert_eq!(s.avg_power, None);
        assert_eq!(summarise(&[at(1.0)], 50.0), None);
        assert_eq!(summarise(&[], 50.0), None);
    }

    #[test]
    fn haversine_by_hand() {
        // One degree of latitude = 2π × 6 371 km / 360 = 111 194.93 m.
        assert!((haversine_m(0.0, 0.0, 1.0, 0.0) - 111_194.926_6).abs() < 1e-3);
        assert_eq!(haversine_m(45.0, 7.0, 45.0, 7.0), 0.0);
    }

    /// A run at 3 m/s with heart rate 150 and power 250, a sample every `every` seconds
    /// from 0 to `until`.
    fn steady(every: f64, until: f64) -> Vec<Sample> {
        let mut out = Vec::new();
        let mut t = 0.0;
        while t <= until {
            out.push(Sample {
                distance_m: Some(3.0 * t),
                heart_rate: Some(150.0),
                power: Some(250.0),
                ..at(t)
            });
            t += every;
        }
        out
    }

    #[test]
    fn several_records_a_second_are_merged() {
        // A Bryton head unit writes speed/HR and power as two records with the same
        // timestamp (public bug report behind corpus f08): by hand, 600 s of 250 W split
        // over pairs of records still reads NP = 250 W and 600 recorded seconds.
        let mut samples = Vec::new();
        for t in 0..=600 {
            let t = f64::from(t);
            samples.push(Sample {
                distance_m: Some(8.0 * t),
                heart_rate: Some(140.0),
                ..at(t)
            });
            samples.push(Sample {
                power: Some(250.0),
                ..at(t)
            });
        }
        let s = summarise(&samples, 35.0).unwrap();
        assert_eq!((s.elapsed_s, s.recorded_s), (600.0, 600.0));
        assert!((s.normalized_power.unwrap() - 250.0).abs() < 1e-9);
        assert_eq!(s.avg_hr, Some(140.0));
        assert!((s.distance_m.unwrap() - 4800.0).abs() < 1e-9);
    }

    #[test]
    fn a_sparse_recording_is_not_a_pause() {
        // Garmin's "smart recording" writes a point every few seconds, an ultra watch one a
        // minute: 3 m/s for an hour, points 5 s or 60 s apart, is an hour of moving time and
        // 10 800 m by hand (before, every gap over 10 s was a pause: 0 s moving).
        for every in [5.0, 60.0] {
            let s = summarise(&steady(every, 3600.0), 12.0).unwrap();
            assert_eq!(
                (s.moving_s, s.recorded_s),
                (3600.0, 3600.0),
                "every {every} s"
            );
            assert!((s.distance_m.unwrap() - 10_800.0).abs() < 1e-9);
            // NGP of 3 m/s on the flat: 1000 / 3 = 333.3 s/km.
            let ngp = s.normalized_graded_pace_s_per_km.unwrap();
            assert!((ngp - 1000.0 / 3.0).abs() < 1e-6, "{ngp}");
        }
        // Without distance (an indoor ride's heart rate a minute apart) a gap of three
        // times the file's own rhythm is still a pause: 60 s points, then 10 min silence.
        let mut hr: Vec<Sample> = (0..=30)
            .map(|i| Sample {
                heart_rate: Some(130.0),
                ..at(60.0 * f64::from(i))
            })
            .collect();
        hr.push(Sample {
            heart_rate: Some(130.0),
            ..at(1800.0 + 600.0)
        });
        let s = summarise(&hr, 35.0).unwrap();
        assert_eq!((s.elapsed_s, s.recorded_s), (2400.0, 1800.0));
    }

    #[test]
    fn a_clock_that_restarts_is_a_step_not_a_negative_one() {
        // Corpus f22a (a watch whose clock restarts): 157 s of samples, then the clock goes
        // back to 1 s and runs on for 200 s. By hand: 157 s + a 1 s step + 199 s = 357 s
        // elapsed, every second recorded, distance 3 m/s × 357 s = 1 071 m.
        let mut samples = steady(1.0, 157.0);
        for i in 1..=200 {
            let t = f64::from(i);
            samples.push(Sample {
                distance_m: Some(3.0 * (157.0 + t)),
                heart_rate: Some(150.0),
                ..at(t)
            });
        }
        let s = summarise(&samples, 12.0).unwrap();
        assert_eq!((s.elapsed_s, s.recorded_s), (357.0, 357.0));
        assert!((s.distance_m.unwrap() - 1071.0).abs() < 1e-9);
        let ngp = s.normalized_graded_pace_s_per_km.unwrap();
        assert!(
            (ngp - 1000.0 / 3.0).abs() < 1e-6,
            "no surge from the restart: {ngp}"
        );
    }

    #[test]
    fn invalid_markers_and_dropouts_are_missing_not_values() {
        // FIT's "invalid" values (0xFF heart rate, 0xFFFF power) and 0 bpm strap dropouts
        // are not readings (FIT SDK, base types): average HR of 150, 150 and the dropouts is
        // 150; power of 200 W with 65 535 W markers averages 200 W over its readings and
        // counts the marked seconds as 0 W, a dropout being no work.
        let mut samples = steady(1.0, 3.0);
        samples[1].heart_rate = Some(255.0);
        samples[2].heart_rate = Some(0.0);
        samples[2].power = Some(65_535.0);
        let s = summarise(&samples, 12.0).unwrap();
        assert_eq!(s.avg_hr, Some(150.0));
        assert_eq!(s.max_hr, Some(150.0));
        // Ticks 1..=3 take the values of the samples that end them: 250, 0 (marker), 250.
        assert!((s.avg_power.unwrap() - 500.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn a_distance_spike_adds_nothing() {
        // A distance counter (or a GPS fix) jumping 300 km in a second, then back on track:
        // by hand the run is 3 m/s × 100 s = 300 m; the jump is faster than any runner
        // (max_speed_mps) and counts for nothing.
        let mut samples = steady(1.0, 100.0);
        for s in samples.iter_mut().skip(51) {
            s.distance_m = s.distance_m.map(|d| d + 300_000.0);
        }
        let s = summarise(&samples, max_speed_mps(Sport::Run)).unwrap();
        assert!(
            (s.distance_m.unwrap() - 297.0).abs() < 1e-9,
            "{:?}",
            s.distance_m
        );
    }
}
