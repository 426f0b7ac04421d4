//! Readiness beyond form (docs/domain.md §7): the HRV baseline and its normal range, resting
//! heart rate against its baseline, illness, the load budget for today, and the
//! acute:chronic workload ratio and monotony.
//!
//! Pure functions over check-ins and daily loads; the advisor reads them (R15–R19) and
//! puts the numbers in its `Basis`, so Today shows what the advice rested on.
//!
//! # Sources
//! - **HRV**: Plews et al. 2012 and 2014 (Int J Sports Physiol Perform), HRV4Training: work on
//!   ln(rMSSD); a 7-day rolling mean against a normal range of mean ± 0.5 SD of the weeks
//!   before. Kiviniemi et al. 2007 (HRV-guided training): keep the day easy when HRV is low.
//! - **Resting HR** ≥ 5 bpm above its baseline: a common coaching heuristic, not a study's
//!   threshold; the app says so.
//! - **Load budget**: the chart of §2 run backwards (our derivation).
//! - **Acute:chronic workload ratio**: Gabbett 2016 (Br J Sports Med), the coupled variant.
//! - **Monotony and strain**: Foster 1998 (Med Sci Sports Exerc).
//!
//! # Decisions the spec leaves open
//! - Several check-ins on one day: the last one in the list counts (as for today's check-in).
//! - **Back from illness** (R17): "the 14 days before it" are the 14 days ending with the
//!   last sick day, that day included (one sick day → 1 → at least 2 days of easy).
//! - **Monotony** with every day the same load (SD 0) is not a number (Foster's formula
//!   divides by 0): it is left out, and a week with no load at all has none either.

use super::date::Day;
use super::pmc::PmcSettings;
use super::quantity::Bpm;
use super::wellness::{HrvSource, Wellness};

/// The HRV baseline's window, days ending today (today included) …
pub const HRV_BASELINE_DAYS: i32 = 7;
/// … and how many values it needs in it.
pub const HRV_BASELINE_MIN: usize = 3;
/// The normal range's window: the days before the baseline's 7 …
pub const NORMAL_RANGE_DAYS: i32 = 60;
/// … and how many values it needs (also resting HR's baseline).
pub const NORMAL_RANGE_MIN: usize = 14;
/// The normal range is the mean ± this many sample SDs (Plews; HRV4Training).
pub const NORMAL_RANGE_SD: f64 = 0.5;
/// Resting HR this many bpm above its baseline reads as elevated (a coaching heuristic).
pub const RHR_ELEVATED_BPM: f64 = 5.0;
/// The floor tomorrow's form must stay at or above: the edge of the high-risk band (§2).
pub const BUDGET_FLOOR_TSB: f64 = -30.0;
/// An acute:chronic ratio above this adds a warning (Gabbett 2016: above ~1.5 the injury
/// risk rises steeply).
pub const ACWR_WARNING: f64 = 1.5;
/// A monotony above this adds a warning (Foster 1998).
pub const MONOTONY_WARNING: f64 = 2.0;

/// The value of each day from `from` to `to` (both included), in date order, the last
/// check-in of a day winning (`None` where the day has none). A slot per day rather than a
/// map or a sort: the windows are at most 67 days, and Today's first download stays small.
fn by_day<T: Copy>(
    wellness: &[Wellness],
    from: Day,
    to: Day,
    get: impl Fn(&Wellness) -> Option<T>,
) -> Vec<Option<T>> {
    let n = usize::try_from(to.days_since(from) + 1).unwrap_or(0);
    let mut out = vec![None; n];
    for w in wellness {
        if let Some(slot) = usize::try_from(w.date.days_since(from))
            .ok()
            .and_then(|i| out.get_mut(i))
        {
            *slot = get(w);
        }
    }
    out
}

/// The values given in `slots`.
fn given<T: Copy>(slots: &[Option<T>]) -> Vec<T> {
    slots.iter().flatten().copied().collect()
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

/// The sample standard deviation (dividing by n − 1); 0 for fewer than 2 values.
fn sample_sd(v: &[f64]) -> f64 {
    if v.len() < 2 {
        return 0.0;
    }
    let m = mean(v);
    (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() - 1) as f64).sqrt()
}

