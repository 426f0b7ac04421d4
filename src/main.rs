fn main() {
    #[cfg(target_arch = "wasm32")]
    recovery_run::ui::mount();
}
