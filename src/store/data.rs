//! Everything the app persists, and the edits the UI makes to it.

use serde::{Deserialize, Serialize};

use crate::domain::date::Day;
use crate::domain::pmc;
use crate::domain::profile::Profile;
use crate::domain::rescoring;
use crate::domain::rescoring::Preview;
use crate::domain::session::{Session, SessionId};
use crate::domain::thresholds::ThresholdChange;
use crate::domain::tss;
use crate::domain::wellness::{self, Wellness};

/// Light, dark, or whatever the system says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

/// App settings that are not part of the athlete's profile.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: Theme,
    pub last_backup: Option<Day>,
}

/// The athlete's whole record.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Data {
    pub profile: Profile,
    pub sessions: Vec<Session>,
    pub wellness: Vec<Wellness>,
    pub settings: Settings,
}

impl Data {
    /// A copy to edit: like `clone`, with room for a few more sessions and check-ins. A
    /// cloned `Vec` has no spare capacity, so adding one session to the copy of a long log
    /// would move the whole list again (with 14,600 sessions, ~3 ms of a save in wasm,
    /// profiled in Chromium).
    pub fn to_edit(&self) -> Data {
        fn with_room<T: Clone>(xs: &[T]) -> Vec<T> {
            let mut v = Vec::with_capacity(xs.len() + 8);
            v.extend_from_slice(xs);
            v
        }
        Data {
            profile: self.profile.clone(),
            sessions: with_room(&self.sessions),
            wellness: with_room(&self.wellness),
            settings: self.settings.clone(),
        }
    }

    /// Adds the session, or replaces the one with its id.
    pub fn upsert_session(&mut self, s: Session) {
        match self.sessions.iter_mut().find(|x| x.id == s.id) {
            Some(slot) => *slot = s,
            None => self.sessions.push(s),
        }
    }

    /// Removes and returns the session with this id.
    pub fn delete_session(&mut self, id: &SessionId) -> Option<Session> {
        let i = self.sessions.iter().position(|s| &s.id == id)?;
        Some(self.sessions.remove(i))
    }

    /// Sets the check-in for its day (one a day).
    pub fn upsert_wellness(&mut self, w: Wellness) {
        match self.wellness.iter_mut().find(|x| x.date == w.date) {
            Some(slot) => *slot = w,
            None => self.wellness.push(w),
        }
    }

    pub fn wellness_on(&self, day: Day) -> Option<&Wellness> {
        wellness::on(&self.wellness, day)
    }

    /// Replaces the profile and recomputes every estimated TSS with the thresholds in force
    /// on its date (a TSS that was given stays as it is; a session whose set did not change
    /// gets the same TSS again).
    pub fn set_profile(&mut self, profile: Profile) {
        let rescore = thresholds_changed(&self.profile, &profile);
        self.profile = profile;
        if rescore {
            self.rescore_all();
        }
    }

    /// Replaces the profile and recomputes every estimated TSS, whatever changed.
    pub fn set_profile_rescored(&mut self, profile: Profile) {
        self.profile = profile;
        self.rescore_all();
    }

    /// The profile after a change of thresholds (docs/domain.md §6). A profile without dated
    /// sets that gets a new set keeps its thresholds for the days from the first logged one
    /// (or `today` when nothing is logged).
    pub fn profile_after(&self, change: &ThresholdChange, today: Day) -> Profile {
        let first = pmc::first_day(&self.sessions).map_or(today, |d| d.min(today));
        self.profile.with_change(change, first)
    }

    /// What replacing the profile by `next` would re-score, before anything is (docs/domain.md
    /// §6): how many sessions change, the largest changes, today's CTL/ATL/TSB before and
    /// after. Applying it is [`Data::set_profile`].
    pub fn threshold_preview(&self, next: &Profile, today: Day) -> Preview {
        rescoring::preview(&self.sessions, &self.profile, next, today)
    }

    fn rescore_all(&mut self) {
        for s in &mut self.sessions {
            tss::rescore(s, &self.profile);
        }
    }

    /// A new id, unique in practice: `millis` (the time in ms, from the caller, which owns
    /// the clock) and a counter kept here for several ids in one millisecond. See
    /// [`Data::session_id`].
    pub fn new_session_id(millis: f64) -> SessionId {
        use std::sync::atomic::{AtomicU32, Ordering};
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        Data::session_id(millis, COUNTER.fetch_add(1, Ordering::Relaxed))
    }

