//! The localStorage schema: a versioned envelope around [`Data`], and its migrations.
//!
//! `{"schema": 1, "data": {…}}`. Every version the app ever wrote can be read: `migrate`
//! lifts an old envelope one version at a time. A version newer than this app is refused
//! (never guessed at), and so is text that is not a readable envelope.

use serde_json::Value;
use std::fmt;

use super::data::Data;

/// The version this app writes.
pub const SCHEMA_VERSION: u64 = 1;

/// Why stored text could not be used.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// Not JSON, cut short, or not the shape the app writes.
    Unreadable { reason: String },
    /// Written by a newer version of the app.
    FromNewerVersion { found: u64 },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Unreadable { reason } => {
                write!(
                    f,
                    "The data stored in this browser could not be read ({reason})."
                )
            }
            LoadError::FromNewerVersion { found } => write!(
                f,
                "The data stored in this browser was saved by a newer version of Recovery Run \
                 (storage version {found}; this one reads up to {SCHEMA_VERSION}). Reload to \
                 get the newer version."
            ),
        }
    }
}

/// Reads stored text. Never panics, whatever the text.
pub fn decode(raw: &str) -> Result<Data, LoadError> {
    let unreadable = |reason: String| LoadError::Unreadable { reason };
    let value: Value = serde_json::from_str(raw).map_err(|e| unreadable(e.to_string()))?;
    let version = value
        .get("schema")
        .and_then(Value::as_u64)
        .ok_or_else(|| unreadable("no storage version".into()))?;
    if version > SCHEMA_VERSION {
        return Err(LoadError::FromNewerVersion { found: version });
    }
    let value = migrate(value, version)?;
    let data = value
        .get("data")
        .cloned()
        .ok_or_else(|| unreadable("no data".into()))?;
    serde_json::from_value(data).map_err(|e| unreadable(e.to_string()))
}

/// The text to store.
pub fn encode(data: &Data) -> String {
    // Serialising plain data to a string cannot fail; an empty object would be refused on
    // the next load rather than silently read as "no data".
    serde_json::to_string(&Envelope {
        schema: SCHEMA_VERSION,
        data,
    })
    .unwrap_or_default()
}

#[derive(serde::Serialize)]
struct Envelope<'a> {
    schema: u64,
    data: &'a Data,
}

/// Lifts an envelope from `from` to [`SCHEMA_VERSION`], one version at a time.
/// Version 1 is the first; the next schema change adds its step here and a fixture of the
/// version it replaces under `tests/fixtures/`.
fn migrate(value: Value, from: u64) -> Result<Value, LoadError> {
    match from {
        SCHEMA_VERSION => Ok(value),
        v => Err(LoadError::Unreadable {
            reason: format!("unknown storage version {v}"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let d = Data::default();
        assert_eq!(decode(&encode(&d)), Ok(d));
    }

    #[test]
    fn damage_is_reported_not_guessed() {
        let good = encode(&Data::default());
        for cut in 0..good.len() {
            assert!(decode(&good[..cut]).is_err(), "cut at {cut}");
        }
        assert!(matches!(
            decode(r#"{"schema":7,"data":{}}"#),
            Err(LoadError::FromNewerVersion { found: 7 })
        ));
        assert!(matches!(
            decode(r#"{"data":{}}"#),
            Err(LoadError::Unreadable { .. })
        ));
        assert!(matches!(
            decode(r#"{"schema":0,"data":{}}"#),
            Err(LoadError::Unreadable { .. })
        ));
    }
}
