//! Notes as `note add`, `append`, `show` and `list` print them (and `group show` inside a group).

use std::io::{self, Write};

use comptoir_app::model;
use serde::Serialize;

use super::{Human, ToOutput, text};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    pub id: String,
    pub title: String,
    pub date: String,
    /// The event this note reports on, and which occurrence of it.
    pub event: Option<String>,
    pub occurrence: Option<String>,
    pub authors: Vec<String>,
    pub sections: Vec<Section>,
    pub links: Vec<String>,
    pub tags: Vec<String>,
    pub visibility: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub id: String,
    pub heading: String,
    pub body: String,
}

impl ToOutput for model::Note {
    type Output = Note;
    fn to_output(&self) -> Note {
        Note {
            id: self.id.to_string(),
            title: self.title.clone(),
            date: self.date.to_string(),
            event: text(&self.event),
            occurrence: text(&self.occurrence),
            authors: self.authors.clone(),
            sections: self
                .sections
                .iter()
                .map(|s| Section {
                    id: s.id.to_string(),
                    heading: s.heading.clone(),
                    body: s.body.as_str().to_string(),
                })
                .collect(),
            links: self.links.clone(),
            tags: self.tags.clone(),
            visibility: self.visibility.code(),
        }
    }
}

impl Human for Note {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "{}  {} — {} — {}",
            self.id, self.title, self.date, self.visibility
        )?;
        for section in &self.sections {
            writeln!(out, "  ## {}", section.heading)?;
            for line in section.body.lines() {
                writeln!(out, "  {line}")?;
            }
        }
        for link in &self.links {
            writeln!(out, "  - {link}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use comptoir_app::model::{Date, NewNote, Note, NoteId, SectionId};
    use expect_test::expect;

    use super::super::{ToOutput, check, fixture};

    #[test]
    fn note_add_append_and_show() {
        check(
            &fixture::report().to_output(),
            expect![[r#"
            {
              "id": "00000000f001",
              "title": "Compte rendu de rentrée",
              "date": "2021-09-02",
              "event": "00000000e001",
              "occurrence": "2021-09-02",
              "authors": [
                "Élodie Vanderbeke"
              ],
              "sections": [
                {
                  "id": "0000s001",
                  "heading": "Constats",
                  "body": "On a parlé du quartier."
                },
                {
                  "id": "0000s002",
                  "heading": "Pistes",
                  "body": "Un atelier cuisine.\n\nEt une balade."
                }
              ],
              "links": [
                "https://example.org/cr"
              ],
              "tags": [
                "rentree",
                "quartier"
              ],
              "visibility": "group"
            }"#]],
            expect![[r#"
            00000000f001  Compte rendu de rentrée — 2021-09-02 — group
              ## Constats
              On a parlé du quartier.
              ## Pistes
              Un atelier cuisine.
  
              Et une balade.
              - https://example.org/cr
        "#]],
        );
    }

    #[test]
    fn note_list() {
        let new = NewNote {
            title: "Idées en vrac".into(),
            date: None,
            event: None,
            occurrence: None,
            authors: Vec::new(),
            sections: Vec::new(),
            links: Vec::new(),
            tags: Vec::new(),
            visibility: None,
        };
        let date = Date::parse("2021-09-05").expect("a date");
        let no_section = || SectionId::new("0000s999");
        let ideas = Note::new(NoteId::new("00000000f002"), new, date, no_section).expect("a note");
        check(
            &vec![ideas, fixture::report()].to_output(),
            expect![[r#"
                [
                  {
                    "id": "00000000f002",
                    "title": "Idées en vrac",
                    "date": "2021-09-05",
                    "event": null,
                    "occurrence": null,
                    "authors": [],
                    "sections": [],
                    "links": [],
                    "tags": [],
                    "visibility": "group"
                  },
                  {
                    "id": "00000000f001",
                    "title": "Compte rendu de rentrée",
                    "date": "2021-09-02",
                    "event": "00000000e001",
                    "occurrence": "2021-09-02",
                    "authors": [
                      "Élodie Vanderbeke"
                    ],
                    "sections": [
                      {
                        "id": "0000s001",
                        "heading": "Constats",
                        "body": "On a parlé du quartier."
                      },
                      {
                        "id": "0000s002",
                        "heading": "Pistes",
                        "body": "Un atelier cuisine.\n\nEt une balade."
                      }
                    ],
                    "links": [
                      "https://example.org/cr"
                    ],
                    "tags": [
                      "rentree",
                      "quartier"
                    ],
                    "visibility": "group"
                  }
                ]"#]],
            expect![[r#"
                00000000f002  Idées en vrac — 2021-09-05 — group
                00000000f001  Compte rendu de rentrée — 2021-09-02 — group
                  ## Constats
                  On a parlé du quartier.
                  ## Pistes
                  Un atelier cuisine.
  
                  Et une balade.
                  - https://example.org/cr
            "#]],
        );
    }
}
