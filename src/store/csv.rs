//! Sessions CSV (docs/formats.md §2), check-ins CSV (§2.1) and the performance-chart CSV (§3).
//!
//! Export writes the columns of [`COLUMNS`] in that order, UTF-8, comma separated, quoted
//! where needed (RFC 4180, with `\n` line ends), one session a row, oldest first. Numbers are written in their
//! shortest form that reads back as the same number, so export → import is lossless.
//!
//! Import takes the columns in any order, ignores unknown ones, and needs only `date`,
//! `sport` and `duration_s`; an empty cell is a missing value. Each row is read by
//! [`record::session`], the same check a backup's sessions get; a bad row is skipped and
//! reported by its line in the file (the header is line 1; a row whose quoted text spans
//! several lines is named by its first).
//!
//! **Spreadsheet formulas.** Text cells are written as they are: a title starting with `=`,
//! `+`, `-` or `@` stays so, and a spreadsheet opening the file may read it as a formula
//! ("CSV injection"). This is deliberate. Every cell holds text the athlete typed or
//! imported themselves, so no one gains a way in that they did not already have: a hostile
//! file could as well be opened directly. Escaping (a leading `'`) would change the text
//! for every other tool and break the lossless round trip docs/formats.md promises; and current
//! spreadsheets ask before running links or external commands. Numbers and enumerated
//! columns are produced by the app and can never start a formula.

use serde_json::{Map, Value};

use super::fields::{self, Field};
use super::import_error::ImportError;
use super::record::{self, FileIds};
use crate::domain::pmc::PmcDay;
use crate::domain::session::Session;
use crate::domain::wellness::Wellness;
use crate::sources::DayValues;

/// The export columns, in order: a session's fields up to its notes
/// ([`fields::SESSION`], declared once), the columns docs/formats.md §2 promises.
pub const COLUMNS: [&str; 15] = {
    let mut columns = [""; 15];
    let mut i = 0;
    while i < columns.len() {
        columns[i] = fields::SESSION[i].name;
        i += 1;
    }
    columns
};

/// Columns whose cells are free text: kept exactly, spaces included. Other cells are
/// trimmed.
const TEXT: [&str; 3] = ["id", "title", "notes"];

/// The sessions as CSV text, oldest first (by date, start time, id).
pub fn export_sessions(sessions: &[Session]) -> String {
    let mut sorted: Vec<&Session> = sessions.iter().collect();
    sorted.sort_by(|a, b| (a.date, a.start_time, &a.id).cmp(&(b.date, b.start_time, &b.id)));
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing into a Vec cannot fail.
    let _ = w.write_record(COLUMNS);
    for s in sorted {
        let _ = w.write_record(row(s));
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

fn row(s: &Session) -> impl Iterator<Item = String> + '_ {
    fields::SESSION[..COLUMNS.len()].iter().map(|f| f.cell(s))
}

/// (where, why) for each record left out of an import.
pub type Skipped = Vec<(String, String)>;

/// Sessions from CSV text, with ("line N", why) for each row skipped. Refused whole only
/// when the header row is unusable (a required column missing, a column twice).
pub fn parse_sessions(text: &str) -> Result<(Vec<Session>, Skipped), ImportError> {
    let mut sessions = Vec::new();
    let mut ids = FileIds::default();
    let skipped = read_rows(
        text,
        check_headers,
        |headers, record, at, skipped| match row_to_object(headers, record, &COLUMNS, &TEXT)
            .and_then(|v| record::session(Value::Object(v), &mut ids, &at))
        {
            Ok(s) => sessions.push(s),
            Err(e) => skipped.push((at, e)),
        },
    )?;
    Ok((sessions, skipped))
}

/// Reads CSV text row by row, for both CSV imports: the header row (trimmed, lower-case)
/// goes to `check`, which may refuse the file whole; then each record that is not blank
/// goes to `row` with the headers and its place (`"line N"`, [`LineCounter`]), with the
/// list of skipped rows to add to. A record the reader cannot read is skipped with the
/// reader's reason. A byte-order mark is ignored. Returns the rows skipped.
fn read_rows(
    text: &str,
    check: impl FnOnce(&[String]) -> Result<(), ImportError>,
    mut row: impl FnMut(&[String], &csv::StringRecord, String, &mut Skipped),
) -> Result<Skipped, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::None)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = r
        .headers()
        .map_err(|e| ImportError::Malformed(format!("the header row could not be read ({e})")))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    check(&headers)?;
    let mut skipped = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::new(text);
    loop {
        let next = r.position().byte();
        match r.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = lines.line_at(e.position().map_or(next, |p| p.byte()));
                skipped.push((format!("line {line}"), format!("could not be read ({e})")));
                continue;
            }
        }
        let line = lines.line_at(record.position().map_or(next, |p| p.byte()));
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        row(&headers, &record, format!("line {line}"), &mut skipped);
    }
    Ok(skipped)
}

