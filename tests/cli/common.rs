//! Runs the real `comptoir` binary on a temporary data directory.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

/// The binary under test, built by cargo for this test target.
pub const BIN: &str = env!("CARGO_BIN_EXE_comptoir");

/// A data directory and the binary to run on it.
pub struct Comptoir {
    dir: TempDir,
}

/// What a run printed.
pub struct Run {
    pub status: std::process::ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

/// Everything stored about one group, as the commands show it, plus its raw Automerge bytes
/// (which also change when a command writes something that no listing shows).
#[derive(Debug, PartialEq)]
pub struct Stored {
    pub views: Value,
    pub automerge: Vec<u8>,
}

impl Comptoir {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    /// The data directory (the database lives at its top).
    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }

    /// The database file of this data directory.
    pub fn database(&self) -> PathBuf {
        self.data_dir().join("comptoir.sqlite3")
    }

    /// A path inside the temporary directory, outside the data directory's database.
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The command, ready to run on this data directory.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.arg("--data-dir")
            .arg(self.dir.path())
            .args(args)
            .env_remove("COMPTOIR_DATA_DIR");
        cmd
    }

    /// Runs and returns what it printed, whatever the exit status.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::of(&mut self.command(args))
    }

    /// Runs with `--json`, expects success, parses stdout.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        assert!(
            run.status.success(),
            "comptoir {args:?} failed: {}",
            run.stderr
        );
        serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("comptoir {args:?} printed no JSON ({e}): {}", run.stdout))
    }

    /// Runs, expects failure with a one-line message on stderr and nothing on stdout; returns
    /// that line.
    pub fn fails(&self, args: &[&str]) -> String {
        self.run(args).failure(args)
    }

    /// The `id` of a created object.
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

    /// Creates the group most tests work on: a bistrot in Belgium.
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

    /// What the group list and one group's show, member, event and note lists print.
    pub fn views(&self, group: &str) -> Value {
        serde_json::json!({
            "groups": self.json(&["group", "list"]),
            "group": self.json(&["group", "show", group]),
            "members": self.json(&["member", "list", group]),
            "events": self.json(&["event", "list", group]),
            "notes": self.json(&["note", "list", group]),
        })
    }

    /// Everything stored about a group: its views and its Automerge bytes.
    pub fn stored(&self, group: &str) -> Stored {
        Stored {
            views: self.views(group),
            automerge: self.bytes(&["export", group, "--format", "automerge"]),
        }
    }
}

impl Run {
    /// Runs a prepared command to its end.
    pub fn of(command: &mut Command) -> Self {
        let Output {
            status,
            stdout,
            stderr,
        } = command.output().expect("comptoir runs");
        Run {
            status,
            stdout: String::from_utf8(stdout).expect("utf-8 stdout"),
            stderr: String::from_utf8(stderr).expect("utf-8 stderr"),
        }
    }

    /// Expects a failure that printed nothing on stdout and one line on stderr; returns it.
    pub fn failure(self, args: &[&str]) -> String {
        assert!(
            !self.status.success(),
            "comptoir {args:?} should fail but printed {}",
            self.stdout
        );
        assert_eq!(
            self.stdout, "",
            "comptoir {args:?} failed but printed on stdout"
        );
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(
            lines.len(),
            1,
            "comptoir {args:?} should print one line on stderr, got {:?}",
            self.stderr
        );
        lines[0].to_string()
    }
}

/// The names of the members of a `member list --json`.
pub fn names(members: &Value) -> Vec<String> {
    members
        .as_array()
        .expect("a list of members")
        .iter()
        .map(|m| m["name"].as_str().expect("a name").to_string())
        .collect()
}
