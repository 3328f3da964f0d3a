//! `cargo xtask tidy`: conventions every Rust file in the repository keeps (see STYLE.md). Also a
//! test, so `cargo test` enforces them.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// Folders never searched: build output and downloaded packages (hidden folders are skipped too).
const SKIPPED_DIRS: &[&str] = &["target", "node_modules", "dist"];
const MAX_LINES: usize = 600;
/// Spelled in pieces so that this file does not trip its own check.
const FORBIDDEN: &[&str] = &[
    concat!("#[", "ignore"),
    concat!("#[", "should_panic"),
    concat!("dbg", "!("),
];

pub fn report(root: &Path) -> Result<()> {
    let problems = check(root)?;
    if problems.is_empty() {
        eprintln!("tidy: every Rust file follows the conventions");
        return Ok(());
    }
    for problem in &problems {
        eprintln!("{problem}");
    }
    bail!("tidy: {} problem(s), listed above", problems.len())
}

/// Every convention broken by a Rust file under `root`, one line each.
fn check(root: &Path) -> Result<Vec<String>> {
    let mut files = Vec::new();
    collect_rust_files(root, &mut files)?;
    files.sort();

    let mut problems = Vec::new();
    for file in &files {
        let text =
            fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
        let shown = file.strip_prefix(root).unwrap_or(file).display();
        if !text.starts_with("//!") {
            problems.push(format!(
                "{shown}: must start with a `//!` line saying what the file is"
            ));
        }
        let lines = text.lines().count();
        if lines > MAX_LINES {
            problems.push(format!(
                "{shown}: {lines} lines, more than {MAX_LINES}; split it"
            ));
        }
        for (number, line) in text.lines().enumerate() {
            for pattern in FORBIDDEN.iter().filter(|pattern| line.contains(**pattern)) {
                problems.push(format!("{shown}:{}: no `{pattern}` (STYLE.md)", number + 1));
            }
        }
    }
    Ok(problems)
}

/// The `.rs` files under `dir`, skipping build output and hidden folders.
fn collect_rust_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    for entry in fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let path = entry?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if path.is_dir() {
            if !SKIPPED_DIRS.contains(&name.as_ref()) && !name.starts_with('.') {
                collect_rust_files(&path, files)?;
            }
        } else if name.ends_with(".rs") {
            files.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repository_is_tidy() -> Result<()> {
        let problems = check(&crate::project_root())?;
        assert!(problems.is_empty(), "tidy:\n{}", problems.join("\n"));
        Ok(())
    }

    #[test]
    fn reports_each_broken_convention() -> Result<()> {
        let root = tempfile::tempdir()?;
        let src = root.path().join("crates/demo/src");
        fs::create_dir_all(&src)?;
        fs::write(src.join("good.rs"), "//! Fine.\nfn main() {}\n")?;
        fs::write(src.join("undocumented.rs"), "fn main() {}\n")?;
        let debug_call = concat!("dbg", "!(1);");
        fs::write(src.join("debug.rs"), format!("//! Debug.\n{debug_call}\n"))?;
        fs::write(src.join("long.rs"), "//! Long.\n".repeat(MAX_LINES + 1))?;

        assert_eq!(
            check(root.path())?,
            [
                format!("crates/demo/src/debug.rs:2: no `{}` (STYLE.md)", FORBIDDEN[2]),
                format!("crates/demo/src/long.rs: 601 lines, more than {MAX_LINES}; split it"),
                "crates/demo/src/undocumented.rs: must start with a `//!` line saying what the file is"
                    .to_owned(),
            ]
        );
        Ok(())
    }
}
