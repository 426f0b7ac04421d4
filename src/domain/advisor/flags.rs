//! R3: a run meant as recovery that is over 30 minutes or above Zone 2 is not a recovery
//! run — "junk miles". Flagged in the log (per session) and in the advice (recent ones).

use super::{AdvisorInput, RuleId, SessionFlag};
use crate::domain::date::Day;
use crate::domain::profile::Profile;
use crate::domain::session::{Intent, Session, Sport};
use crate::domain::zones;

/// Longest recovery run, in seconds: 30 min [A]. Exactly 30:00 is still one.
pub const MAX_RECOVERY_RUN_S: u32 = 30 * 60;

/// How far back the advice looks for flagged runs: the last 7 days, today included
/// (planned ones ahead are always looked at).
const RECENT_DAYS: i32 = 7;

/// Why a run meant as recovery is not one (R3), or `None` if it is one — or is not a run
/// meant as recovery. Runs only: R3 is about recovery *runs*; a longer easy spin or an
/// hour of yoga is not what the article warns against.
pub fn r3_flag(s: &Session, p: &Profile) -> Option<String> {
    if s.sport != Sport::Run || s.intent != Some(Intent::Recovery) {
        return None;
    }
    let mins = s.duration.get() / 60;
    let long = s.duration.get() > MAX_RECOVERY_RUN_S;
    let hot = zones::exceeds_zone2(s.avg_hr, p) == Some(true);
    let ceiling = zones::zone2_ceiling(p)
        .map(|(b, _)| format!(" ({} bpm)", b.get()))
        .unwrap_or_default();
    let hr = s.avg_hr.map(|b| b.get()).unwrap_or(0);
    match (long, hot) {
        (true, true) => Some(format!(
            "{mins} min at {hr} bpm average, over 30 minutes and above Zone 2{ceiling}: not a recovery run — junk miles."
        )),
        (true, false) => Some(format!(
            "{mins} min is over 30 minutes: not a recovery run — it makes its own fatigue."
        )),
        (false, true) => Some(format!(
            "{hr} bpm average is above Zone 2{ceiling}: not a recovery run — keep it easy."
        )),
        (false, false) => None,
    }
}

/// R3 flags for runs meant as recovery in the last 7 days and those planned, by date.
pub(super) fn recent(input: &AdvisorInput) -> Vec<SessionFlag> {
    let from = input.today.add_days(1 - RECENT_DAYS);
    let mut flagged: Vec<(&Session, String)> = input
        .sessions
        .iter()
        .filter(|s| s.date >= from)
        .filter_map(|s| r3_flag(s, input.profile).map(|r| (s, r)))
        .collect();
    flagged.sort_by_key(|(a, _)| (a.date, a.start_time));
    flagged
        .into_iter()
        .map(|(s, reason)| SessionFlag {
            id: s.id.clone(),
            rule: RuleId::R3,
            reason: with_when(s, &reason, input.today),
        })
        .collect()
}

/// "“Shakeout” on 2026-03-10: …", "Recovery run planned for 2026-03-14: …".
fn with_when(s: &Session, reason: &str, today: Day) -> String {
    let what = if s.title.trim().is_empty() {
        "Recovery run".to_string()
    } else {
        format!("“{}”", s.title.trim())
    };
    let when = if s.date > today {
        format!("planned for {}", s.date)
    } else if s.date == today {
        "today".to_string()
    } else {
        format!("on {}", s.date)
    };
    format!("{what} {when}: {reason}")
}
