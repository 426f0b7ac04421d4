//! The backup file (docs/formats.md §1): everything, as versioned JSON.
//!
//! Reading checks the envelope whole (`format`, `version`: another format or a newer
//! version is refused, nothing half-read) and then each record on its own: a bad session,
//! check-in or profile field is left out and reported with where it is and why; the rest is
//! read. Unknown fields are ignored.
//!
//! Version 2 (docs/formats.md §1.1) adds the profile's dated threshold sets (`thresholds`, oldest
//! first) and, per session, the athlete's choice of method (`tss_method_chosen`) and the set
//! that scored it (`thresholds_since`, informative). A version 1 file still imports: its
//! thresholds become one set for all days.

use serde::Serialize;
use serde_json::{Map, Value};

use super::data::Data;
use super::import_error::ImportError;
use super::record::{self, FileIds};
use super::values;
use crate::domain::date::{Day, TimeOfDay};
use crate::domain::efforts::Efforts;
use crate::domain::profile::{Athlete, FitnessOn, PmcUpdate, Profile, Sex};
use crate::domain::session::{Intent, Session, Sport, TssMethod};
use crate::domain::thresholds::ThresholdSet;
use crate::domain::tss;
use crate::domain::units::Units;
use crate::domain::wellness::{HrvSource, Wellness};

pub const FORMAT: &str = "recovery-run-backup";
/// The backup version this app writes and the newest it reads. Version 2 (docs/formats.md
/// §1.1) adds the dated threshold sets and each session's chosen method (issue #18) and
/// the readiness fields of a check-in (`hrv_rmssd_ms`, `sick`, `injured`; issue #19).
pub const VERSION: u64 = 2;

#[derive(Serialize)]
struct Out<'a> {
    format: &'static str,
    version: u64,
    exported_at: &'a str,
    profile: ProfileOut<'a>,
    sessions: Vec<SessionOut<'a>>,
    wellness: Vec<WellnessOut<'a>>,
}

/// The backup text; `exported_at` is an RFC 3339 UTC time from the caller (which owns the
/// clock), e.g. `2026-03-10T18:04:00Z`. Settings (theme, last backup date) are this
/// device's, not the athlete's, and are not in the format.
///
/// The records are written through the structs below, which spell out the format's
/// fields in its order, with whole-number quantities (seconds, bpm, RPE) as integers as
/// in docs/formats.md; a test checks they cover every field the domain types have.
///
/// A profile without dated sets writes `"thresholds": []`: one set for all days, its
/// threshold fields, as a version 1 file means (so export → import gives the same profile).
pub fn export(data: &Data, exported_at: &str) -> String {
    let profile = &data.profile;
    let out = Out {
        format: FORMAT,
        version: VERSION,
        exported_at,
        profile: ProfileOut::from(profile),
        sessions: data
            .sessions
            .iter()
            .map(|s| SessionOut::scored(s, profile))
            .collect(),
        wellness: data.wellness.iter().map(WellnessOut::from).collect(),
    };
    // Plain structs of strings and numbers always serialise.
    serde_json::to_string_pretty(&out).unwrap_or_default()
}

#[derive(Serialize)]
struct ProfileOut<'a> {
    sex: Option<Sex>,
    birth_year: Option<i32>,
    weight_kg: Option<f64>,
    height_cm: Option<f64>,
    athlete: Athlete,
    injury_prone: bool,
    weekly_volume_m: Option<f64>,
    units: Units,
    lthr_bpm: Option<u16>,
    max_hr_bpm: Option<u16>,
    resting_hr_bpm: Option<u16>,
    threshold_pace_s_per_km: Option<f64>,
    ftp_w: Option<f64>,
    css_s_per_100m: Option<f64>,
    ctl_time_constant_days: f64,
    atl_time_constant_days: f64,
    start_ctl: f64,
    start_atl: f64,
    pmc_update: &'a PmcUpdate,
    /// Version 2: the dated sets, oldest first; each set writes only the fields it gives.
    thresholds: Vec<ThresholdSet>,
    /// Version 2, optional: fitness and fatigue set on a date (`null` when not set).
    fitness_on: Option<FitnessOn>,
}

