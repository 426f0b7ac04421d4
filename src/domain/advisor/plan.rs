//! Step 4 of docs/domain.md §4.2: after a hard effort, which recovery — by injury history,
//! weekly running volume and sports (R6, R8, R7, R14). Step 2 uses the same choice for the
//! session of an easy day.

use super::facts::{Facts, Multisport};
use super::{
    signed, volume_text, Activity, AdviceKind, FiredRule, RuleId, VolumeSource, LOW_VOLUME_M,
    R7_HIGH_M, R7_LOW_M, R8_HIGH_M,
};
use crate::domain::profile::{Athlete, Profile};
use crate::domain::units::Units;

/// The option step 4 picks.
pub(super) struct Plan {
    pub kind: AdviceKind,
    pub activity: Activity,
    /// The rules that chose it.
    pub rules: Vec<FiredRule>,
    /// Rules listed as warnings: their condition holds but an earlier one decided.
    pub warnings: Vec<FiredRule>,
}

fn rule(id: RuleId, sentence: String) -> FiredRule {
    FiredRule { id, sentence }
}

impl Plan {
    /// - (injury-prone, or volume < 24 mi, or volume unknown) and not multisport →
    ///   cross-training (R6);
    /// - multisport (R8), over 50 mi (R8), 40–60 mi (R7) → recovery run (both R8 and R7
    ///   from 50 to 60 mi);
    /// - 24 to 40 mi → recovery run (R14).
    pub fn choose(f: &Facts) -> Plan {
        let p = f.profile;
        let units = p.units;
        let volume = f.volume.filter(|v| v.is_finite());
        let low = volume.is_some_and(|v| v < LOW_VOLUME_M);
        if f.multisport.is_none() && (p.injury_prone || low || volume.is_none()) {
            return Plan {
                kind: AdviceKind::CrossTraining,
                activity: Activity::RideOrYoga,
                rules: vec![rule(RuleId::R6, sentence_r6(p.injury_prone, volume, f))],
                warnings: Vec::new(),
            };
        }
        let mut rules = Vec::new();
        let said = |v: f64| said_volume(v, f.volume_source, units);
        match (&f.multisport, volume) {
            (Some(m), _) => rules.push(rule(RuleId::R8, sentence_r8_multisport(m, volume, f))),
            (None, Some(v)) if v > R8_HIGH_M => rules.push(rule(
                RuleId::R8,
                format!(
                    "{}, over the article's {}: a recovery run is a great way to flush the major movers.",
                    said(v),
                    miles(50.0, units)
                ),
            )),
            _ => {}
        }
        if let Some(v) = volume.filter(|v| (R7_LOW_M..=R7_HIGH_M).contains(v)) {
            // R8 may have said the volume already (over 50 mi).
            let who = if v > R8_HIGH_M {
                "That is also".to_string()
            } else {
                format!("{}, which is", said(v))
            };
            rules.push(rule(
                RuleId::R7,
                format!(
                    "{who} in the article's {} band: a 20–30 min run later in the day after a hard workout helps you add mileage, recover and gain a little fitness.",
                    miles_band(40.0, 60.0, units)
                ),
            ));
        }
        if rules.is_empty() {
            // Not multisport, 24 ≤ volume < 40 mi: the article is silent.
            if let Some(v) = volume {
                rules.push(rule(RuleId::R14, sentence_r14(said(v), f)));
            }
        }
        Plan {
            kind: AdviceKind::RecoveryRun,
            activity: Activity::Run,
            rules,
            warnings: injury_warning(p),
        }
    }
}

/// R6 as a warning, for an injury-prone athlete sent running by R8 or R9.
pub(super) fn injury_warning(p: &Profile) -> Vec<FiredRule> {
    if !p.injury_prone {
        return Vec::new();
    }
    vec![rule(
        RuleId::R6,
        "You marked yourself injury-prone: if running hurts today, take an easy ride or yoga instead — a recovery run may do more harm than good.".into(),
    )]
}

