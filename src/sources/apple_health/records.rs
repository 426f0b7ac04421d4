//! The `<Record>`s the app uses, aggregated as they stream past, and the days they make.
//!
//! Memory depends on the span of days and the number of sources, never on the size of the
//! file: per day and source a running mean (HRV), the latest reading (resting HR), a flag
//! (menstrual flow); per source the asleep intervals, merged as they come; and heart rate
//! per minute (`HrMinutes`, bounded). What each `type` means and how it is written:
//! real exports quoted by public parsers (rgosdin/docs' `export.xml`, a whole iOS 12 export;
//! alxdrcirilo/apple-health-parser's tests); Apple's documentation of `HKQuantityTypeIdentifier`,
//! `HKCategoryValueSleepAnalysis` and `HKCategoryValueMenstrualFlow`.
//!
//! **One source per measure and day.** When several apps or devices (`sourceName`) write
//! the same measure on one day, one of them gives the day's value and the others are left
//! out, never added or averaged together. The one kept is, in order: a source that is an
//! Apple Watch (its `device` says `model:Watch` or `name:Apple Watch`, or its name has
//! "Watch" in it — the names are the runner's own, "Alexandre's Apple Watch"); then the one
//! with the most readings that day (for sleep: the most asleep segments in the night, the
//! most detailed staging); then the one met first in the file.
//!
//! - **HRV** (`HKQuantityTypeIdentifierHeartRateVariabilitySDNN`, ms): SDNN, so
//!   `hrv_sdnn` with `hrv_source` Apple Watch, never rMSSD. The Watch takes several a day
//!   (at night and in Breathe sessions); the day's value is the **mean** of the kept
//!   source's readings that day (the corpus' rule `apple_hrv` names the mean first; a
//!   single reading is noisier than their mean). Outside 1–500 ms a reading is skipped.
//! - **Resting HR** (`HKQuantityTypeIdentifierRestingHeartRate`): one a day as a rule; of
//!   two, the later (by its `startDate`), as the corpus' `two_readings_a_day`. Outside
//!   25–250 bpm it is skipped (third-party apps have written 900).
//! - **Sleep** (`HKCategoryTypeIdentifierSleepAnalysis`): only asleep values (`Asleep`,
//!   `AsleepUnspecified`, `AsleepCore`, `AsleepDeep`, `AsleepREM`) — in bed and awake are
//!   not sleep. Per source, the union of its asleep intervals (overlaps count once), cut
//!   into periods where a gap is 3 h or more; a period counts on the local day of its last
//!   end, as written. This is the rule the corpus' independent expectations use
//!   (`manifest.json`, rule `apple_sleep`). Of two periods ending on one day, the longer
//!   is the night (a nap is not the night: `crate::sources` doc). A segment or a night
//!   over 24 h is skipped.
//! - **Menstrual flow** (`HKCategoryTypeIdentifierMenstrualFlow`, and the iOS 18 name
//!   `VaginalBleeding` of the same values): `Light`, `Medium`, `Heavy`, `Unspecified` →
//!   menstruating; `None` → not. Of a flow and a "none" on one day, the flow wins: a
//!   logged flow is an observation, "none" the absence of one.
//! - **Heart rate** (`HKQuantityTypeIdentifierHeartRate`): only for the workouts whose
//!   statistics lack it (`HrMinutes`: 8 bytes a minute with readings, at most 2²¹ minutes).

use std::collections::{BTreeMap, HashMap};

use crate::domain::date::Day;
use crate::domain::quantity::{Bpm, SdnnMs};
use crate::domain::wellness::HrvSource;
use crate::sources::{DayValues, Skip, SkipReason};

/// Which of the record types the app uses a `<Record>` is, from its `type` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    HeartRate,
    Hrv,
    RestingHr,
    Sleep,
    MenstrualFlow,
}

