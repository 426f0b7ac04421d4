//! Never lose a runner's years (issue #34): what keeps the data when this browser might
//! not. None of it is in the first download:
//!
//! - [`Reminder`], on Today (with the check-in's chunk): a quiet reminder to back up when
//!   sessions or check-ins exist that no backup holds and the last backup is over 14 days
//!   old; one tap exports. The storage warning at 80 % full, with what to do.
//! - [`Keeping`], on the Data page: whether the browser keeps the data (persistent storage;
//!   Safari's 7-day rule on iPhone and iPad outside the Home Screen), the backup file
//!   (chosen once, written after every change, merged both ways with another device), the
//!   backup passphrase, and how two devices share a log without an account.
//! - [`DecryptPrompt`] and [`screening`], on the Data page: an encrypted backup chosen for
//!   import asks for its passphrase first.
//! - [`start`], a while after opening (the storage tools' chunk): asks the browser to keep
//!   the data once there is some (`navigator.storage.persist()`), and writes the backup file
//!   a while after each change.
//!
//! The browser's APIs are reached through `public/backup-file.js` (loaded when first
//! needed): the file's handle lives in IndexedDB, where a handle can be kept. The rules
//! (when to remind, when to warn, how two sides merge) are in `store::keeping` and
//! `store::sync`; the encryption is the file worker's (`crate::crypto`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use js_sys::{Array, Function, Promise, Reflect};
use leptos::prelude::*;
use leptos::reactive::owner::Owner;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::store::envelope;
use crate::store::files::{Export, Job, Reply};
use crate::store::keeping::{self, Device, DEVICE_KEY, SYNC_KEY};
use crate::store::schema;
use crate::store::sync::Saved;
use crate::ui::state::{use_state, AppState};
use crate::ui::{clock, download, file_jobs, tasks};

/// Quiet time after a change before the backup file is written.
const DEBOUNCE: Duration = Duration::from_secs(2);

/// The backup file's suggested name.
const FILE_NAME: &str = "recovery-run-backup.json";

/// What every part of this module shows, shared (signals owned by a root of their own, so
/// that no page's unmounting disposes them).
#[derive(Clone, Copy)]
struct Shared {
    device: RwSignal<Device>,
    file: RwSignal<FileState>,
    /// Characters this site's localStorage holds (keys and values).
    used: RwSignal<Option<usize>>,
    /// Whether the browser keeps the data (persistent storage granted).
    persisted: RwSignal<Option<bool>>,
    platform: RwSignal<Option<Platform>>,
    /// Encrypted backups chosen for import, waiting for their passphrase.
    encrypted: RwSignal<Vec<SendWrapper<web_sys::File>>>,
}

use send_wrapper::SendWrapper;

