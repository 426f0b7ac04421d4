//! Activity files from watches and apps — FIT, TCX, GPX — read into one summary (issue #10).
//!
//! Bytes in, an [`ActivitySummary`] or a [`FileError`] out: pure, no clock, no browser, so
//! it runs natively in tests and in a Web Worker in the app. The summary keeps the numbers
//! a session needs and nothing of the streams themselves (`store::activity_import` turns
//! summaries into sessions).
//!
//! - **Format** is decided by content, never by the name: a FIT file has `.FIT` at bytes
//!   8–11 of its header; an XML file is TCX when its root element is
//!   `TrainingCenterDatabase`, GPX when it is `gpx`. The name only sharpens a message (a
//!   `.fit` too short for a header is "cut short", not "not an activity file").
//! - **Readers**: [`fit`] (the `fitparser` crate, after our own check of length and CRC),
//!   [`tcx`] and [`gpx`] (the `quick-xml` crate). Each turns the file into a [`Track`]:
//!   the samples and whatever summary the file itself carries.
//! - **Numbers** come from the samples (`domain::streams`), which beat a file's own totals;
//!   a total is used only where the samples lack the stream (a FIT lap file without
//!   records, a file without distance in its points).
//! - **Local time.** Sessions are dated in the athlete's local time. FIT timestamps are UTC;
//!   a FIT activity message carries `local_timestamp`, and its difference from `timestamp`
//!   is the offset used. Otherwise (every TCX and GPX, whose times end in `Z`, and FIT files
//!   without it) the offset comes from the caller: `utc_offset_min(unix seconds)` returns
//!   minutes east of UTC at that instant (in the browser, `-new Date(ms).getTimezoneOffset()`,
//!   which knows daylight saving; a constant is fine in tests). A time without a zone is
//!   taken as UTC. [`ActivitySummary::local_time_from_file`] says which was used.
//! - **Never panics** on any input: no indexing or unwrap on file data; the fuzz targets
//!   in `fuzz/` hold each reader to that.

pub mod fit;
pub mod gpx;
pub mod tcx;
mod xml;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::domain::date::{Day, TimeOfDay};
use crate::domain::efforts::{self, Pool, SwimFrom};
use crate::domain::quantity::{Bpm, Metres, PacePerKm, Seconds, Watts};
use crate::domain::session::Sport;
use crate::domain::streams::{self, Sample};

pub use crate::domain::efforts::{Efforts, HrCalc, SwimLength, WatchSettings};

/// The largest activity file read: 30 MB. A ten-hour GPX with a point a second and heart
/// rate is about 10 MB; a FIT file is a tenth of that.
pub const MAX_BYTES: usize = 30_000_000;

/// The file formats read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    Fit,
    Tcx,
    Gpx,
    /// A row of WHOOP's `workouts.csv` (`sources::whoop`): a summary without streams.
    Whoop,
    /// A `<Workout>` of Apple Health's export (`crate::sources::apple_health`), with its
    /// route GPX where it has one.
    #[serde(rename = "apple_health")]
    AppleHealth,
}

impl FileFormat {
    /// "FIT", "TCX", "GPX", "WHOOP", "Apple Health".
    pub fn label(self) -> &'static str {
        match self {
            FileFormat::Fit => "FIT",
            FileFormat::Tcx => "TCX",
            FileFormat::Gpx => "GPX",
            FileFormat::Whoop => "WHOOP",
            FileFormat::AppleHealth => "Apple Health",
        }
    }
}

