//! `tauri-driver` for one test, in front of WebKitGTK's `WebKitWebDriver`, on free ports; it
//! starts the app when a session opens. Dropped, it is killed with everything it started.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use comptoir_testkit::{Display, ProcessGroup, free_port};

use crate::webdriver::{Http, Session};

/// Where Debian's `webkit2gtk-driver` puts the native driver.
const NATIVE_DRIVER: &str = "/usr/bin/WebKitWebDriver";
/// How long tauri-driver may take to answer its first request.
const STARTUP: Duration = Duration::from_secs(20);
/// Starts tried, each on fresh ports: a free port found can be taken by someone else before the
/// driver binds it (another test's connection), and then the driver never answers.
const ATTEMPTS: usize = 3;

/// A running tauri-driver, leader of its own process group: the native driver and the app it
/// starts belong to that group, and all of them are killed when this is dropped.
pub struct Driver {
    http: Http,
    // Killed with its whole group when dropped.
    _process: ProcessGroup,
}

impl Driver {
    /// Starts tauri-driver showing windows on `display`; `app_env` is the environment the app
    /// runs with (inherited through tauri-driver and WebKitWebDriver).
    pub fn start(display: &Display, app_env: &[(&str, &OsStr)]) -> Result<Self> {
        if !Path::new(NATIVE_DRIVER).exists() {
            bail!(
                "{NATIVE_DRIVER} is missing: install Debian's `webkit2gtk-driver` package \
                 (`cargo xtask deps` does)"
            );
        }
        let mut failed = Vec::new();
        for _ in 0..ATTEMPTS {
            // A driver that did not come up is dropped, and killed with its group.
            match Self::start_on_free_ports(display, app_env) {
                Ok(driver) => return Ok(driver),
                Err(e) => failed.push(format!("{e:#}")),
            }
        }
        bail!("tauri-driver did not start: {}", failed.join("; "))
    }

    fn start_on_free_ports(display: &Display, app_env: &[(&str, &OsStr)]) -> Result<Self> {
        let port = free_port()?;
        let native_port = free_port()?;
        let mut command = Command::new("tauri-driver");
        command
            .args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .args(["--native-driver", NATIVE_DRIVER])
            .env("DISPLAY", &display.name)
            .env("GDK_BACKEND", "x11")
            .env_remove("WAYLAND_DISPLAY")
            .env("COMPTOIR_NO_MDNS", "1")
            .env("COMPTOIR_LOG", "warn")
            .envs(app_env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        if let Some(lang) = french_locale() {
            command.env("LANG", &lang).env("LC_ALL", &lang);
        }
        let process = ProcessGroup::spawn(&mut command).context(
            "cannot start tauri-driver: install it with `cargo xtask deps` \
             (`cargo install --locked tauri-driver`)",
        )?;
        let driver = Self {
            http: Http::new(format!("http://127.0.0.1:{port}")),
            _process: process,
        };
        driver.wait_until_up()?;
        Ok(driver)
    }

    fn wait_until_up(&self) -> Result<()> {
        let deadline = Instant::now() + STARTUP;
        loop {
            if self.http.get("/status").is_ok() {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("tauri-driver did not answer within {STARTUP:?}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Opens a session: starts the app and waits for its window.
    pub fn session(&self, application: &Path) -> Result<Session> {
        Session::new(self.http.clone(), application)
    }
}

/// `fr_FR.UTF-8` if this system has it (date inputs follow the locale), else nothing.
fn french_locale() -> Option<String> {
    let output = Command::new("locale").arg("-a").output().ok()?;
    let list = String::from_utf8_lossy(&output.stdout);
    list.lines()
        .find(|l| matches!(l.trim(), "fr_FR.utf8" | "fr_FR.UTF-8"))
        .map(|_| "fr_FR.UTF-8".to_string())
}
