//! `cargo xtask tidy`: conventions every Rust file in the repository keeps (see STYLE.md), and
//! the dependency arrows of ARCHITECTURE.md, read from `cargo metadata`. Also a test, so
//! `cargo test` enforces them.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::shell::cargo;

/// Folders never searched: build output and downloaded packages (hidden folders are skipped too).
const SKIPPED_DIRS: &[&str] = &["target", "node_modules", "dist"];
const MAX_LINES: usize = 600;
/// Spelled in pieces so that this file does not trip its own check.
const FORBIDDEN: &[&str] = &[
    concat!("#[", "ignore"),
    concat!("#[", "should_panic"),
    concat!("dbg", "!("),
];

/// ARCHITECTURE.md's map: the workspace crates each workspace crate may use (`None`: any). Only
/// normal and build dependencies count: tests (dev-dependencies) may reach lower layers.
const ARROWS: &[(&str, Option<&[&str]>)] = &[
    ("comptoir-ui", Some(&["comptoir-ipc"])),
    ("comptoir-ipc", Some(&[])),
    ("comptoir-desktop", Some(&["comptoir-ipc", "comptoir-app"])),
    ("comptoir-cli", Some(&["comptoir-app"])),
    (
        "comptoir-app",
        Some(&[
            "comptoir-sync",
            "comptoir-authority",
            "comptoir-store",
            "comptoir-export",
            "comptoir-net",
            "comptoir-model",
        ]),
    ),
    ("comptoir-sync", Some(&["comptoir-model"])),
    ("comptoir-export", Some(&["comptoir-model"])),
    ("comptoir-model", Some(&[])),
    ("comptoir-authority", Some(&[])),
    ("comptoir-store", Some(&[])),
    ("comptoir-net", Some(&[])),
    ("xtask", Some(&[])),
    ("comptoir-bench", None),
    ("comptoir-testkit", None),
];

/// The crates that stay pure (no IO, no clock, no tokio, no libp2p), with the packages they must
/// never reach through their normal dependencies, however indirectly.
const PURE: &[&str] = &["comptoir-model", "comptoir-sync", "comptoir-authority"];
const IMPURE: &[&str] = &["tokio", "libp2p", "rusqlite"];
/// Calls that read the clock, which the pure crates take as arguments instead (spelled in
/// pieces so that this file does not trip its own check).
const CLOCK_CALLS: &[&str] = &[
    concat!("Local", "::now"),
    concat!("Utc", "::now"),
    concat!("SystemTime", "::now"),
    concat!("Instant", "::now"),
];

