//! Exports a facilitator can mail: the agenda (iCalendar), a synthesis (Markdown).

use serde::{Deserialize, Serialize};

/// One synthesis to export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteExport {
    pub group: String,
    pub note: String,
}

/// Where an export was saved, to tell the person: "Enregistré dans Téléchargements :
/// Bistrot-du-Social-de-Namur-agenda-2024-05-02.ics".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exported {
    /// The folder's own name ("Téléchargements").
    pub folder: String,
    /// The file's name.
    pub file: String,
    /// The whole path, for those who need it.
    pub path: String,
}
