//! The advisor on any input: it never panics, and its advice is always well formed —
//! one kind, the rule that chose it first, each rule once, a session exactly when the
//! kind has one, and no "NaN" in what the athlete reads.

use proptest::prelude::*;
use recovery_run::domain::advisor::{advise, AdviceKind, AdvisorInput, RuleId, LOOKBACK_DAYS};
use recovery_run::domain::date::{Day, TimeOfDay};
use recovery_run::domain::pmc::{self, PmcDay};
use recovery_run::domain::profile::{Athlete, PmcUpdate, Profile, Sex};
use recovery_run::domain::quantity::{Bpm, Metres, PacePerKm, Rpe, Seconds, Tss, Watts};
use recovery_run::domain::session::{Intent, Session, SessionId, Sport, TssMethod};
use recovery_run::domain::units::Units;
use recovery_run::domain::wellness::Wellness;

fn today() -> Day {
    Day::from_ymd(2026, 3, 12).expect("a real day")
}

/// Any f64, the awkward ones well represented.
fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        -200.0..200.0f64,
        Just(0.0),
        Just(-20.0),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(1e12),
        any::<f64>(),
    ]
}

fn time() -> impl Strategy<Value = Option<TimeOfDay>> {
    prop::option::of((0u8..24, 0u8..60).prop_map(|(h, m)| TimeOfDay::from_hm(h, m)))
        .prop_map(Option::flatten)
}

fn session() -> impl Strategy<Value = Session> {
    (
        (
            -60i32..10,
            time(),
            prop::sample::select(Sport::ALL.to_vec()),
            prop::option::of(prop::sample::select(Intent::ALL.to_vec())),
            1u32..=48 * 3600,
            prop::option::of(0.0..1_000_000.0f64),
        ),
        (
            prop::option::of(25u16..=250),
            prop::option::of(0.0..3000.0f64),
            prop::option::of(1u8..=10),
            prop::option::of(0.0..1000.0f64),
            prop::option::of(prop::sample::select(TssMethod::ALL.to_vec())),
            "[a-z ]{0,8}",
        ),
    )
        .prop_map(
            |((d, start, sport, intent, secs, dist), (hr, np, rpe, tss, method, title))| {
                let mut s = Session::new(
                    SessionId(format!("s{d}{secs}")),
                    today().add_days(d),
                    sport,
                    Seconds::new(secs).expect("in range"),
                );
                s.start_time = start;
                s.intent = intent;
                s.distance = dist.and_then(Metres::new);
                s.avg_hr = hr.and_then(Bpm::new);
                s.normalized_power = np.and_then(Watts::new);
                s.rpe = rpe.and_then(Rpe::new);
                s.tss = tss.and_then(Tss::new);
                s.tss_method = method;
                s.title = title;
                s
            },
        )
}

fn wellness() -> impl Strategy<Value = Wellness> {
    (
        -2i32..=0,
        prop::option::of(any::<u8>()),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(d, soreness, pain, menstruating)| Wellness {
            soreness,
            pain,
            menstruating,
            ..Wellness::empty(today().add_days(d))
        })
}

fn profile() -> impl Strategy<Value = Profile> {
    (
        (
            prop::option::of(prop::sample::select(vec![Sex::Female, Sex::Male])),
            prop::option::of(any::<i32>()),
            prop::option::of(any_f64()),
            prop::option::of(any_f64()),
            prop::sample::select(vec![
                Athlete::Runner,
                Athlete::Ultrarunner,
                Athlete::Triathlete,
                Athlete::Duathlete,
            ]),
            any::<bool>(),
            prop::option::of(0.0..300_000.0f64),
            any::<bool>(),
        ),
        (
            prop::option::of(25u16..=250),
            prop::option::of(25u16..=250),
            prop::option::of(25u16..=250),
            prop::option::of(120.0..1800.0f64),
            any_f64(),
            any_f64(),
            any_f64(),
            any_f64(),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (sex, born, kg, cm, athlete, injury, volume, imperial),
                (lthr, max, rest, pace, ctl_tau, atl_tau, start_ctl, start_atl, tp),
            )| Profile {
                sex,
                birth_year: born,
                weight_kg: kg,
                height_cm: cm,
                athlete,
                injury_prone: injury,
                weekly_volume: volume.and_then(Metres::new),
                units: if imperial {
                    Units::Imperial
                } else {
                    Units::Metric
                },
                lthr: lthr.and_then(Bpm::new),
                max_hr: max.and_then(Bpm::new),
                resting_hr: rest.and_then(Bpm::new),
                threshold_pace: pace.and_then(PacePerKm::new),
                ctl_time_constant_days: ctl_tau,
                atl_time_constant_days: atl_tau,
                start_ctl,
                start_atl,
                pmc_update: if tp {
                    PmcUpdate::Reciprocal
                } else {
                    PmcUpdate::Exponential
                },
                ..Profile::default()
            },
        )
}

