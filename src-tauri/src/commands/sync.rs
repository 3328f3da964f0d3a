//! Commands of sync: status, devices, invitations.

use comptoir_app::DEFAULT_INVITATION_LIFETIME;
use comptoir_ipc::{Device, Invitation, IpcError, SyncStatus};
use tauri::State;

use crate::convert;
use crate::state::Shared;

#[tauri::command]
pub async fn sync_status(state: State<'_, Shared>) -> Result<SyncStatus, IpcError> {
    let status = state.with_app(|app| app.status())?;
    let network = state.network()?;
    Ok(convert::sync_status(
        status,
        network.network.clone(),
        &network.connected,
    ))
}

/// The devices allowed to sync a group; `input` is the group's id.
#[tauri::command]
pub async fn list_devices(
    state: State<'_, Shared>,
    input: String,
) -> Result<Vec<Device>, IpcError> {
    state.with_app(|app| {
        Ok(app
            .devices(&input)?
            .into_iter()
            .map(convert::device)
            .collect())
    })
}

/// A one-time code inviting another device to a group, valid for a day; `input` is the
/// group's id.
#[tauri::command]
pub async fn create_invitation(
    state: State<'_, Shared>,
    input: String,
) -> Result<Invitation, IpcError> {
    state.with_app(|app| {
        let addresses = app.invitation_addresses(&[])?;
        let invitation = app.create_invitation(&input, DEFAULT_INVITATION_LIFETIME, addresses)?;
        Ok(convert::invitation(invitation))
    })
}
