//! Apple Health's "Export All Health Data" (issue #35): the zip the Health app writes
//! (`export.zip`, its name localized), or the `export.xml` inside it alone.
//!
//! **The archive** (seen in real exports: rgosdin/docs' `export.zip`, and the layouts reported
//! in dogsheep/healthkit-to-sqlite#11 and mganjoo/apple-health-exporter#7):
//! `apple_health_export/` holding the main XML
//! (`export.xml`, its name localized: `exportar.xml`, `vienti.xml`, `导出.xml`…),
//! `export_cda.xml` (HL7 CDA, ignored), `workout-routes/route_….gpx`, `electrocardiograms/`
//! and `clinical-records/`. The main XML is found by its content — its first element is
//! `<HealthData>` — never by its name (simonw's fix in dogsheep/healthkit-to-sqlite#11;
//! BRO3886/healthsync's "content sniffing"). macOS's `__MACOSX/` and `._*` copies are
//! passed over.
//!
//! **The XML** (`HealthData`, from HealthKit Export Version 3 to 14 as far as seen): an
//! inline DTD (which Apple wrote malformed in version 12; quick-xml reads it as one event
//! and never validates), `ExportDate`, `Me`, then `Record`s grouped by type, `Correlation`s
//! (whose child records repeat top-level ones: the DTD says so), `Workout`s,
//! `ActivitySummary`s, clinical records… Only `Record`s directly under `HealthData` are
//! read, and only of the types the app uses: their `type` is compared as bytes before
//! anything else of the element is read (`records::Kind`). Dates are
//! `2019-01-01 08:00:00 +0100`; a value's day is the local date written, never moved to
//! another zone (the corpus' rule `day`).
//!
//! **Streamed** ([`read_xml`]): the XML is read from a [`BufRead`] in 64 KiB pieces and
//! never held whole (real exports reach 3–4 GB). What stays in memory depends on the span
//! of days and sources (see [`records`]) and on the number of workouts, never on the
//! file's size. Progress is reported as bytes read, about every MiB. A file cut short, or
//! damaged past its start, gives what was read before the damage, and says so in
//! [`SourceFile::skipped`].
//!
//! **Routes** ([`read_zip`]): after the XML, each outdoor run's route GPX (and the route
//! of a workout without a distance of its own) is read from the zip through
//! [`crate::activity::gpx`] and its points fill in what the workout lacks — normalized
//! graded pace, and elevation gain or distance where the workout has none — by the rule of
//! [`crate::activity::summarise`]: where a device summarised an activity, its summary is
//! the truth.
//!
//! Values, sources and sessions: [`records`] (HRV as SDNN, resting HR, sleep, menstrual
//! flow; one source per measure and day) and [`workouts`] (sports, durations, distance,
//! heart rate). Public parsers read to check the layout: paulstaab/health-data-parser
//! (`src/lib.rs`, `docs/requirements.md`), alxdrcirilo/apple-health-parser,
//! grll/apple-health-mcp (`tests/data/export.xml`, a version 14 DTD),
//! neiltron/apple-health-mcp (`docs/reference/apple-health-export-xml.md`); Apple's
//! HealthKit documentation for the identifiers.
//!
//! Never panics on any input (`fuzz/fuzz_targets/apple_health.rs`, and a property test).

pub mod records;
mod stream;
pub mod workouts;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Seek};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

pub use workouts::{sport_of, Workout};

use crate::activity::{self, MAX_BYTES};
use crate::domain::streams::Sample;
use crate::sources::{DayValues, Skip, SkipReason, SourceError, SourceFile};

use records::{Kind, Record, Records, Skips};
use stream::{parse_stamp, Clean};
use workouts::WorkoutBuild;

const WHAT: &str = "an Apple Health export";

/// A route GPX's bytes, or why they could not be had (a sentence's end).
pub type RouteBytes = Result<Vec<u8>, String>;

/// What the export's XML holds, before the routes: the days' values, the workouts, and
/// what was left out.
#[derive(Clone, Debug, PartialEq)]
pub struct AppleExport {
    /// `HealthData locale` (`en_US`), if written.
    pub locale: Option<String>,
    /// Values by day, oldest first.
    pub days: Vec<DayValues>,
    /// Workouts by start, the best of copies of one workout first (`workouts::order`).
    pub workouts: Vec<Workout>,
    pub skipped: Vec<Skip>,
    /// Bytes of XML read.
    pub bytes: u64,
}