/// The backup file as the Data page shows it.
#[derive(Clone, Debug, Default, PartialEq)]
struct FileState {
    /// The chosen file's name ("" if none).
    name: String,
    /// Whether the app may write it now (`granted`), must ask (`prompt`) or may not.
    permission: String,
    busy: bool,
    /// What the last sync did ("2 sessions from the file"), or why it failed.
    said: Option<Result<String, String>>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Platform {
    /// The File System Access API (Chromium on computers and Android).
    file_api: bool,
    /// iPhone or iPad, not opened from the Home Screen: Safari's 7-day rule.
    ios_in_browser: bool,
}

thread_local! {
    static SHARED: (Owner, Shared) = {
        // A root of its own (made current by `new_root`: the owner before is put back).
        let before = Owner::current();
        let owner = Owner::new_root(None);
        let shared = owner.with(|| Shared {
            device: RwSignal::new(Device::read(local_storage_get(DEVICE_KEY).as_deref())),
            file: RwSignal::new(FileState::default()),
            used: RwSignal::new(None),
            persisted: RwSignal::new(None),
            platform: RwSignal::new(None),
            encrypted: RwSignal::new(Vec::new()),
        });
        match before {
            Some(b) => b.set(),
            None => owner.clone().unset(),
        }
        (owner, shared)
    };
    static STARTED: Cell<bool> = const { Cell::new(false) };
    static ASKED_TO_PERSIST: Cell<bool> = const { Cell::new(false) };
    /// The last scheduled write of the backup file (only the latest runs).
    static SCHEDULED: Cell<u32> = const { Cell::new(0) };
    /// Whether a sync runs, and whether another was asked for meanwhile.
    static SYNCING: Cell<(bool, bool)> = const { Cell::new((false, false)) };
    /// The Data page's import, for a backup once it is decrypted (see [`screening`]).
    static IMPORT: RefCell<Option<Import>> = const { RefCell::new(None) };
}

/// The Data page's import of chosen files.
type Import = Rc<dyn Fn(Vec<web_sys::File>)>;

fn shared() -> Shared {
    SHARED.with(|(_, s)| *s)
}

/// Runs `f` under the shared root owner (effects made there live as long as the app).
fn owned<T>(f: impl FnOnce() -> T) -> T {
    SHARED.with(|(owner, _)| owner.with(f))
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn local_storage_get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Saves this device's backup settings (quietly: a full storage keeps the last ones).
fn save_device() {
    let text = shared().device.with_untracked(Device::text);
    if let Some(s) = local_storage() {
        let _ = s.set_item(DEVICE_KEY, &text);
    }
}

/// The passphrase to encrypt backups with, if the runner set one (`None` for every export
/// but the backup).
pub fn passphrase_for(what: Export) -> Option<String> {
    (what == Export::Backup)
        .then(|| shared().device.with_untracked(Device::passphrase))
        .flatten()
}

/// Notes a backup made on `today` that holds the records `mark` named when it was made:
/// the reminder goes until records change again.
pub fn backed_up(state: AppState, mark: Option<String>, today: crate::domain::date::Day) {
    let s = shared();
    let before = state.records_mark();
    if state.with_settings(|x| x.last_backup) != Some(today) {
        state.change(|d| d.settings.last_backup = Some(today));
    }
    // The records are the same after writing the date: their mark too, unless storage was
    // still one version-1 text, which this save laid out in blocks.
    let holds = if before == mark {
        state.records_mark()
    } else {
        mark
    };
    s.device.update(|d| d.holds = holds);
    save_device();
}

/// Exports a backup (encrypted with the passphrase, if set) as a download, as the Data
/// page's button does; `Err` says why not.
pub async fn export_backup(state: AppState) -> Result<(), String> {
    let mark = state.records_mark();
    let stored = state.whole().with_untracked(schema::encode);
    let today = state.today.get_untracked();
    let job = Job::Export {
        stored,
        what: Export::Backup,
        today,
        now_utc: clock::utc_rfc3339(),
        passphrase: passphrase_for(Export::Backup),
    };
    match file_jobs::run(&job, Vec::new(), |_, _, _| {}).await {
        Reply::Exported {
            file_name,
            mime,
            text,
        } => {
            if download::offer(&file_name, &mime, &text) {
                backed_up(state, mark, today);
                Ok(())
            } else {
                Err("The browser did not save the file.".into())
            }
        }
        Reply::Failed { message } => Err(format!("Nothing exported — {message}")),
        _ => Err("Nothing exported.".into()),
    }
}

// ---- The browser's side: public/backup-file.js ----

/// The helper script's API object, loading the script the first time.
async fn helper() -> Option<JsValue> {
    let window = web_sys::window()?;
    let get = || {
        Reflect::get(&window, &"recoveryRunStorage".into())
            .ok()
            .filter(JsValue::is_object)
    };
    if let Some(h) = get() {
        return Some(h);
    }
    let document = window.document()?;
    let script = document.create_element("script").ok()?;
    script.set_attribute("src", "./backup-file.js").ok()?;
    let loaded = Promise::new(&mut |resolve, _| {
        let _ = Reflect::set(&script, &"onload".into(), &resolve);
        let _ = Reflect::set(&script, &"onerror".into(), &resolve);
    });
    document.body()?.append_child(&script).ok()?;
    let _ = JsFuture::from(loaded).await;
    get()
}

/// Calls the helper's `method` with `arg` (if any); its answer, awaited if a promise.
async fn call(method: &str, arg: Option<JsValue>) -> Option<JsValue> {
    let h = helper().await?;
    let f: Function = Reflect::get(&h, &method.into()).ok()?.dyn_into().ok()?;
    let r = match arg {
        Some(a) => f.call1(&h, &a),
        None => f.call0(&h),
    }
    .ok()?;
    // A promise is awaited (told by its `then`, not `instanceof`: one import less in the
    // first download's glue).
    let then = Reflect::get(&r, &"then".into()).is_ok_and(|t| t.is_function());
    if r.is_object() && then {
        JsFuture::from(r.unchecked_into::<Promise>()).await.ok()
    } else {
        Some(r)
    }
}

async fn call_bool(method: &str) -> bool {
    call(method, None).await.and_then(|v| v.as_bool()) == Some(true)
}

async fn call_text(method: &str, arg: Option<JsValue>) -> Option<String> {
    call(method, arg).await.and_then(|v| v.as_string())
}

/// How full this site's localStorage is, into `used`.
async fn measure() {
    let used = call("used", None).await.and_then(|v| v.as_f64());
    shared().used.set(used.map(|u| u as usize));
}

/// What the browser offers, into `platform` (once).
async fn learn_platform() {
    let s = shared();
    if s.platform.with_untracked(Option::is_some) {
        return;
    }
    let ios = call_bool("ios").await;
    let standalone = call_bool("standalone").await;
    s.platform.set(Some(Platform {
        file_api: call_bool("fileSupported").await,
        ios_in_browser: ios && !standalone,
    }));
}

// ---- Persistent storage and the backup file, after every change ----

/// Starts keeping: once there is data, asks the browser to keep it; a while after each
/// change, writes the backup file (if one was chosen and may be written) and measures the
/// storage. Called a while after opening (the storage tools' part), and by Today's reminder
/// and the Data page's card, whichever comes first; does its work once.
pub fn start(state: AppState) {
    if STARTED.with(|s| s.replace(true)) {
        return;
    }
    owned(|| {
        Effect::new(move |_| {
            state.track_data();
            schedule(state);
        })
    });
    // Back to the app (another device may have written the file meanwhile).
    let on_visible = Closure::<dyn Fn()>::new(move || {
        // (Read through Reflect: one import less in the first download's glue.)
        let visible = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| Reflect::get(&d, &"visibilityState".into()).ok())
            .and_then(|v| v.as_string())
            .is_some_and(|v| v == "visible");
        if visible {
            schedule(state);
        }
    });
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        let _ = d.add_event_listener_with_callback(
            "visibilitychange",
            on_visible.as_ref().unchecked_ref(),
        );
    }
    on_visible.forget();
}

