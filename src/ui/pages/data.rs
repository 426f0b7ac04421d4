//! Data: import, export, storage used, the last backup, and deleting everything.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::pmc;
use crate::store::data::Data;
use crate::store::{backup, csv, import, local};
use crate::ui::state::use_state;
use crate::ui::{clock, download};

/// What most browsers give one site in localStorage: about 5 million characters.
const TYPICAL_QUOTA_CHARS: usize = 5_000_000;

#[component]
pub fn DataPage() -> impl IntoView {
    let state = use_state();
    let report: RwSignal<Option<Report>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let confirm_delete = RwSignal::new(false);

    let on_files = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(files) = input.files() else { return };
        let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
        input.set_value("");
        if files.is_empty() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let mut lines = Vec::new();
            let mut ok = true;
            for file in files {
                let name = file.name();
                let bytes = match JsFuture::from(file.array_buffer()).await {
                    Ok(buf) => js_sys::Uint8Array::new(&buf).to_vec(),
                    Err(_) => {
                        lines.push(format!("{name}: the browser could not read this file."));
                        ok = false;
                        continue;
                    }
                };
                let current = state.data.get_untracked();
                match import::import(&current, &name, &bytes) {
                    Ok((next, rep)) => {
                        // Saved through the merge, so another tab's changes since this one
                        // last read storage survive the import.
                        if state.change(|d| *d = next) {
                            lines.push(format!("{name}: {}", rep.summary()));
                            lines.extend(
                                rep.skipped
                                    .iter()
                                    .map(|(at, why)| format!("{name}, {at}: {why}")),
                            );
                        } else {
                            ok = false;
                            lines.push(format!("{name}: nothing imported — the browser did not store it (see the notice above)."));
                        }
                    }
                    Err(e) => {
                        ok = false;
                        lines.push(format!("{name}: nothing imported — {e}"));
                    }
                }
            }
            report.set(Some(Report { ok, lines }));
            busy.set(false);
        });
    };

    let export_backup = move |_| {
        let data = state.data.get_untracked();
        let text = backup::export(&data, &clock::utc_rfc3339());
        let today = state.today.get_untracked();
        if download::offer(
            &format!("recovery-run-backup-{today}.json"),
            "application/json",
            &text,
        ) {
            state.change(|d| d.settings.last_backup = Some(today));
        }
    };
    let export_sessions = move |_| {
        let text = state
            .data
            .with_untracked(|d| csv::export_sessions(&d.sessions));
        let today = state.today.get_untracked();
        download::offer(
            &format!("recovery-run-sessions-{today}.csv"),
            "text/csv",
            &text,
        );
    };
    let export_chart = move |_| {
        let today = state.today.get_untracked();
        let text = state.data.with_untracked(|d| {
            let days = pmc::first_day(&d.sessions)
                .map(|first| pmc::series(&d.sessions, &d.profile, first.min(today), today))
                .unwrap_or_default();
            csv::pmc_csv(&days)
        });
        download::offer(
            &format!("recovery-run-performance-chart-{today}.csv"),
            "text/csv",
            &text,
        );
    };

    let used = move || {
        state.data.track();
        local::used_chars()
    };

    view! {
        <section class="page">
            <h1 tabindex="-1">"Data"</h1>
            <p class="sub">"Everything stays in this browser. Nothing is sent anywhere; back it up now and then."</p>

            <div class="card">
                <h2>"Import"</h2>
                <label for="import-file">"Import file"</label>
                <input id="import-file" type="file" multiple accept=".json,.csv,application/json,text/csv" on:change=on_files />
                <p class="muted">{format!("A backup (.json) or sessions (.csv), up to {} MB. Sessions are merged by id; nothing is deleted.", import::MAX_BYTES / 1_000_000)}</p>
                <div role="status" class="import-report" aria-live="polite">
                    {move || busy.get().then(|| view! { <p>"Importing…"</p> })}
                    {move || report.get().map(|r| view! {
                        <div class=if r.ok { "card" } else { "card notice" }>
                            <ul>{r.lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                        </div>
                    })}
                </div>
            </div>

            <div class="card">
                <h2>"Export"</h2>
                <div class="actions">
                    <button type="button" on:click=export_backup>"Export backup (JSON)"</button>
                    <button type="button" on:click=export_sessions>"Export sessions (CSV)"</button>
                    <button type="button" on:click=export_chart>"Export performance chart (CSV)"</button>
                </div>
                <p>{move || match state.data.with(|d| d.settings.last_backup) {
                    Some(day) => format!("Last backup: {day}."),
                    None => "No backup made yet.".to_string(),
                }}</p>
            </div>

            <div class="card">
                <h2>"Storage"</h2>
                <p>{move || {
                    let (n, w) = state.data.with(|d| (d.sessions.len(), d.wellness.len()));
                    let used = used();
                    format!(
                        "{n} session{} and {w} check-in{} use {} characters of this browser's storage, about {:.1} % of the usual 5 million a site gets.",
                        if n == 1 { "" } else { "s" },
                        if w == 1 { "" } else { "s" },
                        group(used),
                        used as f64 * 100.0 / TYPICAL_QUOTA_CHARS as f64
                    )
                }}</p>
            </div>

            <div class="card">
                <h2>"Delete all data"</h2>
                {move || if confirm_delete.get() {
                    view! {
                        <div>
                            <p>"This deletes every session, check-in and setting from this browser. It cannot be undone: export a backup first."</p>
                            <div class="actions">
                                <button type="button" on:click=export_backup>"Export backup (JSON)"</button>
                                <button type="button" class="danger" on:click=move |_| { if state.replace(Data::default()) { confirm_delete.set(false); report.set(None); } }>"Delete everything"</button>
                                <button type="button" on:click=move |_| confirm_delete.set(false)>"Cancel"</button>
                            </div>
                        </div>
                    }.into_any()
                } else {
                    view! { <button type="button" class="danger" on:click=move |_| confirm_delete.set(true)>"Delete all data…"</button> }.into_any()
                }}
            </div>
        </section>
    }
}

#[derive(Clone)]
struct Report {
    ok: bool,
    lines: Vec<String>,
}

/// 1234567 → "1,234,567".
fn group(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
