//! Persistence and files: the schema, its migrations, import and export codecs, and the
//! database over localStorage. All of it is tested natively (`kv::Memory` stands in for
//! localStorage).

pub mod archive;
pub mod backup;
pub mod compressed;
pub mod csv;
pub mod data;
pub mod envelope;
pub mod fields;
pub mod files;
pub mod import;
pub mod import_error;
pub mod keeping;
pub mod kv;
pub mod layout;
pub mod local;
pub mod merge;
pub mod pack;
pub mod record;
pub mod rows;
pub mod schema;
pub mod sync;
pub mod values;