/// Runs [`after_change`] once no change came for [`DEBOUNCE`].
fn schedule(state: AppState) {
    let n = SCHEDULED.with(|s| {
        s.set(s.get().wrapping_add(1));
        s.get()
    });
    leptos::task::spawn_local(async move {
        tasks::sleep(DEBOUNCE).await;
        if SCHEDULED.with(Cell::get) == n {
            after_change(state).await;
        }
    });
}

async fn after_change(state: AppState) {
    let s = shared();
    if state.records_mark().is_some() && !ASKED_TO_PERSIST.with(|a| a.replace(true)) {
        // Firefox asks the runner: the answer may take a while, or never come.
        leptos::task::spawn_local(async move {
            let kept = call_bool("persist").await;
            s.persisted.set(Some(kept));
        });
    }
    measure().await;
    sync(state, false).await;
}

/// The base this device last agreed on with the file `name` (if it is that file's).
fn saved_base(name: &str) -> Option<Saved> {
    Saved::read(&local_storage_get(SYNC_KEY)?).filter(|s| s.file == name)
}

/// The mark of what a sync writes: the records and the profile.
fn sync_mark(state: AppState) -> String {
    let profile = state.with_profile_untracked(|p| serde_json::to_string(p).unwrap_or_default());
    format!(
        "{}:{}",
        state.records_mark().unwrap_or_default(),
        keeping::fingerprint(&profile)
    )
}

