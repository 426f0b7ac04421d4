//! Files out: a string becomes a download the browser saves.

use wasm_bindgen::JsCast;

/// Offers `text` as a file named `name`. Returns `false` if the browser would not.
pub fn offer(name: &str, mime: &str, text: &str) -> bool {
    fn go(name: &str, mime: &str, text: &str) -> Option<()> {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let document = web_sys::window()?.document()?;
        let a: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
        a.set_href(&url);
        a.set_download(name);
        a.click();
        web_sys::Url::revoke_object_url(&url).ok()?;
        Some(())
    }
    go(name, mime, text).is_some()
}
