//! Problems with storage, shown at the top of every page in a `role="alert"` element.

use leptos::prelude::*;

use crate::store::data::Data;
use crate::ui::download;
use crate::ui::slots;
use crate::ui::state::use_state;

#[component]
pub fn Notices() -> impl IntoView {
    let state = use_state();
    view! {
        {move || state.problem.get().map(|p| {
            view! {
                <div class="notice error" role="alert">
                    <p>{p.message.clone()}</p>
                    {slots::view(|s| s.storage_actions)}
                </div>
            }
        })}
        {move || state.save_error.get().map(|m| view! {
            <div class="notice error" role="alert">
                <p>{m}</p>
                <button type="button" on:click=move |_| state.save_error.set(None)>"Dismiss"</button>
            </div>
        })}
    }
}

/// What the athlete can do about stored data that cannot be read: keep a copy, start afresh.
/// In a chunk of its own (`ui::split`): it writes storage, and is rarely needed.
#[component]
pub fn ProblemActions() -> impl IntoView {
    let state = use_state();
    let confirm = RwSignal::new(false);
    let save_raw = move |_| {
        let Some(raw) = state
            .problem
            .with_untracked(|p| p.as_ref().map(|p| p.raw.clone()))
        else {
            return;
        };
        let name = format!(
            "recovery-run-stored-data-{}.txt",
            state.today.get_untracked()
        );
        download::offer(&name, "text/plain", &raw);
    };
    view! {
        <div class="actions">
            <button type="button" on:click=save_raw>"Download stored data"</button>
            {move || if confirm.get() {
                view! {
                    <span class="confirm">
                        "Start afresh? The stored text is replaced by an empty log. "
                        <button type="button" class="danger" on:click=move |_| { state.replace(Data::default()); confirm.set(false); }>"Yes, start afresh"</button>
                        <button type="button" on:click=move |_| confirm.set(false)>"Cancel"</button>
                    </span>
                }.into_any()
            } else {
                view! { <button type="button" on:click=move |_| confirm.set(true)>"Start afresh…"</button> }.into_any()
            }}
        </div>
    }
}
