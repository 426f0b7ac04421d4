//! Polar's account export (account.polar.com → "Download your data"): the nightly recovery
//! ("Nightly Recharge") files.
//!
//! **Layout.** No data file is public; this is the shape a published Polar Flow
//! nightly-recovery mapping and an importer of the export read (the code index named
//! neither repository). Files `nightly_recovery_<n>-<uuid>.json` hold a JSON array of
//! nights: `{"night": "2024-05-05", "meanNightlyRecoveryRmssd": 54, "meanNightlyRecoveryRri":
//! 1012, "meanBaselineRmssd": 50, "sdBaselineRmssd": 6, "ansStatus": 3.2, …}`. Names are
//! matched ignoring case (the AccessLink API writes `RMSSD` where the export writes
//! `Rmssd`); `sleepResultDate` or `date` stand in for `night`. The
//! `nightly_recovery_blob_…` files (five-minute samples without a day) are not read.
//!
//! **Values.** `night` is taken as the day of waking (Polar shows a night's recharge on
//! the morning after; inferred, not documented by Polar). `meanNightlyRecoveryRmssd` (ms)
//! is the night's HRV; Polar's baseline, the mean of the usual nights' rMSSD
//! (`meanBaselineRmssd`) and its spread (`sdBaselineRmssd`), gives `hrv_range_ms` as mean ±
//! one spread. The export has no resting HR (the mean beat interval of the night is not
//! one) and its sleep is in other files.

use super::common::{
    contains, field, file_name, is_backup, json_day, json_number, json_records, looks_like_json,
    mark_source, DayBook, Skips,
};
use super::{DayValues, SourceError, SourceFile};
use crate::domain::wellness::HrvSource;

const WHAT: &str = "a Polar export file";

/// Whether a file is a Polar nightly-recovery file: JSON named `nightly_recovery_….json`,
/// or whose first night has `meanNightlyRecoveryRmssd` or `meanNightlyRecoveryRri`; never a
/// `nightly_recovery_blob_…` file nor a Recovery Run backup.
pub fn recognise(path: &str, head: &[u8]) -> bool {
    let name = file_name(path).to_ascii_lowercase();
    looks_like_json(head)
        && !is_backup(head)
        && !name.starts_with("nightly_recovery_blob")
        && ((name.starts_with("nightly_recovery") && name.ends_with(".json"))
            || contains(head, b"\"meanNightlyRecoveryRmssd\"")
            || contains(head, b"\"meanNightlyRecoveryRri\""))
}

/// Reads a Polar nightly-recovery file (module doc): one [`DayValues`] a night with an
/// rMSSD, HRV from "Polar" with Polar's baseline range.
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
        let Some(rmssd) = field(r, "meanNightlyRecoveryRmssd").and_then(json_number) else {
            continue;
        };
        let date = ["night", "sleepResultDate", "date"]
            .iter()
            .find_map(|k| field(r, k));
        let Some(day) = json_day(date, "night", i, &mut skips) else {
            continue;
        };
        let place = day.to_string();
        let mut v = DayValues::new(day);
        v.hrv_rmssd = skips.rmssd(&place, rmssd);
        let mean = field(r, "meanBaselineRmssd").and_then(json_number);
        let sd = field(r, "sdBaselineRmssd").and_then(json_number);
        v.hrv_range_ms = match (mean, sd) {
            (Some(m), Some(sd)) if m > 0.0 && sd >= 0.0 && m <= 1000.0 && sd <= m => {
                Some(((m - sd).max(0.0), m + sd))
            }
            _ => None,
        };
        mark_source(&mut v, HrvSource::Polar);
        book.add(v, None);
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
    fn blobs_are_not_nights() {
        assert!(recognise("nightly_recovery_123-abc.json", b"[]"));
        assert!(!recognise("nightly_recovery_blob_123-abc.json", b"[]"));
        assert!(recognise(
            "x.json",
            br#"[{"night":"2024-05-05","meanNightlyRecoveryRmssd":54}]"#
        ));
        assert!(!recognise("x.json", br#"[{"night":"2024-05-05"}]"#));
    }
}
