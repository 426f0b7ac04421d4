//! The sport of a session: a leaf of the domain, read by sessions and by what recordings
//! reveal (`efforts`) alike.

use serde::{Deserialize, Serialize};

/// The sport of a session. The wire names are part of the backup format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sport {
    Run,
    Ride,
    Swim,
    Strength,
    Yoga,
    Other,
}

impl Sport {
    pub const ALL: [Sport; 6] = [
        Sport::Run,
        Sport::Ride,
        Sport::Swim,
        Sport::Strength,
        Sport::Yoga,
        Sport::Other,
    ];

    /// The name used in files (`run`, `ride`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Sport::Run => "run",
            Sport::Ride => "ride",
            Sport::Swim => "swim",
            Sport::Strength => "strength",
            Sport::Yoga => "yoga",
            Sport::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Sport> {
        Sport::ALL
            .into_iter()
            .find(|x| x.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// Endurance sports count towards "multisport" (docs/domain.md §4.1).
    pub fn is_endurance(self) -> bool {
        matches!(self, Sport::Run | Sport::Ride | Sport::Swim)
    }
}
