//! Other apps' exports: HRV apps, wearables' account exports and Apple Health (issues #33,
//! #35). One reader per source, one file each; pure like [`crate::activity`]: bytes in,
//! typed values (or a [`SourceError`]) out, no clock, no browser, never a panic.
//!
//! A reader gives a [`SourceFile`]: the days it has values for ([`DayValues`], each value
//! `None` where the file says nothing, so an import fills only what a day lacks), the
//! workouts it holds as [`ActivitySummary`]s (scored and de-duplicated like any watch
//! file's), and the values it skipped and why ([`Skip`]). Which reader reads a file is
//! decided by its content (header, JSON keys) and, inside an archive, its path — never by
//! the file's name alone (docs/formats.md §5).
//!
//! The day of a value is the local day it was measured, as the file writes it: a night's
//! sleep and HRV count on the day of waking; only time asleep is sleep (in bed is not); a
//! nap is not the night; a morning reading's heart rate (HRV apps) is that day's resting HR
//! (docs/domain.md §7).

pub mod apple_health;
pub mod elite_hrv;
pub mod fitbit;
pub mod garmin;
pub mod hrv4training;
pub mod intervals_icu;
pub mod polar;
pub mod whoop;

mod common;
mod table;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::activity::ActivitySummary;
use crate::domain::date::Day;
use crate::domain::quantity::{Bpm, RmssdMs, SdnnMs};
use crate::domain::wellness::HrvSource;

/// One day's values from a file. Every value is `None` where the file says nothing: a
/// missing value is never a default (a `false` sick flag from a file that has no such
/// column would overwrite what the runner ticked).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayValues {
    /// The local day of the measurement (of waking, for a night's values).
    pub date: Day,
    /// HRV as rMSSD (HRV apps' morning reading; Garmin, Polar, Fitbit, WHOOP: the night's).
    pub hrv_rmssd: Option<RmssdMs>,
    /// HRV as SDNN (Apple Watch), never mixed with rMSSD.
    pub hrv_sdnn: Option<SdnnMs>,
    /// Where the HRV came from; set whenever an HRV value is.
    pub hrv_source: Option<HrvSource>,
    /// The source's own normal range of its HRV that day (Garmin's baseline, Polar's), as
    /// (low, high) in ms, where it gives one.
    pub hrv_range_ms: Option<(f64, f64)>,
    pub resting_hr: Option<Bpm>,
    /// Hours asleep in the night that ended this day.
    pub sleep_h: Option<f64>,
    /// 0 (none) to 10 (worst).
    pub soreness: Option<u8>,
    pub sick: Option<bool>,
    pub injured: Option<bool>,
    pub menstruating: Option<bool>,
    /// Pain today ("hurts now"), and notes: only our own check-ins CSV gives these.
    pub pain: Option<bool>,
    pub notes: Option<String>,
}

impl DayValues {
    /// A day with no values yet.
    pub fn new(date: Day) -> DayValues {
        DayValues {
            date,
            hrv_rmssd: None,
            hrv_sdnn: None,
            hrv_source: None,
            hrv_range_ms: None,
            resting_hr: None,
            sleep_h: None,
            soreness: None,
            sick: None,
            injured: None,
            menstruating: None,
            pain: None,
            notes: None,
        }
    }

    /// Whether the day holds no value at all.
    pub fn is_empty(&self) -> bool {
        *self == DayValues::new(self.date)
    }
}

/// A value a reader left out, and why: counted and listed in the import report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Skip {
    /// Where in the file: "line 12", "2017-04-01", "record 3".
    pub place: String,
    pub why: SkipReason,
}

/// Why a value or a row was left out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SkipReason {
    /// A value outside what the app accepts (rMSSD and SDNN 1–500 ms, heart rate 25–250
    /// bpm, sleep 0–24 h): `what` names the measure ("rMSSD", "resting HR").
    OutOfRange { what: String, value: f64 },
    /// A row or record that could not be read at all (a date that is no date…).
    Unreadable { detail: String },
}

impl fmt::Display for Skip {
    /// "line 12: rMSSD 0 is outside 1–500 ms, skipped."
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.why {
            SkipReason::OutOfRange { what, value } => {
                write!(
                    f,
                    "{}: {what} {value} is out of range, skipped.",
                    self.place
                )
            }
            SkipReason::Unreadable { detail } => {
                write!(f, "{}: not read ({detail}).", self.place)
            }
        }
    }
}

/// What one file of another app gave.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceFile {
    /// Values by day, oldest first, one entry a day (of two readings on a day, the last).
    pub days: Vec<DayValues>,
    /// Workouts the file lists (WHOOP's `workouts.csv`, Apple Health's `<Workout>`s).
    pub activities: Vec<ActivitySummary>,
    /// What was left out, and why.
    pub skipped: Vec<Skip>,
}

