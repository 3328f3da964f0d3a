//! `cargo xtask`: Comptoir's tasks beyond plain cargo.
//!
//! ```text
//! cargo xtask deps          install what building the desktop app needs, skipping what is there
//! cargo xtask ui            build the UI into ui/dist with trunk
//! cargo xtask run           deps, ui, then build and open the desktop app
//! cargo xtask test          every check CI runs, in order, stopping at the first failure
//! cargo xtask bench [ARGS]  run the benchmarks (crates/bench), passing ARGS on
//! cargo xtask tidy          check the repository's conventions (also a test of this crate)
//! ```

// A tool run by people at a terminal: telling them what it does is its job.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod deps;
mod shell;
mod tasks;
mod tidy;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <deps | ui | run | test | bench [ARGS] | tidy>\n";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root();
    let result = match args.first().map(String::as_str) {
        Some("deps") => deps::install(),
        Some("ui") => tasks::ui(&root),
        Some("run") => tasks::run(&root),
        Some("test") => tasks::test(&root),
        Some("bench") => tasks::bench(&root, &args[1..]),
        Some("tidy") => tidy::report(&root),
        None | Some("help" | "-h" | "--help") => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => {
            eprint!("xtask: unknown task `{other}`\n{USAGE}");
            return ExitCode::FAILURE;
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root: the folder `cargo xtask` runs in, or the nearest above it that holds
/// `xtask/`. (Not the path xtask was compiled in: a build shared between clones, as a CI cache
/// is, would point at another clone.)
fn project_root() -> PathBuf {
    let compiled_in = || {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("xtask/ sits in the repository root")
            .to_path_buf()
    };
    let Ok(here) = std::env::current_dir() else {
        return compiled_in();
    };
    here.ancestors()
        .find(|dir| {
            dir.join("xtask").join("Cargo.toml").is_file() && dir.join("Cargo.toml").is_file()
        })
        .map(Path::to_path_buf)
        .unwrap_or_else(compiled_in)
}
