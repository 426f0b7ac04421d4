//! The page's side of the file worker (`src/worker.rs`): start one (or, for an archive,
//! several, each reading its share), give each a job and the files, relay their progress as
//! one, and return their replies. One worker per job, ended when it answers, so nothing of
//! a big import stays in memory; one Cancel ends them all.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, MessageEvent, Worker};

use crate::store::files::{Job, Reply};

/// The worker's loader (public/file-worker-loader.js), beside index.html.
const LOADER: &str = "./file-worker-loader.js";

/// A running job: its worker, and how to settle its answer with a reply's JSON.
type Running = (Worker, Rc<dyn Fn(&str)>);

thread_local! {
    /// The jobs running now, for [`cancel`].
    static RUNNING: RefCell<Vec<Running>> = const { RefCell::new(Vec::new()) };
}

/// Stops every job that is running: their workers are ended, and [`run`] answers
/// [`Reply::Cancelled`]. Nothing the workers did is kept (an import is saved only from its
/// replies).
pub fn cancel() {
    let running = RUNNING.with(|r| std::mem::take(&mut *r.borrow_mut()));
    for (worker, finish) in running {
        worker.terminate();
        finish(&serde_json::to_string(&Reply::Cancelled).unwrap_or_default());
    }
}

/// How many workers read an archive: one per core the browser reports, at most four (each
/// holds its own copy of the reader, some 30–60 MB), and two where the device says it has
/// under 4 GB of memory (`navigator.deviceMemory`, Chromium only).
pub fn archive_workers() -> usize {
    let Some(window) = web_sys::window() else {
        return 1;
    };
    let navigator = window.navigator();
    let cores = navigator.hardware_concurrency();
    let cores = if cores.is_finite() && cores >= 1.0 {
        cores as usize
    } else {
        1
    };
    let memory_gb = Reflect::get(&navigator, &"deviceMemory".into())
        .ok()
        .and_then(|v| v.as_f64());
    let cap = match memory_gb {
        Some(gb) if gb < 4.0 => 2,
        _ => 4,
    };
    cores.clamp(1, cap)
}

/// Runs `jobs` at once, each in a new worker with the same `files`; `on_progress(done,
/// total, bytes)` with the sum of their progress (`bytes`: an export read as one stream,
/// counted in KiB). Their replies, in the jobs' order.
pub async fn run_all(
    jobs: &[Job],
    files: Vec<File>,
    on_progress: impl Fn(usize, usize, bool) + 'static,
) -> Vec<Reply> {
    let shares: Rc<RefCell<Vec<(usize, usize, bool)>>> =
        Rc::new(RefCell::new(vec![(0, 0, false); jobs.len()]));
    let on_progress = Rc::new(on_progress);
    let runs = jobs.iter().enumerate().map(|(i, job)| {
        let shares = shares.clone();
        let on_progress = on_progress.clone();
        run(job, files.clone(), move |done, total, bytes| {
            let (done, total, bytes) = {
                let mut s = shares.borrow_mut();
                if let Some(slot) = s.get_mut(i) {
                    *slot = (done, total, bytes);
                }
                s.iter().fold((0, 0, false), |(d, t, b), (dd, tt, bb)| {
                    (d + dd, t + tt, b || *bb)
                })
            };
            on_progress(done, total, bytes);
        })
    });
    futures::future::join_all(runs).await
}

/// Runs `job` with `files` in a new worker; `on_progress(done, total, bytes)` as it reads.
pub async fn run(
    job: &Job,
    files: Vec<File>,
    on_progress: impl Fn(usize, usize, bool) + 'static,
) -> Reply {
    let failed = |message: &str| Reply::Failed {
        message: message.into(),
    };
    let Ok(worker) = Worker::new(LOADER) else {
        return failed("This browser could not start the file reader.");
    };
    let message = Object::new();
    let list: Array = files.into_iter().collect();
    let job_text = serde_json::to_string(job).unwrap_or_default();
    let _ = Reflect::set(&message, &"job".into(), &job_text.into());
    let _ = Reflect::set(&message, &"files".into(), &list);

    // The promise settles with the reply's JSON text, or with a failure message.
    let settle: Rc<RefCell<Option<Function>>> = Rc::default();
    let promise = {
        let settle = settle.clone();
        Promise::new(&mut move |resolve, _| *settle.borrow_mut() = Some(resolve))
    };
    let finish = {
        let settle = settle.clone();
        move |text: &str| {
            if let Some(resolve) = settle.borrow_mut().take() {
                let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str(text));
            }
        }
    };
    {
        let finish = finish.clone();
        let settle: Rc<dyn Fn(&str)> = Rc::new(move |text: &str| finish(text));
        RUNNING.with(|r| r.borrow_mut().push((worker.clone(), settle)));
    }

    let on_message = {
        let worker = worker.clone();
        let finish = finish.clone();
        Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
            let Some(text) = ev.data().as_string() else {
                return;
            };
            if text == "ready" {
                if worker.post_message(&message).is_err() {
                    finish(&failed_json(
                        "The file reader could not be given the files.",
                    ));
                }
                return;
            }
            match Reply::progress_in(&text) {
                Some((done, total, bytes)) => on_progress(done, total, bytes),
                None => finish(&text),
            }
        })
    };
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
        finish(&failed_json(
            "The file reader stopped before it finished (if you are offline, open the app \
             once online so it can be kept for offline use).",
        ))
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));

    let text = JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_string());
    RUNNING.with(|r| r.borrow_mut().retain(|(w, _)| w != &worker));
    worker.terminate();
    worker.set_onmessage(None);
    worker.set_onerror(None);
    drop((on_message, on_error));
    // Reading a reply of megabytes is a task of its own, not part of the message's.
    crate::ui::tasks::sleep(std::time::Duration::ZERO).await;
    text.and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_else(|| failed("The file reader gave an answer the page does not understand."))
}

fn failed_json(message: &str) -> String {
    serde_json::to_string(&Reply::Failed {
        message: message.into(),
    })
    .unwrap_or_default()
}
