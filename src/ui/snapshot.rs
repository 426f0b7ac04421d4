//! Today as last rendered, kept for the next opening (issue #21).
//!
//! After each render of Today its page is written to localStorage under [`KEY`], after the
//! day it belongs to and the start of the stored head (which names the data's revision),
//! one per line. The inline script of `index.html` paints it before any wasm runs when both
//! still hold (same day, same data), without what the check-in's chunk draws
//! (`.from-check-in`: it arrives live, last on the page, so nothing moves) and without the
//! attributes tests and scripts read (`data-testid`, `data-done`, …): the copy is for the
//! eye. `ui::stage` removes that paint in the task that shows the live app. Nothing
//! leaves the device.
//!
//! Everything but copying the page is left to the script: each byte here is in the first
//! download.

use crate::domain::date::Day;
use crate::store::local;

/// The localStorage key; outside the app's data keys (`store::layout::is_ours`).
pub const KEY: &str = "recovery-run-today";

/// How much of the head names the data's revision: `{"schema":3,"rev":"<16 hex>"`.
const HEAD_PREFIX: usize = 40;

/// Writes Today's page as it is now in the DOM; does nothing when it is not shown or
/// storage refuses (a snapshot is only ever a head start).
pub fn write(today: Day) {
    let Some((doc, storage)) =
        web_sys::window().and_then(|w| Some((w.document()?, w.local_storage().ok().flatten()?)))
    else {
        return;
    };
    let Some(page) = doc.query_selector("main section.page").ok().flatten() else {
        return;
    };
    let head = storage
        .get_item(local::KEY)
        .ok()
        .flatten()
        .unwrap_or_default();
    let head: String = head.chars().take(HEAD_PREFIX).collect();
    let mut text = today.to_string();
    text.push('\n');
    text.push_str(&head);
    text.push('\n');
    text.push_str(&page.outer_html());
    let _ = storage.set_item(KEY, &text);
}

/// Removes the snapshot from storage (when everything is deleted).
pub fn forget() {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.remove_item(KEY);
    }
}

/// Removes what `index.html` painted before the app ran.
pub fn remove_boot() {
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
}
