//! The localStorage schema: every version ever written keeps loading; damage and newer
//! versions are refused, never guessed at; decoding never panics.

mod store_support;

use proptest::prelude::*;
use recovery_run::domain::date::Day;
use recovery_run::domain::quantity::to_grain;
use recovery_run::domain::session::{Sport, TssMethod};
use recovery_run::store::data::Data;
use recovery_run::store::data::Theme;
use recovery_run::store::schema::{
    decode, decode_tolerant, decode_typed, encode, Encoded, LoadError, SCHEMA_VERSION,
};
use recovery_run::store::{layout, rows};
use serde_json::Value;

const V1: &str = include_str!("fixtures/storage-v1.json");

fn day(s: &str) -> Day {
    s.parse().expect("a date")
}

#[test]
fn version_1_as_written_loads() {
    let d = decode(V1).expect("v1 loads");
    let p = &d.profile;
    assert_eq!(p.lthr.map(|b| b.get()), Some(168));
    assert_eq!(p.threshold_pace.map(|x| x.get()), Some(255.0));
    assert_eq!(p.ftp.map(|x| x.get()), Some(230.0));
    assert_eq!(p.weekly_volume.map(|x| x.get()), Some(64_000.0));
    assert_eq!(d.settings.theme, Theme::Dark);
    assert_eq!(d.settings.last_backup, Some(day("2026-03-10")));

    let ids: Vec<&str> = d.sessions.iter().map(|s| s.id.0.as_str()).collect();
    assert_eq!(
        ids,
        ["smmkx5qio-0", "smmkx5qio-1", "garmin-8812", "smmkx5qio-2"]
    );
    let run = &d.sessions[0];
    assert_eq!(run.title, "6 × 800 m");
    assert_eq!(
        run.start_time.map(|t| t.to_string()).as_deref(),
        Some("07:30")
    );
    // rTSS as stored, 1 h × (255/300)² × 100 = 72.24999999999999 to the last bit, is held
    // to the millionth (quantity::GRAIN).
    assert_eq!(run.tss.map(|t| t.get()), Some(72.25));
    assert_eq!(run.tss_method, Some(TssMethod::Pace));
    let ride = &d.sessions[1];
    assert_eq!(ride.sport, Sport::Ride);
    assert_eq!(ride.start_time, None);
    assert_eq!(ride.title, "Commute, \"slow\"");
    assert_eq!(ride.distance.map(|m| m.get()), Some(15_500.5));
    // 0.75 h × (165/230)² × 100 = 38.598771266540645, held to the millionth.
    assert_eq!(ride.tss.map(|t| t.get()), Some(38.598771));
    assert_eq!(d.sessions[2].notes, "<b>not bold</b>\nsecond line");
    assert_eq!(d.sessions[2].intent, None);

    assert_eq!(d.wellness.len(), 2);
    assert!(d.wellness[0].menstruating);
    assert_eq!(d.wellness[0].sleep_h, Some(7.5));
    assert!(d.wellness[1].pain && d.wellness[1].soreness.is_none());
}

/// Numbers compare by value (`58` and `58.0` are the same number).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        // A fraction is held to the millionth since the app dropped serde_json's
        // `float_roundtrip` (quantity::GRAIN): the same number to that grain.
        (Value::Number(x), Value::Number(y)) => x.as_f64().map(to_grain) == y.as_f64(),
        _ => a == b,
    }
}

/// Every member of `old`, at any depth, is in `new` with the same value.
fn holds_all_of(old: &Value, new: &Value, path: &str, missing: &mut Vec<String>) {
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => {
            for (k, v) in o {
                match n.get(k) {
                    Some(w) => holds_all_of(v, w, &format!("{path}.{k}"), missing),
                    None => missing.push(format!("{path}.{k} is no longer written")),
                }
            }
        }
        (Value::Array(o), Value::Array(n)) if o.len() == n.len() => {
            for (i, (v, w)) in o.iter().zip(n).enumerate() {
                holds_all_of(v, w, &format!("{path}[{i}]"), missing);
            }
        }
        _ if same(old, new) => {}
        _ => missing.push(format!("{path}: {old} is now written as {new}")),
    }
}

