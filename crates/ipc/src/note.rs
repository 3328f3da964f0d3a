//! Notes (*synthèses*): ordered sections, and who may read them.

use serde::{Deserialize, Serialize};

/// A note with its sections, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: String,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The event and occurrence (`YYYY-MM-DD`) it reports on, if any.
    pub event: Option<String>,
    pub occurrence: Option<String>,
    pub authors: Vec<String>,
    pub sections: Vec<Section>,
    pub links: Vec<String>,
    pub tags: Vec<String>,
    pub visibility: Visibility,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub heading: String,
    pub text: String,
}

/// A new note. Empty texts mean "not given"; sections keep their order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteDraft {
    pub group: String,
    pub title: String,
    /// `YYYY-MM-DD`, or empty for today.
    pub date: String,
    /// The event it reports on (its id), or empty.
    pub event: String,
    /// The occurrence it reports on (`YYYY-MM-DD`, its original date), or empty.
    pub occurrence: String,
    pub visibility: Visibility,
    pub sections: Vec<SectionDraft>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionDraft {
    pub heading: String,
    pub text: String,
}

/// Replaces the text of one section (only the difference is written, so others' edits merge).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionEdit {
    pub group: String,
    pub note: String,
    pub section: String,
    pub text: String,
}

/// Who may read a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Facilitators only.
    Internal,
    /// Every member of the group.
    Group,
    /// Shared with the federation.
    Published,
}

impl Visibility {
    pub const ALL: [Visibility; 3] = [
        Visibility::Internal,
        Visibility::Group,
        Visibility::Published,
    ];
}