impl Kind {
    /// The kind of a `type`, compared as bytes before anything is allocated; `None` for
    /// the many types the app does not use (steps, energy, distance…).
    pub(crate) fn of(type_name: &[u8]) -> Option<Kind> {
        let rest = type_name.strip_prefix(b"HK")?;
        if let Some(q) = rest.strip_prefix(b"QuantityTypeIdentifier") {
            match q {
                b"HeartRate" => Some(Kind::HeartRate),
                b"HeartRateVariabilitySDNN" => Some(Kind::Hrv),
                b"RestingHeartRate" => Some(Kind::RestingHr),
                _ => None,
            }
        } else if let Some(c) = rest.strip_prefix(b"CategoryTypeIdentifier") {
            match c {
                b"SleepAnalysis" => Some(Kind::Sleep),
                b"MenstrualFlow" | b"VaginalBleeding" => Some(Kind::MenstrualFlow),
                _ => None,
            }
        } else {
            None
        }
    }
}

/// What a sleep record's value says.
fn asleep(value: &str) -> Option<bool> {
    let v = value.trim().strip_prefix("HKCategoryValueSleepAnalysis")?;
    Some(matches!(
        v,
        "Asleep" | "AsleepUnspecified" | "AsleepCore" | "AsleepDeep" | "AsleepREM"
    ))
}

/// Whether a menstrual-flow value is a flow (`Some(true)`), none (`Some(false)`), or not
/// one of these values.
fn flow(value: &str) -> Option<bool> {
    let v = value.trim();
    let v = v
        .strip_prefix("HKCategoryValueMenstrualFlow")
        .or_else(|| v.strip_prefix("HKCategoryValueVaginalBleeding"))?;
    match v {
        "Unspecified" | "Light" | "Medium" | "Heavy" => Some(true),
        "None" => Some(false),
        _ => None,
    }
}

/// The heart rate of each minute that has any, kept compactly until the workouts (which
/// come after the records in real exports, before them in some hand-made ones) have been
/// read, to average a workout's window when its statistics have no heart rate (exports
/// made before iOS 16 never do).
///
/// Each minute is 8 bytes (its UTC minute, the sum, count and maximum of its readings);
/// readings are gathered unsorted in a small buffer and merged into the sorted list every
/// 64 Ki readings. At most [`HrMinutes::MAX`] minutes are kept (2²¹, 16 MiB): ten years of a
/// Watch's background readings, one every few minutes, are about 1.5 million. Past that,
/// minutes holding a single reading are dropped first (a workout's minutes hold many: the
/// Watch reads every few seconds then), and then new minutes are not kept; the import
/// report says so.
#[derive(Default)]
pub(crate) struct HrMinutes {
    sorted: Vec<HrMinute>,
    pending: Vec<HrMinute>,
    /// Whether anything was dropped to stay within [`HrMinutes::MAX`].
    pub(crate) thinned: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct HrMinute {
    /// Minutes since 1970-01-01 00:00 UTC.
    minute: u32,
    /// The sum of at most 255 readings of at most 250 bpm.
    sum: u16,
    count: u8,
    max: u8,
}

impl HrMinute {
    fn join(self, other: HrMinute) -> HrMinute {
        let room = 255 - self.count;
        if room == 0 {
            return self;
        }
        // A full minute keeps its first readings: the mean of 255 readings is the minute's.
        if other.count > room {
            return self;
        }
        HrMinute {
            minute: self.minute,
            sum: self.sum.saturating_add(other.sum),
            count: self.count + other.count,
            max: self.max.max(other.max),
        }
    }
}

const PENDING: usize = 1 << 16;

impl HrMinutes {
    /// The most minutes kept.
    pub(crate) const MAX: usize = 1 << 21;

    /// Adds a reading of `bpm` (25–250, else ignored) at `utc_s`.
    pub(crate) fn add(&mut self, utc_s: i64, bpm: f64) {
        if !(25.0..=250.0).contains(&bpm) {
            return;
        }
        let Ok(minute) = u32::try_from(utc_s.div_euclid(60)) else {
            return;
        };
        let b = bpm.round() as u8;
        let reading = HrMinute {
            minute,
            sum: u16::from(b),
            count: 1,
            max: b,
        };
        match self.pending.last_mut() {
            Some(last) if last.minute == minute => *last = last.join(reading),
            _ => {
                self.pending.push(reading);
                if self.pending.len() >= PENDING {
                    self.flush();
                }
            }
        }
    }

