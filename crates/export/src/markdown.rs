//! A note (*synthèse*, *compte rendu*) as a Markdown page in French, to share or print.

use std::fmt;

use comptoir_model::{Event, EventStatus, Group, Note};

use crate::french;

/// The note as Markdown: its title, a list of facts (date, group, meeting, visibility, authors,
/// themes), each section under its heading, then the links shared.
///
/// Section bodies are written as typed: they are Markdown already.
pub fn note(group: &Group, note: &Note) -> String {
    Page { group, note }.to_string()
}

struct Page<'a> {
    group: &'a Group,
    note: &'a Note,
}

impl fmt::Display for Page<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let note = self.note;
        writeln!(f, "# {}", one_line(&note.title))?;
        writeln!(f)?;
        writeln!(f, "- Date : {}", french::long_date(note.date.0))?;
        writeln!(f, "- Groupe : {}", one_line(&self.group.profile.name))?;
        if let Some(meeting) = self.meeting() {
            writeln!(f, "- Rencontre : {meeting}")?;
        }
        writeln!(f, "- Visibilité : {}", french::visibility(note.visibility))?;
        if !note.authors.is_empty() {
            writeln!(f, "- Auteur·ices : {}", one_line(&note.authors.join(", ")))?;
        }
        if !note.tags.is_empty() {
            writeln!(f, "- Thèmes : {}", one_line(&note.tags.join(", ")))?;
        }
        for section in &note.sections {
            writeln!(f)?;
            writeln!(f, "## {}", one_line(&section.heading))?;
            let body = section.body.as_str().trim_end();
            if !body.is_empty() {
                writeln!(f)?;
                writeln!(f, "{body}")?;
            }
        }
        if !note.links.is_empty() {
            writeln!(f)?;
            writeln!(f, "## Liens partagés")?;
            writeln!(f)?;
            for link in &note.links {
                writeln!(f, "- <{link}>")?;
            }
        }
        Ok(())
    }
}

impl Page<'_> {
    /// The meeting the note reports on: its title, the occurrence, and what became of it.
    fn meeting(&self) -> Option<String> {
        let event: Option<&Event> = self
            .note
            .event
            .as_ref()
            .and_then(|id| self.group.events.get(id.as_str()));
        let occurrence = self.note.occurrence;
        let mut parts = Vec::new();
        if let Some(event) = event {
            parts.push(one_line(&event.title));
        }
        if let Some(date) = occurrence {
            parts.push(french::long_date(date.0));
        }
        let exception = occurrence
            .zip(event)
            .and_then(|(date, e)| e.exceptions.get(&date.to_string()));
        if event.is_some_and(|e| e.status == EventStatus::Cancelled)
            || exception.is_some_and(|e| e.cancelled)
        {
            parts.push("annulée".into());
        } else if let Some(to) = exception.and_then(|e| e.moved_to) {
            parts.push(format!(
                "déplacée au {} à {}",
                french::long_date(to.0.date()),
                french::time(to.0.time())
            ));
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

/// A field shown on one line: line breaks become spaces, so that they cannot start a heading.
fn one_line(text: &str) -> String {
    text.split(['\r', '\n'])
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
