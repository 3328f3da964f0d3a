//! Commands of a group's Paramètres tab: its profile and its devices.

use comptoir_ipc::{GroupDetail, IpcError, ProfileEdit, RevokeDevice};
use tauri::State;

use crate::convert;
use crate::state::Shared;

/// Saves the profile form; answers with the group as it now is.
#[tauri::command]
pub async fn update_profile(
    state: State<'_, Shared>,
    input: ProfileEdit,
) -> Result<GroupDetail, IpcError> {
    state.with_app(|app| {
        let group = input.group.clone();
        app.update_profile(&group, convert::profile_update(input))?;
        Ok(convert::group_detail(app.group(&group)?))
    })
}

/// Removes a device from the group's future syncs (this device cannot remove itself).
#[tauri::command]
pub async fn revoke_device(state: State<'_, Shared>, input: RevokeDevice) -> Result<(), IpcError> {
    state.with_app(|app| {
        app.revoke_device(&input.group, &input.peer)?;
        Ok(())
    })
}
