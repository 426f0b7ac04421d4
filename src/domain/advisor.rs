//! The recovery advisor (domain.md §4): from the log, the check-ins, the profile and the
//! performance chart, today's advice — its kind, the session to do, and every rule that
//! fired with a sentence saying why.
//!
//! The rules come from Andrew Simmons, "What Is a Recovery Run?" (TrainingPeaks), quoted in
//! `../shared/seed/`. The decision order is domain.md §4.2; [`advise`] follows it step by
//! step, so a question like "why cross-training?" leads to one branch here.
//!
//! Rules are listed in the order they were applied: the rule that chose the kind first,
//! then the rules describing the session, then warnings, then modifiers (R13, R12, R11).

use super::date::{Day, TimeOfDay};
use super::pmc::{self, PmcDay, PmcSettings};
use super::profile::{Athlete, Profile, Sex, Units};
use super::quantity::{Bpm, Metres};
use super::session::{Session, SessionId, Sport};
use super::tss;
use super::units::{self, METRES_PER_MILE};
use super::wellness::Wellness;
use super::zones::{self, PaceRange, ZoneBasis};

/// Everything the advice rests on. `now` is the local time of day, when known, so that a
/// session later today is not taken as done.
#[derive(Clone, Copy, Debug)]
pub struct AdvisorInput<'a> {
    pub today: Day,
    pub now: Option<TimeOfDay>,
    pub sessions: &'a [Session],
    pub wellness: &'a [Wellness],
    pub profile: &'a Profile,
    /// The performance chart up to and including today (may be empty).
    pub pmc: &'a [PmcDay],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdviceKind {
    RecoveryRun,
    CrossTraining,
    Passive,
    EasyDays,
    Train,
}

impl AdviceKind {
    /// The name in `data-kind` (a contract with the tests, ux.md).
    pub fn as_str(self) -> &'static str {
        match self {
            AdviceKind::RecoveryRun => "recovery-run",
            AdviceKind::CrossTraining => "cross-training",
            AdviceKind::Passive => "passive",
            AdviceKind::EasyDays => "easy-days",
            AdviceKind::Train => "train",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AdviceKind::RecoveryRun => "Recovery run",
            AdviceKind::CrossTraining => "Cross-training",
            AdviceKind::Passive => "Passive recovery",
            AdviceKind::EasyDays => "A few easy days",
            AdviceKind::Train => "Train as planned",
        }
    }
}

/// The rules of domain.md §4.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum RuleId {
    R1,
    R2,
    R3,
    R4,
    R5,
    R6,
    R7,
    R8,
    R9,
    R10,
    R11,
    R12,
    R13,
    R14,
}

impl RuleId {
    pub fn as_str(self) -> &'static str {
        use RuleId::*;
        match self {
            R1 => "R1",
            R2 => "R2",
            R3 => "R3",
            R4 => "R4",
            R5 => "R5",
            R6 => "R6",
            R7 => "R7",
            R8 => "R8",
            R9 => "R9",
            R10 => "R10",
            R11 => "R11",
            R12 => "R12",
            R13 => "R13",
            R14 => "R14",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct FiredRule {
    pub id: RuleId,
    pub sentence: String,
}

/// What to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activity {
    /// An easy run in Zone 1–2.
    Run,
    /// An easy spin on the bike, or yoga: active recovery without impact.
    RideOrYoga,
    /// Massage, percussion massager, compression boots, a nap.
    Passive,
}

impl Activity {
    pub fn label(self) -> &'static str {
        match self {
            Activity::Run => "Easy run, Zone 1–2",
            Activity::RideOrYoga => "Easy ride or yoga",
            Activity::Passive => {
                "Massage, compression, a nap — or an easy spin if you want to move"
            }
        }
    }
}

/// When the session fits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Earliest {
    /// Later today, from this time.
    LaterToday(TimeOfDay),
    /// Any time today.
    Today,
    /// Not today: tomorrow.
    Tomorrow,
}

impl Earliest {
    pub fn describe(self) -> String {
        match self {
            Earliest::LaterToday(t) => format!("later today, from {t}"),
            Earliest::Today => "any time today".into(),
            Earliest::Tomorrow => "tomorrow".into(),
        }
    }
}

