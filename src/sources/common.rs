//! What every reader of [`super`] does alike: gather values by day (the last reading of a day
//! counts), hold values to the app's honest ranges (counting what is left out), and read the
//! local wall-clock times and JSON the exports write.

use serde_json::Value;

use super::{DayValues, Skip, SkipReason};
use crate::domain::date::Day;
use crate::domain::quantity::{to_grain, Bpm, RmssdMs, SdnnMs};
use crate::domain::wellness::HrvSource;

/// The days of one file as it is read: each reading with its day and the moment it was
/// taken, merged into one [`DayValues`] a day by [`DayBook::finish`].
#[derive(Debug, Default)]
pub(crate) struct DayBook {
    entries: Vec<(DayValues, Option<i64>, usize)>,
}

impl DayBook {
    /// Adds one reading. `at` orders the readings of a day (any count of seconds that grows
    /// with the local time, such as [`WallClock::seconds`]); readings without it keep the
    /// file's order, before those with it.
    pub fn add(&mut self, values: DayValues, at: Option<i64>) {
        let seq = self.entries.len();
        self.entries.push((values, at, seq));
    }

    /// The days, oldest first, one a day; of two readings on one day the later counts,
    /// value by value (an HRV with its source and range as one value), so a value only the
    /// earlier reading has is kept. Days left with no value are dropped.
    pub fn finish(mut self) -> Vec<DayValues> {
        self.entries.sort_by_key(|(v, at, seq)| (v.date, *at, *seq));
        let mut out: Vec<DayValues> = Vec::new();
        for (v, _, _) in self.entries {
            match out.last_mut() {
                Some(last) if last.date == v.date => merge(last, v),
                _ => out.push(v),
            }
        }
        out.retain(|d| !d.is_empty());
        out
    }
}

/// `later`'s values over `day`'s, where `later` has them.
fn merge(day: &mut DayValues, later: DayValues) {
    if later.hrv_rmssd.is_some() || later.hrv_sdnn.is_some() {
        day.hrv_rmssd = later.hrv_rmssd;
        day.hrv_sdnn = later.hrv_sdnn;
        day.hrv_source = later.hrv_source;
        day.hrv_range_ms = later.hrv_range_ms;
    }
    fn over<T>(slot: &mut Option<T>, v: Option<T>) {
        if v.is_some() {
            *slot = v;
        }
    }
    over(&mut day.resting_hr, later.resting_hr);
    over(&mut day.sleep_h, later.sleep_h);
    over(&mut day.soreness, later.soreness);
    over(&mut day.sick, later.sick);
    over(&mut day.injured, later.injured);
    over(&mut day.menstruating, later.menstruating);
}

/// Sets `source` on a day that has an HRV value (and clears it on one that has none).
pub(crate) fn mark_source(day: &mut DayValues, source: HrvSource) {
    day.hrv_source = (day.hrv_rmssd.is_some() || day.hrv_sdnn.is_some()).then_some(source);
    if day.hrv_source.is_none() {
        day.hrv_range_ms = None;
    }
}

/// The values left out of a file, with where they were.
#[derive(Debug, Default)]
pub(crate) struct Skips(pub Vec<Skip>);

impl Skips {
    pub fn out_of_range(&mut self, place: &str, what: &str, value: f64) {
        self.0.push(Skip {
            place: place.to_owned(),
            why: SkipReason::OutOfRange {
                what: what.to_owned(),
                value,
            },
        });
    }

    pub fn unreadable(&mut self, place: &str, detail: impl Into<String>) {
        self.0.push(Skip {
            place: place.to_owned(),
            why: SkipReason::Unreadable {
                detail: detail.into(),
            },
        });
    }

