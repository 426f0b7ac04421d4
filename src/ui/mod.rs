//! The browser shell: Leptos components over the store and the domain. Thin on purpose.

mod app;
mod clock;
mod download;
mod file_jobs;
mod pages;
mod route;
mod snapshot;
mod split;
mod state;
mod widgets;

pub use app::App;

/// Mounts the app on `<body>`, in place of what `index.html` painted before it ran (in
/// one task, so no frame shows neither). That task is a new one: instantiating the wasm
/// (and compiling the code it first runs) and the first render are two main-thread tasks,
/// not one long one (issue #21).
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::prelude::set_timeout(
        || {
            snapshot::remove_boot();
            leptos::mount::mount_to_body(App);
        },
        std::time::Duration::ZERO,
    );
}
