//! A large Apple Health export for the performance test of issue #35, written as a stream
//! (never held in memory), and the native measurement of reading one.
//!
//! ```sh
//! # Write: an export.zip whose export.xml is about N GB (default 2), laid out as the Health
//! # app writes it: records grouped by type (mostly heart rate, steps, distance, energy),
//! # years of HRV, resting HR and sleep stages, a few thousand workouts with statistics,
//! # and route GPX files for some of the outdoor runs. --stored writes it uncompressed, so
//! # the zip itself is N GB (the browser then reads N GB of file in slices).
//! cargo run --release --example apple_health_export -- write /tmp/export.zip \
//!     [--gb 2] [--years 10] [--workouts 3000] [--routes 300] [--stored]
//!
//! # Read it through sources::apple_health::read_zip, as the file worker does; prints what
//! # was read and the time (peak memory: run it under /usr/bin/time -v).
//! cargo run --release --example apple_health_export -- read /tmp/export.zip
//! ```
//!
//! The layout follows real exports as public parsers quote them (`sources::apple_health`'s
//! module doc lists them): the DTD's
//! head, `ExportDate`, `Me`, `Record`s with `sourceName`, `sourceVersion`, `device`,
//! `unit`, `creationDate`, `startDate`, `endDate`, `value` and their `MetadataEntry`s,
//! `Workout`s with `WorkoutEvent`s, `WorkoutActivity`, `WorkoutStatistics`,
//! `MetadataEntry`s written twice and a `WorkoutRoute`, `ActivitySummary`s. Times are in
//! Europe/Berlin (CET/CEST), as a phone there writes them. Deterministic: the same
//! arguments give the same file.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;

