//! What one recording says about the athlete's thresholds (issue #31; docs/domain.md §6.1):
//! its **best efforts**, read once at import from the 1 s grid (`streams::Grid`) and kept
//! on the session, since the streams are not kept; and the **watch's own settings**, where
//! the file carries them (FIT `zones_target` and `user_profile`, read by `activity::fit`).
//! `domain::estimates` turns the efforts of many sessions into suggested thresholds.
//!
//! Every stretch below is of **consecutive recorded seconds**: none spans a pause
//! (`Tick::after_pause`), so a best 20 minutes is 20 minutes of effort, not two halves with
//! a café stop between.
//!
//! - **Max HR held** ([`Efforts::max_hr`], every sport but swimming, whose wrist readings
//!   in water are unreliable): the highest heart rate held for [`HELD_S`] seconds, i.e.
//!   `max over windows of HELD_S seconds of (the window's lowest HR)`, over windows that hold
//!   at least two readings (so one reading of a sparse recording, stretched over 5 s of the
//!   grid, never counts on its own). A 1-s optical spike cannot raise it: the window's lowest
//!   value is what counts.
//! - **Best 20-min HR** ([`Efforts::hr_20min`], runs and rides): the highest mean heart rate
//!   over [`HR_20MIN_S`] seconds with a reading in at least [`HR_COVERAGE`] of them.
//! - **Friel's 30 minutes** ([`Efforts::friel_hr`], runs and rides): the mean heart rate of
//!   the last 20 minutes of the recording's hardest **continuous** 30 minutes (Friel's LTHR
//!   test: "as hard as you can for 30 minutes … your average heart rate for the last 20
//!   minutes"). Hardest: the most output (a run's grade-adjusted distance; a ride's power
//!   where it has power, else its distance).
//!   Continuous: each 10-minute third within [`FRIEL_EVEN`] of the 30 minutes' mean output,
//!   so a warm-up followed by a 20-minute effort (whose heart rate is that of a 20-minute
//!   effort, above LTHR) is not taken for it. A recording without distance or power has no
//!   output to judge by, and no Friel value.
//! - **Runs**: the best grade-adjusted distance (`Tick::graded_speed`, Minetti 2002, the
//!   scale of normalized graded pace) covered in each of [`RUN_DURATIONS_S`] (for critical
//!   speed), so a hilly run's efforts count at their flat-ground worth.
//! - **Rides with power**: the best mean power over each of [`RIDE_DURATIONS_S`] (for
//!   critical power). A second without a power reading counts 0 W, as for NP.
//! - **Swims**: the best time over about 200 m and 400 m ([`SWIM_DISTANCES_M`], for CSS):
//!   from the watch's pool lengths where it counted them (the nearest whole number of
//!   lengths, in a run of active lengths with no idle length and no gap over
//!   [`MAX_LENGTH_GAP_S`] between them), else from the distance stream of a swim without
//!   GPS (a pool swim); none from an open-water swim, whose GPS distance is too coarse
//!   ([`SwimFrom`]).
//!
//! All are computed with prefix sums (one pass for each duration), O(seconds × durations).

use serde::{Deserialize, Serialize};

use super::quantity::{Bpm, Metres, Seconds, Watts};
use super::sport::Sport;
use super::streams::{Grid, Tick};

/// Seconds a heart rate must be held to count as the max ([`Efforts::max_hr`]).
pub const HELD_S: usize = 5;
/// The window of the best 20-minute heart rate, s.
pub const HR_20MIN_S: usize = 1200;
/// Friel's test: 30 minutes, of which the last 20 count.
pub const FRIEL_S: usize = 1800;
pub const FRIEL_LAST_S: usize = 1200;
/// How far a 10-minute third of Friel's 30 minutes may stray from their mean output.
pub const FRIEL_EVEN: f64 = 0.10;
/// The share of a heart-rate window's seconds that must have a reading.
pub const HR_COVERAGE: f64 = 0.9;
/// The durations of a run's best distances, s: 3, 5, 10, 20 and 30 minutes.
pub const RUN_DURATIONS_S: [u32; 5] = [180, 300, 600, 1200, 1800];
/// The durations of a ride's best powers, s: 3, 5, 10 and 20 minutes.
pub const RIDE_DURATIONS_S: [u32; 4] = [180, 300, 600, 1200];
/// The distances of a swim's best times, m (CSS's 200 m and 400 m).
pub const SWIM_DISTANCES_M: [f64; 2] = [200.0, 400.0];
/// A longer wait between two pool lengths is rest, even if the watch did not record an idle
/// length for it.
pub const MAX_LENGTH_GAP_S: f64 = 10.0;

