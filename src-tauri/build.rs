//! Build script: lets Tauri read `tauri.conf.json` and rebuilds the shell when the UI changes.

#![allow(
    clippy::print_stdout,
    reason = "a build script talks to cargo through stdout"
)]

use std::env;
use std::path::Path;

const UI_DIST: &str = "../ui/dist";

fn main() {
    // `generate_context!` embeds ui/dist but does not notice when it changes; this does.
    println!("cargo:rerun-if-changed={UI_DIST}");
    let embeds_ui = env::var_os("CARGO_FEATURE_CUSTOM_PROTOCOL").is_some();
    if embeds_ui && !Path::new(UI_DIST).join("index.html").exists() {
        println!("cargo:warning=ui/dist is missing: build the UI first with `cargo xtask ui`");
    }
    tauri_build::build();
}
