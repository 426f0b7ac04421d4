//! Elite HRV's CSV export: one reading a row, of which the morning `readiness` readings are
//! the day's.
//!
//! **Layout**, as in the real export GoldenCheetah keeps
//! (GoldenCheetah/GoldenCheetah `test/hrvmeasures/ElitHRV_Export - 2017-10-02.csv`, read by
//! its `src/FileIO/MeasuresCsvImport.cpp` with the names of `src/Core/Measures.cpp`): UTF-8
//! BOM, CRLF, header
//! `Member,Date,Datetime,Type,HRV,lnRmssd,Rmssd,Nn50,Pnn50,Sdnn,Score,Indication,Balance,
//! Rolling Avg HRV,HRV CV,HR,Rolling Avg HR`; `Date` `YYYY-MM-DD`, `Datetime`
//! `YYYY-MM-DD HH:MM:SS` in local time without a zone; missing: empty.
//!
//! **Values.** Only rows whose `Type` is `readiness` (the morning reading; other readings are
//! sessions of the day and are left out; a file without a `Type` column is read whole).
//! `Rmssd` (ms) is the HRV — **not** `HRV`, which is Elite's own 0–100 score, nor
//! `lnRmssd`, its logarithm; `Sdnn` (ms) is kept beside it; `HR` (bpm) is the morning
//! reading's and so the day's resting HR. The day is `Date` (else `Datetime`'s).
//! Elite HRV's export has no sleep, sickness or soreness.

use super::common::{mark_source, wall_clock, DayBook, Skips};
use super::table;
use super::{DayValues, SourceError, SourceFile};
use crate::domain::wellness::HrvSource;

const WHAT: &str = "an Elite HRV export";

/// Whether a file is an Elite HRV export, by its header: an `lnRmssd` column, or `Member`
/// beside `Rmssd`. Never one of Recovery Run's own CSVs. `path` is not used.
pub fn recognise(_path: &str, head: &[u8]) -> bool {
    let Some(names) = table::header(head) else {
        return false;
    };
    let has = |n: &str| names.iter().any(|h| h == n);
    !table::is_ours(&names) && (has("lnRmssd") || (has("Member") && has("Rmssd")))
}

/// Reads an Elite HRV CSV (module doc): one [`DayValues`] a day with a readiness reading,
/// HRV from "Elite HRV".
///
/// # Errors
/// [`SourceError::Incomplete`] when the header lacks `Rmssd` or a date (`Date` or
/// `Datetime`), or the file has no header row.
pub fn read(_path: &str, bytes: &[u8]) -> Result<SourceFile, SourceError> {
    let incomplete = |needs: &str| SourceError::Incomplete {
        what: WHAT.into(),
        needs: needs.into(),
    };
    let t = table::read(bytes).ok_or_else(|| incomplete("header row"))?;
    let rmssd = t
        .col("Rmssd")
        .ok_or_else(|| incomplete("Rmssd column (rMSSD in ms)"))?;
    let (date, datetime) = (t.col("Date"), t.col("Datetime"));
    if date.is_none() && datetime.is_none() {
        return Err(incomplete("date column (Date or Datetime)"));
    }
    let (kind, sdnn, hr) = (t.col("Type"), t.col("Sdnn"), t.col("HR"));
    let mut book = DayBook::default();
    let mut skips = Skips::default();
    for row in &t.rows {
        if kind.is_some()
            && !row
                .get(kind)
                .is_some_and(|k| k.eq_ignore_ascii_case("readiness"))
        {
            continue;
        }
        let place = row.place();
        let at = row.get(datetime).and_then(wall_clock);
        let day = match row.get(date) {
            Some(text) => wall_clock(text).map(|w| w.day),
            None => at.map(|w| w.day),
        };
        let Some(day) = day else {
            let text = row.get(date).or(row.get(datetime)).unwrap_or("");
            skips.unreadable(&place, format!("“{text}” is not a date"));
            continue;
        };
        let mut v = DayValues::new(day);
        v.hrv_rmssd = skips
            .number(&place, "Rmssd", row.get(Some(rmssd)))
            .and_then(|x| skips.rmssd(&place, x));
        v.hrv_sdnn = skips
            .number(&place, "Sdnn", row.get(sdnn))
            .and_then(|x| skips.sdnn(&place, x));
        v.resting_hr = skips
            .number(&place, "HR", row.get(hr))
            .and_then(|x| skips.bpm(&place, "resting HR", x));
        mark_source(&mut v, HrvSource::EliteHrv);
        book.add(v, at.filter(|w| w.day == day).map(|w| w.seconds()));
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
    fn only_readiness_rows_and_rmssd_not_the_score() {
        let file = "\u{feff}Member,Date,Datetime,Type,HRV,lnRmssd,Rmssd,Nn50,Pnn50,Sdnn,Score,\
                    Indication,Balance,Rolling Avg HRV,HRV CV,HR,Rolling Avg HR\r\n\
                    Martin,2017-09-06,2017-09-06 06:23:22,readiness,57,3.71,40.87,32,21.33,61.9,,,,57,0,50.46,50.46\r\n\
                    Martin,2017-09-06,2017-09-06 18:00:00,open,60,3.9,50,32,21.33,61.9,,,,57,0,70,50.46\r\n";
        assert!(recognise("a.csv", file.as_bytes()));
        let f = read("a.csv", file.as_bytes()).unwrap();
        assert_eq!(f.days.len(), 1);
        let d = &f.days[0];
        assert_eq!(d.hrv_rmssd.map(|x| x.get()), Some(40.87));
        assert_eq!(d.resting_hr.map(|x| x.get()), Some(50));
        assert_eq!(d.hrv_source, Some(HrvSource::EliteHrv));
        assert!(f.skipped.is_empty());
    }
}
