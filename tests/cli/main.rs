//! Integration tests of the `comptoir` command: the real binary on temporary data directories.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

mod common;

mod bad_input;
mod concurrency;
mod consent;
mod contract;
#[cfg(unix)]
mod crash;
mod history;
mod scenario;
