//! The app's state: the stored data as a signal, today's date, and what went wrong.
//!
//! Components read the data through this context and change it only with
//! [`AppState::change`], which saves first and shows the change only once it is stored.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::reactive::owner::{ArenaItem, LocalStorage};

use crate::domain::advisor::{self, Advice, AdvisorInput};
use crate::domain::date::{Day, TimeOfDay};
use crate::domain::pmc::{self, Earlier, PmcDay};
use crate::domain::profile::Profile;
use crate::domain::session::Session;
use crate::domain::wellness::Wellness;
use crate::store::data::{Data, Settings};
use crate::store::kv::Browser;
use crate::store::local::{Db, Loaded, Problem, SaveError};
use crate::ui::clock;

#[derive(Clone, Copy)]
pub struct AppState {
    /// Everything stored, once [`AppState::decode_rest`]: until then (from opening to the first
    /// idle moment after the first paint) the sessions are only the recent ones, which are
    /// all that Today's advice reads. So the sessions are read only through
    /// [`AppState::whole`], which decodes the rest first; the profile, check-ins and
    /// settings, always whole, through `with_profile`, `with_wellness`, `with_settings`.
    /// Shared with the database's cache after a save (`Db::save`), not copied.
    data: RwSignal<Arc<Data>>,
    /// Set while `data` holds only the recent sessions: what stands for the earlier ones.
    earlier: RwSignal<Option<Earlier>>,
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
    /// The session the Log last deleted, while its `Undo` is offered: kept here, not on the
    /// Log page, so that leaving the Log and coming back still offers it. Any other change
    /// ends the offer ([`AppState::change`]).
    pub deleted: RwSignal<Option<Session>>,
    /// The database: localStorage, and what this tab last read from it or wrote to it.
    db: ArenaItem<Db<Browser>, LocalStorage>,
    /// Reads storage with the tolerant reader, from its split point (`ui::split::read_storage`,
    /// given by the frame: the state does not depend on the list of split points).
    read_storage: fn(AppState),
}

impl AppState {
    /// The state as storage holds it; `read_storage` is the tolerant reader's split point,
    /// called when the first download's typed reader refuses what is stored.
    pub fn load(read_storage: fn(AppState)) -> AppState {
        let (today, now) = clock::now();
        let mut db = Db::browser();
        // The typed reader alone; texts it refuses wait for the tolerant reader (`take_typed`).
        let opened = db.open_typed(today);
        let reading = opened.is_none();
        let loaded = opened.unwrap_or_else(|| Loaded::reading(READING));
        let data = RwSignal::new(Arc::new(loaded.data));
        let earlier = RwSignal::new(loaded.earlier);
        // Storage is prepared for the first save a while after the first paint (ui::split).
        let today = RwSignal::new(today);
        let now = RwSignal::new(now);
        let pmc = Memo::new(move |_| {
            let today = today.get();
            let earlier = earlier.get();
            data.with(|d| pmc::chart(&d.sessions, &d.profile, earlier.as_ref(), today))
        });
        let advice = Memo::new(move |_| {
            let (today, now) = (today.get(), now.get());
            let earlier = earlier.get();
            data.with(|d| {
                pmc.with(|pmc| {
                    advisor::advise(&AdvisorInput {
                        today,
                        now: Some(now),
                        sessions: &d.sessions,
                        logged_from: pmc::logged_from(&d.sessions, earlier.as_ref()),
                        stretch: pmc::stretch_on(&d.sessions, earlier.as_ref(), today),
                        wellness: &d.wellness,
                        profile: &d.profile,
                        pmc,
                    })
                })
            })
        });
        let state = AppState {
            data,
            earlier,
            today,
            now,
            problem: RwSignal::new(loaded.problem),
            save_error: RwSignal::new(None),
            pmc,
            advice,
            deleted: RwSignal::new(None),
            db: ArenaItem::new_local(db),
            read_storage,
        };
        if reading {
            read_storage(state);
        }
        state
    }

    /// Runs `f` on the database. The database lies in the reactive arena, which stays
    /// locked while `f` runs: `f` must read no signal (a read would abort the wasm), so
    /// read what it needs before.
    fn db<T>(&self, f: impl FnOnce(&mut Db<Browser>) -> T) -> T {
        self.db.try_update_value(f).expect("the app's database")
    }

    /// The whole stored data, every session decoded: decodes the ones opening left for
    /// later first, if it has not yet (a few milliseconds a year of log).
    pub fn whole(&self) -> Whole {
        self.decode_rest();
        Whole(self.data)
    }

    /// Reads the athlete's profile (tracked), which opening decodes whole.
    pub fn with_profile<T>(&self, f: impl FnOnce(&Profile) -> T) -> T {
        self.data.with(|d| f(&d.profile))
    }

    /// Reads the athlete's profile without tracking it.
    pub fn with_profile_untracked<T>(&self, f: impl FnOnce(&Profile) -> T) -> T {
        self.data.with_untracked(|d| f(&d.profile))
    }

    /// Tracks every change to the stored data (the surrounding effect reruns), reading
    /// none of it.
    pub fn track_data(&self) {
        self.data.track();
    }

    /// Reads the check-ins (tracked), which opening decodes whole.
    pub fn with_wellness<T>(&self, f: impl FnOnce(&[Wellness]) -> T) -> T {
        self.data.with(|d| f(&d.wellness))
    }