    /// An rMSSD in ms. Zero is every source's "no reading" (HRV4Training's placeholder
    /// rows, Garmin's and Fitbit's empty days) and gives `None` quietly; a value outside
    /// [`RmssdMs::RANGE`] (1–500 ms) is skipped and counted.
    pub fn rmssd(&mut self, place: &str, v: f64) -> Option<RmssdMs> {
        if v == 0.0 {
            return None;
        }
        let q = RmssdMs::new(v);
        if q.is_none() {
            self.out_of_range(place, "rMSSD", v);
        }
        q
    }

    /// An SDNN in ms, as [`Skips::rmssd`] (1–500 ms).
    pub fn sdnn(&mut self, place: &str, v: f64) -> Option<SdnnMs> {
        if v == 0.0 {
            return None;
        }
        let q = SdnnMs::new(v);
        if q.is_none() {
            self.out_of_range(place, "SDNN", v);
        }
        q
    }

    /// A heart rate in bpm, rounded to the whole beat the app keeps; zero is "not given",
    /// a value outside 25–250 bpm (as written, before rounding) is skipped and counted as
    /// `what` ("resting HR").
    pub fn bpm(&mut self, place: &str, what: &str, v: f64) -> Option<Bpm> {
        if v == 0.0 {
            return None;
        }
        let (lo, hi) = Bpm::RANGE;
        let q = (v.is_finite() && v >= f64::from(lo) && v <= f64::from(hi))
            .then(|| Bpm::new(v.round() as u16))
            .flatten();
        if q.is_none() {
            self.out_of_range(place, what, v);
        }
        q
    }

    /// Hours asleep: zero is "not given", more than 24 h or less than none is skipped and
    /// counted; the hours are held to the millionth like every quantity.
    pub fn sleep_h(&mut self, place: &str, hours: f64) -> Option<f64> {
        if hours == 0.0 {
            return None;
        }
        if hours.is_finite() && hours > 0.0 && hours <= 24.0 {
            Some(to_grain(hours))
        } else {
            self.out_of_range(place, "sleep hours", hours);
            None
        }
    }

    /// A number of a cell or JSON value, or a skip naming `what` when it is not one.
    pub fn number(&mut self, place: &str, what: &str, text: Option<&str>) -> Option<f64> {
        let text = text?;
        match parse_number(text) {
            Some(v) => Some(v),
            None => {
                self.unreadable(place, format!("{what} “{text}” is not a number"));
                None
            }
        }
    }
}

/// A decimal number as the exports write it (`43.92`, `1348`, `-3`, `1e3`); `None` for
/// anything else, and for NaN and infinities.
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    // Rust's parser also takes "inf" and "NaN", which no export writes for a value.
    if !t.bytes().any(|b| b.is_ascii_digit())
        || t.bytes()
            .any(|b| b.is_ascii_alphabetic() && b != b'e' && b != b'E')
    {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A local date and time as a file writes it, in the wall clock of the place it was
/// measured; any zone written after it is ignored (HRV4Training's `+0000` is the phone's
/// wall clock, not UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WallClock {
    pub day: Day,
    /// Seconds since the local midnight, where the text has a time.
    pub secs: Option<u32>,
}

impl WallClock {
    /// A count of seconds that orders wall-clock times (the day's start where there is no
    /// time).
    pub fn seconds(self) -> i64 {
        i64::from(self.day.ordinal()) * 86_400 + i64::from(self.secs.unwrap_or(0))
    }
}

/// Reads `YYYY-MM-DD`, then optionally a time `h:mm[:ss[.fff]]` after a space or `T`, then
/// optionally a 12-hour marker in any of the forms phones write (`AM`, `p.m.`, Spanish
/// `a. m.`), then anything (a zone: `+0000`, `Z`). `12:01:00 a. m.` is 00:01, `12:30 p. m.`
/// 12:30, `6:47:32 p. m.` 18:47. A time that cannot be read leaves `secs` empty rather
/// than failing the day; a marker that is not AM or PM does the same.
pub(crate) fn wall_clock(text: &str) -> Option<WallClock> {
    let t = text.trim();
    let day: Day = t.get(..10)?.parse().ok()?;
    let rest = t.get(10..).unwrap_or("");
    let rest = rest.strip_prefix('T').unwrap_or(rest).trim_start();
    Some(WallClock {
        day,
        secs: time_of_day(rest),
    })
}

