//! The browser shell: Leptos components over the store and the domain. Thin on purpose.

mod app;
mod clock;
mod download;
mod file_jobs;
mod pages;
mod route;
mod split;
mod state;
mod widgets;

pub use app::App;

/// Mounts the app on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
