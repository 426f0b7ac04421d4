//! Training weeks for the Log: Monday to Sunday (ISO 8601), with each week's distance, time
//! and TSS, so a runner reads the log as they plan it — by the week.

use std::collections::BTreeMap;

use super::date::Day;
use super::profile::Profile;
use super::session::Session;
use super::tss;

/// The Monday on or before `day` (ISO 8601 weeks start on Monday). 1970-01-01 was a
/// Thursday, so a day's ordinal + 3 counts from a Monday.
pub fn week_start(day: Day) -> Day {
    day.add_days(-(day.ordinal() + 3).rem_euclid(7))
}

/// What a week of the log adds up to. Planned sessions (dated after today) are only
/// counted: the week's figures are what was done.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct WeekTotals {
    /// Sessions done.
    pub sessions: usize,
    /// Distance in metres (sessions without one add nothing).
    pub distance_m: f64,
    /// Time in seconds.
    pub duration_s: u64,
    /// TSS, each session scored as the log shows it (`tss::score`; unscored ones add 0).
    pub tss: f64,
    /// Sessions planned (dated after today), in none of the figures above.
    pub planned: usize,
}

/// The totals of the weeks that `sessions` fall in, by the Monday that starts each week.
pub fn totals<'a>(
    sessions: impl IntoIterator<Item = &'a Session>,
    profile: &Profile,
    today: Day,
) -> BTreeMap<Day, WeekTotals> {
    let mut out: BTreeMap<Day, WeekTotals> = BTreeMap::new();
    for s in sessions {
        let w = out.entry(week_start(s.date)).or_default();
        if s.is_planned(today) {
            w.planned += 1;
            continue;
        }
        w.sessions += 1;
        w.distance_m += s.distance.map_or(0.0, |d| d.get());
        w.duration_s += u64::from(s.duration.get());
        w.tss += tss::load(s, profile).counted().map_or(0.0, |t| t.get());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::quantity::{Metres, Seconds, Tss};
    use crate::domain::session::{SessionId, Sport, TssMethod};

    fn day(s: &str) -> Day {
        s.parse().unwrap()
    }

    #[test]
    fn weeks_start_on_monday() {
        // 2026-03-09 was a Monday (ISO week 11 of 2026); the Sunday after is still in it.
        assert_eq!(week_start(day("2026-03-09")), day("2026-03-09"));
        assert_eq!(week_start(day("2026-03-15")), day("2026-03-09"));
        assert_eq!(week_start(day("2026-03-16")), day("2026-03-16"));
        // 1970-01-01, a Thursday: its week began on Monday 1969-12-29.
        assert_eq!(week_start(day("1970-01-01")), day("1969-12-29"));
        assert_eq!(day("2026-03-09").weekday_short(), "Mon");
    }

    #[test]
    fn a_week_adds_up_what_was_done() {
        // By hand, with today Sunday 2026-03-15: a 10 km run of 50 min (TSS given 60) on
        // Monday and a 1 h ride of 30 km (TSS given 55) today add up to 2 sessions, 40 km,
        // 1:50:00 = 6 600 s and 115 TSS; a run planned for Monday the 16th is not done yet:
        // its week shows it as planned, with no figures.
        let session = |id: &str, date: &str, sport, secs, km: f64, tss: f64| {
            let mut s = Session::new(
                SessionId(id.into()),
                day(date),
                sport,
                Seconds::new(secs).unwrap(),
            );
            s.distance = Metres::new(km * 1000.0);
            s.tss = Tss::new(tss);
            s.tss_method = Some(TssMethod::Given);
            s
        };
        let run = session("a", "2026-03-09", Sport::Run, 3000, 10.0, 60.0);
        let ride = session("b", "2026-03-15", Sport::Ride, 3600, 30.0, 55.0);
        let planned = session("c", "2026-03-16", Sport::Run, 1800, 5.0, 30.0);
        let weeks = totals(
            [&run, &ride, &planned],
            &Profile::default(),
            day("2026-03-15"),
        );
        assert_eq!(
            weeks.into_iter().collect::<Vec<_>>(),
            [
                (
                    day("2026-03-09"),
                    WeekTotals {
                        sessions: 2,
                        distance_m: 40_000.0,
                        duration_s: 6600,
                        tss: 115.0,
                        planned: 0,
                    }
                ),
                (
                    day("2026-03-16"),
                    WeekTotals {
                        planned: 1,
                        ..WeekTotals::default()
                    }
                )
            ]
        );
    }
}
