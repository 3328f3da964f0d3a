//! What can go wrong starting or reading a process, for callers that report it themselves.

use std::path::PathBuf;
use std::process::ExitStatus;

/// The kit's error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A binary cargo should have built is not where it would be.
    #[error("{} is not built ({hint})", path.display())]
    NotBuilt { path: PathBuf, hint: String },
    /// Starting or talking to a process failed.
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
    /// A `comptoir` run exited with a failure.
    #[error("comptoir {args:?} failed ({status}): {stderr}")]
    Failed {
        args: Vec<String>,
        status: ExitStatus,
        stderr: String,
    },
    /// A `comptoir --json` run printed something that is not JSON.
    #[error("comptoir {args:?} printed no JSON ({source}): {stdout}")]
    NotJson {
        args: Vec<String>,
        stdout: String,
        #[source]
        source: serde_json::Error,
    },
    /// A program did not say what it should have, or not in time.
    #[error("{0}")]
    Unexpected(String),
}

/// The kit's result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An IO error, saying what was being done.
    pub fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> Self {
        let what = what.into();
        move |source| Self::Io { what, source }
    }
}
