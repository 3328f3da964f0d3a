//! Where the binaries under test are: cargo puts every binary of a build in the profile folder
//! (`target/<profile>/`), and test executables one level below it (`target/<profile>/deps/`).
//!
//! `env!("CARGO_BIN_EXE_<name>")` only names the binaries of the test's own package, so the kit
//! finds the others (and its own `comptoir`) beside the running executable, as the end-to-end
//! tests and the benchmarks always did.

use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// `name` (with the platform's executable suffix) in the folder of `exe`, or in the folder
/// above it when `exe` sits in `deps/`.
pub fn beside(exe: &Path, name: &str) -> Result<PathBuf> {
    let file = format!("{name}{}", std::env::consts::EXE_SUFFIX);
    let dir = exe.parent().ok_or_else(|| Error::NotBuilt {
        path: PathBuf::from(&file),
        hint: format!("{} has no folder", exe.display()),
    })?;
    let mut candidates = vec![dir.join(&file)];
    if dir.file_name().is_some_and(|n| n == "deps")
        && let Some(profile) = dir.parent()
    {
        candidates.push(profile.join(&file));
    }
    candidates
        .iter()
        .find(|c| c.is_file())
        .cloned()
        .ok_or_else(|| Error::NotBuilt {
            path: candidates.pop().unwrap_or_default(),
            hint: format!(
                "build it in the same profile as {}, e.g. `cargo build -p comptoir-cli`, or run \
                 `cargo test --workspace`",
                exe.display()
            ),
        })
}

/// `name` beside the running executable.
pub fn beside_this(name: &str) -> Result<PathBuf> {
    let exe = std::env::current_exe().map_err(Error::io("finding the running executable"))?;
    beside(&exe, name)
}

/// The `comptoir` CLI beside the running test; panics, saying how to build it, if it is not.
pub fn comptoir() -> PathBuf {
    beside_this("comptoir").unwrap_or_else(|e| panic!("{e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binaries_are_found_in_the_profile_folder() -> Result<(), Box<dyn std::error::Error>> {
        let target = tempfile::tempdir()?;
        let profile = target.path().join("debug");
        std::fs::create_dir_all(profile.join("deps"))?;
        let cli = profile.join(format!("comptoir{}", std::env::consts::EXE_SUFFIX));
        std::fs::write(&cli, "")?;
        assert_eq!(beside(&profile.join("deps/peers-0123"), "comptoir")?, cli);
        assert_eq!(beside(&profile.join("comptoir-desktop"), "comptoir")?, cli);
        let missing = beside(&profile.join("comptoir-desktop"), "comptoir-bench");
        let named = |path: &Path| path.ends_with("comptoir-bench");
        assert!(
            matches!(missing, Err(Error::NotBuilt { ref path, .. }) if named(path)),
            "{missing:?}"
        );
        Ok(())
    }
}
