//! One record (a session or a check-in) from a file, read field by field into a typed value
//! or a reason. Backup JSON and sessions CSV both come through here, so both check the same
//! things: real dates, known sports and intents, durations from 1 s to 48 h, heart rates
//! 25–250 bpm, TSS 0–1 000, no NaN or infinity.
//!
//! Reading is lenient about form and strict about meaning: `null` is "not given", a number
//! written as text (`"3600"`, as every CSV cell is) is read as that number, names of sports,
//! intents and methods ignore case, unknown fields are ignored. A value that is given but
//! wrong makes the record fail with the field's name and why; the caller skips that record
//! and reports it. Text (titles, notes) is kept exactly as it came.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::domain::date::Day;
use crate::domain::quantity::PacePer100m;
use crate::domain::quantity::{Bpm, PacePerKm, Seconds, Watts};
use crate::domain::session::{Session, SessionId, Sport};
use crate::domain::thresholds::{ThresholdSet, Thresholds};
use crate::domain::wellness::Wellness;
use crate::store::fields::{self, Field};
use crate::store::values::{day, number};

/// Drops `null` members, so that "missing or null" both mean "not given" (docs/formats.md §1).
pub fn without_nulls(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(m.into_iter().filter(|(_, v)| !v.is_null()).collect()),
        other => other,
    }
}

/// The ids of one file's sessions: refuses an id used earlier in the file, and gives each
/// session without one an id made from its content (date, start, sport, duration), so that
/// importing the same file twice updates its sessions instead of adding them again. A made
/// id already taken in the file gets `-2`, `-3`, … (in file order), so no session of a
/// file replaces another.
#[derive(Debug, Default)]
pub struct FileIds {
    /// Every id given out so far (from the file or made) → the record that has it.
    taken: HashMap<String, String>,
}

/// A session from one record of a file; `at` names the record ("session 3", "line 4").
/// The fields of [`fields::SESSION`] are read in turn, the required ones (date, sport,
/// duration) first; the first that is wrong (or missing, for the required ones) fails the
/// record.
pub fn session(v: Value, ids: &mut FileIds, at: &str) -> Result<Session, String> {
    let Value::Object(m) = v else {
        return Err("not a session (expected an object with date, sport and duration_s)".into());
    };
    let mut s = Session::new(
        SessionId(String::new()),
        Day::EPOCH,
        Sport::Other,
        Seconds::SHORTEST,
    );
    read_fields(&m, &fields::SESSION, &mut s)?;
    // Every field is read (and so checked) before an id is taken, so a record that fails
    // does not reserve one.
    let given_id = std::mem::take(&mut s.id.0);
    s.id = ids.assign((!given_id.is_empty()).then_some(given_id), &s, at)?;
    Ok(s)
}

/// Reads the fields `m` gives into `r`: the required ones first, in list order (each must
/// be given), then the others. Of several problems, the first in that order is told.
fn read_fields<R>(m: &Map<String, Value>, fields: &[Field<R>], r: &mut R) -> Result<(), String> {
    let given = |f: &Field<R>| m.get(f.name).filter(|v| !v.is_null());
    for f in fields.iter().filter(|f| f.required) {
        let v = given(f).ok_or_else(|| format!("{} is missing", f.name))?;
        f.read(v, r)?;
    }
    for f in fields.iter().filter(|f| !f.required) {
        if let Some(v) = given(f) {
            f.read(v, r)?;
        }
    }
    Ok(())
}

impl FileIds {
    fn assign(
        &mut self,
        given: Option<String>,
        s: &Session,
        at: &str,
    ) -> Result<SessionId, String> {
        let id = match given {
            Some(id) => {
                if let Some(first) = self.taken.get(&id) {
                    return Err(format!(
                        "id “{id}” was already used by {first}; only the first is imported"
                    ));
                }
                id
            }
            None => {
                let base = content_id(s);
                let mut id = base.clone();
                let mut n = 1;
                while self.taken.contains_key(&id) {
                    n += 1;
                    id = format!("{base}-{n}");
                }
                id
            }
        };
        self.taken.insert(id.clone(), at.to_string());
        Ok(SessionId(id))
    }
}

/// `2026-03-09-0730-run-1800`, or `2026-03-09-run-1800` without a start time.
fn content_id(s: &Session) -> String {
    match s.start_time {
        Some(t) => format!(
            "{}-{:02}{:02}-{}-{}",
            s.date,
            t.hour(),
            t.minute(),
            s.sport.as_str(),
            s.duration.get()
        ),
        None => format!("{}-{}-{}", s.date, s.sport.as_str(), s.duration.get()),
    }
}