/// The HRV normal range, in ln(rMSSD): mean ± 0.5 sample SD of the 60 days before the
/// baseline's 7.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NormalRange {
    pub mean: f64,
    pub sd: f64,
    pub low: f64,
    pub high: f64,
}

/// One kind of HRV value: a source and whether it measures SDNN rather than rMSSD. A
/// morning reading's rMSSD (HRV apps), a night's (watches) and SDNN (Apple Watch) are
/// different numbers: a baseline is taken over one series only (docs/domain.md §7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HrvSeries {
    /// Where the values came from; a value typed before sources were kept is the runner's
    /// own (`manual`).
    pub source: HrvSource,
    pub sdnn: bool,
}

/// A check-in's HRV value (ms) if it is of `series`.
pub fn hrv_in(w: &Wellness, series: HrvSeries) -> Option<f64> {
    hrv_of(w).filter(|(s, _)| *s == series).map(|(_, v)| v)
}

/// A check-in's HRV value and its series: its rMSSD, else its SDNN.
fn hrv_of(w: &Wellness) -> Option<(HrvSeries, f64)> {
    let source = w.hrv_source.unwrap_or(HrvSource::Manual);
    match (w.hrv, w.hrv_sdnn) {
        (Some(r), _) => Some((
            HrvSeries {
                source,
                sdnn: false,
            },
            r.get(),
        )),
        (None, Some(s)) => Some((HrvSeries { source, sdnn: true }, s.get())),
        (None, None) => None,
    }
}

/// The series the baseline is taken over on `today`: of the series with values in the
/// baseline's and the normal range's windows, the one with the latest value among those
/// with enough history for both (3 values in the 7 days, 14 in the 60 before), else the
/// one with the latest value (its count of mornings then says what is missing). Of two
/// with values on the same latest day, the one with more values.
fn hrv_series(wellness: &[Wellness], first: Day, week_start: Day, today: Day) -> Option<HrvSeries> {
    // (series, latest day, values before the week, values in the week)
    let mut seen: Vec<(HrvSeries, Day, usize, usize)> = Vec::new();
    for w in wellness
        .iter()
        .filter(|w| w.date >= first && w.date <= today)
    {
        let Some((series, _)) = hrv_of(w) else {
            continue;
        };
        let in_week = w.date >= week_start;
        match seen.iter_mut().find(|(s, ..)| *s == series) {
            Some((_, latest, before, week)) => {
                *latest = (*latest).max(w.date);
                *before += usize::from(!in_week);
                *week += usize::from(in_week);
            }
            None => seen.push((series, w.date, usize::from(!in_week), usize::from(in_week))),
        }
    }
    let enough = |(_, _, before, week): &&(HrvSeries, Day, usize, usize)| {
        *before >= NORMAL_RANGE_MIN && *week >= HRV_BASELINE_MIN
    };
    let latest = |a: &&(HrvSeries, Day, usize, usize), b: &&(HrvSeries, Day, usize, usize)| {
        (a.1, a.2 + a.3).cmp(&(b.1, b.2 + b.3))
    };
    seen.iter()
        .filter(enough)
        .max_by(latest)
        .or_else(|| seen.iter().max_by(latest))
        .map(|(s, ..)| *s)
}

/// The HRV baseline against its normal range (docs/domain.md §7), all in ln(ms) of one
/// [`HrvSeries`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HrvBaseline {
    /// The series it is taken over (`None`: no HRV in the windows).
    pub series: Option<HrvSeries>,
    /// The source's own normal range (low, high) in ms, as its latest value in the windows
    /// gave it (Garmin's baseline, Polar's).
    pub source_range: Option<(f64, f64)>,
    /// Today's value, ln(rMSSD), if today's check-in has one.
    pub today: Option<f64>,
    /// The mean of ln(rMSSD) over the 7 days ending today, with at least 3 values.
    pub baseline: Option<f64>,
    /// Values in those 7 days.
    pub baseline_n: usize,
    /// The normal range, with at least 14 values in the 60 days before the 7.
    pub normal: Option<NormalRange>,
    /// Values in those 60 days.
    pub normal_n: usize,
}

