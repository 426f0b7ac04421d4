// Starts the file worker (src/worker.rs): wasm-bindgen's glue for the `file-worker` binary,
// then its wasm. Paths are relative to this file, so the app works in any sub-folder.
importScripts("./file-worker.js");
wasm_bindgen({ module_or_path: "./file-worker_bg.wasm" });
