//! Groups: the "Mes groupes" list, a group's profile, and what it takes to create one.

use serde::{Deserialize, Serialize};

/// One line of the "Mes groupes" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSummary {
    /// The group's document id, opaque to the UI.
    pub id: String,
    pub name: String,
    pub kind: GroupKind,
    pub town: Option<String>,
    pub country: Option<String>,
    pub members: u32,
    pub events: u32,
    pub notes: u32,
}

/// A group stored on this device that could not be read: the others work as usual.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DamagedGroup {
    /// The group's document id.
    pub id: String,
    /// Why, in the words of the program (English; shown as a technical detail).
    pub reason: String,
}

/// A group's profile, as its page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupDetail {
    pub id: String,
    pub name: String,
    pub kind: GroupKind,
    pub town: Option<String>,
    pub postal_code: Option<String>,
    /// Two letters, upper case (`BE`, `FR`).
    pub country: Option<String>,
    /// The usual venue (a café's name) and its address.
    pub venue: Option<String>,
    pub address: Option<String>,
    pub description: Option<String>,
    pub how_it_works: Option<String>,
    pub links: Vec<String>,
}

/// What a facilitator types to create a group. Empty texts mean "not given".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewGroup {
    pub name: String,
    pub kind: GroupKind,
    pub town: String,
    pub postal_code: String,
    /// Two letters (`BE`, `FR`); it also chooses the agenda's time zone.
    pub country: String,
    pub venue: String,
}

/// The kinds of group Comptoir knows. The UI owns their French names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    Bistrot,
    CentreSocial,
    Association,
    Federation,
}

impl GroupKind {
    pub const ALL: [GroupKind; 4] = [
        GroupKind::Bistrot,
        GroupKind::CentreSocial,
        GroupKind::Association,
        GroupKind::Federation,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_travel_as_snake_case() -> serde_json::Result<()> {
        assert_eq!(
            serde_json::to_string(&GroupKind::ALL)?,
            r#"["bistrot","centre_social","association","federation"]"#
        );
        Ok(())
    }
}
