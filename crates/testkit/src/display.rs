//! A private X server (Xvfb) for one test or benchmark, stopped when dropped.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::{Error, ProcessGroup, Result};

/// A running `Xvfb`, on a display number it picked itself (`-displayfd`), so parallel tests
/// never race for one.
#[derive(Debug)]
pub struct Display {
    /// `:N`, the value of `DISPLAY` for programs shown on it.
    pub name: String,
    _server: ProcessGroup,
}

impl Display {
    pub fn start() -> Result<Self> {
        let mut command = Command::new("Xvfb");
        command
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
            .stderr(Stdio::null());
        let mut server = ProcessGroup::spawn(&mut command).map_err(|e| {
            Error::Unexpected(format!(
                "cannot start Xvfb, which the end-to-end tests and the desktop benchmarks need \
                 to open the app's window: install it with `cargo xtask deps` (Debian package \
                 `xvfb`) ({e})"
            ))
        })?;
        let stdout = server
            .child_mut()
            .stdout
            .take()
            .ok_or_else(|| Error::Unexpected("Xvfb's stdout is not piped".into()))?;
        // Xvfb writes the display number once the server accepts connections.
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(Error::io("reading Xvfb's display number"))?;
        let number = line.trim();
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::Unexpected(format!(
                "Xvfb did not report a display number (printed {line:?})"
            )));
        }
        Ok(Self {
            name: format!(":{number}"),
            _server: server,
        })
    }
}