    /// `s<ms in base 36>-<counter in base 36>`, e.g. `smmkx5qio-0`: distinct for distinct
    /// (millisecond, counter) pairs, sorting roughly by creation time. No random numbers:
    /// two tabs would have to create a session in the same millisecond with the same
    /// counter to collide. A negative, NaN or infinite `millis` counts as 0.
    pub fn session_id(millis: f64, counter: u32) -> SessionId {
        let ms = if millis.is_finite() && millis > 0.0 {
            millis as u64
        } else {
            0
        };
        SessionId(format!("s{}-{}", base36(ms), base36(u64::from(counter))))
    }

    /// The session with this id.
    pub fn session(&self, id: &SessionId) -> Option<&Session> {
        self.sessions.iter().find(|s| &s.id == id)
    }
}

/// Whether a TSS estimate made with `a` could differ with `b`: on some day, the thresholds
/// in force differ (docs/domain.md §6).
pub(crate) fn thresholds_changed(a: &Profile, b: &Profile) -> bool {
    a.current_thresholds()
        .scores_differently(&b.current_thresholds())
        || a.threshold_sets() != b.threshold_sets()
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::quantity::{Bpm, Seconds};
    use crate::domain::session::{Sport, TssMethod};

    fn run(id: &str) -> Session {
        let mut s = Session::new(
            SessionId(id.into()),
            Day::EPOCH,
            Sport::Run,
            Seconds::new(3600).unwrap(),
        );
        s.avg_hr = Bpm::new(153);
        s
    }

    #[test]
    fn a_copy_to_edit_is_the_data_with_room_to_add() {
        let mut d = Data::default();
        for i in 0..100 {
            d.upsert_session(run(&format!("s{i}")));
        }
        d.sessions.shrink_to_fit();
        let mut copy = d.to_edit();
        assert_eq!(copy, d);
        let at = copy.sessions.as_ptr();
        copy.upsert_session(run("new"));
        assert_eq!(copy.sessions.as_ptr(), at, "the list was not moved");
        assert_eq!(copy.sessions.len(), 101);
    }

    #[test]
    fn upsert_and_delete_by_id() {
        let mut d = Data::default();
        d.upsert_session(run("a"));
        d.upsert_session(run("b"));
        let mut a2 = run("a");
        a2.title = "changed".into();
        d.upsert_session(a2);
        assert_eq!(d.sessions.len(), 2);
        assert_eq!(d.sessions[0].title, "changed");
        assert!(d.delete_session(&SessionId("a".into())).is_some());
        assert!(d.delete_session(&SessionId("a".into())).is_none());
    }

    #[test]
    fn new_thresholds_rescore_estimates() {
        let mut d = Data::default();
        d.set_profile(Profile {
            lthr: Bpm::new(170),
            ..Profile::default()
        });
        let mut s = run("a");
        tss::rescore(&mut s, &d.profile);
        d.upsert_session(s);
        // hrTSS 1 h at 153/170 = 0.9 → 81; with LTHR 153 → 100.
        assert!((d.sessions[0].tss.unwrap().get() - 81.0).abs() < 1e-9);
        d.set_profile(Profile {
            lthr: Bpm::new(153),
            ..Profile::default()
        });
        assert_eq!(d.sessions[0].tss.map(|t| t.get()), Some(100.0));
        assert_eq!(d.sessions[0].tss_method, Some(TssMethod::Hr));
    }

    #[test]
    fn ids_differ_within_one_millisecond() {
        assert_ne!(Data::new_session_id(1.0e12), Data::new_session_id(1.0e12));
        // 2026-03-10T18:04:00Z = 1 773 165 840 000 ms = "mmkx5qio" in base 36.
        assert_eq!(Data::session_id(1_773_165_840_000.0, 0).0, "smmkx5qio-0");
        assert_eq!(Data::session_id(1_773_165_840_000.0, 36).0, "smmkx5qio-10");
        assert_eq!(Data::session_id(f64::NAN, 1).0, "s0-1");
    }

    #[test]
    fn one_check_in_a_day() {
        let mut d = Data::default();
        let day = Day::EPOCH.add_days(3);
        let mut w = Wellness::empty(day);
        w.soreness = Some(2);
        d.upsert_wellness(w.clone());
        w.soreness = Some(8);
        d.upsert_wellness(w);
        d.upsert_wellness(Wellness::empty(day.add_days(1)));
        assert_eq!(d.wellness.len(), 2);
        assert_eq!(d.wellness_on(day).and_then(|w| w.soreness), Some(8));
        assert!(d.wellness_on(day.add_days(2)).is_none());
    }
}
