//! The real `comptoir` binary on one data directory: one device.
//!
//! Every command runs with mDNS off (`COMPTOIR_NO_MDNS=1`, and `--no-mdns` where it networks),
//! stdin closed, and no data directory or log filter inherited from the environment; `serve`
//! listens on 127.0.0.1 only, on a port the OS picks and `serve` reports.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use tempfile::TempDir;

use crate::{Result, Run, TIMEOUT, binary};

/// One device: the `comptoir` binary and a data directory, its own temporary one (deleted when
/// this is dropped) or one given.
#[derive(Debug)]
pub struct Cli {
    binary: PathBuf,
    data_dir: PathBuf,
    /// The temporary directory holding the data directory, when this owns it.
    _temp: Option<TempDir>,
}

impl Default for Cli {
    fn default() -> Self {
        Self::new()
    }
}

impl Cli {
    /// A fresh temporary data directory, and the `comptoir` built beside the running test.
    pub fn new() -> Self {
        Self::temporary(binary::comptoir())
    }

    /// A fresh temporary data directory for `binary`.
    pub fn temporary(binary: impl Into<PathBuf>) -> Self {
        let temp = tempfile::tempdir().expect("a temporary directory");
        Self {
            binary: binary.into(),
            data_dir: temp.path().to_path_buf(),
            _temp: Some(temp),
        }
    }

    /// `binary` on an existing data directory (the desktop app's, say), left in place.
    pub fn on(binary: impl Into<PathBuf>, data_dir: &Path) -> Self {
        Self {
            binary: binary.into(),
            data_dir: data_dir.to_path_buf(),
            _temp: None,
        }
    }

    /// The binary this runs.
    pub fn binary(&self) -> &Path {
        &self.binary
    }

    /// The data directory (the database lives at its top).
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The device's SQLite file.
    pub fn database(&self) -> PathBuf {
        self.data_dir.join("comptoir.sqlite3")
    }

    /// A file next to the database, for imports and exports.
    pub fn file(&self, name: &str) -> PathBuf {
        self.data_dir.join(name)
    }

