//! WHOOP's export (the zip of the app's "Export data"): four CSV files, each read alone.
//!
//! **Layouts**, each from a real export (`TheOneRichy/whoop_data` holds all four files;
//! `haquannes/whoop` another `physiological_cycles.csv`): LF, no BOM, newest row first,
//! missing = empty cell. Every file starts with `Cycle start time,Cycle end time,Cycle
//! timezone`; a cycle runs from one sleep onset to the next, and its times are the local
//! wall clock of `Cycle timezone` (`UTC+03:00`), written `YYYY-MM-DD HH:MM:SS`.
//!
//! - `physiological_cycles.csv`: `…,Recovery score %,Resting heart rate (bpm),Heart rate
//!   variability (ms),…,Sleep onset,Wake onset,…,Asleep duration (min),In bed duration
//!   (min),…`. One night a row: HRV (rMSSD, ms), resting HR and the minutes asleep (light +
//!   deep + REM, not in bed; the main sleep only, naps are not in it) on the day of `Wake
//!   onset`. A cycle without a wake onset (the current one, or one without sleep) has no
//!   day.
//! - `sleeps.csv`: `…,Sleep onset,Wake onset,…,Asleep duration (min),…,Nap`. Rows with `Nap`
//!   `false` give the night's minutes asleep on the day of waking; naps are not the night.
//! - `workouts.csv`: `…,Workout start time,Workout end time,Duration (min),Activity name,
//!   Activity Strain,Energy burned (cal),Max HR (bpm),Average HR (bpm),…,Distance
//!   (meters),…` — sessions ([`ActivitySummary`], see [`sport`]).
//! - `journal_entries.csv`: `…,Question text,Answered yes,Notes`, one row per question per
//!   cycle. `Feeling sick or ill?` is sick, `Have an injury or wound` injured; the others
//!   (alcohol, caffeine…) are not read. The file has no wake time, so the day is the cycle's
//!   day of waking as its start tells it: a cycle starts at sleep onset, and an onset from
//!   noon on wakes the next day, one before noon the same day (true of every cycle of both
//!   real exports: 1,933 journal rows checked against `physiological_cycles.csv`'s `Wake
//!   onset`, and 223 cycles of the other).

use super::common::{mark_source, wall_clock, DayBook, Skips, WallClock};
use super::table::{self, Row, Table};
use super::{DayValues, SourceError, SourceFile};
use crate::activity::{ActivitySummary, FileFormat};
use crate::domain::date::TimeOfDay;
use crate::domain::quantity::{Metres, Seconds};
use crate::domain::session::Sport;
use crate::domain::wellness::HrvSource;

const WHAT: &str = "a WHOOP export";

/// Whether a file is one of WHOOP's CSVs, by its header: `Cycle start time` and `Cycle
/// timezone` columns. `path` is not used.
pub fn recognise(_path: &str, head: &[u8]) -> bool {
    let Some(names) = table::header(head) else {
        return false;
    };
    let has = |n: &str| names.iter().any(|h| h.eq_ignore_ascii_case(n));
    !table::is_ours(&names) && has("Cycle start time") && has("Cycle timezone")
}

/// Reads one of WHOOP's CSVs (module doc), telling them apart by their columns: days of
/// HRV (from "WHOOP"), resting HR and sleep; nights of sleep; answers (sick, injured); or
/// workouts as [`ActivitySummary`]s.
///
/// # Errors
/// [`SourceError::Incomplete`] when the file is none of the four, or lacks a column its
/// values need.
pub fn read(_path: &str, bytes: &[u8]) -> Result<SourceFile, SourceError> {
    let t = table::read(bytes).ok_or_else(|| incomplete("header row"))?;
    let mut skips = Skips::default();
    let mut file = SourceFile::default();
    if t.col_ci("Workout start time").is_some() {
        file.activities = workouts(&t, &mut skips)?;
    } else if t.col_ci("Question text").is_some() {
        file.days = journal(&t, &mut skips)?;
    } else if t.col_ci("Wake onset").is_some() {
        file.days = nights(&t, &mut skips)?;
    } else {
        return Err(incomplete(
            "Wake onset column (physiological_cycles.csv, sleeps.csv), Workout start time \
             (workouts.csv) or Question text (journal_entries.csv)",
        ));
    }
    file.skipped = skips.0;
    Ok(file)
}

