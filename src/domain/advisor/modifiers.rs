//! Step 5 of docs/domain.md §4.2: the modifiers on any advice that includes a session —
//! R13 (menstruation), R11 (fitness scales the recovery window), R12 (women recover
//! sooner on average) — and the earliest time for the session that follows from them.

use super::facts::Facts;
use super::{
    Activity, Basis, CeilingZone, Earliest, FiredRule, HardEffort, RuleId, SuggestedSession,
};
use crate::domain::date::{Day, TimeOfDay};
use crate::domain::profile::{Profile, Sex};
use crate::domain::zones;

/// R12: how much shorter the recovery-time estimate is for women, as a factor.
///
/// Macchi et al. (2021, Frontiers in Physiology; 10 women, 8 men after a 20 km graded
/// running race) found larger acute strength drops in men and earlier functional recovery
/// in women on average, but give no single factor. 0.9 — a tenth shorter, 12 h → 10.8 h —
/// is our assumption: a modest step, well inside the 8–12 h range the article gives for
/// fitness alone, and the advice says it is an average.
pub const WOMEN_RECOVERY_FACTOR: f64 = 0.9;

/// R13: menstruation raises basal metabolic rate by more than 6 % over 3–5 days
/// (Solomon et al. 1982, as the article cites it).
pub const MENSTRUAL_BMR_RISE: f64 = 0.06;

/// The latest start, in minutes after midnight, still offered as "later today": 21:00.
/// A recovery window ending later moves the session to tomorrow.
pub const LATEST_START: u16 = 21 * 60;

/// R11: the recovery window after a hard effort, in hours — 12 h at CTL ≤ 30 down to 8 h
/// at CTL ≥ 90, linear between (docs/domain.md §4.2 step 5; the article's "8–12 hours,
/// depending on your fitness level"). Not a number: 12 h, the cautious end.
pub fn recovery_window_hours(ctl: f64) -> f64 {
    let c = if ctl.is_finite() {
        ctl.clamp(30.0, 90.0)
    } else {
        30.0
    };
    12.0 - 4.0 * (c - 30.0) / 60.0
}

/// Basal metabolic rate by Mifflin–St Jeor (1990), kcal a day:
/// `10·kg + 6.25·cm − 5·age + 5` for men, `… − 161` for women, with age = today's year −
/// birth year. `None` unless weight, height and birth year are all given and sane (age
/// 1–120). Without a sex in the profile the women's form is used: the only caller is R13,
/// which fires only when a period is logged.
pub fn bmr(p: &Profile, today: Day) -> Option<f64> {
    let kg = p.weight_kg.filter(|v| v.is_finite() && *v > 0.0)?;
    let cm = p.height_cm.filter(|v| v.is_finite() && *v > 0.0)?;
    let age = today.year().checked_sub(p.birth_year?)?;
    if !(1..=120).contains(&age) {
        return None;
    }
    let s = if p.sex == Some(Sex::Male) {
        5.0
    } else {
        -161.0
    };
    let v = 10.0 * kg + 6.25 * cm - 5.0 * f64::from(age) + s;
    (v.is_finite() && v > 0.0).then_some(v)
}

/// Applies R13, R11 and R12 to `session` and `basis`; returns the rules that fired.
pub(super) fn apply(
    f: &Facts,
    session: &mut SuggestedSession,
    basis: &mut Basis,
) -> Vec<FiredRule> {
    let mut out = Vec::new();
    let p = f.profile;
    let active = session.activity != Activity::Passive;

    // R13: menstruation — lower the intensity, show the extra energy need.
    if f.wellness.is_some_and(|w| w.menstruating) {
        let mut s = "You logged your period: fatigue is higher during menstruation, ".to_string();
        if active {
            session.ceiling_zone = CeilingZone::Zone1;
            session.hr_ceiling = zones::zone1_ceiling(p);
            match session.hr_ceiling {
                Some((b, _)) => s.push_str(&format!(
                    "so keep today in Zone 1 (under {} bpm) instead of Zone 2.",
                    b.get()
                )),
                None => s.push_str("so keep today in Zone 1, easier than Zone 2."),
            }
        } else {
            s.push_str("one more reason to keep today passive.");
        }
        let rate = bmr(p, f.today);
        let kcal = rate.map(|b| b * MENSTRUAL_BMR_RISE);
        basis.extra_energy_kcal = kcal;
        match (rate, kcal) {
            (Some(b), Some(k)) => s.push_str(&format!(
                " Your basal metabolic rate rises by more than 6 % over 3–5 days: eat about {k:.0} kcal more a day (6 % of your {b:.0} kcal)."
            )),
            _ => s.push_str(" Your basal metabolic rate rises by more than 6 % over 3–5 days: fuel a little more (add weight, height and birth year in Settings to see how much)."),
        }
        out.push(FiredRule {
            id: RuleId::R13,
            sentence: s,
        });
    }

    // R11 and R12: the recovery window after the hard effort, and the earliest time.
    if let (true, Some(h)) = (active, f.hard.as_ref()) {
        let mut window = recovery_window_hours(f.ctl.unwrap_or(f64::NAN));
        let r11 = match f.ctl {
            Some(ctl) => format!(
                "After a hard effort you need about 8–12 h before the next run, less the fitter you are: at your fitness (CTL {ctl:.0}), about {window:.0} h."
            ),
            None => "After a hard effort you need about 8–12 h before the next run, less the fitter you are. Your fitness (CTL) is not known yet, so the full 12 h is assumed.".to_string(),
        };
        out.push(FiredRule {
            id: RuleId::R11,
            sentence: r11,
        });
        if p.sex == Some(Sex::Female) {
            window *= WOMEN_RECOVERY_FACTOR;
            out.push(FiredRule {
                id: RuleId::R12,
                sentence: format!(
                    "On average, women regain function sooner than men after a hard race (Macchi 2021), so the estimate is {:.0} % shorter: about {window:.0} h. That is an average, not a measurement of you.",
                    (1.0 - WOMEN_RECOVERY_FACTOR) * 100.0
                ),
            });
        }
        basis.recovery_window_h = Some(window);
        session.earliest = Some(earliest(h, window, f.today, f.now));
    }
    out
}

/// The hard effort's end plus the window: later today, any time today if that has
/// passed, tomorrow if it falls after [`LATEST_START`]. Without a start time: "about N h
/// after" for an effort today, any time today for one yesterday.
fn earliest(h: &HardEffort, window_h: f64, today: Day, now: Option<TimeOfDay>) -> Earliest {
    let window = if window_h.is_finite() {
        (window_h.clamp(0.0, 24.0) * 60.0).round() as i64
    } else {
        12 * 60
    };
    let Some(start) = h.start else {
        return if h.date == today {
            Earliest::AfterEffort {
                minutes: window as u32,
            }
        } else {
            Earliest::Today
        };
    };
    let day_offset = i64::from(h.date.days_since(today)) * 24 * 60;
    let ready = day_offset + i64::from(start.minutes()) + i64::from(h.minutes) + window;
    if ready <= 0 || now.is_some_and(|n| ready <= i64::from(n.minutes())) {
        Earliest::Today
    } else if ready > i64::from(LATEST_START) {
        Earliest::Tomorrow
    } else {
        TimeOfDay::from_hm((ready / 60) as u8, (ready % 60) as u8)
            .map_or(Earliest::Today, Earliest::LaterToday)
    }
}
