//! One value of a file (a JSON value, or a CSV cell as text) read to a field's type, or
//! the reason why not: the readers each field of [`super::fields`] names. Lenient about
//! form, strict about meaning (docs/formats.md §1, "Reading rules"): a number written as
//! text is that number, names ignore case, text is kept as it came.

use serde::de::DeserializeOwned;
use serde_json::{Number, Value};

use crate::domain::date::{Day, TimeOfDay};
use crate::domain::quantity::to_grain;
use crate::domain::session::SessionId;

/// The longest id accepted from a file.
pub const MAX_ID_CHARS: usize = 200;

/// A number, or text that reads as one; then checked by the quantity's own range.
pub fn number<T: DeserializeOwned>(v: &Value) -> Result<T, String> {
    let n = match v {
        Value::Number(n) => n.clone(),
        Value::String(s) => {
            let t = s.trim();
            let f: f64 = t.parse().map_err(|_| format!("“{s}” is not a number"))?;
            Number::from_f64(f).ok_or_else(|| format!("“{t}” is not a finite number"))?
        }
        other => return Err(format!("{other} is not a number")),
    };
    T::deserialize(&Value::Number(n)).map_err(|e| plain(&e.to_string()))
}

pub fn day(v: &Value) -> Result<Day, String> {
    as_str(v)?
        .parse()
        .map_err(|e: crate::domain::date::DateError| e.0)
}

pub fn time_of_day(v: &Value) -> Result<TimeOfDay, String> {
    as_str(v)?
        .parse()
        .map_err(|e: crate::domain::date::DateError| e.0)
}

/// One of a fixed list of names (case ignored).
pub fn name<T>(v: &Value, names: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, String> {
    let s = as_str(v)?;
    parse(s).ok_or_else(|| format!("“{s}” is not one of {names}"))
}

/// A session's id as a file gives it; blank (no id) when the text is blank.
pub fn session_id(v: &Value) -> Result<SessionId, String> {
    Ok(SessionId(id_text(v)?.unwrap_or_default()))
}

/// An id: text (or a number, as some tools write them). Blank means "none".
fn id_text(v: &Value) -> Result<Option<String>, String> {
    let id = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => return Err(format!("{other} is not an id")),
    };
    if id.trim().is_empty() {
        return Ok(None);
    }
    if id.chars().count() > MAX_ID_CHARS {
        return Err(format!("longer than {MAX_ID_CHARS} characters"));
    }
    Ok(Some(id))
}

/// Text, kept as it is; a number or true/false is taken as its text.
pub fn text(v: &Value) -> Result<String, String> {
    match v {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        _ => Err("not text".into()),
    }
}

/// A soreness from 0 (none) to 10 (worst), a whole number.
pub fn soreness(v: &Value) -> Result<u8, String> {
    let n: f64 = number(v)?;
    if n.fract() == 0.0 && (0.0..=10.0).contains(&n) {
        Ok(n as u8)
    } else {
        Err(format!("{n} is not a soreness from 0 to 10"))
    }
}

/// A night's sleep in hours, 0 to 24.
pub fn sleep_hours(v: &Value) -> Result<f64, String> {
    let h: f64 = number(v)?;
    if (0.0..=24.0).contains(&h) {
        Ok(to_grain(h))
    } else {
        Err(format!("{h} is not a night's sleep (0 to 24 hours)"))
    }
}

pub fn flag(v: &Value) -> Result<bool, String> {
    match v {
        Value::Bool(b) => Ok(*b),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Ok(true),
            "false" | "no" | "0" | "" => Ok(false),
            _ => Err(format!("“{s}” is not true or false")),
        },
        Value::Number(n) if n.as_f64() == Some(1.0) => Ok(true),
        Value::Number(n) if n.as_f64() == Some(0.0) => Ok(false),
        other => Err(format!("{other} is not true or false")),
    }
}

fn as_str(v: &Value) -> Result<&str, String> {
    v.as_str().ok_or_else(|| format!("{v} is not text"))
}

/// serde's messages, minus the line/column of a one-value document.
pub fn plain(msg: &str) -> String {
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}