fn incomplete(needs: &str) -> SourceError {
    SourceError::Incomplete {
        what: WHAT.into(),
        needs: needs.into(),
    }
}

/// `physiological_cycles.csv` and `sleeps.csv`: a day per wake onset.
fn nights(t: &Table, skips: &mut Skips) -> Result<Vec<DayValues>, SourceError> {
    let wake = t.col_ci("Wake onset");
    let hrv = t.col_ci("Heart rate variability (ms)");
    let rhr = t.col_ci("Resting heart rate (bpm)");
    let asleep = t.col_ci("Asleep duration (min)");
    // Only sleeps.csv has naps, and says which rows are.
    let nap = t.col_ci("Nap");
    if hrv.is_none() && rhr.is_none() && asleep.is_none() {
        return Err(incomplete(
            "Heart rate variability (ms), Resting heart rate (bpm) or Asleep duration (min) \
             column",
        ));
    }
    let mut book = DayBook::default();
    for row in &t.rows {
        let place = row.place();
        if nap.is_some() {
            match row.get(nap).map(str::to_ascii_lowercase).as_deref() {
                Some("false") => {}
                Some("true") => continue,
                other => {
                    let text = other.unwrap_or("");
                    skips.unreadable(&place, format!("Nap “{text}” is neither true nor false"));
                    continue;
                }
            }
        }
        let values = [hrv, rhr, asleep].map(|c| row.get(c));
        let Some(text) = row.get(wake) else {
            if values.iter().any(Option::is_some) {
                skips.unreadable(&place, "no Wake onset, so no day for its values");
            }
            continue;
        };
        let Some(w) = wall_clock(text) else {
            skips.unreadable(
                &place,
                format!("Wake onset “{text}” is not a date and time"),
            );
            continue;
        };
        let [hrv_text, rhr_text, asleep_text] = values;
        let mut v = DayValues::new(w.day);
        v.hrv_rmssd = skips
            .number(&place, "Heart rate variability", hrv_text)
            .and_then(|x| skips.rmssd(&place, x));
        v.resting_hr = skips
            .number(&place, "Resting heart rate", rhr_text)
            .and_then(|x| skips.bpm(&place, "resting HR", x));
        v.sleep_h = skips
            .number(&place, "Asleep duration", asleep_text)
            .and_then(|min| skips.sleep_h(&place, min / 60.0));
        mark_source(&mut v, HrvSource::Whoop);
        book.add(v, Some(w.seconds()));
    }
    Ok(book.finish())
}

/// The day a cycle's morning falls on, from its start (module doc): an onset from noon on
/// wakes the next day.
fn wake_day_of_cycle(start: WallClock) -> WallClock {
    let next = start.secs.is_some_and(|s| s >= 12 * 3600);
    WallClock {
        day: if next {
            start.day.add_days(1)
        } else {
            start.day
        },
        secs: None,
    }
}

/// `journal_entries.csv`: sick and injured on the cycle's day of waking.
fn journal(t: &Table, skips: &mut Skips) -> Result<Vec<DayValues>, SourceError> {
    let start = t.col_ci("Cycle start time");
    let question = t.col_ci("Question text");
    let yes = t
        .col_ci("Answered yes")
        .ok_or_else(|| incomplete("Answered yes column"))?;
    let mut book = DayBook::default();
    for row in &t.rows {
        let q = row
            .get(question)
            .unwrap_or("")
            .trim_end_matches('?')
            .trim()
            .to_ascii_lowercase();
        let sick = q == "feeling sick or ill";
        let injured = q == "have an injury or wound";
        if !sick && !injured {
            continue;
        }
        let place = row.place();
        let answer = match row.get(Some(yes)).map(str::to_ascii_lowercase).as_deref() {
            Some("true") => true,
            Some("false") => false,
            Some(other) => {
                skips.unreadable(
                    &place,
                    format!("Answered yes “{other}” is neither true nor false"),
                );
                continue;
            }
            None => continue,
        };
        let Some(begun) = row.get(start).and_then(wall_clock) else {
            let text = row.get(start).unwrap_or("");
            skips.unreadable(
                &place,
                format!("Cycle start time “{text}” is not a date and time"),
            );
            continue;
        };
        let mut v = DayValues::new(wake_day_of_cycle(begun).day);
        if sick {
            v.sick = Some(answer);
        } else {
            v.injured = Some(answer);
        }
        book.add(v, Some(begun.seconds()));
    }
    Ok(book.finish())
}

