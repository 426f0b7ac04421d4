//! One record (a session or a check-in) from a file, read field by field into a typed value
//! or a reason. Backup JSON and sessions CSV both come through here, so both check the same
//! things: real dates, known sports and intents, durations from 1 s to 48 h, heart rates
//! 25–250 bpm, TSS 0–1 000, no NaN or infinity.

use serde_json::{Map, Value};

use crate::domain::session::Session;
use crate::domain::wellness::Wellness;

/// Drops `null` members, so that "missing or null" both mean "not given" (formats.md §1).
pub fn without_nulls(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(m.into_iter().filter(|(_, v)| !v.is_null()).collect()),
        other => other,
    }
}

/// A session from a JSON object. Without an id it gets one from its content, so importing
/// the same file twice updates rather than duplicates.
pub fn session(v: Value) -> Result<Session, String> {
    let Value::Object(mut m) = without_nulls(v) else {
        return Err("not an object".into());
    };
    for required in ["date", "sport", "duration_s"] {
        if !m.contains_key(required) {
            return Err(format!("{required} is missing"));
        }
    }
    if !m.contains_key("id")
        || m.get("id")
            .and_then(Value::as_str)
            .is_some_and(|s| s.trim().is_empty())
    {
        m.insert("id".into(), Value::String(content_id(&m)));
    }
    let s: Session = serde_json::from_value(Value::Object(m)).map_err(|e| plain(&e.to_string()))?;
    if s.id.0.len() > 200 {
        return Err("id is longer than 200 characters".into());
    }
    Ok(s)
}

/// A wellness check-in from a JSON object.
pub fn wellness(v: Value) -> Result<Wellness, String> {
    let w: Wellness =
        serde_json::from_value(without_nulls(v)).map_err(|e| plain(&e.to_string()))?;
    if w.soreness.is_some_and(|s| s > 10) {
        return Err("soreness must be 0 to 10".into());
    }
    if w.sleep_h.is_some_and(|h| !(0.0..=24.0).contains(&h)) {
        return Err("sleep must be 0 to 24 hours".into());
    }
    Ok(w)
}

fn content_id(m: &Map<String, Value>) -> String {
    let part = |k: &str| match m.get(k) {
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
        None => String::new(),
    };
    format!(
        "{}-{}-{}-{}",
        part("date"),
        part("start_time").replace(':', ""),
        part("sport"),
        part("duration_s")
    )
}

/// serde's messages, minus the line/column of a one-object document.
fn plain(msg: &str) -> String {
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_field_is_checked() {
        let ok = json!({"date": "2026-03-09", "sport": "run", "duration_s": 1800, "title": null});
        assert!(session(ok).is_ok());
        let cases = [
            (
                json!({"date": "2026-02-30", "sport": "run", "duration_s": 1800}),
                "day of the calendar",
            ),
            (
                json!({"date": "2026-03-09", "sport": "skating", "duration_s": 1800}),
                "unknown variant",
            ),
            (
                json!({"date": "2026-03-09", "sport": "run", "duration_s": 0}),
                "duration",
            ),
            (
                json!({"date": "2026-03-09", "sport": "run", "duration_s": 172801}),
                "duration",
            ),
            (
                json!({"date": "2026-03-09", "sport": "run", "duration_s": 60, "avg_hr_bpm": 300}),
                "heart rate",
            ),
            (
                json!({"date": "2026-03-09", "sport": "run", "duration_s": 60, "tss": 1001}),
                "TSS",
            ),
            (
                json!({"date": "2026-03-09", "sport": "run", "duration_s": 60, "intent": "fun"}),
                "unknown variant",
            ),
            (
                json!({"date": "2026-03-09", "sport": "run"}),
                "duration_s is missing",
            ),
        ];
        for (v, why) in cases {
            let e = session(v.clone()).unwrap_err();
            assert!(e.contains(why), "{v}: {e}");
        }
    }

    #[test]
    fn a_session_without_id_gets_one_from_its_content() {
        let v = json!({"date": "2026-03-09", "start_time": "07:30", "sport": "run", "duration_s": 1800});
        assert_eq!(session(v.clone()).unwrap().id, session(v).unwrap().id);
    }
}
