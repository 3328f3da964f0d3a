//! Notes (*synthèses*, *comptes rendus*): ordered sections whose text merges character by character.

use autosurgeon::{Hydrate, Reconcile, Text};
use serde::{Serialize, Serializer};

use crate::codec::{Date, vocabulary};
use crate::profile::check_link;
use crate::text::{entries, required};
use crate::{EventId, NoteId, Result, SectionId};

vocabulary! {
    /// Who may read a note.
    Visibility: "visibility" {
        /// Facilitators only.
        Internal = "internal" | "interne",
        /// Every member of the group.
        Group = "group" | "groupe",
        /// Published to the federation.
        Published = "published" | "publiee" | "publiée",
    }
}

/// A heading and its collaboratively edited text.
#[derive(Debug, Clone, Reconcile, Hydrate, Serialize)]
pub struct Section {
    #[key]
    pub id: SectionId,
    pub heading: String,
    #[serde(serialize_with = "text_as_str")]
    pub body: Text,
}

fn text_as_str<S: Serializer>(text: &Text, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(text.as_str())
}

/// A note, stored under `notes/<id>`.
#[derive(Debug, Clone, Reconcile, Hydrate, Serialize)]
pub struct Note {
    pub id: NoteId,
    pub title: String,
    pub date: Date,
    /// The event this note reports on, and which occurrence of it.
    pub event: Option<EventId>,
    pub occurrence: Option<Date>,
    pub authors: Vec<String>,
    pub sections: Vec<Section>,
    pub links: Vec<String>,
    pub tags: Vec<String>,
    pub visibility: Visibility,
}

/// The fields of a new note, as typed by a facilitator.
#[derive(Debug, Clone)]
pub struct NewNote {
    pub title: String,
    pub date: Option<Date>,
    pub event: Option<EventId>,
    pub occurrence: Option<Date>,
    pub authors: Vec<String>,
    /// (heading, text) in order.
    pub sections: Vec<(String, String)>,
    pub links: Vec<String>,
    pub tags: Vec<String>,
    pub visibility: Option<Visibility>,
}

impl Note {
    /// Builds a note; sections get ids from `section_id`.
    pub fn new(
        id: NoteId,
        new: NewNote,
        date: Date,
        mut section_id: impl FnMut() -> SectionId,
    ) -> Result<Self> {
        for link in &new.links {
            check_link(link)?;
        }
        let mut sections = Vec::with_capacity(new.sections.len());
        for (heading, body) in new.sections {
            sections.push(Section {
                id: section_id(),
                heading: required("section heading", &heading)?,
                body: Text::with_value(body),
            });
        }
        Ok(Self {
            id,
            title: required("title", &new.title)?,
            date,
            event: new.event,
            occurrence: new.occurrence,
            authors: entries(new.authors),
            sections,
            links: new.links,
            tags: entries(new.tags),
            visibility: new.visibility.unwrap_or(Visibility::Group),
        })
    }

    /// Appends text to the section with this heading (a new paragraph), or adds the section.
    pub fn append(&mut self, heading: &str, text: &str, new_id: SectionId) -> Result<()> {
        let heading = required("section heading", heading)?;
        let text = required("text", text)?;
        match self
            .sections
            .iter_mut()
            .find(|s| s.heading.eq_ignore_ascii_case(&heading))
        {
            Some(section) => {
                let end = section.body.as_str().len();
                let glue = if end == 0 { "" } else { "\n\n" };
                section.body.splice(end, 0, format!("{glue}{text}"));
            }
            None => self.sections.push(Section {
                id: new_id,
                heading,
                body: Text::with_value(text),
            }),
        }
        Ok(())
    }
}
