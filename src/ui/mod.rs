//! The browser shell: Leptos components over the store and the domain. Thin on purpose.

mod app;
mod clock;
mod download;
mod file_jobs;
mod pages;
mod route;
mod slots;
mod snapshot;
mod split;
mod stage;
mod state;
mod tasks;
mod widgets;

pub use app::App;

/// Mounts the app on `<body>`, in place of what `index.html` painted before it ran. That
/// paint is already on screen: the loader fetches the wasm only after it
/// (`scripts/split_wasm.py`, `fetch_wasm_after_paint`). The first render is built out of
/// sight in several short tasks, then shown in one ([`stage`]), so no frame is ever blank
/// and no task is long (issue #21).
pub fn mount() {
    console_error_panic_hook::set_once();
    stage::mount(App);
}