/// One dated threshold set of a version 2 profile (docs/formats.md §1.1), field by field.
pub fn threshold_set(v: Value) -> Result<ThresholdSet, String> {
    let Value::Object(m) = v else {
        return Err("not a threshold set (expected an object with a since date)".into());
    };
    let m = &m;
    let since: Day = required(m, "since", day)?;
    let ftp: Option<Watts> = optional(m, "ftp_w", number)?;
    let lthr: Option<Bpm> = optional(m, "lthr_bpm", number)?;
    let max_hr: Option<Bpm> = optional(m, "max_hr_bpm", number)?;
    let resting_hr: Option<Bpm> = optional(m, "resting_hr_bpm", number)?;
    let threshold_pace: Option<PacePerKm> = optional(m, "threshold_pace_s_per_km", number)?;
    let css: Option<PacePer100m> = optional(m, "css_s_per_100m", number)?;
    Ok(ThresholdSet {
        since,
        values: Thresholds {
            ftp,
            lthr,
            max_hr,
            resting_hr,
            threshold_pace,
            css,
        },
    })
}

/// A wellness check-in from one record of a file, read field by field like a session.
pub fn wellness(v: Value) -> Result<Wellness, String> {
    let Value::Object(m) = v else {
        return Err("not a check-in (expected an object with a date)".into());
    };
    let mut w = Wellness::empty(Day::EPOCH);
    read_fields(&m, &fields::CHECK_IN, &mut w)?;
    Ok(w)
}

// ---- values ------------------------------------------------------------------------
// Each reads one value of a file to a field's type, or says why not.

/// The field read by `read`, or why not, prefixed with the field's name. Missing or null is
/// `None`.
fn optional<T>(
    m: &Map<String, Value>,
    key: &str,
    read: impl FnOnce(&Value) -> Result<T, String>,
) -> Result<Option<T>, String> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => read(v).map(Some).map_err(|why| format!("{key}: {why}")),
    }
}