    /// The command on this data directory, mDNS off, no inherited data directory or log level.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(&self.binary);
        cmd.arg("--data-dir")
            .arg(&self.data_dir)
            .args(args)
            .env("COMPTOIR_NO_MDNS", "1")
            .env_remove("COMPTOIR_DATA_DIR")
            .env_remove("COMPTOIR_LOG")
            .stdin(Stdio::null());
        cmd
    }

    /// Runs to the end, whatever the exit status.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::of(&mut self.command(args))
    }

    /// Runs with `--json`, expects success, parses stdout.
    pub fn json(&self, args: &[&str]) -> Value {
        self.run(&with_json(args)).json(args)
    }

    /// Runs with `--json`; its parsed output, or why there is none.
    pub fn try_json(&self, args: &[&str]) -> Result<Value> {
        self.run(&with_json(args)).try_json(args)
    }

    /// Runs, expects failure with a one-line message on stderr and nothing on stdout; returns
    /// that line.
    pub fn fails(&self, args: &[&str]) -> String {
        self.run(args).failure(args)
    }

    /// The `id` of what a command created.
    pub fn create(&self, args: &[&str]) -> String {
        self.json(args)["id"].as_str().expect("an id").to_string()
    }

    /// Runs, expects success, returns stdout as bytes (e.g. an export to standard output).
    pub fn bytes(&self, args: &[&str]) -> Vec<u8> {
        let Output {
            status,
            stdout,
            stderr,
        } = self.command(args).output().expect("comptoir runs");
        assert!(
            status.success(),
            "comptoir {args:?} failed: {}",
            String::from_utf8_lossy(&stderr)
        );
        stdout
    }

    /// Creates the group most tests work on: a bistrot in Belgium; returns its id.
    pub fn bistrot(&self, name: &str) -> String {
        self.create(&[
            "group",
            "create",
            "--name",
            name,
            "--kind",
            "bistrot",
            "--country",
            "BE",
        ])
    }

    /// This device's peer id.
    pub fn peer_id(&self) -> String {
        self.json(&["id"])["peer"]
            .as_str()
            .expect("a peer id")
            .to_string()
    }

    /// The groups this device holds (`group list --json`).
    pub fn groups(&self) -> Vec<Value> {
        self.json(&["group", "list"])
            .as_array()
            .expect("a list of groups")
            .clone()
    }

    /// The whole group as the JSON export prints it.
    pub fn export(&self, group: &str) -> Value {
        let run = self.run(&["export", group, "--format", "json"]);
        let stdout = run.expect_success(&["export", group]);
        serde_json::from_str(&stdout).expect("the export is JSON")
    }

    /// `sync --peer ADDRESS` with mDNS off.
    pub fn sync(&self, address: &str, timeout: &str) -> Run {
        Run::of(&mut self.sync_command(address, timeout))
    }

    fn sync_command(&self, address: &str, timeout: &str) -> Command {
        self.command(&[
            "--json",
            "sync",
            "--peer",
            address,
            "--no-mdns",
            "--timeout",
            timeout,
        ])
    }

    /// `sync` that must succeed (logging as servers do with `COMPTOIR_TEST_LOG`: a failure
    /// shows its stderr).
    pub fn sync_ok(&self, address: &str) {
        let mut command = self.sync_command(address, TIMEOUT);
        Run::of(logged(&mut command)).expect_success(&["sync", "--peer", address]);
    }

    /// Makes a `--preapproved` invitation to `group` naming `address` (the device that uses
    /// it is let in without an admin's approval, as for a script); returns the code.
    pub fn invite(&self, group: &str, address: &str) -> String {
        self.json(&[
            "invite",
            "create",
            group,
            "--address",
            address,
            "--preapproved",
        ])["code"]
            .as_str()
            .expect("a code")
            .to_string()
    }

    /// `invite accept CODE` with mDNS off.
    pub fn accept(&self, code: &str, timeout: &str) -> Run {
        self.run(&[
            "--json",
            "invite",
            "accept",
            code,
            "--no-mdns",
            "--timeout",
            timeout,
        ])
    }

    /// The number of rows of a table of this device's database, read with SQLite directly.
    pub fn count_rows(&self, table: &str) -> i64 {
        let db = rusqlite::Connection::open_with_flags(
            self.database(),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .expect("the database opens");
        db.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
            row.get(0)
        })
        .expect("the table is readable")
    }
}

#[cfg(unix)]
impl Cli {
    /// Serves on a loopback port chosen by the OS, mDNS off.
    pub fn serve(&self) -> crate::Serve {
        self.serve_with(&[])
    }

    /// Like [`Cli::serve`], with more of `serve`'s flags (`--max-connections 4`).
    pub fn serve_with(&self, flags: &[&str]) -> crate::Serve {
        let mut args = vec![
            "--json",
            "serve",
            "--listen",
            "/ip4/127.0.0.1/tcp/0",
            "--no-mdns",
        ];
        args.extend_from_slice(flags);
        crate::Serve::start(logged(&mut self.command(&args)))
    }

    /// Joins `group` of the device behind `server`: `inviter` makes a code, this device uses it.
    pub fn join(&self, inviter: &Cli, group: &str, server: &crate::Serve) {
        let code = inviter.invite(group, &server.address);
        let run = self.accept(&code, TIMEOUT);
        let stdout = run.expect_success(&["invite", "accept"]);
        let joined: Value = serde_json::from_str(&stdout).expect("JSON");
        assert_eq!(joined["joined"], group, "joined another group: {stdout}");
    }
}

/// To see what servers and syncs did when a test fails, set `COMPTOIR_TEST_LOG` to a log filter
/// (`comptoir_app=debug,comptoir_sync=debug`): it becomes their `COMPTOIR_LOG`, and a failure
/// prints their stderr.
fn logged(command: &mut Command) -> &mut Command {
    if let Some(filter) = std::env::var_os("COMPTOIR_TEST_LOG") {
        command.env("COMPTOIR_LOG", filter);
    }
    command
}

/// `--json` and then `args`.
fn with_json<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    all
}
