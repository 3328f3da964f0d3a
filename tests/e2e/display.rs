//! A private X server (Xvfb) for one test, stopped when dropped.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use anyhow::{Context, Result, bail};

/// A running `Xvfb`, on a display number it picked itself (`-displayfd`), so parallel tests
/// never race for one.
pub struct Display {
    child: Child,
    /// `:N`, the value of `DISPLAY` for programs shown on it.
    pub name: String,
}

impl Display {
    pub fn start() -> Result<Self> {
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-nolisten",
                "tcp",
                "-screen",
                "0",
                "1280x800x24",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context(
                "cannot start Xvfb, which the end-to-end tests need to open the app's window: \
                 install it with `cargo xtask deps` (Debian package `xvfb`)",
            )?;
        let stdout = child.stdout.take().context("piped stdout")?;
        // Xvfb writes the display number once the server accepts connections.
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line)?;
        let number = line.trim();
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            let _ = child.kill();
            let _ = child.wait();
            bail!("Xvfb did not report a display number (printed {line:?})");
        }
        Ok(Self {
            name: format!(":{number}"),
            child,
        })
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
