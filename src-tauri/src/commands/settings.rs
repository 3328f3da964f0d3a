//! Commands of a group's Paramètres tab: its profile and its devices.

use comptoir_ipc::{IpcError, ProfileEdit, RevokeDevice};
use tauri::State;

use crate::convert;
use crate::state::Shared;

/// Saves the profile form (the page then reloads what it shows).
#[tauri::command]
pub async fn update_profile(state: State<'_, Shared>, input: ProfileEdit) -> Result<(), IpcError> {
    state
        .call(move |app| {
            let group = input.group.clone();
            app.update_profile(&group, convert::profile_changes(input))?;
            Ok(())
        })
        .await
}

/// Removes a device from the group's future syncs (this device cannot remove itself).
#[tauri::command]
pub async fn revoke_device(state: State<'_, Shared>, input: RevokeDevice) -> Result<(), IpcError> {
    state
        .call(move |app| {
            app.revoke_device(&input.group, &input.peer)?;
            Ok(())
        })
        .await
}
