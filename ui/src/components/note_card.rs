//! One synthesis: its title, date, who may read it, and its sections, edited in place (each
//! section is saved when the person leaves it).

use comptoir_ipc::{Note, SectionEdit};
use yew::prelude::*;

use crate::components::{ErrorMessage, TextArea};
use crate::format::iso_date;
use crate::hooks::use_submit;
use crate::i18n::use_lang;
use crate::{bridge, labels};

#[derive(Debug, Properties, PartialEq)]
pub struct NoteCardProps {
    pub group: AttrValue,
    pub note: Note,
}

#[component]
pub fn NoteCard(props: &NoteCardProps) -> Html {
    let lang = use_lang();
    let note = &props.note;
    let texts = use_state(|| {
        note.sections
            .iter()
            .map(|s| s.text.clone())
            .collect::<Vec<_>>()
    });
    let submit = use_submit();
    {
        // Edits arriving from elsewhere replace what is shown.
        let texts = texts.clone();
        use_effect_with(note.clone(), move |note| {
            texts.set(note.sections.iter().map(|s| s.text.clone()).collect());
        });
    }
    html! {
        <article class="note card" aria-labelledby={format!("note-{}", note.id)}>
            <h3 id={format!("note-{}", note.id)}>{ note.title.clone() }</h3>
            <p class="details">
                { iso_date(lang, &note.date) }
                <span class={format!("visibility {}", visibility_class(note))}>{ labels::visibility(lang, note.visibility) }</span>
            </p>
            { for note.sections.iter().enumerate().map(|(i, section)| {
                let oninput = {
                    let texts = texts.clone();
                    Callback::from(move |v: String| {
                        let mut next = (*texts).clone();
                        if let Some(text) = next.get_mut(i) {
                            *text = v;
                        }
                        texts.set(next);
                    })
                };
                let onchange = {
                    let submit = submit.clone();
                    let edit = SectionEdit {
                        group: props.group.to_string(),
                        note: note.id.clone(),
                        section: section.id.clone(),
                        text: String::new(),
                    };
                    Callback::from(move |text: String| {
                        let edit = SectionEdit { text, ..edit.clone() };
                        submit.send(async move { bridge::edit_section(&edit).await }, |_| ());
                    })
                };
                let value = texts.get(i).cloned().unwrap_or_default();
                html! {
                    <TextArea label={section.heading.clone()} {value} {oninput} onchange={Some(onchange)} rows={3} />
                }
            }) }
            if let Some(error) = &submit.error {
                <ErrorMessage context={lang.pick("La modification n'a pas été enregistrée.", "The change was not saved.")} error={error.clone()} />
            }
        </article>
    }
}

fn visibility_class(note: &Note) -> &'static str {
    match note.visibility {
        comptoir_ipc::Visibility::Internal => "internal",
        comptoir_ipc::Visibility::Group => "group",
        comptoir_ipc::Visibility::Published => "published",
    }
}
