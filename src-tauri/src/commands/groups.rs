//! Commands of "Mes groupes" and a group's page.

use comptoir_ipc::{Created, DamagedGroup, GroupDetail, GroupSummary, IpcError, NewGroup};
use tauri::State;

use crate::convert;
use crate::state::Shared;

/// The groups stored on this device, by name.
/// The groups of this device that could not be read, with why (the list shows the others).
#[tauri::command]
pub async fn damaged_groups(state: State<'_, Shared>) -> Result<Vec<DamagedGroup>, IpcError> {
    state
        .call(move |app| {
            Ok(app
                .damaged_groups()
                .into_iter()
                .map(convert::damaged_group)
                .collect())
        })
        .await
}

#[tauri::command]
pub async fn list_groups(state: State<'_, Shared>) -> Result<Vec<GroupSummary>, IpcError> {
    state
        .call(move |app| {
            Ok(app
                .groups()?
                .into_iter()
                .map(convert::group_summary)
                .collect())
        })
        .await
}

#[tauri::command]
pub async fn create_group(state: State<'_, Shared>, input: NewGroup) -> Result<Created, IpcError> {
    state
        .call(move |app| {
            let group = app.create_group(convert::new_group(input))?;
            Ok(Created {
                id: group.id.to_string(),
            })
        })
        .await
}

/// A group's profile; `input` is its id.
#[tauri::command]
pub async fn group_detail(
    state: State<'_, Shared>,
    input: String,
) -> Result<GroupDetail, IpcError> {
    state
        .call(move |app| Ok(convert::group_detail(app.profile(&input)?)))
        .await
}