/// The app's sport for WHOOP's `Activity name`, as issue #33 maps them: Running → run,
/// Cycling → ride, Swimming → swim, Weightlifting and Functional Fitness → strength, Yoga
/// → yoga, every other activity (Walking, Hiking/Rucking, Disc Golf, Activity…) → other.
pub fn sport(activity_name: &str) -> Sport {
    match activity_name.trim().to_ascii_lowercase().as_str() {
        "running" => Sport::Run,
        "cycling" => Sport::Ride,
        "swimming" => Sport::Swim,
        "weightlifting" | "functional fitness" => Sport::Strength,
        "yoga" => Sport::Yoga,
        _ => Sport::Other,
    }
}

/// Minutes east of UTC of a `Cycle timezone` (`UTC+03:00`, `UTC-04:00`, `UTC`).
fn offset_min(text: &str) -> Option<i32> {
    let t = text.trim();
    let rest = t
        .strip_prefix("UTC")
        .or_else(|| t.strip_prefix("GMT"))
        .unwrap_or(t);
    if rest.is_empty() {
        return Some(0);
    }
    let (sign, hm) = match rest.as_bytes().first() {
        Some(b'+') => (1, rest.get(1..)?),
        Some(b'-') => (-1, rest.get(1..)?),
        _ => return None,
    };
    let (h, m) = hm.split_once(':').unwrap_or((hm, "0"));
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    ((0..=16).contains(&h) && (0..60).contains(&m)).then(|| sign * (h * 60 + m))
}

/// `workouts.csv`: one session a row.
fn workouts(t: &Table, skips: &mut Skips) -> Result<Vec<ActivitySummary>, SourceError> {
    let start = t.col_ci("Workout start time");
    let end = t.col_ci("Workout end time");
    let minutes = t.col_ci("Duration (min)");
    if end.is_none() && minutes.is_none() {
        return Err(incomplete("Workout end time or Duration (min) column"));
    }
    let cols = WorkoutCols {
        zone: t.col_ci("Cycle timezone"),
        name: t.col_ci("Activity name"),
        max_hr: t.col_ci("Max HR (bpm)"),
        avg_hr: t.col_ci("Average HR (bpm)"),
        distance: t.col_ci("Distance (meters)"),
    };
    let mut out: Vec<ActivitySummary> = Vec::new();
    for row in &t.rows {
        if let Some(a) = workout(row, start, end, minutes, &cols, skips) {
            out.push(a);
        }
    }
    out.sort_by_key(|a| (a.date, a.start_time));
    Ok(out)
}

struct WorkoutCols {
    zone: Option<usize>,
    name: Option<usize>,
    max_hr: Option<usize>,
    avg_hr: Option<usize>,
    distance: Option<usize>,
}

