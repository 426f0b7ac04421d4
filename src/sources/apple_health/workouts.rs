//! `<Workout>` elements, gathered from their attributes and children into [`Workout`]s,
//! and made into [`ActivitySummary`]s. Layouts, as real exports quoted in public parsers show
//! them (oddish.health's README; neiltron/apple-health-mcp
//! `docs/reference/apple-health-export-xml.md`; paulstaab/health-data-parser):
//!
//! - **Old exports** (made on iOS 15 or earlier) write a workout's totals as attributes:
//!   `duration`/`durationUnit`, `totalDistance`/`totalDistanceUnit`, `totalEnergyBurned`.
//! - **New exports** (iOS 16 on, whatever the workout's age) write them as children,
//!   `<WorkoutStatistics type=… sum=… unit=…/>` (distance) and `average`/`maximum` (heart
//!   rate), and may leave the attributes out. Both are read; statistics win where both
//!   are present (paulstaab/health-data-parser `docs/requirements.md` PARSE-005).
//! - `<WorkoutActivity>` (iOS 16 on) repeats the workout's statistics per leg or interval
//!   step: its values are used only when the workout itself has none, so nothing is
//!   counted twice.
//! - `<MetadataEntry>` directly under the workout: `HKIndoorWorkout` (0/1),
//!   `HKElevationAscended` (`5348 cm`), `HKSwimmingLocationType` (1 pool, 2 open water:
//!   Apple's `HKWorkoutSwimmingLocationType`), `HKWasUserEntered`. Metadata inside a route,
//!   an activity or an event is not the workout's (oddish.health's README notes the trap).
//! - `<WorkoutEvent>` pauses: `HKWorkoutEventTypePause`/`Resume` and the auto-pause
//!   `MotionPaused`/`MotionResumed` (Apple's `HKWorkoutEventType`).
//! - `<WorkoutRoute><FileReference path="/workout-routes/route_….gpx"/>`: the route's GPX
//!   in the zip (leading `/` or not).
//!
//! **Times.** The start is the `startDate` as written, in the offset written with it
//! (`local_time_from_file`); the session's date is the local day written there.
//! **Duration** (the session's, moving): the `duration` attribute (Apple's active time,
//! pauses excluded), else `endDate − startDate` less the pauses; elapsed is
//! `endDate − startDate`. **Heart rate**: the workout's `HeartRate` statistics, else the
//! mean and maximum of the heart-rate records inside its time (computed, and listed so).
//!
//! **Sport** (Apple's `HKWorkoutActivityType` names):
//!
//! | sport | types |
//! |---|---|
//! | run | Running (a treadmill run is `HKIndoorWorkout` 1) |
//! | ride | Cycling (indoor too) |
//! | swim | Swimming (pool or open water, from `HKSwimmingLocationType`) |
//! | strength | TraditionalStrengthTraining, FunctionalStrengthTraining, CoreTraining |
//! | yoga | Yoga, Pilates, MindAndBody, Flexibility, TaiChi |
//! | other | everything else: Walking and Hiking (the app's load model is for running, riding and swimming; a walk is not a run), HIIT, CrossTraining, Elliptical, Rowing, ball and racquet sports, SwimBikeRun… |

use crate::activity::{self, ActivitySummary, FileError, FileFormat, Leg, Totals};
use crate::domain::quantity::Bpm;
use crate::domain::session::Sport;
use crate::domain::streams::Sample;

use super::stream::{metres, number, number_and_unit, seconds, Stamp};

/// The sport of an `HKWorkoutActivityType…` (module doc).
pub fn sport_of(activity_type: &str) -> Sport {
    let t = activity_type
        .trim()
        .strip_prefix("HKWorkoutActivityType")
        .unwrap_or(activity_type.trim());
    match t {
        "Running" => Sport::Run,
        "Cycling" => Sport::Ride,
        "Swimming" => Sport::Swim,
        "TraditionalStrengthTraining" | "FunctionalStrengthTraining" | "CoreTraining" => {
            Sport::Strength
        }
        "Yoga" | "Pilates" | "MindAndBody" | "Flexibility" | "TaiChi" => Sport::Yoga,
        _ => Sport::Other,
    }
}

