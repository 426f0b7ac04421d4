//! The backup file (formats.md §1): everything, as versioned JSON.

use serde::Serialize;
use serde_json::Value;

use super::data::Data;
use super::import::ImportError;
use super::record;
use crate::domain::profile::Profile;
use crate::domain::session::Session;
use crate::domain::wellness::Wellness;

pub const FORMAT: &str = "recovery-run-backup";
/// The backup version this app writes and the newest it reads.
pub const VERSION: u64 = 1;

#[derive(Serialize)]
struct Out<'a> {
    format: &'static str,
    version: u64,
    exported_at: &'a str,
    profile: &'a Profile,
    sessions: &'a [Session],
    wellness: &'a [Wellness],
}

/// The backup text; `exported_at` is an RFC 3339 UTC time from the caller (which owns the clock).
pub fn export(data: &Data, exported_at: &str) -> String {
    let out = Out {
        format: FORMAT,
        version: VERSION,
        exported_at,
        profile: &data.profile,
        sessions: &data.sessions,
        wellness: &data.wellness,
    };
    serde_json::to_string_pretty(&out).unwrap_or_default()
}

/// A backup as read: the good records, and why each bad one was skipped.
#[derive(Debug, Default)]
pub struct Backup {
    pub profile: Option<Profile>,
    pub sessions: Vec<Session>,
    pub wellness: Vec<Wellness>,
    /// (where, why), e.g. ("session 3", "heart rate …").
    pub skipped: Vec<(String, String)>,
}

pub fn parse(text: &str) -> Result<Backup, ImportError> {
    let v: Value = serde_json::from_str(text)
        .map_err(|e| ImportError::Malformed(format!("this is not valid JSON ({e})")))?;
    if v.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(ImportError::NotRecognised);
    }
    let version = v
        .get("version")
        .and_then(Value::as_u64)
        .ok_or_else(|| ImportError::Malformed("the backup has no version number".into()))?;
    if version > VERSION {
        return Err(ImportError::NewerVersion { found: version });
    }
    let mut out = Backup::default();
    match v.get("profile") {
        None | Some(Value::Null) => {}
        Some(p) => match serde_json::from_value::<Profile>(record::without_nulls(p.clone())) {
            Ok(p) => out.profile = Some(p),
            Err(e) => out.skipped.push((
                "profile".into(),
                format!("{e}; your current profile is kept"),
            )),
        },
    }
    for (i, s) in list(&v, "sessions")?.into_iter().enumerate() {
        match record::session(s) {
            Ok(s) => out.sessions.push(s),
            Err(e) => out.skipped.push((format!("session {}", i + 1), e)),
        }
    }
    for (i, w) in list(&v, "wellness")?.into_iter().enumerate() {
        match record::wellness(w) {
            Ok(w) => out.wellness.push(w),
            Err(e) => out.skipped.push((format!("check-in {}", i + 1), e)),
        }
    }
    Ok(out)
}

fn list(v: &Value, key: &str) -> Result<Vec<Value>, ImportError> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(a)) => Ok(a.clone()),
        Some(_) => Err(ImportError::Malformed(format!("“{key}” is not a list"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_of_formats_md_reads() {
        // formats.md §1, with the comments taken out and the id filled in.
        let text = r#"{
          "format": "recovery-run-backup", "version": 1, "exported_at": "2026-03-10T18:04:00Z",
          "profile": { "sex": "female", "birth_year": 1990, "weight_kg": 58.0, "height_cm": 167.0,
            "athlete": "runner", "injury_prone": false, "weekly_volume_m": 64000, "units": "metric",
            "lthr_bpm": 168, "max_hr_bpm": 190, "resting_hr_bpm": 48, "threshold_pace_s_per_km": 255,
            "ftp_w": 230, "css_s_per_100m": 95, "ctl_time_constant_days": 42, "atl_time_constant_days": 7,
            "start_ctl": 0.0, "start_atl": 0.0 },
          "sessions": [ { "id": "s1", "date": "2026-03-09", "start_time": "07:30", "sport": "run",
            "intent": "workout", "title": "6 x 800 m", "duration_s": 3600, "distance_m": 12000,
            "avg_hr_bpm": 158, "avg_power_w": null, "normalized_power_w": null, "rpe": 8,
            "tss": 92.0, "tss_method": "hr", "notes": "" } ],
          "wellness": [ { "date": "2026-03-10", "soreness": 3, "pain": false, "menstruating": false,
            "sleep_h": 7.5, "resting_hr_bpm": 50, "notes": "" } ]
        }"#;
        let b = parse(text).unwrap();
        assert!(b.skipped.is_empty(), "{:?}", b.skipped);
        let p = b.profile.unwrap();
        assert_eq!(p.lthr.map(|b| b.get()), Some(168));
        assert_eq!(b.sessions[0].title, "6 x 800 m");
        assert_eq!(b.sessions[0].tss.map(|t| t.get()), Some(92.0));
        assert_eq!(b.wellness[0].soreness, Some(3));
    }

    #[test]
    fn export_then_parse_is_the_same_data() {
        let text = parse(include_str!("../../tests/fixtures/backup-v1.json")).unwrap();
        let data = Data {
            profile: text.profile.unwrap(),
            sessions: text.sessions,
            wellness: text.wellness,
            ..Data::default()
        };
        let again = parse(&export(&data, "2026-03-10T18:04:00Z")).unwrap();
        assert_eq!(again.profile.as_ref(), Some(&data.profile));
        assert_eq!(again.sessions, data.sessions);
        assert_eq!(again.wellness, data.wellness);
    }

    #[test]
    fn refusals() {
        assert!(matches!(
            parse(r#"{"format":"recovery-run-backup","version":2}"#),
            Err(ImportError::NewerVersion { found: 2 })
        ));
        assert!(matches!(
            parse(r#"{"format":"something-else","version":1}"#),
            Err(ImportError::NotRecognised)
        ));
        assert!(matches!(
            parse(r#"{"format":"recovery-run-backup","version":1,"sessions":{}"#),
            Err(ImportError::Malformed(_))
        ));
    }

    #[test]
    fn nulls_mean_missing() {
        let b = parse(r#"{"format":"recovery-run-backup","version":1,"profile":{"athlete":null,"units":null,"lthr_bpm":null},
            "sessions":[{"id":null,"date":"2026-03-09","sport":"run","duration_s":600,"title":null,"intent":null}]}"#).unwrap();
        assert!(b.skipped.is_empty(), "{:?}", b.skipped);
        assert_eq!(b.profile, Some(Profile::default()));
        assert_eq!(b.sessions.len(), 1);
    }
}
