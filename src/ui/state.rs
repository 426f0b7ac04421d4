//! The app's state: the stored data as a signal, today's date, and what went wrong.
//!
//! Components read the data through this context and change it only with
//! [`AppState::change`], which saves first and shows the change only once it is stored.

use leptos::prelude::*;

use crate::domain::advisor::{self, Advice, AdvisorInput};
use crate::domain::date::{Day, TimeOfDay};
use crate::domain::pmc::{self, PmcDay};
use crate::store::data::Data;
use crate::store::local::{self, Problem, SaveError};
use crate::ui::clock;
use crate::ui::split;

#[derive(Clone, Copy)]
pub struct AppState {
    pub data: RwSignal<Data>,
    /// The device's local date; updated by a timer so a new day is noticed without a reload.
    pub today: RwSignal<Day>,
    pub now: RwSignal<TimeOfDay>,
    /// Stored data that could not be read (kept untouched until the athlete decides).
    pub problem: RwSignal<Option<Problem>>,
    /// The last save that failed, in words for the athlete.
    pub save_error: RwSignal<Option<String>>,
    /// The performance chart from the first logged day to today.
    pub pmc: Memo<Vec<PmcDay>>,
    /// Today's advice; recomputed when the log, check-in, profile or date changes.
    pub advice: Memo<Advice>,
}

impl AppState {
    pub fn load() -> AppState {
        let loaded = local::load();
        let (today, now) = clock::now();
        let data = RwSignal::new(loaded.data);
        // Storage is prepared for the first save a while after the first paint (ui::split).
        let today = RwSignal::new(today);
        let now = RwSignal::new(now);
        let pmc = Memo::new(move |_| {
            let today = today.get();
            data.with(|d| match pmc::first_day(&d.sessions) {
                Some(first) if first <= today => pmc::series(&d.sessions, &d.profile, first, today),
                _ => Vec::new(),
            })
        });
        let advice = Memo::new(move |_| {
            let (today, now) = (today.get(), now.get());
            data.with(|d| {
                pmc.with(|pmc| {
                    advisor::advise(&AdvisorInput {
                        today,
                        now: Some(now),
                        sessions: &d.sessions,
                        wellness: &d.wellness,
                        profile: &d.profile,
                        pmc,
                    })
                })
            })
        });
        AppState {
            data,
            today,
            now,
            problem: RwSignal::new(loaded.problem),
            save_error: RwSignal::new(None),
            pmc,
            advice,
        }
    }

    /// Applies `edit` to the data and saves it. Returns `false` (and shows why) when the
    /// browser did not store it; the data on screen then stays as stored.
    pub fn change(&self, edit: impl FnOnce(&mut Data)) -> bool {
        let mut after = self.data.with_untracked(Data::clone);
        edit(&mut after);
        if !local::available() {
            // Nothing to protect: keep working in memory, and say so.
            self.data.set(after);
            self.save_error.set(Some(SaveError::Unavailable.message()));
            return true;
        }
        match self
            .data
            .with_untracked(|before| local::save(before, after))
        {
            Ok(written) => {
                self.data.set(written);
                self.save_error.set(None);
                true
            }
            Err(e) => {
                self.save_error.set(Some(e.message()));
                false
            }
        }
    }

    /// Replaces everything stored (import, start afresh). All or nothing.
    pub fn replace(&self, data: Data) -> bool {
        match local::replace(&data) {
            Ok(()) => {
                self.data.set(data);
                self.problem.set(None);
                self.save_error.set(None);
                true
            }
            Err(e) => {
                self.save_error.set(Some(e.message()));
                false
            }
        }
    }

    /// Re-reads storage after another tab wrote to it.
    pub fn reload(&self) {
        let loaded = local::load();
        self.data.set(loaded.data);
        let data = self.data;
        request_idle_callback(move || split::prepare_storage(data));
        self.problem.set(loaded.problem);
    }

    /// Reads the clock; called by a timer.
    pub fn tick(&self) {
        let (today, now) = clock::now();
        if self.today.get_untracked() != today {
            self.today.set(today);
        }
        if self.now.get_untracked() != now {
            self.now.set(now);
        }
    }
}

pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
