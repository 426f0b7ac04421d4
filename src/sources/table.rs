//! A CSV table as other apps write them: the shared first step of the CSV readers
//! (HRV4Training, Elite HRV, WHOOP, Fitbit's HRV summary, intervals.icu).
//!
//! What the real exports do, and what this copes with (each seen in a real export: the
//! HRV4Training and Elite HRV files GoldenCheetah keeps in `test/hrvmeasures/`, WHOOP's
//! `physiological_cycles.csv` of `haquannes/whoop` and the four files of
//! `TheOneRichy/whoop_data`):
//!
//! - **Line ends** of every kind: LF (HRV4Training iOS, WHOOP), CRLF (HRV4Training Android,
//!   Elite HRV) and CR alone (HRV4Training iOS with a locale time, GoldenCheetah
//!   `test/hrvmeasures/2018_7_8_myMeasurements.csv`). They are made LF before the `csv`
//!   crate reads the text, so a row's line number is the same whatever the file's line ends
//!   (the header is line 1 when it is the first line).
//! - **A UTF-8 byte-order mark** (Elite HRV) is dropped; bytes that are not UTF-8 become
//!   U+FFFD rather than an error (a note typed in another encoding).
//! - **Padded names and cells** (HRV4Training: `' time'`, `' -'`, trailing spaces before the
//!   line end): every header name and cell is trimmed.
//! - **Rows longer or shorter than the header** (HRV4Training Android writes latitude,
//!   longitude and temperature with a decimal comma, unquoted, so rows have 62–65 cells for
//!   61 names): cells are taken by the header's index; extra cells are ignored and missing
//!   ones are empty.
//! - **Blank lines** (after the header in some HRV4Training Android files) are not rows.
//! - **Missing values**: an empty cell, and `-` (HRV4Training), read as "not given".

/// How much of a file [`header`] looks at: the recognisers get at least the first 4 KiB.
const HEAD: usize = 64 * 1024;

/// A CSV file's header and rows, every cell trimmed.
#[derive(Clone, Debug, Default)]
pub(crate) struct Table {
    headers: Vec<String>,
    pub rows: Vec<Row>,
}

/// One row of a [`Table`].
#[derive(Clone, Debug)]
pub(crate) struct Row {
    /// The 1-based line of the file the row starts on.
    pub line: u64,
    cells: Vec<String>,
}

impl Row {
    /// The cell in column `col`, trimmed; `None` when the column is absent, the cell is
    /// empty or it is `-`.
    pub fn get(&self, col: Option<usize>) -> Option<&str> {
        let cell = self.cells.get(col?)?.as_str();
        (!cell.is_empty() && cell != "-").then_some(cell)
    }

    /// Where the row is, for a skip: "line 12".
    pub fn place(&self) -> String {
        format!("line {}", self.line)
    }
}

impl Table {
    /// The index of the column named `name` (compared after trimming, exactly).
    pub fn col(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// The index of the column named `name`, ignoring ASCII case.
    pub fn col_ci(&self, name: &str) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    }
}

/// The text of a file with its byte-order mark dropped and every line end (CR, LF, CRLF)
/// made LF.
pub(crate) fn normalised(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'\r' {
            out.push(b'\n');
            if bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
        } else {
            out.push(b);
        }
        i += 1;
    }
    match String::from_utf8(out) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// Reads a whole CSV file: its first non-blank row is the header. `None` when the file has
/// no row at all.
pub(crate) fn read(bytes: &[u8]) -> Option<Table> {
    let text = normalised(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut table: Option<Table> = None;
    // Line numbers are counted here: the reader's own count is that of the blank lines
    // before a record, not of the record's first line. `seen` bytes hold `line - 1` LFs.
    let bytes = text.as_bytes();
    let (mut seen, mut line) = (0usize, 1u64);
    for record in reader.records() {
        // The reader reads from memory: an error is a cell that is not text, which
        // `normalised` already replaced; a record that still fails is passed over.
        let Ok(record) = record else { continue };
        let mut start = record.position().map_or(seen, |p| p.byte() as usize);
        while bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        if let Some(between) = bytes.get(seen..start) {
            line += between.iter().filter(|b| **b == b'\n').count() as u64;
            seen = start;
        }
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_owned()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        match table.as_mut() {
            None => {
                table = Some(Table {
                    headers: cells,
                    rows: Vec::new(),
                })
            }
            Some(t) => t.rows.push(Row { line, cells }),
        }
    }
    table
}

/// The trimmed header names of a file from its first bytes (what a recogniser is given),
/// or `None` if they hold no line.
pub(crate) fn header(head: &[u8]) -> Option<Vec<String>> {
    let head = head.get(..HEAD).unwrap_or(head);
    let text = normalised(head);
    let first = text.lines().find(|l| !l.trim().is_empty())?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(first.as_bytes());
    let record = reader.records().next()?.ok()?;
    Some(record.iter().map(|c| c.trim().to_owned()).collect())
}

/// Whether a header is one of Recovery Run's own CSV files (the sessions CSV has `sport`;
/// the check-ins CSV `hrv_rmssd_ms`, `resting_hr_bpm`… — `store::csv`), which no reader
/// here may claim.
pub(crate) fn is_ours(names: &[String]) -> bool {
    const OURS: [&str; 6] = [
        "sport",
        "hrv_rmssd_ms",
        "hrv_sdnn_ms",
        "hrv_source",
        "resting_hr_bpm",
        "sleep_h",
    ];
    names
        .iter()
        .any(|n| OURS.iter().any(|o| n.eq_ignore_ascii_case(o)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(t: &Table) -> Vec<u64> {
        t.rows.iter().map(|r| r.line).collect()
    }

    #[test]
    fn every_line_end_numbers_lines_alike() {
        for sep in ["\n", "\r\n", "\r"] {
            let text = ["a, b ", "1,2", "", "3,4,5", "6"].join(sep);
            let t = read(text.as_bytes()).unwrap();
            assert_eq!(t.col("b"), Some(1), "{sep:?}");
            assert_eq!(lines(&t), vec![2, 4, 5], "{sep:?}");
            assert_eq!(t.rows[1].get(Some(1)), Some("4"));
            // An extra cell is ignored by index; a missing one is empty.
            assert_eq!(t.rows[1].get(Some(2)), Some("5"));
            assert_eq!(t.rows[2].get(Some(1)), None);
        }
    }

    #[test]
    fn bom_padding_and_dashes() {
        let t = read(b"\xEF\xBB\xBFMember , HR \r\nMartin,  -  \r\n").unwrap();
        assert_eq!(t.col("Member"), Some(0));
        assert_eq!(t.col_ci("hr"), Some(1));
        assert_eq!(t.rows[0].get(Some(0)), Some("Martin"));
        assert_eq!(t.rows[0].get(Some(1)), None);
        assert_eq!(t.rows[0].place(), "line 2");
    }

    #[test]
    fn header_from_the_head_only() {
        assert_eq!(
            header(b"\r\n date, time, HR\r\n2017-27-07,07:39,45"),
            Some(vec!["date".into(), "time".into(), "HR".into()])
        );
        assert_eq!(header(b"   \n  "), None);
        assert!(read(b"").is_none());
    }
}
