//! Where the binaries under test and the screenshots are.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// The desktop app, built by cargo for this test target.
pub const DESKTOP: &str = env!("CARGO_BIN_EXE_comptoir-desktop");

/// The `comptoir` CLI, built by the same cargo run into the same profile directory.
pub fn cli() -> Result<PathBuf> {
    let dir = Path::new(DESKTOP)
        .parent()
        .context("the desktop binary has a folder")?;
    let cli = dir.join(format!("comptoir{}", std::env::consts::EXE_SUFFIX));
    if !cli.is_file() {
        bail!(
            "the `comptoir` CLI is not built next to the app ({}); build it with \
             `cargo build -p comptoir-cli` (same profile), or run `cargo test --workspace`",
            cli.display()
        );
    }
    Ok(cli)
}

/// `target/screenshots/e2e/`, created if needed: `CARGO_TARGET_DIR` if set, else the `target`
/// folder above the binaries (`target/<profile>/comptoir-desktop`).
pub fn screenshots() -> Result<PathBuf> {
    let target = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => Path::new(DESKTOP)
            .ancestors()
            .nth(2)
            .context("the desktop binary sits in target/<profile>/")?
            .to_path_buf(),
    };
    let dir = target.join("screenshots").join("e2e");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir)
}

/// A free TCP port on loopback, as the OS hands it out (free when this returns; the caller
/// binds it right away).
pub fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").context("binding a free port")?;
    Ok(listener.local_addr()?.port())
}
