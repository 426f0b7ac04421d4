//! Two devices through one backup file (issue #34): the file a runner chose on the Data
//! page (in a folder Syncthing, Dropbox or a drive keeps in step) is read and written by
//! each device, and what each finds there is merged with what it holds.
//!
//! The merge is the three-way merge of two tabs (`store::merge`), with the file in the other
//! tab's place and, as the common ancestor, what this device and the file last agreed on:
//! its [`Base`], kept on the device (a 32-bit hash of each record's row, and the profile).
//!
//! - Sessions by id, check-ins by date. A record only one side changed since the base takes
//!   that side's version; one both changed takes this device's (the later change: a device
//!   syncs right after it saves). A record is deleted only where one side deleted it since
//!   the base and the other did not change it; nothing else is ever deleted. Records new on
//!   either side are kept.
//! - Without a base (the first sync of this device with this file) nothing is deleted and
//!   a record the two hold differently takes the file's version: exactly what importing
//!   the file as a backup does (`store::import`), the merge of devices without the file API.
//! - The profile field by field: this device's where it changed a field since the base,
//!   else the file's; the dated threshold sets travel with it. Without a base, the fields
//!   this device set (not the defaults) are kept. Sessions from a side scored with other
//!   thresholds than the merged profile's are scored again (`tss::rescore`).
//! - Settings (theme, last backup) are the device's and never travel.
//!
//! [`merge`] gives the merged data and the [`Changes`] that turn this device's data into it
//! (what the page applies in one `AppState::change`); the file is then written with the
//! merged data, and the base becomes it.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use serde::{Deserialize, Serialize};

use super::backup;
use super::data::{thresholds_changed, Data};
use super::import::{self, FileKind};
use super::merge;
use super::rows::Row;
use super::schema;
use crate::domain::date::Day;
use crate::domain::profile::Profile;
use crate::domain::session::{Session, SessionId};
use crate::domain::tss;
use crate::domain::wellness::Wellness;

/// What this device and the file last agreed on.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Base {
    /// The 32-bit FNV-1a hash of each record's row text (`rows`), sorted.
    pub records: Vec<u32>,
    pub profile: Profile,
}

impl Base {
    /// The base of `data`: what the file holds after a sync.
    pub fn of(data: &Data) -> Base {
        let mut records: Vec<u32> = data
            .sessions
            .iter()
            .map(record_hash)
            .chain(data.wellness.iter().map(record_hash))
            .collect();
        records.sort_unstable();
        records.dedup();
        Base {
            records,
            profile: data.profile.clone(),
        }
    }

    fn holds<T: Row>(&self, record: &T) -> bool {
        self.records.binary_search(&record_hash(record)).is_ok()
    }

    /// The hashes as text for storage: 4 bytes each, 15 bits to a character
    /// (`store::pack::bits`), about 2.1 characters a record.
    pub fn records_text(&self) -> String {
        let bytes: Vec<u8> = self.records.iter().flat_map(|h| h.to_le_bytes()).collect();
        super::pack::bits(&bytes)
    }

    /// The hashes of [`Base::records_text`]; `None` if the text is damaged.
    pub fn records_from(text: &str) -> Option<Vec<u32>> {
        let bytes = super::pack::unbits(text)?;
        let mut records: Vec<u32> = bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        records.sort_unstable();
        Some(records)
    }
}

/// What this device keeps of its last sync with a file (`store::keeping::SYNC_KEY`): which
/// file, its stamp then (size and time of change, to know it unchanged without reading it),
/// the mark of the data written (records and profile), and the base.
#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    pub file: String,
    pub stamp: String,
    pub mark: String,
    pub base: Base,
}

/// [`Saved`] as stored: the base's records as text (`Base::records_text`).
#[derive(Serialize, Deserialize)]
struct SavedText {
    file: String,
    stamp: String,
    mark: String,
    profile: Profile,
    records: String,
}

