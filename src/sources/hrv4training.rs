//! HRV4Training's CSV export (iOS and Android): one morning reading a row.
//!
//! **Layouts**, each seen in a real export (GoldenCheetah/GoldenCheetah `test/hrvmeasures/`,
//! the parser that reads them being its `src/FileIO/MeasuresCsvImport.cpp`):
//!
//! - *iOS, minimal* (`2017_7_28_myMeasurements.csv`, LF):
//!   `timestamp_measurement,HR,AVNN,SDNN,rMSSD,pNN50,LF,HF,HRV4T_Recovery_Points`, times like
//!   `2017-04-01 09:56:21 +0000`.
//! - *iOS, full* (`2018_7_8_myMeasurements.csv`, CR line ends, cells padded with spaces, 70
//!   columns): `date,timestamp_measurement,HR,AVNN,SDNN,rMSSD,…,sleep_time,…,
//!   muscle_soreness,…,sickness,…,menstrual_cycle,…`. `date` is the row's day at 00:01
//!   (`2018-04-27 12:01:00 a. m. +0000`; newer versions `2018-04-27 00:01:00 +0000`), and
//!   `timestamp_measurement` the reading's time in the phone's locale
//!   (`2018-05-18 7:33:16 a. m. +0000`, `-` on a day without a reading). Missing: `-`.
//! - *Android* (`MyMeasurements_Android_1.csv`, CRLF): `date, time, HR,AVNN,SDNN,rMSSD,…`
//!   with the day as `yyyy-dd-MM` (`2017-27-07` is 27 July) and `time` `HH:MM`; rows carry
//!   extra cells (decimal commas in latitude, longitude and temperature); missing: empty. A
//!   day without a reading is written as `time` `01:00` with every measure `0.0`.
//!
//! **Values.** The day is the local day of the reading as the phone wrote it: the `+0000`
//! is the phone's wall clock, not UTC (the `date` column is always 00:01 of the local day,
//! and evening readings such as `2018-06-14 11:11:09 p. m. +0000` belong to the 14th), so
//! no time is converted. `rMSSD` (ms) is the HRV, `SDNN` (ms) kept beside it, and `HR` (bpm,
//! the morning reading's) the day's resting HR; a row whose measures are all zero or `-` is
//! no reading. `sickness`: `sick` → sick, `not sick` → not sick (on a day with a reading;
//! on a day without one it is the app's default and left out). `sleep_time` `HH:MM` is the
//! hours slept the runner entered; `00:00` is the app's "not entered". `menstrual_cycle`: no
//! export seen fills it, so only words that plainly say bleeding (`menstruation`, `period`,
//! `menstruating`) are read, as menstruating; anything else is left out.
//!
//! **Soreness is left out**: `muscle_soreness` is a 1–10 slider (`3.5`, `5.0` in the files),
//! but no export or published parser says which end is sore, so mapping it to the app's
//! 0 (none) – 10 (worst) could turn a fresh morning into a sore one.

use super::common::{hours_minutes, mark_source, wall_clock, DayBook, Skips, WallClock};
use super::table::{self, Row, Table};
use super::{DayValues, SourceError, SourceFile};
use crate::domain::date::Day;
use crate::domain::wellness::HrvSource;

const WHAT: &str = "an HRV4Training export";

/// Whether a file is an HRV4Training export, by its header: a `HRV4T_Recovery_Points` or
/// `timestamp_measurement` column, or `rMSSD` beside `AVNN` (the app's own names; Elite HRV
/// writes `Rmssd`). Never one of Recovery Run's own CSVs. `path` is not used.
pub fn recognise(_path: &str, head: &[u8]) -> bool {
    let Some(names) = table::header(head) else {
        return false;
    };
    let has = |n: &str| names.iter().any(|h| h == n);
    !table::is_ours(&names)
        && (has("HRV4T_Recovery_Points")
            || has("timestamp_measurement")
            || (has("rMSSD") && has("AVNN")))
}

/// Where a row's day and time are.
enum Layout {
    /// `timestamp_measurement`, and `date` where the export has it.
    Ios { stamp: usize, date: Option<usize> },
    /// `date` (`yyyy-dd-MM`, or ISO where the file's days say so) and `time`.
    Android {
        date: usize,
        time: Option<usize>,
        day_first: bool,
    },
}

