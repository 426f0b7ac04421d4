//! The localStorage schema: a versioned envelope around [`Data`], and its migrations.
//!
//! `{"schema": 4, "data": {"profile": …, "sessions": […], "wellness": […], "settings": …}}`.
//! Version 1 stored this text whole under one key; version 2 stores the same data laid out
//! in blocks (`layout`), which joins them back into this envelope only when a block needs
//! the tolerant reader; version 3 adds dated threshold sets and the per-session choice of
//! method (docs/domain.md §6), optional fields that versions 1 and 2 read as "none";
//! version 4 packs full blocks (`store::pack`), the same data in a sixth of the characters.
//!
//! - Every version the app ever wrote can be read: `migrate` lifts an old envelope one
//!   version at a time, and `tests/fixtures/storage-v{N}.json` keeps a sample of each
//!   version that must keep loading (`tests/store_schema.rs`).
//! - A version newer than this app is refused, never guessed at: the newer app's data is
//!   left as it is for the newer app.
//! - Text that is not a readable envelope (cut short, edited by hand, not JSON) is refused
//!   with a reason in plain words. Decoding is strict: the app wrote this text itself, so a
//!   record that does not read means damage, and dropping it quietly would lose it for good
//!   at the next save. (The stored text can still be imported as a file: import reads it
//!   record by record and reports the bad ones.)
//! - [`decode`] never panics, whatever the text.

use std::sync::Arc;

use serde::Deserialize;
use serde_json::{Map, Value};
use std::fmt;

use super::data::{Data, Settings};
use super::record::without_nulls;
use super::rows::Row;
use super::values::plain;
use crate::domain::profile::Profile;
use crate::domain::session::Session;
use crate::domain::wellness::Wellness;

/// The version this app writes, and the newest it reads.
pub const SCHEMA_VERSION: u32 = 4;

/// Why stored text could not be used.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// Not JSON, cut short, edited by hand, or not the shape the app writes.
    Unreadable { reason: String },
    /// Written by a newer version of the app.
    FromNewerVersion { found: u64 },
}

impl LoadError {
    /// One or two sentences for the athlete.
    pub fn message(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Unreadable { reason } => write!(
                f,
                "The data stored in this browser could not be read: {reason}."
            ),
            LoadError::FromNewerVersion { found } => write!(
                f,
                "The data stored in this browser was saved by a newer version of Recovery Run \
                 (storage version {found}; this version reads up to {SCHEMA_VERSION}). Reload \
                 the page to get the newer version."
            ),
        }
    }
}

impl std::error::Error for LoadError {}

fn unreadable(reason: impl Into<String>) -> LoadError {
    LoadError::Unreadable {
        reason: reason.into(),
    }
}

/// Reads stored text. Never panics, whatever the text.
///
/// Text as this version writes it (or a version in [`TYPED_VERSIONS`]) takes the typed
/// reader, [`decode_typed`]; anything else (nulls where the app writes values, damage) the
/// tolerant one, [`decode_tolerant`], which migrates, reads nulls as defaults and names
/// what is wrong.
/// Where the typed reader reads a text at all, it reads what the tolerant one reads
/// (`tests/store_schema.rs`), so which path ran never shows.
pub fn decode(raw: &str) -> Result<Data, LoadError> {
    match decode_typed(raw) {
        Some(data) => Ok(data),
        None => decode_tolerant(raw),
    }
}

/// The typed reader of [`decode`]: the envelope of the current version straight into [`Data`]
/// in one pass (no `serde_json::Value` in between), or `None` when the text is anything
/// else. Four times faster than the tolerant reader on ten years of sessions.
pub fn decode_typed(raw: &str) -> Option<Data> {
    #[derive(Deserialize)]
    struct Envelope {
        schema: u64,
        data: Object<Data>,
    }
    let Object(envelope) = serde_json::from_str::<Object<Envelope>>(raw).ok()?;
    TYPED_VERSIONS
        .contains(&envelope.schema)
        .then_some(envelope.data.0)
}

/// A struct read only from a JSON object. (Serde also reads a struct from an array of its
/// fields in order, which the tolerant reader refuses for the envelope and its data.)
struct Object<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Only<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Only<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(Only(std::marker::PhantomData))
            .map(Object)
    }
}