/// The seconds since midnight of a time at the start of `text` (see [`wall_clock`]).
fn time_of_day(text: &str) -> Option<u32> {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(text.len());
    let (clock, rest) = text.split_at(end);
    let mut parts = clock.split(':');
    let h: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let s: u32 = match parts.next() {
        Some(s) => s.split('.').next()?.parse().ok()?,
        None => 0,
    };
    if parts.next().is_some() || m > 59 || s > 60 {
        return None;
    }
    // The marker: the letters before a zone, without dots and spaces ("a. m." → "am").
    let marker: String = rest
        .chars()
        .take_while(|c| !matches!(c, '+' | '-') && !c.is_ascii_digit())
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let marker = marker.strip_suffix("utc").unwrap_or(&marker);
    let marker = marker.strip_suffix("gmt").unwrap_or(marker);
    let marker = marker.strip_suffix('z').unwrap_or(marker);
    let h = match marker {
        "" if h < 24 => h,
        "am" | "a" if (1..=12).contains(&h) => h % 12,
        "pm" | "p" if (1..=12).contains(&h) => h % 12 + 12,
        _ => return None,
    };
    Some(h * 3600 + m * 60 + s.min(59))
}

/// Hours of an `H:MM` or `HH:MM` duration (HRV4Training's `sleep_time`), or `None`.
pub(crate) fn hours_minutes(text: &str) -> Option<f64> {
    let (h, m) = text.trim().split_once(':')?;
    let h: u32 = h.trim().parse().ok()?;
    let m: u32 = m.trim().parse().ok()?;
    (m < 60 && h < 100).then(|| f64::from(h) + f64::from(m) / 60.0)
}

/// Whether the first bytes of a file are a Recovery Run backup (`"format":
/// "recovery-run-backup"`, `store::backup`), which no reader here may claim.
pub(crate) fn is_backup(head: &[u8]) -> bool {
    contains(head, b"recovery-run-backup")
}

/// Whether `haystack` contains `needle`, ignoring ASCII case.
pub(crate) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty()
        && haystack
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Whether the first bytes look like JSON (an array or object after any BOM and space).
pub(crate) fn looks_like_json(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    matches!(
        head.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'[') | Some(b'{')
    )
}

/// The last part of a path inside an archive or on disk (`/` or `\` separated).
pub(crate) fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The records of an account export's JSON file: its top-level array, or the first array
/// of objects in a top-level object (a wrapper some exports add), or a lone object.
/// `Err` carries serde_json's sentence when the bytes are not JSON.
pub(crate) fn json_records(bytes: &[u8]) -> Result<Vec<Value>, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let v: Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    Ok(match v {
        Value::Array(items) => items,
        Value::Object(map) => {
            let inner = map.values().find_map(|v| match v {
                Value::Array(items) if items.iter().any(Value::is_object) => Some(items.clone()),
                _ => None,
            });
            inner.unwrap_or_else(|| vec![Value::Object(map)])
        }
        _ => Vec::new(),
    })
}

/// The value of `key` in an object, ignoring ASCII case (Polar writes `Rmssd` where its API
/// writes `RMSSD`); `None` for a missing key and for `null`.
pub(crate) fn field<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    let map = v.as_object()?;
    map.get(key)
        .or_else(|| {
            map.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v)
        })
        .filter(|v| !v.is_null())
}

/// A JSON number, or a string holding one.
pub(crate) fn json_number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64().filter(|x| x.is_finite()),
        Value::String(s) => parse_number(s),
        _ => None,
    }
}

/// A JSON value as short text for a skip's detail.
pub(crate) fn json_text(v: &Value) -> String {
    let s = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    s.chars().take(40).collect()
}

