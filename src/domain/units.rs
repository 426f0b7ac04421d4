//! Units as runners write them: durations `45:00` / `1:05:00`, paces `5:30` per km or per
//! mile, distances in km or miles. Stored values are SI (docs/domain.md §5).

use super::decimal::parse_decimal;
use super::quantity::{Metres, PacePer100m, PacePerKm, Seconds};

use serde::{Deserialize, Serialize};

/// Kilometres or miles (docs/domain.md §5): how distances and paces are shown and typed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Units {
    #[default]
    Metric,
    Imperial,
}

/// The international mile (1959 agreement): exactly 1 609.344 m.
pub const METRES_PER_MILE: f64 = 1609.344;

/// Reads a duration the way a watch shows it or a runner says it:
/// - `45` → 45 minutes (a bare number is minutes: "a 45-minute run"; `45.5` is 45:30);
/// - `45:30` → 45 min 30 s: **two parts are always `mm:ss`**, so `1:05` is 1 min 5 s,
///   never 1 h 5 min, and `90:00` is 90 minutes — the way a watch counts under an hour;
/// - `1:05:00` → 1 h 5 min (`h:mm:ss`, as a watch shows it from an hour);
/// - `1h05`, `1h 5m`, `90 min`, `30s` also work.
///
/// Every part after the first has two digits (`45:5` is refused: 45:05 or 45:50?).
pub fn parse_duration(s: &str) -> Result<Seconds, String> {
    let t = s.trim().to_ascii_lowercase();
    let bad = || {
        format!(
            "“{}” is not a duration: write 45:00 (mm:ss) or 1:05:00 (h:mm:ss).",
            s.trim()
        )
    };
    if t.is_empty() {
        return Err("Enter how long it took, e.g. 45:00 or 1:05:00.".into());
    }
    let seconds: f64 = if t.contains(':') {
        let parts: Vec<&str> = t.split(':').map(str::trim).collect();
        let well_formed = parts.iter().enumerate().all(|(i, p)| {
            !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && (i == 0 || p.len() == 2)
        });
        if !well_formed {
            return Err(bad());
        }
        let nums: Vec<u32> = parts
            .iter()
            .map(|p| p.parse::<u32>().map_err(|_| bad()))
            .collect::<Result<_, _>>()?;
        match nums.as_slice() {
            [m, sec] if *sec < 60 => f64::from(*m) * 60.0 + f64::from(*sec),
            [h, m, sec] if *m < 60 && *sec < 60 => {
                f64::from(*h) * 3600.0 + f64::from(*m) * 60.0 + f64::from(*sec)
            }
            _ => return Err(bad()),
        }
    } else if t.chars().any(|c| matches!(c, 'h' | 'm' | 's')) {
        parse_hms_letters(&t).ok_or_else(bad)?
    } else {
        let minutes = parse_decimal(&t.replace(',', ".")).ok_or_else(bad)?;
        if !minutes.is_finite() {
            return Err(bad());
        }
        minutes * 60.0
    };
    let whole = seconds.round();
    if whole < 1.0 || whole > f64::from(Seconds::RANGE.1) {
        return Err("A session lasts from 1 second to 48 hours.".into());
    }
    Seconds::new(whole as u32).ok_or_else(bad)
}

/// `1h05`, `1h 5m 30s`, `90m`, `45min`.
fn parse_hms_letters(t: &str) -> Option<f64> {
    let mut total = 0.0;
    let mut num = String::new();
    let mut last_unit = 0.0;
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
        } else if c.is_whitespace() {
            continue;
        } else {
            let unit = match c {
                'h' => 3600.0,
                'm' => 60.0,
                's' => 1.0,
                _ => return None,
            };
            // Swallow the rest of a word like "min" or "hr".
            while chars.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
                chars.next();
            }
            total += parse_decimal(&num)? * unit;
            num.clear();
            last_unit = unit;
        }
    }
    if !num.is_empty() {
        // "1h05": the trailing number is in the next smaller unit.
        let unit = if last_unit == 3600.0 {
            60.0
        } else if last_unit == 60.0 {
            1.0
        } else {
            return None;
        };
        total += parse_decimal(&num)? * unit;
    }
    total.is_finite().then_some(total)
}

/// `45:00` under an hour, `1:05:00` from an hour.
pub fn format_duration(d: Seconds) -> String {
    let s = d.get();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{sec:02}")
    } else {
        format!("{m}:{sec:02}")
    }
}

/// Minutes as a person reads them: `25 min`, `1 h 10 min`.
pub fn format_minutes(minutes: u32) -> String {
    if minutes >= 60 {
        format!("{} h {:02} min", minutes / 60, minutes % 60)
    } else {
        format!("{minutes} min")
    }
}

