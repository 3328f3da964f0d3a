//! A group's Historique: who changed what, newest first, and restoring an item.

use serde::{Deserialize, Serialize};

/// Which changes the Historique tab asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryQuery {
    pub group: String,
    /// At most this many changes, newest first ("Afficher plus" asks for more).
    pub limit: usize,
}

/// One change of the group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// The change's hash, which [`RestoreItem`] names.
    pub change: String,
    /// Unix seconds as the writing device's clock said; 0 for changes from before history.
    pub at: i64,
    /// The device that wrote it (peer id), if the group's membership log names it.
    pub device: Option<String>,
    /// Its label ("Portable d'Élise"), if it has one.
    pub label: Option<String>,
    /// Whether this device wrote it.
    pub this_device: bool,
    pub touched: Vec<Touched>,
}

/// One item a change touched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Touched {
    pub kind: ItemKind,
    /// Empty for the profile.
    pub id: String,
    pub how: How,
    /// Its name or title after the change (before it, for a deletion).
    pub name: Option<String>,
    /// The fields a change touched, by their names in the document (`phone`, `title`…).
    pub fields: Vec<String>,
    /// Whether the item is in the group now.
    pub present: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Profile,
    Member,
    Event,
    Note,
    /// Devices let in or removed before the group had a membership log.
    Device,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    Added,
    Changed,
    Deleted,
}

/// "Restaurer": writes a member, event or note back as it was just before a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreItem {
    pub group: String,
    pub item: String,
    /// The change ([`HistoryEntry::change`]) the item comes back from before.
    pub before: String,
}

/// What a restore brought back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Restored {
    pub kind: ItemKind,
    pub id: String,
    pub name: String,
}
