//! The wellness files of Garmin Connect's account export (the "Export your data" zip):
//! HRV with Garmin's own baseline, sleep, and resting heart rate.
//!
//! **Layouts.** No real export is public; these are the shapes the published parsers of
//! real ones read (AlexBatrakov/wearable-analytics `src/garmin_analytics/ingest/sleep.py`
//! and `ingest/uds.py`, with its `reports/data_dictionary.csv`; other importers whose
//! repositories the code index did not name agree). Each file is a JSON array of day
//! objects, found under a folder that may sit below a user-named root, so paths are
//! matched by their end:
//!
//! - `DI_CONNECT/DI-Connect-Wellness/*_healthStatusData.json`: `{"calendarDate":
//!   "2025-11-15", "metrics": [{"type": "HRV", "value": 27.0, "baselineLowerLimit": 38.0,
//!   "baselineUpperLimit": 66.0, "status": "BELOW"}, {"type": "HR", …}, …]}`. The `HRV`
//!   metric's `value` (rMSSD, ms) is the night's HRV when it is above zero and its `status`
//!   is not `UNKNOWN` (`value` is absent or null while the watch is still learning);
//!   `baselineLowerLimit`–`baselineUpperLimit` is Garmin's normal range for it. The `HR`
//!   metric is the night's average heart rate, not the resting one, and is not read; a
//!   `restingHeartRate` key, where a record has one, is.
//! - `DI_CONNECT/DI-Connect-Wellness/*_sleepData.json`: `{"calendarDate": "2025-01-10",
//!   "sleepWindowConfirmationType": "ENHANCED_CONFIRMED_FINAL", "deepSleepSeconds": 3600,
//!   "lightSleepSeconds": 16200, "remSleepSeconds": 5400, "awakeSleepSeconds": 600, …}`.
//!   `calendarDate` is already the day of waking. Time asleep is deep + light + REM
//!   (awake and unmeasurable time is in bed, not asleep; a watch without REM writes no
//!   `remSleepSeconds`), read only for nights Garmin confirmed (a confirmation type ending
//!   in `CONFIRMED` or `CONFIRMED_FINAL`; a window without stages is no measured sleep).
//!   Naps (`napList`) are not the night and are not read.
//! - `DI_CONNECT/DI-Connect-Aggregator/UDSFile_*.json` (daily summaries): `{"calendarDate":
//!   "2025-01-01", "restingHeartRate": 48, …}`: Garmin's resting HR is
//!   `restingHeartRate` (`0` or null: none that day).
//!
//! A file is read record by record, by the keys each record has, so any of the three (or a
//! file holding several kinds) reads the same way.

use serde_json::Value;

use super::common::{
    contains, field, file_name, is_backup, json_day, json_number, json_records, looks_like_json,
    mark_source, DayBook, Skips,
};
use super::{DayValues, SourceError, SourceFile};
use crate::domain::wellness::HrvSource;

const WHAT: &str = "a Garmin Connect export file";

/// Whether a file is one of the wellness files of a Garmin Connect export: JSON whose path
/// ends like `DI-Connect-Wellness/…_healthStatusData.json`, `…_sleepData.json` or
/// `DI-Connect-Aggregator/UDSFile_….json`, or whose first record has `calendarDate` beside
/// `baselineLowerLimit`, `sleepWindowConfirmationType` or `restingHeartRate`. Never a
/// Recovery Run backup.
pub fn recognise(path: &str, head: &[u8]) -> bool {
    if !looks_like_json(head) || is_backup(head) {
        return false;
    }
    let p = path.replace('\\', "/").to_ascii_lowercase();
    let name = file_name(&p);
    let by_path = (p.contains("di-connect-wellness/")
        && (name.ends_with("_healthstatusdata.json") || name.ends_with("_sleepdata.json")))
        || (p.contains("di-connect-aggregator/")
            && name.starts_with("udsfile_")
            && name.ends_with(".json"));
    let by_keys = contains(head, b"\"calendarDate\"")
        && (contains(head, b"\"baselineLowerLimit\"")
            || contains(head, b"\"sleepWindowConfirmationType\"")
            || contains(head, b"\"restingHeartRate\""));
    by_path || by_keys
}