    /// Merges the pending readings into the sorted minutes.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        self.pending.sort_unstable_by_key(|m| m.minute);
        let mut merged: Vec<HrMinute> = Vec::with_capacity(self.pending.len());
        for m in self.pending.drain(..) {
            match merged.last_mut() {
                Some(last) if last.minute == m.minute => *last = last.join(m),
                _ => merged.push(m),
            }
        }
        // Merge from the back, in place: the sorted list grows by the new ones, and minutes
        // already there take the new readings in (leaving a gap, closed after).
        let old = self.sorted.len();
        let room = Self::MAX.saturating_sub(old).min(merged.len());
        self.sorted.reserve_exact(room);
        let mut fresh: Vec<HrMinute> = Vec::new();
        let mut i = 0;
        for m in merged {
            // Find where m goes among the old minutes (both ascend).
            while i < old && self.sorted[i].minute < m.minute {
                i += 1;
            }
            if i < old && self.sorted[i].minute == m.minute {
                self.sorted[i] = self.sorted[i].join(m);
            } else {
                fresh.push(m);
            }
        }
        if fresh.is_empty() {
            return;
        }
        if old + fresh.len() > Self::MAX {
            self.thinned = true;
            self.sorted.retain(|m| m.count > 1);
            fresh.retain(|m| m.count > 1);
            let room = Self::MAX.saturating_sub(self.sorted.len());
            fresh.truncate(room);
        }
        let old = self.sorted.len();
        self.sorted.extend_from_slice(&fresh);
        // Both halves are sorted and disjoint: merge them from the back in place.
        let (mut a, mut b, mut k) = (old, fresh.len(), self.sorted.len());
        while b > 0 {
            k -= 1;
            if a > 0 && self.sorted[a - 1].minute > fresh[b - 1].minute {
                self.sorted[k] = self.sorted[a - 1];
                a -= 1;
            } else {
                self.sorted[k] = fresh[b - 1];
                b -= 1;
            }
        }
    }

    /// Ends the reading: everything merged.
    pub(crate) fn finish(&mut self) {
        self.flush();
        self.pending = Vec::new();
    }

    /// The mean and the maximum of the readings from `from_s` to `to_s` (UTC seconds; the
    /// minutes they fall in, both included), if there is any. Call after [`Self::finish`].
    pub(crate) fn window(&self, from_s: i64, to_s: i64) -> Option<(f64, f64)> {
        let first = u32::try_from(from_s.div_euclid(60)).ok()?;
        let last = u32::try_from(to_s.div_euclid(60)).ok()?;
        let start = self.sorted.partition_point(|m| m.minute < first);
        let (mut sum, mut count, mut max) = (0u64, 0u64, 0u8);
        for m in self
            .sorted
            .get(start..)?
            .iter()
            .take_while(|m| m.minute <= last)
        {
            sum += u64::from(m.sum);
            count += u64::from(m.count);
            max = max.max(m.max);
        }
        (count > 0).then(|| (sum as f64 / count as f64, f64::from(max)))
    }

    /// How many minutes are held.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.sorted.len() + self.pending.len()
    }
}

/// The sources met, by name, and whether each is an Apple Watch.
#[derive(Default)]
pub(crate) struct Sources {
    names: Vec<String>,
    by_name: HashMap<String, u16>,
    watch: Vec<bool>,
}

impl Sources {
    /// The most sources told apart; later ones share the last id (no real export has more
    /// than a few dozen apps and devices).
    const MAX: usize = 4096;

    /// The id of a source, `device` (its debug string, unescaped) telling whether it is a
    /// Watch.
    pub(crate) fn id(&mut self, name: &str, device: Option<&str>) -> u16 {
        let watch = is_watch(name, device);
        let id = match self.by_name.get(name) {
            Some(&id) => id,
            None if self.names.len() < Self::MAX => {
                let id = self.names.len() as u16;
                self.names.push(name.to_owned());
                self.by_name.insert(name.to_owned(), id);
                self.watch.push(false);
                id
            }
            None => (Self::MAX - 1) as u16,
        };
        if let Some(w) = self.watch.get_mut(usize::from(id)) {
            *w |= watch;
        }
        id
    }

    pub(crate) fn is_watch(&self, id: u16) -> bool {
        self.watch.get(usize::from(id)).copied().unwrap_or(false)
    }
}

