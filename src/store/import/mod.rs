//! Importing files, as a plan (issue #32): every source — the app's own backups and CSVs,
//! watch files, export archives, other apps' exports — goes one way in.
//!
//! 1. The page gives the file worker the files and an [`ImportContext`] (the profile and a
//!    few facts of each logged session), never the stored log.
//! 2. The worker unpacks each file (gzip, zip) and reads it with the one reader its content
//!    picks, then checks each activity against the log and the batch: a [`Plan`]
//!    ([`planner::plan`]), with one typed outcome per file and per activity. Several
//!    workers may each read a share of an archive; the page joins their plans
//!    ([`Plan::join`]).
//! 3. The page applies the plan to the data in one change ([`apply::apply`]), which fills
//!    in what only the whole data can tell (what was added, updated or kept; each added
//!    session's TSS), and the import report is written from it (`crate::report`).

pub mod activities;
pub mod apply;
pub mod context;
pub mod own;
pub mod plan;
pub mod planner;

pub use apply::apply;
pub use context::{ImportContext, Logged};
pub use own::{FileKind, ImportReport};
pub use plan::Plan;
pub use planner::{plan, Progress, Shard, Source};

pub use crate::store::import_error::{ImportError, MAX_BYTES};

use crate::store::data::Data;

/// One of the app's own files imported alone into `current`: the merged data and what
/// merging did, or why nothing was imported. The plan's own path, in one call
/// (`own::read`, then `apply`).
pub fn import(
    current: &Data,
    file_name: &str,
    bytes: &[u8],
) -> Result<(Data, ImportReport), ImportError> {
    let file = own::read(file_name, bytes)?;
    let mut plan = Plan {
        files: vec![plan::FilePlan {
            name: file_name.to_owned(),
            read: plan::FileRead::Own(Box::new(file)),
        }],
    };
    let mut next = current.clone();
    apply(&mut next, &mut plan);
    let report = match plan.files.pop().map(|f| f.read) {
        Some(plan::FileRead::Own(own)) => own.applied.unwrap_or_default(),
        _ => ImportReport::default(),
    };
    Ok((next, report))
}
