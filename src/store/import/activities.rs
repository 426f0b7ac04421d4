//! Activities read from files (FIT, TCX, GPX, and other apps' workouts) as sessions, and
//! the rule that finds one already logged (docs/domain.md §8).
//!
//! - **A session** keeps the activity's summary and the inputs that rescore it when
//!   thresholds change (`normalized_power`, `normalized_graded_pace`, `zone_hr`); its
//!   duration is the moving time, and its notes say what the file was, the elapsed and
//!   moving time, and which values the device summarised and which were computed from the
//!   recorded streams. Its TSS is set where the plan is applied (`tss::rescore`, the one
//!   function that scores a session).
//! - **Duplicates.** A session's id is made from its local start and sport
//!   (`act-2026-03-09-0730-run`), so importing a file again finds its own session. An
//!   activity is already logged when the log has a session with that id; or of the same
//!   sport and day starting at most two minutes apart (one typed in by hand, or imported
//!   from another copy or format: a FIT and its GPX start seconds apart); or, when either
//!   has no sport (`other`: a FIT file cut before its summary names none), of the same day
//!   with the two overlapping for at least half the shorter one (issue #30).

use std::collections::HashMap;

use super::context::Logged;
use crate::activity::ActivitySummary;
use crate::domain::date::Day;
use crate::domain::profile::Profile;
use crate::domain::quantity::to_grain;
use crate::domain::session::{Session, SessionId, Sport, TssMethod};
use crate::domain::zones;

/// The session id of an activity: local start to the minute and sport.
pub fn activity_id(a: &ActivitySummary) -> SessionId {
    SessionId(format!(
        "act-{}-{:02}{:02}-{}",
        a.date,
        a.start_time.hour(),
        a.start_time.minute(),
        a.sport.as_str()
    ))
}

/// The session's title: the activity's own name in the file (a GPX track's name), else its
/// sport and start as the file says them ("Run 07:30"), never the file's name.
fn title(a: &ActivitySummary) -> String {
    match &a.title {
        Some(t) if !t.trim().is_empty() => t.trim().chars().take(120).collect(),
        _ => format!("{} {}", sport_title(a.sport), a.start_time),
    }
}

fn sport_title(sport: Sport) -> &'static str {
    match sport {
        Sport::Run => "Run",
        Sport::Ride => "Ride",
        Sport::Swim => "Swim",
        Sport::Strength => "Strength",
        Sport::Yoga => "Yoga",
        Sport::Other => "Activity",
    }
}

fn clock(seconds: u32) -> String {
    format!(
        "{}:{:02}:{:02}",
        seconds / 3600,
        (seconds / 60) % 60,
        seconds % 60
    )
}

/// The session for one activity (not yet scored: see the module doc). Its notes say what
/// the file was, the elapsed and moving time, and which values the device summarised and
/// which were computed from the recorded streams (the session's "why").
pub fn session_from(a: &ActivitySummary, file_name: &str, profile: &Profile) -> Session {
    let mut s = Session::new(activity_id(a), a.date, a.sport, a.moving);
    s.start_time = Some(a.start_time);
    s.title = title(a);
    s.distance = a.distance;
    s.avg_hr = a.avg_hr;
    s.avg_power = a.avg_power;
    s.normalized_power = a.normalized_power;
    s.normalized_graded_pace = a.normalized_graded_pace;
    // What the recording revealed, with the watch's own settings (issue #31).
    s.efforts = a.efforts.with_watch(a.watch);
    // At the LTHR in force on the activity's day (docs/domain.md §6).
    // Held to the millionth, like every stored fraction (quantity::GRAIN).
    s.zone_hr = zones::zone_equivalent_hr(&a.hr_histogram, &profile.on(a.date)).map(to_grain);
    let mut notes = format!(
        "Imported from {} ({}): elapsed {}, moving {}",
        file_name,
        a.format.label(),
        clock(a.elapsed.get()),
        clock(a.moving.get())
    );
    if let Some(m) = a.max_hr {
        notes.push_str(&format!(", max HR {} bpm", m.get()));
    }
    if let Some(g) = a.elevation_gain {
        notes.push_str(&format!(", elevation gain {:.0} m", g.get()));
    }
    if !a.local_time_from_file {
        notes.push_str(", start time in this device's time zone");
    }
    notes.push('.');
    if !a.from_device.is_empty() {
        notes.push_str(&format!(" From the device: {}.", a.from_device.join(", ")));
    }
    if !a.computed.is_empty() {
        notes.push_str(&format!(
            " Computed from the recording: {}.",
            a.computed.join(", ")
        ));
    }
    s.notes = notes;
    s
}

