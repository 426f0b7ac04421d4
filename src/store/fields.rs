//! A record's fields, declared once: [`SESSION`] and [`CHECK_IN`] list each field of a
//! session and of a check-in with its name in files (docs/formats.md §1), whether a record
//! needs it, and how it is written and read. What storage and the file formats do field by
//! field goes through these lists:
//! - the rows storage writes (`rows`: the fields in list order);
//! - both CSV exports and the sessions CSV's columns (`csv`: a field's cell);
//! - the tolerant reader of backups and CSV rows (`record`: each field's `read`);
//! - the importer, which names a stored row's fields again (`rows::name_fields`).
//!
//! (Backups write and the merge compares whole records with serde; the CSV's free-text
//! columns and the check-ins CSV's column order are listed in `csv`.)
//!
//! The list's order is the order of a stored row. A new field goes at the end of its list,
//! never in between: stored rows are positional. Storage reads rows back with serde, field
//! by field in the struct's order, so the domain struct declares its fields in the same
//! order with the same names (`#[serde(rename)]`). The tests below check both on records
//! with every field given, written as full struct literals: a field added to a struct
//! fails to compile there until it is given a value, and then fails the test until its
//! list has it.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::values::{
    day, flag, name, number, session_id, sleep_hours, soreness, text, time_of_day,
};
use crate::domain::efforts::Efforts;
use crate::domain::session::{Intent, Session, SessionId, Sport, TssMethod};
use crate::domain::wellness::{HrvSource, Wellness};

/// One field of a record `R`.
pub struct Field<R> {
    /// Its name in backups, stored-data copies and CSV headers (docs/formats.md §1).
    pub name: &'static str,
    /// A record without it is refused (a session's date, sport and duration; a check-in's
    /// date).
    pub required: bool,
    /// Whether `R` has a value here: a row leaves out the fields after its last given one.
    given: fn(&R) -> bool,
    /// Writes the value as JSON (`null` when it has none).
    write: fn(&R, &mut Vec<u8>) -> serde_json::Result<()>,
    /// Reads a file's value (never `null`) into the record, or says why not (without the
    /// field's name: the caller adds it).
    read: fn(&Value, &mut R) -> Result<(), String>,
}

impl<R> Field<R> {
    pub fn given(&self, r: &R) -> bool {
        (self.given)(r)
    }

    /// Appends the field's JSON text to `out`. Never fails: the fields are plain strings
    /// and numbers (serde_json writes a NaN as `null`); were a value ever refused, it would
    /// be written as `null` in place of whatever part of it was written.
    pub fn write(&self, r: &R, out: &mut Vec<u8>) {
        let start = out.len();
        if (self.write)(r, out).is_err() {
            out.truncate(start);
            out.extend_from_slice(b"null");
        }
    }

    /// Reads `v` into `r`; why not, prefixed with the field's name.
    pub fn read(&self, v: &Value, r: &mut R) -> Result<(), String> {
        (self.read)(v, r).map_err(|why| format!("{}: {why}", self.name))
    }

    /// The field as a CSV cell: empty when it has no value, text as it is, `true`/`false`,
    /// and numbers in their shortest exact form (Rust's `Display` for f64: never an
    /// exponent, `7` for 7.0).
    pub fn cell(&self, r: &R) -> String {
        let mut json = Vec::new();
        self.write(r, &mut json);
        match json.first() {
            Some(b'"') => serde_json::from_slice(&json).unwrap_or_default(),
            Some(b'n') | None => String::new(),
            Some(b't' | b'f') => String::from_utf8(json).unwrap_or_default(),
            Some(_) => std::str::from_utf8(&json)
                .ok()
                .and_then(|t| t.parse::<f64>().ok())
                .map(|n| format!("{n}"))
                .unwrap_or_default(),
        }
    }
}

/// The fields' names, in list order.
pub fn names<R>(fields: &[Field<R>]) -> impl Iterator<Item = &'static str> + '_ {
    fields.iter().map(|f| f.name)
}

/// The field named `name`, if the list has it.
pub fn named<'a, R>(fields: &'a [Field<R>], name: &str) -> Option<&'a Field<R>> {
    fields.iter().find(|f| f.name == name)
}

/// Whether a field's value counts as given: `Some`, non-empty text, a ticked box, and
/// always for the values every record has.
trait Given {
    fn given(&self) -> bool;
}

impl<T> Given for Option<T> {
    fn given(&self) -> bool {
        self.is_some()
    }
}

impl Given for String {
    fn given(&self) -> bool {
        !self.is_empty()
    }
}

impl Given for bool {
    fn given(&self) -> bool {
        *self
    }
}

macro_rules! always_given {
    ($($t:ty),+) => {
        $(impl Given for $t {
            fn given(&self) -> bool {
                true
            }
        })+
    };
}
always_given!(
    SessionId,
    crate::domain::date::Day,
    Sport,
    crate::domain::quantity::Seconds
);