/// The tolerant reader of [`decode`]: parses to a `serde_json::Value`, migrates an older
/// version, then reads the data part by part and record by record, so that a reason names
/// the part that failed.
pub fn decode_tolerant(raw: &str) -> Result<Data, LoadError> {
    data(upgrade(raw)?)
}

/// [`decode_tolerant`] of an envelope already parsed (the layout's joined blocks).
pub(crate) fn decode_value(envelope: Value) -> Result<Data, LoadError> {
    data(upgrade_value(envelope)?)
}

/// The text of the data as one envelope: the profile and settings as objects, each session
/// and check-in as a row (`rows`). Storage lays it out in blocks (`layout`); this whole form
/// is what a download of the stored data holds, and what the file worker is given.
pub fn encode(data: &Data) -> String {
    envelope_text(data, &[], &[])
}

/// A [`Data`] with the text of each of its records as [`encode`] writes it, so that the
/// text of the next version re-encodes only the records that changed: a save after adding
/// one session encodes one session, not ten years of them.
///
/// [`Encoded::text`] is always exactly [`encode`] of [`Encoded::data`]; records whose text is
/// not kept yet ([`Encoded::lazy`]) are encoded when needed.
#[derive(Clone, Debug, Default)]
pub struct Encoded {
    /// Shared with the app's state after a save (`Db::save` returns it): ten years of
    /// sessions are not copied again.
    data: Arc<Data>,
    /// `sessions[i]` is the text of `data.sessions[i]`; empty when not encoded yet.
    sessions: Vec<Text>,
    /// Likewise for `data.wellness`.
    wellness: Vec<Text>,
}

/// One record's text, shared between versions without copying.
pub type Text = std::rc::Rc<str>;

impl Encoded {
    /// `data`, every record encoded now.
    pub fn new(data: Data) -> Encoded {
        let mut e = Encoded::lazy(data);
        e.encode_all();
        e
    }

    /// `data`, its records encoded only when needed.
    pub fn lazy(data: impl Into<Arc<Data>>) -> Encoded {
        Encoded {
            data: data.into(),
            sessions: Vec::new(),
            wellness: Vec::new(),
        }
    }

    pub fn data(&self) -> &Data {
        &self.data
    }

    /// The data, shared (not copied).
    pub fn shared(&self) -> Arc<Data> {
        Arc::clone(&self.data)
    }

    /// Encodes every record whose text is not kept yet.
    pub fn encode_all(&mut self) {
        if self.sessions.len() != self.data.sessions.len() {
            self.sessions = self
                .data
                .sessions
                .iter()
                .map(|x| x.row_text().into())
                .collect();
        }
        if self.wellness.len() != self.data.wellness.len() {
            self.wellness = self
                .data
                .wellness
                .iter()
                .map(|x| x.row_text().into())
                .collect();
        }
    }

    /// The text of every session and of every check-in, in order.
    pub fn texts(&mut self) -> (&[Text], &[Text]) {
        self.encode_all();
        (&self.sessions, &self.wellness)
    }

    /// `next`, reusing the text of each record equal to the one at the same place in
    /// `self` or with the same key (session id, check-in day); the others are encoded.
    pub fn update(&self, next: impl Into<Arc<Data>>) -> Encoded {
        let next: Arc<Data> = next.into();
        let sessions = reuse(
            &self.data.sessions,
            &self.sessions,
            &next.sessions,
            |s: &Session| s.id.0.as_str(),
        );
        let wellness = reuse(
            &self.data.wellness,
            &self.wellness,
            &next.wellness,
            |w: &Wellness| w.date,
        );
        Encoded {
            data: next,
            sessions,
            wellness,
        }
    }

    /// The text to store: the same as `encode(self.data())`, byte for byte.
    pub fn text(&self) -> String {
        envelope_text(&self.data, &self.sessions, &self.wellness)
    }
}

