//! The page's side of the file worker (`src/worker.rs`): start one, give it a job and the
//! files, relay its progress, and return its reply. One worker per job, ended when it
//! answers, so nothing of a big import stays in memory.

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

/// A running job: its worker, and how to settle [`run`]'s answer with a reply's JSON.
type Running = (Worker, Rc<dyn Fn(&str)>);

thread_local! {
    /// The job running now, for [`cancel`].
    static RUNNING: RefCell<Option<Running>> = const { RefCell::new(None) };
}

/// Stops the job that is running, if any: its worker is ended, and [`run`] answers
/// [`Reply::Cancelled`]. Nothing the worker did is kept (an import is saved only from its
/// reply).
pub fn cancel() {
    if let Some((worker, finish)) = RUNNING.with(|r| r.borrow_mut().take()) {
        worker.terminate();
        finish(&serde_json::to_string(&Reply::Cancelled).unwrap_or_default());
    }
}

/// Runs `job` with `files` in a new worker; `on_progress(done, total)` after each file.
pub async fn run(
    job: &Job,
    files: Vec<File>,
    on_progress: impl Fn(usize, usize) + 'static,
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
        RUNNING.with(|r| *r.borrow_mut() = Some((worker.clone(), settle)));
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
                Some((done, total)) => on_progress(done, total),
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
    RUNNING.with(|r| r.borrow_mut().take());
    worker.terminate();
    worker.set_onmessage(None);
    worker.set_onerror(None);
    drop((on_message, on_error));
    // Reading a reply of megabytes is a task of its own, not part of the message's.
    crate::ui::split::sleep(std::time::Duration::ZERO).await;
    text.and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_else(|| failed("The file reader gave an answer the page does not understand."))
}

fn failed_json(message: &str) -> String {
    serde_json::to_string(&Reply::Failed {
        message: message.into(),
    })
    .unwrap_or_default()
}