fn json<T: Serialize>(out: &mut Vec<u8>, v: &T) -> serde_json::Result<()> {
    serde_json::to_writer(out, v)
}

/// `field!(name, struct_field, read)`: `read` takes the file's value to the field's type.
/// `field!(optional …)` is for an `Option` field (the result is wrapped in `Some`);
/// `field!(required …)` for a field a record needs; the bare form for a field with a plain
/// default instead (empty text, an unticked box).
macro_rules! field {
    (@ $name:literal, $required:literal, $field:ident, |$v:ident| $value:expr) => {
        Field {
            name: $name,
            required: $required,
            given: |r| Given::given(&r.$field),
            write: |r, out| json(out, &r.$field),
            read: |$v, r| {
                r.$field = $value;
                Ok(())
            },
        }
    };
    (required $name:literal, $field:ident, $read:expr) => {
        field!(@ $name, true, $field, |v| $read(v)?)
    };
    (optional $name:literal, $field:ident, $read:expr) => {
        field!(@ $name, false, $field, |v| Some($read(v)?))
    };
    ($name:literal, $field:ident, $read:expr) => {
        field!(@ $name, false, $field, |v| $read(v)?)
    };
}

const METHODS: &str = "given, power, pace, hr, swim, rpe";

/// A session's efforts in their stored form (`domain::efforts::Efforts`): the shape is
/// checked, a number out of range is dropped alone.
fn efforts(v: &Value) -> Result<Efforts, String> {
    Efforts::deserialize(v).map_err(|e| super::values::plain(&e.to_string()))
}

/// A session's fields, in stored-row order (docs/formats.md §1 and §1.1).
pub static SESSION: [Field<Session>; 19] = [
    // Blank means "none"; `record::session` then makes one from the content.
    field!("id", id, session_id),
    field!(required "date", date, day),
    field!(optional "start_time", start_time, time_of_day),
    field!(required "sport", sport, |v| name(
        v,
        "run, ride, swim, strength, yoga, other",
        Sport::parse
    )),
    field!(optional "intent", intent, |v| name(
        v,
        "recovery, easy, long, workout, race, strength, other",
        Intent::parse
    )),
    field!("title", title, text),
    field!(required "duration_s", duration, number),
    field!(optional "distance_m", distance, number),
    field!(optional "avg_hr_bpm", avg_hr, number),
    field!(optional "avg_power_w", avg_power, number),
    field!(optional "normalized_power_w", normalized_power, number),
    field!(optional "rpe", rpe, number),
    field!(optional "tss", tss, number),
    field!(optional "tss_method", tss_method, |v| name(v, METHODS, TssMethod::parse)),
    field!("notes", notes, text),
    // Additions to version 1 for sessions from watch files (domain/session.rs).
    field!(
        optional "normalized_graded_pace_s_per_km",
        normalized_graded_pace,
        number
    ),
    field!(optional "zone_hr_bpm", zone_hr, |v| {
        let bpm: f64 = number(v)?;
        if (25.0..=250.0).contains(&bpm) {
            Ok(bpm)
        } else {
            Err(format!("{bpm} is not a heart rate in bpm (25 to 250)"))
        }
    }),
    // Version 2; a backup's `thresholds_since` is informative and not read: the set is
    // found again from the date.
    field!(optional "tss_method_chosen", tss_method_chosen, |v| name(
        v,
        METHODS,
        TssMethod::parse
    )),
    // Within version 2 (issue #31): what an imported recording said about thresholds.
    field!(optional "efforts", efforts, efforts),
];

