//! One synthesis: its title, date, who may read it, and its sections, edited in place and
//! saved as the person types.

use comptoir_ipc::{Note, Visibility};
use yew::prelude::*;

use crate::components::{ErrorMessage, TextArea};
use crate::format::iso_date;
use crate::hooks::{SaveStatus, use_autosave};
use crate::i18n::use_lang;
use crate::labels;

#[derive(Debug, Properties, PartialEq)]
pub struct NoteCardProps {
    pub group: AttrValue,
    pub note: Note,
}

#[component]
pub fn NoteCard(props: &NoteCardProps) -> Html {
    let lang = use_lang();
    let note = &props.note;
    let autosave = use_autosave(props.group.clone(), note);
    let saving = match &autosave.status {
        SaveStatus::Idle => Html::default(),
        SaveStatus::Saving => html! { lang.pick("Enregistrement…", "Saving…") },
        SaveStatus::Saved => html! { lang.pick("Enregistré", "Saved") },
        SaveStatus::Failed(error) => html! {
            <ErrorMessage context={lang.pick("La modification n'a pas été enregistrée.", "The change was not saved.")} error={error.clone()} />
        },
    };
    html! {
        <article class="note card" aria-labelledby={format!("note-{}", note.id)}>
            <h3 id={format!("note-{}", note.id)}>{ note.title.clone() }</h3>
            <p class="details">
                { iso_date(lang, &note.date) }
                <span class={format!("visibility {}", visibility_class(note.visibility))}>
                    { labels::visibility(lang, note.visibility) }
                </span>
            </p>
            <crate::components::ExportButton group={props.group.clone()} note={Some(AttrValue::from(note.id.clone()))} />
            { for note.sections.iter().enumerate().map(|(i, section)| html! {
                <TextArea label={section.heading.clone()}
                    value={autosave.texts.get(i).cloned().unwrap_or_default()}
                    oninput={autosave.oninput(&section.id)}
                    onchange={Some(autosave.onchange(&section.id))} rows={3} />
            }) }
            <div class="save-status" aria-live="polite">{ saving }</div>
        </article>
    }
}

fn visibility_class(visibility: Visibility) -> &'static str {
    match visibility {
        Visibility::Internal => "internal",
        Visibility::Group => "group",
        Visibility::Published => "published",
    }
}
