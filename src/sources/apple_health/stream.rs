//! The bytes of `export.xml` on their way to the XML parser, and the small parsers its
//! attribute values need (dates, numbers with units).
//!
//! [`Clean`] sits between the file and quick-xml. quick-xml 0.42 reads UTF-8 only and stops
//! at the first byte that is not; the Health app has written invalid characters into
//! values (a vertical tab, U+000B, in `sourceName`: jameno/Simple-Apple-Health-XML-to-CSV
//! PR #3), and a damaged export may hold anything. So each byte that is not valid UTF-8
//! becomes `?`, and each control character XML 1.0 forbids (all below U+0020 except tab,
//! line feed and carriage return) a space — in place, one byte for one, so byte positions
//! (the progress, the place of an error) stay those of the file. It also bounds memory: the
//! parser buffers one event at a time, and an event cannot be longer than the bytes between
//! two `>`; more than [`MAX_EVENT_BYTES`] without one is not an export (a binary file, a cut
//! that lost every `>`), and reading stops there with an error instead of growing a buffer
//! to the size of the file.

use std::io::{self, BufRead, Read};

#[cfg(test)]
use crate::domain::date::Day;

/// The most bytes read without a `>` (16 MiB): the longest element of a real export is the
/// DTD, about 7 KB in version 14 (grll/apple-health-mcp `tests/data/export.xml`).
pub(crate) const MAX_EVENT_BYTES: u64 = 16 << 20;

/// How many bytes [`Clean`] reads from the file at a time (64 KiB).
const CHUNK: usize = 64 << 10;

/// A reader of the file's bytes as valid UTF-8 without forbidden control characters (see
/// the module doc); [`BufRead`] for quick-xml.
pub(crate) struct Clean<'a> {
    inner: &'a mut dyn BufRead,
    buf: Box<[u8]>,
    /// Cleaned bytes not yet consumed: `buf[pos..end]`.
    pos: usize,
    end: usize,
    /// Bytes read but not yet cleaned (the start of a character cut by the end of a read):
    /// `buf[end..filled]`.
    filled: usize,
    eof: bool,
    /// Bytes since the last `>`.
    since_close: u64,
}

