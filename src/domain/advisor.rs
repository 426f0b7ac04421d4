//! The recovery advisor (docs/domain.md §4): from the log, the check-ins, the profile and the
//! performance chart, today's advice — its kind, the session to do, every rule that fired
//! with a sentence saying why, and the numbers it rested on.
//!
//! The rules come from Andrew Simmons, "What Is a Recovery Run?" (TrainingPeaks), kept in
//! `shared/seed/what-is-a-recovery-run.txt`, and readiness (R15–R19, docs/domain.md §7: HRV,
//! resting HR, illness, injury; the numbers in `domain::readiness`). [`advise`] follows
//! §7's decision order step by step — 1 ill (R15) · 2 beat up (R5) · 3 injured (R16) ·
//! 4 back from illness (R17) · 5 TSB ≤ −20 (R10, R9) · 6 HRV low or resting HR up with no
//! hard effort (R18, R19) · 7 no hard effort (R1) · 8 after a hard effort (§4.2 step 4) ·
//! then the modifiers R13, R11, R12 and R18 / R19's Zone 1 ceiling — so a question like
//! "why cross-training?" leads to one branch of it:
//!
//! | file | what |
//! | --- | --- |
//! | this file | the types, [`advise`] (the decision order) and the headline |
//! | `advisor/facts.rs` | §4.1: hard effort, weekly volume, beat up, multisport, form, easy-days projection |
//! | `advisor/plan.rs` | §4.2 step 4: which recovery after a hard effort (R6, R7, R8, R14) |
//! | `advisor/modifiers.rs` | §4.2 step 5: R13, R11, R12 and the earliest time for the session |
//! | `advisor/flags.rs` | R3: "recovery" runs that are not |
//!
//! # The order of the fired rules
//! `rules` (and so `data-rules`) reads as the chain of reasoning, most decisive first:
//! 1. the rule(s) that chose the kind, in decision order: R15 (ill) · R5 (beat up) · R16
//!    (injured) · R17 (back from illness) · R10 (form) · R9 (ultrarunner) · R18 / R19
//!    (HRV, resting HR) · R1 (a hard effort, or none) followed by step 4's R6 / R8 / R7 / R14;
//! 2. the rules that describe the session: R4 for a ride, yoga or passive recovery; R2, R3
//!    for a run;
//! 3. warnings: R10 for an ultrarunner sent running on deep fatigue, R6 for an injury-prone
//!    athlete sent running because of multisport;
//! 4. modifiers, as §4.2 step 5 lists them with R12 after R11 (it shortens R11's window):
//!    R13, R11, R12; then R18 / R19 as a Zone 1 ceiling (§7);
//! 5. R3 again only if it has not fired yet and a logged or planned "recovery" run is flagged.
//!
//! Each rule appears once. The first rule answers "why this kind?"; the last ones are the
//! fine print, so a card that shows only the first two or three is still right.
//!
//! # Units in sentences
//! The advisor knows the athlete's units (`profile.units`), so sentences give the athlete's
//! own volume in them ("about 70 km a week"), and the article's thresholds in its miles
//! with kilometres in brackets for metric users ("40–60 miles (64–97 km)"). Raw numbers
//! (metres, TSB, CTL, hours, kcal) are in [`Basis`] for the UI to format.
//!
//! # Decisions the spec leaves open
//! - **Unknown volume** (log under 28 days and no stated volume): treated as the cautious
//!   branch — cross-training (R6), saying the volume is unknown and how to set it — unless
//!   the athlete is multisport (then R8 decides without a volume).
//! - **R12**: [`WOMEN_RECOVERY_FACTOR`] = 0.9, an assumption (Macchi et al. 2021 report
//!   earlier functional recovery in women on average, with no single factor).
//! - **Injury-prone and multisport**: step 4 reads "(injury-prone or under 24 mi) and not
//!   multisport → cross-training", so an injury-prone triathlete gets a recovery run (R8);
//!   R6 is then listed as a warning ("if running hurts, ride instead"). The same warning
//!   goes to an injury-prone ultrarunner sent running by R9.
//! - **R3 flags** look at runs only: R3 is about recovery *runs* (a 45 min recovery spin or
//!   an hour of yoga is not what the article warns against).
//! - **Train** carries no session, so the step 5 modifiers (R13 included) do not apply to
//!   it, as §4.2 step 5 says ("any kind that includes a session").
//! - **A young log** (domain spec §2): until the stretch of the log behind today's numbers
//!   covers the CTL time constant (42 days; a gap of `pmc::GAP_DAYS` starts a new
//!   stretch), or the log starts from start values the athlete entered, the numbers are
//!   *settling* ([`Settling`], in [`Basis`] with a sentence that gives the seed's formula).
//!   Step 2 then does not run: a low TSB on a young log is the history the log lacks, so
//!   R10 does not fire and the advice goes on to steps 3 and 4.
//! - **Today's own session**: a session dated today of the advised activity, not a hard
//!   effort, after today's hard effort if there is one, and for a run within R3's limits
//!   (30 min, Zone 2), is the advised session: done ([`Advice::is_done`], `data-done`) or
//!   planned later today. The kind stays; the headline says it is done and what is left
//!   (rest, and the check-in if it is not made).

mod facts;
mod flags;
mod modifiers;
mod plan;

