//! Notes (*synthèses*): writing, listing, appending.

use comptoir_model::{GroupDoc, NewNote, Note, NoteId, SectionId, collation};

use crate::agenda::event_id;
use crate::resolve::resolve;
use crate::{App, Result};

pub(crate) fn note_id(doc: &GroupDoc, query: &str) -> Result<NoteId> {
    // An exact id is found without reading the whole collection.
    let exact = NoteId::new(query.trim());
    if doc.has_note(&exact)? {
        return Ok(exact);
    }
    let notes = doc.notes()?;
    let found = resolve(
        "note",
        query,
        notes.values().map(|n| (n.id.as_str(), n.title.as_str())),
    )?;
    Ok(NoteId::new(found))
}

/// Sorts notes newest first, and notes of one day by title.
pub(crate) fn newest_first(notes: &mut [Note]) {
    notes.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| collation::compare(&a.title, &b.title))
    });
}

fn section_id() -> SectionId {
    SectionId::from_random(rand::random())
}

impl App {
    /// Adds a note; `event` may name the event by id, id prefix or title.
    pub fn add_note(&mut self, group: &str, mut new: NewNote, event: Option<&str>) -> Result<Note> {
        let today = self.today();
        self.edit(group, |doc| {
            new.event = event.map(|e| event_id(doc, e)).transpose()?;
            Ok(doc.add_note(NoteId::from_random(rand::random()), new, today, section_id)?)
        })
    }

    /// The group's notes, newest first.
    pub fn notes(&mut self, group: &str) -> Result<Vec<Note>> {
        let doc = self.read_mut(group)?;
        let mut notes: Vec<Note> = doc.notes_view()?.values().cloned().collect();
        newest_first(&mut notes);
        Ok(notes)
    }

    pub fn note(&mut self, group: &str, note: &str) -> Result<Note> {
        let doc = self.read(group)?;
        Ok(doc.note(&note_id(doc, note)?)?)
    }

    /// Appends a paragraph to a section (adding the section if it is new).
    pub fn append_to_note(
        &mut self,
        group: &str,
        note: &str,
        heading: &str,
        text: &str,
    ) -> Result<Note> {
        self.edit(group, |doc| {
            let id = note_id(doc, note)?;
            Ok(doc.append_to_note(&id, heading, text, section_id())?)
        })
    }

    /// Replaces the text of one section of a note. Only the difference is written, so edits
    /// made elsewhere in the same text by other devices merge with it.
    pub fn edit_note_section(
        &mut self,
        group: &str,
        note: &str,
        section: &str,
        text: &str,
    ) -> Result<Note> {
        self.edit(group, |doc| {
            let id = note_id(doc, note)?;
            Ok(doc.edit_section(&id, &SectionId::new(section), text)?)
        })
    }
}

#[cfg(test)]
mod tests {
    use comptoir_model::NewNote;

    use crate::test_support::bistrot;
    use crate::{App, ErrorKind};

    #[test]
    fn a_section_is_edited_in_place() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let mut app = App::open(dir.path())?;
        let group = app.create_group(bistrot("Bistrot du Social de Jupille", None))?;
        let note = app.add_note(
            group.id.as_str(),
            NewNote {
                title: "Synthèse du 4 mars".into(),
                date: None,
                event: None,
                occurrence: None,
                authors: Vec::new(),
                sections: vec![("Constats".into(), "Peu de monde.".into())],
                links: Vec::new(),
                tags: Vec::new(),
                visibility: None,
            },
            None,
        )?;
        let section = note.sections[0].id.to_string();
        let edited = app.edit_note_section(
            group.id.as_str(),
            note.id.as_str(),
            &section,
            "Peu de monde, mais de belles rencontres.",
        )?;
        assert_eq!(
            edited.sections[0].body.as_str(),
            "Peu de monde, mais de belles rencontres."
        );
        let missing = app.edit_note_section(group.id.as_str(), note.id.as_str(), "nope", "x");
        assert_eq!(
            missing.map(|_| ()).map_err(|e| e.kind()),
            Err(ErrorKind::NotFound)
        );
        Ok(())
    }
}