/// Version 2 changed where the data lies (blocks, `tests/store_layout.rs`) and how a record
/// is written (a row of its fields, `store::rows`), not the data:
/// the app must still write every field of version 1 the same way. A rename or removal
/// fails here: it needs a new SCHEMA_VERSION and a migration step. (Added fields are fine:
/// older text without them loads with their defaults. Version 3 added the dated threshold
/// sets and the choice of method, docs/domain.md §6: `version_3_reads_what_version_2_meant`.)
#[test]
fn the_current_version_writes_the_data_version_1_wrote() {
    assert_eq!(
        SCHEMA_VERSION, 4,
        "a new version: keep storage-v4.json and test its migration"
    );
    let old: Value = serde_json::from_str(V1).expect("JSON");
    let mut new: Value = serde_json::from_str(&encode(&decode(V1).expect("loads"))).expect("JSON");
    // Version 2 writes records as rows; named again, they must hold every field of v1
    // (but the empty ones at a row's end, which it leaves out and reads as empty).
    rows::name_fields(&mut new["data"]);
    let mut old = old;
    for list in ["sessions", "wellness"] {
        for record in old["data"][list].as_array_mut().expect("a list") {
            if let Value::Object(m) = record {
                m.retain(|_, v| !(v.is_null() || *v == "" || *v == false));
            }
        }
    }
    let mut missing = Vec::new();
    holds_all_of(&old["data"], &new["data"], "data", &mut missing);
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn every_storage_fixture_loads() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut versions = Vec::new();
    for entry in std::fs::read_dir(dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        if let Some(v) = name
            .strip_prefix("storage-v")
            .and_then(|n| n.strip_suffix(".json"))
        {
            let raw = std::fs::read_to_string(&path).expect("text");
            let d = read_fixture(&raw).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!d.sessions.is_empty(), "{name} should hold sessions");
            versions.push(v.parse::<u32>().expect("a version number"));
        }
    }
    versions.sort();
    assert_eq!(
        versions,
        (1..=SCHEMA_VERSION).collect::<Vec<_>>(),
        "a fixture per version"
    );
}

/// A fixture is the text under the app's key (version 1), or from version 2 on, every key
/// of the app's as a JSON object of key → text, read as the app reads localStorage.
fn read_fixture(raw: &str) -> Result<Data, LoadError> {
    let keys: serde_json::Map<String, Value> = match serde_json::from_str(raw) {
        Ok(Value::Object(m)) if m.contains_key(layout::KEY) => m,
        _ => return decode(raw),
    };
    let text = |k: &str| keys.get(k).and_then(Value::as_str).map(str::to_string);
    let head = text(layout::KEY).unwrap_or_default();
    layout::read(&head, text)
        .map(|(d, _)| d)
        .map_err(|u| u.error)
}

/// Version 2 as written: the data of the version-1 fixture, laid out in blocks.
#[test]
fn version_2_as_written_loads() {
    let v2 = read_fixture(include_str!("fixtures/storage-v2.json")).expect("v2 loads");
    assert_eq!(v2, decode(V1).expect("v1 loads"));
}

