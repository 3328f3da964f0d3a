//! Commands of sync: status, devices, invitations, joining a group, dialling a device.

use comptoir_app::DEFAULT_INVITATION_LIFETIME;
use comptoir_app::invitation::InvitationCode;
use comptoir_ipc::{Created, Device, Dialled, Invitation, IpcError, SyncStatus};
use tauri::State;

use crate::convert;
use crate::error::to_ipc;
use crate::peer::Request;
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

/// Joins a group with an invitation code, as typed or pasted (spaces, dashes and case do not
/// matter); answers once the group has arrived. Needs the network.
#[tauri::command]
pub async fn join_group(state: State<'_, Shared>, input: String) -> Result<Created, IpcError> {
    let code = InvitationCode::decode(&input).map_err(to_ipc)?;
    let id = state.ask(|reply| Request::Join { code, reply }).await?;
    Ok(Created { id })
}

/// Connects to a device by address (`192.168.1.20:4710`, or a multiaddr); once connected, it
/// syncs like a device found on the network.
#[tauri::command]
pub async fn dial_peer(state: State<'_, Shared>, input: String) -> Result<Dialled, IpcError> {
    let peer = state
        .ask(|reply| Request::Dial {
            address: input,
            reply,
        })
        .await?;
    Ok(Dialled { peer })
}
