//! Calendar days and times of day, as the athlete's device sees them.
//!
//! A [`Day`] is a civil date with no time zone: "today" is the device's local date, read in
//! one place in the browser shell and passed in everywhere else.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;
use time::{Date, Month};

/// A calendar day (ISO 8601 `YYYY-MM-DD` on the wire).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(Date);

/// Why a date could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateError {}

impl Day {
    /// 1970-01-01.
    pub const EPOCH: Day = Day(time::OffsetDateTime::UNIX_EPOCH.date());

    /// A day from year, month (1–12) and day of month; `None` if no such day exists.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Day> {
        let month = Month::try_from(month).ok()?;
        Date::from_calendar_date(year, month, day).ok().map(Day)
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }

    pub fn month(self) -> u8 {
        self.0.month() as u8
    }

    pub fn day(self) -> u8 {
        self.0.day()
    }

    /// Days since 1970-01-01 (negative before it): a dense index for daily series.
    pub fn ordinal(self) -> i32 {
        self.0.to_julian_day() - UNIX_EPOCH_JULIAN_DAY
    }

    /// The inverse of [`Day::ordinal`]; `None` outside the supported range of years.
    pub fn from_ordinal(ordinal: i32) -> Option<Day> {
        Date::from_julian_day(ordinal.checked_add(UNIX_EPOCH_JULIAN_DAY)?)
            .ok()
            .map(Day)
    }

    /// This day moved by `days` (negative goes back); saturates at the supported range.
    pub fn add_days(self, days: i32) -> Day {
        Day::from_ordinal(self.ordinal().saturating_add(days)).unwrap_or(self)
    }

    /// Whole days from `earlier` to `self` (negative if `earlier` is later).
    pub fn days_since(self, earlier: Day) -> i32 {
        self.ordinal() - earlier.ordinal()
    }

    /// The day of the week, abbreviated: "Mon" … "Sun". 1970-01-01 was a Thursday, so the
    /// ordinal's remainder by 7 counts from Thursday.
    pub fn weekday_short(self) -> &'static str {
        const FROM_THURSDAY: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        FROM_THURSDAY[self.ordinal().rem_euclid(7) as usize]
    }

    /// The day as the app shows it to a person: "Thu 2026-03-12" (ISO 8601 with the day of
    /// the week; files keep plain `Display`).
    pub fn with_weekday(self) -> String {
        format!("{} {self}", self.weekday_short())
    }
}

const UNIX_EPOCH_JULIAN_DAY: i32 = 2_440_588;

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.year(),
            self.month(),
            self.day()
        )
    }
}

impl FromStr for Day {
    type Err = DateError;