/// One activity, as a session needs it. Quantities are typed (in range by construction);
/// a value the file does not have, or has out of range, is `None`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActivitySummary {
    pub format: FileFormat,
    /// From the file's sport (FIT sport/sub-sport, TCX `Sport`, GPX `<type>`); `Other`
    /// when it names none the app knows or says nothing.
    pub sport: Sport,
    /// The activity's own name in the file (GPX `trk/name`), if it has one.
    pub title: Option<String>,
    /// Local start day and time (see the module doc for the offset).
    pub date: Day,
    pub start_time: TimeOfDay,
    /// The start in Unix seconds (UTC).
    pub start_utc_s: i64,
    /// The offset from UTC used for `date` and `start_time`, in minutes east.
    pub utc_offset_min: i32,
    /// Whether that offset came from the file (a FIT `local_timestamp`) rather than the
    /// caller.
    pub local_time_from_file: bool,
    /// From start to finish, pauses included.
    pub elapsed: Seconds,
    /// Time moving (see `domain::streams`); the session's duration.
    pub moving: Seconds,
    pub distance: Option<Metres>,
    pub avg_hr: Option<Bpm>,
    pub max_hr: Option<Bpm>,
    pub avg_power: Option<Watts>,
    pub normalized_power: Option<Watts>,
    pub elevation_gain: Option<Metres>,
    /// Normalized graded pace (Minetti 2002 grade adjustment, `domain::streams`).
    pub normalized_graded_pace: Option<PacePerKm>,
    /// Seconds at each whole bpm while moving, by rising bpm: enough for time-in-zone
    /// hrTSS with any LTHR, without keeping the stream.
    pub hr_histogram: Vec<(u16, u32)>,
    /// The recording's best efforts (`domain::efforts`: max HR held, best 20 min, Friel's
    /// 30 min, best distances, powers, swim times), for the thresholds it reveals
    /// (docs/domain.md §6.1). Without watch settings: those are [`ActivitySummary::watch`].
    #[serde(default)]
    pub efforts: Efforts,
    /// The thresholds the watch had set (FIT `zones_target`, `user_profile`), if the file
    /// says.
    #[serde(default)]
    pub watch: Option<WatchSettings>,
    /// The values above that the device wrote in its own summary ("moving time",
    /// "distance"…), and those computed from the recorded streams, for the session's "why".
    pub from_device: Vec<String>,
    pub computed: Vec<String>,
}

/// Why a file was not imported, in words a runner understands ([`fmt::Display`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FileError {
    TooLarge {
        bytes: usize,
    },
    Empty,
    /// Not FIT, TCX or GPX (a photo, a backup, a PDF…).
    NotAnActivityFile,
    /// The file ends before its own length says it should.
    Truncated {
        format: FileFormat,
    },
    /// A FIT file whose checksum does not match its contents.
    BadChecksum,
    /// A file of the right format that holds something else: a course, a workout plan,
    /// settings. `what` is the file's own word for it.
    NotARecording {
        format: FileFormat,
        what: String,
    },
    /// A GPX or TCX whose points carry no times, as a route drawn on a map.
    NoTimes {
        format: FileFormat,
    },
    /// No recorded points at all.
    NoRecords {
        format: FileFormat,
    },
    /// Under one second, or over 48 hours, from start to finish.
    BadLength {
        format: FileFormat,
        seconds: i64,
    },
    /// Damaged in some other way; `detail` is for the curious and may be technical.
    Damaged {
        format: FileFormat,
        detail: String,
    },
    /// A compressed (gzip) file that could not be unpacked, so its format is not known;
    /// `reason` is the unpacker's sentence.
    NotUnpacked {
        reason: String,
    },
}

impl fmt::Display for FileError {
    /// One sentence, ending with a full stop.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::TooLarge { bytes } => write!(
                f,
                "The file is {:.1} MB; the largest activity file this app reads is {} MB.",
                *bytes as f64 / 1e6,
                MAX_BYTES / 1_000_000
            ),
            FileError::Empty => f.write_str("The file is empty."),
            FileError::NotAnActivityFile => f.write_str(
                "This is not an activity file: choose a .fit, .tcx or .gpx file from your \
                 watch or training app.",
            ),
            FileError::Truncated { format } => write!(
                f,
                "This {} file is cut short (it was probably not copied or downloaded \
                 completely); try exporting it again.",
                format.label()
            ),
            FileError::BadChecksum => f.write_str(
                "This FIT file is damaged: its contents do not match its checksum. Try \
                 copying it from the watch again.",
            ),
            FileError::NotARecording { format, what } => write!(
                f,
                "This {} file holds a {what}, not a recorded activity.",
                format.label()
            ),
            FileError::NoTimes { format } => write!(
                f,
                "This {} file has no times in it (a route drawn on a map, perhaps), so it \
                 says nothing about how long the activity took.",
                format.label()
            ),
            FileError::NoRecords { format } => write!(
                f,
                "This {} file has no recorded points in it.",
                format.label()
            ),
            FileError::BadLength { format, seconds } if *seconds < 1 => write!(
                f,
                "This {} file records less than a second of activity.",
                format.label()
            ),
            FileError::BadLength { format, .. } => write!(
                f,
                "This {} file spans more than 48 hours, longer than one session can be.",
                format.label()
            ),
            FileError::Damaged { format, detail } => write!(
                f,
                "This {} file is damaged and cannot be read ({detail}).",
                format.label()
            ),
            FileError::NotUnpacked { reason } => {
                let mut chars = reason.chars();
                match chars.next() {
                    Some(first) => write!(f, "{}{}", first.to_uppercase(), chars.as_str()),
                    None => Ok(()),
                }
            }
        }
    }
}

