//! What a finished run of a program printed, and the checks tests make on it.

use std::process::{Command, ExitStatus, Output};

use serde_json::Value;

use crate::{Error, Result};

/// A finished run: its exit status and what it printed.
#[derive(Debug)]
pub struct Run {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Runs a prepared command to its end, whatever the exit status.
    pub fn of(command: &mut Command) -> Self {
        let Output {
            status,
            stdout,
            stderr,
        } = command
            .output()
            .unwrap_or_else(|e| panic!("{:?} cannot run: {e}", command.get_program()));
        Self {
            status,
            stdout: String::from_utf8(stdout).expect("utf-8 stdout"),
            stderr: String::from_utf8(stderr).expect("utf-8 stderr"),
        }
    }

    /// Expects success; returns stdout.
    pub fn expect_success(self, what: &[&str]) -> String {
        assert!(
            self.status.success(),
            "comptoir {what:?} failed ({}): {}",
            self.status,
            self.stderr
        );
        self.stdout
    }

    /// Expects success and JSON on stdout.
    pub fn json(self, what: &[&str]) -> Value {
        self.try_json(what).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Success and JSON on stdout, or an error saying what it printed instead.
    pub fn try_json(self, what: &[&str]) -> Result<Value> {
        let args = what.iter().map(ToString::to_string).collect();
        if !self.status.success() {
            return Err(Error::Failed {
                args,
                status: self.status,
                stderr: self.stderr,
            });
        }
        serde_json::from_str(&self.stdout).map_err(|source| Error::NotJson {
            args,
            stdout: self.stdout,
            source,
        })
    }

    /// Expects a failure: a non-zero status, nothing on stdout, one line on stderr; returns it.
    pub fn failure(self, what: &[&str]) -> String {
        assert!(
            !self.status.success(),
            "comptoir {what:?} should fail, but printed {}",
            self.stdout
        );
        assert_eq!(
            self.stdout, "",
            "comptoir {what:?} failed but printed on stdout"
        );
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(
            lines.len(),
            1,
            "comptoir {what:?} should say why in one line, said {:?}",
            self.stderr
        );
        lines[0].to_string()
    }
}