/// The envelope of `d`, taking each record's text from `sessions` and `wellness` when they
/// hold one per record, else encoding it.
fn envelope_text(d: &Data, sessions: &[Text], wellness: &[Text]) -> String {
    fn list<T: Row>(out: &mut String, items: &[T], texts: &[Text]) {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            match texts.get(i) {
                Some(t) if texts.len() == items.len() => out.push_str(t),
                _ => out.push_str(&item.row_text()),
            }
        }
    }
    let size: usize = sessions.iter().chain(wellness).map(|t| t.len()).sum();
    let mut out = String::with_capacity(size + sessions.len() + wellness.len() + 1024);
    out.push_str("{\"schema\":");
    out.push_str(&SCHEMA_VERSION.to_string());
    out.push_str(",\"data\":{\"profile\":");
    out.push_str(&record_text(&d.profile));
    out.push_str(",\"sessions\":[");
    list(&mut out, &d.sessions, sessions);
    out.push_str("],\"wellness\":[");
    list(&mut out, &d.wellness, wellness);
    out.push_str("],\"settings\":");
    out.push_str(&record_text(&d.settings));
    out.push_str("}}");
    out
}

/// The profile or settings as [`encode`] writes them (never fails for the app's plain
/// structs: a NaN is written as null and read back as "not given").
pub(crate) fn record_text<T: serde::Serialize>(x: &T) -> String {
    serde_json::to_string(x).unwrap_or_default()
}

/// The texts of `new`: each one taken from `old` where an equal record sits at the same
/// place or under the same key, else encoded. The usual saves (a record added at the end,
/// one changed in place) find every other record at its place and look nothing up by key.
fn reuse<'a, T, K>(
    old: &'a [T],
    old_texts: &[Text],
    new: &'a [T],
    key: impl Fn(&'a T) -> K,
) -> Vec<Text>
where
    T: Row,
    K: Eq + std::hash::Hash,
{
    if old_texts.len() != old.len() {
        return new.iter().map(|x| x.row_text().into()).collect();
    }
    let text_of = |j: usize, x: &T| match (old.get(j), old_texts.get(j)) {
        (Some(o), Some(t)) if o == x => Some(t.clone()),
        _ => None,
    };
    let mut by_key: Option<std::collections::HashMap<K, usize>> = None;
    // Whether a record so far had another key than the old one at its place.
    let mut shifted = false;
    let mut texts = Vec::with_capacity(new.len());
    for (i, x) in new.iter().enumerate() {
        let found = text_of(i, x).or_else(|| {
            match old.get(i) {
                // Changed in place.
                Some(o) if key(o) == key(x) => return None,
                // Past the end of `old` with every record before in place: a new one (the
                // keys are unique; were one repeated, its text would only be encoded again).
                None if !shifted => return None,
                _ => shifted = true,
            }
            let map = by_key
                .get_or_insert_with(|| old.iter().enumerate().map(|(j, o)| (key(o), j)).collect());
            map.get(&key(x)).and_then(|&j| text_of(j, x))
        });
        texts.push(found.unwrap_or_else(|| x.row_text().into()));
    }
    texts
}

/// Parses stored text and lifts it to the current version; returns its `data` member.
fn upgrade(raw: &str) -> Result<Value, LoadError> {
    upgrade_value(parse(raw)?)
}

/// [`upgrade`] of an already parsed envelope. Import uses this to read a copy of the
/// stored text record by record.
pub(crate) fn upgrade_value(value: Value) -> Result<Value, LoadError> {
    let version = match value.get("schema") {
        Some(Value::Number(n)) => n
            .as_u64()
            .ok_or_else(|| unreadable(format!("its version number {n} is not a whole number")))?,
        Some(other) => {
            return Err(unreadable(format!(
                "its version number {other} is not a number"
            )))
        }
        None => {
            return Err(unreadable(
                "it has no version number, so it was not written by this app",
            ))
        }
    };
    if version > u64::from(SCHEMA_VERSION) {
        return Err(LoadError::FromNewerVersion { found: version });
    }
    let from = u32::try_from(version).unwrap_or(0);
    let mut value = migrate(value, from)?;
    match value.get_mut("data").map(Value::take) {
        Some(data @ Value::Object(_)) => Ok(data),
        Some(_) => Err(unreadable("its data is not in the app's format")),
        None => Err(unreadable("it holds no data")),
    }
}

fn parse(raw: &str) -> Result<Value, LoadError> {
    if raw.trim().is_empty() {
        return Err(unreadable("it is empty"));
    }
    match serde_json::from_str::<Value>(raw) {
        Ok(v @ Value::Object(_)) => Ok(v),
        Ok(_) => Err(unreadable("it is not in the app's format")),
        Err(e) => {
            use serde_json::error::Category;
            Err(unreadable(match e.classify() {
                Category::Eof => "it stops part-way through, as if it was cut off".to_string(),
                _ => format!(
                    "it is not in the app's format, perhaps edited by hand (a problem at line \
                     {}, column {})",
                    e.line(),
                    e.column()
                ),
            }))
        }
    }
}

