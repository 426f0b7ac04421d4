//! The file worker's entry point (see `src/worker.rs`); Trunk builds it as a Web Worker.

fn main() {
    #[cfg(target_arch = "wasm32")]
    recovery_run::worker::run();
}