impl HrvBaseline {
    /// **HRV low**: the 7-day baseline is below the normal range.
    pub fn is_low(&self) -> bool {
        matches!((self.baseline, self.normal), (Some(b), Some(n)) if b < n.low)
    }
}

/// The HRV baseline and normal range on `today` (Plews et al. 2012, 2014; HRV4Training):
/// the baseline is the mean of ln(rMSSD) of the 7 days ending today (≥ 3 values); the
/// normal range the mean ± 0.5 SD (sample SD) of the values of the 60 days before those 7
/// (≥ 14 values) — each over one series of values ([`HrvSeries`]: one source, rMSSD or
/// SDNN), the latest with enough history.
pub fn hrv_baseline(wellness: &[Wellness], today: Day) -> HrvBaseline {
    let week_start = today.add_days(1 - HRV_BASELINE_DAYS);
    let first = week_start.add_days(-NORMAL_RANGE_DAYS);
    let series = hrv_series(wellness, first, week_start, today);
    let of_series = |w: &Wellness| hrv_of(w).filter(|(s, _)| Some(*s) == series);
    let slots = by_day(wellness, first, today, |w| {
        of_series(w).map(|(_, v)| v.ln())
    });
    let source_range = by_day(wellness, first, today, |w| {
        of_series(w)?;
        Some((w.hrv_range_low?.get(), w.hrv_range_high?.get()))
    })
    .into_iter()
    .flatten()
    .next_back();
    let split = NORMAL_RANGE_DAYS as usize;
    let before = given(&slots[..split.min(slots.len())]);
    let week = given(slots.get(split..).unwrap_or(&[]));
    let normal = (before.len() >= NORMAL_RANGE_MIN).then(|| {
        let (m, sd) = (mean(&before), sample_sd(&before));
        NormalRange {
            mean: m,
            sd,
            low: m - NORMAL_RANGE_SD * sd,
            high: m + NORMAL_RANGE_SD * sd,
        }
    });
    HrvBaseline {
        series,
        source_range,
        today: slots.last().copied().flatten(),
        baseline: (week.len() >= HRV_BASELINE_MIN).then(|| mean(&week)),
        baseline_n: week.len(),
        normal,
        normal_n: before.len(),
    }
}

/// Today's resting HR against the mean of the 60 days before today (docs/domain.md §7).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RestingHr {
    pub today: Option<Bpm>,
    /// The mean of the previous 60 days, with at least 14 values.
    pub baseline: Option<f64>,
    /// Values in those 60 days.
    pub baseline_n: usize,
}

impl RestingHr {
    /// **Resting HR elevated**: today ≥ 5 bpm above the baseline (a coaching heuristic).
    pub fn is_elevated(&self) -> bool {
        matches!((self.today, self.baseline), (Some(t), Some(b)) if f64::from(t.get()) >= b + RHR_ELEVATED_BPM)
    }
}

/// Resting HR on `today` and its baseline: the mean of the 60 days before today (≥ 14).
pub fn resting_hr(wellness: &[Wellness], today: Day) -> RestingHr {
    let slots = by_day(wellness, today.add_days(-NORMAL_RANGE_DAYS), today, |w| {
        w.resting_hr
    });
    let split = NORMAL_RANGE_DAYS as usize;
    let before: Vec<f64> = given(&slots[..split.min(slots.len())])
        .into_iter()
        .map(|b| f64::from(b.get()))
        .collect();
    RestingHr {
        today: slots.last().copied().flatten(),
        baseline: (before.len() >= NORMAL_RANGE_MIN).then(|| mean(&before)),
        baseline_n: before.len(),
    }
}

/// Ill today (today's check-in says sick).
pub fn is_sick(wellness: &[Wellness], today: Day) -> bool {
    by_day(wellness, today, today, |w| Some(w.sick)) == [Some(true)]
}