impl std::error::Error for FileError {}

/// What a reader gets out of one file: one [`Leg`] per activity in it (a triathlon has
/// one per discipline), and what the file says for all of them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Track {
    pub legs: Vec<Leg>,
    /// Local minus UTC, in seconds, where the file says (FIT `local_timestamp`).
    pub local_offset_s: Option<i64>,
    /// The activity's own name in the file (GPX `trk/name`), if any.
    pub title: Option<String>,
    /// What was read but left out or could not be read, as sentences for the report
    /// (transitions of a multisport file, a part of the file that was damaged…).
    pub notes: Vec<String>,
}

/// One activity of a file: its sport, its samples and the summary the device wrote for it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Leg {
    pub sport: Option<Sport>,
    /// Samples with `time_s` in Unix seconds (UTC).
    pub samples: Vec<Sample>,
    pub totals: Totals,
    /// A pool swim's lengths as the watch counted them (FIT `length`), in order.
    pub lengths: Vec<SwimLength>,
    /// The thresholds the watch had set for this leg (FIT `zones_target` and
    /// `user_profile`; `fit::watch_settings`).
    pub watch: Option<WatchSettings>,
    /// Whether its points have positions (GPS): a swim with them is in open water, whose
    /// distance is too coarse for a best 200 m (`domain::efforts`).
    pub gps: bool,
}

/// The summary a device wrote beside its samples (FIT session, TCX laps), each `None` where
/// absent. **The device's summary is the truth where it exists**: it knows its own timer,
/// pauses and pool lengths; the samples fill in only what it lacks (see [`summarise`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Totals {
    /// Unix seconds.
    pub start_s: Option<f64>,
    pub elapsed_s: Option<f64>,
    /// Time with the watch's timer running (auto-pause excluded).
    pub timer_s: Option<f64>,
    pub distance_m: Option<f64>,
    pub ascent_m: Option<f64>,
    pub avg_hr: Option<f64>,
    pub max_hr: Option<f64>,
    pub avg_power: Option<f64>,
    pub normalized_power: Option<f64>,
    /// A pool swim's lengths, where the device counted them.
    pub pool: Option<PoolLengths>,
}

/// A pool swim as the watch counted it: only active lengths are swimming (rest at the wall
/// is recorded as idle lengths).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PoolLengths {
    /// The pool's length in metres (a 25-yard pool is 22.86 m).
    pub pool_length_m: f64,
    pub active_lengths: u32,
    /// Timer seconds of the active lengths.
    pub active_s: f64,
}

/// What an activity file holds: its activities (one per leg of a multisport file) and
/// notes for the import report.
#[derive(Clone, Debug, PartialEq)]
pub struct ActivityFile {
    pub activities: Vec<ActivitySummary>,
    pub notes: Vec<String>,
}

/// Reads one activity file, gzip-compressed or not (decided by its bytes).
/// `utc_offset_min(unix_seconds)` gives the local offset (minutes east of UTC) at an
/// instant, for files that do not carry their own (module doc).
pub fn read(
    file_name: &str,
    bytes: &[u8],
    utc_offset_min: &dyn Fn(i64) -> i32,
) -> Result<ActivityFile, FileError> {
    if bytes.len() > MAX_BYTES {
        return Err(FileError::TooLarge { bytes: bytes.len() });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(FileError::Empty);
    }
    let (format, track) = if fit::is_fit(bytes) {
        (FileFormat::Fit, fit::read(bytes)?)
    } else {
        match xml::root(bytes) {
            Some(xml::Root::Tcx) => (FileFormat::Tcx, tcx::read(bytes)?),
            Some(xml::Root::Gpx) => (FileFormat::Gpx, gpx::read(bytes)?),
            None if bytes.len() < 14 && file_name.to_ascii_lowercase().ends_with(".fit") => {
                return Err(FileError::Truncated {
                    format: FileFormat::Fit,
                });
            }
            None => return Err(FileError::NotAnActivityFile),
        }
    };
    let Track {
        legs,
        local_offset_s,
        title,
        notes,
    } = track;
    if legs.is_empty() {
        return Err(FileError::NoRecords { format });
    }
    let activities = legs
        .into_iter()
        .map(|leg| summarise(format, leg, local_offset_s, title.clone(), utc_offset_min))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ActivityFile { activities, notes })
}