/// The versions whose envelope reads straight into today's [`Data`], with no migration
/// step: version 1's data is version 2's, unchanged (the step between them only moved it
/// into blocks and rows, which serde reads as it reads objects), and version 3 only adds
/// optional fields. A step that changes the data must leave the versions before it out of
/// this list.
const TYPED_VERSIONS: [u64; 4] = [1, 2, 3, 4];

/// One migration: lifts an envelope of version N to version N + 1.
type Step = fn(Value) -> Result<Value, LoadError>;

/// `STEPS[i]` lifts version `i + 1` to `i + 2`. A schema change bumps [`SCHEMA_VERSION`],
/// appends its step here, and adds `tests/fixtures/storage-v{old}.json`, written by the old
/// version, which must keep loading forever.
const STEPS: [Step; SCHEMA_VERSION as usize - 1] = [version_1_to_2, version_2_to_3, version_3_to_4];

/// Version 2 keeps the data of version 1 as it was and only stores it in blocks, which
/// `layout` joins before anything reaches this chain: nothing to change.
fn version_1_to_2(envelope: Value) -> Result<Value, LoadError> {
    Ok(envelope)
}

/// Version 3 adds dated threshold sets to the profile (`thresholds`) and the athlete's
/// choice of method to sessions (`tss_method_chosen`, appended to the row), both optional
/// (docs/domain.md §6). A version 2 profile has no dated sets, which reads as one set for all
/// days: its own fields, with which every stored estimate was made. So the data need no
/// change; the number does: a build that knows only version 2, still open in another tab,
/// refuses to write over version 3 (`LoadError::FromNewerVersion`) instead of dropping
/// the sets and choices it does not know.
fn version_2_to_3(envelope: Value) -> Result<Value, LoadError> {
    Ok(envelope)
}

/// Version 4 packs every block of 500 records (`store::pack`: compressed, 15 bits to a
/// character), so twenty years of a two-a-day log fit in a sixth of what localStorage
/// holds (issue #34). The data are those of version 3; `layout` unpacks blocks before
/// anything reaches this chain. The number keeps a version 3 build, still open in another
/// tab, from reading packed blocks as damage or writing over them.
fn version_3_to_4(envelope: Value) -> Result<Value, LoadError> {
    Ok(envelope)
}

/// Lifts an envelope from version `from` to [`SCHEMA_VERSION`], one version at a time.
fn migrate(value: Value, from: u32) -> Result<Value, LoadError> {
    migrate_with(&STEPS, value, from)
}

/// The chain itself: `steps[i]` lifts version `i + 1`, and the last version is
/// `steps.len() + 1`. Each step sees an envelope already lifted to its version.
fn migrate_with(steps: &[Step], mut value: Value, from: u32) -> Result<Value, LoadError> {
    let newest = steps.len() + 1;
    let from_index = usize::try_from(from).unwrap_or(usize::MAX);
    if from_index == 0 || from_index > newest {
        return Err(unreadable(format!(
            "it says it is storage version {from}, which no version of the app wrote"
        )));
    }
    for (i, step) in steps.iter().enumerate().skip(from_index - 1) {
        value = step(value)?;
        if let Value::Object(m) = &mut value {
            m.insert("schema".into(), Value::from(i + 2));
        }
    }
    Ok(value)
}

/// The current-version `data` object as [`Data`], part by part, so that a reason names
/// the part that failed ("session 3 of 120 (2026-03-09): …").
fn data(v: Value) -> Result<Data, LoadError> {
    let Value::Object(mut m) = v else {
        return Err(unreadable("its data is not in the app's format"));
    };
    let profile: Profile = part(&mut m, "profile", "the profile")?.unwrap_or_default();
    let settings: Settings = part(&mut m, "settings", "the settings")?.unwrap_or_default();
    let sessions = list(&mut m, "sessions", |i, n, v| {
        Session::deserialize(v).map_err(|e| {
            // A row (version 2) has its date second; an object (version 1) names it.
            let date = v.get("date").or_else(|| v.get(1));
            let date = date.and_then(Value::as_str).unwrap_or("no date");
            format!("session {i} of {n} ({date}): {}", plain(&e.to_string()))
        })
    })?;
    let wellness = list(&mut m, "wellness", |i, n, v| {
        Wellness::deserialize(v)
            .map_err(|e| format!("check-in {i} of {n}: {}", plain(&e.to_string())))
    })?;
    Ok(Data {
        profile,
        sessions,
        wellness,
        settings,
    })
}

