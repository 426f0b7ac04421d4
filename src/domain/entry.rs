//! The session form as typed: text in, a [`Session`] or per-field messages out.
//!
//! Runners type durations as `45:00` or `1:05:00`, paces and distances in their own units;
//! this turns that text into typed values, naming the field and the problem when it can't,
//! so the form can show the message beside the field and keep what was typed.

use super::date::{Day, TimeOfDay};
use super::decimal::parse_decimal;
use super::quantity::{Bpm, Rpe, Tss, Watts};
use super::session::{Intent, Session, SessionId, Sport, TssMethod};
use super::units;
use super::units::Units;

/// The form's fields, as text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SessionForm {
    pub date: String,
    pub start_time: String,
    pub sport: String,
    pub intent: String,
    pub title: String,
    pub duration: String,
    pub distance: String,
    pub avg_hr: String,
    pub avg_power: String,
    pub normalized_power: String,
    pub rpe: String,
    pub tss: String,
    /// The method chosen (`tss_method_chosen`, docs/domain.md §6): a method's name, or empty for
    /// the best the data allow.
    pub method: String,
    pub notes: String,
}

/// A form field, for placing messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Date,
    StartTime,
    Sport,
    Intent,
    Duration,
    Distance,
    AvgHr,
    AvgPower,
    NormalizedPower,
    Rpe,
    Tss,
    Method,
}

pub type FieldErrors = Vec<(Field, String)>;

impl SessionForm {
    /// A new entry: today's date, the sport last logged, everything else empty.
    pub fn new_entry(today: Day, last_sport: Option<Sport>) -> SessionForm {
        SessionForm {
            date: today.to_string(),
            sport: last_sport.unwrap_or(Sport::Run).as_str().into(),
            ..SessionForm::default()
        }
    }

    /// The form filled from a stored session, in the athlete's units.
    pub fn from_session(s: &Session, unit: Units) -> SessionForm {
        let opt = |v: Option<f64>| v.map(trim_number).unwrap_or_default();
        SessionForm {
            date: s.date.to_string(),
            start_time: s.start_time.map(|t| t.to_string()).unwrap_or_default(),
            sport: s.sport.as_str().into(),
            intent: s.intent.map(|i| i.as_str().into()).unwrap_or_default(),
            title: s.title.clone(),
            duration: units::format_duration(s.duration),
            distance: s
                .distance
                .map(|d| units::distance_number(d, unit))
                .unwrap_or_default(),
            avg_hr: s.avg_hr.map(|b| b.get().to_string()).unwrap_or_default(),
            avg_power: opt(s.avg_power.map(|w| w.get())),
            normalized_power: opt(s.normalized_power.map(|w| w.get())),
            rpe: s.rpe.map(|r| r.get().to_string()).unwrap_or_default(),
            // Only a TSS the athlete gave is theirs to edit; estimates are recomputed.
            tss: match s.tss_method {
                Some(TssMethod::Given) | None => opt(s.tss.map(|t| t.get())),
                Some(_) => String::new(),
            },
            method: s
                .tss_method_chosen
                .map(|m| m.as_str().to_string())
                .unwrap_or_default(),
            notes: s.notes.clone(),
        }
    }

    /// The session this form describes, or every field that is wrong and why.
    /// The TSS is the one typed (method "given") or left empty for the caller to estimate.
    pub fn parse(&self, id: SessionId, unit: Units) -> Result<Session, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut check = |field: Field, r: Result<(), String>| {
            if let Err(e) = r {
                errors.push((field, e));
            }
        };

        let date = self.date.parse::<Day>().map_err(|e| e.to_string());
        check(Field::Date, date.as_ref().map(|_| ()).map_err(Clone::clone));

        let start_time = optional(&self.start_time, |s| {
            s.parse::<TimeOfDay>().map_err(|e| e.to_string())
        });
        check(
            Field::StartTime,
            start_time.as_ref().map(|_| ()).map_err(Clone::clone),
        );

        let sport = Sport::parse(&self.sport).ok_or_else(|| "Choose a sport.".to_string());
        check(
            Field::Sport,
            sport.as_ref().map(|_| ()).map_err(Clone::clone),
        );

