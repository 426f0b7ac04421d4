//! Data: import, export, storage used, the last backup, and deleting everything.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::profile::Profile;
use crate::domain::{estimates, units};
use crate::report;
use crate::store::data::Data;
use crate::store::files::{Export, Job, Reply};
use crate::store::import::{self, ImportContext, Plan, Shard};
use crate::store::keeping::{self, group};
use crate::store::schema;
use crate::ui::state::{use_state, AppState};
use crate::ui::widgets::backup::{self, DecryptPrompt, Keeping};
use crate::ui::{clock, download, file_jobs, tasks};

/// A report longer than this many lines can also be downloaded as a text file.
const LONG_REPORT_LINES: usize = 20;

/// At most this many of a report's lines are shown on the page; the download has them all.
/// (Ten years from an archive is a line per activity, 5,000 and more: drawing them all was
/// a main-thread task of a quarter of a second, and nobody reads them on a phone.)
const SHOWN_REPORT_LINES: usize = 200;

#[component]
pub fn DataPage() -> impl IntoView {
    let state = use_state();
    let data = state.whole();
    let report: RwSignal<Option<Report>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    // (files read, files in the batch, or KiB of an export read as one stream) while an
    // import runs.
    let progress: RwSignal<Option<(usize, usize, bool)>> = RwSignal::new(None);
    let confirm_delete = RwSignal::new(false);
    // A backup's profile that differs from the athlete's (kept until they choose), and the
    // profile it replaced once taken, for Undo.
    let offer: RwSignal<Option<(Profile, Vec<String>)>> = RwSignal::new(None);
    let replaced: RwSignal<Option<Profile>> = RwSignal::new(None);
    let take_offer = move |_| {
        if let Some((theirs, _)) = offer.get_untracked() {
            let mine = data.with_untracked(|d| d.profile.clone());
            if state.change(|d| d.set_profile(theirs)) {
                offer.set(None);
                replaced.set(Some(mine));
            }
        }
    };
    let undo_offer = move |_| {
        if let Some(mine) = replaced.get_untracked() {
            if state.change(|d| d.set_profile(mine)) {
                replaced.set(None);
            }
        }
    };

    // The file workers plan the import (an archive is shared among several); the plan is
    // applied here in one change, saved in one write, and the report written from it.
    let import_files = move |files: Vec<web_sys::File>| {
        if files.is_empty() || busy.get_untracked() {
            return;
        }
        busy.set(true);
        progress.set(None);
        report.set(None);
        offer.set(None);
        replaced.set(None);
        let names: Vec<String> = files.iter().map(|f| f.name()).collect();
        let archives = files.iter().any(|f| {
            f.name().to_ascii_lowercase().ends_with(".zip") || f.type_() == "application/zip"
        });
        let workers = if archives {
            file_jobs::archive_workers()
        } else {
            1
        };
        let context = Box::new(data.with_untracked(ImportContext::of));
        let jobs: Vec<Job> = (0..workers)
            .map(|index| Job::Import {
                context: context.clone(),
                names: names.clone(),
                shard: Shard {
                    index,
                    count: workers,
                },
            })
            .collect();
        leptos::task::spawn_local(async move {
            let replies = file_jobs::run_all(&jobs, files, move |done, total, bytes| {
                progress.set(Some((done, total, bytes)))
            })
            .await;
            let (outcome, lines) = settle(state, replies, offer).await;
            report.set(Some(Report {
                outcome,
                lines: lines.into_iter().filter(|l| !l.is_empty()).collect(),
            }));
            busy.set(false);
            progress.set(None);
        });
    };
    // Encrypted backups wait for their passphrase (issue #34); the rest import at once.
    let import_files = backup::screening(import_files);
    let on_files = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let files = input.files().map(file_list).unwrap_or_default();
        input.set_value("");
        import_files(files);
    };
    let dragging = RwSignal::new(false);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        import_files(
            ev.data_transfer()
                .and_then(|d| d.files())
                .map(file_list)
                .unwrap_or_default(),
        );
    };

    // Exports are made in the file worker too (the CSV writer stays out of the page).
    let export = move |what: Export| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let stored = data.with_untracked(schema::encode);
        let today = state.today.get_untracked();
        let mark = state.records_mark();
        let job = Job::Export {
            stored,
            what,
            today,
            now_utc: clock::utc_rfc3339(),
            passphrase: backup::passphrase_for(what),
        };
        leptos::task::spawn_local(async move {
            match file_jobs::run(&job, Vec::new(), |_, _, _| {}).await {
                Reply::Exported {
                    file_name,
                    mime,
                    text,
                } if download::offer(&file_name, &mime, &text) && what == Export::Backup => {
                    backup::backed_up(state, mark, today);
                }
                Reply::Failed { message } => report.set(Some(Report {
                    outcome: Outcome::Failed,
                    lines: vec![format!("Nothing exported — {message}")],
                })),
                _ => {}
            }
            busy.set(false);
        });
    };
    let export_backup = move |_| export(Export::Backup);
    let export_sessions = move |_| export(Export::Sessions);
    let export_chart = move |_| export(Export::Chart);
    let export_check_ins = move |_| export(Export::CheckIns);

    let used = move || {
        data.track();
        state.used_chars()
    };

    view! {
        <section
            class="page"
            class:dragging=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <h1 tabindex="-1">"Data"</h1>
            <p class="sub">"Everything stays in this browser. Nothing is sent anywhere; back it up now and then."</p>

            <div class="card">
                <h2>"Import"</h2>
                <label for="import-file">"Import file"</label>
                <input id="import-file" type="file" multiple accept=".json,.csv,.fit,.tcx,.gpx,.xml,.gz,.zip,application/json,text/csv,text/xml,application/xml,application/gzip,application/zip" on:change=on_files />
                <p class="muted">"Backups (.json), sessions and check-ins (.csv), activities from a watch or app (.fit, .tcx, .gpx, also gzipped), whole export archives (.zip: Strava, Garmin Connect, WHOOP, Google Takeout's Fitbit, Apple Health's export.zip) and HRV exports (HRV4Training, Elite HRV, intervals.icu, Polar) — choose several at once, or drop them on this page. Sessions are merged; nothing is deleted, and an activity already in the log is not added again. Mornings from an export fill what your check-ins lack: what you typed wins."</p>
                <DecryptPrompt />
                <div role="status" class="import-report" aria-live="polite">
                    {move || busy.get().then(|| match progress.get() {
                        Some((done, total, bytes)) => view! {
                            <p>
                                <progress max=total value=done></progress>" "{if bytes {
                                    format!("Read {:.0} % of the export…", done as f64 * 100.0 / total.max(1) as f64)
                                } else {
                                    format!("Read {} of {} activities…", group(done), group(total))
                                }}" "
                                <button type="button" on:click=move |_| file_jobs::cancel()>"Cancel"</button>
                            </p>
                        }.into_any(),
                        None => view! { <p>"Working…"</p> }.into_any(),
                    })}
                    {move || offer.get().map(|(_, changes)| view! {
                        <div class="card notice">
                            <p>"The backup's profile differs from yours. Yours is kept unless you take the backup's; taking it re-scores the estimated sessions with its thresholds:"</p>
                            <ul>{changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                            <div class="actions">
                                <button type="button" on:click=take_offer>"Use the backup's profile"</button>
                                <button type="button" on:click=move |_| offer.set(None)>"Keep mine"</button>
                            </div>
                        </div>
                    })}
                    {move || replaced.get().map(|_| view! {
                        <p class="card">"Profile taken from the backup. "<button type="button" on:click=undo_offer>"Undo"</button></p>
                    })}
                    {move || report.get().map(|r| {
                        let long = (r.lines.len() > LONG_REPORT_LINES).then(|| r.lines.join("\n"));
                        // Error styling only when nothing was imported; a batch that partly
                        // worked is a report that lists what failed (issue #17).
                        view! {
                            <div class=r.outcome.class() data-outcome=r.outcome.name()>
                                {long.map(|text| view! {
                                    <button type="button" on:click=move |_| { download::offer("recovery-run-import-report.txt", "text/plain", &text); }>"Download the report (text)"</button>
                                })}
                                {(r.lines.len() > SHOWN_REPORT_LINES).then(|| view! {
                                    <p>{format!("The first {} of {} lines; the download has them all.", group(SHOWN_REPORT_LINES), group(r.lines.len()))}</p>
                                })}
                                <ul>{r.lines.into_iter().take(SHOWN_REPORT_LINES).map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                            </div>
                        }
                    })}
                </div>
            </div>

            <div class="card">
                <h2>"Export"</h2>
                <div class="actions">
                    <button type="button" on:click=export_backup>"Export backup (JSON)"</button>
                    <button type="button" on:click=export_sessions>"Export sessions (CSV)"</button>
                    <button type="button" on:click=export_chart>"Export performance chart (CSV)"</button>
                    <button type="button" on:click=export_check_ins>"Export check-ins (CSV)"</button>
                </div>
                <p>{move || match data.with(|d| d.settings.last_backup) {
                    Some(day) => format!("Last backup: {day}."),
                    None => "No backup made yet.".to_string(),
                }}</p>
            </div>

            <Keeping />

            <div class="card">
                <h2>"Storage"</h2>
                <p>{move || {
                    let (n, w) = data.with(|d| (d.sessions.len(), d.wellness.len()));
                    let used = used();
                    format!(
                        "{n} session{} and {w} check-in{} use {} characters of this browser's storage, {:.1} % of the 5,242,880 a site gets.",
                        if n == 1 { "" } else { "s" },
                        if w == 1 { "" } else { "s" },
                        group(used),
                        used as f64 * 100.0 / keeping::QUOTA_CHARS as f64
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
                                <button type="button" class="danger" on:click=move |_| { if state.delete_all() { confirm_delete.set(false); report.set(None); } }>"Delete everything"</button>
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

/// The workers' replies to an import: their plans joined, applied in one change, and the
/// report's outcome and lines; a backup's differing profile goes to `offer`.
async fn settle(
    state: AppState,
    replies: Vec<Reply>,
    offer: RwSignal<Option<(Profile, Vec<String>)>>,
) -> (Outcome, Vec<String>) {
    let mut plans = Vec::with_capacity(replies.len());
    for reply in replies {
        match reply {
            Reply::Planned { plan } => plans.push(plan),
            Reply::Failed { message } => {
                return (
                    Outcome::Failed,
                    vec![format!("Nothing imported — {message}")],
                )
            }
            Reply::Cancelled => {
                return (
                    Outcome::Done,
                    vec!["Import cancelled: nothing was imported.".into()],
                )
            }
            _ => return (Outcome::Failed, vec!["Nothing imported.".into()]),
        }
    }
    // Joining, applying and drawing are separate tasks, not one long one.
    tasks::sleep(Duration::ZERO).await;
    let mut plan = Plan::join(plans);
    tasks::sleep(Duration::ZERO).await;
    // Saved through the merge, so another tab's changes since this one last read storage
    // survive the import.
    let stored = !plan.has_changes() || state.change(|d| import::apply(d, &mut plan));
    let r = report::write(&plan);
    offer.set(r.profile_offer.clone().map(|(p, c)| (*p, c)));
    let mut lines: Vec<String> = Some(r.summary).into_iter().collect();
    lines.extend(r.lines);
    if stored && report::Tally::of(&plan).added > 0 {
        lines.extend(
            state
                .whole()
                .with_untracked(|d| found_line(d, state.today.get_untracked())),
        );
    }
    if !stored {
        lines.insert(
            0,
            "Nothing imported — the browser did not store it (see the notice above).".into(),
        );
    }
    let outcome = if !stored || r.read == 0 {
        Outcome::Failed
    } else if r.ok {
        Outcome::Done
    } else {
        Outcome::Partial
    };
    (outcome, lines)
}

/// The report's last line after activities came into a profile without thresholds (issue
/// #31): what the files suggest, and where to use it.
fn found_line(d: &Data, today: crate::domain::date::Day) -> Option<String> {
    if !d.profile.current_thresholds().is_empty() {
        return None;
    }
    let s = estimates::suggest(&d.sessions, &d.wellness, today);
    let p = s.proposal();
    let u = d.profile.units;
    let mut found: Vec<String> = Vec::new();
    let bpm = |name: &str, b: Option<crate::domain::quantity::Bpm>| {
        b.map(|b| format!("{name} {} bpm", b.get()))
    };
    found.extend(bpm("LTHR", p.lthr));
    found.extend(bpm("max HR", p.max_hr));
    found.extend(bpm("resting HR", p.resting_hr));
    found.extend(
        p.threshold_pace
            .map(|v| format!("threshold pace {}", units::format_pace(v, u))),
    );
    found.extend(p.ftp.map(|w| format!("FTP {:.0} W", w.get())));
    found.extend(
        p.css
            .map(|c| format!("CSS {} /100 m", units::mmss(c.get()))),
    );
    Some(if found.is_empty() {
        "Your profile has no thresholds, so these sessions have no TSS yet: set them in Settings."
            .into()
    } else {
        format!(
            "Found in your files: {}. Your profile has no thresholds yet: use them in Settings (Suggested from your files), and your sessions get their TSS.",
            found.join(", ")
        )
    })
}

fn file_list(list: web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

#[derive(Clone)]
struct Report {
    outcome: Outcome,
    lines: Vec<String>,
}

/// How an import or export went, as the report shows it.
#[derive(Clone, Copy, PartialEq)]
enum Outcome {
    /// Everything read (or nothing asked of it).
    Done,
    /// Some files read, some not.
    Partial,
    /// Nothing imported.
    Failed,
}

impl Outcome {
    fn class(self) -> &'static str {
        match self {
            Outcome::Done => "card",
            Outcome::Partial => "card partial",
            Outcome::Failed => "card notice",
        }
    }

    /// `data-outcome` (docs/ux.md).
    fn name(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::Partial => "partial",
            Outcome::Failed => "failed",
        }
    }
}
