//! What a change of thresholds does to the log (docs/domain.md §6): every session re-scored
//! with the new profile, and the preview shown before anything is — how many sessions
//! change, the largest changes, today's CTL, ATL and TSB before and after.

use super::date::Day;
use super::pmc::{self, PmcDay};
use super::profile::Profile;
use super::quantity::Tss;
use super::session::{Session, SessionId, TssMethod};
use super::tss;

/// One session's TSS before and after a change.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionChange {
    pub id: SessionId,
    pub date: Day,
    pub title: String,
    pub before: Option<Tss>,
    pub after: Option<Tss>,
    pub method_after: Option<TssMethod>,
}

impl SessionChange {
    /// After − before, in TSS (a missing TSS counts 0).
    pub fn delta(&self) -> f64 {
        self.after.map_or(0.0, Tss::get) - self.before.map_or(0.0, Tss::get)
    }
}

/// What a change of thresholds would do, shown before anything is re-scored (docs/domain.md §6).
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    /// How many sessions get another TSS (or method).
    pub changed: usize,
    /// The largest changes by size, largest first; at most [`PREVIEW_LARGEST`].
    pub largest: Vec<SessionChange>,
    /// Today's CTL, ATL and TSB before and after (`None` when nothing is logged by today).
    pub today_before: Option<PmcDay>,
    pub today_after: Option<PmcDay>,
}

/// How many of the largest changes a preview lists.
pub const PREVIEW_LARGEST: usize = 5;

/// Every session re-scored with `profile` (a TSS someone gave stays; `tss::rescore`).
pub fn rescored(sessions: &[Session], profile: &Profile) -> Vec<Session> {
    sessions
        .iter()
        .map(|s| {
            let mut s = s.clone();
            tss::rescore(&mut s, profile);
            s
        })
        .collect()
}

/// The preview of replacing the profile `before` (with which `sessions` are scored) by
/// `after`, on `today`.
pub fn preview(sessions: &[Session], before: &Profile, after: &Profile, today: Day) -> Preview {
    let next = rescored(sessions, after);
    let mut changes: Vec<SessionChange> = sessions
        .iter()
        .zip(&next)
        .filter(|(a, b)| (a.tss, a.tss_method) != (b.tss, b.tss_method))
        .map(|(a, b)| SessionChange {
            id: a.id.clone(),
            date: a.date,
            title: a.title.clone(),
            before: a.tss,
            after: b.tss,
            method_after: b.tss_method,
        })
        .collect();
    let changed = changes.len();
    changes.sort_by(|a, b| {
        b.delta()
            .abs()
            .total_cmp(&a.delta().abs())
            .then(b.date.cmp(&a.date))
    });
    changes.truncate(PREVIEW_LARGEST);
    let today_of = |sessions: &[Session], p: &Profile| {
        let first = pmc::first_day(sessions)?;
        if first > today {
            return None;
        }
        pmc::series(sessions, p, first, today).last().copied()
    };
    Preview {
        changed,
        largest: changes,
        today_before: today_of(sessions, before),
        today_after: today_of(&next, after),
    }
}