use super::date::{Day, TimeOfDay};
use super::pmc::{self, PmcDay, PmcSettings, Seed, Stretch};
use super::profile::{Athlete, FitnessOn, Profile};
use super::quantity::Bpm;
use super::readiness::{
    self, load_budget, BackFromIllness, HrvBaseline, LoadPattern, RestingHr, BUDGET_FLOOR_TSB,
};
use super::session::{Intent, Session, SessionId, Sport};
use super::units::Units;
use super::units::{self, METRES_PER_MILE};
use super::wellness::Wellness;
use super::zones::{self, PaceRange, ZoneBasis};

pub use facts::{easy_days_until_recovered, Settling};
pub use flags::r3_flag;
pub use modifiers::{
    bmr, recovery_window_hours, LATEST_START, MENSTRUAL_BMR_RISE, WOMEN_RECOVERY_FACTOR,
};

use facts::Facts;
use plan::Plan;

/// The days of log the advice reads, today included: the weekly volume and the multisport
/// test look 28 days back (docs/domain.md §4.1); everything else, fewer.
pub const LOOKBACK_DAYS: i32 = 28;

/// Everything the advice rests on.
#[derive(Clone, Copy, Debug)]
pub struct AdvisorInput<'a> {
    pub today: Day,
    /// The local time of day, when known: a session today that starts after it is not
    /// done yet (it may be the hard workout the advice is about, but not before it happens).
    pub now: Option<TimeOfDay>,
    /// Every session dated [`LOOKBACK_DAYS`] days back (today included) or later: the advice
    /// reads no older one. The whole log will do.
    pub sessions: &'a [Session],
    /// The first day of the whole log (`None` when nothing is logged).
    pub logged_from: Option<Day>,
    /// The stretch of the log on `today` (`pmc::stretch`): whether the log covers the
    /// weekly volume's 28 days and the CTL's 42 when `sessions` holds only the recent ones.
    pub stretch: Option<Stretch>,
    pub wellness: &'a [Wellness],
    pub profile: &'a Profile,
    /// The performance chart up to and including today (may be empty).
    pub pmc: &'a [PmcDay],
}

/// The one kind of advice a day gets (docs/domain.md §4.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AdviceKind {
    RecoveryRun,
    CrossTraining,
    Passive,
    EasyDays,
    Train,
}

impl AdviceKind {
    pub const ALL: [AdviceKind; 5] = [
        AdviceKind::RecoveryRun,
        AdviceKind::CrossTraining,
        AdviceKind::Passive,
        AdviceKind::EasyDays,
        AdviceKind::Train,
    ];

    /// The name in `data-kind` (a contract with the end-to-end tests, docs/ux.md).
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

/// The rules of docs/domain.md §4 (R1–R14) and §7 (R15–R19).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
    R15,
    R16,
    R17,
    R18,
    R19,
}

impl RuleId {
    pub const ALL: [RuleId; 19] = [
        RuleId::R1,
        RuleId::R2,
        RuleId::R3,
        RuleId::R4,
        RuleId::R5,
        RuleId::R6,
        RuleId::R7,
        RuleId::R8,
        RuleId::R9,
        RuleId::R10,
        RuleId::R11,
        RuleId::R12,
        RuleId::R13,
        RuleId::R14,
        RuleId::R15,
        RuleId::R16,
        RuleId::R17,
        RuleId::R18,
        RuleId::R19,
    ];

    /// `"R1"` … `"R19"` (`data-rules`).
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
            R15 => "R15",
            R16 => "R16",
            R17 => "R17",
            R18 => "R18",
            R19 => "R19",
        }
    }

    /// The rule's short name in docs/domain.md §4.
    pub fn title(self) -> &'static str {
        use RuleId::*;
        match self {
            R1 => "When",
            R2 => "What",
            R3 => "Not longer",
            R4 => "Active vs passive",
            R5 => "Beaten up",
            R6 => "Low volume or injury-prone",
            R7 => "Mid-high volume",
            R8 => "High volume or multisport",
            R9 => "Ultrarunners",
            R10 => "Form",
            R11 => "Fitness",
            R12 => "Sex",
            R13 => "Menstrual cycle",
            R14 => "24–40 miles",
            R15 => "Ill",
            R16 => "Injured",
            R17 => "Back from illness",
            R18 => "HRV low",
            R19 => "Resting HR elevated",
        }
    }
}

/// A rule that fired, and why, in a sentence a runner reads in seconds.
#[derive(Clone, Debug, PartialEq)]
pub struct FiredRule {
    pub id: RuleId,
    pub sentence: String,
}

/// What to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Activity {
    /// An easy run in Zone 1–2.
    Run,
    /// An easy spin on the bike, or yoga: active recovery without impact.
    RideOrYoga,
    /// Massage, percussion massager, compression boots, a nap — or a non-impact option.
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

/// Which zone the heart-rate ceiling is the top of: Zone 2 normally, Zone 1 on days that
/// call for less (R13).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CeilingZone {
    Zone1,
    Zone2,
}

impl CeilingZone {
    pub fn label(self) -> &'static str {
        match self {
            CeilingZone::Zone1 => "Zone 1",
            CeilingZone::Zone2 => "Zone 2",
        }
    }
}

/// When the session fits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Earliest {
    /// Later today, not before this time (the hard effort's end + the recovery window).
    LaterToday(TimeOfDay),
    /// This many minutes after the hard effort (today, start time not logged).
    AfterEffort { minutes: u32 },
    /// Any time today: the recovery window has passed.
    Today,
    /// Not today: the window ends too late in the evening ([`LATEST_START`]).
    Tomorrow,
}