/// Reads a Garmin wellness file (module doc): one [`DayValues`] a `calendarDate`, HRV from
/// "Garmin" with its baseline as `hrv_range_ms`.
///
/// # Errors
/// [`SourceError::Damaged`] when the bytes are not JSON.
pub fn read(_path: &str, bytes: &[u8]) -> Result<SourceFile, SourceError> {
    let records = json_records(bytes).map_err(|detail| SourceError::Damaged {
        what: WHAT.into(),
        detail,
    })?;
    let mut book = DayBook::default();
    let mut skips = Skips::default();
    for (i, r) in records.iter().enumerate() {
        if !r.is_object() {
            continue;
        }
        let date = field(r, "calendarDate");
        let Some(day) = json_day(date, "calendarDate", i, &mut skips) else {
            continue;
        };
        let place = day.to_string();
        let mut v = DayValues::new(day);
        hrv(r, &place, &mut v, &mut skips);
        v.resting_hr = field(r, "restingHeartRate")
            .and_then(json_number)
            .and_then(|x| skips.bpm(&place, "resting HR", x));
        v.sleep_h = sleep_seconds(r).and_then(|s| skips.sleep_h(&place, s / 3600.0));
        mark_source(&mut v, HrvSource::Garmin);
        book.add(v, None);
    }
    Ok(SourceFile {
        days: book.finish(),
        activities: Vec::new(),
        skipped: skips.0,
    })
}

/// The `HRV` metric of a `healthStatusData` record, with its baseline.
fn hrv(r: &Value, place: &str, v: &mut DayValues, skips: &mut Skips) {
    let Some(metrics) = field(r, "metrics").and_then(Value::as_array) else {
        return;
    };
    let Some(m) = metrics.iter().find(|m| {
        field(m, "type")
            .and_then(Value::as_str)
            .is_some_and(|t| t.eq_ignore_ascii_case("HRV"))
    }) else {
        return;
    };
    let unknown = field(m, "status")
        .and_then(Value::as_str)
        .is_some_and(|s| s.eq_ignore_ascii_case("UNKNOWN"));
    let Some(value) = field(m, "value").and_then(json_number) else {
        return;
    };
    if unknown {
        return;
    }
    v.hrv_rmssd = skips.rmssd(place, value);
    let lo = field(m, "baselineLowerLimit").and_then(json_number);
    let hi = field(m, "baselineUpperLimit").and_then(json_number);
    v.hrv_range_ms = match (lo, hi) {
        (Some(lo), Some(hi)) if lo > 0.0 && lo <= hi && hi <= 1000.0 => Some((lo, hi)),
        _ => None,
    };
}

/// Seconds asleep of a confirmed night of a `sleepData` record: deep + light + REM.
fn sleep_seconds(r: &Value) -> Option<f64> {
    let stages = ["deepSleepSeconds", "lightSleepSeconds", "remSleepSeconds"]
        .map(|k| field(r, k).and_then(json_number));
    if stages.iter().all(Option::is_none) {
        return None;
    }
    let confirmed = field(r, "sleepWindowConfirmationType")
        .and_then(Value::as_str)
        .map(str::to_ascii_uppercase)
        .is_some_and(|t| {
            !t.starts_with("UN") && (t.ends_with("CONFIRMED") || t.ends_with("CONFIRMED_FINAL"))
        });
    confirmed.then(|| stages.iter().flatten().filter(|s| **s > 0.0).sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognised_by_path_or_keys_never_a_backup() {
        let p = "x/DI_CONNECT/DI-Connect-Wellness/2025-01-01_2025-04-10_1_healthStatusData.json";
        assert!(recognise(p, b"[]"));
        assert!(recognise(
            "DI_CONNECT/DI-Connect-Aggregator/UDSFile_2025-01-01_2025-01-31.json",
            b" [ "
        ));
        assert!(recognise(
            "a.json",
            br#"[{"calendarDate":"2025-01-01","restingHeartRate":48}]"#
        ));
        assert!(!recognise(p, b"calendarDate,restingHeartRate\n"));
        assert!(!recognise(
            "a.json",
            br#"{"format":"recovery-run-backup","calendarDate":1,"restingHeartRate":2}"#
        ));
    }

    #[test]
    fn unconfirmed_and_stageless_nights_are_no_sleep() {
        let r: Value = serde_json::from_str(
            r#"{"sleepWindowConfirmationType":"UNCONFIRMED","deepSleepSeconds":3600}"#,
        )
        .unwrap();
        assert_eq!(sleep_seconds(&r), None);
        let r: Value =
            serde_json::from_str(r#"{"sleepWindowConfirmationType":"ENHANCED_CONFIRMED_FINAL"}"#)
                .unwrap();
        assert_eq!(sleep_seconds(&r), None);
    }
}
