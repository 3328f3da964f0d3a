//! The group to show when the window opens: `comptoir-desktop --open <group>` (a shortcut to
//! one's own group), or `COMPTOIR_OPEN_GROUP`. Without either, the window opens on "Mes groupes".

use comptoir_ipc::IpcError;
use tauri::State;

use crate::state::Shared;

/// Tauri-managed: what the command line asked to open.
#[derive(Debug, Clone, Default)]
pub struct Startup {
    pub group: Option<String>,
}

impl Startup {
    /// From the command line (`--open <group>` or `--open=<group>`), else the environment.
    pub fn from_args(mut args: impl Iterator<Item = String>) -> Self {
        let mut group = None;
        while let Some(arg) = args.next() {
            if arg == "--open" {
                group = args.next();
            } else if let Some(value) = arg.strip_prefix("--open=") {
                group = Some(value.to_string());
            }
        }
        let group = group
            .or_else(|| std::env::var("COMPTOIR_OPEN_GROUP").ok())
            .map(|g| g.trim().to_string())
            .filter(|g| !g.is_empty());
        Self { group }
    }
}

/// The group to open first, if one was asked for: its id, so that the window's commands do not
/// look a name up again each time (what cannot be found goes as given, and the page says so).
#[tauri::command]
pub async fn startup_group(
    startup: State<'_, Startup>,
    shared: State<'_, Shared>,
) -> Result<Option<String>, IpcError> {
    let Some(query) = startup.group.clone() else {
        return Ok(None);
    };
    let asked = query.clone();
    let found = shared.call(move |app| app.resolve_group(&asked)).await;
    Ok(Some(found.map_or(query, |id| id.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> impl Iterator<Item = String> {
        list.iter()
            .map(|a| (*a).to_string())
            .collect::<Vec<_>>()
            .into_iter()
    }

    #[test]
    fn the_group_to_open_comes_from_the_command_line() {
        assert_eq!(
            Startup::from_args(args(&["--open", "7f3a9c01"]))
                .group
                .as_deref(),
            Some("7f3a9c01")
        );
        assert_eq!(
            Startup::from_args(args(&["--open=Bistrot de Namur"]))
                .group
                .as_deref(),
            Some("Bistrot de Namur")
        );
    }
}