/// Reads an HRV4Training CSV (module doc): one [`DayValues`] a day with a reading or an
/// answer, HRV from "HRV4Training".
///
/// # Errors
/// [`SourceError::Incomplete`] when the header lacks an `rMSSD` column or a date
/// (`timestamp_measurement`, or `date` and `time`), or the file has no header row.
pub fn read(_path: &str, bytes: &[u8]) -> Result<SourceFile, SourceError> {
    let incomplete = |needs: &str| SourceError::Incomplete {
        what: WHAT.into(),
        needs: needs.into(),
    };
    let t = table::read(bytes).ok_or_else(|| incomplete("header row"))?;
    let layout = layout(&t)
        .ok_or_else(|| incomplete("date column (timestamp_measurement, or date and time)"))?;
    let rmssd_col = t.col("rMSSD").ok_or_else(|| incomplete("rMSSD column"))?;
    let cols = Cols {
        rmssd: Some(rmssd_col),
        sdnn: t.col("SDNN"),
        hr: t.col("HR"),
        sleep: t.col("sleep_time"),
        sick: t.col("sickness"),
        menstrual: t.col("menstrual_cycle"),
    };
    let mut book = DayBook::default();
    let mut skips = Skips::default();
    for row in &t.rows {
        if let Some((values, at)) = row_values(row, &layout, &cols, &mut skips) {
            book.add(values, at);
        }
    }
    Ok(SourceFile {
        days: book.finish(),
        activities: Vec::new(),
        skipped: skips.0,
    })
}

struct Cols {
    rmssd: Option<usize>,
    sdnn: Option<usize>,
    hr: Option<usize>,
    sleep: Option<usize>,
    sick: Option<usize>,
    menstrual: Option<usize>,
}

fn layout(t: &Table) -> Option<Layout> {
    if let Some(stamp) = t.col("timestamp_measurement") {
        return Some(Layout::Ios {
            stamp,
            date: t.col("date"),
        });
    }
    let date = t.col("date")?;
    let time = t.col("time");
    // Android writes yyyy-dd-MM (GoldenCheetah reads it so); a file whose days only fit
    // yyyy-MM-dd is read that way.
    let parts = |r: &Row| -> Option<(u32, u32)> {
        let mut it = r.get(Some(date))?.split('-').skip(1);
        Some((
            it.next()?.trim().parse().ok()?,
            it.next()?.get(..2)?.parse().ok()?,
        ))
    };
    let middle_over_12 = t.rows.iter().filter_map(parts).any(|(a, _)| a > 12);
    let last_over_12 = t.rows.iter().filter_map(parts).any(|(_, b)| b > 12);
    Some(Layout::Android {
        date,
        time,
        day_first: middle_over_12 || !last_over_12,
    })
}

/// A row's day (and time), or a skip when it has none that can be read.
fn when(row: &Row, layout: &Layout, skips: &mut Skips) -> Option<(Day, Option<i64>, bool)> {
    let place = row.place();
    match *layout {
        Layout::Ios { stamp, date } => {
            if let Some(text) = row.get(Some(stamp)) {
                return match wall_clock(text) {
                    Some(w) => Some((w.day, Some(w.seconds()), true)),
                    None => {
                        skips.unreadable(&place, format!("“{text}” is not a date and time"));
                        None
                    }
                };
            }
            // A day without a reading: its day from `date`.
            let Some(text) = row.get(date) else {
                skips.unreadable(&place, "no date");
                return None;
            };
            match wall_clock(text) {
                Some(w) => Some((w.day, None, false)),
                None => {
                    skips.unreadable(&place, format!("“{text}” is not a date"));
                    None
                }
            }
        }
        Layout::Android {
            date,
            time,
            day_first,
        } => {
            let Some(text) = row.get(Some(date)) else {
                skips.unreadable(&place, "no date");
                return None;
            };
            let Some(day) = android_day(text, day_first) else {
                skips.unreadable(&place, format!("“{text}” is not a date"));
                return None;
            };
            let secs = row
                .get(time)
                .and_then(|t| wall_clock(&format!("{day} {t}")))
                .map(WallClock::seconds);
            Some((day, secs, true))
        }
    }
}