use recovery_run::sources::apple_health;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const USAGE: &str = "usage: apple_health_export write PATH [--gb N] [--years N] [--workouts N] \
                     [--routes N] [--stored] | read PATH";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("write") => write_command(&args[1..]),
        Some("read") => read_command(&args[1..]),
        _ => Err("write or read?".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn read_command(args: &[String]) -> Result<(), String> {
    let path = args.first().ok_or("read needs a path")?;
    let started = Instant::now();
    let file = File::open(path).map_err(|e| e.to_string())?;
    let length = file.metadata().map_err(|e| e.to_string())?.len();
    let mut archive = zip::ZipArchive::new(io::BufReader::new(file)).map_err(|e| e.to_string())?;
    let mut last_percent = u64::MAX;
    let read = apple_health::read_zip(&mut archive, &mut |done, total| {
        let percent = done * 100 / total.max(1);
        if percent / 10 != last_percent / 10 {
            eprintln!(
                "{percent:3} % ({done} of {total} bytes) at {:.1} s",
                started.elapsed().as_secs_f64()
            );
            last_percent = percent;
        }
    })
    .map_err(|e| e.to_string())?;
    let elapsed = started.elapsed().as_secs_f64();
    let with = |f: &dyn Fn(&recovery_run::sources::DayValues) -> bool| {
        read.days.iter().filter(|d| f(d)).count()
    };
    println!(
        "{length} bytes of zip read in {elapsed:.1} s: {} days ({} with HRV, {} resting HR, \
         {} sleep), {} workouts ({} with a graded pace from the route), {} skipped",
        read.days.len(),
        with(&|d| d.hrv_sdnn.is_some()),
        with(&|d| d.resting_hr.is_some()),
        with(&|d| d.sleep_h.is_some()),
        read.activities.len(),
        read.activities
            .iter()
            .filter(|a| a.normalized_graded_pace.is_some())
            .count(),
        read.skipped.len(),
    );
    for s in read.skipped.iter().take(5) {
        println!("  skipped: {s}");
    }
    Ok(())
}

struct Plan {
    bytes: u64,
    years: i64,
    workouts: usize,
    routes: usize,
    stored: bool,
}

fn write_command(args: &[String]) -> Result<(), String> {
    let path = args.first().ok_or("write needs a path")?;
    let mut plan = Plan {
        bytes: 2_000_000_000,
        years: 10,
        workouts: 3000,
        routes: 300,
        stored: false,
    };
    let mut rest = args[1..].iter();
    while let Some(arg) = rest.next() {
        let mut number = || -> Result<f64, String> {
            rest.next()
                .and_then(|v| v.parse::<f64>().ok())
                .filter(|v| v.is_finite() && *v > 0.0)
                .ok_or(format!("{arg} takes a positive number"))
        };
        match arg.as_str() {
            "--gb" => plan.bytes = (number()? * 1e9) as u64,
            "--years" => plan.years = number()? as i64,
            "--workouts" => plan.workouts = number()? as usize,
            "--routes" => plan.routes = number()? as usize,
            "--stored" => plan.stored = true,
            _ => return Err(format!("unknown argument {arg}")),
        }
    }
    let started = Instant::now();
    let written = write_export(path, &plan).map_err(|e| e.to_string())?;
    let zip_len = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    eprintln!(
        "{path}: export.xml {written} bytes, zip {zip_len} bytes, in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
}

/// Counts the bytes written through it.
struct Counting<W> {
    inner: W,
    count: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

// Time, as a phone in Europe/Berlin writes it.

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// Seconds east of UTC in Europe/Berlin (the EU rule: CEST from 01:00 UTC on the last
/// Sunday of March to 01:00 UTC on the last Sunday of October).
fn berlin(utc: i64) -> i64 {
    let (y, _, _) = civil(utc.div_euclid(86_400));
    let last_sunday = |month: i64| {
        let next = days_from_civil(if month == 12 { y + 1 } else { y }, month % 12 + 1, 1);
        let last = next - 1;
        last - (last + 4).rem_euclid(7)
    };
    let (on, off) = (
        last_sunday(3) * 86_400 + 3600,
        last_sunday(10) * 86_400 + 3600,
    );
    if (on..off).contains(&utc) {
        7200
    } else {
        3600
    }
}

/// `2019-01-01 08:00:00 +0100`.
fn stamp(utc: i64) -> String {
    let off = berlin(utc);
    let local = utc + off;
    let (y, m, d) = civil(local.div_euclid(86_400));
    let s = local.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} +{:02}00",
        s / 3600,
        s / 60 % 60,
        s % 60,
        off / 3600
    )
}

fn iso(utc: i64) -> String {
    let (y, m, d) = civil(utc.div_euclid(86_400));
    let s = utc.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

const WATCH: &str = "Kim’s Apple Watch";
const WATCH_DEVICE: &str = "&lt;&lt;HKDevice: 0x283a1c0f0&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,2, software:10.4&gt;";
const PHONE: &str = "Kim’s iPhone";
const PHONE_DEVICE: &str = "&lt;&lt;HKDevice: 0x2834f1c20&gt;, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone14,5, software:17.4&gt;";

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Run,
    Treadmill,
    Ride,
    Swim,
    Strength,
    Yoga,
    Walk,
}

struct PlannedWorkout {
    start: i64,
    seconds: i64,
    kind: Kind,
    route: Option<String>,
}

#[allow(clippy::too_many_arguments)]
fn record(
    w: &mut dyn Write,
    kind: &str,
    source: &str,
    device: Option<&str>,
    unit: Option<&str>,
    start: i64,
    end: i64,
    value: &str,
    children: &str,
) -> io::Result<()> {
    write!(
        w,
        " <Record type=\"{kind}\" sourceName=\"{source}\" sourceVersion=\"10.4\""
    )?;
    if let Some(d) = device {
        write!(w, " device=\"{d}\"")?;
    }
    if let Some(u) = unit {
        write!(w, " unit=\"{u}\"")?;
    }
    let (s, e) = (stamp(start), stamp(end));
    write!(
        w,
        " creationDate=\"{e}\" startDate=\"{s}\" endDate=\"{e}\" value=\"{value}\""
    )?;
    if children.is_empty() {
        w.write_all(b"/>\n")
    } else {
        write!(w, ">\n{children} </Record>\n")
    }
}

const PROLOG: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 14 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|Audiogram|VisionPrescription)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate
  value CDATA #REQUIRED