fn workout(
    row: &Row,
    start: Option<usize>,
    end: Option<usize>,
    minutes: Option<usize>,
    cols: &WorkoutCols,
    skips: &mut Skips,
) -> Option<ActivitySummary> {
    let place = row.place();
    let begun = match row.get(start).map(|s| (s, wall_clock(s))) {
        Some((_, Some(w))) if w.secs.is_some() => w,
        other => {
            let text = other.map_or("", |(s, _)| s);
            skips.unreadable(
                &place,
                format!("Workout start time “{text}” is not a date and time"),
            );
            return None;
        }
    };
    let secs = begun.secs.unwrap_or(0);
    let start_time = TimeOfDay::from_hm((secs / 3600) as u8, ((secs % 3600) / 60) as u8)?;
    let mut from_device: Vec<String> = Vec::new();
    // The minutes column is whole minutes; the span from start to end is to the second.
    let span = row
        .get(end)
        .and_then(wall_clock)
        .filter(|w| w.secs.is_some())
        .map(|w| w.seconds() - begun.seconds());
    let duration_s = match span {
        Some(s) => Some(s as f64),
        None => skips
            .number(&place, "Duration (min)", row.get(minutes))
            .map(|m| m * 60.0),
    };
    let Some(duration_s) = duration_s else {
        skips.unreadable(&place, "no end time and no duration");
        return None;
    };
    let duration =
        (duration_s.is_finite() && duration_s >= 0.5 && duration_s <= f64::from(u32::MAX))
            .then(|| Seconds::new(duration_s.round() as u32))
            .flatten();
    let Some(duration) = duration else {
        skips.out_of_range(&place, "workout duration (s)", duration_s);
        return None;
    };
    from_device.extend(["elapsed time".to_owned(), "moving time".to_owned()]);
    let distance = skips
        .number(&place, "Distance (meters)", row.get(cols.distance))
        .filter(|d| *d > 0.0)
        .and_then(|d| {
            let m = Metres::new(d);
            if m.is_none() {
                skips.out_of_range(&place, "distance (m)", d);
            }
            m
        });
    if distance.is_some() {
        from_device.push("distance".into());
    }
    let avg_hr = skips
        .number(&place, "Average HR (bpm)", row.get(cols.avg_hr))
        .and_then(|x| skips.bpm(&place, "average HR", x));
    if avg_hr.is_some() {
        from_device.push("average heart rate".into());
    }
    let max_hr = skips
        .number(&place, "Max HR (bpm)", row.get(cols.max_hr))
        .and_then(|x| skips.bpm(&place, "max HR", x));
    if max_hr.is_some() {
        from_device.push("max heart rate".into());
    }
    // Without a readable zone the start is still the local time the file wrote; only its
    // instant in UTC is then a guess (the zone taken as UTC, and said so).
    let offset = row.get(cols.zone).and_then(offset_min);
    let name = row.get(cols.name).map(str::to_owned);
    Some(ActivitySummary {
        format: FileFormat::Whoop,
        sport: name.as_deref().map_or(Sport::Other, sport),
        title: name,
        date: begun.day,
        start_time,
        start_utc_s: begun.seconds() - i64::from(offset.unwrap_or(0)) * 60,
        utc_offset_min: offset.unwrap_or(0),
        local_time_from_file: offset.is_some(),
        elapsed: duration,
        moving: duration,
        distance,
        avg_hr,
        max_hr,
        avg_power: None,
        normalized_power: None,
        elevation_gain: None,
        normalized_graded_pace: None,
        hr_histogram: Vec::new(),
        from_device,
        computed: Vec::new(),
        efforts: Default::default(),
        watch: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones() {
        assert_eq!(offset_min("UTC+03:00"), Some(180));
        assert_eq!(offset_min("UTC-04:00"), Some(-240));
        assert_eq!(offset_min("UTC+05:30"), Some(330));
        assert_eq!(offset_min("UTC"), Some(0));
        assert_eq!(offset_min("Europe/Berlin"), None);
        assert_eq!(offset_min("UTC+99:00"), None);
        assert_eq!(offset_min("UTC+2000000000:00"), None);
        assert_eq!(offset_min("UTC+-5:00"), None);
    }

    #[test]
    fn cycles_wake_on_the_next_day_from_noon() {
        let w = |s: &str| wake_day_of_cycle(wall_clock(s).unwrap()).day.to_string();
        assert_eq!(w("2024-06-23 20:24:26"), "2024-06-24");
        assert_eq!(w("2024-06-11 02:46:25"), "2024-06-11");
    }

    #[test]
    fn sports_as_the_issue_maps_them() {
        assert_eq!(sport("Running"), Sport::Run);
        assert_eq!(sport("Functional Fitness"), Sport::Strength);
        assert_eq!(sport("Weightlifting"), Sport::Strength);
        assert_eq!(sport("Disc Golf"), Sport::Other);
        assert_eq!(sport("Hiking/Rucking"), Sport::Other);
    }
}
