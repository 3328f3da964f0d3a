//! `comptoir-testkit`: what the tests that run real processes share (`tests/cli`, `tests/peers`,
//! `tests/e2e`) and the benchmarks too (`crates/bench`).
//!
//! - [`Cli`]: the real `comptoir` binary on a data directory (a temporary one of its own, or one
//!   given), mDNS off, its output as a [`Run`] or as parsed `--json`.
//! - [`Serve`]: a running `comptoir --json serve`, in a process group of its own that is killed
//!   with it when dropped; its events are read through a bounded channel, each wait bounded by
//!   [`PATIENCE`] (a safety net, never the condition waited for).
//! - [`ProcessGroup`] and [`Lines`]: the same for any program (the desktop app, tauri-driver).
//! - [`free_port`], [`Display`] (a private Xvfb), and [`binary::beside`] to find a binary cargo
//!   built next to another one.
//!
//! Helpers that check something panic with a message saying what went wrong, as assertions do;
//! helpers that start something return a [`Result`] where the caller may want to explain.
//!
//! ```no_run
//! use comptoir_testkit::Cli;
//!
//! // A device with a group, serving it on loopback; a second device joins it.
//! let (a, b) = (Cli::new(), Cli::new());
//! let group = a.bistrot("Bistrot du Social de Namur");
//! let server = a.serve();
//! b.join(&a, &group, &server);
//! assert_eq!(b.groups().len(), 1);
//! ```

pub mod binary;
mod cli;
#[cfg(unix)]
mod display;
mod error;
mod port;
#[cfg(unix)]
mod process;
mod run;
#[cfg(unix)]
mod serve;

use std::time::Duration;

pub use cli::Cli;
#[cfg(unix)]
pub use display::Display;
pub use error::{Error, Result};
pub use port::free_port;
#[cfg(unix)]
pub use process::{Lines, ProcessGroup};
pub use run::Run;
#[cfg(unix)]
pub use serve::{Serve, about};

/// A safety net for waits on another process: generous, never the condition itself.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// `--timeout` of `sync` and `invite accept` when they are expected to succeed, in seconds.
pub const TIMEOUT: &str = "30";
