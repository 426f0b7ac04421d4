//! Garmin's Flexible and Interoperable Data Transfer format (FIT), read with the
//! `fitparser` crate after our own checks of length and checksum, so that a cut file and
//! a damaged one get their own plain reasons before any decoding.
//!
//! Used: `file_id.type` (must be `activity`); `record` messages (timestamp, heart_rate,
//! power, distance, enhanced_altitude or altitude, position); the `session` message
//! (sport, sub_sport, start and total times, distance, ascent, heart rate, power — used
//! where records lack them); `sport`; `activity.local_timestamp` for the local time;
//! `length` (a pool swim's lengths); `event` (the timer's starts and stops, for a file
//! without a session message: [`timer_spans`]); and the watch's own thresholds,
//! `zones_target` and `user_profile` ([`watch_settings`]).
//! Only the first FIT file of a chained file is read.
//!
//! fitparser turns timestamps into `DateTime<Local>` of the machine running it. A UTC
//! timestamp survives that exactly (`.timestamp()`); a `local_timestamp` is turned back
//! into the file's own seconds by subtracting the same reference date fitparser added
//! (see [`local_seconds`]), so the result does not depend on the machine's time zone.

use chrono::{DateTime, Local, NaiveDate, TimeZone};
use fitparser::profile::MesgNum;
use fitparser::{FitDataRecord, Value};

use super::{
    samples_from_points, sport_from_name, FileError, FileFormat, Leg, Point, PoolLengths, Totals,
    Track,
};
use crate::domain::efforts::{HrCalc, SwimLength, WatchSettings};
use crate::domain::session::Sport;
use crate::domain::streams::{self, Sample};

const FORMAT: FileFormat = FileFormat::Fit;

/// FIT times count seconds from 1989-12-31T00:00:00 (UTC, or local for local times).
const FIT_EPOCH_UNIX: i64 = 631_065_600;

/// Whether the bytes start with a FIT header (".FIT" at bytes 8–11).
pub fn is_fit(bytes: &[u8]) -> bool {
    bytes.get(8..12) == Some(b".FIT".as_slice())
}

/// The FIT SDK's CRC-16 (FIT protocol, "CRC"), four bits at a time.
pub fn crc16(bytes: &[u8]) -> u16 {
    const TABLE: [u16; 16] = [
        0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401, 0xA001, 0x6C00, 0x7800,
        0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
    ];
    let nibble = |crc: u16, n: u8| {
        let tmp = TABLE[usize::from(crc & 0xF)];
        let crc = (crc >> 4) & 0x0FFF;
        crc ^ tmp ^ TABLE[usize::from(n & 0xF)]
    };
    bytes
        .iter()
        .fold(0u16, |crc, &b| nibble(nibble(crc, b), b >> 4))
}

fn le_u16(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([*b.first()?, *b.get(1)?]))
}

fn le_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([
        *b.first()?,
        *b.get(1)?,
        *b.get(2)?,
        *b.get(3)?,
    ]))
}

/// The first FIT file in `bytes`, checked: header, length, header CRC, file CRC.
fn checked(bytes: &[u8]) -> Result<&[u8], FileError> {
    let damaged = |detail: &str| FileError::Damaged {
        format: FORMAT,
        detail: detail.into(),
    };
    let header = usize::from(*bytes.first().ok_or(FileError::Empty)?);
    if header < 12 {
        return Err(damaged("its header is too short"));
    }
    let data = le_u32(bytes, 4).ok_or(FileError::Truncated { format: FORMAT })?;
    let end = usize::try_from(data)
        .ok()
        .and_then(|d| d.checked_add(header))
        .ok_or_else(|| damaged("its length is impossible"))?;
    let file = bytes
        .get(..end.saturating_add(2))
        .filter(|_| end.checked_add(2).is_some())
        .ok_or(FileError::Truncated { format: FORMAT })?;
    if header >= 14 {
        let header_crc = le_u16(bytes, 12).unwrap_or(0);
        if header_crc != 0 && Some(header_crc) != bytes.get(..12).map(crc16) {
            return Err(FileError::BadChecksum);
        }
    }
    let stored = le_u16(file, end).ok_or(FileError::Truncated { format: FORMAT })?;
    let body = file
        .get(..end)
        .ok_or(FileError::Truncated { format: FORMAT })?;
    if stored != crc16(body) {
        return Err(FileError::BadChecksum);
    }
    Ok(file)
}