impl AppleExport {
    /// The file's values and sessions. `route(path)` gives the bytes of a workout's route
    /// GPX by its `FileReference` path (`None` when it is not at hand: a bare
    /// `export.xml`), or why it could not be read.
    pub fn into_source_file(self, route: &mut dyn FnMut(&str) -> Option<RouteBytes>) -> SourceFile {
        let mut skipped = self.skipped;
        let mut activities = Vec::with_capacity(self.workouts.len());
        for w in &self.workouts {
            let mut samples: Vec<Sample> = Vec::new();
            if let Some(path) = w.route_to_read() {
                match route(path) {
                    Some(Ok(bytes)) => match activity::gpx::read(&bytes) {
                        Ok(track) => {
                            samples = track.legs.into_iter().flat_map(|l| l.samples).collect();
                        }
                        Err(e) => skipped.push(Skip {
                            place: path.to_owned(),
                            why: SkipReason::Unreadable {
                                detail: format!("the route was not read: {e}"),
                            },
                        }),
                    },
                    Some(Err(why)) => skipped.push(Skip {
                        place: path.to_owned(),
                        why: SkipReason::Unreadable {
                            detail: format!("the route was not read: {why}"),
                        },
                    }),
                    None => {}
                }
            }
            match w.summary(samples) {
                Ok(a) => activities.push(a),
                Err(e) => skipped.push(Skip {
                    place: w.place(),
                    why: SkipReason::Unreadable {
                        detail: e.to_string(),
                    },
                }),
            }
        }
        SourceFile {
            days: self.days,
            activities,
            skipped,
        }
    }
}

/// Whether the first bytes of a file (a few KiB are enough; the DTD alone is 4–8 KB) are
/// an Apple Health export's XML: a `<!DOCTYPE HealthData` or a first element
/// `<HealthData`.
pub fn recognise_xml(head: &[u8]) -> bool {
    let mut src: &[u8] = head;
    match sniff_root(&mut src) {
        Some(root) => root,
        // The head ends inside the DTD: its start names the root.
        None => {
            let text = String::from_utf8_lossy(head);
            let text = text.trim_start_matches('\u{feff}').trim_start();
            let text = match text.strip_prefix("<?xml") {
                Some(rest) => rest.split_once("?>").map_or("", |(_, r)| r).trim_start(),
                None => text,
            };
            text.strip_prefix("<!DOCTYPE")
                .is_some_and(|r| r.trim_start().starts_with("HealthData"))
        }
    }
}

/// `Some(true)` if the XML's root is `HealthData` (by its DOCTYPE or its first element),
/// `Some(false)` if it is another, `None` if it ends or breaks first.
fn sniff_root(input: &mut dyn BufRead) -> Option<bool> {
    let mut clean = Clean::new(input);
    let mut reader = Reader::from_reader(&mut clean);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::DocType(d) => {
                let name = d.trim_start();
                let name = name.split(|c: char| c.is_whitespace() || c == '[').next()?;
                return Some(name == "HealthData");
            }
            Event::Start(e) | Event::Empty(e) => {
                return Some(e.name().as_ref() == "HealthData");
            }
            Event::Eof => return None,
            _ => {}
        }
        buf.clear();
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn folder(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..=i])
}

/// Whether a path inside an archive may be the export's main XML: an `.xml` at most two
/// folders deep, not export_cda.xml, not a macOS resource copy.
fn may_be_main_xml(path: &str) -> bool {
    let name = file_name(path);
    !path.starts_with("__MACOSX/")
        && !path.contains("/__MACOSX/")
        && !name.starts_with("._")
        && name.to_ascii_lowercase().ends_with(".xml")
        && !name.eq_ignore_ascii_case("export_cda.xml")
        && path.matches('/').count() <= 2
}

/// Whether an archive's paths look like an Apple Health export: an XML in
/// `apple_health_export/` (the folder's name is not localized), or an XML beside
/// `export_cda.xml` or a `workout-routes/` folder (an export re-zipped without its
/// folder). [`read_zip`] then checks the XML's content.
pub fn recognise_zip(paths: &[&str]) -> bool {
    paths.iter().any(|p| {
        if !may_be_main_xml(p) {
            return false;
        }
        let dir = folder(p);
        dir.ends_with("apple_health_export/")
            || paths.iter().any(|q| {
                q.strip_prefix(dir).is_some_and(|rest| {
                    rest.eq_ignore_ascii_case("export_cda.xml")
                        || rest.starts_with("workout-routes/")
                })
            })
    })
}

