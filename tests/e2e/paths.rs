//! Where the binaries under test and the screenshots are.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The desktop app, built by cargo for this test target.
pub const DESKTOP: &str = env!("CARGO_BIN_EXE_comptoir-desktop");

/// The `comptoir` CLI, built by the same cargo run into the same profile directory.
pub fn cli() -> Result<PathBuf> {
    Ok(comptoir_testkit::binary::beside(
        Path::new(DESKTOP),
        "comptoir",
    )?)
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
