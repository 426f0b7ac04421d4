//! Prints twenty years of a two-a-day triathlete (`benches/support/twenty_years.rs`: 14,600
//! sessions imported from watch files, with their notes, and 7,300 check-ins) as the app
//! stores them: a JSON object of every localStorage key of the app's and its text (the head
//! and the blocks, as storage version 4 lays them out). As one text the log would not fit in
//! localStorage at all, so the browser figures and the end-to-end test set these keys.
//! Counts go to stderr.
//!
//! ```sh
//! cargo run --quiet --release --example twenty_years -- [--until YYYY-MM-DD] > twenty-years.json
//! ```

#[path = "../benches/support/twenty_years.rs"]
mod twenty_years;

use std::io::Write;
use std::process::ExitCode;

use chrono::Datelike;
use recovery_run::domain::date::Day;
use recovery_run::store::kv::Memory;
use recovery_run::store::local::Db;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut until = None;
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--until", Some(d)) => match d.parse::<Day>() {
                Ok(d) => until = Some(d),
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::from(2);
                }
            },
            _ => {
                eprintln!("usage: cargo run --example twenty_years -- [--until YYYY-MM-DD]");
                return ExitCode::from(2);
            }
        }
    }
    let until = until.unwrap_or_else(|| {
        let d = chrono::Local::now().date_naive();
        Day::from_ymd(d.year(), d.month() as u8, d.day() as u8).unwrap_or(Day::EPOCH)
    });
    let data = twenty_years::log(until);
    let kv = Memory::default();
    let mut db = Db::new(Some(kv.clone()));
    if db.replace(&data, until).is_err() {
        eprintln!("could not lay the log out");
        return ExitCode::FAILURE;
    }
    let keys: serde_json::Map<String, serde_json::Value> = kv
        .dump()
        .into_iter()
        .map(|(k, t)| (k, serde_json::Value::String(t)))
        .collect();
    let chars = db.used_chars();
    let text = serde_json::to_string(&serde_json::Value::Object(keys)).unwrap_or_default();
    if std::io::stdout().lock().write_all(text.as_bytes()).is_err() {
        return ExitCode::FAILURE;
    }
    eprintln!(
        "{} sessions, {} check-ins; {chars} characters in localStorage ({:.1} % of 5,242,880)",
        data.sessions.len(),
        data.wellness.len(),
        chars as f64 * 100.0 / 5_242_880.0
    );
    ExitCode::SUCCESS
}