/// Version 4 packs full blocks (`store::pack`): the same data as version 3. Its fixture is
/// the version 3 fixture with 500 imported sessions before it (a packed block, then a plain
/// one), as this version wrote it.
#[test]
fn version_4_as_written_loads() {
    let raw = include_str!("fixtures/storage-v4.json");
    let keys: serde_json::Map<String, Value> = serde_json::from_str(raw).expect("JSON");
    let head = keys[layout::KEY].as_str().expect("a head");
    assert!(head.starts_with(r#"{"schema":4,"#));
    let packed: Vec<&String> = keys
        .iter()
        .filter(|(_, t)| t.as_str().is_some_and(recovery_run::store::pack::is_packed))
        .map(|(k, _)| k)
        .collect();
    assert_eq!(packed.len(), 1, "one packed block: {packed:?}");
    assert!(packed[0].starts_with("recovery-run/sessions/p"));
    let v4 = read_fixture(raw).expect("v4 loads");
    let v3 = read_fixture(include_str!("fixtures/storage-v3.json")).expect("v3 loads");
    assert_eq!(v4.sessions.len(), 504);
    assert_eq!(v4.sessions[500..], v3.sessions[..]);
    assert_eq!(v4.profile, v3.profile);
    assert_eq!(v4.settings, v3.settings);
    let first = &v4.sessions[0];
    assert_eq!(first.id.0, "act-2025-07-02-0622-swim");
    assert!(
        first
            .notes
            .starts_with("Imported from export_18000000.zip › activities/")
            && first.notes.contains("elapsed 1:")
            && first.notes.contains("max HR "),
        "{}",
        first.notes
    );
}

/// Version 3 adds dated threshold sets and the per-session choice of method (docs/domain.md §6).
/// A version 2 profile reads as one set for all days, scoring every session as before; the
/// version 3 fixture keeps its sets, its choice, and the TSS each set gave.
#[test]
fn version_3_reads_what_version_2_meant() {
    use recovery_run::domain::tss;
    let v2 = read_fixture(include_str!("fixtures/storage-v2.json")).expect("v2 loads");
    assert!(v2.profile.thresholds.is_empty(), "one set for all days");
    for s in &v2.sessions {
        let mut again = s.clone();
        tss::rescore(&mut again, &v2.profile);
        assert_eq!(again.tss, s.tss, "{} scores as it was stored", s.id.0);
    }
    let v3 = read_fixture(include_str!("fixtures/storage-v3.json")).expect("v3 loads");
    let sets = v3.profile.threshold_sets();
    assert_eq!(sets.len(), 2);
    assert_eq!(
        (sets[0].since.to_string(), sets[1].since.to_string()),
        ("2026-03-09".into(), "2026-03-10".into())
    );
    // The fields are the newest set: LTHR 168 from 2026-03-10, 165 before.
    assert_eq!(v3.profile.lthr.map(|b| b.get()), Some(168));
    let first = &v3.sessions[0];
    assert_eq!(first.tss_method_chosen, Some(TssMethod::Rpe));
    // RPE 8 → IF 1.00 (docs/domain.md §1.1): 1 h × 1.00² × 100 = 100, though it has heart rate.
    assert_eq!(
        (first.tss.map(|t| t.get()), first.tss_method),
        (Some(100.0), Some(TssMethod::Rpe))
    );
    assert_eq!(
        encode(&v3),
        encode(&decode(&encode(&v3)).expect("round trip"))
    );
}

#[test]
fn every_cut_of_the_fixture_is_unreadable() {
    for (cut, _) in V1.char_indices().filter(|&(i, _)| i + 2 < V1.len()) {
        match decode(&V1[..cut]) {
            Err(LoadError::Unreadable { .. }) => {}
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
}

#[test]
fn a_newer_version_is_refused_and_says_so() {
    let newer = V1.replacen("\"schema\": 1", "\"schema\": 5", 1);
    let e = decode(&newer).unwrap_err();
    assert_eq!(e, LoadError::FromNewerVersion { found: 5 });
    assert!(e.message().contains("newer version of Recovery Run"), "{e}");
    assert!(e.message().contains("storage version 5"), "{e}");
}

#[test]
fn hand_edits_are_named() {
    let broken = V1.replacen("\"sport\": \"run\"", "\"sport\": \"running\"", 1);
    let e = decode(&broken).unwrap_err();
    assert!(
        e.message().starts_with(
            "The data stored in this browser could not be read: session 1 of 4 (2026-03-09)"
        ),
        "{e}"
    );
    let unquoted = V1.replacen("\"garmin-8812\"", "garmin-8812", 1);
    let e = decode(&unquoted).unwrap_err();
    assert!(e.message().contains("edited by hand"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn what_is_stored_loads_as_it_was(d in store_support::data()) {
        prop_assert_eq!(decode(&encode(&d)), Ok(d));
    }

    #[test]
    fn decoding_never_panics(raw in any::<String>()) {
        let _ = decode(&raw);
    }

    #[test]
    fn damage_to_stored_text_never_panics(
        d in store_support::data(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
        cut in any::<bool>(),
    ) {
        let mut bytes = encode(&d).into_bytes();
        let i = at.index(bytes.len());
        if cut { bytes.truncate(i) } else { bytes[i] = byte }
        // Storage holds strings, so damage comes as (lossy) text.
        let _ = decode(&String::from_utf8_lossy(&bytes));
    }
}

// The typed reader of `decode` (one pass) must never show: wherever it reads a text, it
// reads what the tolerant reader reads, and everything else goes the tolerant way, so `decode`
// is `decode_tolerant` on every text, reasons included.

/// `decode` and the tolerant reader agree on `raw`, and the typed reader, when it reads `raw`,
/// reads the same data.
fn paths_agree(raw: &str) -> Result<(), TestCaseError> {
    let tolerant = decode_tolerant(raw);
    prop_assert_eq!(&decode(raw), &tolerant, "{}", raw);
    if let Some(typed) = decode_typed(raw) {
        prop_assert_eq!(Ok(typed), tolerant, "{}", raw);
    }
    Ok(())
}

/// Every node of a JSON value, as a path of member names and indices.
fn paths(v: &Value, at: Vec<Value>, out: &mut Vec<Vec<Value>>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let mut p = at.clone();
                p.push(Value::from(k.as_str()));
                paths(x, p, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let mut p = at.clone();
                p.push(Value::from(i));
                paths(x, p, out);
            }
        }
        _ => {}
    }
    out.push(at);
}

fn node<'a>(v: &'a mut Value, path: &[Value]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |v, step| match step {
        Value::String(k) => v.get_mut(k.as_str()),
        Value::Number(i) => v.get_mut(usize::try_from(i.as_u64()?).ok()?),
        _ => None,
    })
}

/// What a hand, another tool or damage might leave: each value the app never writes there.
fn odd_value() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        Just(None), // the member removed
        Just(Some(Value::Null)),
        Just(Some(serde_json::json!(0))),
        Just(Some(serde_json::json!(-1))),
        Just(Some(serde_json::json!(1.5))),
        Just(Some(serde_json::json!(1e300))),
        Just(Some(serde_json::json!(true))),
        Just(Some(serde_json::json!(""))),
        Just(Some(serde_json::json!("2026-02-30"))),
        Just(Some(serde_json::json!("run"))),
        Just(Some(serde_json::json!([]))),
        Just(Some(serde_json::json!({}))),
        Just(Some(serde_json::json!({"unknown": 1}))),
    ]
}

#[test]
fn both_paths_read_the_fixture_and_its_variants_alike() {
    let variants = [
        V1.to_string(),
        V1.replacen("\"schema\": 1", "\"schema\": 1.0", 1),
        V1.replacen("\"schema\": 1", "\"schema\": 2", 1),
        V1.replacen("\"schema\": 1", "\"schema\": 0", 1),
        V1.replacen("\"schema\": 1", "\"schema\": 1, \"schema\": 1", 1),
        V1.replacen("\"data\": {", "\"data\": {\"sessions\": [], ", 1),
        V1.replacen("\"sport\": \"run\"", "\"sport\": \"running\"", 1),
        V1.replacen("\"sport\": \"run\"", "\"sport\": null", 1),
        format!("{V1} "),
        format!("{V1}x"),
        r#"{"schema":1,"data":{"profile":null,"sessions":null,"wellness":null,"settings":null}}"#
            .into(),
        r#"{"schema":1,"data":{"profile":{"ctl_time_constant_days":null,"athlete":null}}}"#.into(),
        r#"{"schema":1,"data":{"settings":{"theme":null,"last_backup":null}}}"#.into(),
        r#"{"data":{},"schema":1,"other":[1,{"deep":[[[]]]}]}"#.into(),
        r#"{"schema":1,"data":{},"data":{}}"#.into(),
        r#"{"schema":1,"data":[]}"#.into(),
        r#"{"schema":1,"data":[{},[],[],{}]}"#.into(),
        r#"[1,{}]"#.into(),
        r#"[1,{"sessions":[]}]"#.into(),
        r#"{"schema":1,"data":{"sessions":[["a","2026-03-09",null,"run",null,"",60]]}}"#.into(),
        encode(&Data::default()),
    ];
    for raw in &variants {
        paths_agree(raw).unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(
        decode_typed(V1).is_some(),
        "the fixture takes the typed reader"
    );
}

#[test]
fn records_added_since_version_1_take_the_typed_reader_too() {
    let raw = V1.replacen(
        "\"sport\": \"run\"",
        "\"sport\": \"run\", \"zone_hr_bpm\": 151.25, \"normalized_graded_pace_s_per_km\": 301.5",
        1,
    );
    let d = decode_typed(&raw).expect("typed reader");
    assert_eq!(d.sessions[0].zone_hr, Some(151.25));
    assert_eq!(Ok(d.clone()), decode_tolerant(&raw));
    assert_eq!(Encoded::new(d.clone()).text(), encode(&d));
}

/// The text kept record by record is `encode`'s, byte for byte, also for a text the app
/// did not write that way (the version-1 fixture writes whole numbers as `168.0` where the
/// app writes `168`, and objects where it writes rows).
#[test]
fn record_texts_join_to_encode_on_the_fixture() {
    let d = decode(V1).expect("v1");
    assert_eq!(Encoded::new(d.clone()).text(), encode(&d));
    assert_eq!(Encoded::lazy(d.clone()).text(), encode(&d));
    let mut next = d.clone();
    next.sessions.remove(1);
    next.sessions[0].title = "changed".into();
    next.sessions.push(d.sessions[1].clone());
    next.wellness.reverse();
    next.settings.theme = Theme::Light;
    let e = Encoded::new(d).update(next.clone());
    assert_eq!(e.data(), &next);
    assert_eq!(e.text(), encode(&next));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_typed_reader_reads_what_the_app_writes(d in store_support::data()) {
        let raw = encode(&d);
        prop_assert_eq!(decode_typed(&raw), Some(d.clone()));
        prop_assert_eq!(decode_tolerant(&raw), Ok(d));
    }

    #[test]
    fn both_paths_agree_on_edited_text(
        d in store_support::data(),
        at in any::<prop::sample::Index>(),
        value in odd_value(),
    ) {
        let mut v: Value = serde_json::from_str(&encode(&d)).expect("JSON");
        let mut all = Vec::new();
        paths(&v, Vec::new(), &mut all);
        let path = all[at.index(all.len())].clone();
        match (path.split_last(), value) {
            (Some((last, parent)), None) => {
                match node(&mut v, parent) {
                    Some(Value::Object(m)) => { m.remove(last.as_str().unwrap_or("")); }
                    Some(Value::Array(a)) => {
                        let i = last.as_u64().unwrap_or(0) as usize;
                        if i < a.len() { a.remove(i); }
                    }
                    _ => {}
                }
            }
            (_, Some(value)) => {
                if let Some(n) = node(&mut v, &path) { *n = value; }
            }
            (None, None) => {}
        }
        paths_agree(&v.to_string())?;
    }

    #[test]
    fn both_paths_agree_on_damaged_text(
        d in store_support::data(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
        cut in any::<bool>(),
    ) {
        let mut bytes = encode(&d).into_bytes();
        let i = at.index(bytes.len());
        if cut { bytes.truncate(i) } else { bytes[i] = byte }
        paths_agree(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn both_paths_agree_on_any_text(raw in any::<String>()) {
        paths_agree(&raw)?;
    }

    /// The text kept record by record is always `encode`'s: fresh, lazy, and updated from
    /// another version of the data (records kept, edited, removed, added, reordered).
    #[test]
    fn record_texts_join_to_encode(
        a in store_support::data(),
        b in store_support::data(),
        keep in prop::collection::vec(any::<bool>(), 0..40),
        reverse in any::<bool>(),
    ) {
        prop_assert_eq!(Encoded::new(a.clone()).text(), encode(&a));
        prop_assert_eq!(Encoded::lazy(b.clone()).text(), encode(&b));
        // The next version: some of a's records, some of b's, perhaps in another order.
        let mut next = b.clone();
        let mut flags = keep.iter().cycle();
        let mut sessions: Vec<_> = a.sessions.iter().filter(|_| *flags.next().unwrap_or(&true)).cloned().collect();
        sessions.extend(b.sessions.iter().cloned());
        if reverse { sessions.reverse(); }
        next.sessions = sessions;
        let mut wellness: Vec<_> = a.wellness.iter().filter(|_| *flags.next().unwrap_or(&true)).cloned().collect();
        wellness.extend(b.wellness.iter().cloned());
        next.wellness = wellness;
        for base in [Encoded::new(a.clone()), Encoded::lazy(a.clone())] {
            let e = base.update(next.clone());
            prop_assert_eq!(e.data(), &next);
            prop_assert_eq!(e.text(), encode(&next));
            // And again from there (every record's text now kept).
            let again = e.update(b.clone());
            prop_assert_eq!(again.text(), encode(&b));
        }
    }
}