/// Whether a source is an Apple Watch: its `device` string (`<<HKDevice: 0x…>, name:Apple
/// Watch, manufacturer:Apple Inc., model:Watch, …>`) or its name says so.
pub(crate) fn is_watch(name: &str, device: Option<&str>) -> bool {
    device.is_some_and(|d| d.contains("model:Watch") || d.contains("name:Apple Watch"))
        || name.to_lowercase().contains("watch")
}

/// One asleep interval of a source.
#[derive(Clone, Copy, Debug)]
struct Asleep {
    source: u16,
    start_s: i64,
    end_s: i64,
    /// The local day written in its `endDate`.
    end_day: i32,
    /// How many records it was made of.
    records: u32,
}

/// Everything the records give, as they come.
#[derive(Default)]
pub(crate) struct Records {
    pub(crate) sources: Sources,
    pub(crate) hr: HrMinutes,
    /// (day, source) → (sum of SDNN, count).
    hrv: BTreeMap<(i32, u16), (f64, u32)>,
    /// (day, source) → (start of the reading, bpm): the latest reading.
    rhr: BTreeMap<(i32, u16), (i64, f64)>,
    /// day → whether any source logged a flow (else a "none").
    flow: BTreeMap<i32, bool>,
    asleep: Vec<Asleep>,
    /// Length of `asleep` after its last merge.
    asleep_merged: usize,
}

/// One `<Record>` of a used kind, its attributes read (unescaped).
pub(crate) struct Record<'a> {
    pub kind: Kind,
    pub source: u16,
    pub start: super::stream::Stamp,
    pub end: super::stream::Stamp,
    pub value: &'a str,
    pub unit: &'a str,
}

impl Records {
    /// Takes one record in; what is out of range goes to `skips`.
    pub(crate) fn add(&mut self, r: Record<'_>, skips: &mut Skips) {
        let day = r.start.local_day;
        let place =
            || Day::from_ordinal(day).map_or_else(|| "a record".to_owned(), |d| d.to_string());
        match r.kind {
            Kind::HeartRate => {
                let Some(v) = super::stream::number(r.value) else {
                    return;
                };
                let bpm = if r.unit.trim() == "count/s" {
                    v * 60.0
                } else {
                    v
                };
                self.hr.add(r.start.utc_s, bpm);
            }
            Kind::Hrv => {
                let Some(v) = super::stream::number(r.value) else {
                    return skips.unreadable(place(), "an HRV reading without a number");
                };
                let ms = if r.unit.trim() == "s" { v * 1000.0 } else { v };
                if SdnnMs::new(ms).is_none() {
                    return skips.out_of_range(place(), "HRV SDNN (ms)", ms);
                }
                let e = self.hrv.entry((day, r.source)).or_insert((0.0, 0));
                e.0 += ms;
                e.1 += 1;
            }
            Kind::RestingHr => {
                let Some(v) = super::stream::number(r.value) else {
                    return skips.unreadable(place(), "a resting HR without a number");
                };
                if !(25.0..=250.0).contains(&v) {
                    return skips.out_of_range(place(), "resting HR (bpm)", v);
                }
                let e = self
                    .rhr
                    .entry((day, r.source))
                    .or_insert((r.start.utc_s, v));
                if r.start.utc_s >= e.0 {
                    *e = (r.start.utc_s, v);
                }
            }
            Kind::Sleep => {
                if asleep(r.value) != Some(true) {
                    return;
                }
                let seconds = r.end.utc_s - r.start.utc_s;
                if seconds < 0 {
                    return skips.unreadable(place(), "a sleep record that ends before it starts");
                }
                if seconds > 24 * 3600 {
                    return skips.out_of_range(place(), "sleep (h)", seconds as f64 / 3600.0);
                }
                self.asleep.push(Asleep {
                    source: r.source,
                    start_s: r.start.utc_s,
                    end_s: r.end.utc_s,
                    end_day: r.end.local_day,
                    records: 1,
                });
                if self.asleep.len() >= 2 * self.asleep_merged.max(4096) {
                    self.merge_asleep();
                }
            }
            Kind::MenstrualFlow => {
                if let Some(f) = flow(r.value) {
                    *self.flow.entry(day).or_insert(f) |= f;
                }
            }
        }
    }

