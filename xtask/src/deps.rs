//! `cargo xtask deps`: installs what building the desktop app needs, skipping what is there.

use std::process::Command;

use anyhow::Result;

use crate::shell::{cargo, probe, run};

/// What Tauri needs on Debian and Ubuntu (`xvfb` runs the app where there is no screen).
const APT_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "libgtk-3-dev",
    "libsoup-3.0-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "build-essential",
    "pkg-config",
    "libssl-dev",
    "xvfb",
    // `WebKitWebDriver`, which tauri-driver drives for the end-to-end tests (tests/e2e).
    "webkit2gtk-driver",
    // `ip`, with which the LAN discovery test makes its network namespaces (tests/peers/lan.rs).
    "iproute2",
];
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// trunk 0.22 needs a newer rustc than the workspace's.
const TRUNK_VERSION: &str = "0.21.14";
/// Must equal the exact `wasm-bindgen` pin in ui/Cargo.toml (libp2p fixes it for the workspace);
/// a test below checks that it does.
const WASM_BINDGEN_VERSION: &str = "0.2.108";
/// The WebDriver server of the end-to-end tests: the newest stable release (3.x is an alpha
/// and needs rustc 1.95 exactly; 2.1.0 needs 1.90).
const TAURI_DRIVER_VERSION: &str = "2.1.0";

pub fn install() -> Result<()> {
    apt_packages()?;
    wasm_target()?;
    cargo_tool("trunk", "trunk", TRUNK_VERSION)?;
    cargo_tool("wasm-bindgen", "wasm-bindgen-cli", WASM_BINDGEN_VERSION)?;
    cargo_tool("tauri-driver", "tauri-driver", TAURI_DRIVER_VERSION)
}

fn apt_packages() -> Result<()> {
    if probe(Command::new("apt-get").arg("--version")).is_none() {
        eprintln!(
            "deps: no apt-get here; install your system's equivalents of: {}",
            APT_PACKAGES.join(" ")
        );
        return Ok(());
    }
    let missing: Vec<&str> = APT_PACKAGES
        .iter()
        .copied()
        .filter(|package| !apt_installed(package))
        .collect();
    if missing.is_empty() {
        eprintln!("deps: system packages already installed");
        return Ok(());
    }
    eprintln!("deps: installing system packages: {}", missing.join(" "));
    run(apt_get().arg("update"))?;
    run(apt_get().args(["install", "-y"]).args(&missing))
}

fn apt_installed(package: &str) -> bool {
    probe(Command::new("dpkg-query").args(["-W", "-f=${Status}", package]))
        .is_some_and(|status| status == "install ok installed")
}

/// `apt-get`, through `sudo` unless we are root.
fn apt_get() -> Command {
    let is_root = probe(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    let mut command = if is_root {
        Command::new("apt-get")
    } else {
        let mut sudo = Command::new("sudo");
        sudo.arg("apt-get");
        sudo
    };
    command.env("DEBIAN_FRONTEND", "noninteractive");
    command
}

fn wasm_target() -> Result<()> {
    let Some(installed) = probe(Command::new("rustup").args(["target", "list", "--installed"]))
    else {
        eprintln!("deps: no rustup here; make sure your toolchain has the {WASM_TARGET} target");
        return Ok(());
    };
    if installed.lines().any(|target| target.trim() == WASM_TARGET) {
        eprintln!("deps: rust target {WASM_TARGET} already installed");
        return Ok(());
    }
    eprintln!("deps: adding rust target {WASM_TARGET}");
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// Installs `krate` at exactly `version` unless `binary --version` already reports it.
fn cargo_tool(binary: &str, krate: &str, version: &str) -> Result<()> {
    let found = installed_version(binary, krate);
    let found = found.as_deref();
    if found == Some(version) {
        eprintln!("deps: {binary} {version} already installed");
        return Ok(());
    }
    match found {
        Some(other) => eprintln!("deps: {binary} is {other}, installing {version} (takes minutes)"),
        None => eprintln!("deps: installing {binary} {version} (takes minutes)"),
    }
    run(cargo().args(["install", "--locked", krate, "--version", version]))
}

/// The version `binary --version` reports; for tools without `--version` (tauri-driver), the
/// one `cargo install --list` recorded, if the binary runs at all.
fn installed_version(binary: &str, krate: &str) -> Option<String> {
    if let Some(line) = probe(Command::new(binary).arg("--version")) {
        return line.split_whitespace().nth(1).map(String::from);
    }
    probe(Command::new(binary).arg("--help"))?;
    let list = probe(cargo().args(["install", "--list"]))?;
    list.lines().find_map(|line| {
        let rest = line.strip_prefix(krate)?.strip_prefix(" v")?;
        rest.strip_suffix(':').map(String::from)
    })
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn ui_uses_the_wasm_bindgen_version_that_deps_installs() -> Result<()> {
        let ui = crate::project_root().join("ui");
        let manifest = fs::read_to_string(ui.join("Cargo.toml"))?;
        let trunk = fs::read_to_string(ui.join("Trunk.toml"))?;
        assert!(manifest.contains(&format!("wasm-bindgen = \"={WASM_BINDGEN_VERSION}\"")));
        assert!(trunk.contains(&format!("wasm_bindgen = \"{WASM_BINDGEN_VERSION}\"")));
        Ok(())
    }
}