/// The path of entry `i` (lossy where its name is not valid text).
fn name_of<R: Read + Seek>(zip: &zip::ZipArchive<R>, i: usize) -> String {
    match zip.name_for_index(i) {
        Some(Ok(name)) => name.into_owned(),
        _ => format!("file {}", i + 1),
    }
}

fn damaged(detail: String) -> SourceError {
    SourceError::Damaged {
        what: WHAT.into(),
        detail,
    }
}

/// Reads an Apple Health export zip: finds the main XML by its `<HealthData>` root,
/// streams it ([`read_xml`]), then reads the routes it needs (module doc).
/// `progress(done, total)` is told the bytes read (unpacked) of the XML and routes, about
/// every MiB.
///
/// Errors: [`SourceError::Incomplete`] when no XML in the archive is a Health export,
/// [`SourceError::Damaged`] when it cannot be unpacked or read at all.
pub fn read_zip<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<SourceFile, SourceError> {
    let names: Vec<String> = (0..zip.len()).map(|i| name_of(zip, i)).collect();
    let mut candidates: Vec<usize> = (0..names.len())
        .filter(|&i| may_be_main_xml(&names[i]))
        .collect();
    // The Health app's own folder first.
    candidates.sort_by_key(|&i| (!names[i].starts_with("apple_health_export/"), i));
    let mut main = None;
    for i in candidates {
        let Ok(entry) = zip.by_index(i) else {
            continue;
        };
        let mut head = BufReader::new(entry.take(1 << 20));
        if sniff_root(&mut head) == Some(true) {
            main = Some(i);
            break;
        }
    }
    let main = main.ok_or_else(|| SourceError::Incomplete {
        what: WHAT.into(),
        needs: "export.xml (the file whose root element is HealthData)".into(),
    })?;
    let gpx: HashMap<&str, usize> = names
        .iter()
        .enumerate()
        .filter(|(_, n)| n.to_ascii_lowercase().ends_with(".gpx"))
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let size = |zip: &mut zip::ZipArchive<R>, i: usize| zip.by_index(i).map_or(0, |f| f.size());
    let xml_size = size(zip, main);
    let gpx_size: u64 = gpx.values().map(|&i| size(zip, i)).sum();
    let export = {
        let entry = zip
            .by_index(main)
            .map_err(|e| damaged(format!("{} could not be unpacked: {e}", names[main])))?;
        let mut input = BufReader::with_capacity(8 << 10, entry);
        let total = xml_size + gpx_size;
        read_xml(&mut input, &mut |done| progress(done.min(xml_size), total))?
    };

    // The routes: each by its path from the XML's folder, else by the end of its path.
    let dir = folder(&names[main]);
    let find = |path: &str| -> Option<usize> {
        let p = path.trim_start_matches('/');
        gpx.get(format!("{dir}{p}").as_str())
            .or_else(|| gpx.get(p))
            .copied()
            .or_else(|| {
                let tail = format!("/{p}");
                gpx.iter()
                    .filter(|(n, _)| n.ends_with(&tail))
                    .map(|(_, &i)| i)
                    .min()
            })
    };
    let wanted: Vec<usize> = export
        .workouts
        .iter()
        .filter_map(|w| w.route_to_read().and_then(find))
        .collect();
    let total = xml_size + wanted.iter().map(|&i| size(zip, i)).sum::<u64>();
    let mut done = xml_size;
    progress(done, total);
    let file = export.into_source_file(&mut |path| {
        let i = match find(path) {
            Some(i) => i,
            None => return Some(Err("it is not in the archive".into())),
        };
        let read = match zip.by_index(i) {
            Ok(mut f) if f.size() <= MAX_BYTES as u64 => {
                let mut bytes = Vec::with_capacity(f.size() as usize);
                match (&mut f).take(MAX_BYTES as u64 + 1).read_to_end(&mut bytes) {
                    Ok(_) if bytes.len() <= MAX_BYTES => Ok(bytes),
                    Ok(_) => Err("it is larger than an activity file can be".to_owned()),
                    Err(e) => Err(format!("it could not be unpacked: {e}")),
                }
            }
            Ok(_) => Err("it is larger than an activity file can be".to_owned()),
            Err(e) => Err(format!("it could not be unpacked: {e}")),
        };
        done = (done + size(zip, i)).min(total);
        progress(done, total);
        Some(read)
    });
    progress(total, total);
    Ok(file)
}