/// `m:ss` (seconds as two digits) or a bare whole number of minutes, in seconds.
fn parse_min_sec(s: &str) -> Option<f64> {
    let s = s.trim();
    let (m, sec) = match s.split_once(':') {
        Some((m, sec)) => (m.trim(), sec.trim()),
        None => (s, "00"),
    };
    if m.is_empty() || !m.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // "5:3" could mean 5:03 or 5:30: two digits are required, as on every watch.
    if sec.len() != 2 || !sec.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let m: u32 = m.parse().ok()?;
    let sec: u32 = sec.parse().ok()?;
    (sec < 60).then_some(f64::from(m) * 60.0 + f64::from(sec))
}

/// Splits a trailing unit off a pace (`5:30 /km`, `8:50 min/mi`, `8:50/mile`): the number
/// part and the unit named, if any.
fn pace_unit(s: &str) -> (String, Option<Units>) {
    let t = s.trim().to_ascii_lowercase();
    for (suffix, unit) in [
        ("/km", Units::Metric),
        ("/mile", Units::Imperial),
        ("/mi", Units::Imperial),
        ("per km", Units::Metric),
        ("per mile", Units::Imperial),
        ("per mi", Units::Imperial),
    ] {
        if let Some(head) = t.strip_suffix(suffix) {
            let head = head.trim_end();
            let head = head.strip_suffix("min").unwrap_or(head);
            return (head.trim_end().to_string(), Some(unit));
        }
    }
    (t, None)
}

/// Reads a running pace typed as `m:ss` (or whole minutes, `6`), per km (metric) or per
/// mile (imperial). A trailing `/km` or `/mi` (as [`format_pace`] writes it) overrides the
/// setting, so a pace copied from anywhere in the app reads back as itself.
pub fn parse_pace(s: &str, units: Units) -> Result<PacePerKm, String> {
    let (text, named) = pace_unit(s);
    let units = named.unwrap_or(units);
    let per = if units == Units::Imperial { "mi" } else { "km" };
    let secs = parse_min_sec(&text).ok_or_else(|| {
        format!(
            "“{}” is not a pace: write minutes:seconds per {per}, e.g. 5:30.",
            s.trim()
        )
    })?;
    let per_km = match units {
        Units::Metric => secs,
        Units::Imperial => secs * 1000.0 / METRES_PER_MILE,
    };
    PacePerKm::new(per_km).ok_or_else(|| {
        let (lo, hi) = PacePerKm::RANGE;
        format!(
            "A running pace is between {} and {} per {per}.",
            mmss(to_unit(lo, units)),
            mmss(to_unit(hi, units))
        )
    })
}

fn to_unit(s_per_km: f64, units: Units) -> f64 {
    match units {
        Units::Metric => s_per_km,
        Units::Imperial => s_per_km * METRES_PER_MILE / 1000.0,
    }
}

/// `m:ss` from seconds, rounded to the second.
pub fn mmss(seconds: f64) -> String {
    let s = seconds.round().max(0.0) as u64;
    format!("{}:{:02}", s / 60, s % 60)
}

/// `5:30 /km` or `8:51 /mi`.
pub fn format_pace(p: PacePerKm, units: Units) -> String {
    match units {
        Units::Metric => format!("{} /km", mmss(p.get())),
        Units::Imperial => format!("{} /mi", mmss(to_unit(p.get(), units))),
    }
}

/// The pace number alone, for a form field (`5:30`).
pub fn pace_number(p: PacePerKm, units: Units) -> String {
    mmss(to_unit(p.get(), units))
}

/// Reads a swim pace per 100 m typed as `m:ss`.
pub fn parse_swim_pace(s: &str) -> Result<PacePer100m, String> {
    let secs = parse_min_sec(s).ok_or_else(|| {
        format!(
            "“{}” is not a swim pace: write minutes:seconds per 100 m, e.g. 1:35.",
            s.trim()
        )
    })?;
    PacePer100m::new(secs).ok_or_else(|| "A swim pace from 0:50 to 5:00 per 100 m.".into())
}

