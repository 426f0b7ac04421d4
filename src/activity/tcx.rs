//! Garmin Training Center XML (TCX v2): `Activities/Activity[@Sport]/Lap[@StartTime]/
//! Track/Trackpoint` with `Time`, `Position`, `AltitudeMeters`, `DistanceMeters`,
//! `HeartRateBpm/Value` and, in the `TPX` extension (ActivityExtension v2), `Watts`. Lap
//! totals (`TotalTimeSeconds`, `DistanceMeters`) stand in where trackpoints lack them.
//!
//! A TCX holding `Courses` or `Workouts` but no `Activity` is not a recording and is
//! refused as such.

use super::xml::{self, ends_with, inside, number, Visitor};
use super::{
    parse_time, samples_from_points, sport_from_name, FileError, FileFormat, Point, Track,
};

#[derive(Default)]
struct Tcx {
    track: Track,
    points: Vec<Point>,
    current: Option<Point>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    activities: usize,
    other: Option<&'static str>,
    lap_time: f64,
    lap_distance: f64,
}

impl Visitor for Tcx {
    fn start(&mut self, path: &[String], attribute: &dyn Fn(&str) -> Option<String>) {
        match path.last().map(String::as_str) {
            Some("activity") if inside(path, "activities") => {
                self.activities += 1;
                if self.track.sport.is_none() {
                    self.track.sport = attribute("Sport").and_then(|s| sport_from_name(&s));
                }
            }
            Some("lap") if inside(path, "activity") && self.track.totals.start_s.is_none() => {
                self.track.totals.start_s = attribute("StartTime").and_then(|t| parse_time(&t));
            }
            Some("trackpoint") if inside(path, "activity") => {
                let mut p = Point::default();
                p.sample.time_s = f64::NAN;
                self.current = Some(p);
                self.latitude = None;
                self.longitude = None;
            }
            Some("courses") => self.other = Some("course"),
            Some("workouts") => self.other = self.other.or(Some("workout plan")),
            _ => {}
        }
    }

    fn text(&mut self, path: &[String], text: &str) {
        if let Some(p) = self.current.as_mut() {
            let s = &mut p.sample;
            if ends_with(path, &["trackpoint", "time"]) {
                s.time_s = parse_time(text).unwrap_or(f64::NAN);
            } else if ends_with(path, &["heartratebpm", "value"]) {
                s.heart_rate = number(text);
            } else if ends_with(path, &["trackpoint", "distancemeters"]) {
                s.distance_m = number(text);
            } else if ends_with(path, &["trackpoint", "altitudemeters"]) {
                s.altitude_m = number(text);
            } else if ends_with(path, &["position", "latitudedegrees"]) {
                self.latitude = number(text);
            } else if ends_with(path, &["position", "longitudedegrees"]) {
                self.longitude = number(text);
            } else if ends_with(path, &["watts"]) {
                s.power = number(text);
            }
            return;
        }
        if ends_with(path, &["lap", "totaltimeseconds"]) {
            self.lap_time += number(text).filter(|v| *v >= 0.0).unwrap_or(0.0);
        } else if ends_with(path, &["lap", "distancemeters"]) {
            self.lap_distance += number(text).filter(|v| *v >= 0.0).unwrap_or(0.0);
        } else if ends_with(path, &["lap", "maximumheartratebpm", "value"]) {
            let max = number(text);
            let t = &mut self.track.totals;
            t.max_hr = match (t.max_hr, max) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
        }
    }

    fn end(&mut self, path: &[String]) {
        if path.last().map(String::as_str) == Some("trackpoint") {
            if let Some(mut p) = self.current.take() {
                if let (Some(la), Some(lo)) = (self.latitude, self.longitude) {
                    p.position = Some((la, lo));
                }
                self.points.push(p);
            }
        }
    }
}

/// Reads a TCX file's first activity (a multisport file's parts are read as one).
pub fn read(bytes: &[u8]) -> Result<Track, FileError> {
    let format = FileFormat::Tcx;
    let mut tcx = Tcx::default();
    xml::walk(bytes, format, &mut tcx)?;
    if tcx.activities == 0 {
        return Err(match tcx.other {
            Some(what) => FileError::NotARecording {
                format,
                what: what.into(),
            },
            None => FileError::NoRecords { format },
        });
    }
    let mut track = tcx.track;
    track.samples = samples_from_points(&tcx.points);
    if !tcx.points.is_empty() && track.samples.is_empty() {
        return Err(FileError::NoTimes { format });
    }
    if tcx.lap_time > 0.0 {
        track.totals.timer_s = Some(tcx.lap_time);
        track.totals.elapsed_s = Some(tcx.lap_time);
    }
    if tcx.lap_distance > 0.0 {
        track.totals.distance_m = Some(tcx.lap_distance);
    }
    Ok(track)
}
