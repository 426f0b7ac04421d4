//! The app frame: navigation, the notices, and the page for the current address.

use leptos::ev;
use leptos::prelude::*;

use crate::store::local;
use crate::ui::pages;
use crate::ui::route::Page;
use crate::ui::split;
use crate::ui::stage;
use crate::ui::state::AppState;
use crate::ui::tasks;
use crate::ui::widgets::notices::Notices;

/// The whole app. Its first render is a chain of short tasks ([`stage::later`]): reading
/// storage, then setting up the frame, then drawing it, then its parts; each task compiles
/// the code it runs first, and together they were one task long enough to block a phone.
#[component]
pub fn App() -> impl IntoView {
    stage::later(|| {
        let state = AppState::load();
        stage::later(move || Frame(state))
    })
}

/// The frame over the loaded state: what follows the address, another tab's saves, the
/// clock and the theme; the navigation; the notices and the page.
#[allow(non_snake_case)]
fn Frame(state: AppState) -> impl IntoView {
    provide_context(state);

    let page = RwSignal::new(current_page());
    let on_hash = window_event_listener(ev::hashchange, move |_| page.set(current_page()));
    // Another tab saved: show its data here too.
    let on_storage = window_event_listener(ev::storage, move |e| {
        if e.key().as_deref() == Some(local::KEY) || e.key().is_none() {
            state.reload();
            tasks::when_idle(move || split::prepare_storage(state));
        }
    });
    // A new day (or a new minute for "later today") is noticed without a reload.
    let timer =
        set_interval_with_handle(move || state.tick(), std::time::Duration::from_secs(30)).ok();
    on_cleanup(move || {
        on_hash.remove();
        on_storage.remove();
        if let Some(t) = timer {
            t.clear();
        }
    });

    // The theme follows the setting (and another tab's change of it).
    Effect::new(move |_| pages::settings::apply_theme(state.with_settings(|s| s.theme)));

    // The code split from the first download is fetched a while after Today is shown, so
    // saving or opening a page later waits for nothing.
    split::preload(state);
    provide_context(split::slots());

    // Move focus to the page heading after navigation, for keyboard and screen readers.
    Effect::new(move |prev: Option<Page>| {
        let p = page.get();
        if prev.is_some_and(|prev| prev != p) {
            focus_heading();
        }
        p
    });

    stage::later(move || {
        view! {
            <a class="skip" href="#main" on:click=|e| { e.prevent_default(); focus_heading(); }>"Skip to content"</a>
            <div class="frame">
                <nav class="tabs" aria-label="Pages">
                    <span class="brand" aria-hidden="true">"Recovery Run"</span>
                    {stage::later(move || {
                        Page::ALL
                            .into_iter()
                            .map(|p| {
                                view! {
                                    <a
                                        href=p.href()
                                        aria-current=move || (page.get() == p).then_some("page")
                                    >
                                        <span class="icon" aria-hidden="true">{p.icon()}</span>
                                        <span class="label">{p.name()}</span>
                                    </a>
                                }
                            })
                            .collect_view()
                    })}
                </nav>
                <main id="main">
                    {stage::later(move || view! {
                        <Notices />
                        {move || split::page(page.get())}
                    })}
                </main>
            </div>
        }
    })
}

fn current_page() -> Page {
    let hash = window().location().hash().unwrap_or_default();
    Page::from_hash(&hash)
}

fn focus_heading() {
    use wasm_bindgen::JsCast;
    if let Some(h) = document()
        .query_selector("main h1")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = h.focus();
    }
}