/// How a watch computes its heart-rate zones (FIT `hr_zone_calc`, numbered as FIT does).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HrCalc {
    /// 0: zones the athlete typed.
    Custom,
    /// 1: percentages of max HR.
    PercentMaxHr,
    /// 2: percentages of heart-rate reserve (Karvonen).
    PercentHrr,
    /// 3: percentages of LTHR.
    PercentLthr,
}

impl HrCalc {
    /// From FIT's name (`percent_hrr`…) as fitparser gives it.
    pub fn from_fit(name: &str) -> Option<HrCalc> {
        Some(match name {
            "custom" => HrCalc::Custom,
            "percent_max_hr" => HrCalc::PercentMaxHr,
            "percent_hrr" => HrCalc::PercentHrr,
            "percent_lthr" => HrCalc::PercentLthr,
            _ => return None,
        })
    }

    /// FIT's number: 0 custom, 1 % max HR, 2 % HRR, 3 % LTHR.
    pub fn number(self) -> u8 {
        match self {
            HrCalc::Custom => 0,
            HrCalc::PercentMaxHr => 1,
            HrCalc::PercentHrr => 2,
            HrCalc::PercentLthr => 3,
        }
    }

    pub fn from_number(n: u8) -> Option<HrCalc> {
        [
            HrCalc::Custom,
            HrCalc::PercentMaxHr,
            HrCalc::PercentHrr,
            HrCalc::PercentLthr,
        ]
        .into_iter()
        .find(|c| c.number() == n)
    }
}

/// The thresholds a watch had set when it recorded (FIT `zones_target`:
/// `threshold_heart_rate`, `max_heart_rate`, `functional_threshold_power`, `hr_calc_type`;
/// `user_profile`: `resting_heart_rate`). `None` where the file has none, or a value no
/// setting can be (see [`WatchSettings::plausible`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WatchSettings {
    pub lthr: Option<Bpm>,
    pub max_hr: Option<Bpm>,
    pub ftp: Option<Watts>,
    pub resting_hr: Option<Bpm>,
    pub hr_calc: Option<HrCalc>,
}

impl WatchSettings {
    /// The settings from a file's raw numbers, each kept only when it can be a setting:
    /// LTHR 100–220 bpm and below the max HR, max HR 100–230 bpm, resting HR 25–120 bpm
    /// (watches write 0 for "not set", which is not FIT's own "invalid" marker), FTP
    /// 1–3 000 W. `None` when nothing is left.
    pub fn plausible(
        lthr: Option<f64>,
        max_hr: Option<f64>,
        ftp: Option<f64>,
        resting_hr: Option<f64>,
        hr_calc: Option<HrCalc>,
    ) -> Option<WatchSettings> {
        let bpm = |v: Option<f64>, lo: f64, hi: f64| {
            v.filter(|x| (lo..=hi).contains(x))
                .and_then(|x| Bpm::new(x.round() as u16))
        };
        let max_hr = bpm(max_hr, 100.0, 230.0);
        let lthr = bpm(lthr, 100.0, 220.0).filter(|l| max_hr.is_none_or(|m| l < &m));
        let w = WatchSettings {
            lthr,
            max_hr,
            ftp: ftp.filter(|w| *w >= 1.0).and_then(Watts::new),
            resting_hr: bpm(resting_hr, 25.0, 120.0),
            hr_calc,
        };
        (w != WatchSettings::default()).then_some(w)
    }
}

/// A swim's best time over a distance.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SwimBest {
    /// The distance: 200 or 400 m from a stream; the whole lengths nearest to them in a pool
    /// (a 25-yard pool's 9 lengths are 205.74 m).
    pub distance: Metres,
    pub time: Seconds,
}

/// One pool length as a watch counted it (FIT `length`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SwimLength {
    /// Unix seconds.
    pub start_s: f64,
    /// Seconds the length took.
    pub timer_s: f64,
    /// An active length (swimming), not an idle one (rest at the wall).
    pub active: bool,
}

/// A pool swim's lengths, for [`of`].
#[derive(Clone, Copy, Debug)]
pub struct Pool<'a> {
    /// The pool's length in metres (a 25-yard pool is 22.86 m).
    pub length_m: f64,
    pub lengths: &'a [SwimLength],
}

/// Where a swim's best times come from ([`of`]).
#[derive(Clone, Copy, Debug)]
pub enum SwimFrom<'a> {
    /// The lengths the watch counted in a pool.
    Lengths(Pool<'a>),
    /// The distance stream (a pool swim whose watch gave distance but no lengths).
    Stream,
    /// None: an open-water swim, whose GPS distance is too coarse for a best 200 m.
    Nothing,
}