impl Saved {
    pub fn text(&self) -> String {
        serde_json::to_string(&SavedText {
            file: self.file.clone(),
            stamp: self.stamp.clone(),
            mark: self.mark.clone(),
            profile: self.base.profile.clone(),
            records: self.base.records_text(),
        })
        .unwrap_or_default()
    }

    /// `None` when the text is not one (then the next sync merges without a base).
    pub fn read(text: &str) -> Option<Saved> {
        let t: SavedText = serde_json::from_str(text).ok()?;
        Some(Saved {
            file: t.file,
            stamp: t.stamp,
            mark: t.mark,
            base: Base {
                records: Base::records_from(&t.records)?,
                profile: t.profile,
            },
        })
    }
}

/// The 32-bit FNV-1a hash of a record's row text.
pub fn record_hash<T: Row>(record: &T) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in record.row_text().bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h
}

/// What turns this device's data into the merged data.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Changes {
    /// The merged profile, when it differs from this device's.
    pub profile: Option<Profile>,
    /// Sessions to add or replace (by id), scored with the merged profile.
    pub sessions: Vec<Session>,
    pub removed_sessions: Vec<SessionId>,
    /// Check-ins to add or replace (by day).
    pub wellness: Vec<Wellness>,
    pub removed_wellness: Vec<Day>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }

    /// Makes the changes to `data` (this device's data, or what it became since the merge
    /// began: the changes are by id and day, so a session added meanwhile stays).
    pub fn apply(&self, data: &mut Data) {
        if let Some(p) = &self.profile {
            // Re-scores this device's estimated sessions with the merged thresholds.
            data.set_profile(p.clone());
        }
        let removed: HashSet<&SessionId> = self.removed_sessions.iter().collect();
        data.sessions.retain(|s| !removed.contains(&s.id));
        for s in &self.sessions {
            data.upsert_session(s.clone());
        }
        let removed: HashSet<&Day> = self.removed_wellness.iter().collect();
        data.wellness.retain(|w| !removed.contains(&w.date));
        for w in &self.wellness {
            data.upsert_wellness(w.clone());
        }
    }

    /// "2 sessions and 1 check-in from the file; 1 session deleted there."
    pub fn summary(&self) -> String {
        let n =
            |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
        let mut parts = Vec::new();
        if !self.sessions.is_empty() || !self.wellness.is_empty() {
            parts.push(format!(
                "{} and {} from the file",
                n(self.sessions.len(), "session", "sessions"),
                n(self.wellness.len(), "check-in", "check-ins")
            ));
        }
        if !self.removed_sessions.is_empty() || !self.removed_wellness.is_empty() {
            parts.push(format!(
                "{} and {} deleted on the other device",
                n(self.removed_sessions.len(), "session", "sessions"),
                n(self.removed_wellness.len(), "check-in", "check-ins")
            ));
        }
        if self.profile.is_some() {
            parts.push("the profile's changes".into());
        }
        parts.join("; ")
    }
}

/// A sync's result: the changes to make here, the file's new text (a plain backup, §1), and
/// the new base.
#[derive(Clone, Debug, PartialEq)]
pub struct Synced {
    pub changes: Changes,
    pub text: String,
    pub base: Base,
}

/// The file worker's part of a sync: the stored envelope (`stored`, as `schema::encode`
/// writes it) merged with the backup file's text (`file`, already decrypted; empty for a
/// new file) over `base`. A file that is not a backup of this app is refused (and not
/// written over), with a sentence for the Data page.
pub fn with_file(
    stored: &str,
    file: &str,
    name: &str,
    base: Option<&Base>,
    now_utc: &str,
) -> Result<Synced, String> {
    let mine = schema::decode(stored)
        .map_err(|_| "The stored data could not be read, so the backup file was not written.")?;
    let theirs = if file.trim().is_empty() {
        None
    } else {
        let refused = |why: String| {
            format!("{name} is not a Recovery Run backup ({why}), so it was not written over. Choose another file.")
        };
        match import::import(&Data::default(), name, file.as_bytes()) {
            Ok((d, report)) if report.kind == FileKind::Backup => Some(d),
            Ok(_) => return Err(refused("it holds other records".into())),
            Err(e) => return Err(refused(e.to_string())),
        }
    };
    let (merged, changes) = match &theirs {
        Some(f) => merge(&mine, f, base),
        None => (mine, Changes::default()),
    };
    Ok(Synced {
        changes,
        text: backup::export(&merged, now_utc),
        base: Base::of(&merged),
    })
}