/// The distance statistic (`HKQuantityTypeIdentifierDistance…`) that belongs to a sport.
fn distance_type_of(sport: Sport) -> &'static str {
    match sport {
        Sport::Ride => "Cycling",
        Sport::Swim => "Swimming",
        _ => "WalkingRunning",
    }
}

/// The most pause events kept for one workout (a real one has a few dozen at most).
const MAX_EVENTS: usize = 10_000;

/// A pause-related event of a workout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PauseEvent {
    Pause,
    Resume,
    MotionPaused,
    MotionResumed,
}

/// Distance and heart-rate statistics of one level (the workout's, or its activities').
#[derive(Clone, Debug, Default)]
struct Stats {
    /// (the `Distance…` type's tail, metres): of the workout's own, the first of each
    /// type; of its activities (one per leg or interval step), the sum.
    distances: Vec<(String, f64)>,
    /// (mean, max, seconds it covers).
    heart_rate: Vec<(f64, Option<f64>, f64)>,
    elevation_m: Option<f64>,
}

impl Stats {
    /// A `<WorkoutStatistics>`'s attributes: `type`, `sum`, `average`, `maximum`, `unit`,
    /// `startDate`, `endDate`.
    fn add(&mut self, attribute: &dyn Fn(&str) -> Option<String>, add_up: bool) {
        let Some(kind) = attribute("type") else {
            return;
        };
        let Some(kind) = kind.strip_prefix("HKQuantityTypeIdentifier") else {
            return;
        };
        let unit = attribute("unit").unwrap_or_default();
        if let Some(tail) = kind.strip_prefix("Distance") {
            let m = attribute("sum")
                .and_then(|s| number(&s))
                .and_then(|v| metres(v, &unit))
                .filter(|m| *m >= 0.0);
            if let Some(m) = m {
                match self.distances.iter_mut().find(|(t, _)| t == tail) {
                    Some((_, sum)) if add_up => *sum += m,
                    Some(_) => {}
                    None => self.distances.push((tail.to_owned(), m)),
                }
            }
        } else if kind == "HeartRate" {
            let per_s = if unit.trim() == "count/s" { 60.0 } else { 1.0 };
            let mean = attribute("average").and_then(|s| number(&s));
            let max = attribute("maximum").and_then(|s| number(&s));
            let span = match (
                attribute("startDate").and_then(|s| super::stream::parse_stamp(&s)),
                attribute("endDate").and_then(|s| super::stream::parse_stamp(&s)),
            ) {
                (Some(a), Some(b)) if b.utc_s > a.utc_s => (b.utc_s - a.utc_s) as f64,
                _ => 1.0,
            };
            if let Some(mean) = mean {
                self.heart_rate
                    .push((mean * per_s, max.map(|m| m * per_s), span));
            }
        }
    }

    /// The distance for `sport`: its own statistic, else the sum of all of them (a
    /// multisport workout's swim, ride and run, each converted to metres).
    fn distance_m(&self, sport: Sport) -> Option<f64> {
        let own = distance_type_of(sport);
        if let Some((_, m)) = self.distances.iter().find(|(t, _)| t == own) {
            return Some(*m);
        }
        (!self.distances.is_empty()).then(|| self.distances.iter().map(|(_, m)| m).sum())
    }

    /// The mean heart rate (weighted by the time each statistic covers) and the highest
    /// maximum.
    fn heart_rate(&self) -> Option<(f64, Option<f64>)> {
        let weight: f64 = self.heart_rate.iter().map(|(_, _, w)| w).sum();
        if self.heart_rate.is_empty() || weight <= 0.0 {
            return None;
        }
        let mean = self.heart_rate.iter().map(|(m, _, w)| m * w).sum::<f64>() / weight;
        let max = self
            .heart_rate
            .iter()
            .filter_map(|(_, m, _)| *m)
            .fold(None, |a: Option<f64>, m| Some(a.map_or(m, |a| a.max(m))));
        Some((mean, max))
    }
}