/// Reads the backup file, merges what another device wrote there into this one's data
/// (`store::sync`), and writes the merged data back; nothing when neither changed since
/// the last time. `ask`: from a tap, so the browser may ask the runner's permission.
async fn sync(state: AppState, ask: bool) {
    let (running, _) = SYNCING.with(Cell::get);
    if running {
        SYNCING.with(|s| s.set((true, true)));
        return;
    }
    SYNCING.with(|s| s.set((true, false)));
    sync_once(state, ask).await;
    let (_, again) = SYNCING.with(|s| s.replace((false, false)));
    if again {
        schedule(state);
    }
}

async fn sync_once(state: AppState, ask: bool) {
    let s = shared();
    let name = call_text("current", None).await.unwrap_or_default();
    if name.is_empty() {
        s.file.update(|f| f.name.clear());
        return;
    }
    let permission = call_text("permission", Some(ask.into()))
        .await
        .unwrap_or_default();
    s.file.update(|f| {
        f.name = name.clone();
        f.permission = permission.clone();
    });
    if permission != "granted" {
        return;
    }
    let stamp = call_text("stamp", None).await.unwrap_or_default();
    let saved = saved_base(&name);
    let mark = sync_mark(state);
    if saved
        .as_ref()
        .is_some_and(|b| b.stamp == stamp && b.mark == mark && !stamp.is_empty())
        || saved
            .as_ref()
            .is_some_and(|b| stamp.is_empty() && b.mark == mark)
    {
        return;
    }
    s.file.update(|f| f.busy = true);
    let said = sync_through_worker(state, &name, saved).await;
    s.file.update(|f| {
        f.busy = false;
        f.said = Some(said);
    });
}

async fn sync_through_worker(
    state: AppState,
    name: &str,
    saved: Option<Saved>,
) -> Result<String, String> {
    let s = shared();
    let Some(file) = call("file", None).await.filter(JsValue::is_object) else {
        return Err(format!("{name} could not be read."));
    };
    let stored_text = state.whole().with_untracked(schema::encode);
    let Some(stored) = call("blob", Some(JsValue::from_str(&stored_text))).await else {
        return Err("The browser could not hand the data to the file reader.".into());
    };
    drop(stored_text);
    let job = Job::Sync {
        name: name.to_string(),
        base: saved.map(|b| Box::new(b.base)),
        passphrase: s.device.with_untracked(Device::passphrase),
        now_utc: clock::utc_rfc3339(),
    };
    let files = vec![stored.unchecked_into(), file.unchecked_into()];
    let (changes, text, base) = match file_jobs::run(&job, files, |_, _, _| {}).await {
        Reply::Synced {
            changes,
            text,
            base,
        } => (changes, text, base),
        Reply::Failed { message } => return Err(message),
        _ => return Err(format!("{name} was not written.")),
    };
    if !changes.is_empty() && !state.change(|d| changes.apply(d)) {
        return Err(format!(
            "What {name} holds could not be stored here (see the notice above); the file was not written."
        ));
    }
    if call("write", Some(JsValue::from_str(&text)))
        .await
        .is_none()
    {
        return Err(format!(
            "The browser did not let the app write {name}; choose it again, or export a backup."
        ));
    }
    drop(text);
    let stamp = call_text("stamp", None).await.unwrap_or_default();
    let saved = Saved {
        file: name.to_string(),
        stamp,
        mark: sync_mark(state),
        base: *base,
    };
    if let Some(ls) = local_storage() {
        let _ = ls.set_item(SYNC_KEY, &saved.text());
    }
    let (day, time) = clock::now();
    s.device
        .update(|d| d.file_written = Some(format!("{day} {time}")));
    backed_up(state, state.records_mark(), day);
    Ok(if changes.is_empty() {
        format!("Written to {name}.")
    } else {
        format!("Merged from {name}: {}. Written back.", changes.summary())
    })
}

// ---- Today ----