/// The file line (1-based) a record starts on. The csv crate's own line numbers count a
/// record from where the reader stood (before blank lines, and in the middle of a CRLF), so
/// lines are counted here from the record's byte offset: line ends and blank lines there
/// are skipped first. Offsets only grow, so counting is incremental.
struct LineCounter<'a> {
    bytes: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            bytes: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, offset: u64) -> u64 {
        let mut start = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        while matches!(self.bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start >= self.at {
            self.line += self.bytes[self.at..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            self.at = start;
        }
        self.line
    }
}

fn check_headers(headers: &[String]) -> Result<(), ImportError> {
    for (i, h) in headers.iter().enumerate() {
        if COLUMNS.contains(&h.as_str()) && headers[..i].contains(h) {
            return Err(ImportError::Malformed(format!(
                "the CSV has the column “{h}” twice"
            )));
        }
    }
    let missing: Vec<&str> = fields::SESSION
        .iter()
        .filter(|f| f.required && !headers.iter().any(|h| h == f.name))
        .map(|f| f.name)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let hint = if headers.len() == 1 && headers[0].contains(';') {
        " (its columns seem to be separated by semicolons; Recovery Run reads comma-separated files)"
    } else {
        ""
    };
    Err(ImportError::Malformed(format!(
        "the CSV has no {} column{}{hint}; date, sport and duration_s are required",
        missing
            .iter()
            .map(|m| format!("“{m}”"))
            .collect::<Vec<_>>()
            .join(", "),
        if missing.len() > 1 { "s" } else { "" },
    )))
}

/// The row as a JSON object of its known, non-empty cells (as text).
fn row_to_object(
    headers: &[String],
    record: &csv::StringRecord,
    columns: &[&str],
    text: &[&str],
) -> Result<Map<String, Value>, String> {
    let extra = record.iter().skip(headers.len());
    if extra.clone().any(|c| !c.trim().is_empty()) {
        return Err(format!(
            "{} cells where the header has {} (a comma in a title or note that is not in \
             quotes?)",
            record.len(),
            headers.len()
        ));
    }
    let mut m = Map::new();
    for (h, cell) in headers.iter().zip(record.iter()) {
        if !columns.contains(&h.as_str()) {
            continue;
        }
        let cell = if text.contains(&h.as_str()) {
            cell
        } else {
            cell.trim()
        };
        if !cell.is_empty() {
            m.insert(h.clone(), Value::String(cell.to_string()));
        }
    }
    Ok(m)
}

/// The check-ins CSV's columns, in export order (docs/formats.md §2.1): the fields of
/// [`fields::CHECK_IN`] in another order (a test checks they are the same).
pub const CHECK_IN_COLUMNS: [&str; 14] = [
    "date",
    "hrv_rmssd_ms",
    "hrv_sdnn_ms",
    "hrv_source",
    "hrv_range_low_ms",
    "hrv_range_high_ms",
    "resting_hr_bpm",
    "sleep_h",
    "soreness",
    "pain",
    "sick",
    "injured",
    "menstruating",
    "notes",
];

/// Whether a CSV header row names a check-ins file: a `date` column, no `sport`, and at
/// least one column only a check-in has.
pub fn is_check_in_header(first_line: &str) -> bool {
    let cols: Vec<String> = first_line
        .split(',')
        .map(|c| c.trim().trim_matches('"').trim().to_ascii_lowercase())
        .collect();
    let has = |c: &str| cols.iter().any(|h| h == c);
    has("date")
        && !has("sport")
        && CHECK_IN_COLUMNS[1..CHECK_IN_COLUMNS.len() - 1]
            .iter()
            .any(|c| has(c))
}

/// The check-ins as CSV text, oldest first (docs/formats.md §2.1): booleans `true`/`false`,
/// numbers in their shortest exact form, an empty cell for a missing value.
pub fn export_check_ins(wellness: &[Wellness]) -> String {
    let mut sorted: Vec<&Wellness> = wellness.iter().collect();
    sorted.sort_by_key(|w| w.date);
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let _ = w.write_record(CHECK_IN_COLUMNS);
    // Every column is a check-in field (a test checks); one that were not would stay empty
    // rather than shift the cells after it.
    let columns: Vec<Option<&Field<Wellness>>> = CHECK_IN_COLUMNS
        .iter()
        .map(|c| fields::named(&fields::CHECK_IN, c))
        .collect();
    for c in sorted {
        let _ = w.write_record(
            columns
                .iter()
                .map(|f| f.map(|f| f.cell(c)).unwrap_or_default()),
        );
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The rows of a check-ins CSV, each as the fields it gives (its non-empty cells, with
/// `date`), checked by [`record::wellness`]: a row updates only the fields it gives
/// (docs/formats.md §2.1), so the merge lays it over that day's check-in. A bad row, or a
/// second row for a date, is skipped and reported by its line. Refused whole when the
/// header has no `date` or names a column twice.
pub fn parse_check_ins(text: &str) -> Result<(Vec<DayValues>, Skipped), ImportError> {
    let check = |headers: &[String]| {
        for (i, h) in headers.iter().enumerate() {
            if CHECK_IN_COLUMNS.contains(&h.as_str()) && headers[..i].contains(h) {
                return Err(ImportError::Malformed(format!(
                    "the CSV has the column “{h}” twice"
                )));
            }
        }
        if !headers.iter().any(|h| h == "date") {
            return Err(ImportError::Malformed(
                "the check-ins CSV has no “date” column".into(),
            ));
        }
        Ok(())
    };
    let mut rows: Vec<DayValues> = Vec::new();
    let mut dates = std::collections::HashSet::new();
    let skipped = read_rows(text, check, |headers, record, at, skipped| {
        let checked = row_to_object(headers, record, &CHECK_IN_COLUMNS, &["notes"])
            .and_then(|m| record::wellness(Value::Object(m.clone())).map(|w| (m, w)));
        match checked {
            Ok((_, w)) if dates.contains(&w.date) => {
                skipped.push((at, format!("a second check-in for {} in this file", w.date)))
            }
            Ok((m, w)) => {
                dates.insert(w.date);
                rows.push(given_values(&w, |name| m.contains_key(name)));
            }
            Err(e) => skipped.push((at, e)),
        }
    })?;
    Ok((rows, skipped))
}

/// The values of `w` whose fields `given(name)` says the row gave.
fn given_values(w: &Wellness, given: impl Fn(&str) -> bool) -> DayValues {
    let mut d = DayValues::new(w.date);
    let pick = |name: &str| given(name);
    d.hrv_rmssd = w.hrv.filter(|_| pick("hrv_rmssd_ms"));
    d.hrv_sdnn = w.hrv_sdnn.filter(|_| pick("hrv_sdnn_ms"));
    d.hrv_source = w.hrv_source.filter(|_| pick("hrv_source"));
    d.hrv_range_ms = match (w.hrv_range_low, w.hrv_range_high) {
        (Some(lo), Some(hi)) if pick("hrv_range_low_ms") && pick("hrv_range_high_ms") => {
            Some((lo.get(), hi.get()))
        }
        _ => None,
    };
    d.resting_hr = w.resting_hr.filter(|_| pick("resting_hr_bpm"));
    d.sleep_h = w.sleep_h.filter(|_| pick("sleep_h"));
    d.soreness = w.soreness.filter(|_| pick("soreness"));
    d.pain = pick("pain").then_some(w.pain);
    d.sick = pick("sick").then_some(w.sick);
    d.injured = pick("injured").then_some(w.injured);
    d.menstruating = pick("menstruating").then_some(w.menstruating);
    d.notes = pick("notes").then(|| w.notes.clone());
    d
}

/// `date,tss,ctl,atl,tsb,ramp` (docs/formats.md §3), one row a day, numbers with one decimal.
pub fn pmc_csv(days: &[PmcDay]) -> String {
    let mut out = String::from("date,tss,ctl,atl,tsb,ramp\n");
    for d in days {
        out.push_str(&format!(
            "{},{},{},{},{},{}\n",
            d.day,
            one_decimal(d.tss),
            one_decimal(d.ctl),
            one_decimal(d.atl),
            one_decimal(d.tsb),
            one_decimal(d.ramp)
        ));
    }
    out
}

/// `12.3`; never `-0.0`; an empty cell for a value that is not a number.
fn one_decimal(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let s = format!("{v:.1}");
    if s == "-0.0" {
        "0.0".into()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::Day;

    #[test]
    fn columns_in_any_order_and_unknown_ones_ignored() {
        let text =
            "Sport,duration_s,colour,date\nrun,1800,red,2026-03-09\nride,3600,blue,2026-03-10\n";
        let (s, skipped) = parse_sessions(text).unwrap();
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].duration.get(), 3600);
    }

    #[test]
    fn bad_rows_are_named_by_their_line() {
        let text = "date,sport,duration_s,avg_hr_bpm\n\
                    2026-03-09,run,1800,\n\
                    2026-13-01,run,1800,\n\
                    x\n\
                    2026-03-09,run,abc,\n\
                    2026-03-09,run,60,400\n\
                    2026-03-10,swim,600,\n";
        let (s, skipped) = parse_sessions(text).unwrap();
        assert_eq!(s.len(), 2);
        let lines: Vec<&str> = skipped.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(lines, ["line 3", "line 4", "line 5", "line 6"]);
        assert!(skipped[0].1.starts_with("date:"), "{:?}", skipped[0]);
        assert!(skipped[2].1.starts_with("duration_s:"), "{:?}", skipped[2]);
        assert!(skipped[3].1.starts_with("avg_hr_bpm:"), "{:?}", skipped[3]);
    }

    #[test]
    fn header_problems_refuse_the_file() {
        let e = parse_sessions("date,sport\n2026-03-09,run\n").unwrap_err();
        assert!(e.to_string().contains("no “duration_s” column"), "{e}");
        let e = parse_sessions("date;sport;duration_s\n2026-03-09;run;60\n").unwrap_err();
        assert!(e.to_string().contains("semicolons"), "{e}");
        let e = parse_sessions("date,sport,duration_s,date\n").unwrap_err();
        assert!(e.to_string().contains("“date” twice"), "{e}");
    }

    #[test]
    fn the_check_in_columns_are_the_check_in_fields() {
        let mut columns = CHECK_IN_COLUMNS.to_vec();
        let mut names: Vec<&str> = fields::names(&fields::CHECK_IN).collect();
        columns.sort_unstable();
        names.sort_unstable();
        assert_eq!(columns, names);
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