>
<!ELEMENT Me EMPTY>
<!ATTLIST Me
  HKCharacteristicTypeIdentifierDateOfBirth         CDATA #REQUIRED
  HKCharacteristicTypeIdentifierBiologicalSex       CDATA #REQUIRED
  HKCharacteristicTypeIdentifierBloodType           CDATA #REQUIRED
  HKCharacteristicTypeIdentifierFitzpatrickSkinType CDATA #REQUIRED
  HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!-- Note: Any Records that appear as children of a correlation also appear as top-level records in this document. -->
<!ELEMENT Workout ((MetadataEntry|WorkoutEvent|WorkoutRoute|WorkoutStatistics)*)>
<!ATTLIST Workout
  workoutActivityType   CDATA #REQUIRED
  duration              CDATA #IMPLIED
  durationUnit          CDATA #IMPLIED
  sourceName            CDATA #REQUIRED
  sourceVersion         CDATA #IMPLIED
  device                CDATA #IMPLIED
  creationDate          CDATA #IMPLIED
  startDate             CDATA #REQUIRED
  endDate               CDATA #REQUIRED
>
<!ELEMENT WorkoutActivity ((MetadataEntry)*)>
<!ELEMENT WorkoutStatistics EMPTY>
<!ELEMENT WorkoutRoute ((MetadataEntry|FileReference)*)>
<!ELEMENT FileReference EMPTY>
<!ATTLIST FileReference
  path CDATA #REQUIRED
>
<!ELEMENT ActivitySummary EMPTY>
]>
<HealthData locale="de_DE">
 <ExportDate value="2025-07-01 20:00:00 +0200"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1985-04-12" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet" HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse="None"/>
"#;

/// Bytes of a typical record of each filler type (measured on the lines written here).
const RECORD_BYTES: f64 = 420.0;