/// Today's reminder to back up, and the storage warning. In the check-in's chunk, after
/// the check-in (nothing below it moves when it comes).
#[component]
pub fn Reminder() -> impl IntoView {
    let state = use_state();
    let s = shared();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    start(state);
    leptos::task::spawn_local(measure());
    let due = move || {
        state.track_data();
        let today = state.today.get();
        let last = state.with_settings(|x| x.last_backup);
        // Sessions (the chart has days) or check-ins.
        let any = state.pmc.with(|d| !d.is_empty()) || state.with_wellness(|w| !w.is_empty());
        let mark = state.records_mark().filter(|_| any);
        s.device
            .with(|d| keeping::reminder(mark.as_deref(), d.holds.as_deref(), last, today))
    };
    let export = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            error.set(export_backup(state).await.err());
            busy.set(false);
        });
    };
    view! {
        <div class="from-check-in">
            {move || s.used.get().and_then(keeping::warning).map(|w| view! {
                <p class="card notice" data-testid="storage-warning">{w}</p>
            })}
            {move || due().map(|last| view! {
                <aside class="card backup-reminder" data-testid="backup-reminder">
                    <p>{keeping::reminder_text(last, state.today.get_untracked())}</p>
                    <button type="button" on:click=export disabled=move || busy.get()>"Export backup (JSON)"</button>
                    {move || error.get().map(|e| view! { <p class="error">{e}</p> })}
                </aside>
            })}
        </div>
    }
}

// ---- The Data page ----

/// The Data page's card on keeping the data (see the module doc).
#[component]
pub fn Keeping() -> impl IntoView {
    let state = use_state();
    let s = shared();
    start(state);
    leptos::task::spawn_local(async move {
        learn_platform().await;
        s.persisted.set(Some(call_bool("persisted").await));
        measure().await;
        let name = call_text("current", None).await.unwrap_or_default();
        let permission = call_text("permission", Some(false.into()))
            .await
            .unwrap_or_default();
        s.file.update(|f| {
            f.name = name;
            f.permission = permission;
        });
    });
    let choose = move |_| {
        leptos::task::spawn_local(async move {
            let name = call_text("choose", Some(FILE_NAME.into()))
                .await
                .unwrap_or_default();
            if name.is_empty() {
                return;
            }
            // A new choice starts afresh: the first sync merges without deleting.
            if let Some(ls) = local_storage() {
                let _ = ls.remove_item(SYNC_KEY);
            }
            s.device.update(|d| d.file_written = None);
            save_device();
            s.file.set(FileState {
                name,
                ..FileState::default()
            });
            sync(state, true).await;
        });
    };
    let allow = move |_| leptos::task::spawn_local(sync(state, true));
    let stop = move |_| {
        leptos::task::spawn_local(async move {
            call("forget", None).await;
            if let Some(ls) = local_storage() {
                let _ = ls.remove_item(SYNC_KEY);
            }
            s.device.update(|d| d.file_written = None);
            save_device();
            s.file.set(FileState::default());
        });
    };
    // What is stored (another tab's change, or everything deleted) is what is shown.
    Effect::new(move |_| {
        state.track_data();
        let stored = Device::read(local_storage_get(DEVICE_KEY).as_deref());
        if s.device.with_untracked(|d| *d != stored) {
            s.device.set(stored);
        }
    });
    let on_passphrase = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        s.device.update(|d| d.passphrase = value);
        save_device();
    };

    view! {
        <div class="card keeping">
            <h2>"Keeping your data"</h2>
            {move || s.persisted.get().map(|kept| view! {
                <p data-testid="storage-persistence" data-persisted=if kept { "true" } else { "false" }>
                    {if kept {
                        "This browser keeps your data: it has granted it persistent storage, so it will not clear it to free space."
                    } else {
                        "This browser may clear your data when it is short of space: it has not granted persistent storage (the app asks once there is data; browsers grant it to sites you use often or installed). Keep a backup."
                    }}
                </p>
            })}
            {move || s.platform.get().filter(|p| p.ios_in_browser).map(|_| view! {
                <p class="notice" data-testid="ios-storage">
                    "On iPhone and iPad, Safari may delete this site's data after 7 days without a visit. Add Recovery Run to the Home Screen to keep it: tap Share (the square with an arrow), then “Add to Home Screen”, and open the app from there. The Home Screen app has storage of its own: export a backup here first and import it there."
                </p>
            })}
            {move || s.used.get().and_then(keeping::warning).map(|w| view! {
                <p class="notice" data-testid="storage-warning">{w}</p>
            })}

            <h3>"Backup file"</h3>
            {move || match s.platform.get() {
                None => ().into_any(),
                Some(p) if !p.file_api => view! {
                    <p data-testid="backup-file-unsupported">
                        "This browser cannot keep writing a backup file (Chromium on computers and Android can). Export a backup now and then."
                    </p>
                }.into_any(),
                Some(_) => BackupFile(choose, allow, stop).into_any(),
            }}

            <h3>"Encrypted backups"</h3>
            <label for="backup-passphrase">"Backup passphrase"</label>
            <input id="backup-passphrase" type="password" autocomplete="new-password"
                prop:value=move || s.device.with(|d| d.passphrase.clone())
                on:input=on_passphrase />
            <p class="muted">
                {move || if s.device.with(|d| d.passphrase.is_empty()) {
                    "Optional. With a passphrase, every backup (exported, or written to the backup file) is encrypted (AES-256-GCM with a key from PBKDF2-SHA-256): it holds no text in the clear, and importing it asks for the passphrase. It is kept in this browser; without it nobody can read the backup, you neither — keep it somewhere safe."
                } else {
                    "Backups are encrypted with this passphrase. Importing one asks for it; without it nobody can read the backup, you neither — keep it somewhere safe."
                }}
            </p>

            <h3>"Between two devices"</h3>
            {move || if s.platform.get().is_some_and(|p| p.file_api) {
                "Choose the same backup file on both (in a folder Syncthing, Dropbox or a drive keeps in step): each device merges what the other wrote there, both ways. Where the browser cannot write a file, export a backup on one device and import it on the other: the import merges the same way."
            } else {
                "Export a backup on one device and import it on the other, then the other way round: an import merges — nothing is deleted, a session or check-in changed on the other device replaces this one's, and the dated threshold sets come with the profile (offered, never taken without asking). No account, nothing sent anywhere."
            }}
        </div>
    }
}

