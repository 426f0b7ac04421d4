//! Garmin Training Center XML (TCX v2): `Activities/Activity[@Sport]/Lap[@StartTime]/
//! Track/Trackpoint` with `Time`, `Position`, `AltitudeMeters`, `DistanceMeters`,
//! `HeartRateBpm/Value` and, in the `TPX` extension (ActivityExtension v2), `Watts`.
//!
//! - **The laps are the device's summary**: their `TotalTimeSeconds` (timer time, pauses
//!   left out) add up to the moving time, their `DistanceMeters` to the distance, their
//!   `AverageHeartRateBpm` (weighted by lap time) give the average heart rate and their
//!   `MaximumHeartRateBpm` the maximum; the first lap's `StartTime` is the start. The
//!   trackpoints give the rest (NGP, time in zones, elevation, power).
//! - **Multisport**: each `Activity` is a leg, whether under `Activities` or in a
//!   `MultiSportSession`'s `FirstSport`/`NextSport`; a `NextSport`'s `Transition` lap is left
//!   out and said in the notes.
//! - `Sport="Other"` (Garmin Connect's word for a swim, among others) is the sport `Other`.
//!
//! A TCX holding `Courses` or `Workouts` but no `Activity` is not a recording and is
//! refused as such.

use super::xml::{self, ends_with, inside, number, Visitor};
use super::{
    parse_time, samples_from_points, sport_from_name, FileError, FileFormat, Leg, Point, Totals,
    Track,
};
use crate::domain::session::Sport;

/// One `Activity` being read.
#[derive(Default)]
struct Activity {
    sport: Option<Sport>,
    id_time: Option<f64>,
    points: Vec<Point>,
    totals: Totals,
    /// Σ lap time × lap average heart rate, and the lap time it covers.
    hr_weighted: (f64, f64),
    lap_time: Option<f64>,
    lap_hr: Option<f64>,
}

#[derive(Default)]
struct Tcx {
    activities: Vec<Activity>,
    current: Option<Point>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    transitions: usize,
    other: Option<&'static str>,
}

impl Tcx {
    fn activity(&mut self) -> Option<&mut Activity> {
        self.activities.last_mut()
    }
}

fn add(slot: &mut Option<f64>, v: Option<f64>) {
    if let Some(v) = v.filter(|v| *v >= 0.0) {
        *slot = Some(slot.unwrap_or(0.0) + v);
    }
}

impl Visitor for Tcx {
    fn start(&mut self, path: &[String], attribute: &dyn Fn(&str) -> Option<String>) {
        match path.last().map(String::as_str) {
            Some("activity") if inside(path, "activities") || inside(path, "multisportsession") => {
                self.activities.push(Activity {
                    sport: attribute("Sport").and_then(|s| sport_from_name(&s)),
                    ..Activity::default()
                });
            }
            Some("lap") if inside(path, "activity") => {
                let start = attribute("StartTime").and_then(|t| parse_time(&t));
                if let Some(a) = self.activity() {
                    if a.totals.start_s.is_none() {
                        a.totals.start_s = start;
                    }
                    a.lap_time = None;
                    a.lap_hr = None;
                }
            }
            Some("transition") if inside(path, "nextsport") => self.transitions += 1,
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
        if !inside(path, "activity") {
            return;
        }
        let Some(a) = self.activity() else { return };
        if ends_with(path, &["activity", "id"]) {
            a.id_time = parse_time(text);
        } else if ends_with(path, &["lap", "totaltimeseconds"]) {
            let t = number(text).filter(|v| *v >= 0.0);
            add(&mut a.totals.timer_s, t);
            a.lap_time = t;
        } else if ends_with(path, &["lap", "distancemeters"]) {
            add(&mut a.totals.distance_m, number(text));
        } else if ends_with(path, &["lap", "averageheartratebpm", "value"]) {
            a.lap_hr = number(text).filter(|v| *v > 0.0);
        } else if ends_with(path, &["lap", "maximumheartratebpm", "value"]) {
            let max = number(text).filter(|v| *v > 0.0);
            let t = &mut a.totals;
            t.max_hr = match (t.max_hr, max) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
        }
    }

    fn end(&mut self, path: &[String]) {
        match path.last().map(String::as_str) {
            Some("trackpoint") => {
                if let Some(mut p) = self.current.take() {
                    if let (Some(la), Some(lo)) = (self.latitude, self.longitude) {
                        p.position = Some((la, lo));
                    }
                    if let Some(a) = self.activity() {
                        a.points.push(p);
                    }
                }
            }
            Some("lap") if inside(path, "activity") => {
                if let Some(a) = self.activity() {
                    if let (Some(t), Some(hr)) = (a.lap_time, a.lap_hr) {
                        a.hr_weighted.0 += t * hr;
                        a.hr_weighted.1 += t;
                    }
                }
            }
            _ => {}
        }
    }
}

/// Reads a TCX file: a leg per `Activity`.
pub fn read(bytes: &[u8]) -> Result<Track, FileError> {
    let format = FileFormat::Tcx;
    let mut tcx = Tcx::default();
    xml::walk(bytes, format, &mut tcx)?;
    if tcx.activities.is_empty() {
        return Err(match tcx.other {
            Some(what) => FileError::NotARecording {
                format,
                what: what.into(),
            },
            None => FileError::NoRecords { format },
        });
    }
    let mut track = Track::default();
    for a in tcx.activities {
        let samples = samples_from_points(&a.points, a.sport);
        if !a.points.is_empty() && samples.is_empty() && a.totals.start_s.is_none() {
            return Err(FileError::NoTimes { format });
        }
        let mut totals = a.totals;
        totals.start_s = totals.start_s.or(a.id_time);
        if a.hr_weighted.1 > 0.0 {
            totals.avg_hr = Some(a.hr_weighted.0 / a.hr_weighted.1);
        }
        // Elapsed: from the start to the last trackpoint (the laps' times leave pauses out).
        let last = samples
            .iter()
            .map(|s| s.time_s)
            .fold(None, |m: Option<f64>, t| Some(m.map_or(t, |m| m.max(t))));
        if let (Some(start), Some(last)) = (totals.start_s, last) {
            totals.elapsed_s = Some((last - start).max(totals.timer_s.unwrap_or(0.0)));
        }
        if totals.timer_s == Some(0.0) {
            totals.timer_s = None;
        }
        if totals.distance_m == Some(0.0) {
            totals.distance_m = None;
        }
        track.legs.push(Leg {
            sport: a.sport,
            gps: a.points.iter().any(|p| p.position.is_some()),
            samples,
            totals,
            ..Leg::default()
        });
    }
    if tcx.transitions > 0 {
        track.notes.push(format!(
            "{} transition{} left out: only the disciplines are sessions",
            tcx.transitions,
            if tcx.transitions == 1 { "" } else { "s" }
        ));
    }
    Ok(track)
}
