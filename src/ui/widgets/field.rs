//! Labelled form fields that validate when a value is committed (on change: leaving the
//! field or pressing Enter), say what is wrong beside the field, and keep what was typed
//! when it is wrong. Used by the Settings page and the check-in; generic enough for any per-field form.

use leptos::prelude::*;

use crate::domain::decimal::parse_decimal;
use crate::domain::quantity::to_grain;
use crate::domain::quantity::Bpm;

/// A labelled text input. `value` is the stored value as text; `on_commit` receives what
/// was typed when it changes and either stores it (`Ok`) or says what is wrong (`Err`).
///
/// While the entry is invalid the field keeps the typed text, is marked `aria-invalid`
/// and points to the message with `aria-describedby`; otherwise it follows `value` (a
/// change made elsewhere, another tab, an import, a change of units).
#[component]
pub fn Field(
    /// The input's id; the message gets `{id}-error`.
    #[prop(into)]
    id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    // Type-erased: one copy of this component for every field rather than one per closure
    // type, which saves wasm bytes on a page of a dozen fields.
    #[prop(into)] on_commit: Callback<String, Result<(), String>>,
    /// Shown after the label, in brackets: an example or what the value is for.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The on-screen keyboard: `numeric`, `decimal` or `text` (the default).
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// The input type; `text` by default.
    #[prop(optional)]
    kind: Option<&'static str>,
) -> impl IntoView {
    let text = RwSignal::new(value.get_untracked());
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let v = value.get();
        if error.get_untracked().is_none() {
            text.set(v);
        }
    });
    let err_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id.clone()>{label}{hint.map(|h| view! { <span class="muted">{format!(" ({h})")}</span> })}</label>
            <input id=id type=kind.unwrap_or("text") inputmode=inputmode.unwrap_or("text") autocomplete="off"
                prop:value=text
                aria-invalid=move || error.with(|e| e.is_some().then_some("true"))
                aria-describedby=err_id.clone()
                on:input=move |ev| text.set(event_target_value(&ev))
                on:change=move |_| match on_commit.run(text.get_untracked()) {
                    Ok(()) => error.set(None),
                    Err(e) => error.set(Some(e)),
                } />
            <p class="field-error" id=err_id aria-live="polite">{error}</p>
        </div>
    }
}

/// A labelled select of `(value, text)` options showing `current`; `on_pick` gets the value.
#[component]
pub fn Select(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    options: Vec<(&'static str, &'static str)>,
    #[prop(into)] current: Signal<String>,
    #[prop(into)] on_pick: Callback<String>,
    /// A line under the select, e.g. what the chosen option means.
    #[prop(optional, into)]
    note: Option<Signal<String>>,
) -> impl IntoView {
    let note_id = format!("{id}-note");
    let described = note.is_some().then(|| note_id.clone());
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id aria-describedby=described on:change=move |ev| on_pick.run(event_target_value(&ev))>
                {options.into_iter().map(|(v, text)| view! {
                    <option value=v prop:selected=move || current.with(|c| c == v)>{text}</option>
                }).collect_view()}
            </select>
            {note.map(|n| view! { <p class="muted field-note" id=note_id>{n}</p> })}
        </div>
    }
}

pub use crate::domain::entry::optional;

/// A number from `lo` to `hi` (a decimal comma accepted); `unit` goes in the message.
pub fn number(s: &str, lo: f64, hi: f64, unit: &str) -> Result<f64, String> {
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    match parse_decimal(&s.replace(',', ".")) {
        // Held to the millionth, like every stored fraction (quantity::GRAIN).
        Some(v) if v.is_finite() && (lo..=hi).contains(&v) => Ok(to_grain(v)),
        _ => Err(format!("Enter a number from {lo}{unit} to {hi}{unit}.")),
    }
}

/// A whole number from `lo` to `hi`; `what` names it in the message.
pub fn whole(s: &str, lo: i64, hi: i64, what: &str) -> Result<i64, String> {
    match s.trim().parse::<i64>() {
        Ok(v) if (lo..=hi).contains(&v) => Ok(v),
        _ => Err(format!("Enter {what} from {lo} to {hi}.")),
    }
}

/// An optional heart rate in whole bpm, within the range a [`Bpm`] allows.
pub fn bpm(s: &str) -> Result<Option<Bpm>, String> {
    optional(s, |s| {
        s.parse::<u16>()
            .ok()
            .and_then(Bpm::new)
            .ok_or_else(|| "Enter whole beats per minute, 25 to 250.".to_string())
    })
}
