//! `comptoir-bench`: the figures `cargo xtask bench` prints. Targets are reported beside the
//! measurements, never asserted.
//!
//! `cargo xtask bench` runs every benchmark; `-- storage` only the storage ones (one group's
//! size, load and agenda), `-- sync` only the peer-sync ones (two nodes over loopback),
//! `-- desktop` only the desktop app's (start, memory, size; needs Xvfb).
#![allow(clippy::print_stdout)] // Printing the figures is this binary's job.

mod desktop;
mod fixture;
mod peer_sync;
mod storage;

const USAGE: &str = "usage: comptoir-bench [storage | sync | desktop]  (default: all)";

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        // The child process the storage benchmark starts to measure peak memory.
        ["--peak-load", file] => storage::peak_load(file),
        [] => {
            storage::run()?;
            println!();
            peer_sync::run()?;
            println!();
            desktop::run()
        }
        ["storage"] => storage::run(),
        ["sync"] => peer_sync::run(),
        ["desktop"] => desktop::run(),
        _ => anyhow::bail!("{USAGE}"),
    }
}
