//! Sync as the UI shows it: the network's state, peers, devices and invitations.

use serde::{Deserialize, Serialize};

/// The name of the Tauri event the shell emits when a group changed under the UI's feet
/// (a peer's edits arrived); its payload is a [`Changed`].
pub const CHANGED_EVENT: &str = "comptoir://changed";

/// Payload of [`CHANGED_EVENT`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changed {
    /// The group that changed.
    pub group: String,
}

/// The Tauri event the shell emits while this device waits for an admin of the inviting device
/// to let it in; its payload is an [`AwaitingApproval`].
pub const AWAITING_EVENT: &str = "comptoir://awaiting-approval";

/// Payload of [`AWAITING_EVENT`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwaitingApproval {
    /// Six digits, which the inviting device shows too (`482 913`).
    pub check: String,
}

/// A device that gave the right code and waits for an admin here to let it in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinRequest {
    /// What [`DecideJoin`] names.
    pub id: String,
    pub peer: String,
    /// The name its owner gave it, if any.
    pub label: Option<String>,
    /// The six digits the waiting device shows: its owner reads them out.
    pub check: String,
    /// Unix seconds.
    pub requested_at: i64,
}

/// An admin's answer to a join request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecideJoin {
    pub request: String,
    pub approve: bool,
}

/// An admin gives a device of the group another role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeRole {
    pub group: String,
    pub peer: String,
    pub role: DeviceRole,
}

/// Where sync stands on this device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncStatus {
    /// This device's peer id.
    pub this_device: String,
    pub network: Network,
    /// Peers seen, most recent first.
    pub peers: Vec<Peer>,
    pub groups: Vec<GroupSync>,
}

/// Whether this device takes part in sync right now. Offline is normal, not an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum Network {
    Starting,
    /// Listening; `addresses` are the ones to give other devices, as people type them
    /// (`192.168.1.20:4710`).
    Online {
        addresses: Vec<String>,
    },
    /// Sync could not start (the window says so in its own words).
    Offline,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Peer {
    pub peer: String,
    pub address: Option<String>,
    /// When it was last seen (UTC, RFC 3339).
    pub seen_at: String,
    pub connected: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSync {
    pub group: String,
    pub name: String,
    pub last_syncs: Vec<LastSync>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastSync {
    pub peer: String,
    /// UTC, RFC 3339; `None` if never fully synced.
    pub synced_at: Option<String>,
}

/// A device allowed to sync a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Device {
    pub peer: String,
    pub role: DeviceRole,
    /// A name people recognise ("Portable d'Élise").
    pub label: Option<String>,
    /// `YYYY-MM-DD`.
    pub added_on: String,
    pub this_device: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviceRole {
    /// Invites, lets in and removes devices, and writes.
    Admin,
    Facilitator,
    Federation,
}

/// A one-time invitation code, to read aloud or paste.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub code: String,
    pub group: String,
    /// Unix seconds.
    pub expires_at: i64,
}

/// The device reached by "Synchroniser avec une adresse".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dialled {
    /// Its peer id.
    pub peer: String,
}
