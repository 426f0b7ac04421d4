//! The file worker (wasm only): the `file-worker` binary runs this in a Web Worker.
//!
//! It answers one [`Job`] per message with [`Reply`]s (JSON text): reads the files the page
//! passed (as `File` objects, read here with `FileReaderSync` so the page never holds the
//! bytes), runs [`store::files`](crate::store::files) and posts progress after each file.
//! It posts `"ready"` once it listens, because messages sent to a worker before its wasm has
//! loaded would be lost.

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

use crate::store::files::{self, FileIn, Job, Reply};
use crate::store::schema;

/// Starts listening; called by the binary's `main`.
pub fn run() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
        let post = |r: &Reply| {
            let text = serde_json::to_string(r).unwrap_or_default();
            let _ = reply_scope.post_message(&JsValue::from_str(&text));
        };
        post(&answer(&ev.data(), &post));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// The reply to one message `{ job: "<Job as JSON>", files: [File, …] }`.
fn answer(msg: &JsValue, post: &dyn Fn(&Reply)) -> Reply {
    let job = Reflect::get(msg, &"job".into())
        .ok()
        .and_then(|j| j.as_string())
        .and_then(|j| serde_json::from_str::<Job>(&j).ok());
    let failed = |message: &str| Reply::Failed {
        message: message.into(),
    };
    let Some(job) = job else {
        return failed("The file reader got a request it does not understand.");
    };
    let stored = match &job {
        Job::Import { stored, .. } | Job::Export { stored, .. } => stored,
    };
    let Ok(data) = schema::decode(stored) else {
        return failed("The stored data could not be read, so nothing was done.");
    };
    match job {
        Job::Import { names, .. } => {
            let list: Array = Reflect::get(msg, &"files".into())
                .map(|v| Array::from(&v))
                .unwrap_or_default();
            let total = names.len();
            let files: Vec<FileIn> = names
                .into_iter()
                .enumerate()
                .map(|(i, name)| {
                    let bytes = list
                        .get(i as u32)
                        .dyn_into::<File>()
                        .ok()
                        .and_then(|f| read(&f))
                        .ok_or_else(|| "the browser could not read this file.".to_string());
                    (name, bytes)
                })
                .collect();
            let (next, report) = files::import_files(&data, files, &utc_offset_min, &mut |done| {
                post(&Reply::Progress { done, total })
            });
            Reply::Imported {
                stored: (next != data).then(|| schema::encode(&next)),
                report,
            }
        }
        Job::Export {
            what,
            today,
            now_utc,
            ..
        } => {
            let (file_name, mime, text) = files::export(&data, what, today, &now_utc);
            Reply::Exported {
                file_name,
                mime: mime.into(),
                text,
            }
        }
    }
}

fn read(file: &File) -> Option<Vec<u8>> {
    let buffer = FileReaderSync::new()
        .ok()?
        .read_as_array_buffer(file)
        .ok()?;
    Some(Uint8Array::new(&buffer).to_vec())
}

/// Minutes east of UTC at `unix_seconds`, in this browser's time zone.
fn utc_offset_min(unix_seconds: i64) -> i32 {
    let date = js_sys::Date::new(&JsValue::from_f64(unix_seconds as f64 * 1000.0));
    -(date.get_timezone_offset() as i32)
}