/// The merge of this device's data (`mine`) and the file's (`file`) over their `base` (see
/// the module doc): the merged data (with this device's settings) and the changes to make
/// here.
pub fn merge(mine: &Data, file: &Data, base: Option<&Base>) -> (Data, Changes) {
    let profile = match base {
        Some(b) => merge::fields(&file.profile, &b.profile, &mine.profile),
        None if mine.profile.is_fresh() => file.profile.clone(),
        None => merge::fields(&file.profile, &Profile::default(), &mine.profile),
    };
    let rescore_mine = thresholds_changed(&profile, &mine.profile);
    let rescore_file = thresholds_changed(&profile, &file.profile);
    let mut changes = Changes {
        profile: (profile != mine.profile).then(|| profile.clone()),
        ..Changes::default()
    };
    let sessions = records(&mine.sessions, &file.sessions, base, |s| s.id.clone());
    let mut merged_sessions = Vec::with_capacity(sessions.len());
    for (s, from_file) in sessions {
        let mut s = s.clone();
        if (from_file && rescore_file) || (!from_file && rescore_mine) {
            tss::rescore(&mut s, &profile);
        }
        if from_file {
            changes.sessions.push(s.clone());
        }
        merged_sessions.push(s);
    }
    let kept: HashSet<&SessionId> = merged_sessions.iter().map(|s| &s.id).collect();
    changes.removed_sessions = mine
        .sessions
        .iter()
        .filter(|s| !kept.contains(&s.id))
        .map(|s| s.id.clone())
        .collect();
    let wellness = records(&mine.wellness, &file.wellness, base, |w| w.date);
    let merged_wellness: Vec<Wellness> = wellness
        .into_iter()
        .map(|(w, from_file)| {
            if from_file {
                changes.wellness.push(w.clone());
            }
            w.clone()
        })
        .collect();
    let kept: HashSet<Day> = merged_wellness.iter().map(|w| w.date).collect();
    changes.removed_wellness = mine
        .wellness
        .iter()
        .filter(|w| !kept.contains(&w.date))
        .map(|w| w.date)
        .collect();
    let merged = Data {
        profile,
        sessions: merged_sessions,
        wellness: merged_wellness,
        settings: mine.settings.clone(),
    };
    (merged, changes)
}

