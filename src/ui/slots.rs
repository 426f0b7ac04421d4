//! Views that come from split points, for the parts of the page that show them: Today's
//! check-in form and the actions for unreadable storage. The frame (`ui::app`) provides
//! them as a context from `ui::split`, so pages and widgets show them without depending on
//! the list of split points, which depends on them.

use leptos::prelude::*;

/// The split points' views (`ui::split::slots`).
#[derive(Clone, Copy)]
pub struct Slots {
    /// Today's check-in form (its own chunk, fetched once Today is painted).
    pub check_in: fn() -> AnyView,
    /// What to do about stored data that cannot be read (the storage tools' chunk).
    pub storage_actions: fn() -> AnyView,
}

/// The split points' views, provided by the frame; nothing where none were (a component
/// mounted alone, as in the browser tests).
pub fn view(pick: fn(&Slots) -> fn() -> AnyView) -> Option<AnyView> {
    use_context::<Slots>().map(|s| pick(&s)())
}