fn number(v: &Value) -> Option<f64> {
    let x = match v {
        Value::Byte(x) | Value::Enum(x) | Value::UInt8(x) | Value::UInt8z(x) => f64::from(*x),
        Value::SInt8(x) => f64::from(*x),
        Value::SInt16(x) => f64::from(*x),
        Value::UInt16(x) | Value::UInt16z(x) => f64::from(*x),
        Value::SInt32(x) => f64::from(*x),
        Value::UInt32(x) | Value::UInt32z(x) => f64::from(*x),
        Value::SInt64(x) => *x as f64,
        Value::UInt64(x) | Value::UInt64z(x) => *x as f64,
        Value::Float32(x) => f64::from(*x),
        Value::Float64(x) => *x,
        _ => return None,
    };
    x.is_finite().then_some(x)
}

fn utc_seconds(v: &Value) -> Option<i64> {
    match v {
        Value::Timestamp(t) => Some(t.timestamp()),
        _ => None,
    }
}

/// The file's own count of local seconds since the FIT epoch, from fitparser's
/// `DateTime<Local>` of a `local_date_time` field: fitparser made it as "the FIT epoch read
/// as this machine's local time, plus the file's seconds", so subtracting the first part
/// gives the second exactly, whatever this machine's zone.
fn local_seconds(v: &Value) -> Option<i64> {
    let Value::Timestamp(t) = v else { return None };
    let epoch = NaiveDate::from_ymd_opt(1989, 12, 31)?.and_hms_opt(0, 0, 0)?;
    let base: DateTime<Local> = Local.from_local_datetime(&epoch).earliest()?;
    Some(t.signed_duration_since(base).num_seconds())
}

fn text(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        _ => None,
    }
}

/// The app's sport from FIT's sport and sub-sport names.
fn sport(sport: Option<&str>, sub: Option<&str>) -> Option<Sport> {
    let by_sport = sport.and_then(sport_from_name);
    let by_sub = sub.and_then(sport_from_name).filter(|s| *s != Sport::Other);
    match (by_sport, by_sub) {
        (Some(s @ (Sport::Run | Sport::Ride | Sport::Swim)), _) => Some(s),
        (_, Some(s)) => Some(s),
        (s, None) => s,
    }
}

/// Reads a FIT activity file.
///
/// A file cut short (the watch's battery died, a copy stopped) imports what was recorded
/// before the cut, and its notes say so; so does a file whose messages stop decoding part
/// way. A file whose checksum does not match is refused: its values cannot be trusted.
pub fn read(bytes: &[u8]) -> Result<Track, FileError> {
    let (file, cut) = match checked(bytes) {
        Ok(file) => (file, false),
        Err(FileError::Truncated { .. }) if bytes.len() > 14 && is_fit(bytes) => (bytes, true),
        Err(e) => return Err(e),
    };
    let (records, stopped) = decode(file);
    let why = match (&stopped, cut) {
        (_, true) => Some("the file is cut short".to_string()),
        (Some(e), false) => Some(format!("part of it could not be decoded ({e})")),
        (None, false) => None,
    };
    let mut track = match (track(&records), &why) {
        (Ok(t), _) => t,
        (Err(e), None) => return Err(e),
        (Err(_), Some(_)) => return Err(FileError::Truncated { format: FORMAT }),
    };
    if let Some(why) = why {
        // What was read must be an activity: a minute of records at least.
        let span = track
            .legs
            .iter()
            .map(|l| {
                let t = l.samples.iter().map(|s| s.time_s);
                t.clone().fold(f64::NAN, f64::max) - t.fold(f64::NAN, f64::min)
            })
            .fold(0.0, f64::max);
        // `span` is NaN without samples (the fold's start), which is no minute either.
        if span.is_nan() || span < 60.0 {
            return Err(match stopped {
                Some(detail) if !cut => FileError::Damaged {
                    format: FORMAT,
                    detail,
                },
                _ => FileError::Truncated { format: FORMAT },
            });
        }
        track.notes.push(format!(
            "{why}: the {} min recorded before that are imported",
            (span / 60.0).round()
        ));
    }
    Ok(track)
}

