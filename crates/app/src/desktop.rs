//! What the desktop app needs beyond the CLI: editing a synthesis's section in place, as the
//! person types.

use comptoir_model::{Note, SectionId};

use crate::notes::note_id;
use crate::{App, Result};

impl App {
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

    use crate::App;
    use crate::test_support::bistrot;

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
        assert_eq!(missing.map(|_| ()).map_err(|e| e.code()), Err("not-found"));
        Ok(())
    }
}
