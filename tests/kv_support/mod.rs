//! What a save changed in storage: shared by the database's tests over memory
//! (`tests/store_local.rs`) and over the browser's localStorage (`tests/web.rs`).

/// The keys whose text is new or different in `after` than in `before` (both lists of
/// key and text, in key order), in key order.
pub fn changed_keys<'a>(
    before: &[(String, String)],
    after: &'a [(String, String)],
) -> Vec<&'a str> {
    after
        .iter()
        .filter(|kv| !before.contains(kv))
        .map(|(k, _)| k.as_str())
        .collect()
}