/// The FIT messages of `file`, decoded one by one until the end or the first message that
/// cannot be decoded (then with why, as fitparser says it).
fn decode(file: &[u8]) -> (Vec<FitDataRecord>, Option<String>) {
    let mut processor = fitparser::de::FitStreamProcessor::new();
    let mut records = Vec::new();
    let mut rest = file;
    while !rest.is_empty() {
        let (next, object) = match processor.deserialize_next(rest) {
            Ok(x) => x,
            Err(e) => return (records, Some(e.to_string())),
        };
        match object {
            // Only the first FIT file of a chained file is read.
            fitparser::de::FitObject::Crc(..) => break,
            fitparser::de::FitObject::DataMessage(m) => match processor.decode_message(m) {
                Ok(r) => records.push(r),
                Err(e) => return (records, Some(e.to_string())),
            },
            _ => {}
        }
        rest = next;
    }
    (records, None)
}

/// FIT `date_time` values under this are not dates but seconds since the device was
/// switched on ("system time", FIT protocol §"Date/Time"): a file that records only those
/// is anchored at its `file_id.time_created`.
const FIT_SYSTEM_TIME_LIMIT: i64 = 0x1000_0000;

/// One FIT `session` message: a leg of the activity, as the device summarised it.
#[derive(Default)]
struct SessionMessage {
    sport: Option<String>,
    sub_sport: Option<String>,
    totals: Totals,
    pool_length_m: Option<f64>,
}

/// One `event` message of the timer: its time, and whether it starts the timer (else it
/// stops it: `stop`, `stop_all`, `stop_disable`, `stop_disable_all`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimerEvent {
    pub time_s: f64,
    pub start: bool,
}

/// The timer event of an `event` message, if it is one.
fn timer_event(r: &FitDataRecord) -> Option<TimerEvent> {
    let (mut time, mut event, mut kind) = (None, None, None);
    for f in r.fields() {
        match f.name() {
            "timestamp" => time = utc_seconds(f.value()),
            "event" => event = text(f.value()),
            "event_type" => kind = text(f.value()),
            _ => {}
        }
    }
    if event != Some("timer") {
        return None;
    }
    let start = match kind? {
        "start" => true,
        "stop" | "stop_all" | "stop_disable" | "stop_disable_all" => false,
        _ => return None,
    };
    Some(TimerEvent {
        time_s: time? as f64,
        start,
    })
}

/// When the watch's timer ran, as spans from a `start` to the next stop (docs/domain.md
/// §8). A stop before any start means the timer ran from the first record (Zwift's files
/// begin so); a start never stopped runs to the last record (a file cut before its final
/// stop). Empty without timer events; `first` and `last` are the first and last records'
/// times.
pub fn timer_spans(events: &[TimerEvent], first: f64, last: f64) -> Vec<(f64, f64)> {
    let mut sorted: Vec<TimerEvent> = events
        .iter()
        .filter(|e| e.time_s.is_finite())
        .copied()
        .collect();
    sorted.sort_by(|a, b| a.time_s.total_cmp(&b.time_s));
    let mut spans = Vec::new();
    let mut running = match sorted.first() {
        Some(e) if !e.start => Some(first.min(e.time_s)),
        _ => None,
    };
    for e in &sorted {
        match (running, e.start) {
            (None, true) => running = Some(e.time_s),
            (Some(from), false) => {
                spans.push((from, e.time_s));
                running = None;
            }
            _ => {}
        }
    }
    if let Some(from) = running {
        spans.push((from, last.max(from)));
    }
    spans
}

/// The seconds of `spans` between `from` and `to`.
fn overlap(spans: &[(f64, f64)], from: f64, to: f64) -> f64 {
    spans
        .iter()
        .map(|&(a, b)| (b.min(to) - a.max(from)).max(0.0))
        .filter(|s| s.is_finite())
        .sum()
}

