//! Real `comptoir` peers: several data directories, `serve`, `sync` and `invite` processes on
//! loopback (and in network namespaces when run as root), plus a rogue peer written here with
//! `comptoir-net`. They must discover, authorize, converge, refuse, and lose nothing when killed.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

// Processes are stopped and killed with signals (nix): these tests are for Unix.
#[cfg(unix)]
mod support;

#[cfg(unix)]
mod converge;
#[cfg(unix)]
mod crash;
#[cfg(unix)]
mod hostile;
#[cfg(unix)]
mod hygiene;
#[cfg(unix)]
mod joins;
#[cfg(target_os = "linux")]
mod lan;
#[cfg(unix)]
mod owner;
#[cfg(unix)]
mod refusals;
#[cfg(unix)]
mod relay;
#[cfg(unix)]
mod rogue;