/// Why a file of another app could not be read at all: a sentence for the report
/// ([`fmt::Display`]), ending with a full stop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SourceError {
    /// Looks like `what` ("an HRV4Training export") but lacks what it needs (`needs`: "a
    /// date and an rMSSD column").
    Incomplete { what: String, needs: String },
    /// Damaged in some other way: `detail` for the curious.
    Damaged { what: String, detail: String },
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::Incomplete { what, needs } => {
                write!(f, "This looks like {what}, but it has no {needs}.")
            }
            SourceError::Damaged { what, detail } => {
                write!(f, "This {what} is damaged and cannot be read ({detail}).")
            }
        }
    }
}

impl std::error::Error for SourceError {}

/// The reader of one source, as [`recognise`] picks it: one variant per source file of this
/// module, so adding a source is one file and one line here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Reader {
    /// HRV4Training's CSV, iOS or Android ([`hrv4training`]).
    Hrv4Training,
    /// Elite HRV's CSV ([`elite_hrv`]).
    EliteHrv,
    /// The wellness JSON files of Garmin Connect's account export ([`garmin`]).
    Garmin,
    /// The CSVs of WHOOP's export ([`whoop`]).
    Whoop,
    /// Fitbit's resting-HR JSON and HRV CSV of a Google Takeout ([`fitbit`]).
    Fitbit,
    /// Polar's nightly-recovery JSON of its account export ([`polar`]).
    Polar,
    /// intervals.icu's wellness CSV ([`intervals_icu`]).
    IntervalsIcu,
    // AppleHealth: Apple Health's export.xml (apple_health.rs, another branch).
}

impl Reader {
    /// Every reader, in the order [`recognise`] asks them.
    pub const ALL: [Reader; 7] = [
        Reader::Whoop,
        Reader::EliteHrv,
        Reader::Hrv4Training,
        Reader::Fitbit,
        Reader::IntervalsIcu,
        Reader::Garmin,
        Reader::Polar,
    ];

    /// The source as runners know it: "HRV4Training", "Elite HRV", "Garmin",
    /// "WHOOP", "Fitbit", "Polar", "intervals.icu".
    pub fn name(self) -> &'static str {
        match self {
            Reader::Hrv4Training => "HRV4Training",
            Reader::EliteHrv => "Elite HRV",
            Reader::Garmin => "Garmin",
            Reader::Whoop => "WHOOP",
            Reader::Fitbit => "Fitbit",
            Reader::Polar => "Polar",
            Reader::IntervalsIcu => "intervals.icu",
        }
    }

    /// Whether this reader reads the file: by its content (header row, JSON keys) and,
    /// for an account export's JSON files, its path inside the archive. `path` is the
    /// file's name or its path in a zip; `head` at least its first 4 KiB.
    pub fn recognises(self, path: &str, head: &[u8]) -> bool {
        match self {
            Reader::Hrv4Training => hrv4training::recognise(path, head),
            Reader::EliteHrv => elite_hrv::recognise(path, head),
            Reader::Garmin => garmin::recognise(path, head),
            Reader::Whoop => whoop::recognise(path, head),
            Reader::Fitbit => fitbit::recognise(path, head),
            Reader::Polar => polar::recognise(path, head),
            Reader::IntervalsIcu => intervals_icu::recognise(path, head),
        }
    }
}

/// The reader for a file, if one of these sources wrote it (see [`Reader::recognises`]).
/// Recovery Run's own CSVs and backups are never claimed, so the caller may ask this
/// before or after its own checks. A file one of these apps clearly wrote but which lacks
/// what its reader needs is still recognised: [`read`] then says what it lacks
/// ([`SourceError::Incomplete`]).
pub fn recognise(path: &str, head: &[u8]) -> Option<Reader> {
    Reader::ALL.into_iter().find(|r| r.recognises(path, head))
}

/// Reads a whole file with `reader`. Never panics, whatever the bytes.
///
/// # Errors
/// [`SourceError::Incomplete`] when the file lacks what the reader needs (a column, a
/// header row); [`SourceError::Damaged`] when a JSON file is not JSON.
pub fn read(reader: Reader, path: &str, bytes: &[u8]) -> Result<SourceFile, SourceError> {
    match reader {
        Reader::Hrv4Training => hrv4training::read(path, bytes),
        Reader::EliteHrv => elite_hrv::read(path, bytes),
        Reader::Garmin => garmin::read(path, bytes),
        Reader::Whoop => whoop::read(path, bytes),
        Reader::Fitbit => fitbit::read(path, bytes),
        Reader::Polar => polar::read(path, bytes),
        Reader::IntervalsIcu => intervals_icu::read(path, bytes),
    }
}
