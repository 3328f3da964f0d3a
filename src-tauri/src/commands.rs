//! The commands the UI can invoke. Each converts its input, asks the application, and converts
//! the answer into `comptoir-ipc` types.

use comptoir_ipc::{GroupSummary, IpcError};

/// `list_groups`: the groups stored on this device, for the "Mes groupes" page.
#[tauri::command]
pub fn list_groups() -> Result<Vec<GroupSummary>, IpcError> {
    Ok(groups())
}

// Wired to comptoir-app in the desktop-app issue; until then this device holds no group.
fn groups() -> Vec<GroupSummary> {
    Vec::new()
}