/// The part of a recording after its last lap, as one more lap to add to the laps' totals
/// (a file without a session message whose laps end before its records do: docs/domain.md
/// §8). Its timer time is the timer's, from the timer events, where the file has them and
/// they say the timer ran; otherwise the recorded time of its records (the stream's pauses
/// left out, as the timer leaves them out). `None` without records after `laps_end`.
fn after_laps(
    samples: &[Sample],
    laps_end: f64,
    sport: Option<Sport>,
    spans: &[(f64, f64)],
) -> Option<Totals> {
    // The last record at or before the laps' end starts the first interval after it.
    let anchor = samples.iter().rposition(|s| s.time_s <= laps_end)?;
    let mut tail: Vec<Sample> = samples.get(anchor..)?.to_vec();
    let last = tail.last()?.time_s;
    if last <= laps_end {
        return None;
    }
    if let Some(a) = tail.first_mut() {
        // Its heart rate and power belong to the last lap.
        a.heart_rate = None;
        a.power = None;
    }
    let max_speed = streams::max_speed_mps(sport.unwrap_or(Sport::Other));
    let (s, _) = streams::read(&tail, max_speed)?;
    let timer = Some(overlap(spans, laps_end, last))
        .filter(|t| *t >= 1.0)
        .unwrap_or(s.recorded_s);
    (timer >= 1.0).then_some(Totals {
        start_s: Some(laps_end),
        elapsed_s: Some(last - laps_end),
        timer_s: Some(timer),
        distance_m: s.distance_m,
        ascent_m: s.elevation_gain_m,
        avg_hr: s.avg_hr,
        max_hr: s.max_hr,
        avg_power: s.avg_power,
        ..Totals::default()
    })
}

