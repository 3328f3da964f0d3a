//! Build script: lets Tauri read `tauri.conf.json` and rebuilds the shell when the UI changes.

#![allow(
    clippy::print_stdout,
    reason = "a build script talks to cargo through stdout"
)]

fn main() {
    // `generate_context!` embeds ui/dist but does not notice when it changes; this does.
    println!("cargo:rerun-if-changed=../ui/dist");
    tauri_build::build();
}