    /// Sorts the asleep intervals by source and start and merges those that overlap or
    /// touch (a Watch night's stages follow one another), keeping the day of the later end.
    fn merge_asleep(&mut self) {
        self.asleep.sort_unstable_by_key(|a| (a.source, a.start_s));
        let mut out: Vec<Asleep> = Vec::with_capacity(self.asleep.len());
        for a in self.asleep.drain(..) {
            match out.last_mut() {
                Some(last) if last.source == a.source && a.start_s <= last.end_s => {
                    last.records = last.records.saturating_add(a.records);
                    if a.end_s > last.end_s {
                        last.end_s = a.end_s;
                        last.end_day = a.end_day;
                    }
                }
                _ => out.push(a),
            }
        }
        self.asleep = out;
        self.asleep_merged = self.asleep.len();
    }

    /// The days: one value per measure and day, from one source (module doc). Oldest
    /// first.
    pub(crate) fn days(mut self, skips: &mut Skips) -> Vec<DayValues> {
        self.merge_asleep();
        let mut days: BTreeMap<i32, DayValues> = BTreeMap::new();
        fn day_of(days: &mut BTreeMap<i32, DayValues>, d: i32) -> Option<&mut DayValues> {
            let date = Day::from_ordinal(d)?;
            Some(days.entry(d).or_insert_with(|| DayValues::new(date)))
        }
        let sources = &self.sources;
        // The preferred source: a Watch, then the most readings, then the first met.
        let better = |a: (u16, u32), b: (u16, u32)| -> bool {
            let key = |(s, n): (u16, u32)| (sources.is_watch(s), n, std::cmp::Reverse(s));
            key(a) > key(b)
        };

        let mut best_hrv: BTreeMap<i32, (u16, u32, f64)> = BTreeMap::new();
        for (&(d, s), &(sum, n)) in &self.hrv {
            let mean = sum / f64::from(n.max(1));
            let e = best_hrv.entry(d).or_insert((s, n, mean));
            if better((s, n), (e.0, e.1)) {
                *e = (s, n, mean);
            }
        }
        for (d, (_, _, mean)) in best_hrv {
            if let (Some(day), Some(v)) = (day_of(&mut days, d), SdnnMs::new(mean)) {
                day.hrv_sdnn = Some(v);
                day.hrv_source = Some(HrvSource::AppleWatch);
            }
        }

        let mut best_rhr: BTreeMap<i32, (u16, f64)> = BTreeMap::new();
        for (&(d, s), &(_, v)) in &self.rhr {
            let e = best_rhr.entry(d).or_insert((s, v));
            if better((s, 1), (e.0, 1)) {
                *e = (s, v);
            }
        }
        for (d, (_, v)) in best_rhr {
            if let (Some(day), Some(b)) = (day_of(&mut days, d), Bpm::new(v.round() as u16)) {
                day.resting_hr = Some(b);
            }
        }

        for (&d, &f) in &self.flow {
            if let Some(day) = day_of(&mut days, d) {
                day.menstruating = Some(f);
            }
        }

        // Sleep: per source, periods of merged intervals; per day, one source's night.
        // day → (source, records, longest period's seconds)
        let mut nights: BTreeMap<i32, (u16, u32, i64)> = BTreeMap::new();
        let mut per_source: BTreeMap<(i32, u16), (u32, i64)> = BTreeMap::new();
        let mut period: Option<(u16, u32, i64, i64, i32)> = None; // source, records, asleep s, last end, its day
        let mut close = |p: Option<(u16, u32, i64, i64, i32)>| {
            if let Some((s, n, secs, _, d)) = p {
                let e = per_source.entry((d, s)).or_insert((0, 0));
                e.0 += n;
                e.1 = e.1.max(secs);
            }
        };
        for a in &self.asleep {
            period = match period {
                Some((s, n, secs, end, d)) if s == a.source && a.start_s - end < 3 * 3600 => {
                    let (end, d) = if a.end_s >= end {
                        (a.end_s, a.end_day)
                    } else {
                        (end, d)
                    };
                    Some((s, n + a.records, secs + (a.end_s - a.start_s), end, d))
                }
                other => {
                    close(other);
                    Some((a.source, a.records, a.end_s - a.start_s, a.end_s, a.end_day))
                }
            };
        }
        close(period);
        for (&(d, s), &(n, secs)) in &per_source {
            let e = nights.entry(d).or_insert((s, n, secs));
            if better((s, n), (e.0, e.1)) {
                *e = (s, n, secs);
            }
        }
        for (d, (_, _, secs)) in nights {
            let hours = secs as f64 / 3600.0;
            if !(0.0..=24.0).contains(&hours) {
                let place = Day::from_ordinal(d).map_or_else(String::new, |d| d.to_string());
                skips.out_of_range(place, "sleep (h)", hours);
                continue;
            }
            if let Some(day) = day_of(&mut days, d) {
                day.sleep_h = Some(hours);
            }
        }
        days.into_values().filter(|d| !d.is_empty()).collect()
    }
}