/// The summary of one leg: the device's totals where it wrote them, the streams' numbers
/// for what it did not (module doc).
pub fn summarise(
    format: FileFormat,
    leg: Leg,
    local_offset_s: Option<i64>,
    title: Option<String>,
    utc_offset_min: &dyn Fn(i64) -> i32,
) -> Result<ActivitySummary, FileError> {
    let totals = &leg.totals;
    let sport = leg.sport.unwrap_or(Sport::Other);
    let (s, grid) = match streams::read(&leg.samples, streams::max_speed_mps(sport)) {
        Some((s, grid)) => (Some(s), grid),
        None => (None, streams::Grid::default()),
    };
    let mut device: Vec<&'static str> = Vec::new();
    let mut computed: Vec<&'static str> = Vec::new();
    let mut pick =
        |name: &'static str, total: Option<f64>, stream: Option<f64>| match (total, stream) {
            (Some(t), _) => {
                device.push(name);
                Some(t)
            }
            (None, Some(v)) => {
                computed.push(name);
                Some(v)
            }
            (None, None) => None,
        };
    if s.is_none() && leg.samples.is_empty() && totals.start_s.is_none() {
        return Err(FileError::NoRecords { format });
    }
    let start = totals
        .start_s
        .or(s.as_ref().map(|s| s.start_s))
        .filter(|t| t.is_finite())
        .ok_or(FileError::NoTimes { format })?;
    let stream_moving = s.as_ref().map(|s| {
        if s.moving_s >= 1.0 {
            s.moving_s
        } else {
            // Never at walking speed (a gym session with GPS on): the recorded time.
            s.recorded_s
        }
    });
    let pool = totals
        .pool
        .filter(|p| p.active_lengths > 0 && p.pool_length_m > 0.0);
    let swim = match pool {
        Some(p) if !leg.lengths.is_empty() => SwimFrom::Lengths(Pool {
            length_m: p.pool_length_m,
            lengths: &leg.lengths,
        }),
        _ if leg.gps => SwimFrom::Nothing,
        _ => SwimFrom::Stream,
    };
    let efforts = efforts::of(&grid, sport, swim);
    let elapsed = pick(
        "elapsed time",
        totals.elapsed_s.or(totals.timer_s),
        s.as_ref().map(|s| s.elapsed_s),
    )
    .unwrap_or(0.0);
    let moving = pick(
        "moving time",
        pool.map(|p| p.active_s)
            .filter(|t| *t >= 1.0)
            .or(totals.timer_s),
        stream_moving,
    )
    .unwrap_or(elapsed);
    let distance = pick(
        "distance",
        pool.map(|p| f64::from(p.active_lengths) * p.pool_length_m)
            .or(totals.distance_m.filter(|d| *d > 0.0)),
        s.as_ref().and_then(|s| s.distance_m),
    );
    let stream = s.clone().unwrap_or_default();
    let avg_hr = pick("average heart rate", totals.avg_hr, stream.avg_hr);
    let max_hr = pick("max heart rate", totals.max_hr, stream.max_hr);
    let avg_power = pick("average power", totals.avg_power, stream.avg_power);
    let normalized_power = pick(
        "normalized power",
        totals.normalized_power,
        stream.normalized_power,
    );
    let elevation_gain = pick("elevation gain", totals.ascent_m, stream.elevation_gain_m);
    if stream.normalized_graded_pace_s_per_km.is_some() && sport == Sport::Run {
        computed.push("normalized graded pace");
    }
    if !stream.hr_histogram.is_empty() {
        computed.push("time in heart-rate zones");
    }

    let bad_length = |seconds: f64| FileError::BadLength {
        format,
        seconds: if seconds.is_finite() {
            seconds as i64
        } else {
            0
        },
    };
    let whole = |x: f64| {
        if x.is_finite() && x >= 0.5 && x <= f64::from(u32::MAX) {
            Seconds::new(x.round() as u32)
        } else {
            None
        }
    };
    // A timer longer than the span from start to end would be a device's slip: the span
    // is at least the time moving.
    let elapsed = elapsed.max(moving);
    let elapsed_d = whole(elapsed).ok_or_else(|| bad_length(elapsed))?;
    let moving_d = whole(moving).unwrap_or(elapsed_d);

    let start_utc_s = start.floor() as i64;
    let (offset_s, from_file) = match local_offset_s {
        Some(o) if o.abs() <= 16 * 3600 => (o, true),
        _ => (
            i64::from(utc_offset_min(start_utc_s)).clamp(-960, 960) * 60,
            false,
        ),
    };
    let (date, start_time) = local_day_and_time(start_utc_s.saturating_add(offset_s))
        .ok_or(FileError::NoTimes { format })?;

    let bpm = |v: Option<f64>| v.and_then(|v| Bpm::new(v.round() as u16));
    Ok(ActivitySummary {
        format,
        sport,
        title,
        date,
        start_time,
        start_utc_s,
        utc_offset_min: (offset_s / 60) as i32,
        local_time_from_file: from_file,
        elapsed: elapsed_d,
        moving: moving_d,
        distance: distance.filter(|d| *d > 0.0).and_then(Metres::new),
        avg_hr: bpm(avg_hr),
        max_hr: bpm(max_hr),
        avg_power: avg_power.and_then(Watts::new),
        normalized_power: normalized_power.and_then(Watts::new),
        elevation_gain: elevation_gain.and_then(Metres::new),
        normalized_graded_pace: stream
            .normalized_graded_pace_s_per_km
            .and_then(PacePerKm::new),
        hr_histogram: stream.hr_histogram,
        efforts,
        watch: leg.watch,
        from_device: device.into_iter().map(str::to_owned).collect(),
        computed: computed.into_iter().map(str::to_owned).collect(),
    })
}

