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
