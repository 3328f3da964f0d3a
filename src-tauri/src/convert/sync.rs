//! Sync status, devices and invitations across the bridge.

use std::collections::BTreeSet;

use comptoir_app::authority::Role;
use comptoir_app::node::NodeStatus;
use comptoir_app::{DeviceView, Invitation, Status, reachable_addresses};
use comptoir_ipc as ipc;

/// What `status` knows, with the network's state and the peers connected now.
pub fn sync_status(status: Status, node: &NodeStatus) -> ipc::SyncStatus {
    let connected: BTreeSet<String> = node.connected.iter().map(|p| p.to_base58()).collect();
    let network = if node.online {
        // As people type them: `192.168.1.20:4710`.
        ipc::Network::Online {
            addresses: reachable_addresses(&node.listening)
                .iter()
                .map(ToString::to_string)
                .collect(),
        }
    } else {
        ipc::Network::Offline
    };
    ipc::SyncStatus {
        this_device: status.peer,
        network,
        peers: status
            .peers
            .into_iter()
            .map(|p| ipc::Peer {
                connected: connected.contains(&p.peer),
                peer: p.peer,
                address: p.address,
                seen_at: p.seen_at,
            })
            .collect(),
        groups: status
            .groups
            .into_iter()
            .map(|g| ipc::GroupSync {
                group: g.id,
                name: g.name,
                last_syncs: g
                    .last_syncs
                    .into_iter()
                    .map(|s| ipc::LastSync {
                        peer: s.peer,
                        synced_at: s.synced_at,
                    })
                    .collect(),
            })
            .collect(),
    }
}

pub fn device(view: DeviceView) -> ipc::Device {
    ipc::Device {
        peer: view.peer,
        role: match view.role {
            Role::Admin => ipc::DeviceRole::Admin,
            Role::Facilitator => ipc::DeviceRole::Facilitator,
            Role::Federation => ipc::DeviceRole::Federation,
        },
        label: view.label,
        added_on: view.added_on.to_string(),
        this_device: view.this_device,
    }
}

pub fn invitation(invitation: Invitation) -> ipc::Invitation {
    ipc::Invitation {
        code: invitation.code,
        group: invitation.group,
        expires_at: invitation.expires_at,
    }
}
