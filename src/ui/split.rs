//! Split points: code the first screen does not need, cut from the first download.
//!
//! With the `split` feature (release builds, `scripts/build.sh`) each function here is a
//! split point: `scripts/split_wasm.py` moves the code that only it reaches into a wasm chunk
//! of its own, fetched when it is first called. Right after the first page is on screen,
//! [`preload`] fetches them all, so opening a page later waits for nothing; the service
//! worker keeps them for offline use. Without the feature (`trunk serve`, the tests) the
//! same functions run directly, through the same async path.
//!
//! In the first download: Today's advice and tiles, reading storage, the frame.
//! Split off: the other pages, Today's check-in form, and everything that writes storage
//! (only reached from those, and from [`prepare_storage`] at idle time).

use std::future::Future;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_split_helpers::SplitLoaderError;

use crate::store::data::Data;
use crate::ui::pages;
use crate::ui::route::Page;

/// Declares a split point: with the `split` feature a `wasm_split` function (fallible: a
/// chunk that cannot be fetched is an error to show, not a panic), otherwise a plain
/// `async fn` with the same signature.
macro_rules! split_point {
    ($(#[$doc:meta])* $module:ident, $preload:ident: fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty $body:block) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[wasm_split_helpers::wasm_split($module, fallible, preload($preload))]
        fn $name($($arg: $ty),*) -> Result<$ret, SplitLoaderError> {
            Ok($body)
        }

        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        async fn $name($($arg: $ty),*) -> Result<$ret, SplitLoaderError> {
            Ok($body)
        }

        #[cfg(not(feature = "split"))]
        async fn $preload() -> Result<(), SplitLoaderError> {
            Ok(())
        }
    };
}

split_point!(log_chunk, preload_log: fn log_page() -> AnyView {
    pages::log::LogPage().into_any()
});
split_point!(chart_chunk, preload_chart: fn chart_page() -> AnyView {
    pages::chart::ChartPage().into_any()
});
split_point!(data_chunk, preload_data: fn data_page() -> AnyView {
    pages::data::DataPage().into_any()
});
split_point!(settings_chunk, preload_settings: fn settings_page() -> AnyView {
    pages::settings::SettingsPage().into_any()
});
split_point!(
    /// Below Today's advice; it saves, so the saving code comes with it.
    check_in_chunk, preload_check_in: fn check_in() -> AnyView {
        pages::today::CheckIn().into_any()
    }
);
split_point!(
    /// Shown only when stored data cannot be read.
    problem_chunk, preload_problem: fn problem_actions() -> AnyView {
        crate::ui::widgets::notices::ProblemActions().into_any()
    }
);
split_point!(
    /// Encodes the loaded data for the first save (see `store::local::prepare`).
    prepare_chunk, preload_prepare: fn prepare(data: RwSignal<Data>) -> () {
        data.with_untracked(crate::store::local::prepare)
    }
);

/// The view of one page. A page whose code cannot be fetched keeps its heading and says so.
pub fn page(page: Page) -> AnyView {
    let name = page.name();
    let missing = move || view! { <h1 tabindex="-1">{name}</h1> {not_loaded(name)} }.into_any();
    match page {
        Page::Today => pages::today::TodayPage().into_any(),
        Page::Log => later(log_page(), missing),
        Page::Chart => later(chart_page(), missing),
        Page::Data => later(data_page(), missing),
        Page::Settings => later(settings_page(), missing),
    }
}

/// Today's check-in form.
pub fn check_in_form() -> AnyView {
    later(check_in(), || not_loaded("The check-in").into_any())
}

/// The buttons offered when stored data cannot be read.
pub fn storage_problem_actions() -> AnyView {
    later(problem_actions(), || not_loaded("These actions").into_any())
}

/// Prepares storage for the first save, in the background.
pub fn prepare_storage(data: RwSignal<Data>) {
    leptos::task::spawn_local(async move {
        // Not loaded (offline, first visit): the first save prepares instead, a little slower.
        let _ = prepare(data).await;
    });
}

/// Fetches every chunk; called once the first page is on screen. Failures are ignored here:
/// using the part later tries again and says what went wrong.
pub fn preload() {
    leptos::task::spawn_local(async {
        let _ = preload_check_in().await;
        let _ = preload_prepare().await;
        let _ = preload_log().await;
        let _ = preload_chart().await;
        let _ = preload_data().await;
        let _ = preload_settings().await;
        let _ = preload_problem().await;
    });
}

/// A view whose code may still be on its way: nothing until it arrives, then the view, or
/// `missing` if it cannot be fetched.
fn later(
    view: impl Future<Output = Result<AnyView, SplitLoaderError>> + 'static,
    missing: impl FnOnce() -> AnyView + Send + 'static,
) -> AnyView {
    let view = SendWrapper::new(view);
    Suspend::new(async move { view.await.unwrap_or_else(|_| missing()) }).into_any()
}

fn not_loaded(what: &'static str) -> impl IntoView {
    view! {
        <div class="notice error" role="alert">
            <p>{what} " could not be loaded. Check the connection and reload; your data is safe on this device."</p>
        </div>
    }
}
