//! Split points: code the first screen does not need, cut from the first download.
//!
//! With the `split` feature (index.html turns it on for the app, in `trunk build` and `trunk
//! serve` alike) each function declared with `split_point!` is a split point:
//! `scripts/split_wasm.py` moves the code that only it reaches into a wasm chunk of its own,
//! fetched when it is first called; [`preload`] fetches the rest a while after the first
//! paint, and the service worker keeps every chunk for offline use. Without the feature (the
//! tests, the file worker) the same functions run directly, through the same async path.
//!
//! In the first download: the frame, reading storage, Today's advice and tiles. Split off, in
//! three parts: Today's check-in form (fetched at the first idle moment after the first
//! paint, with the code that writes storage), the other four pages, and the rarely needed
//! storage tools. Few parts on purpose: code two parts share becomes a chunk of its own,
//! and every chunk is one more module to fetch and instantiate.

use std::future::Future;
use std::time::Duration;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_split_helpers::SplitLoaderError;

use crate::store::local::Problem;
use crate::ui::pages;
use crate::ui::route::Page;
use crate::ui::slots::Slots;
use crate::ui::stage;
use crate::ui::state::AppState;
use crate::ui::tasks::{after_paint, idle, sleep};

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
        #[allow(dead_code)] // not every part is preloaded
        async fn $preload() -> Result<(), SplitLoaderError> {
            Ok(())
        }
    };
}

split_point!(
    /// Today's check-in form; it saves, so the code that writes storage comes with it.
    check_in_chunk, preload_check_in: fn check_in() -> AnyView {
        // Then the reminder to back up and the storage warning (issue #34).
        view! {
            <div class="from-check-in">
                {pages::today::CheckIn()}
                {crate::ui::widgets::backup::Reminder()}
            </div>
        }
        .into_any()
    }
);
split_point!(
    /// Every page but Today, in one part: they share most of their code.
    pages_chunk, preload_pages: fn other_page(page: Page) -> AnyView {
        // Keeping the data (issue #34) starts with the first page shown, if not before.
        crate::ui::widgets::backup::start(crate::ui::state::use_state());
        match page {
            Page::Today => pages::today::TodayPage().into_any(),
            Page::Log => pages::log::LogPage().into_any(),
            Page::Chart => pages::chart::ChartPage().into_any(),
            Page::Data => pages::data::DataPage().into_any(),
            Page::Settings => pages::settings::SettingsPage().into_any(),
        }
    }
);
split_point!(
    /// What only unusual moments need: the actions for unreadable storage, and preparing
    /// storage for the first save (after another tab wrote, or a while after opening).
    storage_chunk, preload_storage: fn storage_tool(tool: StorageTool) -> AnyView {
        match tool {
            StorageTool::ProblemActions => crate::ui::widgets::notices::ProblemActions().into_any(),
            StorageTool::Prepare(state) => {
                state.prepare_storage();
                // Asks the browser to keep the data, and writes the backup file after changes.
                crate::ui::widgets::backup::start(state);
                ().into_any()
            }
            StorageTool::Read(state) => {
                state.read_tolerantly();
                ().into_any()
            }
        }
    }
);

/// The uses of the storage part.
enum StorageTool {
    ProblemActions,
    Prepare(AppState),
    /// Reading stored texts the typed reader of the first download refused: the tolerant
    /// reader, which reads them or says what is wrong, is in this part.
    Read(AppState),
}

/// The views the split points give to the parts that show them (`ui::slots`).
pub fn slots() -> Slots {
    Slots {
        check_in: check_in_form,
        storage_actions: storage_problem_actions,
    }
}

/// The view of one page. A page whose code cannot be fetched keeps its heading and says so.
pub fn page(page: Page) -> AnyView {
    if page == Page::Today {
        return pages::today::TodayPage().into_any();
    }
    // The other pages read the whole log through `AppState::whole`, which decodes the
    // sessions opening left for later.
    let name = page.name();
    let missing = move || view! { <h1 tabindex="-1">{name}</h1> {not_loaded(name)} }.into_any();
    later(other_page(page), missing)
}