impl<'a> From<&'a Profile> for ProfileOut<'a> {
    fn from(p: &'a Profile) -> Self {
        ProfileOut {
            sex: p.sex,
            birth_year: p.birth_year,
            weight_kg: p.weight_kg,
            height_cm: p.height_cm,
            athlete: p.athlete,
            injury_prone: p.injury_prone,
            weekly_volume_m: p.weekly_volume.map(|m| m.get()),
            units: p.units,
            lthr_bpm: p.lthr.map(|b| b.get()),
            max_hr_bpm: p.max_hr.map(|b| b.get()),
            resting_hr_bpm: p.resting_hr.map(|b| b.get()),
            threshold_pace_s_per_km: p.threshold_pace.map(|x| x.get()),
            ftp_w: p.ftp.map(|w| w.get()),
            css_s_per_100m: p.css.map(|x| x.get()),
            ctl_time_constant_days: p.ctl_time_constant_days,
            atl_time_constant_days: p.atl_time_constant_days,
            start_ctl: p.start_ctl,
            start_atl: p.start_atl,
            pmc_update: &p.pmc_update,
            thresholds: p.threshold_sets(),
            fitness_on: p.fitness_on,
        }
    }
}

#[derive(Serialize)]
struct SessionOut<'a> {
    id: &'a str,
    date: Day,
    start_time: Option<TimeOfDay>,
    sport: Sport,
    intent: Option<Intent>,
    title: &'a str,
    duration_s: u32,
    distance_m: Option<f64>,
    avg_hr_bpm: Option<u16>,
    avg_power_w: Option<f64>,
    normalized_power_w: Option<f64>,
    rpe: Option<u8>,
    tss: Option<f64>,
    tss_method: Option<TssMethod>,
    notes: &'a str,
    // Additions to v1 for sessions imported from watch files (domain/session.rs): written
    // only when present, so other sessions export exactly as before.
    #[serde(skip_serializing_if = "Option::is_none")]
    normalized_graded_pace_s_per_km: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    zone_hr_bpm: Option<f64>,
    /// Version 2: the athlete's choice of method, or null (the best the data allow).
    tss_method_chosen: Option<TssMethod>,
    /// Version 2: the `since` of the set that scored this estimate (informative: an import
    /// finds the set again from the date), or null when no threshold was used.
    thresholds_since: Option<Day>,
    /// Within version 2 (issue #31): what an imported recording said about thresholds, a
    /// compact array (`domain::efforts`); written only when present.
    #[serde(skip_serializing_if = "Option::is_none")]
    efforts: Option<Efforts>,
}

impl<'a> SessionOut<'a> {
    /// The session with the set that scores it under `profile`.
    fn scored(s: &'a Session, profile: &Profile) -> Self {
        let since = match s.tss_method {
            Some(m) if tss::uses_thresholds(m) => tss::score(s, profile)
                .filter(|sc| sc.method == m)
                .and_then(|sc| sc.since),
            _ => None,
        };
        SessionOut {
            thresholds_since: since,
            ..SessionOut::from(s)
        }
    }
}

impl<'a> From<&'a Session> for SessionOut<'a> {
    fn from(s: &'a Session) -> Self {
        SessionOut {
            id: &s.id.0,
            date: s.date,
            start_time: s.start_time,
            sport: s.sport,
            intent: s.intent,
            title: &s.title,
            duration_s: s.duration.get(),
            distance_m: s.distance.map(|m| m.get()),
            avg_hr_bpm: s.avg_hr.map(|b| b.get()),
            avg_power_w: s.avg_power.map(|w| w.get()),
            normalized_power_w: s.normalized_power.map(|w| w.get()),
            rpe: s.rpe.map(|r| r.get()),
            tss: s.tss.map(|t| t.get()),
            tss_method: s.tss_method,
            notes: &s.notes,
            normalized_graded_pace_s_per_km: s.normalized_graded_pace.map(|p| p.get()),
            zone_hr_bpm: s.zone_hr,
            tss_method_chosen: s.tss_method_chosen,
            thresholds_since: None,
            efforts: s.efforts,
        }
    }
}

