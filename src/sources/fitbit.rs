//! Fitbit's files in a Google Takeout export: daily resting heart rate and nightly HRV.
//!
//! **Layouts**, as kev-m/FitOut reads them (`fitout/importers/heart_rate.py`, with its test
//! files `tests/data/resting_heart_rate-2024-03-01.json` and `…-2023-03-02.json`); no
//! real HRV file is public, so the HRV layout is FitOut's comment of one:
//!
//! - `Takeout/Fitbit/Global Export Data/resting_heart_rate-YYYY-MM-DD.json`: a JSON array
//!   of `{"dateTime" : "03/01/24 00:00:00", "value" : {"date" : "03/01/24", "value" :
//!   54.01231098175049, "error" : 6.78…}}`, dates `MM/DD/YY`. The day is `value.date`
//!   (else `dateTime`'s), the resting HR in bpm `value.value`; `0` or a null date is a day
//!   without one. The file's name does not bound its content (FitOut's own test file
//!   `resting_heart_rate-2023-03-02.json` holds February 2024), so every entry is read.
//! - `Takeout/Fitbit/Heart Rate Variability/Daily Heart Rate Variability Summary - ….csv`
//!   (the name's tail varies: `2024-07-(21).csv`, `2024-07-21.csv`): header
//!   `timestamp,rmssd,nremhr,entropy`, rows `2024-07-21T00:00:00,29.232,49.623,2.472`.
//!   `rmssd` (ms) is the HRV of the main sleep ending that day; `nremhr` is the heart rate
//!   in non-REM sleep, not the resting one, and is not read.

use super::common::{
    contains, field, file_name, is_backup, json_number, json_records, json_text, looks_like_json,
    mark_source, wall_clock, DayBook, Skips,
};
use super::table;
use super::{DayValues, SourceError, SourceFile};
use crate::domain::date::Day;
use crate::domain::wellness::HrvSource;

const WHAT: &str = "a Fitbit export file";

/// Whether a file is Fitbit's nightly HRV summary (a CSV whose header has `timestamp` and
/// `rmssd` beside `nremhr` or `entropy`) or its resting-HR JSON (named
/// `resting_heart_rate-…json`, or whose first entry has `dateTime`, `value` and `error`).
/// Never a Recovery Run backup or CSV.
pub fn recognise(path: &str, head: &[u8]) -> bool {
    if looks_like_json(head) {
        let name = file_name(path).to_ascii_lowercase();
        return !is_backup(head)
            && (name.starts_with("resting_heart_rate")
                || (contains(head, b"\"dateTime\"")
                    && contains(head, b"\"value\"")
                    && contains(head, b"\"error\"")));
    }
    let Some(names) = table::header(head) else {
        return false;
    };
    let has = |n: &str| names.iter().any(|h| h.eq_ignore_ascii_case(n));
    !table::is_ours(&names) && has("timestamp") && has("rmssd") && (has("nremhr") || has("entropy"))
}

/// Reads a Fitbit file (module doc): resting HR by day, or HRV by day (from "Fitbit").
///
/// # Errors
/// [`SourceError::Damaged`] when a JSON file is not JSON; [`SourceError::Incomplete`] when
/// the HRV CSV lacks its `timestamp` or `rmssd` column.
pub fn read(_path: &str, bytes: &[u8]) -> Result<SourceFile, SourceError> {
    if looks_like_json(bytes) {
        resting_hr(bytes)
    } else {
        hrv(bytes)
    }
}

fn resting_hr(bytes: &[u8]) -> Result<SourceFile, SourceError> {
    let records = json_records(bytes).map_err(|detail| SourceError::Damaged {
        what: WHAT.into(),
        detail,
    })?;
    let mut book = DayBook::default();
    let mut skips = Skips::default();
    for (i, r) in records.iter().enumerate() {
        let inner = field(r, "value");
        let value = inner.and_then(|v| field(v, "value")).and_then(json_number);
        let date = inner
            .and_then(|v| field(v, "date"))
            .or_else(|| field(r, "dateTime"));
        // A day without a resting HR (no date, or no value above zero) says nothing.
        let (Some(date), Some(value)) = (date, value.filter(|v| *v != 0.0)) else {
            continue;
        };
        let Some(day) = date.as_str().and_then(us_day) else {
            skips.unreadable(
                &format!("record {}", i + 1),
                format!("“{}” is not a date", json_text(date)),
            );
            continue;
        };
        let mut v = DayValues::new(day);
        v.resting_hr = skips.bpm(&day.to_string(), "resting HR", value);
        book.add(v, None);
    }
    Ok(SourceFile {
        days: book.finish(),
        activities: Vec::new(),
        skipped: skips.0,
    })
}

/// A Fitbit `MM/DD/YY` day (a time after it is ignored); the two-digit year is 20YY.
fn us_day(text: &str) -> Option<Day> {
    let date = text.split_whitespace().next()?;
    let mut it = date.split('/');
    let m: u8 = it.next()?.parse().ok()?;
    let d: u8 = it.next()?.parse().ok()?;
    let y = it.next()?;
    if it.next().is_some() {
        return None;
    }
    let y: i32 = match y.len() {
        2 => 2000 + y.parse::<i32>().ok()?,
        4 => y.parse().ok()?,
        _ => return None,
    };
    Day::from_ymd(y, m, d)
}

fn hrv(bytes: &[u8]) -> Result<SourceFile, SourceError> {
    let incomplete = |needs: &str| SourceError::Incomplete {
        what: WHAT.into(),
        needs: needs.into(),
    };
    let t = table::read(bytes).ok_or_else(|| incomplete("header row"))?;
    let stamp = t
        .col_ci("timestamp")
        .ok_or_else(|| incomplete("timestamp column"))?;
    let rmssd = t
        .col_ci("rmssd")
        .ok_or_else(|| incomplete("rmssd column"))?;
    let mut book = DayBook::default();
    let mut skips = Skips::default();
    for row in &t.rows {
        let place = row.place();
        let Some(text) = row.get(Some(stamp)) else {
            continue;
        };
        let Some(w) = wall_clock(text) else {
            skips.unreadable(&place, format!("“{text}” is not a date"));
            continue;
        };
        let mut v = DayValues::new(w.day);
        v.hrv_rmssd = skips
            .number(&place, "rmssd", row.get(Some(rmssd)))
            .and_then(|x| skips.rmssd(&place, x));
        mark_source(&mut v, HrvSource::Fitbit);
        book.add(v, Some(w.seconds()));
    }
    Ok(SourceFile {
        days: book.finish(),
        activities: Vec::new(),
        skipped: skips.0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us_days() {
        assert_eq!(us_day("03/01/24"), Day::from_ymd(2024, 3, 1));
        assert_eq!(us_day("02/29/24 00:00:00"), Day::from_ymd(2024, 2, 29));
        assert_eq!(us_day("02/30/24"), None);
        assert_eq!(us_day("2024-03-01"), None);
    }

    #[test]
    fn recognised() {
        assert!(recognise("x.csv", b"timestamp,rmssd,nremhr,entropy\n"));
        assert!(recognise("resting_heart_rate-2024-03-01.json", b"[{\n"));
        assert!(!recognise(
            "heart_rate-2024-03-01.json",
            br#"[{"dateTime":"x","value":{"bpm":60}}]"#
        ));
        assert!(!recognise("x.csv", b"date,hrv_rmssd_ms,resting_hr_bpm\n"));
    }
}
