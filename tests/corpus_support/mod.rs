//! Where the shared corpus of real files lies for the tests that read it: `../shared/corpus/`
//! beside the repository (never copied into it), or `RECOVERY_RUN_CORPUS`.

use std::path::PathBuf;

/// The corpus' folder, once `needs` (a path inside it) is there; a test without the corpus
/// fails saying where it looked.
pub fn corpus(needs: &str) -> PathBuf {
    let dir = std::env::var_os("RECOVERY_RUN_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    assert!(
        dir.join(needs).exists(),
        "the corpus of real files is missing at {} ({needs} not found; set RECOVERY_RUN_CORPUS)",
        dir.display()
    );
    dir
}