#[derive(Serialize)]
struct WellnessOut<'a> {
    date: Day,
    soreness: Option<u8>,
    pain: bool,
    menstruating: bool,
    sleep_h: Option<f64>,
    resting_hr_bpm: Option<u16>,
    notes: &'a str,
    // Version 2 (docs/formats.md §1.1, docs/domain.md §7).
    hrv_rmssd_ms: Option<f64>,
    sick: bool,
    injured: bool,
    // Within version 2 (issue #33).
    hrv_sdnn_ms: Option<f64>,
    hrv_source: Option<HrvSource>,
    hrv_range_low_ms: Option<f64>,
    hrv_range_high_ms: Option<f64>,
}

impl<'a> From<&'a Wellness> for WellnessOut<'a> {
    fn from(w: &'a Wellness) -> Self {
        WellnessOut {
            date: w.date,
            soreness: w.soreness,
            pain: w.pain,
            menstruating: w.menstruating,
            sleep_h: w.sleep_h,
            resting_hr_bpm: w.resting_hr.map(|b| b.get()),
            notes: &w.notes,
            hrv_rmssd_ms: w.hrv.map(|h| h.get()),
            sick: w.sick,
            injured: w.injured,
            hrv_sdnn_ms: w.hrv_sdnn.map(|h| h.get()),
            hrv_source: w.hrv_source,
            hrv_range_low_ms: w.hrv_range_low.map(|h| h.get()),
            hrv_range_high_ms: w.hrv_range_high.map(|h| h.get()),
        }
    }
}

/// A backup as read: the good records, and why each bad one was skipped.
#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct Backup {
    pub exported_at: Option<String>,
    /// The profile fields the backup gives (missing and null ones are not given).
    pub profile: Option<ProfilePatch>,
    /// The dated threshold sets of a version 2 file (`None` when it lists none: a version 1
    /// file, whose threshold fields are one set for all days).
    pub thresholds: Option<Vec<ThresholdSet>>,
    pub sessions: Vec<Session>,
    pub wellness: Vec<Wellness>,
    /// (where, why), e.g. ("session 3", "avg_hr_bpm: 300 is not a valid heart rate …").
    pub skipped: Vec<(String, String)>,
}

/// Profile fields from a file, each already checked. Applied over a profile, each replaces
/// that field; fields the file does not give keep their value.
#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct ProfilePatch(Map<String, Value>);

impl ProfilePatch {
    /// The given fields' names, in alphabetical order.
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `base` with every given field replaced.
    pub fn apply(&self, base: &Profile) -> Profile {
        let Ok(Value::Object(mut m)) = serde_json::to_value(base) else {
            return base.clone();
        };
        for (k, v) in &self.0 {
            m.insert(k.clone(), v.clone());
        }
        // Each field was checked on its own against the same type, so this succeeds.
        serde_json::from_value(Value::Object(m)).unwrap_or_else(|_| base.clone())
    }

    /// Reads a profile object field by field: unknown fields are dropped, bad ones reported.
    fn read(v: &Value, skipped: &mut Vec<(String, String)>) -> Option<ProfilePatch> {
        let Value::Object(given) = v else {
            skipped.push((
                "profile".into(),
                "not an object; your current profile is kept".into(),
            ));
            return None;
        };
        let Ok(Value::Object(known)) = serde_json::to_value(Profile::default()) else {
            return None;
        };
        let mut patch = Map::new();
        for key in known.keys() {
            let Some(value) = given.get(key).filter(|v| !v.is_null()) else {
                continue;
            };
            let mut probe = known.clone();
            probe.insert(key.clone(), value.clone());
            match serde_json::from_value::<Profile>(Value::Object(probe)) {
                Ok(_) => {
                    patch.insert(key.clone(), value.clone());
                }
                Err(e) => skipped.push((
                    format!("profile, {key}"),
                    format!(
                        "{}; your current value is kept",
                        values::plain(&e.to_string())
                    ),
                )),
            }
        }
        Some(ProfilePatch(patch))
    }
}