/// What one recording says about the athlete's thresholds: its best efforts and the
/// watch's own settings (the module doc says how each is found). Every value is `None` where
/// the recording has no such stretch (a 25-minute run has no best 30 minutes).
///
/// Kept on the session (`Session::efforts`) as a compact array (docs/formats.md §1.1):
/// `[hr, run, ride, swim, watch]`, each an array or `null`, trailing `null`s left out:
/// - `hr`: `[max held 5 s, best 20 min, Friel]`, bpm;
/// - `run`: metres in 180, 300, 600, 1 200, 1 800 s;
/// - `ride`: watts over 180, 300, 600, 1 200 s;
/// - `swim`: `[metres, seconds, metres, seconds]`, the best ~200 m and ~400 m;
/// - `watch`: `[LTHR, max HR, FTP, resting HR, zone basis]` (bpm, bpm, W, bpm, FIT's
///   `hr_zone_calc` number).
///
/// A run with heart rate reads `[[186,171,169],[1012,1630,3190,6210,9110]]`. Reading is
/// strict about the shape (an array of arrays of numbers) and drops a number out of its
/// quantity's range, so a damaged entry loses that one value, never the session.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Efforts {
    /// The highest heart rate held for [`HELD_S`] s.
    pub max_hr: Option<Bpm>,
    /// The best 20-minute mean heart rate.
    pub hr_20min: Option<Bpm>,
    /// The mean heart rate of the last 20 minutes of the hardest continuous 30.
    pub friel_hr: Option<Bpm>,
    /// A run's best distance in each of [`RUN_DURATIONS_S`].
    pub run: [Option<Metres>; 5],
    /// A ride's best mean power over each of [`RIDE_DURATIONS_S`].
    pub ride: [Option<Watts>; 4],
    /// A swim's best time over about each of [`SWIM_DISTANCES_M`].
    pub swim: [Option<SwimBest>; 2],
    /// The watch's own settings, where the file carries them.
    pub watch: Option<WatchSettings>,
}

impl Efforts {
    pub fn is_empty(&self) -> bool {
        *self == Efforts::default()
    }

    /// These efforts with the watch's settings; `None` when nothing is left to keep.
    pub fn with_watch(self, watch: Option<WatchSettings>) -> Option<Efforts> {
        let e = Efforts { watch, ..self };
        (!e.is_empty()).then_some(e)
    }

    /// The run's best distances with their durations (s), where the recording has them.
    pub fn run_bests(&self) -> impl Iterator<Item = (u32, Metres)> + '_ {
        RUN_DURATIONS_S
            .iter()
            .zip(&self.run)
            .filter_map(|(t, d)| Some((*t, (*d)?)))
    }

    /// The ride's best powers with their durations (s), where the recording has them.
    pub fn ride_bests(&self) -> impl Iterator<Item = (u32, Watts)> + '_ {
        RIDE_DURATIONS_S
            .iter()
            .zip(&self.ride)
            .filter_map(|(t, p)| Some((*t, (*p)?)))
    }
}

/// The best efforts of one recording of `sport` (the module doc says which sport keeps
/// which): from its 1 s grid, and a swim's from `swim`. The result has no watch settings
/// (the file reader adds them).
pub fn of(grid: &Grid, sport: Sport, swim: SwimFrom<'_>) -> Efforts {
    let ticks = &grid.ticks;
    let mut e = Efforts::default();
    let bpm = |v: Option<f64>| v.and_then(|x| Bpm::new(x.round() as u16));
    if sport != Sport::Swim {
        e.max_hr = bpm(held_max_hr(ticks));
    }
    if matches!(sport, Sport::Run | Sport::Ride) {
        let [hr_20min] = best_means(ticks, [HR_20MIN_S], HR_COVERAGE, |t| t.hr);
        e.hr_20min = bpm(hr_20min);
        let has_power = ticks.iter().any(|t| t.power.is_some());
        let output: fn(&Tick) -> Option<f64> = match sport {
            Sport::Ride if has_power => |t: &Tick| t.power,
            Sport::Ride => |t: &Tick| t.speed,
            _ => |t: &Tick| t.graded_speed,
        };
        e.friel_hr = bpm(friel_hr(ticks, output));
    }
    match sport {
        Sport::Run => {
            let durations = RUN_DURATIONS_S.map(|d| d as usize);
            let means = best_means(ticks, durations, 1.0, |t| t.graded_speed);
            for ((slot, mean), d) in e.run.iter_mut().zip(means).zip(RUN_DURATIONS_S) {
                *slot = mean.and_then(|m| Metres::new((m * f64::from(d)).round()));
            }
        }
        Sport::Ride => {
            let means = best_means(ticks, RIDE_DURATIONS_S.map(|d| d as usize), 1.0, |t| {
                t.power
            });
            for (slot, mean) in e.ride.iter_mut().zip(means) {
                *slot = mean.and_then(|m| Watts::new(m.round()));
            }
        }
        Sport::Swim => {
            for (slot, target) in e.swim.iter_mut().zip(SWIM_DISTANCES_M) {
                let best = match swim {
                    SwimFrom::Lengths(p) => best_from_lengths(p.length_m, p.lengths, target),
                    SwimFrom::Stream => best_time_for(ticks, target).map(|t| (target, t)),
                    SwimFrom::Nothing => None,
                };
                *slot = best.and_then(|(m, t)| {
                    Some(SwimBest {
                        distance: Metres::new(m)?,
                        time: Seconds::new(t.round() as u32)?,
                    })
                });
            }
        }
        Sport::Strength | Sport::Yoga | Sport::Other => {}
    }
    e
}