/// The local day and minute of a local-time count of seconds since 1970-01-01.
fn local_day_and_time(local_s: i64) -> Option<(Day, TimeOfDay)> {
    let days = local_s.div_euclid(86_400);
    let secs = local_s.rem_euclid(86_400);
    let day = Day::from_ordinal(i32::try_from(days).ok()?)?;
    let time = TimeOfDay::from_hm((secs / 3600) as u8, ((secs % 3600) / 60) as u8)?;
    Some((day, time))
}

/// The app's sport for a file's sport name (FIT `running`, TCX `Biking`, GPX `cycling`,
/// Strava's `Run`…): by keyword, `None` for names it does not know.
///
/// A number is Strava's activity type code, which its GPX exports write in `<type>`
/// (Strava API v3 `ActivityType`, numbered in its order: 1 Ride, 9 Run, 16 Swim, 17
/// VirtualRide, 18 EBikeRide, 29 WeightTraining, 30 Yoga, 33 VirtualRun; the others —
/// hikes, walks, skiing, rowing… — are `Other`).
pub fn sport_from_name(name: &str) -> Option<Sport> {
    let n = name.trim().to_ascii_lowercase();
    if let Ok(code) = n.parse::<u32>() {
        return Some(match code {
            1 | 17 | 18 | 19 | 31 => Sport::Ride,
            9 | 33 => Sport::Run,
            16 => Sport::Swim,
            29 | 25 => Sport::Strength,
            30 => Sport::Yoga,
            _ => Sport::Other,
        });
    }
    let has = |words: &[&str]| words.iter().any(|w| n.contains(w));
    if has(&["run", "jog", "trail"]) {
        Some(Sport::Run)
    } else if has(&["cycl", "bik", "ride", "ebik"]) {
        Some(Sport::Ride)
    } else if has(&["swim"]) {
        Some(Sport::Swim)
    } else if has(&["yoga", "pilates"]) {
        Some(Sport::Yoga)
    } else if has(&["strength", "weight"]) {
        Some(Sport::Strength)
    } else if n.is_empty() {
        None
    } else {
        Some(Sport::Other)
    }
}

