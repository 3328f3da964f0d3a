//! A group's Paramètres: its profile as a form edits it, and removing a device.

use serde::{Deserialize, Serialize};

use crate::GroupKind;

/// Every field of a group's profile, as the Paramètres form sends it. Empty texts mean
/// "not given".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileEdit {
    pub group: String,
    pub name: String,
    pub kind: GroupKind,
    pub town: String,
    pub postal_code: String,
    /// Two letters (`BE`, `FR`).
    pub country: String,
    pub venue: String,
    pub address: String,
    pub description: String,
    pub how_it_works: String,
    /// Reference links (a manifesto…), one per entry.
    pub links: Vec<String>,
}

/// Removes a device from a group's future syncs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevokeDevice {
    pub group: String,
    /// The device's peer id.
    pub peer: String,
}