/// The session the advice suggests.
#[derive(Clone, Debug, PartialEq)]
pub struct SuggestedSession {
    pub activity: Activity,
    /// Minutes, low to high: 20–30 [A].
    pub minutes: (u32, u32),
    /// The heart-rate ceiling, what it rests on, and the zone it is the top of.
    pub hr_ceiling: Option<(Bpm, ZoneBasis, &'static str)>,
    pub pace: Option<PaceRange>,
    pub earliest: Option<Earliest>,
}

impl SuggestedSession {
    /// Label/value lines for the advice card, in the athlete's units.
    pub fn describe(&self, units: Units) -> Vec<(String, String)> {
        let mut out = vec![
            ("Do".into(), self.activity.label().into()),
            (
                "For".into(),
                format!("{}–{} min", self.minutes.0, self.minutes.1),
            ),
        ];
        if let Some((b, _, zone)) = self.hr_ceiling {
            out.push((
                "Heart rate".into(),
                format!("under {} bpm ({zone} top)", b.get()),
            ));
        }
        if let Some(p) = self.pace {
            let per = if units == Units::Imperial {
                "/mi"
            } else {
                "/km"
            };
            let fast = units::pace_number(p.fastest, units);
            let slow = units::pace_number(p.slowest, units);
            out.push(("Pace".into(), format!("{fast}–{slow} {per}, no faster")));
        }
        if let Some(e) = self.earliest {
            out.push(("When".into(), e.describe()));
        }
        out
    }
}

/// Where the weekly running volume came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VolumeSource {
    /// The last 28 days of the log, ÷ 4.
    Log28Days,
    /// Stated in the profile (the log is shorter than 28 days).
    Profile,
    /// Neither.
    Unknown,
}

impl VolumeSource {
    pub fn describe(self) -> &'static str {
        match self {
            VolumeSource::Log28Days => "last 28 days of your log ÷ 4",
            VolumeSource::Profile => "as stated in Settings, until your log covers 28 days",
            VolumeSource::Unknown => "unknown",
        }
    }
}

/// The hard effort the advice answers.
#[derive(Clone, Debug, PartialEq)]
pub struct HardEffort {
    pub id: SessionId,
    pub date: Day,
    pub start: Option<TimeOfDay>,
    pub title: String,
    pub sport: Sport,
    pub tss: Option<f64>,
}

impl HardEffort {
    pub fn describe(&self, today: Day) -> String {
        let when = if self.date == today {
            "today"
        } else {
            "yesterday"
        };
        let what = if self.title.is_empty() {
            self.sport.as_str().to_string()
        } else {
            self.title.clone()
        };
        match self.tss {
            Some(t) => format!("{what}, {when} ({t:.0} TSS)"),
            None => format!("{what}, {when}"),
        }
    }
}

/// The numbers the advice rested on.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Basis {
    pub tsb: Option<f64>,
    pub ctl: Option<f64>,
    pub weekly_volume_m: Option<f64>,
    pub volume_source: Option<VolumeSource>,
    pub hard_effort: Option<HardEffort>,
    pub easy_days: Option<u32>,
    pub recovery_window_h: Option<f64>,
    pub extra_energy_kcal: Option<f64>,
}