/// The skips of a reading, at most [`Skips::MAX`] listed; the rest counted in a last one.
#[derive(Default)]
pub(crate) struct Skips {
    pub(crate) list: Vec<Skip>,
    more: usize,
}

impl Skips {
    const MAX: usize = 500;

    pub(crate) fn push(&mut self, skip: Skip) {
        if self.list.len() < Self::MAX {
            self.list.push(skip);
        } else {
            self.more += 1;
        }
    }

    pub(crate) fn out_of_range(&mut self, place: String, what: &str, value: f64) {
        self.push(Skip {
            place,
            why: SkipReason::OutOfRange {
                what: what.to_owned(),
                value,
            },
        });
    }

    pub(crate) fn unreadable(&mut self, place: String, detail: &str) {
        self.push(Skip {
            place,
            why: SkipReason::Unreadable {
                detail: detail.to_owned(),
            },
        });
    }

    pub(crate) fn finish(mut self) -> Vec<Skip> {
        if self.more > 0 {
            self.list.push(Skip {
                place: "the rest of the export".into(),
                why: SkipReason::Unreadable {
                    detail: format!("{} more values left out, as above", self.more),
                },
            });
        }
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_their_bytes() {
        assert_eq!(
            Kind::of(b"HKQuantityTypeIdentifierHeartRateVariabilitySDNN"),
            Some(Kind::Hrv)
        );
        assert_eq!(Kind::of(b"HKQuantityTypeIdentifierStepCount"), None);
        assert_eq!(
            Kind::of(b"HKCategoryTypeIdentifierVaginalBleeding"),
            Some(Kind::MenstrualFlow)
        );
        assert_eq!(Kind::of(b"HKDataTypeSleepDurationGoal"), None);
        assert_eq!(asleep("HKCategoryValueSleepAnalysisInBed"), Some(false));
        assert_eq!(asleep("HKCategoryValueSleepAnalysisAsleepREM"), Some(true));
        assert_eq!(flow("HKCategoryValueVaginalBleedingLight"), Some(true));
        assert_eq!(flow("HKCategoryValueMenstrualFlowNone"), Some(false));
    }

    #[test]
    fn heart_rate_minutes_merge_in_any_order() {
        let mut hr = HrMinutes::default();
        // Two sources interleaved, out of order, across several flushes.
        for round in 0..3 {
            for i in (0..100_000i64).rev() {
                hr.add(i * 60 + 5, 100.0 + (i % 3) as f64 + round as f64);
            }
        }
        hr.finish();
        assert_eq!(hr.len(), 100_000);
        // Minute 7: readings 101, 102, 103 (i % 3 == 1 plus the round).
        assert_eq!(hr.window(7 * 60, 7 * 60 + 59), Some((102.0, 103.0)));
        assert_eq!(hr.window(-600, -1), None);
        assert!(hr.sorted.windows(2).all(|w| w[0].minute < w[1].minute));
    }

    #[test]
    fn heart_rate_minutes_stay_bounded() {
        let mut hr = HrMinutes::default();
        // A workout's minute (a reading every 5 s) then more single-reading minutes than
        // the bound: the workout's minute survives.
        for s in (0..60).step_by(5) {
            hr.add(s, 150.0);
        }
        for m in 1..=(HrMinutes::MAX as i64 + 10) {
            hr.add(m * 60, 60.0);
        }
        hr.finish();
        assert!(hr.len() <= HrMinutes::MAX);
        assert!(hr.thinned);
        assert_eq!(hr.window(0, 59), Some((150.0, 150.0)));
    }
}
