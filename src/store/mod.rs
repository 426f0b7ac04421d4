//! Persistence and files: the schema, its migrations, import and export codecs.
//! Everything here but `local` is pure and tested natively.

pub mod activity_import;
pub mod archive;
pub mod backup;
pub mod compressed;
pub mod csv;
pub mod data;
pub mod files;
pub mod import;
pub mod layout;
pub mod merge;
pub mod record;
pub mod rows;
pub mod schema;

#[cfg(target_arch = "wasm32")]
pub mod local;
