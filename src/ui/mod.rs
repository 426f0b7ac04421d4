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
/// one task, so no frame shows neither).
pub fn mount() {
    console_error_panic_hook::set_once();
    snapshot::remove_boot();
    leptos::mount::mount_to_body(App);
}