/// An Android day: `yyyy-dd-MM` when `day_first`, else `yyyy-MM-dd`.
fn android_day(text: &str, day_first: bool) -> Option<Day> {
    let mut it = text.trim().splitn(3, '-');
    let y: i32 = it.next()?.parse().ok()?;
    let a: u8 = it.next()?.parse().ok()?;
    let b: u8 = it.next()?.get(..2)?.parse().ok()?;
    if y < 1000 {
        return None;
    }
    if day_first {
        Day::from_ymd(y, b, a)
    } else {
        Day::from_ymd(y, a, b)
    }
}

fn row_values(
    row: &Row,
    layout: &Layout,
    cols: &Cols,
    skips: &mut Skips,
) -> Option<(DayValues, Option<i64>)> {
    let (day, at, stamped) = when(row, layout, skips)?;
    let place = row.place();
    let rmssd = skips.number(&place, "rMSSD", row.get(cols.rmssd));
    let sdnn = skips.number(&place, "SDNN", row.get(cols.sdnn));
    let hr = skips.number(&place, "HR", row.get(cols.hr));
    // A reading has a time and a measure that is not zero: Android's `01:00` row of zeros
    // and iOS's `-` rows are days without one.
    let reading = stamped
        && [rmssd, sdnn, hr]
            .iter()
            .any(|v| v.is_some_and(|v| v != 0.0));
    let mut v = DayValues::new(day);
    if reading {
        v.hrv_rmssd = rmssd.and_then(|x| skips.rmssd(&place, x));
        v.hrv_sdnn = sdnn.and_then(|x| skips.sdnn(&place, x));
        v.resting_hr = hr.and_then(|x| skips.bpm(&place, "resting HR", x));
        mark_source(&mut v, HrvSource::Hrv4Training);
    }
    v.sick = match row.get(cols.sick).map(str::to_ascii_lowercase).as_deref() {
        Some("sick") => Some(true),
        Some("not sick") if reading => Some(false),
        _ => None,
    };
    if let Some(text) = row.get(cols.sleep) {
        match hours_minutes(text) {
            Some(h) => v.sleep_h = skips.sleep_h(&place, h),
            None => skips.unreadable(&place, format!("sleep_time “{text}” is not HH:MM")),
        }
    }
    v.menstruating = row
        .get(cols.menstrual)
        .map(str::to_ascii_lowercase)
        .filter(|m| ["menstruation", "period", "menstruating"].contains(&m.as_str()))
        .map(|_| true);
    Some((v, if reading { at } else { None }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn android_days_are_day_first_unless_the_file_says_otherwise() {
        assert_eq!(android_day("2017-27-07", true), Day::from_ymd(2017, 7, 27));
        assert_eq!(android_day("2017-07-27", false), Day::from_ymd(2017, 7, 27));
        assert_eq!(android_day("2017-07-27", true), None);
        assert_eq!(android_day("17-27-07", true), None);
    }

    #[test]
    fn recognised_by_its_own_columns_only() {
        assert!(recognise(
            "x.csv",
            b"timestamp_measurement,HR,AVNN,SDNN,rMSSD\n"
        ));
        assert!(recognise(
            "x.csv",
            b"date, time, HR,AVNN,SDNN,rMSSD,pNN50\r\n"
        ));
        assert!(!recognise(
            "x.csv",
            b"Member,Date,Datetime,Type,HRV,lnRmssd,Rmssd\r\n"
        ));
        assert!(!recognise(
            "x.csv",
            b"date,hrv_rmssd_ms,hrv_sdnn_ms,hrv_source\n"
        ));
    }

    #[test]
    fn incomplete_names_what_it_needs() {
        let e = read(
            "x.csv",
            b"timestamp_measurement,HR,AVNN\n2017-04-01 09:56:21 +0000,43,1300\n",
        );
        assert_eq!(
            e,
            Err(SourceError::Incomplete {
                what: WHAT.into(),
                needs: "rMSSD column".into()
            })
        );
    }
}
