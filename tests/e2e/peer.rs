//! The `comptoir` CLI on a data directory: the second device of the scenario, and a way to read
//! the app's own data directory while the app is closed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use serde_json::Value;

/// `--timeout` of the CLI's network commands, in seconds: a safety net, not a wait.
const TIMEOUT: &str = "30";

pub struct Cli {
    binary: PathBuf,
    data_dir: PathBuf,
}

impl Cli {
    pub fn new(binary: PathBuf, data_dir: &Path) -> Self {
        Self {
            binary,
            data_dir: data_dir.to_path_buf(),
        }
    }

    /// Runs `comptoir --json --data-dir DIR ARGS`, mDNS off; returns its JSON output.
    pub fn json(&self, args: &[&str]) -> Result<Value> {
        let output = Command::new(&self.binary)
            .arg("--json")
            .arg("--data-dir")
            .arg(&self.data_dir)
            .args(args)
            .env("COMPTOIR_NO_MDNS", "1")
            .env_remove("COMPTOIR_DATA_DIR")
            .env_remove("COMPTOIR_LOG")
            .stdin(Stdio::null())
            .output()
            .context("running comptoir")?;
        if !output.status.success() {
            bail!(
                "comptoir {args:?} failed ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            );
        }
        serde_json::from_slice(&output.stdout)
            .with_context(|| format!("comptoir {args:?} printed no JSON"))
    }

    /// Joins a group with `code`; returns the group's id.
    pub fn accept(&self, code: &str) -> Result<String> {
        let joined = self.json(&["invite", "accept", code, "--no-mdns", "--timeout", TIMEOUT])?;
        Ok(joined["joined"]
            .as_str()
            .context("a joined group")?
            .to_string())
    }

    pub fn add_member(&self, group: &str, name: &str, town: &str) -> Result<()> {
        self.json(&["member", "add", group, "--name", name, "--town", town])?;
        Ok(())
    }

    /// Syncs every shared group with the peer at `address`, once.
    pub fn sync(&self, address: &str) -> Result<()> {
        self.json(&["sync", "--peer", address, "--no-mdns", "--timeout", TIMEOUT])?;
        Ok(())
    }
}