/// The merged records, each with whether it is the file's version of a record this device
/// does not hold as it is (so a change to make here). This device's order, then the file's
/// new records in the file's order.
fn records<'a, T: Row + Clone, K: Eq + Hash>(
    mine: &'a [T],
    file: &'a [T],
    base: Option<&Base>,
    key: impl Fn(&T) -> K,
) -> Vec<(&'a T, bool)> {
    let synced = |x: &T| base.is_some_and(|b| b.holds(x));
    let in_file: HashMap<K, &T> = file.iter().map(|x| (key(x), x)).collect();
    let in_mine: HashSet<K> = mine.iter().map(&key).collect();
    let mut out = Vec::with_capacity(mine.len().max(file.len()));
    for m in mine {
        match in_file.get(&key(m)) {
            Some(f) if *f == m => out.push((m, false)),
            Some(f) => {
                let mine_changed = !synced(m);
                let file_changed = !synced(f);
                // Only the file changed it, or (no base) the file's version as an import.
                let theirs = (file_changed && !mine_changed) || base.is_none();
                out.push(if theirs { (*f, true) } else { (m, false) });
            }
            // Deleted in the file since the base, and not changed here: deleted.
            None if synced(m) => {}
            None => out.push((m, false)),
        }
    }
    for f in file {
        // Deleted here since the base (and not changed in the file): stays deleted.
        if !in_mine.contains(&key(f)) && !synced(f) {
            out.push((f, true));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::quantity::Seconds;
    use crate::domain::session::Sport;

    fn s(id: &str, title: &str) -> Session {
        let mut s = Session::new(
            SessionId(id.into()),
            Day::EPOCH,
            Sport::Run,
            Seconds::new(1800).unwrap(),
        );
        s.title = title.into();
        s
    }

    fn data(sessions: &[Session]) -> Data {
        Data {
            sessions: sessions.to_vec(),
            ..Data::default()
        }
    }

    fn titles(d: &Data) -> Vec<(String, String)> {
        d.sessions
            .iter()
            .map(|s| (s.id.0.clone(), s.title.clone()))
            .collect()
    }

    #[test]
    fn without_a_base_nothing_is_deleted_and_the_file_wins() {
        let mine = data(&[s("a", "mine"), s("b", "only here")]);
        let file = data(&[s("a", "file's"), s("c", "only there")]);
        let (merged, changes) = merge(&mine, &file, None);
        assert_eq!(
            titles(&merged),
            [
                ("a".into(), "file's".into()),
                ("b".into(), "only here".into()),
                ("c".into(), "only there".into())
            ]
        );
        assert_eq!(changes.sessions.len(), 2);
        assert!(changes.removed_sessions.is_empty());
        let mut here = mine.clone();
        changes.apply(&mut here);
        assert_eq!(here, merged);
    }

    #[test]
    fn with_a_base_each_side_s_change_travels_and_deletions_too() {
        let synced = data(&[s("a", "a"), s("b", "b"), s("c", "c"), s("d", "d")]);
        let base = Base::of(&synced);
        // Here: a edited, c deleted, e added. There: b edited, d deleted, f added.
        let mine = data(&[s("a", "a here"), s("b", "b"), s("d", "d"), s("e", "e")]);
        let file = data(&[s("a", "a"), s("b", "b there"), s("c", "c"), s("f", "f")]);
        let (merged, changes) = merge(&mine, &file, Some(&base));
        assert_eq!(
            titles(&merged),
            [
                ("a".into(), "a here".into()),
                ("b".into(), "b there".into()),
                ("e".into(), "e".into()),
                ("f".into(), "f".into())
            ]
        );
        assert_eq!(changes.removed_sessions, [SessionId("d".into())]);
        let mut here = mine.clone();
        changes.apply(&mut here);
        assert_eq!(here, merged);
        // Both changed the same session: this device's, the later change.
        let mine = data(&[s("a", "a here")]);
        let file = data(&[s("a", "a there")]);
        let (merged, _) = merge(&mine, &file, Some(&Base::of(&data(&[s("a", "a")]))));
        assert_eq!(merged.sessions[0].title, "a here");
        // Deleted there, edited here: kept.
        let mine = data(&[s("a", "edited")]);
        let (merged, _) = merge(&mine, &data(&[]), Some(&Base::of(&data(&[s("a", "a")]))));
        assert_eq!(merged.sessions.len(), 1);
    }

    #[test]
    fn the_base_s_records_travel_as_text() {
        let base = Base::of(&data(&[s("a", "a"), s("b", "b"), s("c", "c")]));
        let text = base.records_text();
        assert!(text.chars().count() < 12, "{}", text.chars().count());
        assert_eq!(Base::records_from(&text), Some(base.records.clone()));
        let saved = Saved {
            file: "backup.json".into(),
            stamp: "12:34".into(),
            mark: "m".into(),
            base,
        };
        assert_eq!(Saved::read(&saved.text()), Some(saved));
        assert_eq!(Saved::read("{}"), None);
    }
}
