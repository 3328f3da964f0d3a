//! The tasks that build, run, check and measure Comptoir.

use std::env;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::shell::{self, cargo};
use crate::{deps, tidy};

/// Builds the UI into ui/dist. src-tauri/build.rs watches that folder, so the next build of the
/// desktop app embeds the new UI.
pub fn ui(root: &Path) -> Result<()> {
    // ui/Trunk.toml has trunk run cargo offline, so download the crates first.
    eprintln!("ui: fetching crates");
    run_cargo(root, &["fetch"])?;
    eprintln!("ui: building the UI into ui/dist");
    shell::run(
        Command::new("trunk")
            .args(["build", "--release"])
            .current_dir(root.join("ui")),
    )
}

pub fn run(root: &Path) -> Result<()> {
    let is_set = |name| env::var_os(name).is_some_and(|value| !value.is_empty());
    if !is_set("DISPLAY") && !is_set("WAYLAND_DISPLAY") {
        bail!(
            "pas d'écran ici (ni DISPLAY ni WAYLAND_DISPLAY) : l'application de bureau ne peut pas \
             s'ouvrir. Utilisez la ligne de commande : comptoir --help (ou cargo run -p \
             comptoir-cli -- --help)\n\
             no display here (neither DISPLAY nor WAYLAND_DISPLAY is set): the desktop app cannot \
             open. Use the command-line tool instead: comptoir --help (or cargo run -p \
             comptoir-cli -- --help)"
        );
    }
    deps::install()?;
    ui(root)?;
    eprintln!("run: building and opening the desktop app");
    // `custom-protocol` (the UI embedded from ui/dist) is a default feature of the app.
    run_cargo(root, &["run", "--release", "-p", "comptoir-desktop"])
}

/// One check of `cargo xtask test`.
struct Step {
    name: &'static str,
    run: fn(&Path) -> Result<()>,
}

/// The checks `cargo xtask test` (and so CI) runs, in order (the end-to-end tests run in `test`).
const TEST_STEPS: &[Step] = &[
    Step {
        name: "tidy",
        run: tidy::report,
    },
    Step {
        name: "deps",
        run: |_| deps::install(),
    },
    Step {
        name: "ui",
        run: ui,
    },
    Step {
        name: "fmt",
        run: |root| run_cargo(root, &["fmt", "--all", "--", "--check"]),
    },
    Step {
        name: "clippy",
        run: |root| {
            run_cargo(
                root,
                &[
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ],
            )
        },
    },
    Step {
        name: "test",
        run: |root| run_cargo(root, &["test", "--workspace", "--no-fail-fast"]),
    },
];

pub fn test(root: &Path) -> Result<()> {
    let total = TEST_STEPS.len();
    for (index, step) in TEST_STEPS.iter().enumerate() {
        eprintln!("test: step {}/{total}: {}", index + 1, step.name);
        (step.run)(root).with_context(|| {
            format!(
                "test: step `{}` failed; the steps after it did not run",
                step.name
            )
        })?;
    }
    eprintln!("test: all {total} steps passed");
    Ok(())
}

pub fn bench(root: &Path, args: &[String]) -> Result<()> {
    // `cargo xtask bench -- desktop` hands xtask the `--` too.
    let args = args.strip_prefix(&["--".to_string()]).unwrap_or(args);
    // The desktop benchmark runs the release app, which embeds ui/dist: build both first.
    if args.is_empty() || args.iter().any(|a| a == "desktop") {
        // trunk for the UI, Xvfb for the window.
        deps::install()?;
        ui(root)?;
        eprintln!("bench: building the release desktop app");
        run_cargo(root, &["build", "--release", "-p", "comptoir-desktop"])?;
    }
    eprintln!("bench: running crates/bench");
    shell::run(
        cargo()
            .args(["run", "--release", "--package", "comptoir-bench", "--"])
            .args(args)
            .current_dir(root),
    )
}

fn run_cargo(root: &Path, args: &[&str]) -> Result<()> {
    shell::run(cargo().args(args).current_dir(root))
}