/// A point of a TCX or GPX track: a sample and its position, if any.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Point {
    pub sample: Sample,
    /// Latitude and longitude in degrees.
    pub position: Option<(f64, f64)>,
    /// The first point of a new track segment (GPX `trkseg`): no distance is measured to it
    /// from the point before, which ended the last segment.
    pub new_segment: bool,
}

/// The samples of timed points, with distance from the positions (haversine) when no point
/// has one of its own. Points without a time are left out; the count of timed points is
/// the caller's to check.
///
/// A position farther from the last good one than `sport` can go in the time between them
/// ([`streams::max_speed_mps`]) is a GPS spike: it is skipped, and the next point measures
/// from the last good one. The first point of a new segment ([`Point::new_segment`])
/// measures from nothing: the distance goes on from the last segment's total, so the time
/// between the segments, with no distance, is a pause (`domain::streams`).
pub(crate) fn samples_from_points(points: &[Point], sport: Option<Sport>) -> Vec<Sample> {
    let has_distance = points.iter().any(|p| p.sample.distance_m.is_some());
    let limit = streams::max_speed_mps(sport.unwrap_or(Sport::Other));
    let mut out = Vec::with_capacity(points.len());
    let mut total = 0.0;
    // The last good position and its time.
    let mut last: Option<((f64, f64), f64)> = None;
    for p in points {
        let mut s = p.sample;
        if p.new_segment {
            last = None;
        }
        if !has_distance {
            let valid = p
                .position
                .filter(|(la, lo)| la.abs() <= 90.0 && lo.abs() <= 180.0);
            if let Some((c, d)) = valid {
                let step = last.map(|((a, b), t)| (streams::haversine_m(a, b, c, d), t));
                let spike = step.is_some_and(|(m, t)| {
                    let dt = s.time_s - t;
                    m > limit * dt.max(1.0) && m > 50.0
                });
                if !spike {
                    total += step.map_or(0.0, |(m, _)| m);
                    if s.time_s.is_finite() {
                        last = Some(((c, d), s.time_s));
                    }
                    s.distance_m = Some(total);
                }
            }
        }
        if s.time_s.is_finite() {
            out.push(s);
        }
    }
    out
}

/// A step forward of the clock longer than this between two points of a track is not a
/// pause but the clock jumping (docs/domain.md §8): a day. No recorded activity stops for a
/// day and goes on as the same session, while the clock faults seen in files jump by days
/// (20 in a public report) or years (the GPS week-number rollover, 1 024 weeks).
pub const CLOCK_JUMP_S: f64 = 86_400.0;

/// The least of a recording kept before a jump of its clock, as of a FIT file cut short.
const KEPT_BEFORE_JUMP_S: f64 = 60.0;

/// Reads the clock of a track's points in file order, and mends a step forward of more than
/// [`CLOCK_JUMP_S`] (docs/domain.md §8), as `domain::streams` mends a step back:
///
/// - when the next point is back on the old clock, the one point's time was wrong: it is
///   left out;
/// - otherwise the clock jumped: the points from the jump on are left out, provided a
///   minute at least was recorded before it (else nothing is cut, and a file spanning over
///   48 hours is refused as one).
///
/// Returns what was left out, as sentences for the report. Points without a time are
/// passed over (the readers leave them out).
pub(crate) fn mend_clock_jumps(points: &mut Vec<Point>) -> Vec<String> {
    let timed: Vec<(usize, f64)> = points
        .iter()
        .enumerate()
        .map(|(i, p)| (i, p.sample.time_s))
        .filter(|(_, t)| t.is_finite())
        .collect();
    let Some(&(_, first)) = timed.first() else {
        return Vec::new();
    };
    let mut notes = Vec::new();
    let mut wrong: Vec<usize> = Vec::new();
    let mut cut: Option<(usize, f64, f64)> = None;
    let mut last = first;
    for (k, &(i, t)) in timed.iter().enumerate() {
        if t - last <= CLOCK_JUMP_S {
            last = last.max(t);
            continue;
        }
        let back = timed
            .get(k + 1)
            .is_some_and(|&(_, next)| next - last <= CLOCK_JUMP_S);
        if back {
            wrong.push(i);
        } else {
            if last - first >= KEPT_BEFORE_JUMP_S {
                cut = Some((i, t - last, last - first));
            }
            break;
        }
    }
    let span = |s: f64| {
        if s >= 2.0 * 86_400.0 {
            format!("{} days", (s / 86_400.0).round())
        } else {
            format!("{} h", (s / 3600.0).round())
        }
    };
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if let Some((at, jump, before)) = cut {
        let dropped = points.len().saturating_sub(at);
        points.truncate(at);
        notes.push(format!(
            "its clock jumps {} forward after {} min: those minutes are imported, the \
             {dropped} point{} after the jump are not",
            span(jump),
            (before / 60.0).round(),
            plural(dropped)
        ));
    }
    if !wrong.is_empty() {
        let n = wrong.len();
        let mut i = 0;
        points.retain(|_| {
            i += 1;
            !wrong.contains(&(i - 1))
        });
        notes.push(format!(
            "{n} point{} with a time over a day ahead of the others left out",
            plural(n)
        ));
    }
    notes
}