/// Back from illness (R17): the last sick day before today, and how many days after it
/// are easy days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BackFromIllness {
    pub last_sick: Day,
    /// Sick days in the 14 days ending with `last_sick`.
    pub sick_days: u32,
    /// Days after `last_sick` that are easy: `sick_days`, at least 2, at most 7.
    pub easy_days: u32,
    /// Which of them today is (1 = the first day after).
    pub day: u32,
}

/// The easy days after an illness: at least this many …
pub const AFTER_ILLNESS_MIN_DAYS: u32 = 2;
/// … and at most this many.
pub const AFTER_ILLNESS_MAX_DAYS: u32 = 7;

/// Whether `today` falls within the easy days after an illness (docs/domain.md §7, R17): within
/// as many days after the last sick day as there were sick days in the 14 days ending with
/// it, at least 2 and at most 7. `None` when sick today (that is R15) or not sick lately.
pub fn back_from_illness(wellness: &[Wellness], today: Day) -> Option<BackFromIllness> {
    // From the 14 days before the earliest last sick day that can still count, to today.
    let first = today.add_days(-(AFTER_ILLNESS_MAX_DAYS as i32) - 13);
    let sick = by_day(wellness, first, today, |w| Some(w.sick));
    let is_sick = |d: Day| {
        usize::try_from(d.days_since(first))
            .ok()
            .and_then(|i| sick.get(i))
            .is_some_and(|s| *s == Some(true))
    };
    if is_sick(today) {
        return None;
    }
    let last_sick = (1..=AFTER_ILLNESS_MAX_DAYS as i32)
        .map(|back| today.add_days(-back))
        .find(|d| is_sick(*d))?;
    let sick_days = (0..14)
        .filter(|back| is_sick(last_sick.add_days(-back)))
        .count() as u32;
    let easy_days = sick_days.clamp(AFTER_ILLNESS_MIN_DAYS, AFTER_ILLNESS_MAX_DAYS);
    let day = u32::try_from(today.days_since(last_sick)).ok()?;
    (day >= 1 && day <= easy_days).then_some(BackFromIllness {
        last_sick,
        sick_days,
        easy_days,
        day,
    })
}

/// Tomorrow's form after a load of `load` TSS today, from yesterday's closing CTL and ATL
/// (docs/domain.md §7): `CTL_y (1 − k_c) − ATL_y (1 − k_a) + L (k_c − k_a)`.
pub fn tsb_tomorrow(ctl_y: f64, atl_y: f64, load: f64, settings: &PmcSettings) -> f64 {
    let (kc, ka) = (settings.k(settings.ctl_days), settings.k(settings.atl_days));
    let ctl = ctl_y + (load - ctl_y) * kc;
    let atl = atl_y + (load - atl_y) * ka;
    ctl - atl
}

/// **Load budget** (docs/domain.md §7): the most TSS today that keeps tomorrow's TSB at or
/// above `floor`, from yesterday's closing CTL and ATL:
/// `L_max = (F − CTL_y (1 − k_c) + ATL_y (1 − k_a)) ÷ (k_c − k_a)`, at least 0.
///
/// Example (defaults, τ 42/7, `k = 1 − e^(−1/τ)`, F = −30): CTL_y 50, ATL_y 60 → ≈ 244.6.
/// `None` when the time constants give k_c ≥ k_a (CTL's constant not longer than ATL's:
/// more load would not lower form) or the inputs are not numbers.
pub fn load_budget(ctl_y: f64, atl_y: f64, floor: f64, settings: &PmcSettings) -> Option<f64> {
    let (kc, ka) = (settings.k(settings.ctl_days), settings.k(settings.atl_days));
    if kc.partial_cmp(&ka) != Some(std::cmp::Ordering::Less) {
        return None;
    }
    let l = (floor - ctl_y * (1.0 - kc) + atl_y * (1.0 - ka)) / (kc - ka);
    l.is_finite().then(|| l.max(0.0))
}

