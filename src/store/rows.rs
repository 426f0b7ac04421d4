//! Records as storage writes them from version 2 on: each session and check-in as a JSON
//! array of its fields in the order the struct declares them, trailing empty fields left
//! out (`["s1","2026-03-09","07:30","run","easy","Easy run",3145,9359,140]`).
//!
//! Ten years of sessions take 0.7 M characters this way instead of 1.5 M with field names,
//! and read about a third faster: field names were most of the strings the decoder had to
//! scan. The fields and their order are `fields::SESSION` and `fields::CHECK_IN`. serde
//! reads a struct from such an array by itself (each element into the next field, a
//! missing trailing element as the field's default), so decoding needs nothing here; the
//! structs declare their fields in list order (`fields` checks it). Version 1's objects
//! still read, and backups keep their named fields (`backup`).
//!
//! A new field is appended at the end of its list and struct, never inserted: stored
//! arrays are positional; and it needs `#[serde(default)]`, or every row written before it
//! existed would no longer read.

use serde_json::{Map, Value};

use super::fields::{self, Field, CHECK_IN, SESSION};
use crate::domain::session::Session;
use crate::domain::wellness::Wellness;

/// A record that storage writes as a row.
pub trait Row: PartialEq {
    /// The row's JSON text (never fails: plain strings and numbers).
    fn row_text(&self) -> String;
}

impl Row for Session {
    fn row_text(&self) -> String {
        row_text(&SESSION, self)
    }
}

impl Row for Wellness {
    fn row_text(&self) -> String {
        row_text(&CHECK_IN, self)
    }
}

/// `r`'s fields in list order, as a JSON array, up to its last given field.
fn row_text<R>(fields: &[Field<R>], r: &R) -> String {
    let n = fields
        .iter()
        .rposition(|f| f.given(r))
        .map_or(0, |last| last + 1);
    let mut out = Vec::with_capacity(16 * n + 2);
    out.push(b'[');
    for (i, f) in fields[..n].iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        f.write(r, &mut out);
    }
    out.push(b']');
    // serde_json writes UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// Turns the rows of a `data` object (`sessions`, `wellness`) back into objects with named
/// fields, for the importer, which reads records field by field and names the ones it
/// skips. Objects are left as they are; elements past the known fields are dropped.
pub fn name_fields(data: &mut Value) {
    name_rows(data, "sessions", &SESSION);
    name_rows(data, "wellness", &CHECK_IN);
}