/// An object member (null members dropped, so they read as their defaults).
fn part<T: serde::de::DeserializeOwned>(
    m: &mut Map<String, Value>,
    key: &str,
    what: &str,
) -> Result<Option<T>, LoadError> {
    match m.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => T::deserialize(without_nulls(v))
            .map(Some)
            .map_err(|e| unreadable(format!("{what}: {}", plain(&e.to_string())))),
    }
}

fn list<T>(
    m: &mut Map<String, Value>,
    key: &str,
    read: impl Fn(usize, usize, &Value) -> Result<T, String>,
) -> Result<Vec<T>, LoadError> {
    match m.remove(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(a)) => {
            let n = a.len();
            a.iter()
                .enumerate()
                .map(|(i, v)| read(i + 1, n, v).map_err(unreadable))
                .collect()
        }
        Some(_) => Err(unreadable(format!("its {key} are not a list"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A save keeps the texts of the records it did not change (the same `Rc`, not a new
    /// encoding): for a session added at the end, one edited in place, one removed.
    #[test]
    fn unchanged_records_keep_their_texts() {
        use crate::domain::quantity::Seconds;
        use crate::domain::session::{Session, SessionId, Sport};
        let session = |id: &str, day: i32| {
            Session::new(
                SessionId(id.into()),
                crate::domain::date::Day::EPOCH.add_days(day),
                Sport::Run,
                Seconds::new(1800).expect("30 min"),
            )
        };
        let data = Data {
            sessions: (0..5).map(|i| session(&format!("s{i}"), i)).collect(),
            ..Data::default()
        };
        let mut before = Encoded::new(data.clone());
        let old: Vec<Text> = before.texts().0.to_vec();
        let same = |e: &mut Encoded, at: &[(usize, usize)]| {
            let texts = e.texts().0;
            at.iter()
                .all(|&(new, was)| Text::ptr_eq(&texts[new], &old[was]))
        };

        let mut added = data.clone();
        added.sessions.push(session("s5", 9));
        let mut e = before.update(added.clone());
        assert!(same(&mut e, &[(0, 0), (1, 1), (2, 2), (3, 3), (4, 4)]));
        assert_eq!(e.text(), encode(&added));

        let mut edited = data.clone();
        edited.sessions[2].title = "hills".into();
        let mut e = before.update(edited.clone());
        assert!(same(&mut e, &[(0, 0), (1, 1), (3, 3), (4, 4)]));
        assert!(!same(&mut e, &[(2, 2)]));
        assert_eq!(e.text(), encode(&edited));

        let mut removed = data.clone();
        removed.sessions.remove(1);
        let mut e = before.update(removed.clone());
        assert!(same(&mut e, &[(0, 0), (1, 2), (2, 3), (3, 4)]));
        assert_eq!(e.text(), encode(&removed));
    }

    #[test]
    fn round_trip_of_nothing() {
        let d = Data::default();
        assert_eq!(
            encode(&d),
            r#"{"schema":4,"data":{"profile":{"sex":null,"birth_year":null,"weight_kg":null,"height_cm":null,"athlete":"runner","injury_prone":false,"weekly_volume_m":null,"units":"metric","lthr_bpm":null,"max_hr_bpm":null,"resting_hr_bpm":null,"threshold_pace_s_per_km":null,"ftp_w":null,"css_s_per_100m":null,"ctl_time_constant_days":42.0,"atl_time_constant_days":7.0,"start_ctl":0.0,"start_atl":0.0,"pmc_update":"exponential","fitness_on":null},"sessions":[],"wellness":[],"settings":{"theme":"system","last_backup":null}}}"#
        );
        assert_eq!(decode(&encode(&d)), Ok(d));
    }

    #[test]
    fn every_cut_of_a_stored_text_is_refused() {
        let good = encode(&Data::default());
        for cut in 0..good.len() {
            assert!(
                matches!(decode(&good[..cut]), Err(LoadError::Unreadable { .. })),
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn versions() {
        assert_eq!(
            decode(r#"{"schema":7,"data":{}}"#),
            Err(LoadError::FromNewerVersion { found: 7 })
        );
        assert_eq!(
            decode(r#"{"schema":18446744073709551615,"data":{}}"#),
            Err(LoadError::FromNewerVersion { found: u64::MAX })
        );
        for raw in [
            r#"{"data":{}}"#,
            r#"{"schema":0,"data":{}}"#,
            r#"{"schema":-1,"data":{}}"#,
            r#"{"schema":1.5,"data":{}}"#,
            r#"{"schema":"1","data":{}}"#,
            r#"{"schema":1}"#,
            r#"{"schema":1,"data":[]}"#,
            "[]",
            "",
            "   ",
        ] {
            assert!(
                matches!(decode(raw), Err(LoadError::Unreadable { .. })),
                "{raw}"
            );
        }
        assert_eq!(decode(r#"{"schema":1,"data":{}}"#), Ok(Data::default()));
    }

    #[test]
    fn reasons_say_where() {
        let raw = r#"{"schema":1,"data":{"sessions":[
            {"id":"a","date":"2026-03-09","sport":"run","duration_s":60},
            {"id":"b","date":"2026-03-10","sport":"run","duration_s":60,"avg_hr_bpm":300}]}}"#;
        let e = decode(raw).unwrap_err();
        assert_eq!(
            e.to_string(),
            "The data stored in this browser could not be read: session 2 of 2 (2026-03-10): \
             300 is not a valid heart rate in bpm (25 to 250)."
        );
        let e = decode(r#"{"schema":1,"data":{"sessions":[{"#).unwrap_err();
        assert!(e.to_string().contains("cut off"), "{e}");
        let e = decode(r#"{"schema":1,"data":{"sessions":[}}"#).unwrap_err();
        assert!(e.to_string().contains("edited by hand"), "{e}");
        let e = decode(r#"{"schema":5}"#).unwrap_err();
        assert!(e.to_string().contains("newer version"), "{e}");
    }

    /// The chain with three made-up versions: v1 → v2 renames a field, v2 → v3 adds one.
    #[test]
    fn the_migration_chain_runs_each_step_once_in_order() {
        fn v1_to_v2(mut v: Value) -> Result<Value, LoadError> {
            assert_eq!(v["schema"], 1);
            let d = &mut v["data"];
            d["sessions"] = d["runs"].take();
            Ok(v)
        }
        fn v2_to_v3(mut v: Value) -> Result<Value, LoadError> {
            assert_eq!(
                v["schema"], 2,
                "the schema number is raised after each step"
            );
            v["data"]["wellness"] = Value::Array(Vec::new());
            Ok(v)
        }
        fn refuse(_: Value) -> Result<Value, LoadError> {
            Err(unreadable("step failed"))
        }
        let steps: [Step; 2] = [v1_to_v2, v2_to_v3];
        let v1 = serde_json::json!({"schema": 1, "data": {"runs": [1]}});
        let lifted = migrate_with(&steps, v1, 1).unwrap();
        assert_eq!(
            lifted,
            serde_json::json!({"schema": 3, "data": {"runs": null, "sessions": [1], "wellness": []}})
        );
        let v2 = serde_json::json!({"schema": 2, "data": {"sessions": [2]}});
        assert_eq!(
            migrate_with(&steps, v2, 2).unwrap()["data"],
            serde_json::json!({"sessions": [2], "wellness": []})
        );
        let v3 = serde_json::json!({"schema": 3, "data": {}});
        assert_eq!(migrate_with(&steps, v3.clone(), 3), Ok(v3.clone()));
        assert!(migrate_with(&steps, v3.clone(), 4).is_err());
        assert!(migrate_with(&steps, v3.clone(), 0).is_err());
        assert_eq!(
            migrate_with(
                &[v1_to_v2, refuse],
                serde_json::json!({"schema": 1, "data": {}}),
                1
            ),
            Err(unreadable("step failed"))
        );
    }

    #[test]
    fn nulls_in_the_profile_read_as_defaults() {
        // A NaN time constant is written as null; it must not lock the athlete out.
        let mut d = Data::default();
        d.profile.ctl_time_constant_days = f64::NAN;
        d.profile.weight_kg = Some(f64::INFINITY);
        let back = decode(&encode(&d)).unwrap();
        assert_eq!(back.profile, Profile::default());
    }
}