fn required<T>(
    m: &Map<String, Value>,
    key: &str,
    read: impl FnOnce(&Value) -> Result<T, String>,
) -> Result<T, String> {
    optional(m, key, read)?.ok_or_else(|| format!("{key} is missing"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::quantity::Metres;
    use crate::domain::session::{Intent, TssMethod};
    use serde_json::json;

    fn one(v: Value) -> Result<Session, String> {
        session(v, &mut FileIds::default(), "session 1")
    }

    #[test]
    fn each_field_is_checked_and_named() {
        let ok = json!({"date": "2026-03-09", "sport": "run", "duration_s": 1800, "title": null});
        assert!(one(ok).is_ok());
        let base = || json!({"date": "2026-03-09", "sport": "run", "duration_s": 60});
        let with = |k: &str, v: Value| {
            let mut b = base();
            b[k] = v;
            b
        };
        let cases = [
            (
                with("date", json!("2026-02-30")),
                "date: 2026-02-30 is not a day",
            ),
            (
                with("date", json!("09/03/2026")),
                "date: “09/03/2026” is not a date",
            ),
            (
                with("sport", json!("skating")),
                "sport: “skating” is not one of",
            ),
            (with("intent", json!("fun")), "intent: “fun” is not one of"),
            (with("tss_method", json!("magic")), "tss_method: “magic”"),
            (
                with("duration_s", json!(0)),
                "duration_s: 0 is not a valid duration",
            ),
            (
                with("duration_s", json!(172_801)),
                "duration_s: 172801 is not",
            ),
            (with("duration_s", json!(60.5)), "duration_s: 60.5 is not"),
            (
                with("avg_hr_bpm", json!(300)),
                "avg_hr_bpm: 300 is not a valid heart rate",
            ),
            (with("avg_hr_bpm", json!(24)), "avg_hr_bpm: 24"),
            (with("tss", json!(1001)), "tss: 1001 is not a valid TSS"),
            (with("tss", json!(-1)), "tss: -1"),
            (
                with("tss", json!("NaN")),
                "tss: “NaN” is not a finite number",
            ),
            (with("rpe", json!("hard")), "rpe: “hard” is not a number"),
            (with("start_time", json!("25:00")), "start_time:"),
            (
                json!({"date": "2026-03-09", "sport": "run"}),
                "duration_s is missing",
            ),
            (json!({"sport": "run", "duration_s": 60}), "date is missing"),
            (json!([1, 2]), "not a session"),
        ];
        for (v, why) in cases {
            let e = one(v.clone()).unwrap_err();
            assert!(e.contains(why), "{v}: got “{e}”, expected “{why}”");
        }
    }

    /// Of several problems, the required fields' come first (date, sport, duration), then
    /// the others in the order of docs/formats.md §1.
    #[test]
    fn the_first_problem_is_told() {
        for (v, why) in [
            (
                json!({"date": "2026-02-30", "duration_s": 60}),
                "date: 2026-02-30 is not a day",
            ),
            (
                json!({"date": "2026-03-09", "sport": "skating", "duration_s": 60, "start_time": "25:00"}),
                "sport: “skating”",
            ),
            (
                json!({"date": "2026-03-09", "sport": "run", "duration_s": 0, "intent": "fun"}),
                "duration_s: 0",
            ),
            (
                json!({"id": [1], "date": "2026-03-09", "sport": "run", "duration_s": 60, "tss": -1}),
                "id: [1] is not an id",
            ),
        ] {
            let e = one(v.clone()).unwrap_err();
            assert!(e.starts_with(why), "{v}: got “{e}”, expected “{why}…”");
        }
    }

    #[test]
    fn limits_are_inclusive() {
        let s = one(
            json!({"date": "2026-03-09", "sport": "run", "duration_s": 172_800,
            "avg_hr_bpm": 250, "tss": 1000, "rpe": 10}),
        )
        .unwrap();
        assert_eq!(s.duration.get(), 48 * 3600);
        assert_eq!(s.avg_hr.map(Bpm::get), Some(250));
        assert!(one(json!({"date": "2026-03-09", "sport": "run", "duration_s": 1, "avg_hr_bpm": 25, "tss": 0})).is_ok());
    }

    #[test]
    fn form_is_read_leniently() {
        let s = one(
            json!({"date": "2026-03-09", "sport": " Run ", "intent": "EASY",
            "duration_s": "1800", "distance_m": " 5000.5 ", "tss_method": "HR", "tss": "41",
            "id": 17, "title": 5, "colour": "red"}),
        )
        .unwrap();
        assert_eq!(s.sport, Sport::Run);
        assert_eq!(s.intent, Some(Intent::Easy));
        assert_eq!(s.duration.get(), 1800);
        assert_eq!(s.distance.map(Metres::get), Some(5000.5));
        assert_eq!(s.tss_method, Some(TssMethod::Hr));
        assert_eq!(s.id.0, "17");
        assert_eq!(s.title, "5");
    }

    #[test]
    fn text_is_kept_as_it_came() {
        let t = "  <b>6 × 800 m</b>, \"fast\"\n=1+1  ";
        let s = one(
            json!({"date": "2026-03-09", "sport": "run", "duration_s": 60, "title": t, "notes": t}),
        )
        .unwrap();
        assert_eq!(s.title, t);
        assert_eq!(s.notes, t);
    }

    #[test]
    fn ids_come_from_content_and_repeats_are_told_apart() {
        let v = json!({"date": "2026-03-09", "start_time": "07:30", "sport": "run", "duration_s": 1800});
        let mut ids = FileIds::default();
        let a = session(v.clone(), &mut ids, "line 2").unwrap();
        let b = session(v.clone(), &mut ids, "line 3").unwrap();
        assert_eq!(a.id.0, "2026-03-09-0730-run-1800");
        assert_eq!(b.id.0, "2026-03-09-0730-run-1800-2");
        // The same file read again gives the same ids.
        assert_eq!(one(v).unwrap().id, a.id);
        let blank = json!({"id": "  ", "date": "2026-03-09", "sport": "swim", "duration_s": 900});
        assert_eq!(one(blank).unwrap().id.0, "2026-03-09-swim-900");
    }

    #[test]
    fn a_repeated_id_is_refused_with_where_it_was_first() {
        let v = json!({"id": "x", "date": "2026-03-09", "sport": "run", "duration_s": 1800});
        let mut ids = FileIds::default();
        assert!(session(v.clone(), &mut ids, "session 1").is_ok());
        let e = session(v, &mut ids, "session 4").unwrap_err();
        assert!(e.contains("session 1"), "{e}");
        // A made id never takes one the file gave earlier.
        let v = json!({"id": "2026-03-09-run-60", "date": "2026-03-01", "sport": "run", "duration_s": 1});
        assert!(session(v, &mut ids, "session 5").is_ok());
        let v = json!({"date": "2026-03-09", "sport": "run", "duration_s": 60});
        assert_eq!(
            session(v, &mut ids, "session 6").unwrap().id.0,
            "2026-03-09-run-60-2"
        );
        let long =
            json!({"id": "x".repeat(201), "date": "2026-03-09", "sport": "run", "duration_s": 1});
        assert!(one(long).unwrap_err().starts_with("id: longer than 200"));
    }

    #[test]
    fn check_ins_are_checked() {
        let w = wellness(json!({"date": "2026-03-10", "soreness": 3, "pain": "yes", "sleep_h": 7.5, "resting_hr_bpm": 50})).unwrap();
        assert_eq!((w.soreness, w.pain, w.sleep_h), (Some(3), true, Some(7.5)));
        for (v, why) in [
            (
                json!({"date": "2026-03-10", "soreness": 11}),
                "soreness: 11",
            ),
            (
                json!({"date": "2026-03-10", "soreness": 2.5}),
                "soreness: 2.5",
            ),
            (json!({"date": "2026-03-10", "sleep_h": 25}), "sleep_h: 25"),
            (
                json!({"date": "2026-03-10", "resting_hr_bpm": 20}),
                "resting_hr_bpm: 20",
            ),
            (
                json!({"date": "2026-03-10", "pain": "maybe"}),
                "pain: “maybe”",
            ),
            (json!({"soreness": 1}), "date is missing"),
        ] {
            let e = wellness(v.clone()).unwrap_err();
            assert!(e.contains(why), "{v}: {e}");
        }
    }
}