fn sentence_r6(injury_prone: bool, volume: Option<f64>, f: &Facts) -> String {
    let units = f.profile.units;
    let threshold = miles(24.0, units);
    let tail = "An easy ride or yoga gives the blood flow without the impact.";
    match volume {
        Some(v) if v < LOW_VOLUME_M && injury_prone => format!(
            "You marked yourself injury-prone, and {} — under the article's {}: a recovery run may do more harm than good. {tail}",
            lowercase_first(&said_volume(v, f.volume_source, units)),
            threshold
        ),
        Some(v) if v < LOW_VOLUME_M => format!(
            "{}, under the article's {}: a recovery run may put you in a worse position. {tail}",
            said_volume(v, f.volume_source, units),
            threshold
        ),
        _ if injury_prone => {
            format!("You marked yourself injury-prone: a recovery run may do more harm than good. {tail}")
        }
        _ => format!(
            "Your weekly running volume is not known yet: your log covers under 28 days and Settings has none. Under {threshold} a week a recovery run may do more harm than good, so this plays safe: {}. Set your weekly volume in Settings.",
            lowercase_first(tail).trim_end_matches('.')
        ),
    }
}

fn sentence_r8_multisport(m: &Multisport, volume: Option<f64>, f: &Facts) -> String {
    let who = match m {
        Multisport::Declared(Athlete::Duathlete) => "You're a duathlete".to_string(),
        Multisport::Declared(_) => "You're a triathlete".to_string(),
        Multisport::Logged(sports) => {
            let names: Vec<&str> = sports.iter().map(|s| s.as_str()).collect();
            format!(
                "You train several sports ({} in the last 28 days)",
                names.join(", ")
            )
        }
    };
    let high = volume
        .filter(|v| *v > R8_HIGH_M)
        .map(|v| {
            format!(
                ", and {}",
                lowercase_first(&said_volume(v, f.volume_source, f.profile.units))
            )
        })
        .unwrap_or_default();
    format!("{who}{high}: for triathletes, duathletes and other multisport athletes a recovery run is a great way to flush the major movers.")
}

fn sentence_r14(said: String, f: &Facts) -> String {
    let units = f.profile.units;
    let form = f
        .tsb
        .map_or("unknown".to_string(), |t| format!("TSB {}", signed(t)));
    let soreness = match f.wellness.and_then(|w| w.soreness) {
        Some(s) => format!("{s}/10"),
        None => "none reported".to_string(),
    };
    let injury = if f.profile.injury_prone {
        "injury-prone"
    } else {
        "not injury-prone"
    };
    format!(
        "{said}, between {}, where the article gives no advice. This falls back on the other rules: your form ({form}), soreness ({soreness}) and injury history ({injury}) allow an easy run.",
        match units {
            Units::Metric => format!("24 and 40 miles ({:.0}–{:.0} km)", km(24.0), km(40.0)),
            Units::Imperial => "24 and 40 miles".to_string(),
        }
    )
}

/// "You run about 70 km a week (last 28 days)", "…(as stated in Settings: …)".
fn said_volume(v: f64, source: VolumeSource, units: Units) -> String {
    let from = match source {
        VolumeSource::Log28Days => " (last 28 days)",
        VolumeSource::Profile => " (the volume stated in Settings: your log covers under 28 days)",
        VolumeSource::Unknown => "",
    };
    format!("You run about {} a week{from}", volume_text(v, units))
}

/// "24 miles (39 km)" for metric athletes, "24 miles" for imperial ones.
fn miles(mi: f64, units: Units) -> String {
    match units {
        Units::Metric => format!("{mi:.0} miles ({:.0} km)", km(mi)),
        Units::Imperial => format!("{mi:.0} miles"),
    }
}

/// "40–60 miles (64–97 km)".
fn miles_band(lo: f64, hi: f64, units: Units) -> String {
    match units {
        Units::Metric => format!("{lo:.0}–{hi:.0} miles ({:.0}–{:.0} km)", km(lo), km(hi)),
        Units::Imperial => format!("{lo:.0}–{hi:.0} miles"),
    }
}

fn km(mi: f64) -> f64 {
    mi * crate::domain::units::METRES_PER_MILE / 1000.0
}

/// The first letter in lower case, if it is an ASCII letter: Unicode's case tables (about
/// 25 KB of wasm) are not worth it for the first letter of a title inside a sentence.
fn lowercase_first(s: &str) -> String {
    let mut s = s.to_string();
    if let Some(first) = s.get_mut(..1) {
        first.make_ascii_lowercase();
    }
    s
}
