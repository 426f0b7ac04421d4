//! What the performance chart draws, as plain data: the window of days for a range, the
//! projection from planned sessions, thinning to the pixels available, axis ticks and the
//! sentences that stand in for the drawing for screen readers.

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

/// Days of `projection` a range draws. The 6-week view spent 4 of its 10 weeks on an empty
/// projection (issue #17): it now draws up to the last planned day, and at least a week of
/// "if you rest" when nothing is planned; the longer ranges keep all [`PROJECTION_DAYS`],
/// a small part of them. A planned day is one with TSS.
pub fn projection_shown(projection: &[PmcDay], range: Range) -> usize {
    const AT_LEAST: usize = 7;
    let wanted = match range {
        Range::SixWeeks => projection
            .iter()
            .rposition(|d| d.tss > 0.0)
            .map_or(AT_LEAST, |i| (i + 1).max(AT_LEAST)),
        _ => PROJECTION_DAYS,
    };
    wanted.min(projection.len())
}

/// The last `range` days of `history`.
pub fn window(history: &[PmcDay], range: Range) -> &[PmcDay] {
    match range.days() {
        Some(n) if history.len() > n => &history[history.len() - n..],
        _ => history,
    }
}

/// How many consecutive days each point of [`thin`] stands for (1 when nothing is thinned).
pub fn days_per_point(len: usize, max_points: usize) -> usize {
    if max_points == 0 || len <= max_points {
        1
    } else {
        len.div_ceil(max_points)
    }
}

/// At most `max_points` points for `days`. The days are cut, from the first, into runs of
/// [`days_per_point`] days (the last run may be shorter); each run becomes one point that
/// shows the **last** day of the run — its date, CTL, ATL, TSB and ramp, the state at the end
/// of the run — with the **largest** daily TSS of the run (not the sum), so a hard day still
/// shows as a tall bar on the same scale as unthinned days. Short series are returned as
/// they are. Point `j` covers `days[j * per .. min((j + 1) * per, len)]`.
pub fn thin(days: &[PmcDay], max_points: usize) -> Vec<PmcDay> {
    let per = days_per_point(days.len(), max_points);
    if per == 1 {
        return days.to_vec();
    }
    days.chunks(per)
        .filter_map(|chunk| {
            let last = *chunk.last()?;
            let tss = chunk.iter().map(|d| d.tss).fold(0.0, f64::max);
            Some(PmcDay { tss, ..last })
        })
        .collect()
}

/// Round axis ticks covering `min..=max` in about `n` steps: the step is 1, 2, 2.5 or 5
/// times a power of ten, the first tick is at or below `min` and the last at or above
/// `max`. Empty for non-finite input or `n == 0`; a zero span is widened by one unit.
pub fn nice_ticks(min: f64, max: f64, n: usize) -> Vec<f64> {
    if !min.is_finite() || !max.is_finite() || n == 0 {
        return Vec::new();
    }
    let (lo, mut hi) = if min <= max { (min, max) } else { (max, min) };
    if hi - lo < 1e-9 {
        hi = lo + 1.0;
    }
    let raw = (hi - lo) / n as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * mag);
    let first = (lo / step + 1e-9).floor();
    let last = (hi / step - 1e-9).ceil();
    let count = (last - first).round().max(0.0) as usize;
    // Enough decimals for the step (0.25 → 2), to drop floating-point dust (0.30000000000000004).
    let scale = 10f64.powi((1.0 - step.log10().floor()).max(0.0) as i32);
    (0..=count)
        .map(|i| {
            let v = ((first + i as f64) * step * scale).round() / scale;
            if v == 0.0 {
                // Not −0.
                0.0
            } else {
                v
            }
        })
        .collect()
}

/// A signed number as people write it: `+5`, `−14` (a true minus sign), `0`.
pub fn signed(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let zero = s.chars().all(|c| c == '0' || c == '.');
    if zero {
        s
    } else if v < 0.0 {
        format!("−{s}")
    } else {
        format!("+{s}")
    }
}

/// A form band in words that read inside brackets: "transition, losing fitness".
fn band_words(tsb: f64) -> String {
    pmc::form_band(tsb)
        .label()
        .replace(" (", ", ")
        .replace(')', "")
}

/// One sentence on the range, for screen readers and as the chart's caption. `days` is the
/// window shown (history only, ending today).
pub fn summary(days: &[PmcDay], range: Range) -> String {
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return "No training logged yet.".into();
    };
    let span = match range.days() {
        // The log is shorter than the range: say where it starts.
        Some(n) if days.len() >= n => format!("Over the last {}", range.label()),
        _ => format!("Since {}", first.day),
    };
    let (from, to) = (first.ctl.round(), last.ctl.round());
    let fitness = if to > from {
        format!("fitness (CTL) rose from {from:.0} to {to:.0}")
    } else if to < from {
        format!("fitness (CTL) fell from {from:.0} to {to:.0}")
    } else {
        format!("fitness (CTL) held at {to:.0}")
    };
    format!(
        "{span} {fitness}; fatigue (ATL) is {:.0} and form (TSB) is {} ({}).",
        last.atl,
        signed(last.tsb, 0),
        band_words(last.tsb)
    )
}