/// The backup file: choose it, the last write, allow writing after a reload, stop.
#[allow(non_snake_case)]
fn BackupFile(
    choose: impl Fn(leptos::ev::MouseEvent) + Copy + Send + Sync + 'static,
    allow: impl Fn(leptos::ev::MouseEvent) + Copy + Send + Sync + 'static,
    stop: impl Fn(leptos::ev::MouseEvent) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let s = shared();
    move || {
        let f = s.file.get();
        if f.name.is_empty() {
            return view! {
                <p>"Choose a file once, in a folder Syncthing, Dropbox or a drive keeps in step for a copy off this device: the app then writes it a moment after every change."</p>
                <button type="button" on:click=choose>"Choose backup file…"</button>
            }
            .into_any();
        }
        let written = s.device.with(|d| d.file_written.clone());
        let line = match &written {
            Some(w) => format!(
                "Backups are written to {} after every change; last written {w}.",
                f.name
            ),
            None => format!(
                "Backups are written to {} after every change; not written yet.",
                f.name
            ),
        };
        view! {
            <p data-testid="backup-file" data-file=f.name.clone() data-written=written.unwrap_or_default()>{line}</p>
            {f.busy.then(|| view! { <p class="muted">"Writing…"</p> })}
            {f.said.clone().map(|said| match said {
                Ok(m) => view! { <p class="muted" role="status">{m}</p> }.into_any(),
                Err(m) => view! { <p class="notice" role="alert">{m}</p> }.into_any(),
            })}
            <div class="actions">
                {(f.permission != "granted").then(|| view! {
                    <button type="button" on:click=allow>"Allow writing to the backup file"</button>
                })}
                <button type="button" on:click=stop>"Stop writing to the backup file"</button>
            </div>
        }
        .into_any()
    }
}

