//! intervals.icu's wellness CSV (`GET /api/v1/athlete/{id}/wellness.csv`, or the download
//! of the same in its settings): one day a row, in the names of its Wellness fields.
//!
//! **Layout.** No exported file is public; the names are the Wellness fields of
//! intervals.icu's API as its clients list them (`id, ctl, atl, …, restingHR, hrv, hrvSDNN,
//! menstrualPhase, …, sleepSecs, sleepScore, sleepQuality, avgSleepingHR, soreness,
//! fatigue, stress, mood, motivation, injury, …`), and a client's test of the CSV writes
//! its day column as `date`. So the day is the `id` or `date` column (`YYYY-MM-DD`), any
//! other column may be absent, and an empty cell is no value.
//!
//! **Values.** `hrv` is rMSSD (ms) and `hrvSDNN` SDNN (ms), both from "intervals.icu";
//! `restingHR` (bpm); `sleepSecs` (seconds asleep). `soreness` is intervals.icu's 1–4 scale
//! (1 low, 2 average, 3 high, 4 extreme, as its wellness dialog labels it), mapped to the
//! app's 0–10 as 1 → 0, 2 → 3, 3 → 7, 4 → 10 (evenly, so "high" is sore enough to count as
//! beaten up, 7 of 10); other numbers are skipped. `injury` (1 none, 2 niggle, 3 poor, 4
//! injured): 1 → not injured, 4 → injured; a niggle or "poor" says neither, so they are
//! left out. `menstrualPhase`: `PERIOD` → menstruating, `FOLLICULAR`, `OVULATING`,
//! `LUTEAL` → not; `NONE` and the predicted phase are left out. intervals.icu has no sick
//! field.

use super::common::{mark_source, wall_clock, DayBook, Skips};
use super::table;
use super::{DayValues, SourceError, SourceFile};
use crate::domain::wellness::HrvSource;

const WHAT: &str = "an intervals.icu wellness export";

/// intervals.icu's own names of the values read (case as it writes them).
const VALUES: [&str; 4] = ["restingHR", "hrv", "hrvSDNN", "sleepSecs"];

/// Whether a file is an intervals.icu wellness CSV, by its header: one of `restingHR`,
/// `hrv`, `hrvSDNN`, `sleepSecs` (exactly so cased). Never one of Recovery Run's own CSVs
/// (whose check-ins have `hrv_rmssd_ms`, `resting_hr_bpm`…). `path` is not used.
pub fn recognise(_path: &str, head: &[u8]) -> bool {
    let Some(names) = table::header(head) else {
        return false;
    };
    !table::is_ours(&names) && names.iter().any(|n| VALUES.contains(&n.as_str()))
}

/// Reads an intervals.icu wellness CSV (module doc).
///
/// # Errors
/// [`SourceError::Incomplete`] when the header has no day column (`id` or `date`).
pub fn read(_path: &str, bytes: &[u8]) -> Result<SourceFile, SourceError> {
    let incomplete = |needs: &str| SourceError::Incomplete {
        what: WHAT.into(),
        needs: needs.into(),
    };
    let t = table::read(bytes).ok_or_else(|| incomplete("header row"))?;
    let date = t
        .col("id")
        .or_else(|| t.col_ci("date"))
        .ok_or_else(|| incomplete("day column (id or date)"))?;
    let col = |n: &str| t.col(n);
    let (rhr, hrv, sdnn, sleep) = (
        col("restingHR"),
        col("hrv"),
        col("hrvSDNN"),
        col("sleepSecs"),
    );
    let (soreness, injury, phase) = (col("soreness"), col("injury"), col("menstrualPhase"));
    let mut book = DayBook::default();
    let mut skips = Skips::default();
    for row in &t.rows {
        let place = row.place();
        let Some(text) = row.get(Some(date)) else {
            continue;
        };
        let Some(w) = wall_clock(text) else {
            skips.unreadable(&place, format!("“{text}” is not a date"));
            continue;
        };
        let mut v = DayValues::new(w.day);
        v.hrv_rmssd = skips
            .number(&place, "hrv", row.get(hrv))
            .and_then(|x| skips.rmssd(&place, x));
        v.hrv_sdnn = skips
            .number(&place, "hrvSDNN", row.get(sdnn))
            .and_then(|x| skips.sdnn(&place, x));
        v.resting_hr = skips
            .number(&place, "restingHR", row.get(rhr))
            .and_then(|x| skips.bpm(&place, "resting HR", x));
        v.sleep_h = skips
            .number(&place, "sleepSecs", row.get(sleep))
            .and_then(|s| skips.sleep_h(&place, s / 3600.0));
        if let Some(s) = skips.number(&place, "soreness", row.get(soreness)) {
            v.soreness = match s {
                1.0 => Some(0),
                2.0 => Some(3),
                3.0 => Some(7),
                4.0 => Some(10),
                _ => {
                    skips.out_of_range(&place, "soreness (1–4)", s);
                    None
                }
            };
        }
        v.injured = match skips.number(&place, "injury", row.get(injury)) {
            Some(1.0) => Some(false),
            Some(4.0) => Some(true),
            _ => None,
        };
        v.menstruating = match row.get(phase).map(str::to_ascii_uppercase).as_deref() {
            Some("PERIOD") => Some(true),
            Some("FOLLICULAR" | "OVULATING" | "LUTEAL") => Some(false),
            _ => None,
        };
        mark_source(&mut v, HrvSource::IntervalsIcu);
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
    fn never_our_check_ins() {
        assert!(recognise(
            "w.csv",
            b"date,restingHR,hrv,hrvSDNN,sleepSecs\n"
        ));
        assert!(recognise("w.csv", b"id,weight,restingHR\n"));
        assert!(!recognise(
            "w.csv",
            b"date,hrv_rmssd_ms,hrv_sdnn_ms,hrv_source,resting_hr_bpm,sleep_h,soreness\n"
        ));
        assert!(!recognise("w.csv", b"id,date,title,sport,hrv\n"));
    }
}
