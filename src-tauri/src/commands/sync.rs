//! Commands of sync: status, devices, invitations, joining a group, dialling a device.

use std::time::Duration;

use comptoir_app::NewInvitation;
use comptoir_app::invitation::InvitationCode;
use comptoir_app::node;
use comptoir_ipc::{Created, Device, Dialled, Invitation, IpcError, SyncStatus};
use tauri::State;

use crate::convert;
use crate::error::{self, to_ipc};
use crate::state::Shared;

/// How long joining may take: finding the inviter, then receiving the group.
const JOIN_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a device typed by address may take to answer.
const DIAL_TIMEOUT: Duration = Duration::from_secs(20);

#[tauri::command]
pub async fn sync_status(state: State<'_, Shared>) -> Result<SyncStatus, IpcError> {
    let status = state.call(move |app| app.status()).await?;
    let network = state.network().await?;
    Ok(convert::sync_status(status, &network))
}

/// The devices allowed to sync a group (removed ones left out); `input` is the group's id.
#[tauri::command]
pub async fn list_devices(
    state: State<'_, Shared>,
    input: String,
) -> Result<Vec<Device>, IpcError> {
    state
        .call(move |app| {
            Ok(app
                .devices(&input)?
                .into_iter()
                .filter(|device| device.removed.is_none())
                .map(convert::device)
                .collect())
        })
        .await
}

/// A one-time code inviting another device to a group, valid for an hour, for a device an
/// admin here then accepts; `input` is the group's id.
#[tauri::command]
pub async fn create_invitation(
    state: State<'_, Shared>,
    input: String,
) -> Result<Invitation, IpcError> {
    state
        .call(move |app| {
            let addresses = app.invitation_addresses(&[])?;
            // Spoken aloud, so confirmed: the device that uses it waits until an admin here
            // accepts it in Paramètres, both screens showing the same check number.
            let terms = NewInvitation {
                addresses,
                ..NewInvitation::default()
            };
            let invitation = app.create_invitation(&input, terms)?;
            Ok(convert::invitation(invitation))
        })
        .await
}

/// Joins a group with an invitation code, as typed or pasted (spaces, dashes and case do not
/// matter); answers once the group has arrived. Needs the network.
#[tauri::command]
pub async fn join_group(state: State<'_, Shared>, input: String) -> Result<Created, IpcError> {
    let code = InvitationCode::decode(&input).map_err(to_ipc)?;
    let node = state.handle()?;
    offline_unless_online(&state).await?;
    let id = node.join(code, None, JOIN_TIMEOUT).await.map_err(to_ipc)?;
    Ok(Created { id: id.to_string() })
}

/// Connects to a device by address (`192.168.1.20:4710`, or a multiaddr); once connected, it
/// syncs like a device found on the network.
#[tauri::command]
pub async fn dial_peer(state: State<'_, Shared>, input: String) -> Result<Dialled, IpcError> {
    let node = state.handle()?;
    offline_unless_online(&state).await?;
    let address = node::multiaddr(&input).map_err(error::dial_failed)?;
    let peer = node
        .dial(address, DIAL_TIMEOUT)
        .await
        .map_err(error::dial_failed)?;
    Ok(Dialled {
        peer: peer.to_base58(),
    })
}

/// What needs the network gets a plain "offline" answer at once when sync is not running.
async fn offline_unless_online(state: &Shared) -> Result<(), IpcError> {
    if state.network().await?.online {
        Ok(())
    } else {
        Err(error::offline())
    }
}
