//! With the `split` feature, the app's wasm keeps its relocations (`--emit-relocs`): the
//! splitter (`wasm-split-cli`, run by scripts/split_wasm.py) needs them to move functions
//! between modules. Only the app binary's link step changes, so no dependency rebuilds.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo:rustc-link-arg-bin=recovery-run=--emit-relocs");
    }
}
