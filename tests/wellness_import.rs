//! Other apps' exports through the whole import (issues #33, #35), as a runner does it:
//! each file of `../shared/corpus/wellness/` imported alone into an empty app by the Data
//! page's own path (`report::import_files`: plan, apply, report), then the check-ins and
//! sessions exported as CSV (docs/formats.md §2, §2.1) and compared with the values
//! established independently of us in `expect.json` (its `manifest.json` says how each was
//! read: other projects' parsers, never this app). The readers' own tests are in
//! `tests/wellness_readers.rs` and `tests/apple_health.rs`; this one checks what reaches
//! the runner's data.

mod corpus_support;

use std::collections::HashMap;
use std::path::PathBuf;

use recovery_run::report::import_files;
use recovery_run::store::data::Data;
use recovery_run::store::files::{export, Export};
use serde_json::Value;

fn corpus() -> PathBuf {
    corpus_support::corpus("wellness/expect.json").join("wellness")
}

/// Rows of a CSV export, each as its column → cell.
fn rows(csv_text: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().expect("a header").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("a row");
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, c)| (h.to_owned(), c.to_owned()))
                .collect()
        })
        .collect()
}

/// Whether a cell matches an expected value of `expect.json`'s grammar (`value_grammar`):
/// a number within `tolerance` (or, with `relative`, that share of it), `null` for an empty
/// cell, `{"any_of": […]}`, `{"min": a, "max": b}`, a boolean or a string.
fn matches(cell: Option<&String>, want: &Value, tolerance: f64, relative: bool) -> bool {
    let cell = cell.map(String::as_str).unwrap_or("");
    match want {
        Value::Null => cell.is_empty(),
        Value::Bool(b) => cell == b.to_string(),
        Value::String(s) => cell == s,
        Value::Number(n) => {
            let (Ok(got), Some(want)) = (cell.parse::<f64>(), n.as_f64()) else {
                return false;
            };
            let room = if relative {
                want.abs() * tolerance
            } else {
                tolerance
            };
            (got - want).abs() <= room + 1e-9
        }
        Value::Object(o) => {
            if let Some(Value::Array(alternatives)) = o.get("any_of") {
                return alternatives
                    .iter()
                    .any(|a| matches(Some(&cell.to_owned()), a, tolerance, relative));
            }
            let got: Option<f64> = cell.parse().ok();
            match (
                got,
                o.get("min").and_then(Value::as_f64),
                o.get("max").and_then(Value::as_f64),
            ) {
                (Some(g), Some(lo), Some(hi)) => g >= lo && g <= hi,
                _ => false,
            }
        }
        Value::Array(_) => false,
    }
}

fn tolerance(field: &str, tolerances: &Value) -> (f64, bool) {
    match field {
        "distance_m" => (0.01, true),
        "duration_s" => (0.01, true),
        f => (
            tolerances.get(f).and_then(Value::as_f64).unwrap_or(0.0),
            false,
        ),
    }
}

#[test]
fn every_export_of_the_corpus_imports_with_its_days_values() {
    let dir = corpus();
    let expect: Value =
        serde_json::from_slice(&std::fs::read(dir.join("expect.json")).unwrap()).unwrap();
    let tolerances = &expect["tolerances"];
    let today = "2026-12-06".parse().unwrap();
    let mut failures = Vec::new();
    for input in expect["inputs"].as_array().unwrap() {
        let file = input["file"].as_str().unwrap();
        let checks = &input["checks"];
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let name = file.rsplit('/').next().unwrap().to_owned();
        let (data, report) = import_files(
            &Data::default(),
            vec![(name, Ok(bytes))],
            &|_| 60,
            &mut |_, _| {},
        );
        if checks["must_import"] == Value::Bool(true) && report.read != 1 {
            failures.push(format!("{file}: not imported: {report:?}"));
            continue;
        }
        let (_, _, check_ins) = export(&data, Export::CheckIns, today, "");
        let (_, _, sessions) = export(&data, Export::Sessions, today, "");
        let days: HashMap<String, HashMap<String, String>> = rows(&check_ins)
            .into_iter()
            .map(|r| (r["date"].clone(), r))
            .collect();
        let with_hrv = days
            .values()
            .filter(|r| !r["hrv_rmssd_ms"].is_empty() || !r["hrv_sdnn_ms"].is_empty())
            .count();
        if let Some(n) = checks["days_with_hrv"].as_u64() {
            if with_hrv as u64 != n {
                failures.push(format!("{file}: {with_hrv} days with HRV, expected {n}"));
            }
        }
        for (day, fields) in checks["rows"].as_object().into_iter().flatten() {
            let Some(row) = days.get(day) else {
                failures.push(format!("{file}: no check-in on {day}"));
                continue;
            };
            for (field, want) in fields.as_object().unwrap() {
                let (tol, rel) = tolerance(field, tolerances);
                if !matches(row.get(field), want, tol, rel) {
                    failures.push(format!(
                        "{file} {day} {field}: {:?}, expected {want}",
                        row.get(field)
                    ));
                }
            }
        }
        for day in checks["empty_days"].as_array().into_iter().flatten() {
            let day = day.as_str().unwrap();
            if let Some(row) = days.get(day) {
                let empty = ["hrv_rmssd_ms", "hrv_sdnn_ms", "resting_hr_bpm", "sleep_h"]
                    .iter()
                    .all(|f| row[*f].is_empty());
                if !empty {
                    failures.push(format!("{file}: {day} should be empty: {row:?}"));
                }
            }
        }
        let logged = rows(&sessions);
        if let Some(n) = checks["sessions_count"].as_u64() {
            if logged.len() as u64 != n {
                failures.push(format!("{file}: {} sessions, expected {n}", logged.len()));
            }
        }
        for want in checks["sessions"].as_array().into_iter().flatten() {
            let found = logged.iter().find(|s| {
                s["date"] == want["date"].as_str().unwrap_or_default()
                    && s["sport"] == want["sport"].as_str().unwrap_or_default()
                    && want["start_time"]
                        .as_str()
                        .is_none_or(|t| s["start_time"] == t)
            });
            let Some(s) = found else {
                if want["must"] != Value::Bool(false) {
                    failures.push(format!("{file}: no session like {want}"));
                }
                continue;
            };
            for field in ["duration_s", "distance_m", "avg_hr_bpm"] {
                if let Some(w) = want.get(field) {
                    let (tol, rel) = tolerance(field, tolerances);
                    if !matches(s.get(field), w, tol, rel) {
                        failures.push(format!(
                            "{file} session {}: {field} {:?}, expected {w}",
                            s["date"],
                            s.get(field)
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