/// One or two sentences on the projection: form on the last planned day (race day, when the
/// plan ends with a race) and at the end of the projection.
pub fn outlook(projection: &[PmcDay]) -> Option<String> {
    let end = projection.last()?;
    let planned = projection.iter().filter(|d| d.tss > 0.0).count();
    let at_end = format!(
        "{} ({}), with fitness (CTL) at {:.0}",
        signed(end.tsb, 0),
        band_words(end.tsb),
        end.ctl
    );
    Some(match projection.iter().rev().find(|d| d.tss > 0.0) {
        None => format!(
            "Nothing planned in the next {PROJECTION_DAYS} days: resting, form (TSB) on {} would be {at_end}.",
            end.day
        ),
        Some(key) => format!(
            "{planned} training {} planned in the next {PROJECTION_DAYS} days. Projected form (TSB): {} ({}) on {}, the last planned day; on {}: {at_end}.",
            if planned == 1 { "day" } else { "days" },
            signed(key.tsb, 0),
            band_words(key.tsb),
            key.day,
            end.day
        ),
    })
}

/// The position of `day` in `days` (consecutive days), if it is there.
pub fn index_of(days: &[PmcDay], day: Day) -> Option<usize> {
    let first = days.first()?;
    let i = usize::try_from(day.days_since(first.day)).ok()?;
    days.get(i).filter(|d| d.day == day).map(|_| i)
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
    fn six_weeks_do_not_spend_four_on_an_empty_projection() {
        // 28 projected days. Nothing planned: the 6-week view draws 7 of them (a week of
        // rest), the longer ranges all 28. A race planned on day 10: the 6-week view draws
        // up to it (10 days); one on day 3: still a week.
        let rest = pmc::project(&days(10)[9], 0.0, &PmcSettings::default(), PROJECTION_DAYS);
        assert_eq!(projection_shown(&rest, Range::SixWeeks), 7);
        for r in [Range::ThreeMonths, Range::OneYear, Range::All] {
            assert_eq!(projection_shown(&rest, r), PROJECTION_DAYS);
        }
        let mut race = rest.clone();
        race[9].tss = 250.0;
        assert_eq!(projection_shown(&race, Range::SixWeeks), 10);
        let mut soon = rest.clone();
        soon[2].tss = 50.0;
        assert_eq!(projection_shown(&soon, Range::SixWeeks), 7);
        assert_eq!(projection_shown(&[], Range::SixWeeks), 0);
    }

    #[test]
    fn thinning_keeps_the_end_state_and_the_peaks() {
        let d = days(3650);
        let t = thin(&d, 300);
        // 3 650 days in runs of ⌈3650 / 300⌉ = 13: 281 points.
        assert_eq!(days_per_point(d.len(), 300), 13);
        assert_eq!(t.len(), 281);
        assert_eq!(
            t.last().unwrap().day,
            d.last().unwrap().day,
            "ends on the last day"
        );
        assert_eq!(t.last().unwrap().ctl, d.last().unwrap().ctl);
        assert_eq!(t[0].day, d[12].day, "a point is the last day of its run");
        assert_eq!(t[0].tsb, d[12].tsb);
        assert!(
            t.iter().all(|p| p.tss == 120.0),
            "every 13-day bucket holds a 120 TSS day: the peak, not the sum"
        );
        assert_eq!(thin(&d[..100], 300).len(), 100, "short series untouched");
        assert_eq!(days_per_point(100, 300), 1);
        assert_eq!(thin(&d[..10], 0).len(), 10, "no limit");
        assert!(thin(&[], 10).is_empty());
    }

    #[test]
    fn thinning_never_exceeds_the_points() {
        let d = days(1000);
        for max in 1..=120 {
            let t = thin(&d, max);
            assert!(t.len() <= max, "{} points for {max}", t.len());
            assert_eq!(t.last().unwrap().day, d.last().unwrap().day);
        }
    }

    #[test]
    fn ticks_are_round_and_cover_the_span() {
        assert_eq!(nice_ticks(0.0, 120.0, 4), vec![0.0, 50.0, 100.0, 150.0]);
        assert_eq!(
            nice_ticks(0.0, 100.0, 4),
            vec![0.0, 25.0, 50.0, 75.0, 100.0]
        );
        assert_eq!(
            nice_ticks(-40.0, 30.0, 3),
            vec![-50.0, -25.0, 0.0, 25.0, 50.0]
        );
        assert_eq!(nice_ticks(0.0, 0.0, 4), vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        assert_eq!(nice_ticks(0.1, 0.3, 2), vec![0.1, 0.2, 0.3]);
        assert_eq!(nice_ticks(30.0, 0.0, 3), vec![0.0, 10.0, 20.0, 30.0]);
        assert!(nice_ticks(f64::NAN, 1.0, 3).is_empty());
        assert!(nice_ticks(0.0, 1.0, 0).is_empty());
        for (lo, hi) in [(0.0, 7.0), (0.0, 333.0), (-87.0, 41.0), (12.5, 13.0)] {
            let t = nice_ticks(lo, hi, 4);
            assert!(t[0] <= lo && *t.last().unwrap() >= hi, "{t:?}");
            assert!(t.len() <= 9, "{t:?}");
            assert!(t.windows(2).all(|w| w[1] > w[0]));
        }
    }

    #[test]
    fn signed_numbers() {
        assert_eq!(signed(-14.2, 0), "−14");
        assert_eq!(signed(5.0, 0), "+5");
        assert_eq!(signed(-0.2, 0), "0");
        assert_eq!(signed(0.04, 1), "0.0");
        assert_eq!(signed(-3.26, 1), "−3.3");
    }

    #[test]
    fn windows_and_index() {
        let d = days(400);
        assert_eq!(window(&d, Range::SixWeeks).len(), 42);
        assert_eq!(window(&d, Range::All).len(), 400);
        assert_eq!(window(&d[..10], Range::OneYear).len(), 10);
        let w = window(&d, Range::SixWeeks);
        assert_eq!(index_of(w, w[5].day), Some(5));
        assert_eq!(index_of(w, d[0].day), None);
        assert_eq!(index_of(w, d[399].day.add_days(1)), None);
        assert_eq!(index_of(&[], d[0].day), None);
    }

    #[test]
    fn summary_reads_the_numbers() {
        let d = days(60);
        let w = window(&d, Range::SixWeeks);
        let s = summary(w, Range::SixWeeks);
        let last = w.last().unwrap();
        assert!(
            s.starts_with(&format!(
                "Over the last 6 weeks fitness (CTL) rose from {:.0} to {:.0}; fatigue (ATL) is {:.0} and form (TSB) is ",
                w[0].ctl, last.ctl, last.atl
            )),
            "{s}"
        );
        assert!(
            s.ends_with(&format!("({}).", pmc::form_band(last.tsb).label())),
            "{s}"
        );
        assert_eq!(band_words(30.0), "transition, losing fitness");
        // A log shorter than the range says where it starts.
        let short = summary(&d[..20], Range::SixWeeks);
        assert!(
            short.starts_with("Since 2026-01-01 fitness (CTL) rose"),
            "{short}"
        );
        assert!(summary(&d, Range::All).starts_with("Since 2026-01-01"));
        assert_eq!(summary(&[], Range::All), "No training logged yet.");
    }

    #[test]
    fn summary_of_a_flat_range() {
        let s = PmcSettings {
            start_ctl: 50.0,
            start_atl: 50.0,
            ..PmcSettings::default()
        };
        let d = pmc::series_from_loads(Day::from_ymd(2026, 1, 1).unwrap(), &[50.0; 42], &s);
        assert_eq!(
            summary(&d, Range::SixWeeks),
            "Over the last 6 weeks fitness (CTL) held at 50; fatigue (ATL) is 50 and form (TSB) is 0 (neutral)."
        );
    }

    #[test]
    fn projection_rests_where_nothing_is_planned() {
        use crate::domain::quantity::{Seconds, Tss};
        use crate::domain::session::{SessionId, Sport};
        let history = days(30);
        let race_day = history.last().unwrap().day.add_days(5);
        let mut race = Session::new(
            SessionId("r".into()),
            race_day,
            Sport::Run,
            Seconds::new(2400).unwrap(),
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

        let o = outlook(&p).unwrap();
        assert!(
            o.starts_with(&format!(
                "1 training day planned in the next 28 days. Projected form (TSB): {} ({}) on {race_day}, the last planned day; ",
                signed(p[4].tsb, 0),
                band_words(p[4].tsb),
            )),
            "{o}"
        );
        assert!(o.contains(&format!("; on {}: ", p[27].day)), "{o}");
        assert!(projection(&[], &[], &Profile::default()).is_empty());
        assert_eq!(outlook(&[]), None);
        let rest = projection(&history, &[], &Profile::default());
        assert!(outlook(&rest)
            .unwrap()
            .starts_with("Nothing planned in the next 28 days: resting, form (TSB) on "));
    }
}
