//! The import report: an applied [`Plan`]'s outcomes in the words a runner reads (issue
//! #32: the plan carries typed outcomes, and only this writes sentences). Pure, so it is
//! tested natively; the Data page shows what [`write`] returns.
//!
//! A summary sentence, then a line per file (and per activity, skipped record, unreadable
//! file inside an archive, and what a file said beside its activities), in the order the
//! files were chosen; inside an archive, in the archive's order.

use serde::{Deserialize, Serialize};

use crate::domain::profile::Profile;
use crate::domain::tss;
use crate::store::data::Data;
use crate::store::files::FileIn;
use crate::store::import::own::ImportReport;
use crate::store::import::plan::{
    ActivityOutcome, ActivityPlan, ArchivePlan, DaysApplied, ExportPlan, Failure, FileRead, Plan,
};
use crate::store::import::{self, ImportContext, Progress, Shard, Source};

/// The report of one batch: a summary sentence and one line per file (and per skipped
/// record).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BatchReport {
    pub summary: String,
    pub lines: Vec<String>,
    /// Whether every file was read (duplicates count as read).
    pub ok: bool,
    /// How many of the batch's files were read (the page styles the report as an error
    /// only when none was: a batch that partly worked is a report, not a failure).
    pub read: usize,
    /// A backup's profile that differs from the athlete's, which was kept, and what would
    /// change (`ImportReport::profile_offer`): the page asks.
    pub profile_offer: Option<(Box<Profile>, Vec<String>)>,
}

/// The report of an applied plan.
pub fn write(plan: &Plan) -> BatchReport {
    let count = plan.files.len();
    let mut lines: Vec<String> = Vec::new();
    let mut failed = 0usize;
    let mut archives = 0usize;
    let mut profile_offer = None;
    // Activity files inside archives that could not be read: the batch's own count of
    // files not read leaves them out (the archive was read).
    let mut failed_in_archives = 0usize;
    let mut activities = Tally::default();
    for f in &plan.files {
        let name = &f.name;
        match &f.read {
            FileRead::Failed(why) => {
                failed += 1;
                lines.push(failure_line(name, why));
            }
            FileRead::Own(own) => {
                let rep = own.applied.clone().unwrap_or_default();
                if let Some(offer) = &rep.profile_offer {
                    profile_offer = Some((Box::new(offer.clone()), rep.profile_changes.clone()));
                }
                lines.push(format!("{name}: {}", own_summary(&rep)));
                lines.extend(
                    rep.skipped
                        .iter()
                        .map(|(at, why)| format!("{name}, {at}: {why}")),
                );
            }
            FileRead::Activities {
                activities: list,
                notes,
            } => {
                let mut any_failed = false;
                for a in list {
                    any_failed |= matches!(a.outcome, ActivityOutcome::Failed(_));
                    activities.count(a);
                    lines.push(activity_line(a));
                }
                lines.extend(notes.iter().map(|note| format!("{name}: {note}.")));
                if any_failed {
                    failed += 1;
                }
            }
            FileRead::Archive(a) => {
                archives += 1;
                lines.push(archive_line(name, a));
                lines.extend(
                    a.unreadable
                        .iter()
                        .map(|(path, why)| format!("{name} › {path}: not imported — {why}.")),
                );
                for p in &a.activities {
                    if matches!(p.outcome, ActivityOutcome::Failed(_)) {
                        failed_in_archives += 1;
                    }
                    activities.count(p);
                    lines.push(activity_line(p));
                }
                for (label, note) in &a.notes {
                    lines.push(format!("{label}: {note}."));
                }
                for e in &a.exports {
                    lines.extend(export_lines(&e.label, e));
                    e.activities.iter().for_each(|p| activities.count(p));
                }
            }
            FileRead::Export(e) => {
                lines.extend(export_lines(name, e));
                e.activities.iter().for_each(|p| activities.count(p));
            }
        }
    }
    let imported = count - failed;
    let summary = match (count, activities.any) {
        // One archive is many files: its activities get their summary.
        (1, true) if archives > 0 => format!("Activities: {}", activities.summary()),
        (1, _) => String::new(),
        // The files not read are counted once, in the batch's count (issue #17).
        (n, true) => format!(
            "{n} files: {imported} read, {failed} not. Activities: {}",
            activities.sentence(failed_in_archives, " in archives")
        ),
        (n, false) => format!("{n} files: {imported} read, {failed} not."),
    };
    BatchReport {
        summary,
        lines,
        ok: failed == 0,
        read: imported,
        profile_offer,
    }
}