/// Reads backup text.
pub fn parse(text: &str) -> Result<Backup, ImportError> {
    parse_value(json(text)?)
}

/// Reads a parsed backup.
pub(crate) fn parse_value(v: Value) -> Result<Backup, ImportError> {
    let Value::Object(_) = v else {
        return Err(ImportError::NotRecognised);
    };
    match v.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(Value::String(f)) => {
            return Err(ImportError::NotABackup {
                format: Some(f.clone()),
            })
        }
        _ => return Err(ImportError::NotABackup { format: None }),
    }
    let version = match v.get("version") {
        None | Some(Value::Null) => {
            return Err(ImportError::Malformed(
                "the backup has no version number".into(),
            ))
        }
        Some(n) => n.as_u64().ok_or_else(|| {
            ImportError::Malformed(format!("the backup's version {n} is not a whole number"))
        })?,
    };
    if version > VERSION {
        return Err(ImportError::NewerVersion {
            found: version,
            newest: VERSION,
        });
    }
    let v = upgrade(v, version)?;
    read(&v)
}

/// Lifts a backup from `from` to [`VERSION`], one version at a time. Version 1 is the
/// first; a change to the format adds its step here, and a fixture of the version it
/// replaces under `tests/fixtures/` that must keep importing.
fn upgrade(v: Value, from: u64) -> Result<Value, ImportError> {
    match from {
        // Version 2 only adds optional fields: a version 1 file reads as one without them.
        1 | VERSION => Ok(v),
        _ => Err(ImportError::Malformed(format!(
            "no version of Recovery Run wrote backup version {from}"
        ))),
    }
}

/// The records of a current-version object with `profile`, `sessions` and `wellness` (a
/// backup, or the app's own storage envelope's `data`).
pub(crate) fn read(v: &Value) -> Result<Backup, ImportError> {
    let mut out = Backup {
        exported_at: v
            .get("exported_at")
            .and_then(Value::as_str)
            .map(str::to_string),
        ..Backup::default()
    };
    if let Some(p) = v.get("profile").filter(|p| !p.is_null()) {
        out.profile = ProfilePatch::read(p, &mut out.skipped);
        out.thresholds = threshold_sets(p, &mut out.skipped)?;
    }
    let mut ids = FileIds::default();
    for (i, s) in list(v, "sessions")?.iter().enumerate() {
        let at = format!("session {}", i + 1);
        match record::session(s.clone(), &mut ids, &at) {
            Ok(s) => out.sessions.push(s),
            Err(e) => out.skipped.push((at, e)),
        }
    }
    let mut days = std::collections::HashMap::new();
    for (i, w) in list(v, "wellness")?.iter().enumerate() {
        let at = format!("check-in {}", i + 1);
        match record::wellness(w.clone()) {
            Ok(w) => match days.get(&w.date) {
                Some(first) => out.skipped.push((
                    at,
                    format!("a second check-in for {} ({first} is imported)", w.date),
                )),
                None => {
                    days.insert(w.date, at);
                    out.wellness.push(w);
                }
            },
            Err(e) => out.skipped.push((at, e)),
        }
    }
    Ok(out)
}

/// The dated sets of a profile object (docs/formats.md §1.1): each set read field by field (a bad
/// one is skipped and reported); two with the same `since` refuse the whole file.
fn threshold_sets(
    profile: &Value,
    skipped: &mut Vec<(String, String)>,
) -> Result<Option<Vec<ThresholdSet>>, ImportError> {
    let sets = match profile.get("thresholds") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Array(a)) => a,
        Some(_) => {
            return Err(ImportError::Malformed(
                "the profile's “thresholds” is not a list".into(),
            ))
        }
    };
    let mut out: Vec<ThresholdSet> = Vec::with_capacity(sets.len());
    for (i, set) in sets.iter().enumerate() {
        let at = format!("profile, threshold set {}", i + 1);
        match record::threshold_set(set.clone()) {
            Ok(set) => {
                if out.iter().any(|s| s.since == set.since) {
                    return Err(ImportError::Malformed(format!(
                        "two threshold sets start on {}; nothing was imported",
                        set.since
                    )));
                }
                out.push(set);
            }
            Err(e) => skipped.push((at, e)),
        }
    }
    out.sort_by_key(|s| s.since);
    Ok((!out.is_empty()).then_some(out))
}

