//! Prints the ten-year log (`benches/support/ten_years.rs`) as the text the app stores under
//! `recovery-run`: its whole envelope, as `store::schema::encode` writes it (the app reads it
//! as it is and lays it out in blocks at its first idle moment). A count goes to stderr.
//!
//! ```sh
//! cargo run --quiet --example ten_years -- [--until YYYY-MM-DD] [--days 3650] > ten-years.json
//! ```
//!
//! `--until` is the last day of the log: today's local date unless given.

#[path = "../benches/support/ten_years.rs"]
mod ten_years;

use std::io::Write;
use std::process::ExitCode;

use chrono::Datelike;
use recovery_run::domain::date::Day;
use recovery_run::store::layout::StoredTexts;
use recovery_run::store::schema::{self, Encoded};

const USAGE: &str = "usage: cargo run --example ten_years -- [--until YYYY-MM-DD] [--days N]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut until = None;
    let mut days = ten_years::DAYS;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--until" => until = Some(value()?.parse::<Day>().map_err(|e| e.to_string())?),
            "--days" => {
                days = value()?
                    .parse()
                    .ok()
                    .filter(|&d| d > 0)
                    .ok_or("--days takes a whole number of days, at least 1")?
            }
            _ => return Err(format!("unknown argument {arg}")),
        }
    }
    let until = match until {
        Some(day) => day,
        None => today()?,
    };
    let data = ten_years::log(until, days);
    let text = schema::encode(&data);
    // What storage holds once the app has laid the text out (head and blocks, keys included).
    let stored = StoredTexts::lay_out(&mut Encoded::new(data.clone()), 0, None, until).chars();
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(|e| e.to_string())?;
    eprintln!(
        "{} sessions, {} check-ins; {} characters, {stored} once laid out in blocks",
        data.sessions.len(),
        data.wellness.len(),
        text.chars().count(),
    );
    Ok(())
}

/// Today's local date, as the app's clock reads it.
fn today() -> Result<Day, String> {
    let d = chrono::Local::now().date_naive();
    Day::from_ymd(d.year(), d.month() as u8, d.day() as u8).ok_or("no such day".into())
}