/// A whole import in one call, as the Data page makes it with one worker: the plan
/// against the data's context, applied, and its report. The data is not changed: the
/// result is a new [`Data`] (for tests, benchmarks and tools; the app applies the plan
/// inside its one change instead).
pub fn import_files(
    current: &Data,
    files: Vec<FileIn>,
    utc_offset_min: &dyn Fn(i64) -> i32,
    progress: &mut dyn FnMut(usize, usize),
) -> (Data, BatchReport) {
    let sources = files
        .into_iter()
        .map(|(name, bytes)| (name, bytes.map(Source::Bytes)))
        .collect();
    let mut plan = import::plan(
        &ImportContext::of(current),
        sources,
        utc_offset_min,
        &mut |p| {
            if let Progress::Files { done, total } = p {
                progress(done, total)
            }
        },
        Shard::default(),
    );
    let mut next = current.clone();
    import::apply(&mut next, &mut plan);
    (next, write(&plan))
}

fn failure_line(name: &str, why: &Failure) -> String {
    match why {
        Failure::NotGiven(why) => format!("{name}: not imported — {why}"),
        Failure::Unpack(e) => format!("{name}: not imported — {e}"),
        Failure::Own(e) => format!("{name}: nothing imported — {e}"),
        Failure::Archive(e) => format!("{name}: nothing imported — {e}."),
        Failure::Source(e) => format!("{name}: nothing imported — {e}"),
    }
}

fn archive_line(name: &str, a: &ArchivePlan) -> String {
    format!(
        "{name}: an archive of {} files: {} activity files read, {} not activities, {} \
         unreadable.",
        a.inside,
        a.activity_files,
        a.others,
        a.unreadable.len()
    )
}

/// An activity's line: its label and what became of it.
pub fn activity_line(a: &ActivityPlan) -> String {
    format!("{}: {}", a.label, outcome_words(&a.outcome))
}

/// What became of one activity, as it reads after its label.
fn outcome_words(o: &ActivityOutcome) -> String {
    match o {
        ActivityOutcome::Add {
            scored: Some(s), ..
        } if !s.added => "already in the log, not added again".into(),
        ActivityOutcome::Add {
            scored: Some(s), ..
        } => match (s.tss, s.method, &s.implausible) {
            (Some(t), Some(m), Some((rate, inputs))) => format!(
                "added, TSS {:.0} ({}) — implausible: {rate:.0} TSS an hour from {inputs}, \
                 over the {:.0} an hour no one sustains, so it does not count until you \
                 confirm it or pick another method in the Log; check the file and your \
                 thresholds",
                t.get(),
                m.as_str(),
                tss::IMPLAUSIBLE_TSS_PER_HOUR
            ),
            (Some(t), Some(m), None) => format!("added, TSS {:.0} ({})", t.get(), m.as_str()),
            _ => "added, without a TSS (set your thresholds to score it)".into(),
        },
        ActivityOutcome::Add { scored: None, .. } => "to be added".into(),
        ActivityOutcome::AlreadyInLog { .. } => "already in the log, not added again".into(),
        ActivityOutcome::SameAsEarlier { label } => {
            format!("the same activity as {label}, not added again")
        }
        ActivityOutcome::Failed(e) => format!("not imported: {e}"),
    }
}

/// An export's lines: what its days did, and each value it skipped.
fn export_lines(name: &str, e: &ExportPlan) -> Vec<String> {
    let d = e.applied.unwrap_or_default();
    let mut first = format!("{name}: {} — {}", e.source, days_words(&d));
    if !e.skipped.is_empty() {
        first.push_str(&format!(
            " {} skipped (out of range or unreadable).",
            plural(e.skipped.len(), "value", "values")
        ));
    }
    let mut out = vec![first];
    out.extend(e.skipped.iter().map(|s| format!("{name}, {s}")));
    out.extend(e.activities.iter().map(activity_line));
    out
}