/// The track of decoded FIT messages: a leg per `session` message (a multisport file has
/// one per discipline and one per transition; transitions are left out and said in the
/// notes), each with the records and lengths of its time span. A file without session
/// messages is one leg, with the laps' totals and the records after the last lap
/// ([`after_laps`]); without laps either, with the timer's time from its events
/// ([`timer_spans`]).
pub fn track(records: &[FitDataRecord]) -> Result<Track, FileError> {
    let mut track = Track::default();
    let mut points = Vec::new();
    let mut names: (Option<String>, Option<String>) = (None, None);
    let mut activity: (Option<i64>, Option<i64>) = (None, None);
    let mut sessions: Vec<SessionMessage> = Vec::new();
    let mut laps = Totals::default();
    let mut lap_count = 0usize;
    // When the last lap ends: the latest lap `timestamp` (or start plus elapsed time).
    let mut laps_end: Option<f64> = None;
    let mut timer_events: Vec<TimerEvent> = Vec::new();
    let mut lengths: Vec<SwimLength> = Vec::new();
    let mut time_created: Option<i64> = None;
    for r in records {
        match r.kind() {
            MesgNum::FileId => {
                for f in r.fields() {
                    match f.name() {
                        "type" => {
                            if let Some(kind) = text(f.value()) {
                                if kind != "activity" {
                                    return Err(FileError::NotARecording {
                                        format: FORMAT,
                                        what: kind.replace('_', " "),
                                    });
                                }
                            }
                        }
                        "time_created" => time_created = utc_seconds(f.value()),
                        _ => {}
                    }
                }
            }
            MesgNum::Record => {
                let mut p = Point::default();
                p.sample.time_s = f64::NAN;
                let (mut lat, mut lon, mut alt, mut enhanced) = (None, None, None, None);
                for f in r.fields() {
                    let v = f.value();
                    match f.name() {
                        "timestamp" => {
                            p.sample.time_s = utc_seconds(v).map_or(f64::NAN, |t| t as f64)
                        }
                        "heart_rate" => p.sample.heart_rate = number(v),
                        "power" => p.sample.power = number(v),
                        "distance" => p.sample.distance_m = number(v),
                        "altitude" => alt = number(v),
                        "enhanced_altitude" => enhanced = number(v),
                        "position_lat" => lat = number(v),
                        "position_long" => lon = number(v),
                        _ => {}
                    }
                }
                p.sample.altitude_m = enhanced.or(alt);
                // Semicircles to degrees: 2³¹ semicircles = 180°.
                let deg = |s: f64| s * 180.0 / 2_147_483_648.0;
                p.position = lat.zip(lon).map(|(a, b)| (deg(a), deg(b)));
                points.push(p);
            }
            MesgNum::Session => {
                let mut m = SessionMessage::default();
                read_totals(r, &mut m.totals);
                for f in r.fields() {
                    let v = f.value();
                    match f.name() {
                        "sport" => m.sport = text(v).map(str::to_owned),
                        "sub_sport" => m.sub_sport = text(v).map(str::to_owned),
                        "pool_length" => m.pool_length_m = number(v).filter(|l| *l > 0.0),
                        _ => {}
                    }
                }
                sessions.push(m);
            }
            MesgNum::Lap => {
                let mut lap = Totals::default();
                read_totals(r, &mut lap);
                let stamp = r
                    .fields()
                    .iter()
                    .find(|f| f.name() == "timestamp")
                    .and_then(|f| utc_seconds(f.value()))
                    .map(|t| t as f64);
                let end = stamp.or(lap.start_s.zip(lap.elapsed_s).map(|(s, e)| s + e));
                if let Some(end) = end.filter(|t| t.is_finite()) {
                    laps_end = Some(laps_end.map_or(end, |l: f64| l.max(end)));
                }
                lap_count += 1;
                add_lap(&mut laps, &lap);
            }
            MesgNum::Event => timer_events.extend(timer_event(r)),
            MesgNum::Length => {
                let mut start = None;
                let mut timer = None;
                let mut elapsed = None;
                let mut active = true;
                for f in r.fields() {
                    let v = f.value();
                    match f.name() {
                        "start_time" => start = utc_seconds(v).map(|t| t as f64),
                        "total_timer_time" => timer = number(v),
                        "total_elapsed_time" => elapsed = number(v),
                        "length_type" => active = text(v) != Some("idle"),
                        _ => {}
                    }
                }
                if let Some(start_s) = start {
                    lengths.push(SwimLength {
                        start_s,
                        timer_s: timer.or(elapsed).unwrap_or(0.0),
                        active,
                    });
                }
            }
            MesgNum::Sport if names.0.is_none() => {
                for f in r.fields() {
                    match f.name() {
                        "sport" => names.0 = text(f.value()).map(str::to_owned),
                        "sub_sport" => names.1 = text(f.value()).map(str::to_owned),
                        _ => {}
                    }
                }
            }
            MesgNum::Activity => {
                for f in r.fields() {
                    match f.name() {
                        "timestamp" => activity.0 = utc_seconds(f.value()),
                        "local_timestamp" => activity.1 = local_seconds(f.value()),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    // Relative times (seconds since the watch was switched on) are anchored at the file's
    // creation time; without one they cannot be dated.
    let relative = |t: f64| t.is_finite() && (t as i64 - FIT_EPOCH_UNIX) < FIT_SYSTEM_TIME_LIMIT;
    let first_relative = points
        .iter()
        .map(|p| p.sample.time_s)
        .find(|t| relative(*t))
        .or_else(|| {
            sessions
                .iter()
                .filter_map(|s| s.totals.start_s)
                .find(|t| relative(*t))
        });
    if let Some(first) = first_relative {
        let created = time_created.filter(|t| !relative(*t as f64));
        let Some(created) = created else {
            return Err(FileError::NoTimes { format: FORMAT });
        };
        let shift = created as f64 - first;
        let fix = |t: &mut f64| {
            if relative(*t) {
                *t += shift;
            }
        };
        points.iter_mut().for_each(|p| fix(&mut p.sample.time_s));
        for s in &mut sessions {
            if let Some(t) = s.totals.start_s.as_mut() {
                fix(t);
            }
        }
        lengths.iter_mut().for_each(|l| fix(&mut l.start_s));
        if let Some(t) = laps.start_s.as_mut() {
            fix(t);
        }
        if let Some(t) = laps_end.as_mut() {
            fix(t);
        }
        timer_events.iter_mut().for_each(|e| fix(&mut e.time_s));
        track.notes.push(
            "the watch wrote its times relative to when it was switched on; the activity is \
             dated from the file's creation time"
                .into(),
        );
    }

    if let (Some(utc), Some(local)) = activity {
        track.local_offset_s = local
            .checked_add(FIT_EPOCH_UNIX)
            .and_then(|l| l.checked_sub(utc));
    }

    let settings = watch_settings(records);
    if sessions.is_empty() {
        let sport = sport(names.0.as_deref(), names.1.as_deref());
        let samples = samples_from_points(&points, sport);
        if !points.is_empty() && samples.is_empty() && laps.start_s.is_none() {
            return Err(FileError::NoTimes { format: FORMAT });
        }
        let mut totals = laps;
        if let (Some(first), Some(last)) = (samples.first(), samples.last()) {
            let spans = timer_spans(&timer_events, first.time_s, last.time_s);
            match laps_end {
                // No lap either: the timer's time, from its events.
                _ if lap_count == 0 => {
                    totals.timer_s = Some(overlap(&spans, f64::NEG_INFINITY, f64::INFINITY))
                        .filter(|t| *t >= 1.0);
                    // Elapsed: from the timer's first start to its last stop.
                    if let (Some(a), Some(b), Some(_)) =
                        (spans.first(), spans.last(), totals.timer_s)
                    {
                        totals.elapsed_s = Some(b.1 - a.0).filter(|e| e.is_finite());
                    }
                }
                Some(end) => {
                    if let Some(tail) = after_laps(&samples, end, sport, &spans) {
                        let minutes = |s: f64| (s / 60.0).round();
                        if tail.elapsed_s.unwrap_or(0.0) >= 60.0 {
                            track.notes.push(format!(
                                "its laps end {} min before its records do: the {} min \
                                 recorded after the last lap are counted too",
                                minutes(tail.elapsed_s.unwrap_or(0.0)),
                                minutes(tail.timer_s.unwrap_or(0.0))
                            ));
                        }
                        add_lap(&mut totals, &tail);
                    }
                }
                None => {}
            }
        }
        track.legs.push(Leg {
            sport,
            samples,
            totals,
            lengths,
            watch: settings.without_sessions,
            gps: points.iter().any(|p| p.position.is_some()),
        });
        return Ok(track);
    }

    // Each session takes the records from its start to the next session's start.
    let starts: Vec<Option<f64>> = sessions.iter().map(|s| s.totals.start_s).collect();
    let single = sessions.len() == 1;
    let mut transitions = 0usize;
    let mut transition_s = 0.0;
    for (i, m) in sessions.into_iter().enumerate() {
        let is_transition = m.sport.as_deref() == Some("transition")
            || m.sub_sport
                .as_deref()
                .is_some_and(|s| s.ends_with("_transition"));
        if is_transition {
            transitions += 1;
            transition_s += m.totals.elapsed_s.or(m.totals.timer_s).unwrap_or(0.0);
            continue;
        }
        let from = m.totals.start_s.unwrap_or(f64::NEG_INFINITY);
        let to = starts
            .iter()
            .skip(i + 1)
            .flatten()
            .copied()
            .find(|t| *t > from)
            .unwrap_or(f64::INFINITY);
        let within = |t: f64| single || (t >= from && t < to);
        let leg_sport = sport(
            m.sport.as_deref().or(names.0.as_deref()),
            m.sub_sport.as_deref().or(names.1.as_deref()),
        );
        let leg_points: Vec<Point> = points
            .iter()
            .filter(|p| !p.sample.time_s.is_finite() || within(p.sample.time_s))
            .copied()
            .collect();
        let mut totals = m.totals;
        let pool_lengths: Vec<SwimLength> = lengths
            .iter()
            .filter(|l| within(l.start_s))
            .copied()
            .collect();
        if let (Some(pool_length_m), false) = (m.pool_length_m, pool_lengths.is_empty()) {
            let active: Vec<&SwimLength> = pool_lengths.iter().filter(|l| l.active).collect();
            totals.pool = Some(PoolLengths {
                pool_length_m,
                active_lengths: u32::try_from(active.len()).unwrap_or(u32::MAX),
                active_s: active.iter().map(|l| l.timer_s).sum(),
            });
        }
        track.legs.push(Leg {
            sport: leg_sport,
            samples: samples_from_points(&leg_points, leg_sport),
            totals,
            lengths: pool_lengths,
            watch: settings.sessions.get(i).copied().flatten(),
            gps: leg_points.iter().any(|p| p.position.is_some()),
        });
    }
    if transitions > 0 {
        track.notes.push(format!(
            "{transitions} transition{} ({} min in all) left out: only the disciplines are \
             sessions",
            if transitions == 1 { "" } else { "s" },
            (transition_s / 60.0).round()
        ));
    }
    Ok(track)
}

/// The watch's own settings (docs/domain.md §6.1), for each `session` message in order and
/// for a file without any.
#[derive(Debug, Default, PartialEq)]
pub struct FileSettings {
    pub sessions: Vec<Option<WatchSettings>>,
    pub without_sessions: Option<WatchSettings>,
}

/// The thresholds the watch had set, from `zones_target` (`threshold_heart_rate`,
/// `max_heart_rate`, `functional_threshold_power`, `hr_calc_type`) and `user_profile`
/// (`resting_heart_rate`). A multisport file writes a `zones_target` before each
/// discipline's `session` (corpus: sportslib_triathlons_4623204522.fit), so each session has
/// the last one before it (a session before any, the file's last); the resting HR is the
/// file's. Values no setting can be are left out (`WatchSettings::plausible`); fitparser
/// already drops FIT's "invalid" markers.
pub fn watch_settings(records: &[FitDataRecord]) -> FileSettings {
    #[derive(Clone, Copy, Default)]
    struct Zones {
        lthr: Option<f64>,
        max_hr: Option<f64>,
        ftp: Option<f64>,
        hr_calc: Option<HrCalc>,
    }
    let mut resting: Option<f64> = None;
    let mut current: Option<Zones> = None;
    let mut before_sessions: Vec<Option<Zones>> = Vec::new();
    for r in records {
        match r.kind() {
            MesgNum::ZonesTarget => {
                let mut z = Zones::default();
                for f in r.fields() {
                    let v = f.value();
                    match f.name() {
                        "threshold_heart_rate" => z.lthr = number(v),
                        "max_heart_rate" => z.max_hr = number(v),
                        "functional_threshold_power" => z.ftp = number(v),
                        "hr_calc_type" => z.hr_calc = text(v).and_then(HrCalc::from_fit),
                        _ => {}
                    }
                }
                current = Some(z);
            }
            MesgNum::UserProfile => {
                for f in r.fields() {
                    if f.name() == "resting_heart_rate" {
                        resting = resting.or(number(f.value()).filter(|h| *h > 0.0));
                    }
                }
            }
            MesgNum::Session => before_sessions.push(current),
            _ => {}
        }
    }
    let settings = |z: Option<Zones>| {
        let z = z.unwrap_or_default();
        WatchSettings::plausible(z.lthr, z.max_hr, z.ftp, resting, z.hr_calc)
    };
    FileSettings {
        sessions: before_sessions
            .into_iter()
            .map(|z| settings(z.or(current)))
            .collect(),
        without_sessions: settings(current),
    }
}

/// The totals a `session` or `lap` message carries.
fn read_totals(r: &FitDataRecord, t: &mut Totals) {
    for f in r.fields() {
        let v = f.value();
        match f.name() {
            "start_time" => t.start_s = utc_seconds(v).map(|s| s as f64),
            "total_elapsed_time" => t.elapsed_s = number(v),
            "total_timer_time" => t.timer_s = number(v),
            "total_distance" => t.distance_m = number(v),
            "total_ascent" => t.ascent_m = number(v),
            "avg_heart_rate" => t.avg_hr = number(v).filter(|h| *h > 0.0),
            "max_heart_rate" => t.max_hr = number(v).filter(|h| *h > 0.0),
            "avg_power" => t.avg_power = number(v),
            "normalized_power" => t.normalized_power = number(v).filter(|p| *p > 0.0),
            _ => {}
        }
    }
}

/// Adds one lap to the laps' totals: times, distance and ascent add up; the first lap's
/// start; the heart rate and power averages weighted by the laps' timer time.
fn add_lap(sum: &mut Totals, lap: &Totals) {
    let add = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => Some(a + b),
        (a, b) => a.or(b),
    };
    let weight = lap.timer_s.or(lap.elapsed_s).unwrap_or(0.0);
    let before = sum.timer_s.or(sum.elapsed_s).unwrap_or(0.0);
    let mean = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) if before + weight > 0.0 => {
            Some((a * before + b * weight) / (before + weight))
        }
        (a, b) => a.or(b),
    };
    sum.avg_hr = mean(sum.avg_hr, lap.avg_hr);
    sum.avg_power = mean(sum.avg_power, lap.avg_power);
    sum.max_hr = match (sum.max_hr, lap.max_hr) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    sum.start_s = sum.start_s.or(lap.start_s);
    sum.elapsed_s = add(sum.elapsed_s, lap.elapsed_s);
    sum.timer_s = add(sum.timer_s, lap.timer_s);
    sum.distance_m = add(sum.distance_m, lap.distance_m);
    sum.ascent_m = add(sum.ascent_m, lap.ascent_m);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_the_fit_sdk_check_string() {
        // CRC-16/ARC (poly 0xA001 reflected, init 0), the FIT CRC: "123456789" → 0xBB3D.
        assert_eq!(crc16(b"123456789"), 0xBB3D);
        assert_eq!(crc16(b""), 0);
    }

    #[test]
    fn short_and_cut_headers() {
        assert!(!is_fit(b".FIT"));
        let mut h = vec![14u8, 0x20, 0, 0, 100, 0, 0, 0];
        h.extend(b".FIT");
        h.extend([0, 0]);
        assert!(is_fit(&h));
        assert_eq!(read(&h), Err(FileError::Truncated { format: FORMAT }));
        let mut tiny = h.clone();
        tiny[0] = 3;
        assert!(matches!(read(&tiny), Err(FileError::Damaged { .. })));
    }

    #[test]
    fn a_header_longer_than_the_file_is_cut_not_a_panic() {
        // The fuzzer's find (fuzz/fuzz_targets/activity_fit.rs): a header that says it is
        // 189 bytes long in a file of 100, data size 0. fitparser sliced past the end;
        // now it is a file cut short, with nothing to import.
        let mut bytes = vec![189u8, 0x20, 0, 0, 0, 0, 0, 0];
        bytes.extend(b".FIT");
        bytes.resize(100, 0x7f);
        assert!(read(&bytes).is_err());
    }

    #[test]
    fn a_cut_header_smaller_than_its_input_is_no_overflow() {
        // The GPX fuzz target's find (an input that begins as XML and carries ".FIT" at
        // bytes 8–11): fitparser computed the bytes a cut header needs as header size −
        // input length, which overflowed. The 90 bytes as found:
        let hex = "3c3f786d430000002e464954000060004300000100000000000000000000000000000000000000000000000000000000000000000000000060000000000000000000000020200000000000000040000000000000000000003e0a";
        let bytes: Vec<u8> = (0..hex.len())
            .step_by(2)
            .filter_map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
            .collect();
        assert_eq!(bytes.len(), 90);
        assert!(read(&bytes).is_err());
    }

    #[test]
    fn timer_spans_from_events() {
        let ev = |time_s: f64, start: bool| TimerEvent { time_s, start };
        // Start, stop, start, stop: two spans, 100 + 50 s.
        let spans = timer_spans(
            &[
                ev(0.0, true),
                ev(100.0, false),
                ev(130.0, true),
                ev(180.0, false),
            ],
            0.0,
            180.0,
        );
        assert_eq!(spans, [(0.0, 100.0), (130.0, 180.0)]);
        assert_eq!(overlap(&spans, f64::NEG_INFINITY, f64::INFINITY), 150.0);
        assert_eq!(overlap(&spans, 90.0, 140.0), 20.0);
        // The corpus' Zwift ride (sportslib_rides_971150603.fit) begins with a stop: the
        // timer ran from the first record. Its events, in seconds from the first record at
        // 17:14:38: stop 26, start 31, stop 3 031, start 3 051, stop 3 818; by hand
        // 26 + 3 000 + 767 = 3 793 s.
        let zwift = [
            ev(26.0, false),
            ev(31.0, true),
            ev(3031.0, false),
            ev(3051.0, true),
            ev(3818.0, false),
        ];
        let spans = timer_spans(&zwift, 0.0, 3821.0);
        assert_eq!(overlap(&spans, f64::NEG_INFINITY, f64::INFINITY), 3793.0);
        // A start never stopped (a file cut short) runs to the last record; a second start
        // while running, and a stop while stopped, change nothing.
        let spans = timer_spans(
            &[
                ev(0.0, true),
                ev(10.0, true),
                ev(50.0, false),
                ev(60.0, false),
            ],
            0.0,
            500.0,
        );
        assert_eq!(spans, [(0.0, 50.0)]);
        assert_eq!(timer_spans(&[ev(5.0, true)], 0.0, 500.0), [(5.0, 500.0)]);
        assert!(timer_spans(&[], 0.0, 500.0).is_empty());
        assert!(timer_spans(&[ev(f64::NAN, true)], 0.0, 500.0).is_empty());
    }

    #[test]
    fn sports() {
        assert_eq!(sport(Some("running"), Some("trail")), Some(Sport::Run));
        assert_eq!(sport(Some("training"), Some("yoga")), Some(Sport::Yoga));
        assert_eq!(
            sport(Some("training"), Some("strength_training")),
            Some(Sport::Strength)
        );
        assert_eq!(
            sport(Some("fitness_equipment"), Some("indoor_cycling")),
            Some(Sport::Ride)
        );
        assert_eq!(sport(Some("walking"), None), Some(Sport::Other));
        assert_eq!(sport(None, None), None);
    }
}