/// A workout as it is being read.
#[derive(Default)]
pub(crate) struct WorkoutBuild {
    activity_type: String,
    source: String,
    watch: bool,
    start: Option<Stamp>,
    end: Option<Stamp>,
    duration_s: Option<f64>,
    total_distance_m: Option<f64>,
    stats: Stats,
    activities: Stats,
    events: Vec<(i64, PauseEvent)>,
    indoor: Option<bool>,
    swim_location: Option<u8>,
    user_entered: bool,
    route: Option<String>,
}

impl WorkoutBuild {
    /// From the `<Workout>`'s attributes (unescaped).
    pub(crate) fn new(attribute: &dyn Fn(&str) -> Option<String>) -> WorkoutBuild {
        let stamp = |k: &str| attribute(k).and_then(|s| super::stream::parse_stamp(&s));
        let source = attribute("sourceName").unwrap_or_default();
        let device = attribute("device");
        let duration_s = attribute("duration")
            .and_then(|d| number(&d))
            .and_then(|d| seconds(d, &attribute("durationUnit").unwrap_or_default()))
            .filter(|s| *s > 0.0);
        let total_distance_m = attribute("totalDistance")
            .and_then(|d| number(&d))
            .and_then(|d| metres(d, &attribute("totalDistanceUnit").unwrap_or_default()))
            .filter(|m| *m >= 0.0);
        WorkoutBuild {
            activity_type: attribute("workoutActivityType").unwrap_or_default(),
            watch: super::records::is_watch(&source, device.as_deref()),
            source,
            start: stamp("startDate"),
            end: stamp("endDate"),
            duration_s,
            total_distance_m,
            ..WorkoutBuild::default()
        }
    }

    /// A `<MetadataEntry>`: directly under the workout (`activity` false) or inside one of
    /// its `<WorkoutActivity>`s.
    pub(crate) fn metadata(&mut self, key: &str, value: &str, activity: bool) {
        match key {
            "HKElevationAscended" => {
                let m = number_and_unit(value)
                    .and_then(|(v, u)| metres(v, if u.is_empty() { "m" } else { u }))
                    .filter(|m| *m >= 0.0);
                if let Some(m) = m {
                    let slot = if activity {
                        &mut self.activities.elevation_m
                    } else {
                        &mut self.stats.elevation_m
                    };
                    // The workout's block of metadata is written twice in real exports: the
                    // first is kept. Activities' climbs add up.
                    *slot = match (*slot, activity) {
                        (Some(a), true) => Some(a + m),
                        (Some(a), false) => Some(a),
                        (None, _) => Some(m),
                    };
                }
            }
            _ if activity => {}
            "HKIndoorWorkout" => self.indoor = number(value).map(|v| v != 0.0),
            "HKSwimmingLocationType" => {
                self.swim_location = number(value).filter(|v| *v >= 0.0).map(|v| v as u8)
            }
            "HKWasUserEntered" => self.user_entered = number(value).is_some_and(|v| v != 0.0),
            _ => {}
        }
    }

    /// A `<WorkoutStatistics>` directly under the workout, or inside an activity.
    pub(crate) fn statistics(
        &mut self,
        attribute: &dyn Fn(&str) -> Option<String>,
        activity: bool,
    ) {
        if activity {
            self.activities.add(attribute, true);
        } else {
            self.stats.add(attribute, false);
        }
    }

    /// A `<WorkoutEvent>` directly under the workout.
    pub(crate) fn event(&mut self, kind: &str, date: &str) {
        let pause = match kind.strip_prefix("HKWorkoutEventType") {
            Some("Pause") => PauseEvent::Pause,
            Some("Resume") => PauseEvent::Resume,
            Some("MotionPaused") => PauseEvent::MotionPaused,
            Some("MotionResumed") => PauseEvent::MotionResumed,
            _ => return,
        };
        if let (Some(at), true) = (
            super::stream::parse_stamp(date),
            self.events.len() < MAX_EVENTS,
        ) {
            self.events.push((at.utc_s, pause));
        }
    }

    /// A `<FileReference path>` inside a `<WorkoutRoute>`: the first one is the route.
    pub(crate) fn route(&mut self, path: &str) {
        if self.route.is_none() && !path.trim().is_empty() {
            self.route = Some(path.trim().to_owned());
        }
    }

    /// Where it is, for the import report: "workout of 2024-05-05 (Running)".
    pub(crate) fn place(&self) -> String {
        place(self.start, &self.activity_type)
    }

