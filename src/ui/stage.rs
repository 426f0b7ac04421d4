//! The first render in several short tasks (issue #21).
//!
//! The browser compiles each wasm function on its first call, on the main thread: the first
//! render is mostly that, and as one task it blocked the page for a few hundred
//! milliseconds on a slow phone. So the app is built out of sight, inside `#app` (hidden),
//! while what `index.html` painted stays on screen: each part made with [`later`] is built
//! in a task of its own, after the one that created it. When the last part is built, one
//! task removes the boot paint and shows the app ([`reveal`]), so no frame shows half of
//! either. After that, [`later`] builds at once: it only ever splits the first render.
//! [`queued`] splits a view the same way every time, for what comes after the app is shown
//! (Today's check-in, whose chunk's code is compiled as it first runs).

use std::cell::{Cell, RefCell};
use std::time::Duration;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use crate::ui::snapshot;
use crate::ui::tasks;

/// The element the app is mounted in: `display: contents` once shown (style/main.css).
const ROOT: &str = "app";

thread_local! {
    /// Parts made with [`later`] not built yet.
    static PENDING: Cell<u32> = const { Cell::new(0) };
    static SHOWN: Cell<bool> = const { Cell::new(false) };
    /// What waits for the app to be shown ([`when_shown`]).
    static WAITING: RefCell<Vec<Box<dyn FnOnce()>>> = const { RefCell::new(Vec::new()) };
}

/// Mounts `app` in a hidden `#app` at the end of `<body>`, in a task after this one (the
/// one that instantiated the wasm, long enough already); it is shown once every part
/// [`later`] put off is built (at once if none was).
pub fn mount<V: IntoView + 'static>(app: impl FnOnce() -> V + 'static) {
    set_timeout(move || mount_now(app), Duration::ZERO);
}

fn mount_now<V: IntoView + 'static>(app: impl FnOnce() -> V + 'static) {
    let Some(root) = document()
        .create_element("div")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    root.set_id(ROOT);
    root.set_hidden(true);
    if document()
        .body()
        .and_then(|b| b.append_child(&root).ok())
        .is_none()
    {
        return;
    }
    leptos::mount::mount_to(root, app).forget();
    if PENDING.get() == 0 {
        reveal();
    }
}

/// A part of the first render built in a later task (nothing until then); afterwards, the
/// view itself.
pub fn later<V: IntoView + 'static>(build: impl FnOnce() -> V + 'static) -> AnyView {
    if SHOWN.get() {
        return build().into_any();
    }
    put_off(Box::new(move || build().into_any()), true)
}

/// A view built in a task of its own, after the one that creates it, every time: for what
/// comes last on a page, after it is shown (Today's check-in), in parts that each compile
/// their own code on first use.
pub fn queued<V: IntoView + 'static>(build: impl FnOnce() -> V + 'static) -> AnyView {
    put_off(Box::new(move || build().into_any()), false)
}

/// The work of [`later`] and [`queued`], once for every kind of view: one future type, one
/// copy of its code.
fn put_off(build: Box<dyn FnOnce() -> AnyView>, counted: bool) -> AnyView {
    if counted {
        PENDING.set(PENDING.get() + 1);
    }
    let mut part = Part { counted };
    let built = SendWrapper::new(async move {
        tasks::sleep(Duration::ZERO).await;
        let view = untrack(build);
        part.done();
        view
    });
    Suspend::new(built).into_any()
}

/// A part of the first render still to build, counted in [`PENDING`] until it is built or
/// dropped unbuilt (its page was left before it came: the count must still reach zero).
struct Part {
    counted: bool,
}

impl Part {
    fn done(&mut self) {
        if !std::mem::take(&mut self.counted) {
            return;
        }
        PENDING.set(PENDING.get().saturating_sub(1));
        // A view is built into the DOM after its builder returns, and it may put off parts
        // of its own (a page's): so the reveal waits for the end of this task and looks again.
        queue_microtask(|| {
            if PENDING.get() == 0 {
                reveal();
            }
        });
    }
}

impl Drop for Part {
    fn drop(&mut self) {
        self.done();
    }
}

/// Runs `f` once the app is shown (at once if it is).
pub fn when_shown(f: impl FnOnce() + 'static) {
    if SHOWN.get() {
        f();
    } else {
        WAITING.with_borrow_mut(|w| w.push(Box::new(f)));
    }
}

/// Shows the app in place of the boot paint, in one task.
fn reveal() {
    if SHOWN.replace(true) {
        return;
    }
    snapshot::remove_boot();
    if let Some(root) = document().get_element_by_id(ROOT) {
        let _ = root.remove_attribute("hidden");
    }
    for f in WAITING.with_borrow_mut(std::mem::take) {
        f();
    }
}