pub fn report(root: &Path) -> Result<()> {
    let mut problems = check(root)?;
    problems.extend(check_dependencies(root)?);
    if problems.is_empty() {
        eprintln!("tidy: every Rust file follows the conventions, every crate the arrows");
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

/// Every dependency that goes against ARCHITECTURE.md, from `cargo metadata`, plus the pure
/// crates' calls to the clock.
fn check_dependencies(root: &Path) -> Result<Vec<String>> {
    let output = cargo()
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(root.join("Cargo.toml"))
        .output()
        .context("running `cargo metadata`")?;
    if !output.status.success() {
        bail!(
            "`cargo metadata` failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let metadata: Value =
        serde_json::from_slice(&output.stdout).context("reading `cargo metadata`")?;
    let mut problems = arrow_problems(&metadata)?;
    problems.extend(clock_calls(root, &metadata)?);
    Ok(problems)
}

/// The workspace's packages by id, and the ids of its own members.
struct Workspace<'a> {
    packages: BTreeMap<&'a str, &'a Value>,
    members: Vec<&'a str>,
}

impl<'a> Workspace<'a> {
    fn of(metadata: &'a Value) -> Result<Self> {
        let packages = metadata["packages"]
            .as_array()
            .context("`cargo metadata` lists no packages")?
            .iter()
            .filter_map(|p| Some((p["id"].as_str()?, p)))
            .collect();
        let members = metadata["workspace_members"]
            .as_array()
            .context("`cargo metadata` lists no workspace members")?
            .iter()
            .filter_map(Value::as_str)
            .collect();
        Ok(Self { packages, members })
    }

    fn name(&self, id: &str) -> &'a str {
        self.packages
            .get(id)
            .and_then(|p| p["name"].as_str())
            .unwrap_or("?")
    }

    /// The workspace members' packages, by name.
    fn member_packages(&self) -> BTreeMap<&'a str, &'a Value> {
        self.members
            .iter()
            .filter_map(|id| Some((self.name(id), *self.packages.get(id)?)))
            .collect()
    }
}

/// Whether a dependency entry of a package's manifest is a normal or build one.
fn not_dev(dependency: &Value) -> bool {
    dependency["kind"].as_str() != Some("dev")
}

/// The arrows between workspace crates, the pure crates' declared chrono, and what the pure
/// crates reach through their normal dependencies.
fn arrow_problems(metadata: &Value) -> Result<Vec<String>> {
    let workspace = Workspace::of(metadata)?;
    let members = workspace.member_packages();
    let mut problems = Vec::new();
    for (&name, package) in &members {
        let Some(&(_, allowed)) = ARROWS.iter().find(|(crate_, _)| *crate_ == name) else {
            problems.push(format!(
                "{name}: not on tidy's ARROWS; place it on ARCHITECTURE.md's map and in the table"
            ));
            continue;
        };
        let dependencies = package["dependencies"].as_array().into_iter().flatten();
        let used: BTreeSet<&str> = dependencies
            .filter(|d| not_dev(d))
            .filter_map(|d| d["name"].as_str())
            .filter(|d| members.contains_key(d) && *d != name)
            .collect();
        if let Some(allowed) = allowed {
            for used in used.iter().filter(|u| !allowed.contains(u)) {
                problems.push(format!(
                    "{name} depends on {used}, against ARCHITECTURE.md's arrows (it may use: {})",
                    if allowed.is_empty() {
                        "no workspace crate".to_owned()
                    } else {
                        allowed.join(", ")
                    }
                ));
            }
        }
    }
    for &name in PURE {
        let Some(package) = members.get(name) else {
            problems.push(format!(
                "{name}: not in the workspace, yet tidy checks it is pure"
            ));
            continue;
        };
        let chrono = package["dependencies"].as_array().into_iter().flatten();
        for chrono in chrono.filter(|d| d["name"] == "chrono" && not_dev(d)) {
            let features = chrono["features"].as_array().into_iter().flatten();
            let clock = features.filter_map(Value::as_str).any(|f| f == "clock");
            if clock || chrono["uses_default_features"] != false {
                problems.push(format!(
                    "{name}: its chrono dependency enables `clock` (directly or by default \
                     features); the pure crates never read the clock"
                ));
            }
        }
        problems.extend(reached_impurities(metadata, &workspace, name)?);
    }
    Ok(problems)
}

/// The impure packages `name` reaches through normal dependencies, each with the path to it.
fn reached_impurities(metadata: &Value, workspace: &Workspace, name: &str) -> Result<Vec<String>> {
    let nodes: BTreeMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .context("`cargo metadata` has no resolved graph")?
        .iter()
        .filter_map(|n| Some((n["id"].as_str()?, n)))
        .collect();
    let Some(start) = workspace
        .members
        .iter()
        .copied()
        .find(|id| workspace.name(id) == name)
    else {
        return Ok(Vec::new());
    };
    // Breadth first, remembering who led to each package, to show the shortest path.
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut todo = std::collections::VecDeque::from([start]);
    let mut problems = Vec::new();
    while let Some(id) = todo.pop_front() {
        let deps = nodes.get(id).and_then(|n| n["deps"].as_array());
        for dep in deps.into_iter().flatten() {
            let kinds = dep["dep_kinds"].as_array().into_iter().flatten();
            let normal = kinds.into_iter().any(|k| k["kind"].is_null());
            let Some(next) = dep["pkg"].as_str() else {
                continue;
            };
            if !normal || next == start || came_from.contains_key(next) {
                continue;
            }
            came_from.insert(next, id);
            let reached = workspace.name(next);
            if IMPURE.iter().any(|i| reached.starts_with(i)) {
                let mut path = vec![reached];
                let mut at = id;
                while at != start {
                    path.push(workspace.name(at));
                    at = came_from.get(at).copied().unwrap_or(start);
                }
                path.push(name);
                path.reverse();
                problems.push(format!(
                    "{name} reaches {reached} ({}); it stays pure (ARCHITECTURE.md)",
                    path.join(" → ")
                ));
            } else {
                todo.push_back(next);
            }
        }
    }
    Ok(problems)
}

/// Calls to the clock in the pure crates' sources.
fn clock_calls(root: &Path, metadata: &Value) -> Result<Vec<String>> {
    let workspace = Workspace::of(metadata)?;
    let members = workspace.member_packages();
    let mut problems = Vec::new();
    for package in PURE.iter().filter_map(|name| members.get(name)) {
        let manifest = package["manifest_path"]
            .as_str()
            .context("a package without a manifest path")?;
        let src = Path::new(manifest)
            .parent()
            .context("a manifest without a folder")?
            .join("src");
        let mut files = Vec::new();
        collect_rust_files(&src, &mut files)?;
        files.sort();
        for file in files {
            let text =
                fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
            let shown = file.strip_prefix(root).unwrap_or(&file).display();
            for (number, line) in text.lines().enumerate() {
                for call in CLOCK_CALLS.iter().filter(|call| line.contains(**call)) {
                    problems.push(format!(
                        "{shown}:{}: `{call}` reads the clock; time comes in as an argument \
                         (ARCHITECTURE.md)",
                        number + 1
                    ));
                }
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
    fn dependencies_follow_the_arrows() -> Result<()> {
        let problems = check_dependencies(&crate::project_root())?;
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

    /// A package of a made-up `cargo metadata`, with its dependencies: (name, kind, features).
    fn package(root: &Path, name: &str, deps: &[(&str, Option<&str>, &[&str])]) -> Value {
        let dependencies: Vec<Value> = deps
            .iter()
            .map(|(dep, kind, features)| {
                serde_json::json!({
                    "name": dep, "kind": kind, "features": features,
                    "uses_default_features": false,
                })
            })
            .collect();
        let manifest = root.join(name).join("Cargo.toml");
        serde_json::json!({
            "id": name, "name": name, "dependencies": dependencies,
            "manifest_path": manifest.to_string_lossy(),
        })
    }

    /// A node of the resolved graph: (dependency, kind).
    fn node(id: &str, deps: &[(&str, Option<&str>)]) -> Value {
        let deps: Vec<Value> = deps
            .iter()
            .map(|(dep, kind)| serde_json::json!({ "pkg": dep, "dep_kinds": [{ "kind": kind }] }))
            .collect();
        serde_json::json!({ "id": id, "deps": deps })
    }

    #[test]
    fn reports_each_broken_arrow() -> Result<()> {
        // A workspace where ui uses app, model's chrono reads the clock (and model calls it),
        // sync reaches tokio through a helper, and a new crate is on no map. Tests may use
        // anything: sync's dev-dependency on store and rusqlite count for nothing.
        let root = tempfile::tempdir()?;
        let model_src = root.path().join("comptoir-model/src");
        fs::create_dir_all(&model_src)?;
        fs::create_dir_all(root.path().join("comptoir-sync/src"))?;
        fs::create_dir_all(root.path().join("comptoir-authority/src"))?;
        let call = concat!("Utc", "::now");
        fs::write(
            model_src.join("lib.rs"),
            format!("//! Model.\nfn today() {{ {call}(); }}\n"),
        )?;
        let r = root.path();
        let metadata = serde_json::json!({
            "workspace_members": [
                "comptoir-ui", "comptoir-ipc", "comptoir-app", "comptoir-model", "comptoir-sync",
                "comptoir-authority", "comptoir-store", "comptoir-federation",
            ],
            "packages": [
                package(r, "comptoir-ui", &[
                    ("comptoir-ipc", None, &[]),
                    ("comptoir-app", None, &[]),
                ]),
                package(r, "comptoir-ipc", &[]),
                package(r, "comptoir-app", &[("comptoir-model", None, &[])]),
                package(r, "comptoir-model", &[("chrono", None, &["std", "clock"])]),
                package(r, "comptoir-sync", &[("comptoir-model", None, &[]),
                                              ("comptoir-store", Some("dev"), &[])]),
                package(r, "comptoir-authority", &[]),
                package(r, "comptoir-store", &[]),
                package(r, "comptoir-federation", &[]),
                package(r, "chrono", &[]),
                package(r, "helper", &[]),
                package(r, "tokio", &[]),
                package(r, "rusqlite", &[]),
            ],
            "resolve": { "nodes": [
                node("comptoir-model", &[("chrono", None)]),
                node("comptoir-sync", &[
                    ("comptoir-model", None),
                    ("helper", None),
                    ("comptoir-store", Some("dev")),
                    ("rusqlite", Some("dev")),
                ]),
                node("helper", &[("tokio", None)]),
            ]},
        });

        let mut problems = arrow_problems(&metadata)?;
        problems.extend(clock_calls(r, &metadata)?);
        assert_eq!(
            problems,
            [
                "comptoir-federation: not on tidy's ARROWS; place it on ARCHITECTURE.md's map \
                 and in the table",
                "comptoir-ui depends on comptoir-app, against ARCHITECTURE.md's arrows (it may \
                 use: comptoir-ipc)",
                "comptoir-model: its chrono dependency enables `clock` (directly or by default \
                 features); the pure crates never read the clock",
                "comptoir-sync reaches tokio (comptoir-sync → helper → tokio); it stays pure \
                 (ARCHITECTURE.md)",
                &format!(
                    "comptoir-model/src/lib.rs:2: `{call}` reads the clock; time comes in as an \
                     argument (ARCHITECTURE.md)"
                ),
            ]
        );
        Ok(())
    }
}