impl Earliest {
    pub fn describe(self) -> String {
        match self {
            Earliest::LaterToday(t) => format!("later today, not before {t}"),
            Earliest::AfterEffort { minutes } => format!(
                "about {} after your hard effort",
                units::format_minutes(minutes)
            ),
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
    /// The heart-rate ceiling in bpm and what the zones rest on (`None` without a heart-rate
    /// threshold in the profile, or for passive recovery).
    pub hr_ceiling: Option<(Bpm, ZoneBasis)>,
    /// The zone `hr_ceiling` is the top of (also said when there is no bpm number).
    pub ceiling_zone: CeilingZone,
    /// A run's pace range, no faster than easy (with a threshold pace in the profile).
    pub pace: Option<PaceRange>,
    pub earliest: Option<Earliest>,
}

impl SuggestedSession {
    fn new(activity: Activity, profile: &Profile) -> SuggestedSession {
        let active = activity != Activity::Passive;
        SuggestedSession {
            activity,
            minutes: (20, 30),
            hr_ceiling: zones::zone2_ceiling(profile).filter(|_| active),
            ceiling_zone: CeilingZone::Zone2,
            pace: zones::recovery_pace(profile).filter(|_| activity == Activity::Run),
            earliest: None,
        }
    }

    /// Label/value lines for the advice card, in the athlete's units.
    pub fn describe(&self, units: Units) -> Vec<(String, String)> {
        let mut out = vec![
            ("Do".into(), self.activity.label().into()),
            (
                "For".into(),
                format!("{}–{} min", self.minutes.0, self.minutes.1),
            ),
        ];
        let zone = self.ceiling_zone.label();
        match self.hr_ceiling {
            Some((b, _)) => out.push((
                "Heart rate".into(),
                format!("under {} bpm (top of {zone})", b.get()),
            )),
            None if self.activity != Activity::Passive => out.push((
                "Heart rate".into(),
                format!("{zone} or lower (add your threshold or max heart rate in Settings for a number)"),
            )),
            None => {}
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

/// Where the weekly running volume came from (docs/domain.md §4.1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum VolumeSource {
    /// The running distance of the last 28 days of the log, ÷ 4.
    Log28Days,
    /// Stated in the profile (the log covers under 28 days).
    Profile,
    /// Neither: the log covers under 28 days and the profile states no volume.
    #[default]
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

/// The hard effort the advice answers (docs/domain.md §4.1).
#[derive(Clone, Debug, PartialEq)]
pub struct HardEffort {
    pub id: SessionId,
    pub date: Day,
    pub start: Option<TimeOfDay>,
    /// Its duration in whole minutes.
    pub minutes: u32,
    pub title: String,
    pub sport: Sport,
    pub intent: Option<Intent>,
    pub tss: Option<f64>,
    /// Intensity factor, where its TSS method gives one.
    pub intensity: Option<f64>,
}

impl HardEffort {
    /// "Intervals, yesterday (95 TSS)".
    pub fn describe(&self, today: Day) -> String {
        let when = if self.date == today {
            "today"
        } else {
            "yesterday"
        };
        match self.tss {
            Some(t) => format!("{}, {when} ({t:.0} TSS)", self.name()),
            None => format!("{}, {when}", self.name()),
        }
    }

    /// How a sentence names it: "“Intervals”", or "Your run" without a title.
    pub fn subject(&self) -> String {
        subject(&self.title, self.sport)
    }

    /// The title, or the sport when there is none.
    pub fn name(&self) -> String {
        if self.title.trim().is_empty() {
            // Sport names are ASCII; the ASCII case mapping keeps Unicode's case tables
            // (about 25 KB) out of the wasm.
            let mut s = self.sport.as_str().to_string();
            if let Some(first) = s.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            s
        } else {
            self.title.trim().to_string()
        }
    }

    /// What made it hard: "a workout, 95 TSS", "IF 0.91".
    pub fn why_hard(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let by_intent = match (self.intent, self.sport) {
            (Some(Intent::Workout), _) => Some("a workout"),
            (Some(Intent::Race), _) => Some("a race"),
            (Some(Intent::Long), Sport::Run) => Some("a long run"),
            (Some(Intent::Long), _) => Some("a long session"),
            (Some(Intent::Strength), _) | (_, Sport::Strength) => Some("a strength session"),
            _ => None,
        };
        parts.extend(by_intent.map(str::to_string));
        if let Some(t) = self.tss {
            parts.push(format!("{t:.0} TSS"));
        }
        if let Some(i) = self.intensity.filter(|i| *i >= 0.85 - 1e-9) {
            parts.push(format!("IF {i:.2}"));
        }
        parts.join(", ")
    }
}

/// The numbers the advice rested on, in SI; the UI formats them in the athlete's units.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Basis {
    /// Form as today begins.
    pub tsb: Option<f64>,
    /// Fitness.
    pub ctl: Option<f64>,
    /// Weekly running volume in metres.
    pub weekly_volume_m: Option<f64>,
    pub volume_source: VolumeSource,
    pub hard_effort: Option<HardEffort>,
    /// Projected easy days until TSB is back above −10 (R10).
    pub easy_days: Option<u32>,
    /// Recovery window after the hard effort, in hours (R11, shortened by R12).
    pub recovery_window_h: Option<f64>,
    /// Extra energy a day during menstruation, kcal (R13).
    pub extra_energy_kcal: Option<f64>,
    /// The form numbers are still settling: a young log (domain spec §2).
    pub settling: Option<Settling>,
    /// What that means, in a sentence (with the seed's formula when there is one).
    pub settling_text: Option<String>,
    /// Fitness and fatigue the athlete set on a date, while today's numbers go on from them
    /// (domain spec §2.1): the seed, named as set by the athlete.
    pub fitness_set: Option<FitnessOn>,
    /// Readiness beyond form (docs/domain.md §7).
    pub readiness: Readiness,
    /// Sessions of the last 28 days the load does not count: without a TSS, or an
    /// implausible estimate not confirmed (docs/domain.md §4.1). Today says so, and the
    /// rules that read load say they miss them.
    pub uncounted: usize,
}

/// The readiness numbers of docs/domain.md §7 the advice rested on.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Readiness {
    /// The HRV baseline and normal range (ln rMSSD).
    pub hrv: Option<HrvBaseline>,
    /// Resting HR against its baseline.
    pub resting_hr: Option<RestingHr>,
    /// The most TSS today that keeps tomorrow's TSB at or above −30 ([`load_budget`]);
    /// `None` without yesterday's CTL and ATL.
    pub load_budget: Option<f64>,
    /// The TSS done today so far (part of the budget).
    pub done_today: f64,
    /// The acute:chronic ratio, monotony and strain; `None` until the log covers 28 days.
    /// Its warnings ([`LoadPattern::warnings`]) are sentences that do not change the kind;
    /// Today writes them (from the check-in's chunk, to keep the first download small).
    pub load: Option<LoadPattern>,
    /// Within the easy days after an illness (R17).
    pub back_from_illness: Option<BackFromIllness>,
}

/// A logged or planned "recovery" run that is not one (R3).
#[derive(Clone, Debug, PartialEq)]
pub struct SessionFlag {
    pub id: SessionId,
    /// Always [`RuleId::R3`].
    pub rule: RuleId,
    pub reason: String,
}

/// Today's advice.
#[derive(Clone, Debug, PartialEq)]
pub struct Advice {
    pub kind: AdviceKind,
    pub headline: String,
    pub session: Option<SuggestedSession>,
    /// Every rule that fired, in the order of the module docs.
    pub rules: Vec<FiredRule>,
    pub basis: Basis,
    pub flags: Vec<SessionFlag>,
    /// The session dated today that is the one advised: done already, or planned later.
    pub today_session: Option<TodaySession>,
    /// Where to start, on an empty log (first visit).
    pub first_steps: Option<FirstSteps>,
}

/// Whether today's session is done or still to come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionStatus {
    Done,
    /// Dated today, starting after now.
    Planned,
}

/// A session dated today that matches the advice (its activity, not a hard effort).
#[derive(Clone, Debug, PartialEq)]
pub struct TodaySession {
    pub id: SessionId,
    pub title: String,
    pub sport: Sport,
    /// Its duration in whole minutes.
    pub minutes: u32,
    pub start: Option<TimeOfDay>,
    pub status: SessionStatus,
}

impl TodaySession {
    /// How a sentence names it: "“Jog” (25 min)", "your run (25 min)".
    fn named(&self) -> String {
        let title = self.title.trim();
        if title.is_empty() {
            format!("your {} ({} min)", self.sport.as_str(), self.minutes)
        } else {
            format!("“{title}” ({} min)", self.minutes)
        }
    }
}

/// What the app still lacks: where to start (ux: Today on a first visit, or with sessions
/// no threshold can score).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FirstSteps {
    /// No threshold in the profile: sessions cannot be scored well.
    pub thresholds: bool,
    /// No stated weekly volume: the first weeks' numbers cannot start from an estimate.
    pub weekly_volume: bool,
    /// Sessions of the last 28 days without a TSS for want of thresholds (0 on an empty
    /// log): the thresholds the files suggest are the first step.
    pub unscored: usize,
}

impl Advice {
    /// Today's advised session is logged already (`data-done`, ux).
    pub fn is_done(&self) -> bool {
        self.today_session
            .as_ref()
            .is_some_and(|t| t.status == SessionStatus::Done)
    }

