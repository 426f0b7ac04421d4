//! Waiting for the browser: the next task, the next paint, an idle moment. The staged first
//! render, the split points' preloading and the long steps of an import use these to leave
//! the browser room to paint and answer between their parts.

use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// Resolves once the current frame is painted: it resumes just before the paint (a
/// requestAnimationFrame callback), and a zero timeout set then runs after it.
pub async fn after_paint() {
    resolved_by(|resolve| request_animation_frame(move || resolve())).await;
    sleep(Duration::ZERO).await;
}

/// Resolves after `duration`, in a task of its own (`Duration::ZERO`: the next task, so a
/// long piece of work becomes several tasks the browser can paint and answer between).
pub async fn sleep(duration: Duration) {
    resolved_by(|resolve| set_timeout(move || resolve(), duration)).await;
}

/// Resolves when the browser is next idle (see [`when_idle`]).
pub async fn idle() {
    resolved_by(|resolve| when_idle(move || resolve())).await;
}

/// Calls `f` when the browser is next idle (`requestIdleCallback`), or after 50 ms where
/// the browser has no such call: Safari and WebKit do not, and waiting for it there left
/// Today without its check-in (issue #30).
pub fn when_idle(f: impl FnOnce() + 'static) {
    let has_idle = web_sys::window()
        .map(|w| js_sys::Reflect::has(&w, &"requestIdleCallback".into()).unwrap_or(false))
        .unwrap_or(false);
    if has_idle {
        let f = std::cell::Cell::new(Some(f));
        request_idle_callback(move || {
            if let Some(f) = f.take() {
                f()
            }
        });
    } else {
        set_timeout(f, std::time::Duration::from_millis(50));
    }
}

/// Resolves once `schedule` has the function it is given called.
async fn resolved_by(schedule: impl FnOnce(Rc<dyn Fn()>)) {
    let mut schedule = Some(schedule);
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(schedule) = schedule.take() {
            schedule(Rc::new(move || drop(resolve.call0(&JsValue::NULL))));
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