    /// The workout, or why it cannot be one (a sentence's end).
    pub(crate) fn finish(mut self) -> Result<Workout, String> {
        let start = self.start.ok_or("it has no readable start date")?;
        let sport = sport_of(&self.activity_type);
        let span_s = self
            .end
            .map(|e| (e.utc_s - start.utc_s) as f64)
            .filter(|s| *s > 0.0);
        let paused_s = span_s.map_or(0.0, |span| {
            paused(&mut self.events, start.utc_s, start.utc_s + span as i64)
        });
        let moving_s = self
            .duration_s
            .or(span_s.map(|s| s - paused_s))
            .filter(|s| *s > 0.0)
            .ok_or("it has neither a duration nor an end after its start")?;
        let elapsed_s = span_s.unwrap_or(moving_s).max(moving_s);
        let distance_m = self
            .stats
            .distance_m(sport)
            .or(self.total_distance_m)
            .or_else(|| self.activities.distance_m(sport))
            .filter(|m| *m > 0.0);
        let heart_rate = self
            .stats
            .heart_rate()
            .or_else(|| self.activities.heart_rate());
        Ok(Workout {
            sport,
            activity_type: self.activity_type,
            source: self.source,
            watch: self.watch,
            start,
            elapsed_s,
            moving_s,
            distance_m,
            avg_hr: heart_rate.map(|h| h.0),
            max_hr: heart_rate.and_then(|h| h.1),
            hr_from_records: None,
            elevation_m: self.stats.elevation_m.or(self.activities.elevation_m),
            indoor: self.indoor,
            swim_location: self.swim_location,
            user_entered: self.user_entered,
            route: self.route,
        })
    }
}

fn place(start: Option<Stamp>, activity_type: &str) -> String {
    let kind = activity_type
        .strip_prefix("HKWorkoutActivityType")
        .unwrap_or(activity_type);
    match start.and_then(|s| crate::domain::date::Day::from_ordinal(s.local_day)) {
        Some(day) => format!("workout of {day} ({kind})"),
        None => format!("workout ({kind})"),
    }
}

/// Seconds paused between `from` and `to` (UTC seconds): while a pause (manual or
/// automatic) is in force, from a `Pause` to its `Resume` (or the end).
fn paused(events: &mut [(i64, PauseEvent)], from: i64, to: i64) -> f64 {
    events.sort_by_key(|(t, _)| *t);
    let (mut manual, mut motion) = (false, false);
    let mut since: Option<i64> = None;
    let mut total = 0i64;
    for &(t, kind) in events.iter() {
        let t = t.clamp(from, to);
        match kind {
            PauseEvent::Pause => manual = true,
            PauseEvent::Resume => manual = false,
            PauseEvent::MotionPaused => motion = true,
            PauseEvent::MotionResumed => motion = false,
        }
        match (since, manual || motion) {
            (None, true) => since = Some(t),
            (Some(s), false) => {
                total += t - s;
                since = None;
            }
            _ => {}
        }
    }
    if let Some(s) = since {
        total += to - s;
    }
    total as f64
}

/// One workout of the export, read and checked; [`Workout::summary`] makes it a session's
/// summary.
#[derive(Clone, Debug, PartialEq)]
pub struct Workout {
    sport: Sport,
    activity_type: String,
    source: String,
    watch: bool,
    start: Stamp,
    elapsed_s: f64,
    moving_s: f64,
    distance_m: Option<f64>,
    avg_hr: Option<f64>,
    max_hr: Option<f64>,
    /// Mean and maximum of the heart-rate records in the workout's time, when its
    /// statistics have none.
    pub(crate) hr_from_records: Option<(f64, f64)>,
    elevation_m: Option<f64>,
    indoor: Option<bool>,
    swim_location: Option<u8>,
    user_entered: bool,
    route: Option<String>,
}

impl Workout {
    pub fn sport(&self) -> Sport {
        self.sport
    }

    /// `workoutActivityType` as written (`HKWorkoutActivityTypeRunning`).
    pub fn activity_type(&self) -> &str {
        &self.activity_type
    }