/// A workout being read, and which of its children is open.
struct Open {
    build: WorkoutBuild,
    /// The open child (at depth 2) whose own children matter: a route or an activity.
    child: Option<Child>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Child {
    Route,
    Activity,
}

/// An attribute's value, unescaped (`&amp;` → `&`, `&#183;` → `·`); the raw text where it
/// holds an unknown entity.
fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string())
        })
}

/// Reads one `<Record>` directly under `HealthData`.
fn record(e: &BytesStart<'_>, records: &mut Records, skips: &mut Skips) {
    let mut kind = None;
    let (mut source, mut device, mut start, mut end, mut value, mut unit) =
        (None, None, None, None, None, None);
    for a in e.attributes().with_checks(false).flatten() {
        match a.key.as_ref() {
            "type" => match Kind::of(a.value.as_bytes()) {
                Some(k) => kind = Some(k),
                // Not a type the app uses: nothing else of it is read.
                None => return,
            },
            "sourceName" => source = Some(a),
            "device" => device = Some(a),
            "startDate" => start = Some(a),
            "endDate" => end = Some(a),
            "value" => value = Some(a),
            "unit" => unit = Some(a),
            _ => {}
        }
    }
    let Some(kind) = kind else {
        return;
    };
    let stamp = |a: &Option<quick_xml::events::attributes::Attribute<'_>>| {
        a.as_ref().and_then(|a| parse_stamp(&a.value))
    };
    let Some(start) = stamp(&start) else {
        if kind != Kind::HeartRate {
            skips.unreadable("a record".into(), "a reading without a readable start date");
        }
        return;
    };
    let end = stamp(&end).unwrap_or(start);
    let source = if kind == Kind::HeartRate {
        0
    } else {
        let name = source
            .as_ref()
            .map(|a| {
                a.normalized_value(XmlVersion::Implicit1_0)
                    .unwrap_or_else(|_| a.value.clone())
            })
            .unwrap_or_default();
        records
            .sources
            .id(&name, device.as_ref().map(|d| d.value.as_ref()))
    };
    let value = value.as_ref().map_or("", |v| v.value.as_ref());
    let unit = unit.as_ref().map_or("", |v| v.value.as_ref());
    records.add(
        Record {
            kind,
            source,
            start,
            end,
            value,
            unit,
        },
        skips,
    );
}

