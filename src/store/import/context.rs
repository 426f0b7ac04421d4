//! What the file worker is given to read and de-duplicate files: the profile (with its
//! dated thresholds, which score and date what is read) and a few facts of each logged
//! session — never the stored log itself (issue #32).

use serde::{Deserialize, Serialize};

use crate::domain::date::{Day, TimeOfDay};
use crate::domain::profile::Profile;
use crate::domain::quantity::Seconds;
use crate::domain::session::{Session, SessionId, Sport};
use crate::store::data::Data;

/// The import's view of the data: enough to read files against it and to find what is
/// already logged, a fraction of the log's size (ten years: about 60 characters a session,
/// against 125–450 stored).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportContext {
    pub profile: Profile,
    /// One per logged session, in the log's order.
    pub logged: Vec<Logged>,
}

/// What de-duplication reads of one logged session (docs/domain.md §8, "Duplicates").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Logged {
    pub id: SessionId,
    pub date: Day,
    pub start: Option<TimeOfDay>,
    pub sport: Sport,
    pub duration: Seconds,
}

impl Logged {
    pub fn of(s: &Session) -> Logged {
        Logged {
            id: s.id.clone(),
            date: s.date,
            start: s.start_time,
            sport: s.sport,
            duration: s.duration,
        }
    }
}

impl ImportContext {
    /// The context of `data`.
    pub fn of(data: &Data) -> ImportContext {
        ImportContext {
            profile: data.profile.clone(),
            logged: data.sessions.iter().map(Logged::of).collect(),
        }
    }
}
