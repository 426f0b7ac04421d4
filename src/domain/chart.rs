//! What the performance chart draws, as plain data: the window of days for a range, the
//! projection from planned sessions, and thinning to the pixels available.

use super::date::Day;
use super::pmc::{self, PmcDay, PmcSettings};
use super::profile::Profile;
use super::session::Session;

/// A range of the chart, ending today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Range {
    SixWeeks,
    ThreeMonths,
    OneYear,
    All,
}

impl Range {
    pub const ALL: [Range; 4] = [
        Range::SixWeeks,
        Range::ThreeMonths,
        Range::OneYear,
        Range::All,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Range::SixWeeks => "6 weeks",
            Range::ThreeMonths => "3 months",
            Range::OneYear => "1 year",
            Range::All => "All",
        }
    }

    /// Days of history shown; `None` for everything.
    pub fn days(self) -> Option<usize> {
        match self {
            Range::SixWeeks => Some(42),
            Range::ThreeMonths => Some(91),
            Range::OneYear => Some(365),
            Range::All => None,
        }
    }
}

/// Days projected after today from planned sessions (rest where none are planned).
pub const PROJECTION_DAYS: usize = 28;

/// The projection: the chart carried on from `history`'s last day (today) with the TSS of
/// planned sessions, rest days as 0.
pub fn projection(history: &[PmcDay], sessions: &[Session], profile: &Profile) -> Vec<PmcDay> {
    let Some(last) = history.last() else {
        return Vec::new();
    };
    let from = last.day.add_days(1);
    let to = last.day.add_days(PROJECTION_DAYS as i32);
    let loads = pmc::daily_loads(sessions, profile, from, to);
    pmc::project_loads(history, &loads, &PmcSettings::from_profile(profile))
}

/// The last `range` days of `history`.
pub fn window(history: &[PmcDay], range: Range) -> &[PmcDay] {
    match range.days() {
        Some(n) if history.len() > n => &history[history.len() - n..],
        _ => history,
    }
}

/// At most `max_points` points for `days`: each point stands for an equal run of days and
/// shows the last day's CTL, ATL, TSB and ramp (the state at the end of the run) and the
/// largest daily TSS in it (so a hard day still shows as a tall bar). Short series are
/// returned as they are.
pub fn thin(days: &[PmcDay], max_points: usize) -> Vec<PmcDay> {
    if max_points == 0 || days.len() <= max_points {
        return days.to_vec();
    }
    let per = days.len().div_ceil(max_points);
    days.chunks(per)
        .filter_map(|chunk| {
            let last = *chunk.last()?;
            let tss = chunk.iter().map(|d| d.tss).fold(0.0, f64::max);
            Some(PmcDay { tss, ..last })
        })
        .collect()
}

/// A round upper bound for an axis: 10, 20, 25, 50, 100, … at or above `v`.
pub fn nice_max(v: f64) -> f64 {
    if !v.is_finite() || v <= 10.0 {
        return 10.0;
    }
    let mag = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|x| *x >= v)
        .unwrap_or(10.0 * mag)
}

/// One sentence on the range, for screen readers and as the chart's caption.
pub fn summary(days: &[PmcDay], range: Range) -> String {
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return "No training logged yet.".into();
    };
    let span = match range {
        Range::All => format!("Since {}", first.day),
        r => format!("Over the last {}", r.label()),
    };
    let trend = if last.ctl > first.ctl + 0.5 {
        "rose"
    } else if last.ctl < first.ctl - 0.5 {
        "fell"
    } else {
        "held"
    };
    format!(
        "{span} fitness (CTL) {trend} from {:.0} to {:.0}; fatigue (ATL) is {:.0} and form (TSB) {:+.0}, {}.",
        first.ctl,
        last.ctl,
        last.atl,
        last.tsb,
        pmc::form_band(last.tsb).label()
    )
}

/// The day of `days` nearest to `day`.
pub fn index_of(days: &[PmcDay], day: Day) -> Option<usize> {
    days.iter()
        .enumerate()
        .min_by_key(|(_, d)| (d.day.days_since(day)).abs())
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(n: usize) -> Vec<PmcDay> {
        let s = PmcSettings::default();
        let loads: Vec<f64> = (0..n)
            .map(|i| if i % 7 == 3 { 120.0 } else { 40.0 })
            .collect();
        pmc::series_from_loads(Day::from_ymd(2026, 1, 1).unwrap(), &loads, &s)
    }

    #[test]
    fn thinning_keeps_the_end_state_and_the_peaks() {
        let d = days(3650);
        let t = thin(&d, 300);
        // 3 650 days in runs of ⌈3650 / 300⌉ = 13: 281 points.
        assert_eq!(t.len(), 281);
        assert_eq!(
            t.last().unwrap().day,
            d.last().unwrap().day,
            "ends on the last day"
        );
        assert_eq!(t.last().unwrap().ctl, d.last().unwrap().ctl);
        assert!(
            t.iter().all(|p| p.tss == 120.0),
            "every 13-day bucket holds a 120 TSS day"
        );
        assert_eq!(thin(&d[..100], 300).len(), 100, "short series untouched");
    }

    #[test]
    fn windows_and_axes() {
        let d = days(400);
        assert_eq!(window(&d, Range::SixWeeks).len(), 42);
        assert_eq!(window(&d, Range::All).len(), 400);
        assert_eq!(window(&d[..10], Range::OneYear).len(), 10);
        assert_eq!(nice_max(7.0), 10.0);
        assert_eq!(nice_max(120.0), 200.0);
        assert_eq!(nice_max(240.0), 250.0);
        assert_eq!(nice_max(f64::NAN), 10.0);
    }

    #[test]
    fn summary_reads_the_numbers() {
        let d = days(60);
        let s = summary(window(&d, Range::SixWeeks), Range::SixWeeks);
        assert!(
            s.starts_with("Over the last 6 weeks fitness (CTL) rose"),
            "{s}"
        );
        assert_eq!(summary(&[], Range::All), "No training logged yet.");
    }

    #[test]
    fn projection_rests_where_nothing_is_planned() {
        use crate::domain::quantity::{Duration, Tss};
        use crate::domain::session::{SessionId, Sport};
        let history = days(30);
        let race_day = history.last().unwrap().day.add_days(5);
        let mut race = Session::new(
            SessionId("r".into()),
            race_day,
            Sport::Run,
            Duration::new(2400).unwrap(),
        );
        race.tss = Tss::new(70.0);
        let p = projection(&history, &[race], &Profile::default());
        assert_eq!(p.len(), PROJECTION_DAYS);
        assert_eq!(p[4].tss, 70.0);
        assert_eq!(
            p.iter().filter(|d| d.tss == 0.0).count(),
            PROJECTION_DAYS - 1
        );
        // Resting lets fatigue fall faster than fitness, so form rises before the race.
        assert!(p[4].tsb > history.last().unwrap().tsb);
    }
}