    /// The fired rule ids, space separated, in firing order (`data-rules`): "R1 R7 R2 R3".
    pub fn rule_ids(&self) -> String {
        self.rules
            .iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn fired(&self, id: RuleId) -> bool {
        self.rules.iter().any(|r| r.id == id)
    }

    /// The sentence of a fired rule.
    pub fn sentence(&self, id: RuleId) -> Option<&str> {
        self.rules
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.sentence.as_str())
    }
}

/// Collects fired rules, each once, in the order they are pushed.
#[derive(Default)]
struct Rules(Vec<FiredRule>);

impl Rules {
    fn fire(&mut self, id: RuleId, sentence: impl Into<String>) {
        if !self.0.iter().any(|r| r.id == id) {
            self.0.push(FiredRule {
                id,
                sentence: sentence.into(),
            });
        }
    }

    fn extend(&mut self, rules: impl IntoIterator<Item = FiredRule>) {
        for r in rules {
            self.fire(r.id, r.sentence);
        }
    }
}

/// TSB at or below which a few easy days are advised (R10) …
pub const EASY_DAYS_TSB: f64 = -20.0;
/// … and the level the easy days bring it back above.
pub const RECOVERED_TSB: f64 = -10.0;
/// The load of an easy day in the projection: a 20–30 min recovery session.
pub const EASY_DAY_TSS: f64 = 25.0;
/// The projection stops counting here.
pub const MAX_EASY_DAYS: u32 = 60;

/// Volume thresholds of the article, in metres a week.
pub const LOW_VOLUME_M: f64 = 24.0 * METRES_PER_MILE;
pub const R7_LOW_M: f64 = 40.0 * METRES_PER_MILE;
pub const R7_HIGH_M: f64 = 60.0 * METRES_PER_MILE;
pub const R8_HIGH_M: f64 = 50.0 * METRES_PER_MILE;

/// Today's advice, by docs/domain.md §4.2. Never panics: every input, however odd, gets advice.
pub fn advise(input: &AdvisorInput) -> Advice {
    let f = Facts::gather(input);
    let mut rules = Rules::default();
    let mut basis = Basis {
        tsb: f.tsb,
        ctl: f.ctl,
        weekly_volume_m: f.volume,
        volume_source: f.volume_source,
        hard_effort: f.hard.clone(),
        settling: f.settling,
        settling_text: f
            .settling
            .map(|s| sentence_settling(&s, f.tsb, f.profile.units)),
        fitness_set: f
            .profile
            .fitness_on
            .filter(|s| f.logged_any && pmc::set_holds(s, input.stretch, f.today)),
        ..Basis::default()
    };
    // Step 2 reads form only once the numbers have settled: on a young log a low TSB is
    // the missing history (CTL and ATL from an estimate, or from 0), not fatigue.
    let deep_fatigue = f
        .tsb
        .filter(|t| *t <= EASY_DAYS_TSB)
        .filter(|_| f.settling.is_none());

    // Readiness (docs/domain.md §7): read once, shown whatever the kind.
    let settings = PmcSettings::from_profile(f.profile);
    let hrv = readiness::hrv_baseline(input.wellness, f.today);
    let rhr = readiness::resting_hr(input.wellness, f.today);
    let sick = f.wellness.is_some_and(|w| w.sick);
    let injured = f.wellness.is_some_and(|w| w.injured);
    let back = readiness::back_from_illness(input.wellness, f.today);
    let load = f.covers_28.then(|| readiness::load_pattern(&f.daily_tss));
    basis.readiness = Readiness {
        hrv: Some(hrv),
        resting_hr: Some(rhr),
        load_budget: f
            .yesterday_load
            .and_then(|(c, a)| load_budget(c, a, BUDGET_FLOOR_TSB, &settings)),
        done_today: f.today_done_tss,
        load,
        back_from_illness: back,
    };
    let strain_signs = readiness_signs(&hrv, &rhr);
    let mut own_headline: Option<String> = None;

    let (kind, mut session) = if sick {
        // 1. Ill → passive, no training (R15).
        rules.fire(RuleId::R15, "You checked in as sick. No training while ill: rest, sleep, drink plenty. Training through an illness lengthens it and the load is not absorbed; the easy days after it come next (R17).");
        own_headline = Some("You're ill: no training today — rest, sleep and fluids.".into());
        (AdviceKind::Passive, None)
    } else if let Some(w) = f.wellness.filter(|w| w.is_beat_up()) {
        // 1. Beat up → passive (R5, R4).
        rules.fire(RuleId::R5, sentence_r5(w));
        rules.fire(RuleId::R4, "Choose passive recovery — a massage, a percussion massager, compression boots or a nap — or, if you want to move, a non-impact option: an easy 20–30 min spin or gentle yoga.");
        (
            AdviceKind::Passive,
            Some(SuggestedSession::new(Activity::Passive, f.profile)),
        )
    } else if injured {
        // 3. Injured (without pain today) → non-impact cross-training, never a run (R16).
        rules.fire(RuleId::R16, "You checked in as injured. No running today: a non-impact option only — an easy spin, a swim or yoga, as far as the injury allows. Stop if it hurts.");
        rules.extend(session_rules(Activity::RideOrYoga));
        own_headline =
            Some("Injured: no running — an easy spin, swim or yoga if the injury allows.".into());
        (
            AdviceKind::CrossTraining,
            Some(SuggestedSession::new(Activity::RideOrYoga, f.profile)),
        )
    } else if let Some(b) = back {
        // 4. Back from illness → easy days, whatever TSB says (R17).
        let left = b.easy_days.saturating_sub(b.day) + 1;
        basis.easy_days = Some(left);
        rules.fire(RuleId::R17, sentence_r17(&b));
        let plan = Plan::choose(&f);
        let activity = plan.activity;
        rules.extend(plan.rules);
        rules.extend(session_rules(activity));
        rules.extend(plan.warnings);
        own_headline = Some(format!(
            "Back from illness: keep today easy (day {} of {}), whatever your form says.",
            b.day, b.easy_days
        ));
        (
            AdviceKind::EasyDays,
            Some(SuggestedSession::new(activity, f.profile)),
        )
    } else if let Some(tsb) = deep_fatigue {
        // 5. TSB ≤ −20 → a few easy days (R10); ultrarunners get a recovery run (R9).
        let days = f.easy_days();
        basis.easy_days = Some(days);
        if f.profile.athlete == Athlete::Ultrarunner {
            rules.fire(RuleId::R9, "You're an ultrarunner: training on tired legs is common and often wanted, so fatigue alone is no reason to stop running.");
            rules.extend(session_rules(Activity::Run));
            rules.fire(RuleId::R10, format!("Warning: your form (TSB) is {}. At −20 to −30 or below most runners need a few easy days — about {} at ~{EASY_DAY_TSS:.0} TSS a day to get back above {}. Keep today easy and watch for signs of overreaching.", signed(tsb), days_text(days), signed(RECOVERED_TSB)));
            rules.extend(plan::injury_warning(f.profile));
            (
                AdviceKind::RecoveryRun,
                Some(SuggestedSession::new(Activity::Run, f.profile)),
            )
        } else {
            rules.fire(RuleId::R10, format!("Your form (TSB) is {}. Near 0 you are recovered; at −20 to −30 or below you need a few easy days: about {} at ~{EASY_DAY_TSS:.0} TSS a day bring it back above {}.", signed(tsb), days_text(days), signed(RECOVERED_TSB)));
            let plan = Plan::choose(&f);
            rules.extend(plan.rules);
            rules.extend(session_rules(plan.activity));
            rules.extend(plan.warnings);
            (
                AdviceKind::EasyDays,
                Some(SuggestedSession::new(plan.activity, f.profile)),
            )
        }
    } else if !strain_signs.is_empty() && f.hard.is_none() {
        // 6. HRV low or resting HR elevated, no hard effort → an easy day in Zone 1 (R18, R19).
        for (id, saw) in &strain_signs {
            rules.fire(*id, format!("{saw} With no hard effort to recover from, keep today easy, in Zone 1, and check again tomorrow (HRV-guided training: Kiviniemi et al. 2007)."));
        }
        rules.extend(session_rules(Activity::Run));
        let mut s = SuggestedSession::new(Activity::Run, f.profile);
        zone1(&mut s, f.profile);
        own_headline = Some("Your body shows strain this morning: keep today easy, in Zone 1, and check again tomorrow.".into());
        (AdviceKind::EasyDays, Some(s))
    } else if let Some(hard) = &f.hard {
        // 8. After a hard effort: the option by volume, injury history and sports.
        rules.fire(
            RuleId::R1,
            format!(
                "{} {} was a hard effort ({}). A recovery session is best after a workout, race or strength session.",
                hard.subject(),
                when_text(hard, f.today),
                hard.why_hard()
            ),
        );
        let plan = Plan::choose(&f);
        rules.extend(plan.rules);
        rules.extend(session_rules(plan.activity));
        rules.extend(plan.warnings);
        (
            plan.kind,
            Some(SuggestedSession::new(plan.activity, f.profile)),
        )
    } else {
        // 7. No hard effort today or yesterday → train (R1).
        rules.fire(RuleId::R1, sentence_r1_train(&f));
        (AdviceKind::Train, None)
    };

    // Modifiers on any kind that includes a session: R13, R11, R12; then R18 / R19's
    // Zone 1 ceiling (after a hard effort the kind stays, the ceiling drops).
    if let Some(s) = session.as_mut() {
        rules.extend(modifiers::apply(&f, s, &mut basis));
        if s.activity != Activity::Passive {
            for (id, saw) in &strain_signs {
                zone1(s, f.profile);
                let keep = if f.hard.is_some() {
                    "After your hard effort the session stays, but keep it in Zone 1."
                } else {
                    "Keep today's session in Zone 1."
                };
                rules.fire(*id, format!("{saw} {keep}"));
            }
        }
    }

    // R3 flags: recovery runs of the last 7 days and planned ones that are not.
    let flags = flags::recent(input);
    if !flags.is_empty() {
        let n = flags.len();
        let note = format!(
            "{n} of your runs meant as recovery (last 7 days or planned) {} over 30 minutes or above Zone 2: not {} — see the flag{}.",
            if n == 1 { "is" } else { "are" },
            if n == 1 { "a recovery run" } else { "recovery runs" },
            if n == 1 { "" } else { "s" },
        );
        match rules.0.iter_mut().find(|r| r.id == RuleId::R3) {
            Some(r) => {
                r.sentence.push(' ');
                r.sentence.push_str(&note);
            }
            None => rules.fire(RuleId::R3, note),
        }
    }

    // The rules that read load say what it misses, rather than reading it as rest.
    basis.uncounted = f.uncounted;
    if f.uncounted > 0 {
        let missing = format!(
            " This leaves out {} of the last {LOOKBACK_DAYS} days without a TSS: until they are scored, the load here is too low.",
            if f.uncounted == 1 {
                "1 session".to_string()
            } else {
                format!("{} sessions", f.uncounted)
            }
        );
        for r in rules.0.iter_mut().filter(|r| {
            matches!(
                r.id,
                RuleId::R1 | RuleId::R7 | RuleId::R8 | RuleId::R9 | RuleId::R10
            )
        }) {
            r.sentence.push_str(&missing);
        }
    }

    let today_session = session.as_ref().and_then(|s| f.todays_session(s.activity));
    let mut headline = own_headline.unwrap_or_else(|| headline(kind, session.as_ref(), &f, &basis));
    if let Some(t) = &today_session {
        headline = headline_today(kind, t, &f, &basis);
    }
    let p = f.profile;
    let no_thresholds = p.lthr.is_none()
        && p.max_hr.is_none()
        && p.threshold_pace.is_none()
        && p.ftp.is_none()
        && p.css.is_none();
    let first_steps = if !f.logged_any {
        Some(FirstSteps {
            thresholds: no_thresholds,
            weekly_volume: p.weekly_volume.is_none(),
            unscored: 0,
        })
    } else {
        (no_thresholds && f.uncounted > 0).then_some(FirstSteps {
            thresholds: true,
            weekly_volume: false,
            unscored: f.uncounted,
        })
    };
    Advice {
        kind,
        headline,
        session,
        rules: rules.0,
        basis,
        flags,
        today_session,
        first_steps,
    }
}

/// The headline once today's advised session is logged (done: say so, and what is left —
/// rest, or the check-in) or planned later today.
fn headline_today(kind: AdviceKind, t: &TodaySession, f: &Facts, b: &Basis) -> String {
    let what = match kind {
        AdviceKind::RecoveryRun => "today's recovery run",
        AdviceKind::CrossTraining => "today's easy ride or yoga",
        _ => "today's easy session",
    };
    match t.status {
        SessionStatus::Done => {
            let left = if f.wellness.is_some() {
                "rest"
            } else {
                "rest, and today's check-in below"
            };
            let more = match (kind, b.easy_days) {
                (AdviceKind::EasyDays, Some(n)) if n > 1 => format!(
                    " Keep the next {} easy too.",
                    if n - 1 == 1 {
                        "day".to_string()
                    } else {
                        format!("{} days", n - 1)
                    }
                ),
                _ => String::new(),
            };
            format!(
                "Done: {what} is logged — {}. What is left today: {left}.{more}",
                t.named()
            )
        }
        SessionStatus::Planned => {
            let at = t.start.map(|s| format!(" at {s}")).unwrap_or_default();
            format!(
                "Planned: {}{at} is {what} — keep it 20–30 min and easy.",
                capitalise(&t.named())
            )
        }
    }
}

/// The first letter in upper case, if it is an ASCII letter.
fn capitalise(s: &str) -> String {
    let mut s = s.to_string();
    if let Some(first) = s.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    s
}

/// Why the form numbers are not trusted yet, and what they start from (domain spec §2).
fn sentence_settling(s: &Settling, tsb: Option<f64>, units: Units) -> String {
    let mut out = if s.days == 0 {
        format!(
            "Nothing is logged in the last {} days, so fitness, fatigue and form say little about you now: they settle again over {} days once you log.",
            pmc::GAP_DAYS,
            s.needed
        )
    } else if s.after_gap {
        format!(
            "Your log starts again {} after a gap of weeks, so fitness, fatigue and form are still settling: {} of the {} days they need.",
            if s.days == 1 { "today".to_string() } else { format!("{} days ago", s.days - 1) },
            s.days,
            s.needed
        )
    } else {
        format!(
            "Your log covers {} of the {} days fitness, fatigue and form need, so they are still settling.",
            s.days, s.needed
        )
    };
    match &s.seed {
        Some(seed) => {
            out.push_str(&format!(" {}", sentence_seed(seed, units)));
            if s.after_gap {
                out.push_str(" (Or from what your earlier log still carried, where that was more.)");
            }
        }
        None => out.push_str(" They start from 0; set your weekly running volume in Settings to start them from an estimate instead."),
    }
    match tsb.filter(|t| *t <= EASY_DAYS_TSB) {
        Some(t) => out.push_str(&format!(" Your form reads {}, but on a young log that is mostly the history the log does not hold yet: form alone does not call for easy days until then.", signed(t))),
        None => out.push_str(" Until then form alone does not call for easy days."),
    }
    out
}

/// The seed and its formula, in the athlete's units: "They start from an estimate: …".
fn sentence_seed(seed: &Seed, units: Units) -> String {
    let per = if units == Units::Imperial {
        "/mi"
    } else {
        "/km"
    };
    let pace = units::pace_number(seed.pace, units);
    let basis = if seed.from_threshold {
        "easy pace, your threshold pace × 1.29"
    } else {
        "an assumed easy pace, with no threshold pace in Settings"
    };
    format!(
        "They start from an estimate: {} a week at {pace} {per} ({basis}) is {:.1} h a week; at {:.0} TSS an hour (TrainingPeaks estimates starting fitness at 50–75), {:.0} TSS a day, as both fitness and fatigue.",
        volume_text(seed.weekly_volume.get(), units),
        seed.hours_per_week,
        seed.tss_per_hour,
        seed.daily_tss
    )
}

/// The ceiling drops to the top of Zone 1 (R18, R19 as R13 does it).
fn zone1(s: &mut SuggestedSession, p: &Profile) {
    s.ceiling_zone = CeilingZone::Zone1;
    s.hr_ceiling = zones::zone1_ceiling(p);
}

/// R18 (HRV low) and R19 (resting HR elevated), each with what it saw, when they hold.
fn readiness_signs(hrv: &HrvBaseline, rhr: &RestingHr) -> Vec<(RuleId, String)> {
    let mut out = Vec::new();
    if let (true, Some(b), Some(n)) = (hrv.is_low(), hrv.baseline, hrv.normal) {
        out.push((
            RuleId::R18,
            format!(
                "7-day HRV ln {:.2}, below your normal range {:.2}–{:.2} (rMSSD about {:.0} ms against {:.0}–{:.0} ms; Plews et al., HRV4Training).",
                b,
                n.low,
                n.high,
                b.exp(),
                n.low.exp(),
                n.high.exp()
            ),
        ));
    }
    if let (true, Some(t), Some(base)) = (rhr.is_elevated(), rhr.today, rhr.baseline) {
        out.push((
            RuleId::R19,
            format!(
                "Resting HR {} bpm this morning, {:.0} above your 60-day average of {:.0} (5 or more above reads as elevated: a common coaching heuristic, not a measured threshold).",
                t.get(),
                f64::from(t.get()) - base,
                base
            ),
        ));
    }
    out
}

fn sentence_r17(b: &BackFromIllness) -> String {
    let days = |n: u32| {
        if n == 1 {
            "1 day".to_string()
        } else {
            format!("{n} days")
        }
    };
    format!(
        "You were ill until {} ({} sick in the 14 days to then), so the {} after it are easy days — today is day {} — whatever your form says: form that rose during forced rest is not freshness.",
        b.last_sick.with_weekday(),
        days(b.sick_days),
        days(b.easy_days),
        b.day
    )
}

/// R2, R3 for a run; R4 for a ride or yoga.
fn session_rules(activity: Activity) -> Vec<FiredRule> {
    let rule = |id, s: &str| FiredRule {
        id,
        sentence: s.to_string(),
    };
    match activity {
        Activity::Run => vec![
            rule(RuleId::R2, "A recovery run is 20–30 minutes of easy aerobic running in heart-rate Zone 1–2."),
            rule(RuleId::R3, "Stop at 30 minutes and stay in Zone 1–2: a longer or harder run makes its own metabolic waste and can take 8–12 hours to recover from — junk miles, not recovery."),
        ],
        Activity::RideOrYoga => vec![rule(RuleId::R4, "An easy spin on the bike or 20–30 minutes of yoga is active recovery: it raises blood flow without the impact of running.")],
        Activity::Passive => Vec::new(),
    }
}

fn sentence_r5(w: &Wellness) -> String {
    let what = match (w.soreness.filter(|s| *s >= 7), w.pain) {
        (Some(s), true) => format!("soreness {s}/10 and pain"),
        (Some(s), false) => format!("soreness {s}/10"),
        (None, _) => "pain".to_string(),
    };
    format!("You reported {what}. When you're physically beat up, a run may lengthen your recovery instead of helping it.")
}

fn sentence_r1_train(f: &Facts) -> String {
    let mut s = if f.logged_any {
        "No hard effort today or yesterday (no workout, race, long run or strength session, nothing of 80 TSS or IF 0.85 and above), so there is nothing to recover from. An easy aerobic run is fine: it is a recovery run by another intention.".to_string()
    } else {
        "Your log is empty, so there is no hard effort to recover from yet, and no fitness, fatigue or form: they come from the sessions you log or import. Train as planned; an easy aerobic run is fine.".to_string()
    };
    if let Some(later) = f.upcoming_hard {
        let at = later
            .start_time
            .map(|t| format!(" at {t}"))
            .unwrap_or_default();
        s.push_str(&format!(
            " {}{at} is still to come: the advice changes once it is done.",
            subject(&later.title, later.sport)
        ));
    }
    s
}

/// "“Intervals”", or "Your run" when there is no title.
fn subject(title: &str, sport: Sport) -> String {
    let title = title.trim();
    if title.is_empty() {
        format!("Your {}", sport.as_str())
    } else {
        format!("“{title}”")
    }
}

/// A signed number for a sentence, with a true minus sign: "−30", "+5", "0".
fn signed(v: f64) -> String {
    let r = v.round();
    if r == 0.0 {
        "0".into()
    } else if r < 0.0 {
        format!("−{:.0}", -r)
    } else {
        format!("+{r:.0}")
    }
}

/// "today at 07:00", "yesterday".
fn when_text(h: &HardEffort, today: Day) -> String {
    match (h.date == today, h.start) {
        (true, Some(t)) => format!("today at {t}"),
        (true, None) => "today".into(),
        (false, Some(t)) => format!("yesterday at {t}"),
        (false, None) => "yesterday".into(),
    }
}

/// "4 easy days", "1 easy day", "60 or more easy days".
fn days_text(days: u32) -> String {
    match days {
        1 => "1 easy day".into(),
        d if d >= MAX_EASY_DAYS => format!("{MAX_EASY_DAYS} or more easy days"),
        d => format!("{d} easy days"),
    }
}

/// "later today, not before 18:00" / "today" / "tomorrow".
fn when_session(s: &SuggestedSession) -> String {
    match s.earliest {
        Some(Earliest::Today) | None => "today".into(),
        Some(e) => e.describe(),
    }
}

fn headline(kind: AdviceKind, s: Option<&SuggestedSession>, f: &Facts, b: &Basis) -> String {
    let when = s.map(when_session).unwrap_or_else(|| "today".into());
    match kind {
        AdviceKind::Passive => "You're beat up: recover passively today, or move gently without impact.".into(),
        AdviceKind::Train if f.logged_any => "Nothing to recover from: train as planned. An easy aerobic run is fine.".into(),
        AdviceKind::Train => "Nothing logged yet, so nothing to recover from: train as planned.".into(),
        AdviceKind::EasyDays => {
            let what = match s.map(|s| s.activity) {
                Some(Activity::RideOrYoga) => "an easy 20–30 min ride or yoga",
                _ => "an easy 20–30 min run",
            };
            let days = b.easy_days.map(days_text).unwrap_or_else(|| "a few easy days".into());
            format!("You're deep in fatigue: take {days}, starting with {what} {when}.")
        }
        AdviceKind::RecoveryRun if f.tsb.is_some_and(|t| t <= EASY_DAYS_TSB) => format!(
            "Tired legs are part of ultra training: a 20–30 min easy run {when} is fine — keep it easy."
        ),
        AdviceKind::RecoveryRun => format!("Recovery run: 20–30 min easy, {when}."),
        AdviceKind::CrossTraining => format!("Skip the recovery run: an easy 20–30 min ride or yoga, {when}."),
    }
}

/// A weekly volume in the athlete's units: "70 km", "43 mi".
fn volume_text(metres: f64, units: Units) -> String {
    let m = if metres.is_finite() {
        metres.max(0.0)
    } else {
        0.0
    };
    match units {
        Units::Metric => format!("{:.0} km", m / 1000.0),
        Units::Imperial => format!("{:.0} mi", m / METRES_PER_MILE),
    }
}
