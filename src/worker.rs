//! The file worker (wasm only): the `file-worker` binary runs this in a Web Worker.
//!
//! It answers one [`Job`] per message with [`Reply`]s (JSON text): reads the files the page
//! passed (as `File` objects, read here with `FileReaderSync` so the page never holds the
//! bytes), plans an import against the context it was given
//! ([`store::import::plan`](crate::store::import::plan)) or makes an export file
//! ([`store::files::export`](crate::store::files::export)), and posts progress as it reads.
//! It posts `"ready"` once it listens, because messages sent to a worker before its wasm has
//! loaded would be lost.

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

use std::io::{Read, Seek, SeekFrom};

use crate::crypto;
use crate::store::archive;
use crate::store::envelope;
use crate::store::files::{self, Job, Reply};
use crate::store::import::{self, Progress, Source};
use crate::store::schema;
use crate::store::sync;

/// Starts listening; called by the binary's `main`.
pub fn run() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
        let scope = reply_scope.clone();
        // Encrypting and decrypting (WebCrypto) answer promises: every job runs as a task.
        wasm_bindgen_futures::spawn_local(async move {
            let post = |r: &Reply| {
                let text = serde_json::to_string(r).unwrap_or_default();
                let _ = scope.post_message(&JsValue::from_str(&text));
            };
            let reply = answer(&ev.data(), &post).await;
            post(&reply);
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// The reply to one message `{ job: "<Job as JSON>", files: [File, …] }`.
async fn answer(msg: &JsValue, post: &dyn Fn(&Reply)) -> Reply {
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
    match job {
        Job::Import {
            context,
            names,
            shard,
        } => {
            let list: Array = Reflect::get(msg, &"files".into())
                .map(|v| Array::from(&v))
                .unwrap_or_default();
            let files: Vec<(String, Result<Source, String>)> = names
                .into_iter()
                .enumerate()
                .map(|(i, name)| {
                    let source = list
                        .get(i as u32)
                        .dyn_into::<File>()
                        .ok()
                        .and_then(source)
                        .ok_or_else(|| "the browser could not read this file.".to_string());
                    (name, source)
                })
                .collect();
            let plan = import::plan(
                &context,
                files,
                &utc_offset_min,
                &mut |p| {
                    post(&match p {
                        Progress::Files { done, total } => Reply::Progress {
                            done,
                            total,
                            bytes: false,
                        },
                        // In KiB: a share of gigabytes, exact enough for a bar.
                        Progress::Bytes { done, total } => Reply::Progress {
                            done: usize::try_from(done >> 10).unwrap_or(usize::MAX),
                            total: usize::try_from(total >> 10).unwrap_or(usize::MAX),
                            bytes: true,
                        },
                    })
                },
                shard,
            );
            Reply::Planned { plan }
        }
        Job::Export {
            stored,
            what,
            today,
            now_utc,
            passphrase,
        } => {
            let Ok(data) = schema::decode(&stored) else {
                return failed("The stored data could not be read, so nothing was done.");
            };
            let (file_name, mime, text) = files::export(&data, what, today, &now_utc);
            let text = match passphrase {
                Some(p) => match crypto::encrypt(&text, &p).await {
                    Ok(sealed) => sealed,
                    Err(_) => return failed("The backup could not be encrypted in this browser."),
                },
                None => text,
            };
            Reply::Exported {
                file_name,
                mime: mime.into(),
                text,
            }
        }
        Job::Decrypt { passphrase } => {
            let file = texts(msg).into_iter().next().flatten();
            let Some(text) = file else {
                return failed("The browser could not read this file; nothing was imported.");
            };
            match crypto::decrypt(&text, &passphrase).await {
                Ok(plain) => Reply::Decrypted { text: plain },
                Err(crypto::Failure::WrongPassphrase) => failed(
                    "The passphrase is wrong (or the file was changed): nothing was imported.",
                ),
                Err(crypto::Failure::Other(why)) => failed(&format!(
                    "This backup cannot be decrypted: {why}. Nothing was imported."
                )),
            }
        }
        Job::Sync {
            name,
            base,
            passphrase,
            now_utc,
        } => {
            let mut given = texts(msg).into_iter();
            let (Some(Some(stored)), Some(Some(file))) = (given.next(), given.next()) else {
                return failed(&format!("{name} could not be read, so it was not written."));
            };
            let file = if envelope::is_envelope(&file) {
                let Some(p) = passphrase.as_deref() else {
                    return failed(&format!(
                        "{name} is an encrypted backup: type the passphrase it was made with as the Backup passphrase to merge it. It was not written over."
                    ));
                };
                match crypto::decrypt(&file, p).await {
                    Ok(plain) => plain,
                    Err(crypto::Failure::WrongPassphrase) => {
                        return failed(&format!(
                            "{name} was encrypted with another passphrase than this device's Backup passphrase, so it was not written over."
                        ))
                    }
                    Err(crypto::Failure::Other(why)) => {
                        return failed(&format!("{name} cannot be decrypted: {why}. It was not written over."))
                    }
                }
            } else {
                file
            };
            match sync::with_file(&stored, &file, &name, base.as_deref(), &now_utc) {
                Ok(s) => {
                    let text = match passphrase {
                        Some(p) => match crypto::encrypt(&s.text, &p).await {
                            Ok(sealed) => sealed,
                            Err(_) => {
                                return failed("The backup could not be encrypted in this browser.")
                            }
                        },
                        None => s.text,
                    };
                    Reply::Synced {
                        changes: Box::new(s.changes),
                        text,
                        base: Box::new(s.base),
                    }
                }
                Err(message) => Reply::Failed { message },
            }
        }
    }
}

/// The texts of the blobs passed beside a job (`None` for one the browser could not read).
fn texts(msg: &JsValue) -> Vec<Option<String>> {
    let list: Array = Reflect::get(msg, &"files".into())
        .map(|v| Array::from(&v))
        .unwrap_or_default();
    let Ok(reader) = FileReaderSync::new() else {
        return Vec::new();
    };
    list.iter()
        .map(|b| {
            b.dyn_into::<web_sys::Blob>()
                .ok()
                .and_then(|b| reader.read_as_text(&b).ok())
        })
        .collect()
}

/// A file to import: a zip archive stays in the browser's `File` and is read in slices as
/// it is walked (an export of years can be gigabytes); any other file is read whole (at
/// most `activity::MAX_BYTES` is ever used of it).
fn source(file: File) -> Option<Source> {
    let reader = FileReaderSync::new().ok()?;
    let head = slice(&reader, &file, 0.0, 8192.0)?;
    let streamed = |reader, file: File| {
        let len = file.size() as u64;
        Box::new(FileSlices {
            reader,
            file,
            len,
            pos: 0,
            window: Vec::new(),
            window_start: 0,
        })
    };
    if archive::is_zip(&head) {
        return Some(Source::Archive(streamed(reader, file)));
    }
    if import::planner::is_apple_health_xml(&head) {
        return Some(Source::Stream(streamed(reader, file)));
    }
    let buffer = reader.read_as_array_buffer(&file).ok()?;
    Some(Source::Bytes(Uint8Array::new(&buffer).to_vec()))
}

/// Bytes `start..end` of a file.
fn slice(reader: &FileReaderSync, file: &File, start: f64, end: f64) -> Option<Vec<u8>> {
    let blob = file.slice_with_f64_and_f64(start, end).ok()?;
    let buffer = reader.read_as_array_buffer(&blob).ok()?;
    Some(Uint8Array::new(&buffer).to_vec())
}

/// The bytes of a window read at a time: large enough that the zip reader's small reads
/// cost few trips to the file, small enough for a phone's memory.
const WINDOW: u64 = 1 << 20;

/// A `File` as `Read + Seek`, read a window at a time with `FileReaderSync` and
/// `Blob.slice`, so that only the window (and the entry being unpacked) is in memory.
struct FileSlices {
    reader: FileReaderSync,
    file: File,
    len: u64,
    pos: u64,
    window: Vec<u8>,
    window_start: u64,
}

impl Read for FileSlices {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.pos >= self.len || buf.is_empty() {
            return Ok(0);
        }
        let in_window = self.pos >= self.window_start
            && self.pos < self.window_start + self.window.len() as u64;
        if !in_window {
            let end = (self.pos + WINDOW.max(buf.len() as u64)).min(self.len);
            self.window = slice(&self.reader, &self.file, self.pos as f64, end as f64)
                .ok_or_else(|| std::io::Error::other("the browser could not read the file"))?;
            self.window_start = self.pos;
            if self.window.is_empty() {
                return Ok(0);
            }
        }
        let from = usize::try_from(self.pos - self.window_start).unwrap_or(usize::MAX);
        let available = self.window.get(from..).unwrap_or(&[]);
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for FileSlices {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let target = match to {
            SeekFrom::Start(p) => Some(p),
            SeekFrom::End(d) => self.len.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        self.pos =
            target.ok_or_else(|| std::io::Error::other("a seek before the start of the file"))?;
        Ok(self.pos)
    }
}

/// Minutes east of UTC at `unix_seconds`, in this browser's time zone.
fn utc_offset_min(unix_seconds: i64) -> i32 {
    let date = js_sys::Date::new(&JsValue::from_f64(unix_seconds as f64 * 1000.0));
    -(date.get_timezone_offset() as i32)
}