        let intent = optional(&self.intent, |s| {
            Intent::parse(s).ok_or_else(|| format!("“{s}” is not a known intent."))
        });
        check(
            Field::Intent,
            intent.as_ref().map(|_| ()).map_err(Clone::clone),
        );

        let duration = if self.duration.trim().is_empty() {
            Err("Enter how long it took, e.g. 45:00 or 1:05:00.".to_string())
        } else {
            units::parse_duration(&self.duration)
        };
        check(
            Field::Duration,
            duration.as_ref().map(|_| ()).map_err(Clone::clone),
        );

        let distance = optional(&self.distance, |s| units::parse_distance(s, unit));
        check(
            Field::Distance,
            distance.as_ref().map(|_| ()).map_err(Clone::clone),
        );

        let avg_hr = optional(&self.avg_hr, |s| {
            number(s, "heart rate", Bpm::RANGE, "bpm", |v| {
                Bpm::new(v.round() as u16).filter(|_| v.fract() == 0.0)
            })
        });
        check(
            Field::AvgHr,
            avg_hr.as_ref().map(|_| ()).map_err(Clone::clone),
        );

        let avg_power = optional(&self.avg_power, watts);
        check(
            Field::AvgPower,
            avg_power.as_ref().map(|_| ()).map_err(Clone::clone),
        );
        let np = optional(&self.normalized_power, watts);
        check(
            Field::NormalizedPower,
            np.as_ref().map(|_| ()).map_err(Clone::clone),
        );

        let rpe = optional(&self.rpe, |s| {
            number(s, "effort", Rpe::RANGE, "", |v| {
                Rpe::new(v as u8).filter(|_| v.fract() == 0.0)
            })
        });
        check(Field::Rpe, rpe.as_ref().map(|_| ()).map_err(Clone::clone));

        let tss = optional(&self.tss, |s| number(s, "TSS", Tss::RANGE, "", Tss::new));
        check(Field::Tss, tss.as_ref().map(|_| ()).map_err(Clone::clone));

        // The method chosen, and whether the TSS field agrees with it: a typed TSS is the
        // method "given"; another method scores the session from its data instead.
        let chosen = optional(&self.method, |m| {
            TssMethod::parse(m).ok_or_else(|| "Choose a method from the list.".to_string())
        });
        check(
            Field::Method,
            chosen.as_ref().map(|_| ()).map_err(Clone::clone),
        );
        let typed = matches!(tss, Ok(Some(_)));
        match chosen {
            Ok(Some(TssMethod::Given)) if !typed && tss.is_ok() => check(
                Field::Tss,
                Err("Type the TSS, or choose another method.".into()),
            ),
            Ok(Some(m)) if m != TssMethod::Given && typed => check(
                Field::Tss,
                Err(format!(
                    "Clear the TSS to score by {}, or choose “typed TSS”.",
                    m.as_str()
                )),
            ),
            _ => {}
        }

        if !errors.is_empty() {
            return Err(errors);
        }
        // Every Result is Ok here; `ok()` keeps this free of unwraps all the same.
        let (Ok(date), Ok(sport), Ok(duration)) = (date, sport, duration) else {
            return Err(errors);
        };
        let mut s = Session::new(id, date, sport, duration);
        s.start_time = start_time.ok().flatten();
        s.intent = intent.ok().flatten();
        s.title = self.title.trim().to_string();
        s.distance = distance.ok().flatten();
        s.avg_hr = avg_hr.ok().flatten();
        s.avg_power = avg_power.ok().flatten();
        s.normalized_power = np.ok().flatten();
        s.rpe = rpe.ok().flatten();
        s.tss = tss.ok().flatten();
        s.tss_method = s.tss.map(|_| TssMethod::Given);
        s.tss_method_chosen = chosen.ok().flatten();
        s.notes = self.notes.trim().to_string();
        Ok(s)
    }
}