fn write_export(path: &str, plan: &Plan) -> io::Result<u64> {
    let end = days_from_civil(2025, 6, 30) * 86_400 + 20 * 3600;
    let start = end - plan.years * 365 * 86_400;
    let span = (end - start) as f64;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);

    // The workouts first (their heart rate is dense in the heart-rate records).
    let mut workouts: Vec<PlannedWorkout> = Vec::with_capacity(plan.workouts);
    let gap = span / plan.workouts.max(1) as f64;
    let mut routes = 0;
    for i in 0..plan.workouts {
        let day_start = start + (i as f64 * gap) as i64;
        let t = day_start - day_start.rem_euclid(86_400)
            + 5 * 3600
            + (rng.unit() * 12.0 * 3600.0) as i64;
        let kind = match rng.next() % 20 {
            0..=8 => Kind::Run,
            9..=10 => Kind::Treadmill,
            11..=13 => Kind::Ride,
            14 => Kind::Swim,
            15..=16 => Kind::Strength,
            17 => Kind::Yoga,
            _ => Kind::Walk,
        };
        let seconds = match kind {
            Kind::Ride => rng.range(3600.0, 10800.0),
            Kind::Yoga | Kind::Strength => rng.range(1800.0, 3600.0),
            _ => rng.range(1500.0, 4200.0),
        } as i64;
        // The routes are spread over the years (the later runs of each stretch).
        // About `routes` of the outdoor runs (nine in twenty workouts) have a route.
        let share = plan.routes as f64 / (plan.workouts as f64 * 0.45);
        let route = (kind == Kind::Run && routes < plan.routes && rng.unit() < share).then(|| {
            routes += 1;
            let local = t + seconds + berlin(t);
            let (y, m, d) = civil(local.div_euclid(86_400));
            let s = local.rem_euclid(86_400);
            let (h, mi) = (s / 3600, s / 60 % 60);
            let (h12, ampm) = match h {
                0 => (12, "am"),
                1..=11 => (h, "am"),
                12 => (12, "pm"),
                _ => (h - 12, "pm"),
            };
            format!("workout-routes/route_{y:04}-{m:02}-{d:02}_{h12}.{mi:02}{ampm}.gpx")
        });
        workouts.push(PlannedWorkout {
            start: t,
            seconds,
            kind,
            route,
        });
    }

    let file = BufWriter::with_capacity(1 << 20, File::create(path)?);
    let mut zip = ZipWriter::new(file);
    let options = SimpleFileOptions::default()
        .compression_method(if plan.stored {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        })
        .compression_level((!plan.stored).then_some(1))
        .large_file(true);
    zip.start_file("apple_health_export/export.xml", options)?;
    let mut w = Counting {
        inner: BufWriter::with_capacity(1 << 20, &mut zip),
        count: 0,
    };
    w.write_all(PROLOG.as_bytes())?;

    // The budget: about half heart rate (background readings plus every 5 s in workouts),
    // the rest steps, distance and energy; a few small types as in any export.
    let workout_hr: f64 = workouts.iter().map(|w| w.seconds as f64 / 5.0).sum();
    let budget = plan.bytes as f64;
    let hr_background = ((budget * 0.5 / RECORD_BYTES - workout_hr) / span).max(1.0 / 600.0);
    let filler = (budget * 0.5 / RECORD_BYTES / 4.0 / span).max(1.0 / 3600.0);

    // Steps, distance, energy: phone and Watch interleaved, as real exports are.
    for (kind, unit, lo, hi) in [
        ("HKQuantityTypeIdentifierStepCount", "count", 10.0, 900.0),
        (
            "HKQuantityTypeIdentifierDistanceWalkingRunning",
            "km",
            0.005,
            0.6,
        ),
        (
            "HKQuantityTypeIdentifierActiveEnergyBurned",
            "Cal",
            0.1,
            12.0,
        ),
        ("HKQuantityTypeIdentifierBasalEnergyBurned", "Cal", 0.5, 2.0),
    ] {
        let step = 1.0 / filler;
        let mut t = start as f64;
        let mut i = 0u64;
        while t < end as f64 {
            let (source, device) = if i.is_multiple_of(3) {
                (PHONE, PHONE_DEVICE)
            } else {
                (WATCH, WATCH_DEVICE)
            };
            let s = t as i64;
            let v = rng.range(lo, hi);
            let value = if unit == "count" {
                format!("{}", v as u32)
            } else {
                format!("{v:.5}")
            };
            record(
                &mut w,
                kind,
                source,
                Some(device),
                Some(unit),
                s,
                s + 60,
                &value,
                "",
            )?;
            t += step * rng.range(0.5, 1.5);
            i += 1;
        }
    }
    // A few small types.
    for day in 0..(plan.years * 365) {
        let t = start + day * 86_400;
        record(
            &mut w,
            "HKQuantityTypeIdentifierFlightsClimbed",
            PHONE,
            Some(PHONE_DEVICE),
            Some("count"),
            t + 40_000,
            t + 40_300,
            "3",
            "",
        )?;
        record(
            &mut w,
            "HKQuantityTypeIdentifierRespiratoryRate",
            WATCH,
            Some(WATCH_DEVICE),
            Some("count/min"),
            t + 10_000,
            t + 10_000,
            "14.5",
            "",
        )?;
        record(
            &mut w,
            "HKQuantityTypeIdentifierOxygenSaturation",
            WATCH,
            Some(WATCH_DEVICE),
            Some("%"),
            t + 12_000,
            t + 12_000,
            "0.97",
            "",
        )?;
        record(
            &mut w,
            "HKQuantityTypeIdentifierWalkingHeartRateAverage",
            WATCH,
            Some(WATCH_DEVICE),
            Some("count/min"),
            t + 30_000,
            t + 60_000,
            "98",
            "",
        )?;
    }
    // HRV: about five a day from the Watch, some with their beats.
    for day in 0..(plan.years * 365) {
        let midnight = start - start.rem_euclid(86_400) + day * 86_400 - 3600;
        for k in 0..5 {
            let s = midnight + 3600 + k * 4 * 3600 + (rng.unit() * 3000.0) as i64;
            let v = format!("{:.4}", rng.range(25.0, 90.0));
            let children = if k == 0 {
                "  <HeartRateVariabilityMetadataList>\n   <InstantaneousBeatsPerMinute bpm=\"58\" time=\"02:14:07,68\"/>\n   <InstantaneousBeatsPerMinute bpm=\"57\" time=\"02:14:08,71\"/>\n  </HeartRateVariabilityMetadataList>\n"
            } else {
                ""
            };
            record(
                &mut w,
                "HKQuantityTypeIdentifierHeartRateVariabilitySDNN",
                WATCH,
                Some(WATCH_DEVICE),
                Some("ms"),
                s,
                s + 60,
                &v,
                children,
            )?;
        }
    }
    for day in 0..(plan.years * 365) {
        let midnight = start - start.rem_euclid(86_400) + day * 86_400 - 3600;
        let v = format!("{}", rng.range(44.0, 60.0) as u32);
        record(
            &mut w,
            "HKQuantityTypeIdentifierRestingHeartRate",
            WATCH,
            Some(WATCH_DEVICE),
            Some("count/min"),
            midnight + 300,
            midnight + 75_000,
            &v,
            "",
        )?;
    }
    // Heart rate: background readings, and every 5 s through each workout.
    let mut t = start as f64;
    let mut next_workout = 0;
    let motion = "  <MetadataEntry key=\"HKMetadataKeyHeartRateMotionContext\" value=\"1\"/>\n";
    while t < end as f64 {
        if let Some(wk) = workouts
            .get(next_workout)
            .filter(|wk| (wk.start as f64) <= t)
        {
            let mut s = wk.start;
            while s < wk.start + wk.seconds {
                let v = format!("{}", rng.range(120.0, 175.0) as u32);
                record(
                    &mut w,
                    "HKQuantityTypeIdentifierHeartRate",
                    WATCH,
                    Some(WATCH_DEVICE),
                    Some("count/min"),
                    s,
                    s,
                    &v,
                    motion,
                )?;
                s += 5;
            }
            t = (wk.start + wk.seconds) as f64;
            next_workout += 1;
            continue;
        }
        let s = t as i64;
        let v = format!("{}", rng.range(52.0, 95.0) as u32);
        record(
            &mut w,
            "HKQuantityTypeIdentifierHeartRate",
            WATCH,
            Some(WATCH_DEVICE),
            Some("count/min"),
            s,
            s,
            &v,
            motion,
        )?;
        t += rng.range(0.5, 1.5) / hr_background;
    }
    // Sleep: the phone's in-bed, and the Watch's stages, each night.
    let tz = "  <MetadataEntry key=\"HKTimeZone\" value=\"Europe/Berlin\"/>\n";
    for day in 0..(plan.years * 365) {
        let bed = start - start.rem_euclid(86_400)
            + day * 86_400
            + 21 * 3600
            + (rng.unit() * 3600.0) as i64;
        record(
            &mut w,
            "HKCategoryTypeIdentifierSleepAnalysis",
            PHONE,
            Some(PHONE_DEVICE),
            None,
            bed,
            bed + 8 * 3600,
            "HKCategoryValueSleepAnalysisInBed",
            tz,
        )?;
        let mut s = bed + 900;
        for k in 0..18 {
            let len = rng.range(300.0, 2400.0) as i64;
            let stage = [
                "AsleepCore",
                "AsleepDeep",
                "AsleepCore",
                "AsleepREM",
                "Awake",
                "AsleepCore",
            ][k % 6];
            record(
                &mut w,
                "HKCategoryTypeIdentifierSleepAnalysis",
                WATCH,
                Some(WATCH_DEVICE),
                None,
                s,
                s + len,
                &format!("HKCategoryValueSleepAnalysis{stage}"),
                tz,
            )?;
            s += len;
        }
    }
    // Workouts, in the new layout.
    for wk in &workouts {
        write_workout(&mut w, wk, &mut rng)?;
    }
    for day in 0..(plan.years * 365) {
        let (y, m, d) = civil(start.div_euclid(86_400) + day);
        writeln!(w, " <ActivitySummary dateComponents=\"{y:04}-{m:02}-{d:02}\" activeEnergyBurned=\"512.3\" activeEnergyBurnedGoal=\"500\" activeEnergyBurnedUnit=\"Cal\" appleMoveTime=\"0\" appleMoveTimeGoal=\"0\" appleExerciseTime=\"42\" appleExerciseTimeGoal=\"30\" appleStandHours=\"12\" appleStandHoursGoal=\"12\"/>")?;
    }
    w.write_all(b"</HealthData>\n")?;
    w.flush()?;
    let written = w.count;
    drop(w);

    zip.start_file("apple_health_export/export_cda.xml", options)?;
    zip.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ClinicalDocument xmlns=\"urn:hl7-org:v3\"></ClinicalDocument>\n")?;
    for wk in workouts.iter().filter(|w| w.route.is_some()) {
        let Some(route) = &wk.route else { continue };
        zip.start_file(format!("apple_health_export/{route}"), options)?;
        let mut g = BufWriter::with_capacity(1 << 16, &mut zip);
        write_route(&mut g, wk, &mut rng)?;
        g.flush()?;
    }
    zip.finish()?.flush()?;
    Ok(written)
}