fn list<'a>(v: &'a Value, key: &str) -> Result<&'a [Value], ImportError> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(a)) => Ok(a),
        Some(_) => Err(ImportError::Malformed(format!("“{key}” is not a list"))),
    }
}

/// Parses JSON text; `NaN` and `Infinity` (which some tools write, though JSON has no such
/// numbers) are read as text, so the record holding one is skipped with a reason instead
/// of the whole file being refused.
pub(crate) fn json(text: &str) -> Result<Value, ImportError> {
    match serde_json::from_str(text) {
        Ok(v) => Ok(v),
        Err(e) => {
            let quoted = quote_non_numbers(text);
            if quoted != text {
                if let Ok(v) = serde_json::from_str(&quoted) {
                    return Ok(v);
                }
            }
            Err(ImportError::Malformed(json_problem(&e)))
        }
    }
}

/// A plain-English account of a JSON syntax error.
pub(crate) fn json_problem(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => "the file ends part-way through: it may have been cut short while \
                          downloading or copying"
            .into(),
        _ => format!(
            "the file is not valid JSON (a problem at line {}, column {}): it may have been \
             edited by hand",
            e.line(),
            e.column()
        ),
    }
}

/// Puts bare `NaN`, `Infinity` and `-Infinity` (outside strings) in quotes.
fn quote_non_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            rest = &rest[c.len_utf8()..];
            continue;
        }
        if c == '"' {
            in_string = true;
        }
        if let Some(word) = ["NaN", "Infinity", "-Infinity"]
            .into_iter()
            .find(|w| rest.starts_with(w))
        {
            out.push('"');
            out.push_str(word);
            out.push('"');
            rest = &rest[word.len()..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_of_formats_md_reads() {
        // docs/formats.md §1, with the comments taken out and the id filled in.
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
        assert_eq!(b.exported_at.as_deref(), Some("2026-03-10T18:04:00Z"));
        let p = b.profile.unwrap().apply(&Profile::default());
        assert_eq!(p.lthr.map(|b| b.get()), Some(168));
        assert_eq!(p.weekly_volume.map(|m| m.get()), Some(64000.0));
        assert_eq!(b.sessions[0].title, "6 x 800 m");
        assert_eq!(b.sessions[0].tss.map(|t| t.get()), Some(92.0));
        assert_eq!(b.wellness[0].soreness, Some(3));
    }

    /// The export structs name every field the domain types serialise, and no other.
    #[test]
    fn the_export_covers_every_field() {
        fn keys(v: Value) -> Vec<String> {
            let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
            k.sort();
            k
        }
        let s = Session::new(
            crate::domain::session::SessionId("a".into()),
            Day::EPOCH,
            Sport::Run,
            crate::domain::quantity::Seconds::new(60).unwrap(),
        );
        let w = Wellness::empty(Day::EPOCH);
        let p = Profile::default();
        let pairs = [
            (
                serde_json::to_value(&p),
                serde_json::to_value(ProfileOut::from(&p)),
            ),
            (
                serde_json::to_value(&s),
                serde_json::to_value(SessionOut::from(&s)),
            ),
            (
                serde_json::to_value(&w),
                serde_json::to_value(WellnessOut::from(&w)),
            ),
        ];
        // Version 2's additions the domain types leave out when empty (so storage stays
        // as it was), and the export-only `thresholds_since`.
        let v2 = ["thresholds", "tss_method_chosen", "thresholds_since"];
        for (domain, out) in pairs {
            let mut domain = keys(domain.unwrap());
            let out: Vec<String> = keys(out.unwrap())
                .into_iter()
                .filter(|k| !v2.contains(&k.as_str()) || !domain.contains(k))
                .collect();
            domain.extend(out.iter().filter(|k| v2.contains(&k.as_str())).cloned());
            domain.sort();
            assert_eq!(domain, out);
        }
    }

    #[test]
    fn a_bad_profile_field_is_left_out_alone() {
        let b = parse(
            r#"{"format":"recovery-run-backup","version":1,
                "profile":{"lthr_bpm":500,"ftp_w":250,"athlete":"swimmer","colour":"red","max_hr_bpm":null}}"#,
        )
        .unwrap();
        let patch = b.profile.unwrap();
        assert_eq!(patch.fields().collect::<Vec<_>>(), ["ftp_w"]);
        let wheres: Vec<&str> = b.skipped.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(wheres, ["profile, athlete", "profile, lthr_bpm"]);
        let mine = Profile {
            lthr: crate::domain::quantity::Bpm::new(170),
            max_hr: crate::domain::quantity::Bpm::new(190),
            ..Profile::default()
        };
        let p = patch.apply(&mine);
        assert_eq!(p.ftp.map(|w| w.get()), Some(250.0));
        assert_eq!(p.lthr, mine.lthr, "bad field: the current value stays");
        assert_eq!(p.max_hr, mine.max_hr, "null field: the current value stays");
    }

    #[test]
    fn refusals() {
        assert_eq!(
            parse(r#"{"format":"recovery-run-backup","version":3}"#),
            Err(ImportError::NewerVersion {
                found: 3,
                newest: 2
            })
        );
        assert_eq!(
            parse(r#"{"format":"something-else","version":1}"#),
            Err(ImportError::NotABackup {
                format: Some("something-else".into())
            })
        );
        assert_eq!(
            parse(r#"{"version":1}"#),
            Err(ImportError::NotABackup { format: None })
        );
        assert_eq!(parse("[1,2]"), Err(ImportError::NotRecognised));
        for text in [
            r#"{"format":"recovery-run-backup","version":1,"sessions":{}}"#,
            r#"{"format":"recovery-run-backup"}"#,
            r#"{"format":"recovery-run-backup","version":0}"#,
            r#"{"format":"recovery-run-backup","version":1.5}"#,
            r#"{"format":"recovery-run-backup","version":1,"sessions":["#,
        ] {
            assert!(
                matches!(parse(text), Err(ImportError::Malformed(_))),
                "{text}"
            );
        }
    }

    #[test]
    fn nan_skips_its_session_not_the_file() {
        let b = parse(
            r#"{"format":"recovery-run-backup","version":1,"sessions":[
                {"date":"2026-03-09","sport":"run","duration_s":600,"tss":NaN,"title":"NaN, Infinity"},
                {"date":"2026-03-10","sport":"run","duration_s":600,"title":"NaN \"Infinity\""}]}"#,
        )
        .unwrap();
        assert_eq!(b.sessions.len(), 1);
        assert_eq!(b.sessions[0].title, "NaN \"Infinity\"");
        assert_eq!(b.skipped.len(), 1);
        assert_eq!(b.skipped[0].0, "session 1");
        assert!(b.skipped[0].1.starts_with("tss: “NaN”"), "{:?}", b.skipped);
    }

    #[test]
    fn nulls_mean_missing() {
        let b = parse(r#"{"format":"recovery-run-backup","version":1,"profile":{"athlete":null,"units":null,"lthr_bpm":null},
            "sessions":[{"id":null,"date":"2026-03-09","sport":"run","duration_s":600,"title":null,"intent":null}],
            "wellness":null}"#).unwrap();
        assert!(b.skipped.is_empty(), "{:?}", b.skipped);
        assert!(b.profile.unwrap().is_empty());
        assert_eq!(b.sessions.len(), 1);
        assert_eq!(b.sessions[0].id.0, "2026-03-09-run-600");
    }
}
