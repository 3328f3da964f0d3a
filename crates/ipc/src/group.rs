//! What the UI needs to list a group.

use serde::{Deserialize, Serialize};

/// One line of the "Mes groupes" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSummary {
    /// The group's document id, opaque to the UI.
    pub id: String,
    pub name: String,
    pub kind: GroupKind,
    pub town: String,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_travel_as_snake_case() -> serde_json::Result<()> {
        let kinds = [
            GroupKind::Bistrot,
            GroupKind::CentreSocial,
            GroupKind::Association,
            GroupKind::Federation,
        ];
        assert_eq!(
            serde_json::to_string(&kinds)?,
            r#"["bistrot","centre_social","association","federation"]"#
        );
        Ok(())
    }
}