/// Reads a distance: a number in km (metric) or miles (imperial), a decimal comma accepted
/// (`12,5`). A unit written after it wins over the setting: `km`/`k`/`kilometres`,
/// `mi`/`mile(s)`, `m`/`metres` (so `800m` on an imperial profile is still 800 metres).
pub fn parse_distance(s: &str, units: Units) -> Result<Metres, String> {
    let t = s.trim().to_ascii_lowercase().replace(',', ".");
    let default = if units == Units::Imperial {
        METRES_PER_MILE
    } else {
        1000.0
    };
    // Longest names first, so "km" is not read as "k" + "m".
    const NAMES: [(&str, f64); 11] = [
        ("kilometres", 1000.0),
        ("kilometers", 1000.0),
        ("metres", 1.0),
        ("meters", 1.0),
        ("miles", METRES_PER_MILE),
        ("mile", METRES_PER_MILE),
        ("kms", 1000.0),
        ("km", 1000.0),
        ("mi", METRES_PER_MILE),
        ("k", 1000.0),
        ("m", 1.0),
    ];
    let (num, factor) = NAMES
        .iter()
        .find_map(|(name, f)| t.strip_suffix(name).map(|n| (n, *f)))
        .unwrap_or((t.as_str(), default));
    let num = num.trim();
    let v = parse_decimal(num)
        .filter(|v| v.is_finite())
        .ok_or_else(|| {
            if s.trim().is_empty() {
                "Enter a distance, e.g. 10.5.".to_string()
            } else {
                format!(
                    "“{}” is not a distance: write a number, e.g. 10.5.",
                    s.trim()
                )
            }
        })?;
    Metres::new(v * factor).ok_or_else(|| match units {
        Units::Metric => "A distance is between 0 and 1,000 km.".into(),
        Units::Imperial => "A distance is between 0 and 621 miles.".into(),
    })
}

/// `12.0 km` or `7.46 mi`: miles to the hundredth, but never a trailing zero after the
/// tenth (`45.3 mi`, not `45.30 mi`, which reads as more precise than the tenth it is).
pub fn format_distance(d: Metres, units: Units) -> String {
    match units {
        Units::Metric => format!("{:.1} km", d.get() / 1000.0),
        Units::Imperial => {
            let mut n = format!("{:.2}", d.get() / METRES_PER_MILE);
            if n.ends_with('0') {
                n.pop();
            }
            format!("{n} mi")
        }
    }
}

/// A weekly volume, whole: `60 km`, `45 mi` (a week's running needs no decimals; "45.30 mi"
/// read as more precise than any log is).
pub fn format_volume(d: Metres, units: Units) -> String {
    match units {
        Units::Metric => format!("{:.0} km", d.get() / 1000.0),
        Units::Imperial => format!("{:.0} mi", d.get() / METRES_PER_MILE),
    }
}

