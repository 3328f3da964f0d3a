//! Notes (*synthèses*) across the bridge.

use comptoir_app::Result;
use comptoir_app::model::{NewNote, Note, Visibility};
use comptoir_ipc as ipc;

use super::optional_date;

pub fn note(note: Note) -> ipc::Note {
    ipc::Note {
        id: note.id.to_string(),
        title: note.title,
        date: note.date.to_string(),
        event: note.event.map(|id| id.to_string()),
        occurrence: note.occurrence.map(|d| d.to_string()),
        authors: note.authors,
        sections: note
            .sections
            .into_iter()
            .map(|s| ipc::Section {
                id: s.id.to_string(),
                heading: s.heading,
                text: s.body.as_str().to_string(),
            })
            .collect(),
        links: note.links,
        tags: note.tags,
        visibility: match note.visibility {
            Visibility::Internal => ipc::Visibility::Internal,
            Visibility::Group => ipc::Visibility::Group,
            Visibility::Published => ipc::Visibility::Published,
        },
    }
}

/// The event a note reports on, if the form names one.
pub fn event_of(draft: &ipc::NoteDraft) -> Option<&str> {
    Some(draft.event.trim()).filter(|id| !id.is_empty())
}

pub fn new_note(draft: &ipc::NoteDraft) -> Result<NewNote> {
    Ok(NewNote {
        title: draft.title.clone(),
        date: optional_date(&draft.date)?,
        // The event goes to `App::add_note` by id: see `event_of`.
        event: None,
        occurrence: optional_date(&draft.occurrence)?,
        authors: Vec::new(),
        sections: draft
            .sections
            .iter()
            .map(|s| (s.heading.clone(), s.text.clone()))
            .collect(),
        links: Vec::new(),
        tags: Vec::new(),
        visibility: Some(match draft.visibility {
            ipc::Visibility::Internal => Visibility::Internal,
            ipc::Visibility::Group => Visibility::Group,
            ipc::Visibility::Published => Visibility::Published,
        }),
    })
}