/// The stretches of consecutive seconds: the grid cut before each second that follows a
/// pause.
fn stretches(ticks: &[Tick]) -> impl Iterator<Item = &[Tick]> {
    let mut rest = ticks;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest
            .iter()
            .skip(1)
            .position(|t| t.after_pause)
            .map_or(rest.len(), |i| i + 1);
        let (head, tail) = rest.split_at(end);
        rest = tail;
        Some(head)
    })
}

/// `max over windows of HELD_S consecutive seconds with at least two readings of (the
/// window's lowest heart rate)`; a window with a second without heart rate does not count.
fn held_max_hr(ticks: &[Tick]) -> Option<f64> {
    let mut best: Option<f64> = None;
    for stretch in stretches(ticks) {
        for w in stretch.windows(HELD_S) {
            // The readings in a window: the one its first second belongs to, and each that
            // begins inside it.
            let readings = 1 + w.iter().skip(1).filter(|t| t.reading).count();
            if readings < 2 {
                continue;
            }
            let lowest = w
                .iter()
                .try_fold(f64::INFINITY, |m, t| t.hr.map(|h| m.min(h)));
            if let Some(h) = lowest {
                best = Some(best.map_or(h, |b| b.max(h)));
            }
        }
    }
    best
}

/// Prefix sums of `value` and of the seconds that have one, over a stretch.
fn prefix(stretch: &[Tick], value: impl Fn(&Tick) -> Option<f64>) -> (Vec<f64>, Vec<u32>) {
    let mut sum = Vec::with_capacity(stretch.len() + 1);
    let mut count = Vec::with_capacity(stretch.len() + 1);
    let (mut s, mut c) = (0.0, 0u32);
    sum.push(s);
    count.push(c);
    for t in stretch {
        if let Some(v) = value(t) {
            s += v;
            c += 1;
        }
        sum.push(s);
        count.push(c);
    }
    (sum, count)
}

/// The best mean of `value` over `d` consecutive seconds with a value in at least
/// `coverage` of them, for each `d` of `durations`; `None` where no stretch is that long.
fn best_means<const N: usize>(
    ticks: &[Tick],
    durations: [usize; N],
    coverage: f64,
    value: impl Fn(&Tick) -> Option<f64> + Copy,
) -> [Option<f64>; N] {
    let mut best = [None; N];
    for stretch in stretches(ticks) {
        if durations.iter().all(|d| stretch.len() < *d) {
            continue;
        }
        let (sum, count) = prefix(stretch, value);
        for (slot, &d) in best.iter_mut().zip(&durations) {
            if d == 0 || stretch.len() < d {
                continue;
            }
            let need = coverage * d as f64;
            for i in 0..=stretch.len() - d {
                let n = count[i + d] - count[i];
                if n == 0 || f64::from(n) < need {
                    continue;
                }
                let mean = (sum[i + d] - sum[i]) / f64::from(n);
                if slot.is_none_or(|b: f64| mean > b) {
                    *slot = Some(mean);
                }
            }
        }
    }
    best
}

/// Friel's value (module doc): the mean heart rate of the last [`FRIEL_LAST_S`] of the
/// continuous [`FRIEL_S`] with the most `output`.
fn friel_hr(ticks: &[Tick], output: impl Fn(&Tick) -> Option<f64> + Copy) -> Option<f64> {
    let third = FRIEL_S / 3;
    let first = FRIEL_S - FRIEL_LAST_S;
    let mut best: Option<(f64, f64)> = None;
    for stretch in stretches(ticks) {
        if stretch.len() < FRIEL_S {
            continue;
        }
        let (out, out_n) = prefix(stretch, output);
        let (hr, hr_n) = prefix(stretch, |t| t.hr);
        for i in 0..=stretch.len() - FRIEL_S {
            if out_n[i + FRIEL_S] - out_n[i] < FRIEL_S as u32 {
                continue;
            }
            let total = out[i + FRIEL_S] - out[i];
            if total <= 0.0 || best.is_some_and(|(b, _)| total <= b) {
                continue;
            }
            let mean = total / FRIEL_S as f64;
            let even = (0..3).all(|k| {
                let a = i + k * third;
                let part = (out[a + third] - out[a]) / third as f64;
                (part - mean).abs() <= FRIEL_EVEN * mean
            });
            let n = hr_n[i + FRIEL_S] - hr_n[i + first];
            if !even || f64::from(n) < HR_COVERAGE * FRIEL_LAST_S as f64 {
                continue;
            }
            best = Some((total, (hr[i + FRIEL_S] - hr[i + first]) / f64::from(n)));
        }
    }
    best.map(|(_, hr)| hr)
}

