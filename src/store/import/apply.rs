//! The one entry point that changes the data with an import's plan ([`apply`]), in one
//! change: the page calls it inside `AppState::change`, so the whole import is saved in one
//! write or not at all. It fills in the plan's outcomes that only the whole data can tell.
//!
//! - **Profile** (backups only): a fresh app's profile (never edited) is filled in from the
//!   backup: each field the backup gives replaces the default; fields missing or null keep
//!   theirs, and estimated TSS are recomputed. A profile the athlete set is **never changed
//!   by an import**: the backup's is offered beside it with what would change, field by
//!   field (`ImportReport::profile_offer`), and the athlete takes it or keeps theirs.
//! - **Sessions** of a backup or CSV merge by id: a new id is added, a known id replaces
//!   that session (counted as updated, or unchanged if identical). Nothing is deleted. A
//!   session without a TSS is scored ([`tss::rescore`], the one function that scores a
//!   session); a TSS without a method is marked `given`; a TSS with a method is kept as the
//!   file has it.
//! - **Activities** the plan adds are scored the same way, unless the log gained the same
//!   activity since the plan was made (another tab): then they are not added again.
//! - **Check-ins**: a backup's replace that day's; a check-ins CSV row updates the fields it
//!   gives (docs/formats.md §2.1); another app's values only fill what a day lacks, so what
//!   the runner typed wins and importing the same export again changes nothing (issue #33).
//! - **Settings** (theme, last backup) are this device's and never imported.

use super::activities::{inputs, Origin, Seen};
use super::context::Logged;
use super::own::ImportReport;
use super::plan::{
    ActivityOutcome, ActivityPlan, DaysApplied, ExportPlan, FileRead, OwnFile, Plan, Scored,
};
use crate::domain::profile::Profile;
use crate::domain::quantity::RmssdMs;
use crate::domain::session::{Session, TssMethod};
use crate::domain::tss;
use crate::domain::wellness::Wellness;
use crate::sources::DayValues;
use crate::store::backup::Backup;
use crate::store::data::Data;

/// Applies `plan` to `data` (see the module doc): the app's own files first (a backup's
/// profile scores what the rest adds), then the other apps' days, then the activities, in
/// the plan's order. Fills in each file's and activity's outcome.
pub fn apply(data: &mut Data, plan: &mut Plan) {
    for f in &mut plan.files {
        if let FileRead::Own(own) = &mut f.read {
            apply_own(data, own);
        }
    }
    for f in &mut plan.files {
        match &mut f.read {
            FileRead::Export(e) => apply_days(data, e),
            FileRead::Archive(a) => a.exports.iter_mut().for_each(|e| apply_days(data, e)),
            _ => {}
        }
    }
    let mut seen = Seen::logged(&data.sessions.iter().map(Logged::of).collect::<Vec<_>>());
    for f in &mut plan.files {
        let activities: Box<dyn Iterator<Item = &mut ActivityPlan>> = match &mut f.read {
            FileRead::Activities { activities, .. } => Box::new(activities.iter_mut()),
            FileRead::Archive(a) => Box::new(
                a.activities
                    .iter_mut()
                    .chain(a.exports.iter_mut().flat_map(|e| e.activities.iter_mut())),
            ),
            FileRead::Export(e) => Box::new(e.activities.iter_mut()),
            _ => Box::new(std::iter::empty()),
        };
        for p in activities {
            add_activity(data, &mut seen, p);
        }
    }
}

/// Adds one planned activity, scored with the data's profile, unless the log has it.
fn add_activity(data: &mut Data, seen: &mut Seen, p: &mut ActivityPlan) {
    let ActivityOutcome::Add { session, scored } = &mut p.outcome else {
        return;
    };
    let logged = Logged::of(session);
    if seen.find(&logged).is_some() {
        *scored = Some(Scored {
            added: false,
            tss: None,
            method: None,
            implausible: None,
        });
        return;
    }
    let mut s = Session::clone(session);
    tss::rescore(&mut s, &data.profile);
    let implausible = tss::score(&s, &data.profile)
        .and_then(|sc| tss::implausible_rate(&s, &sc).map(|rate| (rate, inputs(&s, sc.method))));
    *scored = Some(Scored {
        added: true,
        tss: s.tss,
        method: s.tss_method,
        implausible,
    });
    seen.add(logged, Origin::Batch(p.label.clone()));
    **session = s.clone();
    data.sessions.push(s);
}

/// The profile a backup gives over `current`: each field it gives replaces `current`'s;
/// its dated threshold sets (version 2), or its threshold fields as one set for all days
/// (version 1, docs/formats.md §1.1). `None` when the file gives no profile.
pub fn profile_from(file: &Backup, current: &Profile) -> Option<Profile> {
    let patch = file.profile.as_ref()?;
    let mut profile = patch.apply(current);
    match &file.thresholds {
        Some(sets) => {
            profile = profile.with_sets(sets.clone()).unwrap_or(profile);
        }
        None if patch.fields().any(is_threshold_field) => profile.thresholds.clear(),
        None => {}
    }
    Some(profile)
}

