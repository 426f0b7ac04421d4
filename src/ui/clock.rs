//! The one place the app reads the clock.

use crate::domain::date::{Day, TimeOfDay};

/// The device's local date and time of day, now.
pub fn now() -> (Day, TimeOfDay) {
    let d = js_sys::Date::new_0();
    let day = Day::from_ymd(
        d.get_full_year() as i32,
        d.get_month() as u8 + 1,
        d.get_date() as u8,
    )
    // The browser always gives a real date; the epoch is a harmless stand-in.
    .unwrap_or(Day::EPOCH);
    let time = TimeOfDay::from_hm(d.get_hours() as u8, d.get_minutes() as u8)
        .unwrap_or(TimeOfDay::MIDNIGHT);
    (day, time)
}

/// Milliseconds since the epoch (for ids).
pub fn millis() -> f64 {
    js_sys::Date::now()
}

/// The current UTC instant as RFC 3339 (`2026-03-10T18:04:00Z`), for `exported_at`.
pub fn utc_rfc3339() -> String {
    let d = js_sys::Date::new_0();
    String::from(d.to_iso_string())
        .split('.')
        .next()
        .map(|s| format!("{s}Z"))
        .unwrap_or_default()
}