/// The shortest time (s) to cover `target` metres within a stretch, the start interpolated
/// inside its second.
fn best_time_for(ticks: &[Tick], target: f64) -> Option<f64> {
    let mut best: Option<f64> = None;
    for stretch in stretches(ticks) {
        let (cum, _) = prefix(stretch, |t| t.speed);
        let mut j = 0;
        for i in 1..cum.len() {
            while j + 1 < i && cum[i] - cum[j + 1] >= target {
                j += 1;
            }
            let covered = cum[i] - cum[j];
            if covered < target {
                continue;
            }
            // The window starts inside second j: at the fraction where `target` is left.
            let step = cum[j + 1] - cum[j];
            let frac = if step > 0.0 {
                ((covered - target) / step).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let time = (i - j) as f64 - frac;
            if best.is_none_or(|b| time < b) {
                best = Some(time);
            }
        }
    }
    best
}

/// The best time over the whole number of pool lengths nearest `target` metres, and that
/// distance: over consecutive active lengths with no rest between (module doc).
fn best_from_lengths(pool_m: f64, lengths: &[SwimLength], target: f64) -> Option<(f64, f64)> {
    if !(pool_m.is_finite() && pool_m > 0.0) {
        return None;
    }
    let k = (target / pool_m).round();
    if !(1.0..=1000.0).contains(&k) {
        return None;
    }
    let k = k as usize;
    let mut best: Option<f64> = None;
    let mut run: Vec<f64> = Vec::new();
    let mut last_end: Option<f64> = None;
    let mut close = |run: &mut Vec<f64>| {
        for w in run.windows(k) {
            let t: f64 = w.iter().sum();
            if best.is_none_or(|b| t < b) {
                best = Some(t);
            }
        }
        run.clear();
    };
    for l in lengths {
        let ok = l.active && l.timer_s.is_finite() && l.timer_s > 0.0 && l.start_s.is_finite();
        let rested = last_end.is_some_and(|end| l.start_s - end > MAX_LENGTH_GAP_S);
        if !ok || rested {
            close(&mut run);
        }
        if ok {
            run.push(l.timer_s);
            last_end = Some(l.start_s + l.timer_s);
        } else {
            last_end = None;
        }
    }
    close(&mut run);
    best.map(|t| (k as f64 * pool_m, t))
}

// ---- the stored form ---------------------------------------------------------------

/// A number as the stored array writes it: a whole one without a fraction.
struct Number(f64);

impl Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.fract() == 0.0 && self.0.abs() <= 1e15 {
            s.serialize_i64(self.0 as i64)
        } else {
            s.serialize_f64(self.0)
        }
    }
}

/// One group of the stored array: its values, trailing `None`s left out; `None` when empty.
fn group(values: &[Option<f64>]) -> Option<Vec<Option<Number>>> {
    let n = values.iter().rposition(Option::is_some)? + 1;
    Some(values[..n].iter().map(|v| v.map(Number)).collect())
}