/// `None` for an empty entry (the value is cleared), else what `parse` makes of it.
pub fn optional<T>(
    s: &str,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<Option<T>, String> {
    let s = s.trim();
    if s.is_empty() {
        Ok(None)
    } else {
        parse(s).map(Some)
    }
}

fn number<R: std::fmt::Display, T>(
    s: &str,
    what: &str,
    range: (R, R),
    unit: &str,
    make: impl FnOnce(f64) -> Option<T>,
) -> Result<T, String> {
    let v = parse_decimal(&s.replace(',', ".")).ok_or_else(|| format!("“{s}” is not a number."))?;
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    if !v.is_finite() {
        return Err(format!("“{s}” is not a number."));
    }
    make(v).ok_or_else(|| {
        format!(
            "Enter a whole {what} from {}{unit} to {}{unit}.",
            range.0, range.1
        )
        .replace("whole TSS", "TSS")
    })
}

fn watts(s: &str) -> Result<Watts, String> {
    number(s, "power", Watts::RANGE, "W", Watts::new).map_err(|e| e.replace("whole ", ""))
}

/// `12.0` → "12", `12.5` → "12.5": numbers as a person would retype them.
fn trim_number(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SessionForm {
        SessionForm {
            date: "2026-03-09".into(),
            sport: "run".into(),
            duration: "1:05:00".into(),
            ..SessionForm::default()
        }
    }

    #[test]
    fn a_minimal_entry_parses() {
        let s = form().parse(SessionId("x".into()), Units::Metric).unwrap();
        assert_eq!(s.duration.get(), 3900, "1:05:00 is 65 minutes");
        assert_eq!(s.tss, None, "no TSS typed: left for the estimator");
    }

    #[test]
    fn every_bad_field_is_named_and_nothing_is_half_made() {
        let mut f = form();
        f.date = "2026-02-30".into();
        f.avg_hr = "300".into();
        f.tss = "abc".into();
        f.duration = String::new();
        let errors = f.parse(SessionId("x".into()), Units::Metric).unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|e| e.0).collect();
        assert_eq!(
            fields,
            [Field::Date, Field::Duration, Field::AvgHr, Field::Tss]
        );
    }

    #[test]
    fn a_typed_tss_is_recorded_as_given() {
        let mut f = form();
        f.tss = "92,5".into();
        let s = f.parse(SessionId("x".into()), Units::Metric).unwrap();
        assert_eq!(s.tss.map(|t| t.get()), Some(92.5));
        assert_eq!(s.tss_method, Some(TssMethod::Given));
    }

    #[test]
    fn a_chosen_method_is_kept_and_must_agree_with_the_tss_field() {
        let mut f = form();
        f.rpe = "6".into();
        f.method = "rpe".into();
        let s = f.parse(SessionId("x".into()), Units::Metric).unwrap();
        assert_eq!(s.tss_method_chosen, Some(TssMethod::Rpe));
        assert_eq!(SessionForm::from_session(&s, Units::Metric).method, "rpe");
        f.tss = "50".into();
        let e = f.parse(SessionId("x".into()), Units::Metric).unwrap_err();
        assert_eq!(e[0].0, Field::Tss);
        f.method = "given".into();
        let s = f.parse(SessionId("x".into()), Units::Metric).unwrap();
        assert_eq!(
            (s.tss_method_chosen, s.tss_method),
            (Some(TssMethod::Given), Some(TssMethod::Given))
        );
        f.tss = String::new();
        let e = f.parse(SessionId("x".into()), Units::Metric).unwrap_err();
        assert_eq!(e[0].0, Field::Tss);
        f.method = "magic".into();
        assert_eq!(
            f.parse(SessionId("x".into()), Units::Metric).unwrap_err()[0].0,
            Field::Method
        );
    }

    #[test]
    fn imperial_distances_are_stored_in_metres() {
        let mut f = form();
        f.distance = "10".into();
        let s = f.parse(SessionId("x".into()), Units::Imperial).unwrap();
        // 10 mi = 16 093.44 m (1 mi = 1 609.344 m, international mile).
        assert!((s.distance.unwrap().get() - 16_093.44).abs() < 1e-6);
    }

    #[test]
    fn a_stored_session_comes_back_to_the_same_form() {
        let mut f = form();
        f.distance = "12.5".into();
        f.avg_hr = "151".into();
        f.title = "Tempo".into();
        let s = f.parse(SessionId("x".into()), Units::Metric).unwrap();
        let again = SessionForm::from_session(&s, Units::Metric);
        assert_eq!(again.distance, "12.5");
        assert_eq!(again.avg_hr, "151");
        assert_eq!(again.duration, "1:05:00");
        assert_eq!(
            again.parse(SessionId("x".into()), Units::Metric).unwrap(),
            s
        );
    }
}