impl<'a> Clean<'a> {
    pub(crate) fn new(inner: &'a mut dyn BufRead) -> Clean<'a> {
        Clean {
            inner,
            buf: vec![0; CHUNK].into_boxed_slice(),
            pos: 0,
            end: 0,
            filled: 0,
            eof: false,
            since_close: 0,
        }
    }

    /// Reads more of the file and cleans it; leaves `pos == end` only at the end of the
    /// file.
    fn refill(&mut self) -> io::Result<()> {
        while self.pos == self.end && !(self.eof && self.end == self.filled) {
            // Move the cut character's bytes (at most 3) to the front.
            let carry = self.filled - self.end;
            self.buf.copy_within(self.end..self.filled, 0);
            self.pos = 0;
            self.end = 0;
            self.filled = carry;
            if !self.eof {
                let n = loop {
                    match self.inner.read(&mut self.buf[carry..]) {
                        Ok(n) => break n,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        Err(e) => return Err(e),
                    }
                };
                self.eof = n == 0;
                self.filled = carry + n;
            }
            self.end = clean_utf8(&mut self.buf[..self.filled], self.eof);
            let cleaned = &mut self.buf[..self.end];
            for b in cleaned.iter_mut() {
                if *b < 0x20 && !matches!(*b, b'\t' | b'\n' | b'\r') {
                    *b = b' ';
                }
            }
            match cleaned.iter().rposition(|&b| b == b'>') {
                Some(i) => self.since_close = (cleaned.len() - 1 - i) as u64,
                None => self.since_close += cleaned.len() as u64,
            }
            if self.since_close > MAX_EVENT_BYTES {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "over {} MB without the end of an element",
                        MAX_EVENT_BYTES >> 20
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// Replaces the bytes of `buf` that are not UTF-8 by `?`, in place, and returns how many
/// bytes from the start are clean: all of them, or all but a character cut by the end of
/// `buf` when more is to come (`at_end` false).
fn clean_utf8(buf: &mut [u8], at_end: bool) -> usize {
    let mut from = 0;
    loop {
        let Some(rest) = buf.get(from..) else {
            return buf.len();
        };
        match std::str::from_utf8(rest) {
            Ok(_) => return buf.len(),
            Err(e) => {
                let bad = from + e.valid_up_to();
                match e.error_len() {
                    Some(n) => {
                        for b in buf.iter_mut().skip(bad).take(n) {
                            *b = b'?';
                        }
                        from = bad + n;
                    }
                    None if at_end => {
                        for b in buf.iter_mut().skip(bad) {
                            *b = b'?';
                        }
                        return buf.len();
                    }
                    None => return bad,
                }
            }
        }
    }
}

impl Read for Clean<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Clean<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos == self.end {
            self.refill()?;
        }
        Ok(&self.buf[self.pos..self.end])
    }

    fn consume(&mut self, amount: usize) {
        self.pos = (self.pos + amount).min(self.end);
    }
}

/// An instant as the export writes it: `2019-01-01 08:00:00 +0100` (Apple writes every
/// date so; paulstaab/health-data-parser reads them with `%Y-%m-%d %H:%M:%S %z`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Stamp {
    /// Unix seconds (UTC).
    pub utc_s: i64,
    /// The offset written, in seconds east of UTC.
    pub offset_s: i32,
    /// The local day written (days since 1970-01-01).
    pub local_day: i32,
}

impl Stamp {
    /// The local day written, as a [`Day`].
    #[cfg(test)]
    pub(crate) fn day(self) -> Option<Day> {
        Day::from_ordinal(self.local_day)
    }
}

/// Reads `YYYY-MM-DD HH:MM:SS ±HHMM`. Also accepted, for hand-made files: `T` for the
/// space, fractions of a second, `±HH:MM`, `Z`, no space before the offset, and no offset
/// at all (then the time is taken as UTC). Years 1900–2200; `None` for anything else. The
/// local day is the date as written, never moved to another zone.
pub(crate) fn parse_stamp(text: &str) -> Option<Stamp> {
    let b = text.trim().as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        b.get(from..from + len)?.iter().try_fold(0i64, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0'))
        })
    };
    let year = num(0, 4)?;
    let month = num(5, 2)?;
    let day = num(8, 2)?;
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || !matches!(b.get(10), Some(b' ' | b'T'))
        || b.get(13) != Some(&b':')
        || b.get(16) != Some(&b':')
    {
        return None;
    }
    if !(1900..=2200).contains(&year)
        || !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') || b.get(i) == Some(&b',') {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    let offset_s = match b.get(i) {
        None => 0,
        Some(b'Z') if i + 1 == b.len() => 0,
        Some(&sign @ (b'+' | b'-')) => {
            let hh = num(i + 1, 2)?;
            let rest = if b.get(i + 3) == Some(&b':') {
                i + 4
            } else {
                i + 3
            };
            let mm = num(rest, 2)?;
            if rest + 2 != b.len() || hh > 16 || mm > 59 {
                return None;
            }
            let s = (hh * 3600 + mm * 60) as i32;
            if sign == b'-' {
                -s
            } else {
                s
            }
        }
        Some(_) => return None,
    };
    let days = days_from_civil(year, month, day);
    let local_s = days * 86_400 + hour * 3600 + minute * 60 + second;
    Some(Stamp {
        utc_s: local_s - i64::from(offset_s),
        offset_s,
        local_day: i32::try_from(days).ok()?,
    })
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's
/// `days_from_civil`, a public-domain algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A finite number; `None` otherwise.
pub(crate) fn number(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A metadata value of a number and a unit, `5348 cm` or `25 m`: the number and the unit
/// (empty when there is none).
pub(crate) fn number_and_unit(text: &str) -> Option<(f64, &str)> {
    let t = text.trim();
    let (n, unit) = match t.find(|c: char| c.is_whitespace()) {
        Some(i) => (&t[..i], t[i..].trim()),
        None => (t, ""),
    };
    Some((number(n)?, unit))
}

/// A length in metres from a number and its unit as HealthKit writes them (`km`, `m`, `cm`,
/// `mi`, `yd`, `ft`; 1 mi = 1 609.344 m, 1 yd = 0.9144 m, 1 ft = 0.3048 m exactly, by the
/// international yard of 1959). `None` for another unit.
pub(crate) fn metres(value: f64, unit: &str) -> Option<f64> {
    let factor = match unit.trim() {
        "m" | "" => 1.0,
        "km" => 1000.0,
        "cm" => 0.01,
        "mm" => 0.001,
        "mi" => 1609.344,
        "yd" => 0.9144,
        "ft" => 0.3048,
        _ => return None,
    };
    let m = value * factor;
    m.is_finite().then_some(m)
}

/// A duration in seconds from a number and HealthKit's unit (`min`, `s`, `hr` or `h`,
/// `ms`, `d`). `None` for another unit.
pub(crate) fn seconds(value: f64, unit: &str) -> Option<f64> {
    let factor = match unit.trim() {
        "min" | "" => 60.0,
        "s" | "sec" => 1.0,
        "hr" | "h" => 3600.0,
        "ms" => 0.001,
        "d" => 86_400.0,
        _ => return None,
    };
    let s = value * factor;
    s.is_finite().then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean_all(input: &[u8]) -> Vec<u8> {
        let mut src: &[u8] = input;
        let mut c = Clean::new(&mut src);
        let mut out = Vec::new();
        c.read_to_end(&mut out).unwrap();
        out
    }

    #[test]
    fn bad_bytes_become_question_marks_in_place() {
        assert_eq!(clean_all(b"<a b=\"x\x0by\"/>"), b"<a b=\"x y\"/>");
        assert_eq!(clean_all(b"a\xffb\xc3"), b"a?b?");
        assert_eq!(clean_all("Alex’s".as_bytes()), "Alex’s".as_bytes());
        assert_eq!(clean_all(b"\t\r\n"), b"\t\r\n");
    }

    #[test]
    fn characters_cut_by_a_read_survive() {
        // A reader that hands out one byte at a time cuts every multi-byte character.
        struct OneByOne<'a>(&'a [u8]);
        impl Read for OneByOne<'_> {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                match (self.0.split_first(), out.first_mut()) {
                    (Some((b, rest)), Some(o)) => {
                        *o = *b;
                        self.0 = rest;
                        Ok(1)
                    }
                    _ => Ok(0),
                }
            }
        }
        let text = "Jyrah’s 导出 Watch";
        let mut src = io::BufReader::with_capacity(1, OneByOne(text.as_bytes()));
        let mut c = Clean::new(&mut src);
        let mut out = String::new();
        c.read_to_string(&mut out).unwrap();
        assert_eq!(out, text);
    }

    #[test]
    fn no_end_of_element_for_too_long_is_an_error() {
        let big = vec![b'a'; (MAX_EVENT_BYTES + 2) as usize];
        let mut src: &[u8] = &big;
        let mut c = Clean::new(&mut src);
        let mut sink = Vec::new();
        assert!(c.read_to_end(&mut sink).is_err());
    }

    #[test]
    fn stamps_as_written() {
        let s = parse_stamp("2019-01-01 08:00:00 +0100").unwrap();
        // 2019-01-01 = day 17 897; 07:00 UTC.
        assert_eq!(s.local_day, 17_897);
        assert_eq!(s.utc_s, 17_897 * 86_400 + 7 * 3600);
        assert_eq!(s.offset_s, 3600);
        // Just after local midnight, west of UTC: the local day is the one written.
        let s = parse_stamp("2024-03-10 00:30:00 -0500").unwrap();
        assert_eq!(s.day().unwrap().to_string(), "2024-03-10");
        assert_eq!(s.utc_s, s.local_day as i64 * 86_400 + 1800 + 5 * 3600);
        assert_eq!(
            parse_stamp("2024-03-10T00:30:00.250-05:00").map(|s| s.utc_s),
            Some(s.utc_s)
        );
        assert_eq!(
            parse_stamp("2024-03-10 00:30:00Z").map(|s| s.offset_s),
            Some(0)
        );
        assert!(parse_stamp("2023-02-29 00:00:00 +0000").is_none());
        assert!(parse_stamp("2023-02-28 24:00:00 +0000").is_none());
        assert!(parse_stamp("2023-02-28 10:00:00 +0100x").is_none());
        assert!(parse_stamp("yesterday").is_none());
        assert!(parse_stamp("").is_none());
    }

    #[test]
    fn units() {
        assert_eq!(number_and_unit("5348 cm"), Some((5348.0, "cm")));
        assert_eq!(number_and_unit("1"), Some((1.0, "")));
        assert_eq!(metres(3.10686, "mi").map(|m| m.round()), Some(5000.0));
        assert_eq!(metres(1.0, "furlong"), None);
        assert_eq!(seconds(2.5, "min"), Some(150.0));
        assert_eq!(seconds(1.0, "hr"), Some(3600.0));
    }
}