    /// The app or device that wrote it (`sourceName`, unescaped).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Where it is, for the import report: "workout of 2024-05-05 (Running)".
    pub fn place(&self) -> String {
        place(Some(self.start), &self.activity_type)
    }

    /// Whether its heart rate must come from the records (its statistics have none).
    pub(crate) fn needs_heart_rate(&self) -> bool {
        self.avg_hr.is_none()
    }

    /// The start and end of its time, UTC seconds.
    pub(crate) fn window(&self) -> (i64, i64) {
        (
            self.start.utc_s,
            self.start
                .utc_s
                .saturating_add(self.elapsed_s.round() as i64),
        )
    }

    /// The route's `FileReference` path, when the route is worth reading: an outdoor run
    /// (normalized graded pace and elevation come from it), or a workout that has no
    /// distance of its own.
    pub fn route_to_read(&self) -> Option<&str> {
        let outdoor_run = self.sport == Sport::Run && self.indoor != Some(true);
        let wanted = outdoor_run || self.distance_m.is_none();
        self.route.as_deref().filter(|_| wanted)
    }

    /// A key that puts the better of two copies of one workout first: a Watch's, then the
    /// one with more of its own numbers, then the longer.
    fn rank(&self) -> (bool, u8, u64) {
        let filled = u8::from(self.distance_m.is_some())
            + u8::from(self.avg_hr.is_some())
            + u8::from(self.elevation_m.is_some())
            + u8::from(!self.user_entered);
        (self.watch, filled, self.moving_s.max(0.0) as u64)
    }

    /// The session's summary: the workout's own numbers, with `samples` (its route's
    /// points, UTC seconds; empty when there is no route) filling in only what the
    /// workout lacks, by the rule of [`activity::summarise`] (a device's summary is the
    /// truth). Errors when its length is out of the app's range (over 48 h).
    pub fn summary(&self, samples: Vec<Sample>) -> Result<ActivitySummary, FileError> {
        let totals = Totals {
            start_s: Some(self.start.utc_s as f64),
            elapsed_s: Some(self.elapsed_s),
            timer_s: Some(self.moving_s),
            distance_m: self.distance_m,
            ascent_m: self.elevation_m,
            avg_hr: self.avg_hr,
            max_hr: self.max_hr,
            ..Totals::default()
        };
        let gps = !samples.is_empty();
        let leg = Leg {
            sport: Some(self.sport),
            samples,
            totals,
            lengths: Vec::new(),
            watch: None,
            gps,
        };
        let mut a = activity::summarise(
            FileFormat::AppleHealth,
            leg,
            Some(i64::from(self.start.offset_s)),
            None,
            &|_| 0,
        )?;
        if a.avg_hr.is_none() {
            if let Some((mean, max)) = self.hr_from_records {
                a.avg_hr = Bpm::new(mean.round() as u16);
                if a.max_hr.is_none() {
                    a.max_hr = Bpm::new(max.round() as u16);
                }
                if a.avg_hr.is_some() {
                    a.computed
                        .push("average and max heart rate from the heart-rate records".into());
                }
            }
        }
        match (self.sport, self.swim_location, self.indoor) {
            (Sport::Swim, Some(1), _) => a.from_device.push("pool swim".into()),
            (Sport::Swim, Some(2), _) => a.from_device.push("open-water swim".into()),
            (_, _, Some(true)) => a.from_device.push("indoor".into()),
            _ => {}
        }
        if self.user_entered {
            a.from_device.push("entered by hand".into());
        }
        Ok(a)
    }
}