fn name_rows<R>(data: &mut Value, list: &str, fields: &[Field<R>]) {
    if let Some(Value::Array(records)) = data.get_mut(list) {
        for record in records.iter_mut() {
            if let Value::Array(row) = record {
                let named: Map<String, Value> = fields::names(fields)
                    .zip(row.drain(..))
                    .map(|(k, v)| (k.to_string(), v))
                    .collect();
                *record = Value::Object(named);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::{Day, TimeOfDay};
    use crate::domain::quantity::{
        Bpm, Metres, PacePerKm, RmssdMs, Rpe, SdnnMs, Seconds, Tss, Watts,
    };
    use crate::domain::session::{Intent, SessionId, Sport, TssMethod};
    use crate::domain::wellness::HrvSource;

    fn day() -> Day {
        "2026-03-09".parse().expect("a date")
    }

    /// Every field given, each with a value no other field could take by mistake, so a
    /// row written in another order than serde reads it cannot come back equal.
    fn full() -> Session {
        Session {
            id: SessionId("s1".into()),
            date: day(),
            start_time: TimeOfDay::from_hm(7, 30),
            sport: Sport::Run,
            intent: Some(Intent::Workout),
            title: "6 × 800 m".into(),
            duration: Seconds::new(3600).expect("1 h"),
            distance: Metres::new(12_000.5),
            avg_hr: Bpm::new(158),
            avg_power: Watts::new(251.0),
            normalized_power: Watts::new(262.0),
            rpe: Rpe::new(8),
            tss: Tss::new(92.5),
            tss_method: Some(TssMethod::Hr),
            notes: "windy".into(),
            normalized_graded_pace: PacePerKm::new(281.0),
            zone_hr: Some(157.25),
            tss_method_chosen: Some(TssMethod::Pace),
            efforts: Some(crate::domain::efforts::Efforts {
                max_hr: Bpm::new(181),
                run: [Metres::new(1010.0), None, None, None, None],
                ..Default::default()
            }),
        }
    }

    #[test]
    fn a_session_row_is_its_fields_in_order() {
        let s = full();
        assert_eq!(
            s.row_text(),
            r#"["s1","2026-03-09","07:30","run","workout","6 × 800 m",3600,12000.5,158,251,262,8,92.5,"hr","windy",281,157.25,"pace",[[181],[1010]]]"#
        );
        assert_eq!(
            serde_json::from_str::<Session>(&s.row_text()).ok(),
            Some(s.clone())
        );
        // Named again, the row is the object serde writes for the session, field for field.
        let mut data = serde_json::json!({ "sessions": [serde_json::from_str::<Value>(&s.row_text()).unwrap()] });
        name_fields(&mut data);
        assert_eq!(data["sessions"][0], serde_json::to_value(&s).unwrap());
    }

    #[test]
    fn trailing_empty_fields_are_left_out_and_read_as_empty() {
        let bare = Session::new(
            SessionId("b".into()),
            day(),
            Sport::Yoga,
            Seconds::new(600).expect("10 min"),
        );
        assert_eq!(
            bare.row_text(),
            r#"["b","2026-03-09",null,"yoga",null,"",600]"#
        );
        assert_eq!(
            serde_json::from_str::<Session>(&bare.row_text()).ok(),
            Some(bare.clone())
        );

        let mut hr_only = bare.clone();
        hr_only.avg_hr = Bpm::new(120);
        assert_eq!(
            hr_only.row_text(),
            r#"["b","2026-03-09",null,"yoga",null,"",600,null,120]"#
        );
        assert_eq!(
            serde_json::from_str::<Session>(&hr_only.row_text()).ok(),
            Some(hr_only)
        );

        let mut last_only = bare;
        last_only.zone_hr = Some(130.0);
        assert_eq!(
            last_only.row_text(),
            r#"["b","2026-03-09",null,"yoga",null,"",600,null,null,null,null,null,null,null,"",null,130.0]"#
        );
        assert_eq!(
            serde_json::from_str::<Session>(&last_only.row_text()).ok(),
            Some(last_only)
        );
    }

    #[test]
    fn a_check_in_row_is_its_fields_in_order() {
        let full = Wellness {
            date: day(),
            soreness: Some(3),
            pain: true,
            menstruating: true,
            sleep_h: Some(7.5),
            resting_hr: Bpm::new(50),
            notes: "ok".into(),
            hrv: RmssdMs::new(62.5),
            sick: true,
            injured: true,
            hrv_sdnn: SdnnMs::new(70.25),
            hrv_source: Some(HrvSource::EliteHrv),
            hrv_range_low: RmssdMs::new(55.0),
            hrv_range_high: RmssdMs::new(71.0),
        };
        assert_eq!(
            full.row_text(),
            r#"["2026-03-09",3,true,true,7.5,50,"ok",62.5,true,true,70.25,"Elite HRV",55,71]"#
        );
        let mut sick = Wellness::empty(day());
        sick.sick = true;
        assert_eq!(
            sick.row_text(),
            r#"["2026-03-09",null,false,false,null,null,"",null,true]"#
        );
        assert_eq!(
            serde_json::from_str::<Wellness>(&sick.row_text()).ok(),
            Some(sick)
        );
        assert_eq!(
            serde_json::from_str::<Wellness>(&full.row_text()).ok(),
            Some(full)
        );
        let mut pain = Wellness::empty(day());
        pain.pain = true;
        assert_eq!(pain.row_text(), r#"["2026-03-09",null,true]"#);
        assert_eq!(
            serde_json::from_str::<Wellness>(&pain.row_text()).ok(),
            Some(pain)
        );
        let empty = Wellness::empty(day());
        assert_eq!(empty.row_text(), r#"["2026-03-09"]"#);
        assert_eq!(
            serde_json::from_str::<Wellness>(&empty.row_text()).ok(),
            Some(empty)
        );
    }
}