/// Today's check-in form, last on the page: its code is fetched once the advice is painted
/// and the browser is idle, so the first paint does not wait for it, compiling it is not
/// part of the first render's task, and nothing below it moves when it arrives.
pub fn check_in_form() -> AnyView {
    later(
        async {
            after_paint().await;
            idle().await;
            check_in().await
        },
        || not_loaded("The check-in").into_any(),
    )
}

/// The buttons offered when stored data cannot be read.
pub fn storage_problem_actions() -> AnyView {
    later(storage_tool(StorageTool::ProblemActions), || {
        not_loaded("These actions").into_any()
    })
}

/// Reads storage with the tolerant reader, at once: the first download's typed reader
/// refused what it holds (`AppState::take_typed`). If the part cannot be fetched, the
/// problem says so; nothing stored is touched.
pub fn read_storage(state: AppState) {
    leptos::task::spawn_local(async move {
        if storage_tool(StorageTool::Read(state)).await.is_err() {
            state.problem.set(Some(Problem {
                message: "The data stored in this browser could not be read: the part of the app \
                          that reads it could not be loaded. Check the connection and reload; \
                          your data is safe on this device."
                    .into(),
                raw: String::new(),
                reading: true,
            }));
        }
    });
}

/// Prepares storage for the first save, in the background (after another tab wrote).
pub fn prepare_storage(state: AppState) {
    leptos::task::spawn_local(async move {
        // Not loaded (offline, first visit): the first save prepares instead, a little slower.
        let _ = storage_tool(StorageTool::Prepare(state)).await;
    });
}

/// How long after the first idle moment the service worker is registered
/// ([`settled`]): on a usual connection, Today's check-in has arrived and been built by then.
const SETTLED_AFTER: Duration = Duration::from_secs(2);

/// How long after that the other parts are fetched: compiling them is main-thread work a
/// phone should not do while the athlete starts reading (a page opened sooner fetches its
/// part at once).
const PRELOAD_AFTER: Duration = Duration::from_secs(3);

/// At the first idle moment after the first paint, decodes the sessions opening left for
/// later ([`AppState::decode_rest`]). A while after that, at an idle moment, lets the service
/// worker be registered ([`settled`]). A while after that, one part per idle moment:
/// prepares storage for the first save and fetches the other pages, so that saving or
/// opening a page later waits for nothing. Failures are ignored here: using the part later
/// tries again and says what went wrong.
pub fn preload(state: AppState) {
    leptos::task::spawn_local(async move {
        after_paint().await;
        // The sessions opening left for later (they are decoded at once if needed sooner),
        // once the app is shown: with years of imported sessions decoding them is a long
        // task, and an idle moment between the first render's parts came before the advice.
        let shown = js_sys::Promise::new(&mut |resolve, _| {
            stage::when_shown(move || drop(resolve.call0(&wasm_bindgen::JsValue::NULL)))
        });
        let _ = wasm_bindgen_futures::JsFuture::from(shown).await;
        idle().await;
        state.decode_rest();
        sleep(SETTLED_AFTER).await;
        idle().await;
        settled();
        sleep(PRELOAD_AFTER).await;
        idle().await;
        let _ = storage_tool(StorageTool::Prepare(state)).await;
        idle().await;
        let _ = preload_pages().await;
    });
}

/// Tells `public/register-sw.js` that the first screen is built and the browser idle, so
/// registering the service worker now competes with nothing: `data-settled` on `<html>`
/// and the `recovery-run:settled` event. Installing it precaches the whole build, and
/// during the first render that slowed its tasks on a machine with two cores (issue #21).
fn settled() {
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("data-settled", "");
    }
    if let Ok(event) = web_sys::Event::new("recovery-run:settled") {
        let _ = window().dispatch_event(&event);
    }
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