/// A logged or planned "recovery" session that is not one (R3).
#[derive(Clone, Debug, PartialEq)]
pub struct SessionFlag {
    pub id: SessionId,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Advice {
    pub kind: AdviceKind,
    pub headline: String,
    pub session: Option<SuggestedSession>,
    pub rules: Vec<FiredRule>,
    pub basis: Basis,
    pub flags: Vec<SessionFlag>,
}

impl Advice {
    /// The fired rule ids, space separated (`data-rules`).
    pub fn rule_ids(&self) -> String {
        self.rules
            .iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn fire(&mut self, id: RuleId, sentence: impl Into<String>) {
        if !self.rules.iter().any(|r| r.id == id) {
            self.rules.push(FiredRule {
                id,
                sentence: sentence.into(),
            });
        }
    }
}

/// Volume thresholds of the article, in metres a week.
const MI: f64 = METRES_PER_MILE;
const LOW_VOLUME_M: f64 = 24.0 * MI;
const R7_LOW_M: f64 = 40.0 * MI;
const R7_HIGH_M: f64 = 60.0 * MI;
const R8_HIGH_M: f64 = 50.0 * MI;

/// TSB at or below which a few easy days are advised; the level they bring it back above.
const EASY_DAYS_TSB: f64 = -20.0;
const RECOVERED_TSB: f64 = -10.0;
/// The load of an easy day in the projection: a 20–30 min recovery session.
const EASY_DAY_TSS: f64 = 25.0;
const MAX_EASY_DAYS: u32 = 60;

/// R12: how much shorter the recovery estimate is for women. Macchi et al. (2021) found
/// earlier functional recovery in women on average after a half marathon but give no single
/// factor; 10 % is our assumption, and the advice calls it an average.
pub const WOMEN_RECOVERY_FACTOR: f64 = 0.9;

/// R13: menstruation raises basal metabolic rate by more than 6 % (Solomon et al. 1982).
pub const MENSTRUAL_BMR_RISE: f64 = 0.06;

/// Today's advice.
pub fn advise(input: &AdvisorInput) -> Advice {
    let AdvisorInput { today, profile, .. } = *input;
    let units = profile.units;
    let today_pmc = input.pmc.iter().rev().find(|d| d.day == today);
    let wellness = input.wellness.iter().find(|w| w.date == today);
    let done: Vec<&Session> = input
        .sessions
        .iter()
        .filter(|s| is_done(s, today, input.now))
        .collect();
    let hard = latest_hard_effort(&done, today, profile);
    let (volume, source) = weekly_volume(&done, today, profile);
    let multisport = is_multisport(&done, today, profile);

    let mut a = Advice {
        kind: AdviceKind::Train,
        headline: String::new(),
        session: None,
        rules: Vec::new(),
        basis: Basis {
            tsb: today_pmc.map(|d| d.tsb),
            ctl: today_pmc.map(|d| d.ctl),
            weekly_volume_m: volume,
            volume_source: Some(source),
            hard_effort: hard.clone(),
            ..Basis::default()
        },
        flags: recovery_flags(input),
    };
    let tsb = today_pmc.map_or(0.0, |d| d.tsb);

    // 1. Beat up → passive (R5, R4).
    if wellness.is_some_and(Wellness::is_beat_up) {
        a.kind = AdviceKind::Passive;
        a.headline = "You're beaten up: recover passively today, or move without impact.".into();
        a.fire(RuleId::R5, "You reported high soreness or pain. When you're physically beat up, an easy run may not help you recover and can lengthen recovery: take passive recovery or a non-impact option.");
        a.fire(RuleId::R4, "Passive recovery — massage, a percussion massager, compression boots, a nap — or, if you want to move, an easy spin or gentle yoga.");
        a.session = Some(SuggestedSession {
            activity: Activity::Passive,
            minutes: (20, 30),
            hr_ceiling: None,
            pace: None,
            earliest: None,
        });
        finish_flags(&mut a);
        return a;
    }

    // The option of step 4, used by steps 2 and 4.
    let option = choose_option(volume, source, multisport, profile, units);

    // 2. Deep fatigue → a few easy days (R10); ultrarunners get a recovery run (R9).
    if today_pmc.is_some() && tsb <= EASY_DAYS_TSB {
        let days = easy_days(input);
        a.basis.easy_days = Some(days);
        let r10 = format!(
            "Your form (TSB) is {tsb:.0}. Near 0 you are recovered; at −20 to −30 or below you need a few easy days. About {days} easy day{} of ~{EASY_DAY_TSS:.0} TSS bring it back above {RECOVERED_TSB:.0}.",
            if days == 1 { "" } else { "s" }
        );
        if profile.athlete == Athlete::Ultrarunner {
            a.kind = AdviceKind::RecoveryRun;
            a.headline = "Tired legs are part of ultra training: an easy 20–30 min run is fine — but watch your form.".into();
            a.fire(RuleId::R9, "For ultrarunners, training on tired legs is common and often wanted, so fatigue alone is no reason to stop running.");
            a.fire(
                RuleId::R2,
                "A recovery run is 20–30 minutes of aerobic running in Zone 1–2.",
            );
            a.fire(RuleId::R3, "Keep it under 30 minutes and in Zone 2: longer or harder, it makes its own fatigue and stops being recovery.");
            a.fire(RuleId::R10, format!("Warning: {r10}"));
            a.session = Some(run_session(profile));
        } else {
            a.kind = AdviceKind::EasyDays;
            a.headline = format!(
                "You're deep in fatigue: take {days} easy day{}.",
                if days == 1 { "" } else { "s" }
            );
            a.fire(RuleId::R10, r10);
            for (id, s) in &option.rules {
                if matches!(id, RuleId::R6 | RuleId::R2 | RuleId::R3) {
                    a.fire(*id, s.clone());
                }
            }
            a.session = Some(option.session(profile));
        }
        apply_modifiers(&mut a, input, wellness, hard.as_ref());
        finish_flags(&mut a);
        return a;
    }

    // 3. Nothing hard today or yesterday → train (R1).
    let Some(hard) = hard else {
        a.kind = AdviceKind::Train;
        a.headline =
            "Nothing to recover from: train as planned. An easy aerobic run is fine.".into();
        a.fire(RuleId::R1, "No workout, race, long run, strength session or high-TSS effort today or yesterday. A recovery run follows a hard effort; without one, an easy aerobic run is the same thing by another intention.");
        finish_flags(&mut a);
        return a;
    };

    // 4. After a hard effort: the option by volume, injury history and sports.
    a.kind = option.kind;
    a.headline = option.headline.clone();
    a.fire(
        RuleId::R1,
        format!("You had a hard effort — {}. A recovery session is best after a workout, race or strength session.", hard.describe(today)),
    );
    for (id, s) in &option.rules {
        a.fire(*id, s.clone());
    }
    a.session = Some(option.session(profile));
    // R7: after a morning workout, the run goes later in the day.
    if option.rules.iter().any(|(id, _)| *id == RuleId::R7) && hard.date == today {
        a.headline = "Do a 20–30 min recovery run later today.".into();
    }
    apply_modifiers(&mut a, input, wellness, Some(&hard));
    finish_flags(&mut a);
    a
}

/// The option step 4 picks, before modifiers.
struct Option4 {
    kind: AdviceKind,
    headline: String,
    rules: Vec<(RuleId, String)>,
    activity: Activity,
}

impl Option4 {
    fn session(&self, profile: &Profile) -> SuggestedSession {
        match self.activity {
            Activity::Run => run_session(profile),
            other => SuggestedSession {
                activity: other,
                minutes: (20, 30),
                hr_ceiling: zones::zone2_ceiling(profile).map(|(b, basis)| (b, basis, "Zone 2")),
                pace: None,
                earliest: None,
            },
        }
    }
}

fn run_session(profile: &Profile) -> SuggestedSession {
    SuggestedSession {
        activity: Activity::Run,
        minutes: (20, 30),
        hr_ceiling: zones::zone2_ceiling(profile).map(|(b, basis)| (b, basis, "Zone 2")),
        pace: zones::recovery_pace(profile),
        earliest: None,
    }
}

fn choose_option(
    volume: Option<f64>,
    source: VolumeSource,
    multisport: bool,
    p: &Profile,
    units: Units,
) -> Option4 {
    let r2 = (
        RuleId::R2,
        "A recovery run is 20–30 minutes of aerobic running in Zone 1–2.".to_string(),
    );
    let r3 = (
        RuleId::R3,
        "Keep it under 30 minutes and in Zone 2: longer, it makes its own metabolic waste and can take 8–12 hours to recover from — junk miles, not recovery.".to_string(),
    );
    let vol_text = |v: f64| {
        Metres::new(v)
            .map(|m| units::format_distance(m, units))
            .unwrap_or_default()
    };
    let cross = |why: String| {
        Option4 {
        kind: AdviceKind::CrossTraining,
        headline: "Recover with an easy 20–30 min ride or yoga instead of a run.".into(),
        rules: vec![
            (RuleId::R6, why),
            (RuleId::R4, "An easy spin or 20–30 minutes of yoga is active recovery: it raises blood flow without the impact of running.".into()),
        ],
        activity: Activity::RideOrYoga,
    }
    };
    let run = |mut extra: Vec<(RuleId, String)>| {
        let mut rules = std::mem::take(&mut extra);
        rules.push(r2.clone());
        rules.push(r3.clone());
        Option4 {
            kind: AdviceKind::RecoveryRun,
            headline: "Do an easy 20–30 min recovery run.".into(),
            rules,
            activity: Activity::Run,
        }
    };

    if p.injury_prone && !multisport {
        return cross("You're injury-prone: a recovery run may do more harm than good. An easy ride or yoga is the safer recovery.".into());
    }
    let Some(v) = volume else {
        if multisport {
            return run(vec![(
                RuleId::R8,
                "As a multisport athlete, a recovery run is a great way to flush the major movers."
                    .into(),
            )]);
        }
        return cross("Your weekly running volume is unknown (log 28 days or set it in Settings). Under 24 miles (39 km) a week a recovery run may do more harm than good, so the non-impact option is the safe choice until we know.".into());
    };
    let from = match source {
        VolumeSource::Profile => " (as stated in Settings; your log is shorter than 28 days)",
        _ => "",
    };
    if v < LOW_VOLUME_M && !multisport {
        return cross(format!("You run about {} a week{from}, under 24 miles (39 km): a 20–30 min recovery run may put you in a worse position. An easy ride or yoga is better.", vol_text(v)));
    }
    let mut extra = Vec::new();
    if multisport {
        extra.push((RuleId::R8, "As a triathlete, duathlete or athlete of several sports, a recovery run is a great way to flush the major movers.".to_string()));
    }
    if v > R8_HIGH_M && !multisport {
        extra.push((RuleId::R8, format!("You run about {} a week{from}, over 50 miles (80 km): a recovery run is a great way to flush the major movers.", vol_text(v))));
    }
    if (R7_LOW_M..=R7_HIGH_M).contains(&v) {
        extra.push((RuleId::R7, format!("You run about {} a week{from}, in the 40–60 mile (64–97 km) range: a 20–30 min run later in the day after a hard workout helps add mileage and recovery.", vol_text(v))));
    }
    if extra.is_empty() {
        // 24–40 miles, not multisport.
        extra.push((RuleId::R14, format!("You run about {} a week{from}, between 24 and 40 miles (39–64 km), where the article gives no advice: this leans on your form and soreness, which allow an easy run.", vol_text(v))));
    }
    run(extra)
}

/// R13, R12, R11, on advice that includes an active session.
fn apply_modifiers(
    a: &mut Advice,
    input: &AdvisorInput,
    wellness: Option<&Wellness>,
    hard: Option<&HardEffort>,
) {
    let p = input.profile;
    let Some(session) = a.session.as_mut() else {
        return;
    };
    if session.activity == Activity::Passive {
        return;
    }
    let mut fired: Vec<(RuleId, String)> = Vec::new();

    // R13: menstruation.
    if wellness.is_some_and(|w| w.menstruating) {
        if let Some((b, basis)) = zones::zone1_ceiling(p) {
            session.hr_ceiling = Some((b, basis, "Zone 1"));
        }
        let kcal = bmr(p, input.today).map(|bmr| bmr * MENSTRUAL_BMR_RISE);
        a.basis.extra_energy_kcal = kcal;
        let energy = match kcal {
            Some(k) => format!(" Your basal metabolic rate rises by more than 6 % over these 3–5 days: eat about {k:.0} kcal more a day."),
            None => " Your basal metabolic rate rises by more than 6 % over these 3–5 days: fuel a little more (add weight, height and birth year in Settings for a number).".into(),
        };
        fired.push((RuleId::R13, format!("Fatigue is higher during menstruation, so today's ceiling is Zone 1, not Zone 2.{energy}")));
    }

    // R11 and R12: the recovery window after the hard effort.
    if let (Some(h), Some(ctl)) = (hard, a.basis.ctl) {
        let mut window = recovery_window_hours(ctl);
        fired.push((RuleId::R11, format!("The fitter you are, the less recovery you need: at a fitness (CTL) of {ctl:.0}, about {window:.0} h after a hard effort (12 h at CTL 30 or less, 8 h at 90 or more).")));
        if p.sex == Some(Sex::Female) {
            window *= WOMEN_RECOVERY_FACTOR;
            fired.push((RuleId::R12, format!("On average, women regain function sooner than men after a hard race (Macchi 2021), so the estimate is shortened to about {window:.0} h. It is an average, not a rule for you.")));
        }
        a.basis.recovery_window_h = Some(window);
        session.earliest = Some(earliest(h, window, input.today));
    } else if let Some(h) = hard {
        session.earliest = Some(if h.date == input.today {
            Earliest::LaterToday(end_plus(h, 10.0))
        } else {
            Earliest::Today
        });
    }
    for (id, s) in fired {
        a.fire(id, s);
    }
}

/// 12 h at CTL ≤ 30 down to 8 h at CTL ≥ 90, linear between (domain.md §4.2, step 5).
pub fn recovery_window_hours(ctl: f64) -> f64 {
    let c = if ctl.is_finite() {
        ctl.clamp(30.0, 90.0)
    } else {
        30.0
    };
    12.0 - 4.0 * (c - 30.0) / 60.0
}

fn earliest(h: &HardEffort, window_h: f64, today: Day) -> Earliest {
    if h.date < today {
        return Earliest::Today;
    }
    match h.start {
        Some(_) => {
            let t = end_plus(h, window_h);
            // Past 21:00 there is no "later today" worth the name.
            if t.minutes() > 21 * 60 || t.minutes() < h.start.map_or(0, |s| s.minutes()) {
                Earliest::Tomorrow
            } else {
                Earliest::LaterToday(t)
            }
        }
        None => Earliest::Today,
    }
}

/// Start time + window (duration ignored: the window counts from the effort), capped at
/// the end of the day.
fn end_plus(h: &HardEffort, hours: f64) -> TimeOfDay {
    let start = h.start.map_or(7 * 60, |s| u32::from(s.minutes()));
    let m = (start + (hours * 60.0).round() as u32).min(23 * 60 + 59);
    TimeOfDay::from_hm((m / 60) as u8, (m % 60) as u8).unwrap_or(TimeOfDay::MIDNIGHT)
}

/// Mifflin–St Jeor: 10·kg + 6.25·cm − 5·age + 5 (men) or − 161 (women). Menstruation implies
/// the female form when sex is not set.
pub fn bmr(p: &Profile, today: Day) -> Option<f64> {
    let (kg, cm, born) = (p.weight_kg?, p.height_cm?, p.birth_year?);
    let age = f64::from(today.year() - born);
    let s = if p.sex == Some(Sex::Male) {
        5.0
    } else {
        -161.0
    };
    let v = 10.0 * kg + 6.25 * cm - 5.0 * age + s;
    (v.is_finite() && v > 0.0).then_some(v)
}

/// Done by now: before today, or today and started (when both times are known).
/// A session today without a start time counts as done: people log after the fact.
fn is_done(s: &Session, today: Day, now: Option<TimeOfDay>) -> bool {
    if s.date != today {
        return s.date < today;
    }
    match (s.start_time, now) {
        (Some(start), Some(now)) => start <= now,
        _ => true,
    }
}

/// The latest hard effort today or yesterday.
fn latest_hard_effort(done: &[&Session], today: Day, p: &Profile) -> Option<HardEffort> {
    let yesterday = today.add_days(-1);
    done.iter()
        .filter(|s| s.date == today || s.date == yesterday)
        .filter_map(|s| {
            let score = tss::score(s, p);
            tss::is_hard(s, score.as_ref()).then_some((s, score))
        })
        .max_by_key(|(s, _)| (s.date, s.start_time))
        .map(|(s, score)| HardEffort {
            id: s.id.clone(),
            date: s.date,
            start: s.start_time,
            title: s.title.clone(),
            sport: s.sport,
            tss: s.tss.map(|t| t.get()).or(score.map(|sc| sc.tss.get())),
        })
}

/// Weekly running volume (domain.md §4.1): the last 28 days ÷ 4 once the log covers them,
/// else the profile's stated volume.
fn weekly_volume(done: &[&Session], today: Day, p: &Profile) -> (Option<f64>, VolumeSource) {
    let start = today.add_days(-27);
    let covers = done
        .iter()
        .map(|s| s.date)
        .min()
        .is_some_and(|first| first <= start);
    if covers {
        let m: f64 = done
            .iter()
            .filter(|s| s.sport == Sport::Run && s.date >= start && s.date <= today)
            .filter_map(|s| s.distance.map(|d| d.get()))
            .sum();
        return (Some(m / 4.0), VolumeSource::Log28Days);
    }
    match p.weekly_volume {
        Some(v) => (Some(v.get()), VolumeSource::Profile),
        None => (None, VolumeSource::Unknown),
    }
}

/// Triathlete or duathlete by profile, or two endurance sports in the last 28 days.
fn is_multisport(done: &[&Session], today: Day, p: &Profile) -> bool {
    if p.athlete.is_multisport() {
        return true;
    }
    let start = today.add_days(-27);
    let mut sports: Vec<Sport> = done
        .iter()
        .filter(|s| s.date >= start && s.sport.is_endurance())
        .map(|s| s.sport)
        .collect();
    sports.sort_by_key(|s| s.as_str());
    sports.dedup();
    sports.len() >= 2
}

/// Easy days (today included) of 25 TSS until the next day's TSB is above −10.
fn easy_days(input: &AdvisorInput) -> u32 {
    let settings = PmcSettings::from_profile(input.profile);
    let yesterday = input.today.add_days(-1);
    let (ctl, atl) = match input.pmc.iter().rev().find(|d| d.day == yesterday) {
        Some(d) => (d.ctl, d.atl),
        None => (settings.start_ctl, settings.start_atl),
    };
    let start = PmcDay {
        day: yesterday,
        tss: 0.0,
        ctl,
        atl,
        tsb: 0.0,
        ramp: 0.0,
    };
    let days = pmc::project(&start, EASY_DAY_TSS, &settings, MAX_EASY_DAYS as usize);
    days.iter()
        .position(|d| d.ctl - d.atl > RECOVERED_TSB)
        .map_or(MAX_EASY_DAYS, |i| i as u32 + 1)
}

/// The reason a session meant as recovery is not one (R3), if it is not.
pub fn r3_flag(s: &Session, p: &Profile) -> Option<String> {
    if !zones::is_recovery(s) {
        return None;
    }
    let long = s.duration.get() > 30 * 60;
    let hot = zones::exceeds_zone2(s, p) == Some(true);
    let mins = s.duration.get() / 60;
    match (long, hot) {
        (true, true) => Some(format!(
            "{mins} min and above Zone 2: not a recovery run — junk miles."
        )),
        (true, false) => Some(format!(
            "{mins} min is over 30: not a recovery run — it makes its own fatigue."
        )),
        (false, true) => Some("Above Zone 2 heart rate: not a recovery run.".into()),
        (false, false) => None,
    }
}

/// R3 flags for recovery sessions of the last 7 days and those planned.
fn recovery_flags(input: &AdvisorInput) -> Vec<SessionFlag> {
    let from = input.today.add_days(-6);
    input
        .sessions
        .iter()
        .filter(|s| s.date >= from)
        .filter_map(|s| {
            r3_flag(s, input.profile).map(|reason| SessionFlag {
                id: s.id.clone(),
                reason: label_reason(s, &reason, input.today),
            })
        })
        .collect()
}

fn label_reason(s: &Session, reason: &str, today: Day) -> String {
    let what = if s.title.is_empty() {
        "Recovery run".to_string()
    } else {
        format!("“{}”", s.title)
    };
    let when = if s.date > today {
        format!("planned for {}", s.date)
    } else {
        format!("on {}", s.date)
    };
    format!("{what} {when}: {reason}")
}

fn finish_flags(a: &mut Advice) {
    if !a.flags.is_empty() {
        let n = a.flags.len();
        a.fire(
            RuleId::R3,
            format!(
                "{n} session{} meant as recovery {} over 30 minutes or above Zone 2: that is not a recovery run.",
                if n == 1 { "" } else { "s" },
                if n == 1 { "is" } else { "are" }
            ),
        );
    }
}