// ---- Encrypted backups chosen for import ----

/// The Data page's import of chosen files, with encrypted backups set apart until their
/// passphrase is typed ([`DecryptPrompt`]); the others go to `import` at once.
pub fn screening(
    import: impl Fn(Vec<web_sys::File>) + Copy + 'static,
) -> impl Fn(Vec<web_sys::File>) + Copy + 'static {
    IMPORT.with(|i| *i.borrow_mut() = Some(Rc::new(import)));
    move |files: Vec<web_sys::File>| {
        leptos::task::spawn_local(async move {
            let mut plain = Vec::new();
            let mut sealed = Vec::new();
            for f in files {
                if is_encrypted(&f).await {
                    sealed.push(SendWrapper::new(f));
                } else {
                    plain.push(f);
                }
            }
            if !plain.is_empty() {
                import(plain);
            }
            if !sealed.is_empty() {
                shared().encrypted.set(sealed);
            }
        });
    }
}

/// Whether a chosen file is an encrypted backup (by its first bytes; activity files and
/// archives are not looked at).
async fn is_encrypted(f: &web_sys::File) -> bool {
    let name = f.name().to_ascii_lowercase();
    let binary = [".zip", ".fit", ".gz", ".tcx", ".gpx", ".csv", ".xml"]
        .iter()
        .any(|e| name.ends_with(e));
    if binary {
        return false;
    }
    call_text("start", Some(f.clone().into()))
        .await
        .is_some_and(|start| envelope::is_envelope(&start))
}

/// The passphrase asked for an encrypted backup chosen for import.
#[component]
pub fn DecryptPrompt() -> impl IntoView {
    let s = shared();
    let passphrase = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let decrypt = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let files: Vec<web_sys::File> = s
            .encrypted
            .get_untracked()
            .into_iter()
            .map(SendWrapper::take)
            .collect();
        let Some(file) = files.first().cloned() else {
            return;
        };
        busy.set(true);
        error.set(None);
        let job = Job::Decrypt {
            passphrase: passphrase.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let name = file.name();
            match file_jobs::run(&job, vec![file], |_, _, _| {}).await {
                Reply::Decrypted { text } => {
                    let parts = Array::of2(&JsValue::from_str(&text), &JsValue::from_str(&name));
                    if let Some(plain) = call("file_of", Some(parts.into()))
                        .await
                        .filter(JsValue::is_object)
                        .map(|f| f.unchecked_into::<web_sys::File>())
                    {
                        let rest: Vec<SendWrapper<web_sys::File>> =
                            files.into_iter().skip(1).map(SendWrapper::new).collect();
                        s.encrypted.set(rest);
                        passphrase.set(String::new());
                        let import = IMPORT.with(|i| i.borrow().clone());
                        if let Some(import) = import {
                            import(vec![plain]);
                        }
                    } else {
                        error.set(Some(
                            "The browser could not read the decrypted backup.".into(),
                        ));
                    }
                }
                Reply::Failed { message } => error.set(Some(message)),
                _ => error.set(Some("Nothing imported.".into())),
            }
            busy.set(false);
        });
    };
    move || {
        let waiting = s.encrypted.with(|e| e.first().map(|f| f.name()));
        waiting.map(|name| view! {
            <form class="card notice decrypt" data-testid="decrypt" on:submit=decrypt>
                <p>{format!("{name} is an encrypted backup. Type the passphrase it was made with to import it.")}</p>
                <label for="import-passphrase">"Passphrase"</label>
                <input id="import-passphrase" type="password" autocomplete="off"
                    prop:value=move || passphrase.get()
                    on:input=move |ev| passphrase.set(event_target_value(&ev)) />
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                <div class="actions">
                    <button type="submit" disabled=move || busy.get()>"Decrypt and import"</button>
                    <button type="button" on:click=move |_| { s.encrypted.set(Vec::new()); error.set(None); }>"Cancel"</button>
                </div>
            </form>
        })
    }
}