impl Serialize for Efforts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let b = |v: Option<Bpm>| v.map(f64::from);
        let hr = group(&[b(self.max_hr), b(self.hr_20min), b(self.friel_hr)]);
        let run = group(&self.run.map(|m| m.map(f64::from)));
        let ride = group(&self.ride.map(|w| w.map(f64::from)));
        let [a, c] = self.swim;
        let swim = group(&[
            a.map(|x| f64::from(x.distance)),
            a.map(|x| f64::from(x.time)),
            c.map(|x| f64::from(x.distance)),
            c.map(|x| f64::from(x.time)),
        ]);
        let watch = self.watch.and_then(|w| {
            group(&[
                b(w.lthr),
                b(w.max_hr),
                w.ftp.map(f64::from),
                b(w.resting_hr),
                w.hr_calc.map(|c| f64::from(c.number())),
            ])
        });
        let mut parts = vec![hr, run, ride, swim, watch];
        while parts.last().is_some_and(Option::is_none) {
            parts.pop();
        }
        parts.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Efforts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Efforts, D::Error> {
        let parts = Vec::<Option<Vec<Option<f64>>>>::deserialize(d)?;
        let at = |g: usize, i: usize| -> Option<f64> {
            parts.get(g)?.as_ref()?.get(i).copied().flatten()
        };
        let bpm = |g, i| at(g, i).and_then(|v| Bpm::try_from(v).ok());
        let swim = |i: usize| {
            Some(SwimBest {
                distance: Metres::try_from(at(3, 2 * i)?).ok()?,
                time: Seconds::try_from(at(3, 2 * i + 1)?).ok()?,
            })
        };
        let watch = WatchSettings {
            lthr: bpm(4, 0),
            max_hr: bpm(4, 1),
            ftp: at(4, 2).and_then(|v| Watts::try_from(v).ok()),
            resting_hr: bpm(4, 3),
            hr_calc: at(4, 4)
                .filter(|v| (0.0..=3.0).contains(v) && v.fract() == 0.0)
                .and_then(|v| HrCalc::from_number(v as u8)),
        };
        Ok(Efforts {
            max_hr: bpm(0, 0),
            hr_20min: bpm(0, 1),
            friel_hr: bpm(0, 2),
            run: std::array::from_fn(|i| at(1, i).and_then(|v| Metres::try_from(v).ok())),
            ride: std::array::from_fn(|i| at(2, i).and_then(|v| Watts::try_from(v).ok())),
            swim: [swim(0), swim(1)],
            watch: (watch != WatchSettings::default()).then_some(watch),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::streams::{self, Sample};

    /// A tick of the grid with heart rate `hr` and `speed` metres, a reading of its own.
    fn tick(hr: Option<f64>, speed: Option<f64>) -> Tick {
        Tick {
            hr,
            speed,
            graded_speed: speed,
            moving: true,
            reading: true,
            ..Tick::default()
        }
    }

    fn grid(ticks: Vec<Tick>) -> Grid {
        Grid { ticks }
    }

    #[test]
    fn a_one_second_spike_never_counts_as_the_max() {
        // 150 bpm throughout, a 1-s optical spike to 230, and 6 s at 185 later: by hand the
        // highest heart rate held 5 s is 185 (the spike's windows all hold a 150).
        let mut t: Vec<Tick> = (0..600).map(|_| tick(Some(150.0), None)).collect();
        t[100].hr = Some(230.0);
        for x in &mut t[300..306] {
            x.hr = Some(185.0);
        }
        assert_eq!(held_max_hr(&t), Some(185.0));
        // 4 s at 190 is not held long enough: still 185.
        for x in &mut t[400..404] {
            x.hr = Some(190.0);
        }
        assert_eq!(held_max_hr(&t), Some(185.0));
    }

    #[test]
    fn one_reading_of_a_sparse_recording_is_not_held() {
        // Readings every 5 s at 140 bpm, one of them 200 (a spike). On the grid the spike
        // fills 5 s, but by one reading: it does not count; the max held is 140.
        let samples: Vec<Sample> = (0..=120)
            .map(|i| Sample {
                time_s: 5.0 * f64::from(i),
                heart_rate: Some(if i == 60 { 200.0 } else { 140.0 }),
                ..Sample::default()
            })
            .collect();
        let (_, g) = streams::read(&samples, 50.0).unwrap();
        assert_eq!(held_max_hr(&g.ticks), Some(140.0));
        // Two readings in a row at 200 (10 s) do count.
        let mut two = samples.clone();
        two[61].heart_rate = Some(200.0);
        let (_, g) = streams::read(&two, 50.0).unwrap();
        assert_eq!(held_max_hr(&g.ticks), Some(200.0));
    }

    #[test]
    fn best_distances_of_a_run_by_hand() {
        // 300 s at 5 m/s, then 1 500 s at 4 m/s: best 180 s = 900 m; best 300 s = 1 500 m;
        // best 600 s = 300 × 5 + 300 × 4 = 2 700 m; best 1 200 s = 1 500 + 900 × 4 = 5 100 m;
        // best 1 800 s = the whole 1 500 + 6 000 = 7 500 m.
        let mut t: Vec<Tick> = (0..300).map(|_| tick(None, Some(5.0))).collect();
        t.extend((0..1500).map(|_| tick(None, Some(4.0))));
        let e = of(&grid(t), Sport::Run, SwimFrom::Nothing);
        let got: Vec<f64> = e.run.iter().map(|m| m.unwrap().get()).collect();
        assert_eq!(got, [900.0, 1500.0, 2700.0, 5100.0, 7500.0]);
        assert_eq!(e.max_hr, None);
    }

    #[test]
    fn no_stretch_spans_a_pause() {
        // Two 15-min halves at 160 bpm around a pause: no 20 minutes of effort.
        let mut t: Vec<Tick> = (0..1800).map(|_| tick(Some(160.0), Some(3.0))).collect();
        t[900].after_pause = true;
        let e = of(&grid(t), Sport::Run, SwimFrom::Nothing);
        assert_eq!((e.hr_20min, e.friel_hr), (None, None));
        assert_eq!(e.run[3], None, "no 20 min");
        assert_eq!(e.run[2].map(Metres::get), Some(1800.0), "10 min at 3 m/s");
    }

    #[test]
    fn friels_thirty_minutes() {
        // 10 min easy (3 m/s, 140 bpm), 30 min hard (4 m/s; heart rate 160 for 10 min, then
        // 170), 10 min easy. The hardest continuous 30 min is the hard block; the mean of its
        // last 20 min is 170 bpm (Friel). The best 20-min heart rate is 170 too.
        let mut t: Vec<Tick> = (0..600).map(|_| tick(Some(140.0), Some(3.0))).collect();
        t.extend((0..600).map(|_| tick(Some(160.0), Some(4.0))));
        t.extend((0..1200).map(|_| tick(Some(170.0), Some(4.0))));
        t.extend((0..600).map(|_| tick(Some(140.0), Some(3.0))));
        let e = of(&grid(t), Sport::Run, SwimFrom::Nothing);
        assert_eq!(e.friel_hr, Bpm::new(170));
        assert_eq!(e.hr_20min, Bpm::new(170));
    }

    #[test]
    fn a_warm_up_and_twenty_minutes_is_no_thirty_minute_effort() {
        // 15 min easy (3 m/s, 140 bpm) then 20 min hard (4 m/s, 178 bpm), then stop. Every
        // 30 min window holds at least 5 min of the easy part, and its first third (3 m/s
        // for at least half of it) is over 10 % below its mean: no Friel value. The best
        // 20-min heart rate is the hard part's, 178 bpm.
        let mut t: Vec<Tick> = (0..900).map(|_| tick(Some(140.0), Some(3.0))).collect();
        t.extend((0..1200).map(|_| tick(Some(178.0), Some(4.0))));
        let e = of(&grid(t), Sport::Run, SwimFrom::Nothing);
        assert_eq!(e.friel_hr, None);
        assert_eq!(e.hr_20min, Bpm::new(178));
    }

    #[test]
    fn heart_rate_gaps_under_a_tenth_still_count() {
        // 20 min at 165 bpm with 100 s without a reading (8 %): the mean of the readings.
        let mut t: Vec<Tick> = (0..1200).map(|_| tick(Some(165.0), Some(3.0))).collect();
        for x in &mut t[500..600] {
            x.hr = None;
        }
        assert_eq!(best_means(&t, [1200], HR_COVERAGE, |t| t.hr), [Some(165.0)]);
        for x in &mut t[600..700] {
            x.hr = None;
        }
        assert_eq!(
            best_means(&t, [1200], HR_COVERAGE, |t| t.hr),
            [None],
            "17 %"
        );
    }

    #[test]
    fn a_rides_best_powers() {
        // 20 min at 250 W with a 3-min block at 400 W in it: best 180 s = 400 W; best 300 s
        // = (180 × 400 + 120 × 250)/300 = 340 W; best 600 s = (180 × 400 + 420 × 250)/600 =
        // 295 W; best 1 200 s = (180 × 400 + 1 020 × 250)/1 200 = 272.5, held as 273 W (whole
        // watts, half away from zero).
        let mut t: Vec<Tick> = (0..1200)
            .map(|_| Tick {
                power: Some(250.0),
                ..tick(Some(150.0), Some(9.0))
            })
            .collect();
        for x in &mut t[600..780] {
            x.power = Some(400.0);
        }
        let e = of(&grid(t), Sport::Ride, SwimFrom::Nothing);
        let got: Vec<f64> = e.ride.iter().map(|w| w.unwrap().get()).collect();
        assert_eq!(got, [400.0, 340.0, 295.0, 273.0]);
        assert!(
            e.run.iter().all(Option::is_none),
            "a ride keeps no run bests"
        );
    }

    #[test]
    fn pool_lengths_by_hand() {
        // A 25 m pool: 8 lengths of 20 s, a rest (an idle length), then 16 lengths of 22 s
        // with one of 19 s among them, a 15-s wait (rest the watch did not record), 4 more.
        // Best 200 m (8 lengths): 8 × 20 = 160 s, or within the 16: 7 × 22 + 19 = 173 s →
        // 160 s. Best 400 m (16 lengths): only the run of 16 has them: 15 × 22 + 19 = 349 s.
        let mut lengths = Vec::new();
        let mut t = 0.0;
        let mut push = |dur: f64, active: bool, wait: f64| {
            lengths.push(SwimLength {
                start_s: t,
                timer_s: dur,
                active,
            });
            t += dur + wait;
        };
        for _ in 0..8 {
            push(20.0, true, 0.0);
        }
        push(60.0, false, 0.0);
        for i in 0..16 {
            push(
                if i == 5 { 19.0 } else { 22.0 },
                true,
                if i == 15 { 15.0 } else { 0.0 },
            );
        }
        for _ in 0..4 {
            push(18.0, true, 0.0);
        }
        let pool = Pool {
            length_m: 25.0,
            lengths: &lengths,
        };
        let e = of(&Grid::default(), Sport::Swim, SwimFrom::Lengths(pool));
        let got: Vec<(f64, u32)> = e
            .swim
            .iter()
            .map(|s| (s.unwrap().distance.get(), s.unwrap().time.get()))
            .collect();
        assert_eq!(got, [(200.0, 160), (400.0, 349)]);
        // A 25-yard pool (22.86 m): 200 m is 9 lengths (8.75 rounded), 205.74 m.
        assert_eq!(
            best_from_lengths(22.86, &lengths, 200.0).map(|(m, _)| (m * 100.0).round()),
            Some(20574.0)
        );
    }

    #[test]
    fn a_swim_from_its_distance_stream() {
        // 100 s at 1.25 m/s, then 400 s at 1 m/s: the best 200 m is the first 125 m in 100 s
        // and 75 m more in 75 s = 175 s; the best 400 m = 125 m + 275 m = 100 + 275 = 375 s.
        let mut t: Vec<Tick> = (0..100).map(|_| tick(None, Some(1.25))).collect();
        t.extend((0..400).map(|_| tick(None, Some(1.0))));
        let e = of(&grid(t.clone()), Sport::Swim, SwimFrom::Stream);
        assert_eq!(e.swim[0].map(|s| s.time.get()), Some(175));
        assert_eq!(e.swim[1].map(|s| s.time.get()), Some(375));
        assert_eq!(best_time_for(&[tick(None, Some(2.0)); 3], 3.0), Some(1.5));
        // An open-water swim (GPS) keeps none.
        let e = of(&grid(t), Sport::Swim, SwimFrom::Nothing);
        assert_eq!(e.swim, [None, None]);
    }

    #[test]
    fn the_stored_form_is_compact_and_reads_back() {
        let mut e = Efforts {
            max_hr: Bpm::new(186),
            hr_20min: Bpm::new(171),
            friel_hr: Bpm::new(169),
            ..Efforts::default()
        };
        e.run = [1012.0, 1630.0, 3190.0, 6210.0, 9110.0].map(Metres::new);
        let text = serde_json::to_string(&e).unwrap();
        assert_eq!(text, "[[186,171,169],[1012,1630,3190,6210,9110]]");
        assert_eq!(serde_json::from_str::<Efforts>(&text).unwrap(), e);

        let swim = Efforts {
            swim: [
                Some(SwimBest {
                    distance: Metres::new(200.0).unwrap(),
                    time: Seconds::new(170).unwrap(),
                }),
                None,
            ],
            watch: WatchSettings::plausible(
                Some(163.0),
                Some(185.0),
                Some(291.0),
                Some(46.0),
                Some(HrCalc::PercentMaxHr),
            ),
            ..Efforts::default()
        };
        let text = serde_json::to_string(&swim).unwrap();
        assert_eq!(text, "[null,null,null,[200,170],[163,185,291,46,1]]");
        assert_eq!(serde_json::from_str::<Efforts>(&text).unwrap(), swim);
        assert_eq!(serde_json::to_string(&Efforts::default()).unwrap(), "[]");

        // A value out of range is dropped alone; a wrong shape is refused.
        let odd: Efforts = serde_json::from_str("[[300,171.5,169],[-5,1630]]").unwrap();
        assert_eq!(
            (odd.max_hr, odd.hr_20min, odd.friel_hr),
            (None, None, Bpm::new(169))
        );
        assert_eq!(odd.run[1], Metres::new(1630.0));
        assert!(serde_json::from_str::<Efforts>(r#"{"max":1}"#).is_err());
        assert!(serde_json::from_str::<Efforts>(r#"[["a"]]"#).is_err());
    }

    #[test]
    fn watch_settings_that_cannot_be_settings_are_none() {
        // Garmin writes 0 for a resting HR it was not given (jimmykane/fit-parser#18), and
        // an LTHR of 0 (corpus file sportslib_rides_7386755164.fit).
        let w = WatchSettings::plausible(Some(0.0), Some(201.0), Some(228.0), Some(0.0), None);
        assert_eq!(
            w,
            Some(WatchSettings {
                max_hr: Bpm::new(201),
                ftp: Watts::new(228.0),
                ..WatchSettings::default()
            })
        );
        // An LTHR at or above the max HR is not kept; nothing left is `None`.
        let w = WatchSettings::plausible(Some(190.0), Some(185.0), None, None, None);
        assert_eq!(w.and_then(|w| w.lthr), None);
        assert_eq!(
            WatchSettings::plausible(None, Some(40.0), Some(0.0), None, None),
            None
        );
    }
}