/// "3 days added, 2 filled, 1 kept as it was."
fn days_words(d: &DaysApplied) -> String {
    format!(
        "check-ins: {} added, {} filled, {} kept as {}.",
        plural(d.added, "day", "days"),
        d.filled,
        d.kept,
        if d.kept == 1 { "it was" } else { "they were" }
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// One or two sentences for one of the app's own files, e.g. "Sessions: 2 added, 1
/// updated. 3 entries skipped."
pub fn own_summary(r: &ImportReport) -> String {
    let mut s = format!("Sessions: {} added, {} updated", r.added, r.updated);
    if r.unchanged > 0 {
        s.push_str(&format!(", {} already up to date", r.unchanged));
    }
    s.push('.');
    let check_ins = r.wellness_added + r.wellness_updated + r.wellness_unchanged;
    if check_ins > 0 {
        s.push_str(&format!(
            " Check-ins: {} added, {} updated",
            r.wellness_added, r.wellness_updated
        ));
        if r.wellness_unchanged > 0 {
            s.push_str(&format!(", {} already up to date", r.wellness_unchanged));
        }
        s.push('.');
    }
    if r.profile_changed {
        s.push_str(" Profile updated from the backup.");
    }
    if !r.profile_changes.is_empty() {
        s.push_str(&format!(
            " The backup's profile differs from yours ({}); yours is kept until you \
             choose otherwise.",
            r.profile_changes.join("; ")
        ));
    }
    match r.skipped.len() {
        0 => {}
        1 => s.push_str(" 1 entry skipped."),
        n => s.push_str(&format!(" {n} entries skipped.")),
    }
    s
}

/// The batch's activities by what became of them.
#[derive(Default)]
pub struct Tally {
    pub any: bool,
    pub added: usize,
    pub duplicates: usize,
    pub failed: usize,
}

impl Tally {
    /// The activities of a plan.
    pub fn of(plan: &Plan) -> Tally {
        let mut t = Tally::default();
        plan.activities().for_each(|a| t.count(a));
        t
    }

    fn count(&mut self, a: &ActivityPlan) {
        self.any = true;
        match &a.outcome {
            ActivityOutcome::Add {
                scored: Some(s), ..
            } if !s.added => self.duplicates += 1,
            ActivityOutcome::Add { .. } => self.added += 1,
            ActivityOutcome::AlreadyInLog { .. } | ActivityOutcome::SameAsEarlier { .. } => {
                self.duplicates += 1
            }
            ActivityOutcome::Failed(_) => self.failed += 1,
        }
    }

    /// One sentence, e.g. "3 activities added, 1 already in the log, 1 file could not be
    /// read."
    pub fn summary(&self) -> String {
        self.sentence(self.failed, "")
    }

    /// The summary with `failed` files said to be unreadable, `place` after "file(s)" (" in
    /// archives"): a batch counts the files it could not read itself, and its activities'
    /// part names only those it has not counted (so the two counts never disagree).
    pub fn sentence(&self, failed: usize, place: &str) -> String {
        let mut parts = vec![format!(
            "{} added",
            plural(self.added, "activity", "activities")
        )];
        if self.duplicates > 0 {
            parts.push(format!("{} already in the log", self.duplicates));
        }
        if failed > 0 {
            parts.push(format!(
                "{}{place} could not be read",
                plural(failed, "file", "files")
            ));
        }
        format!("{}.", parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::Day;
    use crate::domain::session::Sport;

    fn utc(_: i64) -> i32 {
        0
    }

    fn tcx(start: &str) -> Vec<u8> {
        // Two trackpoints an hour apart with heart rate: a one-hour run (hand-written).
        format!(
            r#"<?xml version="1.0"?><TrainingCenterDatabase><Activities><Activity Sport="Running">
            <Id>{start}</Id><Lap StartTime="{start}"><Track>
            <Trackpoint><Time>{start}</Time><DistanceMeters>0</DistanceMeters><HeartRateBpm><Value>140</Value></HeartRateBpm></Trackpoint>
            <Trackpoint><Time>2026-03-09T08:30:00Z</Time><DistanceMeters>10000</DistanceMeters><HeartRateBpm><Value>140</Value></HeartRateBpm></Trackpoint>
            </Track></Lap></Activity></Activities></TrainingCenterDatabase>"#
        )
        .into_bytes()
    }

    const CSV: &str = "date,sport,duration_s\n2026-03-01,run,1800\n2026-03-02,bike,600\n";

    #[test]
    fn mixed_batch_imports_the_good_files_and_reports_each() {
        let files: Vec<FileIn> = vec![
            ("a.csv".into(), Ok(CSV.as_bytes().to_vec())),
            ("run.tcx".into(), Ok(tcx("2026-03-09T07:30:00Z"))),
            ("same.tcx".into(), Ok(tcx("2026-03-09T07:30:00Z"))),
            ("junk.fit".into(), Ok(b"\x0e\x10".to_vec())),
            (
                "gone.gpx".into(),
                Err("the browser could not read it.".into()),
            ),
        ];
        let mut seen = Vec::new();
        let (data, report) = import_files(&Data::default(), files, &utc, &mut |done, total| {
            seen.push((done, total))
        });
        // The progress counts the activity files (by name), not the CSV: 4, one at a time.
        assert_eq!(seen, [(1, 4), (2, 4), (3, 4), (4, 4)]);
        // One CSV run (the bike row is skipped: "bike" is no sport) and one activity.
        assert_eq!(data.sessions.len(), 2, "{report:?}");
        assert!(data
            .sessions
            .iter()
            .any(|s| s.sport == Sport::Run && s.date == "2026-03-09".parse::<Day>().unwrap()));
        assert!(!report.ok);
        assert_eq!(report.lines.len(), 6, "{:#?}", report.lines);
        assert!(report.lines[0].starts_with("a.csv: Sessions: 1 added"));
        assert!(report.lines[1].starts_with("a.csv, line 3"));
        assert!(report.lines[2].starts_with("run.tcx: added"));
        assert!(report.lines[3].contains("the same activity as run.tcx"));
        assert!(report.lines[4].starts_with("junk.fit: not imported"));
        assert_eq!(
            report.lines[5],
            "gone.gpx: not imported — the browser could not read it."
        );
        // Each file not read is counted once: the activities' part does not count
        // gone.gpx (or junk.fit) again as "1 file could not be read" (issue #17).
        assert_eq!(
            report.summary,
            "5 files: 3 read, 2 not. Activities: 1 activity added, 1 already in the log."
        );
        assert_eq!(report.read, 3);
    }

    #[test]
    fn a_batch_where_nothing_was_read_says_so_and_counts_agree() {
        let files: Vec<FileIn> = vec![
            ("junk.fit".into(), Ok(b"\x0e\x10".to_vec())),
            ("junk.csv".into(), Ok(b"\x00\x01".to_vec())),
            (
                "gone.gpx".into(),
                Err("the browser could not read it.".into()),
            ),
        ];
        let (data, report) = import_files(&Data::default(), files, &utc, &mut |_, _| {});
        assert!(data.sessions.is_empty());
        assert!(!report.ok);
        assert_eq!(report.read, 0);
        assert_eq!(
            report.summary,
            "3 files: 0 read, 3 not. Activities: 0 activities added."
        );
    }

    #[test]
    fn importing_the_same_activity_again_changes_nothing() {
        let once = |d: &Data| {
            import_files(
                d,
                vec![("run.tcx".into(), Ok(tcx("2026-03-09T07:30:00Z")))],
                &utc,
                &mut |_, _| {},
            )
        };
        let (first, _) = once(&Data::default());
        let (second, report) = once(&first);
        assert_eq!(first, second);
        assert!(report.ok);
        assert!(
            report.lines[0].contains("already in the log"),
            "{:?}",
            report.lines
        );
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn gzip_files_are_read_by_their_bytes_whatever_their_name() {
        // Strava's bulk export names them `.tcx.gz`; a browser may drop the extension.
        let files: Vec<FileIn> = vec![
            ("run.tcx.gz".into(), Ok(gz(&tcx("2026-03-09T07:30:00Z")))),
            ("sessions".into(), Ok(gz(CSV.as_bytes()))),
            ("cut.gz".into(), Ok(gz(CSV.as_bytes())[..20].to_vec())),
        ];
        let (data, report) = import_files(&Data::default(), files, &utc, &mut |_, _| {});
        assert_eq!(data.sessions.len(), 2, "{report:?}");
        assert!(
            report.lines[0].starts_with("run.tcx.gz: added"),
            "{:?}",
            report.lines
        );
        assert!(report.lines[1].starts_with("sessions: Sessions: 1 added"));
        assert!(
            report.lines[3].contains("compressed (gzip) file is damaged"),
            "{:?}",
            report.lines
        );
        assert_eq!(
            report.summary,
            "3 files: 2 read, 1 not. Activities: 1 activity added."
        );
    }

    #[test]
    fn content_decides_what_is_an_activity() {
        use crate::store::import::planner::is_activity;
        assert!(is_activity("a", b"  <?xml version=\"1.0\"?><gpx/>"));
        assert!(is_activity("a.txt", b"\xEF\xBB\xBF<gpx/>"));
        assert!(is_activity("watch.FIT", b""));
        assert!(!is_activity(
            "a.json",
            b"{\"format\":\"recovery-run-backup\"}"
        ));
        assert!(!is_activity("a.csv", CSV.as_bytes()));
    }

    #[test]
    fn summary_sentences() {
        let r = ImportReport {
            added: 2,
            updated: 1,
            skipped: vec![("line 3".into(), "date: …".into())],
            ..ImportReport::default()
        };
        assert_eq!(
            own_summary(&r),
            "Sessions: 2 added, 1 updated. 1 entry skipped."
        );
        let r = ImportReport {
            added: 0,
            unchanged: 4,
            wellness_added: 1,
            wellness_unchanged: 2,
            profile_changed: true,
            skipped: vec![("a".into(), "b".into()), ("c".into(), "d".into())],
            ..ImportReport::default()
        };
        assert_eq!(
            own_summary(&r),
            "Sessions: 0 added, 0 updated, 4 already up to date. Check-ins: 1 added, 0 \
             updated, 2 already up to date. Profile updated from the backup. 2 entries skipped."
        );
    }
}