/// The acute:chronic workload ratio, monotony and strain of the daily loads ending today.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LoadPattern {
    /// Mean daily TSS of the 7 days ending today.
    pub acute: f64,
    /// Mean daily TSS of the 28 days ending today (the 7 included).
    pub chronic: f64,
    /// `acute ÷ chronic` (Gabbett 2016, coupled); `None` with no load in the 28 days.
    pub acwr: Option<f64>,
    /// Mean ÷ SD (dividing by 7) of the 7 days' TSS, rest days 0 (Foster 1998); `None`
    /// when the SD is 0.
    pub monotony: Option<f64>,
    /// The 7-day total × monotony.
    pub strain: Option<f64>,
}

/// The load pattern from the daily TSS of the last 28 days, oldest first, the last being
/// today (fewer days: the missing older ones count 0). Non-finite or negative loads count 0.
pub fn load_pattern(daily_tss: &[f64]) -> LoadPattern {
    let clean: Vec<f64> = daily_tss
        .iter()
        .rev()
        .take(28)
        .map(|&t| if t.is_finite() && t > 0.0 { t } else { 0.0 })
        .collect();
    let week: Vec<f64> = clean
        .iter()
        .take(7)
        .copied()
        .chain(std::iter::repeat(0.0))
        .take(7)
        .collect();
    let acute = week.iter().sum::<f64>() / 7.0;
    let chronic = clean.iter().sum::<f64>() / 28.0;
    let sd = (week.iter().map(|x| (x - acute).powi(2)).sum::<f64>() / 7.0).sqrt();
    let monotony = (sd > 1e-9).then(|| acute / sd);
    LoadPattern {
        acute,
        chronic,
        acwr: (chronic > 0.0).then(|| acute / chronic),
        monotony,
        strain: monotony.map(|m| acute * 7.0 * m),
    }
}

impl LoadPattern {
    /// The warning sentences (docs/domain.md §7): a ratio above 1.5, a monotony above 2.0.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(r) = self.acwr.filter(|r| *r > ACWR_WARNING) {
            out.push(format!("Your last 7 days average {:.0} TSS a day, {r:.2} times your 28-day average of {:.0}: above 1.5 the risk of injury rises steeply (Gabbett 2016). Build more gradually.", self.acute, self.chronic));
        }
        if let Some(m) = self.monotony.filter(|m| *m > MONOTONY_WARNING) {
            out.push(format!("Your training monotony is {m:.2} (Foster: the 7-day mean load ÷ its SD): above 2.0 the days are too alike. Make easy days easier and hard days harder, or take a rest day."));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_sd_divides_by_n_minus_1() {
        assert!((sample_sd(&[1.0, 2.0, 3.0, 4.0]) - (5.0f64 / 3.0).sqrt()).abs() < 1e-12);
        assert_eq!(sample_sd(&[3.0]), 0.0);
    }

    #[test]
    fn load_pattern_of_a_week() {
        // 7 days: 100, 0, 50, 0, 100, 0, 50 → mean 300/7 = 42.857; SD (÷7) = 39.123;
        // monotony 1.0954; 21 days before at 0 → chronic 300/28, ratio 4.
        let p = load_pattern(&[100.0, 0.0, 50.0, 0.0, 100.0, 0.0, 50.0]);
        assert!((p.acute - 300.0 / 7.0).abs() < 1e-12);
        assert!((p.chronic - 300.0 / 28.0).abs() < 1e-12);
        assert!((p.acwr.unwrap() - 4.0).abs() < 1e-12);
        let mean = 300.0 / 7.0;
        let var =
            (2.0 * (100.0f64 - mean).powi(2) + 2.0 * (50.0f64 - mean).powi(2) + 3.0 * mean * mean)
                / 7.0;
        assert!((p.monotony.unwrap() - mean / var.sqrt()).abs() < 1e-12);
        assert!((p.strain.unwrap() - 300.0 * mean / var.sqrt()).abs() < 1e-9);
        assert_eq!(load_pattern(&[]).acwr, None);
        assert_eq!(load_pattern(&[50.0; 7]).monotony, None);
    }
}
