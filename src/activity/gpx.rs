//! GPS Exchange Format (GPX 1.0 and 1.1): `trk/trkseg/trkpt[@lat,@lon]` with `ele` and
//! `time`, heart rate and power from the extensions watches and apps write (Garmin's
//! `TrackPointExtension` `hr`, and `power` or `PowerInWatts`), sport from `trk/type`
//! (Garmin Connect writes `running`, Strava its numeric activity codes: `9` a run, `17` a
//! virtual ride), name from `trk/name`. Distance is measured between the points' positions
//! (haversine), skipping GPS spikes (`super::samples_from_points`).
//!
//! A GPX has no summary of its own, so everything comes from the points
//! (`domain::streams`): **moving time** is the seconds at walking speed or faster, an
//! interval of over 10 s without movement is a pause, and a sparse recording (a point
//! every few seconds or a minute) is resampled, not taken for pauses.
//!
//! **A clock jumping forward** by over a day mid-file keeps the points before the jump and
//! says so (`super::mend_clock_jumps`).
//!
//! **Segments**: a new `trkseg` is where the recording stopped and started again (an app
//! paused, the GPS lost): no distance is measured from the last segment's end to the new
//! one's start, so the time between them is a pause, not a run.
//!
//! Read with quick-xml rather than the `gpx` crate, which skips `<extensions>` and so would
//! lose the heart rate. Route points (`rtept`) and waypoints have no times as a rule; a
//! file with points but no times is refused with that reason.

use super::xml::{self, ends_with, inside, number, Visitor};
use super::{
    mend_clock_jumps, parse_time, samples_from_points, sport_from_name, FileError, FileFormat, Leg,
    Point, Totals, Track,
};
use crate::domain::session::Sport;

#[derive(Default)]
struct Gpx {
    sport: Option<Sport>,
    points: Vec<Point>,
    current: Option<Point>,
    name: Option<String>,
    /// A `trkseg` has opened and its first point is still to come.
    segment_starts: bool,
}

fn is_point(name: Option<&str>) -> bool {
    matches!(name, Some("trkpt" | "rtept"))
}

impl Visitor for Gpx {
    fn start(&mut self, path: &[String], attribute: &dyn Fn(&str) -> Option<String>) {
        if path.last().map(String::as_str) == Some("trkseg") {
            self.segment_starts = true;
        }
        if is_point(path.last().map(String::as_str)) {
            let lat = attribute("lat").and_then(|v| number(&v));
            let lon = attribute("lon").and_then(|v| number(&v));
            let mut p = Point::default();
            p.sample.time_s = f64::NAN;
            p.position = lat.zip(lon);
            self.current = Some(p);
        }
    }

    fn text(&mut self, path: &[String], text: &str) {
        if let Some(p) = self.current.as_mut() {
            let s = &mut p.sample;
            let name = path.last().map(String::as_str);
            if ends_with(path, &["trkpt", "time"]) || ends_with(path, &["rtept", "time"]) {
                s.time_s = parse_time(text).unwrap_or(f64::NAN);
            } else if ends_with(path, &["trkpt", "ele"]) || ends_with(path, &["rtept", "ele"]) {
                s.altitude_m = number(text);
            } else if inside(path, "extensions") {
                match name {
                    Some("hr" | "heartrate") => s.heart_rate = number(text),
                    Some("power" | "powerinwatts" | "watts") => s.power = number(text),
                    _ => {}
                }
            }
            return;
        }
        if ends_with(path, &["trk", "type"]) && self.sport.is_none() {
            self.sport = sport_from_name(text);
        } else if (ends_with(path, &["trk", "name"]) || ends_with(path, &["metadata", "name"]))
            && self.name.is_none()
        {
            self.name = Some(text.to_owned());
        }
    }

    fn end(&mut self, path: &[String]) {
        if is_point(path.last().map(String::as_str)) {
            if let Some(mut p) = self.current.take() {
                p.new_segment = std::mem::take(&mut self.segment_starts);
                self.points.push(p);
            }
        }
    }
}

/// Reads a GPX file's tracks (all segments of all tracks, in file order, as one activity).
pub fn read(bytes: &[u8]) -> Result<Track, FileError> {
    let format = FileFormat::Gpx;
    let mut gpx = Gpx::default();
    xml::walk(bytes, format, &mut gpx)?;
    if gpx.points.is_empty() {
        return Err(FileError::NoRecords { format });
    }
    let notes = mend_clock_jumps(&mut gpx.points);
    let samples = samples_from_points(&gpx.points, gpx.sport);
    if samples.is_empty() {
        return Err(FileError::NoTimes { format });
    }
    // No totals: the metadata's time is when the file was made, which need not be the
    // start; the first timed point is.
    let totals = Totals::default();
    Ok(Track {
        legs: vec![Leg {
            gps: gpx.points.iter().any(|p| p.position.is_some()),
            sport: gpx.sport,
            samples,
            totals,
            ..Leg::default()
        }],
        local_offset_s: None,
        title: gpx.name.map(|n| n.chars().take(120).collect()),
        notes,
    })
}
