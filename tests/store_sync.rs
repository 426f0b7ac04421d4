//! Two devices through one backup file (issue #34, `store::sync`): each device's sync is
//! what the file worker does (`sync::with_file`: the stored data merged with the file's
//! text over the device's base), played here over texts, as the browser plays it over a
//! file in a synced folder.

use recovery_run::domain::date::Day;
use recovery_run::domain::quantity::{Bpm, Seconds};
use recovery_run::domain::session::{Session, SessionId, Sport};
use recovery_run::domain::thresholds::{ThresholdChange, Thresholds};
use recovery_run::domain::wellness::Wellness;
use recovery_run::store::data::Data;
use recovery_run::store::schema;
use recovery_run::store::sync::{self, Base};

const NOW: &str = "2026-12-06T10:00:00Z";

fn day(s: &str) -> Day {
    s.parse().expect("a day")
}

fn session(id: &str, date: &str, title: &str) -> Session {
    let mut s = Session::new(
        SessionId(id.into()),
        day(date),
        Sport::Run,
        Seconds::from_minutes(40).expect("minutes"),
    );
    s.title = title.into();
    s.avg_hr = Bpm::new(140);
    s
}

/// A device: its data and its base with the file.
#[derive(Default)]
struct Device {
    data: Data,
    base: Option<Base>,
}

impl Device {
    /// One sync with the file's `text`: merges, applies the changes here, and answers the
    /// file's new text.
    fn sync(&mut self, file: &str) -> String {
        let stored = schema::encode(&self.data);
        let s =
            sync::with_file(&stored, file, "backup.json", self.base.as_ref(), NOW).expect("synced");
        s.changes.apply(&mut self.data);
        self.base = Some(s.base);
        s.text
    }

    fn titles(&self) -> Vec<&str> {
        let mut t: Vec<&str> = self
            .data
            .sessions
            .iter()
            .map(|s| s.title.as_str())
            .collect();
        t.sort();
        t
    }
}

#[test]
fn two_devices_merge_both_ways_through_one_file() {
    let mut phone = Device::default();
    phone
        .data
        .sessions
        .push(session("p1", "2026-12-01", "Phone run"));
    let mut laptop = Device::default();
    laptop
        .data
        .sessions
        .push(session("l1", "2026-12-02", "Laptop run"));
    let mut w = Wellness::empty(day("2026-12-02"));
    w.soreness = Some(3);
    laptop.data.wellness.push(w);

    // The phone chooses the file (new, empty) and writes it.
    let file = phone.sync("");
    assert!(file.contains("Phone run"));
    // The laptop chooses the same file: nothing is deleted on either side.
    let file = laptop.sync(&file);
    assert_eq!(laptop.titles(), ["Laptop run", "Phone run"]);
    assert_eq!(laptop.data.wellness.len(), 1);
    // The phone reads what the laptop wrote.
    let file = phone.sync(&file);
    assert_eq!(phone.titles(), ["Laptop run", "Phone run"]);
    assert_eq!(phone.data.wellness, laptop.data.wellness);

    // The laptop edits a session, the phone adds one: both travel.
    laptop.data.sessions[0].title = "Laptop run, edited".into();
    let file = laptop.sync(&file);
    phone
        .data
        .sessions
        .push(session("p2", "2026-12-03", "Phone tempo"));
    let file = phone.sync(&file);
    assert_eq!(
        phone.titles(),
        ["Laptop run, edited", "Phone run", "Phone tempo"]
    );
    let file = laptop.sync(&file);
    assert_eq!(laptop.titles(), phone.titles());

    // The phone deletes a session both had: it goes on the laptop too (the laptop did not
    // change it since).
    phone.data.sessions.retain(|s| s.id.0 != "p1");
    let file = phone.sync(&file);
    let file = laptop.sync(&file);
    assert_eq!(laptop.titles(), ["Laptop run, edited", "Phone tempo"]);

    // Both change the same session between syncs: the later change wins (the device that
    // syncs right after its save).
    laptop.data.sessions[0].title = "Laptop's title".into();
    let file = laptop.sync(&file);
    let i = phone
        .data
        .sessions
        .iter()
        .position(|s| s.id.0 == "l1")
        .expect("there");
    phone.data.sessions[i].title = "Phone's title".into();
    let file = phone.sync(&file);
    assert!(phone.titles().contains(&"Phone's title"));
    let _ = laptop.sync(&file);
    assert!(laptop.titles().contains(&"Phone's title"));
}

#[test]
fn dated_threshold_sets_travel_and_rescore() {
    let mut a = Device::default();
    a.data.sessions.push(session("a1", "2026-11-01", "Early"));
    a.data.sessions.push(session("a2", "2026-12-01", "Late"));
    let p = a.data.profile.with_change(
        &ThresholdChange::NewSet {
            since: day("2026-10-01"),
            values: Thresholds {
                lthr: Bpm::new(160),
                ..Thresholds::default()
            },
        },
        day("2026-11-01"),
    );
    a.data.set_profile(p);
    let mut b = Device::default();
    let file = a.sync("");
    let file = b.sync(&file);
    assert_eq!(b.data.profile, a.data.profile);
    // A new set from 2026-11-15 on the second device…
    let since = day("2026-11-15");
    let p = b.data.profile.with_change(
        &ThresholdChange::NewSet {
            since,
            values: Thresholds {
                lthr: Bpm::new(170),
                ..Thresholds::default()
            },
        },
        day("2026-11-01"),
    );
    b.data.set_profile(p);
    let file = b.sync(&file);
    // …reaches the first, which scores its late session with it.
    let _ = a.sync(&file);
    assert_eq!(a.data.profile.threshold_sets().len(), 2);
    assert_eq!(a.data.sessions, b.data.sessions);
    let late = a
        .data
        .sessions
        .iter()
        .find(|s| s.id.0 == "a2")
        .expect("late");
    let early = a
        .data
        .sessions
        .iter()
        .find(|s| s.id.0 == "a1")
        .expect("early");
    assert!(late.tss < early.tss, "LTHR 170 scores the same run lower");
}

#[test]
fn a_file_that_is_not_a_backup_is_never_written_over() {
    let stored = schema::encode(&Data::default());
    for text in [
        "hello",
        "id,date,sport,duration_s\n1,2026-01-01,run,60\n",
        "{\"a\":1}",
    ] {
        let e = sync::with_file(&stored, text, "notes.txt", None, NOW).expect_err("refused");
        assert!(e.contains("not written over"), "{e}");
    }
}