/// An ISO 8601 date-time as Unix seconds: with a zone (`Z`, `+02:00`), or without one,
/// taken as UTC.
pub(crate) fn parse_time(text: &str) -> Option<f64> {
    let t = text.trim();
    let dt = chrono::DateTime::parse_from_rfc3339(t)
        .map(|d| d.naive_utc())
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S%.f"))
        .ok()?
        .and_utc();
    let s = dt.timestamp() as f64 + f64::from(dt.timestamp_subsec_nanos()) / 1e9;
    s.is_finite().then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_day_and_time_from_seconds() {
        // 2026-03-09T07:30:00 = 20 521 days × 86 400 + 27 000 s after 1970-01-01.
        let (d, t) = local_day_and_time(20_521 * 86_400 + 27_000).unwrap();
        assert_eq!(
            (d.to_string(), t.to_string()),
            ("2026-03-09".into(), "07:30".into())
        );
        let (d, t) = local_day_and_time(-60).unwrap();
        assert_eq!(
            (d.to_string(), t.to_string()),
            ("1969-12-31".into(), "23:59".into())
        );
    }

    #[test]
    fn times_with_and_without_zones() {
        // 2026-03-09T07:30:00Z = 1 773 041 400 (20 521 × 86 400 + 27 000).
        assert_eq!(parse_time("2026-03-09T07:30:00Z"), Some(1_773_041_400.0));
        assert_eq!(
            parse_time("2026-03-09T07:30:00.500Z"),
            Some(1_773_041_400.5)
        );
        assert_eq!(
            parse_time("2026-03-09T09:30:00+02:00"),
            Some(1_773_041_400.0)
        );
        assert_eq!(parse_time(" 2026-03-09T07:30:00 "), Some(1_773_041_400.0));
        assert_eq!(parse_time("yesterday"), None);
    }

    #[test]
    fn sports_by_name() {
        assert_eq!(sport_from_name("running"), Some(Sport::Run));
        assert_eq!(sport_from_name("Biking"), Some(Sport::Ride));
        assert_eq!(sport_from_name("cycling"), Some(Sport::Ride));
        assert_eq!(sport_from_name("lap_swimming"), Some(Sport::Swim));
        assert_eq!(sport_from_name("Other"), Some(Sport::Other));
        assert_eq!(sport_from_name(""), None);
        // Strava's GPX codes (the corpus' Strava exports: 9 a run, 17 a Zwift ride).
        assert_eq!(sport_from_name("9"), Some(Sport::Run));
        assert_eq!(sport_from_name("17"), Some(Sport::Ride));
        assert_eq!(sport_from_name("16"), Some(Sport::Swim));
        assert_eq!(sport_from_name("4"), Some(Sport::Other));
    }

    #[test]
    fn messages_are_sentences() {
        let e = FileError::NoTimes {
            format: FileFormat::Gpx,
        };
        assert!(e.to_string().starts_with("This GPX file has no times"));
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(json, r#"{"kind":"no_times","format":"gpx"}"#);
        assert_eq!(serde_json::from_str::<FileError>(&json).unwrap(), e);
    }
}