/// Orders workouts by start and puts, among copies of one workout (the same sport,
/// starting within two minutes of each other: the rule the import uses to tell the same
/// session, `store::import::activities`), the best copy first ([`Workout::rank`]), so the
/// import keeps it. Exact copies (the same type, source, start and length, which exports
/// can hold twice) are dropped here.
pub(crate) fn order(workouts: &mut Vec<Workout>) {
    workouts.sort_by(|a, b| {
        (a.start.utc_s, &a.activity_type, &a.source)
            .cmp(&(b.start.utc_s, &b.activity_type, &b.source))
            .then(a.elapsed_s.total_cmp(&b.elapsed_s))
    });
    workouts.dedup_by(|b, a| {
        a.start == b.start
            && a.activity_type == b.activity_type
            && a.source == b.source
            && a.elapsed_s == b.elapsed_s
            && a.moving_s == b.moving_s
    });
    // Group copies: each workout joins the group of a workout of the same sport that
    // started at most 120 s before it.
    let mut group = vec![0usize; workouts.len()];
    for i in 0..workouts.len() {
        group[i] = i;
        for j in (0..i).rev() {
            if workouts[i].start.utc_s - workouts[j].start.utc_s > 120 {
                break;
            }
            if workouts[j].sport == workouts[i].sport {
                group[i] = group[j];
                break;
            }
        }
    }
    let mut keyed: Vec<(usize, usize, Workout)> = workouts
        .drain(..)
        .enumerate()
        .map(|(i, w)| (group[i], i, w))
        .collect();
    keyed.sort_by(|(ga, ia, a), (gb, ib, b)| {
        ga.cmp(gb)
            .then_with(|| b.rank().cmp(&a.rank()))
            .then(ia.cmp(ib))
    });
    workouts.extend(keyed.into_iter().map(|(_, _, w)| w));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(a, _)| *a == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn sports() {
        assert_eq!(sport_of("HKWorkoutActivityTypeRunning"), Sport::Run);
        assert_eq!(
            sport_of("HKWorkoutActivityTypeWheelchairRunPace"),
            Sport::Other
        );
        assert_eq!(sport_of("HKWorkoutActivityTypeCycling"), Sport::Ride);
        assert_eq!(sport_of("HKWorkoutActivityTypeSwimming"), Sport::Swim);
        assert_eq!(
            sport_of("HKWorkoutActivityTypeFunctionalStrengthTraining"),
            Sport::Strength
        );
        assert_eq!(sport_of("HKWorkoutActivityTypePilates"), Sport::Yoga);
        assert_eq!(sport_of("HKWorkoutActivityTypeHiking"), Sport::Other);
        assert_eq!(
            sport_of("HKWorkoutActivityTypeHighIntensityIntervalTraining"),
            Sport::Other
        );
    }

    #[test]
    fn pauses_manual_and_automatic() {
        // Paused 100–160 (manual) and 150–200 (auto, overlapping): 100–200 = 100 s; then a
        // pause at 900 never resumed before the end at 1000: 100 s more.
        let mut events = vec![
            (150, PauseEvent::MotionPaused),
            (100, PauseEvent::Pause),
            (160, PauseEvent::Resume),
            (200, PauseEvent::MotionResumed),
            (900, PauseEvent::Pause),
        ];
        assert_eq!(paused(&mut events, 0, 1000), 200.0);
    }

    #[test]
    fn statistics_before_attributes_and_activities_last() {
        let mut w = WorkoutBuild::new(&attrs(&[
            ("workoutActivityType", "HKWorkoutActivityTypeRunning"),
            ("totalDistance", "2.0"),
            ("totalDistanceUnit", "km"),
            ("startDate", "2023-12-28 06:30:00 +0000"),
            ("endDate", "2023-12-28 06:42:30 +0000"),
        ]));
        w.statistics(
            &attrs(&[
                ("type", "HKQuantityTypeIdentifierDistanceWalkingRunning"),
                ("sum", "1.5"),
                ("unit", "mi"),
            ]),
            true,
        );
        let done = w.finish().unwrap();
        assert_eq!(done.distance_m, Some(2000.0), "attribute over activity");
        let mut w = WorkoutBuild::new(&attrs(&[
            ("workoutActivityType", "HKWorkoutActivityTypeRunning"),
            ("totalDistance", "2.0"),
            ("totalDistanceUnit", "km"),
            ("startDate", "2023-12-28 06:30:00 +0000"),
            ("endDate", "2023-12-28 06:42:30 +0000"),
        ]));
        w.statistics(
            &attrs(&[
                ("type", "HKQuantityTypeIdentifierDistanceWalkingRunning"),
                ("sum", "2.5"),
                ("unit", "km"),
            ]),
            false,
        );
        let done = w.finish().unwrap();
        assert_eq!(done.distance_m, Some(2500.0), "statistic over attribute");
        assert_eq!(done.moving_s, 750.0);
    }
}