/// The distance number alone, for a form field, trimmed of trailing zeros (`12.5`).
pub fn distance_number(d: Metres, units: Units) -> String {
    let v = match units {
        Units::Metric => d.get() / 1000.0,
        Units::Imperial => d.get() / METRES_PER_MILE,
    };
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_the_way_runners_write_them() {
        let secs = |s: &str| parse_duration(s).map(|d| d.get());
        assert_eq!(secs("45"), Ok(45 * 60));
        assert_eq!(secs("45:30"), Ok(45 * 60 + 30));
        assert_eq!(secs("1:05:00"), Ok(3900));
        assert_eq!(secs("1h05"), Ok(3900));
        assert_eq!(secs("90min"), Ok(5400));
        assert!(parse_duration("1:75").is_err());
        assert!(parse_duration("0").is_err());
        assert!(parse_duration("49:00:00").is_err(), "over 48 h");
        assert!(parse_duration("an hour").is_err());
        assert!(parse_duration("").is_err());
        assert_eq!(format_duration(Seconds::new(3900).unwrap()), "1:05:00");
        assert_eq!(format_duration(Seconds::new(2730).unwrap()), "45:30");
    }

    #[test]
    fn paces_convert_between_km_and_miles() {
        // 8:50 /mi = 530 s per 1.609344 km = 329.3 s/km (5:29 /km).
        let p = parse_pace("8:50", Units::Imperial).unwrap();
        // Held to the millionth of a second (quantity::GRAIN).
        assert!((p.get() - 530.0 / 1.609_344).abs() <= 5e-7);
        assert_eq!(format_pace(p, Units::Metric), "5:29 /km");
        assert_eq!(format_pace(p, Units::Imperial), "8:50 /mi");
        assert_eq!(parse_pace("5:30", Units::Metric).unwrap().get(), 330.0);
        assert!(parse_pace("5:75", Units::Metric).is_err());
        assert!(
            parse_pace("0:30", Units::Metric).is_err(),
            "faster than any human"
        );
    }

    #[test]
    fn distances_in_either_unit() {
        assert_eq!(
            parse_distance("12,5", Units::Metric).unwrap().get(),
            12_500.0
        );
        assert!((parse_distance("10", Units::Imperial).unwrap().get() - 16_093.44).abs() < 1e-9);
        assert_eq!(
            parse_distance("800m", Units::Imperial).unwrap().get(),
            800.0
        );
        assert_eq!(
            format_distance(Metres::new(12_000.0).unwrap(), Units::Imperial),
            "7.46 mi"
        );
        assert_eq!(
            distance_number(Metres::new(12_500.0).unwrap(), Units::Metric),
            "12.5"
        );
        assert!(parse_distance("-3", Units::Metric).is_err());
        assert!(parse_distance("far", Units::Metric).is_err());
    }

    #[test]
    fn weekly_volumes_are_whole() {
        // 72.9 km a week = 45.30 mi (72 900 ÷ 1 609.344): shown as 45 mi; 60 km as 60 km.
        let v = Metres::new(72_900.0).unwrap();
        assert_eq!(format_volume(v, Units::Imperial), "45 mi");
        // As a distance (a week's totals in the Log), to the tenth it is: not "45.30 mi".
        assert_eq!(format_distance(v, Units::Imperial), "45.3 mi");
        assert_eq!(
            format_distance(Metres::new(16_093.44).unwrap(), Units::Imperial),
            "10.0 mi"
        );
        assert_eq!(format_volume(v, Units::Metric), "73 km");
        assert_eq!(
            format_volume(Metres::new(60_000.0).unwrap(), Units::Metric),
            "60 km"
        );
    }

    #[test]
    fn a_mile_is_1609_344_metres() {
        // International yard and pound agreement (1959): 1 yd = 0.9144 m, 1 mi = 1 760 yd.
        assert_eq!(METRES_PER_MILE, 1760.0 * 0.9144);
        assert_eq!(
            format_distance(Metres::new(1609.344).unwrap(), Units::Imperial),
            "1.0 mi"
        );
        // A marathon, 42.195 km, is 26.22 mi.
        assert_eq!(
            format_distance(Metres::new(42_195.0).unwrap(), Units::Imperial),
            "26.22 mi"
        );
        assert_eq!(
            format_distance(Metres::new(42_195.0).unwrap(), Units::Metric),
            "42.2 km"
        );
    }

    #[test]
    fn two_parts_are_minutes_and_seconds() {
        let secs = |s: &str| parse_duration(s).map(|d| d.get());
        assert_eq!(secs("1:05"), Ok(65), "mm:ss, not h:mm");
        assert_eq!(secs("90:00"), Ok(5400));
        assert_eq!(secs("45.5"), Ok(2730));
        assert_eq!(secs(" 0:59 "), Ok(59));
        assert!(parse_duration("45:5").is_err(), "45:05 or 45:50?");
        assert!(parse_duration("1::00").is_err());
        assert!(parse_duration("+5:00").is_err());
        assert!(parse_duration("nan").is_err() && parse_duration("inf").is_err());
        assert!(parse_duration("-5").is_err());
    }

    #[test]
    fn paces_read_back_what_the_app_writes() {
        let p = PacePerKm::new(330.0).unwrap();
        assert_eq!(
            parse_pace(&format_pace(p, Units::Metric), Units::Metric),
            Ok(p)
        );
        // A unit written after the pace wins over the setting.
        assert_eq!(parse_pace("5:30 /km", Units::Imperial), Ok(p));
        assert_eq!(parse_pace("5:30 min/km", Units::Imperial), Ok(p));
        let mi = parse_pace("8:50/mi", Units::Metric).unwrap();
        assert!((mi.get() - 530.0 / 1.609_344).abs() <= 5e-7);
        assert_eq!(
            parse_pace("6", Units::Metric).map(|p| p.get()),
            Ok(360.0),
            "whole minutes"
        );
        assert!(parse_pace("5:3", Units::Metric).is_err(), "5:03 or 5:30?");
        assert!(parse_pace("5.5", Units::Metric).is_err());
        assert!(parse_pace("", Units::Metric).is_err());
    }

    #[test]
    fn distances_with_a_unit_written_out() {
        let m = |s: &str, u| parse_distance(s, u).map(|d| d.get());
        assert_eq!(m("10 k", Units::Imperial), Ok(10_000.0));
        assert_eq!(m("12.0 km", Units::Metric), Ok(12_000.0));
        assert_eq!(m("3 miles", Units::Metric), Ok(3.0 * METRES_PER_MILE));
        assert_eq!(m("400 metres", Units::Imperial), Ok(400.0));
        assert_eq!(m("0", Units::Metric), Ok(0.0));
        for bad in ["", "km", "nan", "inf km", "1e400", "1.2.3", "10 furlongs"] {
            assert!(parse_distance(bad, Units::Metric).is_err(), "{bad}");
        }
        assert_eq!(
            m("1001", Units::Metric),
            Err("A distance is between 0 and 1,000 km.".into())
        );
    }

    #[test]
    fn odd_input_is_an_error_not_a_panic() {
        for s in [
            "",
            ":",
            "::::",
            "9999999999999:00",
            "1:00:00:00",
            "h",
            "1hh",
            "5m 30s 2",
            "é:ü",
            "１:00",
            "\u{0}",
        ] {
            let _ = parse_duration(s);
            let _ = parse_pace(s, Units::Imperial);
            let _ = parse_distance(s, Units::Imperial);
            let _ = parse_swim_pace(s);
        }
        assert!(parse_duration("9999999999999:00").is_err());
    }
}