/// The day of JSON record number `index` (from 0), from `date` (a `YYYY-MM-DD` string,
/// maybe with a time after it) — or `None`, with the record skipped as unreadable and why,
/// `name` naming the field in that sentence.
pub(crate) fn json_day(
    date: Option<&Value>,
    name: &str,
    index: usize,
    skips: &mut Skips,
) -> Option<Day> {
    let day = date
        .and_then(Value::as_str)
        .and_then(|s| s.get(..10))
        .and_then(|s| s.parse::<Day>().ok());
    if day.is_none() {
        let detail = match date {
            Some(d) => format!("{name} “{}” is not a date", json_text(d)),
            None => format!("no {name}"),
        };
        skips.unreadable(&format!("record {}", index + 1), detail);
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(text: &str) -> Option<u32> {
        wall_clock(text).and_then(|w| w.secs)
    }

    #[test]
    fn phone_clocks() {
        let d = |s: &str| wall_clock(s).map(|w| w.day.to_string());
        assert_eq!(secs("2018-04-27 12:01:00 a. m. +0000"), Some(60));
        assert_eq!(
            secs("2018-06-03 6:47:32 p. m. +0000"),
            Some(18 * 3600 + 47 * 60 + 32)
        );
        assert_eq!(
            secs("2018-06-03 12:30:00 p. m. +0000"),
            Some(12 * 3600 + 30 * 60)
        );
        assert_eq!(
            secs("2017-04-01 09:56:21 +0000"),
            Some(9 * 3600 + 56 * 60 + 21)
        );
        assert_eq!(secs("2025-12-11 00:01:00 +0000"), Some(60));
        assert_eq!(secs("2024-07-21T00:00:00"), Some(0));
        assert_eq!(secs("2024-06-24 8:08 PM"), Some(20 * 3600 + 8 * 60));
        assert_eq!(secs("2024-06-24 13:08 PM"), None);
        assert_eq!(secs("2024-06-24 7:00:00 午前"), None);
        assert_eq!(
            d("2018-06-14 11:11:09 p. m. +0000").as_deref(),
            Some("2018-06-14")
        );
        assert_eq!(d("2018-06-14"), d("2018-06-14 junk"));
        assert_eq!(wall_clock("14/06/2018"), None);
        assert_eq!(wall_clock("2018-06-1é"), None);
    }

    #[test]
    fn later_readings_of_a_day_count_value_by_value() {
        let day: Day = "2024-01-02".parse().unwrap();
        let mut book = DayBook::default();
        let mut late = DayValues::new(day);
        late.resting_hr = Bpm::new(50);
        let mut early = DayValues::new(day);
        early.resting_hr = Bpm::new(60);
        early.sick = Some(true);
        book.add(late, Some(10));
        book.add(early, Some(5));
        book.add(DayValues::new(day.add_days(-1)), None);
        let days = book.finish();
        assert_eq!(days.len(), 1);
        assert_eq!(days[0].resting_hr, Bpm::new(50));
        assert_eq!(days[0].sick, Some(true));
    }

    #[test]
    fn numbers_and_ranges() {
        assert_eq!(parse_number(" 43.92 "), Some(43.92));
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("-"), None);
        let mut s = Skips::default();
        assert_eq!(s.rmssd("x", 0.0), None);
        assert!(s.0.is_empty());
        assert_eq!(s.rmssd("x", 600.0), None);
        assert_eq!(s.bpm("x", "resting HR", 24.6), None);
        assert_eq!(s.bpm("x", "resting HR", 45.71), Bpm::new(46));
        assert_eq!(s.sleep_h("x", 25.0), None);
        assert_eq!(s.0.len(), 3);
        assert_eq!(hours_minutes("07:57"), Some(7.0 + 57.0 / 60.0));
        assert_eq!(hours_minutes("7h"), None);
    }
}