fn write_workout(w: &mut dyn Write, wk: &PlannedWorkout, rng: &mut Rng) -> io::Result<()> {
    let (kind, indoor, distance) = match wk.kind {
        Kind::Run => (
            "Running",
            0,
            Some((
                "DistanceWalkingRunning",
                wk.seconds as f64 * 3.1 / 1000.0,
                "km",
            )),
        ),
        Kind::Treadmill => (
            "Running",
            1,
            Some((
                "DistanceWalkingRunning",
                wk.seconds as f64 * 2.9 / 1000.0,
                "km",
            )),
        ),
        Kind::Ride => (
            "Cycling",
            0,
            Some(("DistanceCycling", wk.seconds as f64 * 7.5 / 1000.0, "km")),
        ),
        Kind::Swim => (
            "Swimming",
            1,
            Some(("DistanceSwimming", wk.seconds as f64 * 0.7, "m")),
        ),
        Kind::Strength => ("TraditionalStrengthTraining", 1, None),
        Kind::Yoga => ("Yoga", 1, None),
        Kind::Walk => (
            "Walking",
            0,
            Some((
                "DistanceWalkingRunning",
                wk.seconds as f64 * 1.4 / 1000.0,
                "km",
            )),
        ),
    };
    let (s, e) = (stamp(wk.start), stamp(wk.start + wk.seconds));
    let paused = 60;
    let duration = (wk.seconds - paused) as f64 / 60.0;
    writeln!(w, " <Workout workoutActivityType=\"HKWorkoutActivityType{kind}\" duration=\"{duration}\" durationUnit=\"min\" sourceName=\"{WATCH}\" sourceVersion=\"10.4\" device=\"{WATCH_DEVICE}\" creationDate=\"{e}\" startDate=\"{s}\" endDate=\"{e}\">")?;
    let climb = (rng.range(0.0, 150.0) * 100.0) as u32;
    let meta = format!("  <MetadataEntry key=\"HKIndoorWorkout\" value=\"{indoor}\"/>\n  <MetadataEntry key=\"HKAverageMETs\" value=\"9.8 kcal/hr·kg\"/>\n  <MetadataEntry key=\"HKTimeZone\" value=\"Europe/Berlin\"/>\n  <MetadataEntry key=\"HKElevationAscended\" value=\"{climb} cm\"/>\n");
    w.write_all(meta.as_bytes())?;
    let pause_at = wk.start + wk.seconds / 2;
    writeln!(w, "  <WorkoutEvent type=\"HKWorkoutEventTypeSegment\" date=\"{s}\" duration=\"5.1\" durationUnit=\"min\"/>")?;
    writeln!(
        w,
        "  <WorkoutEvent type=\"HKWorkoutEventTypePause\" date=\"{}\"/>",
        stamp(pause_at)
    )?;
    writeln!(
        w,
        "  <WorkoutEvent type=\"HKWorkoutEventTypeResume\" date=\"{}\"/>",
        stamp(pause_at + paused)
    )?;
    let avg = rng.range(120.0, 160.0);
    let stats = |w: &mut dyn Write, indent: &str| -> io::Result<()> {
        if let Some((t, sum, unit)) = distance {
            writeln!(w, "{indent}<WorkoutStatistics type=\"HKQuantityTypeIdentifier{t}\" startDate=\"{s}\" endDate=\"{e}\" sum=\"{sum:.5}\" unit=\"{unit}\"/>")?;
        }
        writeln!(w, "{indent}<WorkoutStatistics type=\"HKQuantityTypeIdentifierHeartRate\" startDate=\"{s}\" endDate=\"{e}\" average=\"{avg:.3}\" minimum=\"95\" maximum=\"182\" unit=\"count/min\"/>")?;
        writeln!(w, "{indent}<WorkoutStatistics type=\"HKQuantityTypeIdentifierActiveEnergyBurned\" startDate=\"{s}\" endDate=\"{e}\" sum=\"{:.3}\" unit=\"Cal\"/>", wk.seconds as f64 * 0.2)
    };
    writeln!(w, "  <WorkoutActivity uuid=\"00000000-0000-4000-8000-{:012X}\" startDate=\"{s}\" endDate=\"{e}\" duration=\"{duration}\" durationUnit=\"min\">", rng.next() >> 16)?;
    stats(w, "   ")?;
    writeln!(w, "  </WorkoutActivity>")?;
    stats(w, "  ")?;
    if let Some(route) = &wk.route {
        writeln!(w, "  <WorkoutRoute sourceName=\"{WATCH}\" sourceVersion=\"10.4\" creationDate=\"{e}\" startDate=\"{s}\" endDate=\"{e}\">\n   <MetadataEntry key=\"HKMetadataKeySyncVersion\" value=\"2\"/>\n   <FileReference path=\"/{route}\"/>\n  </WorkoutRoute>")?;
    }
    w.write_all(meta.as_bytes())?;
    writeln!(w, " </Workout>")
}

