//! Sessions CSV (formats.md §2) and the performance-chart CSV (§3).
//!
//! Text cells are written as they are: a title starting with `=` stays `=…`. Spreadsheet
//! formula injection is a risk only for files opened in a spreadsheet that evaluates them;
//! altering the text would break the round trip formats.md promises, so it is not done.

use serde_json::{Map, Number, Value};

use super::import::ImportError;
use super::record;
use crate::domain::pmc::PmcDay;
use crate::domain::session::Session;

/// The export columns, in order.
pub const COLUMNS: [&str; 15] = [
    "id",
    "date",
    "start_time",
    "sport",
    "intent",
    "title",
    "duration_s",
    "distance_m",
    "avg_hr_bpm",
    "avg_power_w",
    "normalized_power_w",
    "rpe",
    "tss",
    "tss_method",
    "notes",
];

/// Columns that hold numbers (converted before the record is checked).
const NUMERIC: [&str; 7] = [
    "duration_s",
    "distance_m",
    "avg_hr_bpm",
    "avg_power_w",
    "normalized_power_w",
    "rpe",
    "tss",
];

pub fn export_sessions(sessions: &[Session]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(COLUMNS);
    let mut sorted: Vec<&Session> = sessions.iter().collect();
    sorted.sort_by(|a, b| (a.date, a.start_time, &a.id).cmp(&(b.date, b.start_time, &b.id)));
    for s in sorted {
        let opt = |v: Option<f64>| v.map(num).unwrap_or_default();
        let row = [
            s.id.0.clone(),
            s.date.to_string(),
            s.start_time.map(|t| t.to_string()).unwrap_or_default(),
            s.sport.as_str().to_string(),
            s.intent.map(|i| i.as_str().to_string()).unwrap_or_default(),
            s.title.clone(),
            s.duration.get().to_string(),
            opt(s.distance.map(|d| d.get())),
            s.avg_hr.map(|b| b.get().to_string()).unwrap_or_default(),
            opt(s.avg_power.map(|w| w.get())),
            opt(s.normalized_power.map(|w| w.get())),
            s.rpe.map(|r| r.get().to_string()).unwrap_or_default(),
            opt(s.tss.map(|t| t.get())),
            s.tss_method
                .map(|m| m.as_str().to_string())
                .unwrap_or_default(),
            s.notes.clone(),
        ];
        let _ = w.write_record(&row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Shortest text that reads back as the same f64 (Rust's `Display` for f64 is exactly that).
fn num(v: f64) -> String {
    format!("{v}")
}

/// (where, why) for each record left out of an import.
pub type Skipped = Vec<(String, String)>;

/// Sessions from CSV text, with (line, reason) for each row skipped.
pub fn parse_sessions(text: &str) -> Result<(Vec<Session>, Skipped), ImportError> {
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = r
        .headers()
        .map_err(|e| ImportError::Malformed(format!("the header row could not be read ({e})")))?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    for required in ["date", "sport", "duration_s"] {
        if !headers.iter().any(|h| h == required) {
            return Err(ImportError::Malformed(format!(
                "the CSV has no “{required}” column (date, sport and duration_s are required)"
            )));
        }
    }
    let mut sessions = Vec::new();
    let mut skipped = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = r.position().line() + 1;
        match r.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                skipped.push((format!("line {line}"), format!("could not be read ({e})")));
                continue;
            }
        }
        let line = record.position().map_or(line, |p| p.line());
        if record.iter().all(str::is_empty) {
            continue;
        }
        match row_to_object(&headers, &record).and_then(|v| record::session(Value::Object(v))) {
            Ok(s) => sessions.push(s),
            Err(e) => skipped.push((format!("line {line}"), e)),
        }
    }
    Ok((sessions, skipped))
}

fn row_to_object(
    headers: &[String],
    record: &csv::StringRecord,
) -> Result<Map<String, Value>, String> {
    let mut m = Map::new();
    for (h, cell) in headers.iter().zip(record.iter()) {
        if cell.is_empty() || !COLUMNS.contains(&h.as_str()) {
            continue;
        }
        let v = if NUMERIC.contains(&h.as_str()) {
            let n: f64 = cell
                .replace(',', ".")
                .parse()
                .map_err(|_| format!("{h}: “{cell}” is not a number"))?;
            Value::Number(
                Number::from_f64(n)
                    .ok_or_else(|| format!("{h}: “{cell}” is not a finite number"))?,
            )
        } else {
            Value::String(cell.to_string())
        };
        m.insert(h.clone(), v);
    }
    Ok(m)
}

/// `date,tss,ctl,atl,tsb,ramp`, one row a day, numbers with one decimal.
pub fn pmc_csv(days: &[PmcDay]) -> String {
    let mut out = String::from("date,tss,ctl,atl,tsb,ramp\n");
    for d in days {
        out.push_str(&format!(
            "{},{:.1},{:.1},{:.1},{:.1},{:.1}\n",
            d.day,
            d.tss,
            d.ctl,
            d.atl,
            tidy(d.tsb),
            tidy(d.ramp)
        ));
    }
    out
}

/// Avoids "-0.0" in the file.
fn tidy(v: f64) -> f64 {
    if v.abs() < 0.05 {
        0.0
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::Day;

    #[test]
    fn columns_in_any_order_and_unknown_ones_ignored() {
        let text =
            "sport,duration_s,colour,date\nrun,1800,red,2026-03-09\nride,3600,blue,2026-03-10\n";
        let (s, skipped) = parse_sessions(text).unwrap();
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].duration.get(), 3600);
    }

    #[test]
    fn bad_rows_are_named_by_their_line() {
        let text = "date,sport,duration_s,avg_hr_bpm\n2026-03-09,run,1800,\n2026-13-01,run,1800,\nx\n2026-03-09,run,abc,\n2026-03-09,run,60,400\n2026-03-10,swim,600,\n";
        let (s, skipped) = parse_sessions(text).unwrap();
        assert_eq!(s.len(), 2);
        let lines: Vec<&str> = skipped.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(lines, ["line 3", "line 4", "line 5", "line 6"]);
        assert!(skipped[2].1.contains("duration_s"), "{:?}", skipped[2]);
    }

    #[test]
    fn a_missing_required_column_is_refused() {
        assert!(parse_sessions("date,sport\n2026-03-09,run\n").is_err());
    }

    #[test]
    fn chart_rows_have_one_decimal() {
        let d = PmcDay {
            day: Day::from_ymd(2026, 3, 9).unwrap(),
            tss: 92.04,
            ctl: 40.26,
            atl: 55.0,
            tsb: -0.01,
            ramp: 3.36,
        };
        assert_eq!(
            pmc_csv(&[d]),
            "date,tss,ctl,atl,tsb,ramp\n2026-03-09,92.0,40.3,55.0,0.0,3.4\n"
        );
    }
}