    /// Reads the app's settings (tracked), which opening decodes whole.
    pub fn with_settings<T>(&self, f: impl FnOnce(&Settings) -> T) -> T {
        self.data.with(|d| f(&d.settings))
    }

    /// Decodes the sessions opening left for later (see `data`); nothing if none were.
    pub fn decode_rest(&self) {
        if self.earlier.with_untracked(Option::is_none) {
            return;
        }
        self.take_typed(self.db(Db::decode_rest_typed));
    }

    fn take(&self, loaded: Loaded) {
        self.data.set(Arc::new(loaded.data));
        self.earlier.set(loaded.earlier);
        self.problem.set(loaded.problem);
    }

    /// What the typed reader read (`Db::open_typed` and the like). When it refused the
    /// stored texts (damage, a `null` where the app writes a value), the app holds nothing
    /// and says it is reading them, and the tolerant reader, which is not in the first
    /// download, reads them as soon as its chunk arrives (`ui::split::read_storage`).
    fn take_typed(&self, loaded: Option<Loaded>) {
        match loaded {
            Some(loaded) => self.take(loaded),
            None => {
                self.take(Loaded::reading(READING));
                (self.read_storage)(*self);
            }
        }
    }

    /// Reads storage with both readers (from the storage tools' split point, after the
    /// typed reader refused what it holds).
    pub fn read_tolerantly(&self) {
        self.take(self.db(Db::load));
    }

    /// Applies `edit` to the data and saves it. Returns `false` (and shows why) when the
    /// browser did not store it; the data on screen then stays as stored.
    pub fn change(&self, edit: impl FnOnce(&mut Data)) -> bool {
        self.decode_rest();
        let mut after = self.data.with_untracked(|d| d.to_edit());
        edit(&mut after);
        if !self.db(|db| db.available()) {
            // Nothing to protect: keep working in memory, and say so.
            self.data.set(Arc::new(after));
            self.end_undo();
            self.save_error.set(Some(SaveError::Unavailable.message()));
            return true;
        }
        let today = self.today.get_untracked();
        match self
            .data
            .with_untracked(|before| self.db(|db| db.save(before, after, today)))
        {
            Ok(written) => {
                self.data.set(written);
                self.save_error.set(None);
                self.end_undo();
                true
            }
            Err(e) => {
                self.save_error.set(Some(e.message()));
                false
            }
        }
    }

    /// Ends the Log's offer to undo a delete: another change was made.
    fn end_undo(&self) {
        if self.deleted.with_untracked(Option::is_some) {
            self.deleted.set(None);
        }
    }

    /// Replaces everything stored (import, start afresh). All or nothing.
    pub fn replace(&self, data: Data) -> bool {
        // Read before the database's closure (see `db`): reading it inside aborted the
        // wasm, and "Delete everything" with it (issue #30).
        let today = self.today.get_untracked();
        match self.db(|db| db.replace(&data, today)) {
            Ok(()) => {
                self.data.set(Arc::new(data));
                self.end_undo();
                self.earlier.set(None);
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

    /// Deletes every key the app keeps in this browser (the data, and Today's snapshot),
    /// and nothing else, leaving the app empty and working. `false` (and why) when storage
    /// is not available to write.
    pub fn delete_all(&self) -> bool {
        match self.db(|db| db.delete_all()) {
            Ok(()) => {
                crate::ui::snapshot::forget();
                self.data.set(Arc::new(Data::default()));
                self.end_undo();
                self.earlier.set(None);
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

    /// Re-reads storage after another tab wrote to it (the caller prepares storage for the
    /// next save at an idle moment: `ui::split::prepare_storage`).
    pub fn reload(&self) {
        self.take_typed(self.db(Db::load_typed));
    }

    /// Encodes every record's text and lays out a version-1 text in blocks, for the first
    /// save (`Db::prepare`); for an idle moment, from the storage tools' split point.
    pub fn prepare_storage(&self) {
        let today = self.today.get_untracked();
        // The whole data (the cache of a partial log would be of no use to a save), shared,
        // so that the first save finds its `before` is what the cache holds.
        self.decode_rest();
        let loaded = self.data.get_untracked();
        self.db(|db| db.prepare(loaded, today));
    }

    /// What names the stored sessions and check-ins (changes when any of them does): what a
    /// backup holds is known by it (`ui::widgets::backup`).
    pub fn records_mark(&self) -> Option<String> {
        self.db(|db| db.records_mark())
    }

    /// Characters the app's data takes in storage.
    pub fn used_chars(&self) -> usize {
        self.db(|db| db.used_chars())
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

/// The stored data with every session decoded: only [`AppState::whole`] makes one, so
/// holding one means the rest was decoded (and storage never gives a partial log again:
/// only opening does).
#[derive(Clone, Copy)]
pub struct Whole(RwSignal<Arc<Data>>);

impl Whole {
    /// Reads the data, tracked.
    pub fn with<T>(&self, f: impl FnOnce(&Data) -> T) -> T {
        self.0.with(|d| f(d))
    }

    /// Reads the data without tracking it.
    pub fn with_untracked<T>(&self, f: impl FnOnce(&Data) -> T) -> T {
        self.0.with_untracked(|d| f(d))
    }

    /// Tracks the data: the surrounding effect reruns when it changes.
    pub fn track(&self) {
        self.0.track();
    }
}

/// The problem shown while stored texts the typed reader refused wait for the tolerant one.
const READING: &str = "Reading the data stored in this browser…";

pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