    /// Reads `YYYY-MM-DD`, the only form the app stores and exports.
    fn from_str(s: &str) -> Result<Day, DateError> {
        // The form storage holds, read without splitting (ten years are 5,000 dates).
        if let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *s.as_bytes() {
            if let (Some(y), Some(m), Some(d)) = (
                digits(&[y0, y1, y2, y3]),
                digits(&[m0, m1]),
                digits(&[d0, d1]),
            ) {
                return Day::from_ymd(y as i32, m as u8, d as u8)
                    .ok_or_else(|| DateError(format!("{s} is not a day of the calendar")));
            }
        }
        let bad = || DateError(format!("“{s}” is not a date (expected YYYY-MM-DD)"));
        let s = s.trim();
        let mut parts = s.splitn(3, '-');
        let (y, m, d) = (parts.next(), parts.next(), parts.next());
        let (Some(y), Some(m), Some(d)) = (y, m, d) else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u8 = m.parse().map_err(|_| bad())?;
        let day: u8 = d.parse().map_err(|_| bad())?;
        Day::from_ymd(year, month, day)
            .ok_or_else(|| DateError(format!("{s} is not a day of the calendar")))
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The number written by ASCII digits, if they all are.
fn digits(ds: &[u8]) -> Option<u32> {
    ds.iter().try_fold(0u32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// Reads a value of `T` from a string, borrowed where the format allows (no copy).
struct FromText<T>(std::marker::PhantomData<T>);

impl<T> serde::de::Visitor<'_> for FromText<T>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<T, E> {
        s.parse().map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Day, D::Error> {
        d.deserialize_str(FromText(std::marker::PhantomData))
    }
}

/// A local time of day, to the minute (`HH:MM` on the wire).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    minutes: u16,
}

impl TimeOfDay {
    pub const MIDNIGHT: TimeOfDay = TimeOfDay { minutes: 0 };

    pub fn from_hm(hour: u8, minute: u8) -> Option<TimeOfDay> {
        (hour < 24 && minute < 60).then_some(TimeOfDay {
            minutes: u16::from(hour) * 60 + u16::from(minute),
        })
    }

    /// Minutes since midnight (0..1440).
    pub fn minutes(self) -> u16 {
        self.minutes
    }

    pub fn hour(self) -> u8 {
        (self.minutes / 60) as u8
    }

    pub fn minute(self) -> u8 {
        (self.minutes % 60) as u8
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

impl FromStr for TimeOfDay {
    type Err = DateError;

    /// Reads `H:MM` or `HH:MM` (24-hour clock); seconds, if present, are dropped.
    fn from_str(s: &str) -> Result<TimeOfDay, DateError> {
        // The form storage holds, read without splitting.
        if let [h0, h1, b':', m0, m1] = *s.as_bytes() {
            if let (Some(h), Some(m)) = (digits(&[h0, h1]), digits(&[m0, m1])) {
                if let Some(t) = TimeOfDay::from_hm(h as u8, m as u8) {
                    return Ok(t);
                }
            }
        }
        let bad = || DateError(format!("“{s}” is not a time of day (expected HH:MM)"));
        let mut parts = s.trim().split(':');
        let h: u8 = parts.next().ok_or_else(bad)?.parse().map_err(|_| bad())?;
        let m = parts.next().ok_or_else(bad)?;
        if m.len() != 2 {
            return Err(bad());
        }
        let m: u8 = m.parse().map_err(|_| bad())?;
        TimeOfDay::from_hm(h, m).ok_or_else(bad)
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<TimeOfDay, D::Error> {
        d.deserialize_str(FromText(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_of_the_week() {
        // 1970-01-01 was a Thursday; 2026-03-12 is a Thursday too (the tests' "today");
        // 1969-12-31, before the epoch, a Wednesday; 2000-02-29 a Tuesday.
        assert_eq!(Day::EPOCH.weekday_short(), "Thu");
        let d = Day::from_ymd(2026, 3, 12).unwrap();
        assert_eq!(d.with_weekday(), "Thu 2026-03-12");
        assert_eq!(d.add_days(4).weekday_short(), "Mon");
        assert_eq!(Day::from_ymd(1969, 12, 31).unwrap().weekday_short(), "Wed");
        assert_eq!(Day::from_ymd(2000, 2, 29).unwrap().weekday_short(), "Tue");
    }

    #[test]
    fn ordinal_counts_from_the_unix_epoch() {
        // 1970-01-01 is day 0 by definition; 2000-03-01 is 11 017 days later
        // (30 years incl. 7 leap days = 10 957 days to 2000-01-01, + 31 + 29).
        assert_eq!(Day::from_ymd(1970, 1, 1).unwrap().ordinal(), 0);
        assert_eq!(Day::from_ymd(2000, 3, 1).unwrap().ordinal(), 11_017);
    }

    #[test]
    fn dates_round_trip_through_text() {
        let d: Day = "2024-02-29".parse().unwrap();
        assert_eq!(d.to_string(), "2024-02-29");
        assert_eq!(d.add_days(1).to_string(), "2024-03-01");
        assert!("2023-02-29".parse::<Day>().is_err(), "not a leap year");
        assert!("2024-2-9".parse::<Day>().is_err());
        assert!("2024-02-3x".parse::<Day>().is_err());
        assert!("2024-13-01".parse::<Day>().is_err());
        assert_eq!(
            " 2024-02-29 ".parse::<Day>(),
            Ok(d),
            "spaces around are fine"
        );
        assert!("yesterday".parse::<Day>().is_err());
    }

    #[test]
    fn times_of_day_parse_the_way_people_write_them() {
        assert_eq!("7:30".parse::<TimeOfDay>().unwrap().to_string(), "07:30");
        assert_eq!("18:05".parse::<TimeOfDay>().unwrap().minutes(), 18 * 60 + 5);
        assert!("24:00".parse::<TimeOfDay>().is_err());
        assert!("7:5".parse::<TimeOfDay>().is_err());
        assert!("24:30".parse::<TimeOfDay>().is_err());
        assert!("07:60".parse::<TimeOfDay>().is_err());
        assert_eq!(
            "07:30:59".parse::<TimeOfDay>().unwrap().to_string(),
            "07:30"
        );
    }
}