/// The inputs behind a session's estimate, for the implausibility flag ("pace 2:10/km over
/// 0:16:00").
pub fn inputs(s: &Session, method: TssMethod) -> String {
    let over = clock(s.duration.get());
    match method {
        TssMethod::Power => match s.normalized_power.or(s.avg_power) {
            Some(w) => format!("power {:.0} W over {over}", w.get()),
            None => format!("power over {over}"),
        },
        TssMethod::Pace => match (s.normalized_graded_pace, s.distance) {
            (Some(p), _) => format!("a graded pace of {} over {over}", pace_text(p.get())),
            (None, Some(d)) if d.get() > 0.0 => format!(
                "{:.2} km in {over} ({})",
                d.get() / 1000.0,
                pace_text(f64::from(s.duration.get()) / (d.get() / 1000.0))
            ),
            _ => format!("pace over {over}"),
        },
        TssMethod::Swim => match s.distance {
            Some(d) => format!("{:.0} m in {over}", d.get()),
            None => format!("swim pace over {over}"),
        },
        TssMethod::Hr => match s.zone_hr.or(s.avg_hr.map(|b| f64::from(b.get()))) {
            Some(hr) => format!("heart rate {hr:.0} bpm over {over}"),
            None => format!("heart rate over {over}"),
        },
        TssMethod::Rpe | TssMethod::Given => format!("a duration of {over}"),
    }
}

fn pace_text(s_per_km: f64) -> String {
    let s = s_per_km.round() as u32;
    format!("{}:{:02}/km", s / 60, s % 60)
}

/// Whether `new` is the activity logged as `old` (the module's rule).
pub fn same_activity(old: &Logged, new: &Logged) -> bool {
    if old.id == new.id {
        return true;
    }
    if old.date != new.date {
        return false;
    }
    let minutes = |l: &Logged| {
        l.start
            .map(|t| i32::from(t.hour()) * 60 + i32::from(t.minute()))
    };
    let (Some(a), Some(b)) = (minutes(old), minutes(new)) else {
        return false;
    };
    if old.sport == new.sport && (a - b).abs() <= 2 {
        return true;
    }
    if old.sport != Sport::Other && new.sport != Sport::Other {
        return false;
    }
    // Seconds of the day: the starts are to the minute, the durations to the second.
    let span = |start: i32, l: &Logged| {
        let from = i64::from(start) * 60;
        (from, from + i64::from(l.duration.get()))
    };
    let ((a0, a1), (b0, b1)) = (span(a, old), span(b, new));
    let overlap = a1.min(b1) - a0.max(b0);
    let shorter = (a1 - a0).min(b1 - b0);
    overlap > 0 && overlap * 2 >= shorter
}

/// Where an activity seen before comes from: the log (its session's id) or the batch (its
/// label in the report).
#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    Logged(SessionId),
    Batch(String),
}

/// Activities seen so far (the log's, then the batch's), by day and by id: what
/// [`same_activity`] is asked against, a day's handful at a time.
#[derive(Default)]
pub struct Seen {
    by_day: HashMap<Day, Vec<(Logged, Origin)>>,
    by_id: HashMap<SessionId, Origin>,
}

impl Seen {
    /// The logged sessions.
    pub fn logged(logged: &[Logged]) -> Seen {
        let mut seen = Seen::default();
        for l in logged {
            let origin = Origin::Logged(l.id.clone());
            seen.add(l.clone(), origin);
        }
        seen
    }

    pub fn add(&mut self, l: Logged, origin: Origin) {
        self.by_id
            .entry(l.id.clone())
            .or_insert_with(|| origin.clone());
        self.by_day.entry(l.date).or_default().push((l, origin));
    }

    /// The first activity seen that `new` is the same as.
    pub fn find(&self, new: &Logged) -> Option<&Origin> {
        if let Some(origin) = self.by_id.get(&new.id) {
            return Some(origin);
        }
        self.by_day
            .get(&new.date)?
            .iter()
            .find(|(l, _)| same_activity(l, new))
            .map(|(_, origin)| origin)
    }
}