fn pmc_day() -> impl Strategy<Value = PmcDay> {
    (-3i32..=1, any_f64(), any_f64(), any_f64(), any_f64()).prop_map(|(d, tss, ctl, atl, tsb)| {
        PmcDay {
            day: today().add_days(d),
            tss,
            ctl,
            atl,
            tsb,
            ramp: 0.0,
        }
    })
}

/// What the advisor reads, owned: any input the app could give it on [`today`].
#[derive(Debug)]
struct Owned {
    now: Option<TimeOfDay>,
    sessions: Vec<Session>,
    wellness: Vec<Wellness>,
    profile: Profile,
    pmc: Vec<PmcDay>,
}

impl Owned {
    /// The input as the app builds it: the whole log, and its first day.
    fn input(&self) -> AdvisorInput<'_> {
        AdvisorInput {
            today: today(),
            now: self.now,
            sessions: &self.sessions,
            logged_from: pmc::first_day(&self.sessions),
            stretch: pmc::stretch(None, &self.sessions, today()),
            wellness: &self.wellness,
            profile: &self.profile,
            pmc: &self.pmc,
        }
    }
}

fn owned() -> impl Strategy<Value = Owned> {
    (
        time(),
        prop::collection::vec(session(), 0..40),
        prop::collection::vec(wellness(), 0..3),
        profile(),
        prop::collection::vec(pmc_day(), 0..5),
    )
        .prop_map(|(now, sessions, wellness, profile, pmc)| Owned {
            now,
            sessions,
            wellness,
            profile,
            pmc,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The advice reads no session older than [`LOOKBACK_DAYS`]: given only the recent ones
    /// and the log's first day, it is the same advice, word for word. (The app opens on the
    /// recent sessions and decodes the older ones after the first paint.)
    #[test]
    fn the_advice_reads_only_the_lookback_days(o in owned()) {
        let input = o.input();
        let from = today().add_days(1 - LOOKBACK_DAYS);
        let recent: Vec<Session> = o.sessions.iter().filter(|s| s.date >= from).cloned().collect();
        let whole = advise(&input);
        let part = advise(&AdvisorInput { sessions: &recent, ..input });
        prop_assert_eq!(whole, part);
    }

    #[test]
    fn any_input_gets_well_formed_advice(o in owned()) {
        let a = advise(&o.input());
        // The rule that chose the kind comes first (advisor.rs, "The order of the fired rules").
        let first = a.rules.first().map(|r| r.id);
        let expected: &[RuleId] = match a.kind {
            AdviceKind::Passive => &[RuleId::R5],
            AdviceKind::EasyDays => &[RuleId::R10],
            AdviceKind::Train | AdviceKind::CrossTraining => &[RuleId::R1],
            AdviceKind::RecoveryRun => &[RuleId::R1, RuleId::R9],
        };
        prop_assert!(first.is_some_and(|f| expected.contains(&f)), "{:?} led by {:?}", a.kind, first);
        // Each rule once.
        let mut ids: Vec<RuleId> = a.rules.iter().map(|r| r.id).collect();
        ids.sort();
        ids.dedup();
        prop_assert_eq!(ids.len(), a.rules.len());
        // A session exactly when the kind has one.
        prop_assert_eq!(a.session.is_none(), a.kind == AdviceKind::Train);
        if let Some(s) = &a.session {
            prop_assert_eq!(s.minutes, (20, 30));
        }
        // The projection is there exactly when R10 fired.
        prop_assert_eq!(a.basis.easy_days.is_some(), a.fired(RuleId::R10));
        // Flags are R3's, and R3 says so.
        prop_assert!(a.flags.iter().all(|f| f.rule == RuleId::R3));
        prop_assert!(a.flags.is_empty() || a.fired(RuleId::R3));
        // Nothing unreadable.
        for text in a.rules.iter().map(|r| r.sentence.as_str()).chain([a.headline.as_str()]) {
            prop_assert!(!text.contains("NaN") && !text.contains("inf"), "{}", text);
        }
        for v in [a.basis.tsb, a.basis.ctl, a.basis.weekly_volume_m, a.basis.recovery_window_h, a.basis.extra_energy_kcal].into_iter().flatten() {
            prop_assert!(v.is_finite(), "{:?}", a.basis);
        }
    }
}