/// A check-in's fields, in stored-row order (docs/formats.md §1 and §1.1).
pub static CHECK_IN: [Field<Wellness>; 14] = [
    field!(required "date", date, day),
    field!(optional "soreness", soreness, soreness),
    field!("pain", pain, flag),
    field!("menstruating", menstruating, flag),
    field!(optional "sleep_h", sleep_h, sleep_hours),
    field!(optional "resting_hr_bpm", resting_hr, number),
    field!("notes", notes, text),
    // Version 2.
    field!(optional "hrv_rmssd_ms", hrv, number),
    field!("sick", sick, flag),
    field!("injured", injured, flag),
    // Within version 2 (issue #33): HRV as SDNN, and where the day's HRV came from.
    field!(optional "hrv_sdnn_ms", hrv_sdnn, number),
    field!(optional "hrv_source", hrv_source, |v| name(
        v,
        "HRV4Training, Elite HRV, Garmin, WHOOP, Fitbit, Polar, intervals.icu, Apple Watch, manual",
        HrvSource::parse
    )),
    field!(optional "hrv_range_low_ms", hrv_range_low, number),
    field!(optional "hrv_range_high_ms", hrv_range_high, number),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// A session with every field given, as a full struct literal (no `..`).
    fn full_session() -> Session {
        use crate::domain::quantity::{Bpm, Metres, PacePerKm, Rpe, Seconds, Tss, Watts};
        Session {
            id: SessionId("s".into()),
            date: "2026-03-09".parse().expect("a date"),
            start_time: "07:30".parse().ok(),
            sport: Sport::Run,
            intent: Some(Intent::Easy),
            title: "Easy".into(),
            duration: Seconds::new(3600).expect("1 h"),
            distance: Metres::new(10_000.0),
            avg_hr: Bpm::new(140),
            avg_power: Watts::new(200.0),
            normalized_power: Watts::new(210.0),
            rpe: Rpe::new(3),
            tss: Tss::new(50.0),
            tss_method: Some(TssMethod::Hr),
            notes: "n".into(),
            normalized_graded_pace: PacePerKm::new(300.0),
            zone_hr: Some(140.0),
            tss_method_chosen: Some(TssMethod::Hr),
            efforts: Some(crate::domain::efforts::Efforts {
                max_hr: Bpm::new(180),
                ..Default::default()
            }),
        }
    }

    /// A check-in with every field given, as a full struct literal (no `..`).
    fn full_check_in() -> Wellness {
        use crate::domain::quantity::{Bpm, RmssdMs, SdnnMs};
        Wellness {
            date: "2026-03-09".parse().expect("a date"),
            soreness: Some(2),
            pain: true,
            menstruating: true,
            sleep_h: Some(7.5),
            resting_hr: Bpm::new(50),
            notes: "n".into(),
            hrv: RmssdMs::new(60.0),
            sick: true,
            injured: true,
            hrv_sdnn: SdnnMs::new(80.0),
            hrv_source: Some(HrvSource::Hrv4Training),
            hrv_range_low: RmssdMs::new(50.0),
            hrv_range_high: RmssdMs::new(70.0),
        }
    }

    /// The member names serde writes for `record`, in the order written: the struct's
    /// declaration order and `#[serde(rename)]` names.
    fn serde_names<T: Serialize>(record: &T) -> Vec<String> {
        let text = serde_json::to_string(record).unwrap_or_default();
        serde_json::from_str::<Keys>(&text)
            .map(|keys| keys.0)
            .unwrap_or_default()
    }

    /// The keys of a JSON object, in the order written (serde_json's `Map` sorts them).
    struct Keys(Vec<String>);

    impl<'de> serde::Deserialize<'de> for Keys {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            use serde::de::{IgnoredAny, MapAccess, Visitor};
            struct InOrder;
            impl<'de> Visitor<'de> for InOrder {
                type Value = Keys;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("an object")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Keys, A::Error> {
                    let mut keys = Vec::new();
                    while let Some((k, IgnoredAny)) = m.next_entry::<String, IgnoredAny>()? {
                        keys.push(k);
                    }
                    Ok(Keys(keys))
                }
            }
            d.deserialize_map(InOrder)
        }
    }

    #[test]
    fn the_structs_declare_the_listed_fields_in_list_order() {
        let (s, w) = (full_session(), full_check_in());
        assert_eq!(serde_names(&s), names(&SESSION).collect::<Vec<_>>());
        assert_eq!(serde_names(&w), names(&CHECK_IN).collect::<Vec<_>>());
        // Every field counts as given, so a row has them all.
        assert!(SESSION.iter().all(|f| f.given(&s)));
        assert!(CHECK_IN.iter().all(|f| f.given(&w)));
    }

    #[test]
    fn required_fields_are_the_ones_a_record_cannot_do_without() {
        let required = |f: &[Field<Session>]| {
            f.iter()
                .filter(|f| f.required)
                .map(|f| f.name)
                .collect::<Vec<_>>()
        };
        assert_eq!(required(&SESSION), ["date", "sport", "duration_s"]);
        assert_eq!(
            CHECK_IN
                .iter()
                .filter(|f| f.required)
                .map(|f| f.name)
                .collect::<Vec<_>>(),
            ["date"]
        );
    }

    #[test]
    fn cells_are_plain_text_and_shortest_numbers() {
        let mut w = Wellness::empty("2026-03-09".parse().expect("a date"));
        w.sleep_h = Some(7.0);
        w.notes = "a \"quoted\", note".into();
        w.pain = true;
        let cell = |name| named(&CHECK_IN, name).map(|f| f.cell(&w));
        assert_eq!(cell("date").as_deref(), Some("2026-03-09"));
        assert_eq!(cell("sleep_h").as_deref(), Some("7"));
        assert_eq!(cell("soreness").as_deref(), Some(""));
        assert_eq!(cell("pain").as_deref(), Some("true"));
        assert_eq!(cell("sick").as_deref(), Some("false"));
        assert_eq!(cell("notes").as_deref(), Some("a \"quoted\", note"));
        assert_eq!(cell("nope"), None);
    }
}