fn write_route(w: &mut dyn Write, wk: &PlannedWorkout, rng: &mut Rng) -> io::Result<()> {
    writeln!(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\" creator=\"Apple Health Export\" xmlns=\"http://www.topografix.com/GPX/1/1\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd\">\n  <metadata>\n    <time>2025-07-01T18:00:00Z</time>\n  </metadata>\n  <trk>\n    <name>Route</name>\n    <trkseg>")?;
    let (mut lat, mut lon) = (
        52.52 + rng.range(-0.05, 0.05),
        13.40 + rng.range(-0.05, 0.05),
    );
    let heading = rng.range(0.0, std::f64::consts::TAU);
    for t in wk.start..(wk.start + wk.seconds) {
        let speed = 3.1 + rng.range(-0.3, 0.3);
        lat += speed * heading.cos() / 111_195.0;
        lon += speed * heading.sin() / (111_195.0 * 52.5f64.to_radians().cos());
        let ele = 40.0 + ((t - wk.start) as f64 / 300.0).sin() * 12.0;
        writeln!(w, "      <trkpt lon=\"{lon:.6}\" lat=\"{lat:.6}\"><ele>{ele:.6}</ele><time>{}</time><extensions><speed>{speed:.6}</speed><course>{:.6}</course><hAcc>3.542000</hAcc><vAcc>2.210000</vAcc></extensions></trkpt>", iso(t), heading.to_degrees())?;
    }
    writeln!(w, "    </trkseg>\n  </trk>\n</gpx>")
}
