//! One training session as the athlete logged it (docs/formats.md §1, `sessions`).

use serde::{Deserialize, Serialize};

use super::date::{Day, TimeOfDay};
use super::efforts::Efforts;
use super::quantity::{Bpm, Metres, PacePerKm, Rpe, Seconds, Tss, Watts};

pub use super::sport::Sport;

/// Why the session was done. The wire names are part of the backup format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Intent {
    Recovery,
    Easy,
    Long,
    Workout,
    Race,
    Strength,
    Other,
}

impl Intent {
    pub const ALL: [Intent; 7] = [
        Intent::Recovery,
        Intent::Easy,
        Intent::Long,
        Intent::Workout,
        Intent::Race,
        Intent::Strength,
        Intent::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Intent::Recovery => "recovery",
            Intent::Easy => "easy",
            Intent::Long => "long",
            Intent::Workout => "workout",
            Intent::Race => "race",
            Intent::Strength => "strength",
            Intent::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Intent> {
        Intent::ALL
            .into_iter()
            .find(|x| x.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// Which estimate produced a session's TSS (docs/domain.md §1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TssMethod {
    Given,
    Power,
    Pace,
    Hr,
    Swim,
    Rpe,
}

impl TssMethod {
    pub const ALL: [TssMethod; 6] = [
        TssMethod::Given,
        TssMethod::Power,
        TssMethod::Pace,
        TssMethod::Hr,
        TssMethod::Swim,
        TssMethod::Rpe,
    ];

    pub fn parse(s: &str) -> Option<TssMethod> {
        TssMethod::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(s.trim()))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TssMethod::Given => "given",
            TssMethod::Power => "power",
            TssMethod::Pace => "pace",
            TssMethod::Hr => "hr",
            TssMethod::Swim => "swim",
            TssMethod::Rpe => "rpe",
        }
    }
}

/// A session's id: any non-empty text (imported files bring their own ids).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SessionId(pub String);

/// A logged (or, if dated in the future, planned) session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub id: SessionId,
    pub date: Day,
    #[serde(default)]
    pub start_time: Option<TimeOfDay>,
    pub sport: Sport,
    #[serde(default)]
    pub intent: Option<Intent>,
    #[serde(default)]
    pub title: String,
    #[serde(rename = "duration_s")]
    pub duration: Seconds,
    #[serde(default, rename = "distance_m")]
    pub distance: Option<Metres>,
    #[serde(default, rename = "avg_hr_bpm")]
    pub avg_hr: Option<Bpm>,
    #[serde(default, rename = "avg_power_w")]
    pub avg_power: Option<Watts>,
    #[serde(default, rename = "normalized_power_w")]
    pub normalized_power: Option<Watts>,
    #[serde(default)]
    pub rpe: Option<Rpe>,
    /// The stored TSS; `tss_method` says where it came from. `None` until scored.
    #[serde(default)]
    pub tss: Option<Tss>,
    #[serde(default)]
    pub tss_method: Option<TssMethod>,
    #[serde(default)]
    pub notes: String,
    /// Normalized graded pace of a run imported from a watch file (s/km, from its stream:
    /// domain/streams.rs). rTSS uses it instead of duration ÷ distance, so a change of
    /// threshold pace rescores the run exactly.
    ///
    /// An addition to the backup format v1 (docs/formats.md §1): optional, written only when
    /// present, so older files read as before and older versions ignore it.
    #[serde(
        default,
        rename = "normalized_graded_pace_s_per_km",
        skip_serializing_if = "Option::is_none"
    )]
    pub normalized_graded_pace: Option<PacePerKm>,
    /// Time-in-zone hrTSS of an imported file, as one number: the steady heart rate (bpm,
    /// not rounded) that gives the same hrTSS at the LTHR of the import
    /// (`zones::zone_equivalent_hr`). hrTSS uses it instead of the average heart rate, so
    /// a change of FTP or threshold pace leaves it as it was; a change of LTHR rescores it
    /// as if the time in zones moved with the zones (an approximation: the zones of a new
    /// LTHR would sort some seconds differently, and the stream is not kept).
    ///
    /// An addition to the backup format v1, like `normalized_graded_pace_s_per_km`. Read
    /// only within 25–250 bpm.
    #[serde(
        default,
        rename = "zone_hr_bpm",
        skip_serializing_if = "Option::is_none"
    )]
    pub zone_hr: Option<f64>,
    /// The method the athlete chose for this session (docs/domain.md §6), or `None`: the best
    /// the data allows (`tss::score`). `Given` means the TSS they typed. Kept through
    /// changes of thresholds; when the data no longer allow it, the best method scores the
    /// session and the choice stays for when they do.
    ///
    /// Backup version 2 (docs/formats.md §1.1); written only when chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tss_method_chosen: Option<TssMethod>,
    /// What the recording of an imported file said about the athlete's thresholds: its best
    /// efforts and the watch's own settings (`domain::efforts`; docs/domain.md §6.1), the
    /// "import facts" `domain::estimates` suggests thresholds from. Kept because the streams
    /// are not.
    ///
    /// Backup version 2 (docs/formats.md §1.1), a compact array; written only when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub efforts: Option<Efforts>,
}

impl Session {
    /// A bare session: the three required fields, everything else empty.
    pub fn new(id: SessionId, date: Day, sport: Sport, duration: Seconds) -> Session {
        Session {
            id,
            date,
            start_time: None,
            sport,
            intent: None,
            title: String::new(),
            duration,
            distance: None,
            avg_hr: None,
            avg_power: None,
            normalized_power: None,
            rpe: None,
            tss: None,
            tss_method: None,
            notes: String::new(),
            normalized_graded_pace: None,
            zone_hr: None,
            tss_method_chosen: None,
            efforts: None,
        }
    }

    /// A session dated after `today` is planned, not done.
    pub fn is_planned(&self, today: Day) -> bool {
        self.date > today
    }
}