/// Streams an Apple Health export's XML (module doc). `progress(bytes)` is told the bytes
/// read so far, about every MiB.
///
/// Errors: [`SourceError::Incomplete`] when the file is not a Health export (its root is
/// not `HealthData`), [`SourceError::Damaged`] when it breaks before its root. Damage after
/// the root ends the reading with what was read, and a [`Skip`] that says where.
pub fn read_xml(
    input: &mut dyn BufRead,
    progress: &mut dyn FnMut(u64),
) -> Result<AppleExport, SourceError> {
    let mut clean = Clean::new(input);
    let mut reader = Reader::from_reader(&mut clean);
    // Tolerant: end tags are counted, not matched by name.
    reader.config_mut().check_end_names = false;
    let mut buf: Vec<u8> = Vec::with_capacity(8 << 10);
    let mut depth = 0usize;
    let mut root = false;
    let mut locale = None;
    let mut records = Records::default();
    let mut skips = Skips::default();
    let mut workouts: Vec<Workout> = Vec::new();
    let mut open: Option<Open> = None;
    let mut next_report = 1u64 << 20;
    let not_export = || SourceError::Incomplete {
        what: WHAT.into(),
        needs: "HealthData root element (this XML is something else)".into(),
    };
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => {
                let at = reader.error_position();
                if !root {
                    return Err(damaged(format!("the XML breaks near byte {at}: {e}")));
                }
                skips.push(Skip {
                    place: format!("byte {at}"),
                    why: SkipReason::Unreadable {
                        detail: format!(
                            "the export is damaged or cut short here ({e}); what came before \
                             was read"
                        ),
                    },
                });
                break;
            }
        };
        let position = reader.buffer_position();
        if position >= next_report {
            progress(position);
            next_report = position + (1 << 20);
        }
        match event {
            Event::Start(e) if !root => {
                locale = healthdata(&e).ok_or_else(not_export)?;
                root = true;
                depth = 1;
            }
            // `<HealthData/>`: an export with nothing in it.
            Event::Empty(e) if !root => {
                locale = healthdata(&e).ok_or_else(not_export)?;
                break;
            }
            Event::Start(e) => {
                element(
                    &e,
                    depth,
                    false,
                    &mut open,
                    &mut records,
                    &mut skips,
                    &mut workouts,
                );
                depth += 1;
            }
            Event::Empty(e) => {
                element(
                    &e,
                    depth,
                    true,
                    &mut open,
                    &mut records,
                    &mut skips,
                    &mut workouts,
                );
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                match depth {
                    0 => break,
                    1 => {
                        if let Some(o) = open.take() {
                            finish_workout(o.build, &mut workouts, &mut skips);
                        }
                    }
                    2 => {
                        if let Some(o) = open.as_mut() {
                            o.child = None;
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => {
                if !root {
                    return Err(not_export());
                }
                if depth > 0 {
                    skips.push(Skip {
                        place: format!("byte {position}"),
                        why: SkipReason::Unreadable {
                            detail: "the export ends early (cut short when it was copied?); \
                                     what came before was read"
                                .into(),
                        },
                    });
                }
                break;
            }
            _ => {}
        }
        buf.clear();
    }
    let bytes = reader.buffer_position();
    progress(bytes);
    drop(buf);

    // Heart rate for the workouts whose statistics have none.
    records.hr.finish();
    for w in workouts.iter_mut().filter(|w| w.needs_heart_rate()) {
        let (from, to) = w.window();
        w.hr_from_records = records.hr.window(from, to);
    }
    if records.hr.thinned {
        skips.unreadable(
            "heart-rate records".into(),
            "more minutes of heart rate than are kept; single readings outside workouts \
             were left out first",
        );
    }
    workouts::order(&mut workouts);
    let days = records.days(&mut skips);
    Ok(AppleExport {
        locale,
        days,
        workouts,
        skipped: skips.finish(),
        bytes,
    })
}

/// The `locale` of a `<HealthData>` root; `None` if the root is another element.
fn healthdata(e: &BytesStart<'_>) -> Option<Option<String>> {
    (e.name().as_ref() == "HealthData").then(|| attribute(e, "locale"))
}

fn finish_workout(build: WorkoutBuild, workouts: &mut Vec<Workout>, skips: &mut Skips) {
    let place = build.place();
    match build.finish() {
        Ok(w) => workouts.push(w),
        Err(why) => skips.unreadable(place, &format!("not read: {why}")),
    }
}

/// An element opening at `depth` (1: directly under `HealthData`).
fn element(
    e: &BytesStart<'_>,
    depth: usize,
    empty: bool,
    open: &mut Option<Open>,
    records: &mut Records,
    skips: &mut Skips,
    workouts: &mut Vec<Workout>,
) {
    let name = e.name();
    let name = name.as_ref();
    if depth == 1 {
        match name {
            "Record" => record(e, records, skips),
            "Workout" => {
                let build = WorkoutBuild::new(&|k| attribute(e, k));
                if empty {
                    finish_workout(build, workouts, skips);
                } else {
                    // A workout never holds another; one left open is closed first.
                    if let Some(o) = open.take() {
                        finish_workout(o.build, workouts, skips);
                    }
                    *open = Some(Open { build, child: None });
                }
            }
            _ => {}
        }
        return;
    }
    let Some(o) = open.as_mut() else {
        return;
    };
    let a = |k: &str| attribute(e, k);
    match (depth, o.child, name) {
        (2, _, "MetadataEntry") => {
            if let (Some(k), Some(v)) = (a("key"), a("value")) {
                o.build.metadata(&k, &v, false);
            }
        }
        (2, _, "WorkoutEvent") => {
            if let (Some(k), Some(d)) = (a("type"), a("date")) {
                o.build.event(&k, &d);
            }
        }
        (2, _, "WorkoutStatistics") => o.build.statistics(&a, false),
        (2, _, "WorkoutRoute") if !empty => o.child = Some(Child::Route),
        (2, _, "WorkoutActivity") if !empty => o.child = Some(Child::Activity),
        (3, Some(Child::Route), "FileReference") => {
            if let Some(p) = a("path") {
                o.build.route(&p);
            }
        }
        (3, Some(Child::Activity), "WorkoutStatistics") => o.build.statistics(&a, true),
        (3, Some(Child::Activity), "MetadataEntry") => {
            if let (Some(k), Some(v)) = (a("key"), a("value")) {
                o.build.metadata(&k, &v, true);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(xml: &str) -> AppleExport {
        let mut input = xml.as_bytes();
        read_xml(&mut input, &mut |_| {}).unwrap()
    }

    #[test]
    fn recognised_by_content_and_paths() {
        assert!(recognise_xml(
            b"<?xml version=\"1.0\"?>\n<!DOCTYPE HealthData [\n<!ELEMENT HealthData (ExportDate)>\n"
        ));
        assert!(recognise_xml(b"<HealthData locale=\"en_US\">"));
        assert!(!recognise_xml(b"<gpx version=\"1.1\">"));
        assert!(!recognise_xml(b"<?xml version=\"1.0\"?>"));
        assert!(recognise_zip(&[
            "apple_health_export/export.xml",
            "apple_health_export/export_cda.xml"
        ]));
        assert!(recognise_zip(&["apple_health_export/vienti.xml"]));
        assert!(recognise_zip(&["export.xml", "workout-routes/route_1.gpx"]));
        assert!(!recognise_zip(&["export.xml"]));
        assert!(!recognise_zip(&[
            "__MACOSX/apple_health_export/._export.xml",
            "activities.csv"
        ]));
        assert!(!recognise_zip(&["apple_health_export/export_cda.xml"]));
    }

    #[test]
    fn not_an_export() {
        let mut input: &[u8] = b"<gpx/>";
        assert!(matches!(
            read_xml(&mut input, &mut |_| {}),
            Err(SourceError::Incomplete { .. })
        ));
        let mut input: &[u8] = b"";
        assert!(read_xml(&mut input, &mut |_| {}).is_err());
    }

    #[test]
    fn records_inside_correlations_and_workouts_are_not_read_twice() {
        let x = read(
            r#"<HealthData locale="en_US">
 <Record type="HKQuantityTypeIdentifierRestingHeartRate" sourceName="W" unit="count/min" startDate="2024-01-02 07:00:00 +0100" endDate="2024-01-02 21:00:00 +0100" value="50"/>
 <Correlation type="HKCorrelationTypeIdentifierBloodPressure" startDate="2024-01-02 07:00:00 +0100" endDate="2024-01-02 07:00:00 +0100">
  <Record type="HKQuantityTypeIdentifierRestingHeartRate" sourceName="W" unit="count/min" startDate="2024-01-02 23:00:00 +0100" endDate="2024-01-02 23:00:00 +0100" value="70"/>
 </Correlation>
</HealthData>"#,
        );
        assert_eq!(x.days.len(), 1);
        assert_eq!(x.days[0].resting_hr.map(|b| b.get()), Some(50));
    }

    #[test]
    fn cut_short_keeps_what_came_before() {
        let x = read(
            r#"<HealthData locale="en_US">
 <Record type="HKQuantityTypeIdentifierRestingHeartRate" sourceName="W" unit="count/min" startDate="2024-01-02 07:00:00 +0100" endDate="2024-01-02 21:00:00 +0100" value="50"/>
 <Record type="HKQuantityTypeIdentifierRestingHeartRate" sourceName="W" unit="count/min" startDate="2024-01-03 07:00:00 +0100" endDate="2024-01-03 21:00"#,
        );
        assert_eq!(x.days.len(), 1);
        assert_eq!(x.skipped.len(), 1, "{:?}", x.skipped);
    }

    #[test]
    fn absurd_numbers_are_skipped_not_panicked_on() {
        let x = read(
            r#"<HealthData><Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="1e300" durationUnit="min" totalDistance="-5" startDate="2023-12-28 06:30:00 +0000" endDate="2023-12-28 06:42:30 +0000"/><Workout workoutActivityType="HKWorkoutActivityTypeRunning" startDate="2023-12-28 06:30:00 +0000" endDate="2023-12-28 06:30:00 +0000"/></HealthData>"#,
        );
        let file = x.into_source_file(&mut |_| None);
        assert!(file.activities.is_empty());
        assert_eq!(file.skipped.len(), 2, "{:?}", file.skipped);
        assert!(file.skipped[1]
            .place
            .starts_with("workout of 2023-12-28 (Running)"));
    }

    #[test]
    fn escaped_names_are_read_unescaped() {
        let x = read(
            r#"<HealthData><Workout workoutActivityType="HKWorkoutActivityTypeRunning" sourceName="Synthetic &amp; Run Club" startDate="2023-12-28 06:30:00 +0000" endDate="2023-12-28 06:42:30 +0000"/></HealthData>"#,
        );
        assert_eq!(x.workouts[0].source(), "Synthetic & Run Club");
    }
}
