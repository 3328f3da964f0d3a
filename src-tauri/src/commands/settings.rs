//! Commands of a group's Paramètres tab: its profile and its devices.

use comptoir_app::authority::Role;
use comptoir_ipc::{
    ChangeRole, DecideJoin, DeviceRole, IpcError, JoinRequest, ProfileEdit, RevokeDevice,
};
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

/// The devices waiting for an admin here to let them into the group; `input` is its id.
#[tauri::command]
pub async fn join_requests(
    state: State<'_, Shared>,
    input: String,
) -> Result<Vec<JoinRequest>, IpcError> {
    state
        .call(move |app| {
            Ok(app
                .pending_joins(Some(&input))?
                .into_iter()
                .map(|r| JoinRequest {
                    id: r.id,
                    peer: r.peer,
                    label: r.label,
                    check: r.check,
                    requested_at: r.requested_at,
                })
                .collect())
        })
        .await
}

/// "Accepter" or "Refuser" a waiting device (admins only): it is told at its next ask.
#[tauri::command]
pub async fn decide_join(state: State<'_, Shared>, input: DecideJoin) -> Result<(), IpcError> {
    state
        .call(move |app| {
            if input.approve {
                app.approve_join(&input.request)?;
            } else {
                app.deny_join(&input.request)?;
            }
            Ok(())
        })
        .await
}

/// Gives a device of the group another role (admins only; the last admin stays one).
#[tauri::command]
pub async fn change_role(state: State<'_, Shared>, input: ChangeRole) -> Result<(), IpcError> {
    state
        .call(move |app| {
            let role = match input.role {
                DeviceRole::Admin => Role::Admin,
                DeviceRole::Facilitator | DeviceRole::Federation => Role::Facilitator,
            };
            app.change_role(&input.group, &input.peer, role)?;
            Ok(())
        })
        .await
}