/// Merges one of the app's own files (see the module doc).
fn apply_own(data: &mut Data, own: &mut OwnFile) {
    let file = &own.records;
    let mut report = ImportReport {
        kind: own.kind,
        skipped: file.skipped.clone(),
        ..ImportReport::default()
    };
    if let Some(profile) = profile_from(file, &data.profile) {
        if data.profile.is_fresh() {
            // A fresh app is simply filled in from the backup (a new device, a first run).
            report.profile_changed = profile != data.profile;
            // Recomputes the estimated TSS of the sessions already there if thresholds
            // change.
            data.set_profile(profile);
        } else if profile != data.profile {
            // A profile the athlete set is never changed silently: the backup's is offered,
            // with what would change, field by field, and the athlete decides (the Data page).
            report.profile_changes = data.profile.changes_to(&profile);
            report.profile_offer = Some(profile);
        }
    }
    for w in &file.wellness {
        count_day(&mut report, data.wellness_on(w.date), w);
        data.upsert_wellness(w.clone());
    }
    for row in &own.check_in_rows {
        let mut w = data
            .wellness_on(row.date)
            .cloned()
            .unwrap_or_else(|| Wellness::empty(row.date));
        update(&mut w, row);
        count_day(&mut report, data.wellness_on(row.date), &w);
        data.upsert_wellness(w);
    }
    for s in &file.sessions {
        let mut s = s.clone();
        if s.tss.is_none() {
            tss::rescore(&mut s, &data.profile);
        } else if s.tss_method.is_none() {
            // A TSS with no method came from a device or a coach (domain/tss.rs).
            s.tss_method = Some(TssMethod::Given);
        }
        match data.session(&s.id) {
            Some(old) if *old == s => report.unchanged += 1,
            Some(_) => report.updated += 1,
            None => report.added += 1,
        }
        data.upsert_session(s);
    }
    own.applied = Some(report);
}

fn count_day(report: &mut ImportReport, before: Option<&Wellness>, after: &Wellness) {
    match before {
        Some(old) if old == after => report.wellness_unchanged += 1,
        Some(_) => report.wellness_updated += 1,
        None => report.wellness_added += 1,
    }
}

/// A check-ins CSV row over a day's check-in: every field the row gives replaces it.
fn update(w: &mut Wellness, row: &DayValues) {
    if row.hrv_rmssd.is_some() {
        w.hrv = row.hrv_rmssd;
    }
    if row.hrv_sdnn.is_some() {
        w.hrv_sdnn = row.hrv_sdnn;
    }
    if row.hrv_source.is_some() {
        w.hrv_source = row.hrv_source;
    }
    if let Some((lo, hi)) = row.hrv_range_ms {
        (w.hrv_range_low, w.hrv_range_high) = (RmssdMs::new(lo), RmssdMs::new(hi));
    }
    if row.resting_hr.is_some() {
        w.resting_hr = row.resting_hr;
    }
    if row.sleep_h.is_some() {
        w.sleep_h = row.sleep_h;
    }
    if row.soreness.is_some() {
        w.soreness = row.soreness;
    }
    if let Some(b) = row.pain {
        w.pain = b;
    }
    if let Some(b) = row.sick {
        w.sick = b;
    }
    if let Some(b) = row.injured {
        w.injured = b;
    }
    if let Some(b) = row.menstruating {
        w.menstruating = b;
    }
    if let Some(n) = &row.notes {
        w.notes = n.clone();
    }
}

/// Another app's values over a day's check-in: each fills only what the day lacks (an
/// HRV only when the day has none of either kind, so one day never mixes two sources' HRV).
/// Returns whether anything changed.
fn fill(w: &mut Wellness, v: &DayValues) -> bool {
    let before = w.clone();
    if w.hrv.is_none() && w.hrv_sdnn.is_none() && (v.hrv_rmssd.is_some() || v.hrv_sdnn.is_some()) {
        w.hrv = v.hrv_rmssd;
        w.hrv_sdnn = v.hrv_sdnn;
        w.hrv_source = v.hrv_source;
        let (lo, hi) = v.hrv_range_ms.unzip();
        (w.hrv_range_low, w.hrv_range_high) =
            (lo.and_then(RmssdMs::new), hi.and_then(RmssdMs::new));
    }
    w.resting_hr = w.resting_hr.or(v.resting_hr);
    w.sleep_h = w.sleep_h.or(v.sleep_h);
    w.soreness = w.soreness.or(v.soreness);
    // A box the runner ticked stays ticked; an export's "yes" ticks it.
    w.sick |= v.sick == Some(true);
    w.injured |= v.injured == Some(true);
    w.menstruating |= v.menstruating == Some(true);
    w.pain |= v.pain == Some(true);
    *w != before
}

/// Merges an export's days into the check-ins (fill only; the module doc).
fn apply_days(data: &mut Data, e: &mut ExportPlan) {
    let mut counts = DaysApplied::default();
    let mut at: std::collections::HashMap<_, _> = data
        .wellness
        .iter()
        .enumerate()
        .map(|(i, w)| (w.date, i))
        .collect();
    for v in e.days.iter().filter(|v| !v.is_empty()) {
        match at.get(&v.date).and_then(|&i| data.wellness.get_mut(i)) {
            Some(w) => {
                if fill(w, v) {
                    counts.filled += 1;
                } else {
                    counts.kept += 1;
                }
            }
            None => {
                let mut w = Wellness::empty(v.date);
                fill(&mut w, v);
                at.insert(v.date, data.wellness.len());
                data.wellness.push(w);
                counts.added += 1;
            }
        }
    }
    e.applied = Some(counts);
}

/// The profile fields that are thresholds (docs/formats.md §1).
fn is_threshold_field(name: &str) -> bool {
    matches!(
        name,
        "lthr_bpm"
            | "max_hr_bpm"
            | "resting_hr_bpm"
            | "threshold_pace_s_per_km"
            | "ftp_w"
            | "css_s_per_100m"
    )
}
