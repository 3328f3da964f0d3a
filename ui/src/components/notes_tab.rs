//! The Synthèses tab: the group's notes, newest first, and writing a new one.

use std::rc::Rc;

use comptoir_ipc::Note;
use yew::prelude::*;

use crate::components::{NoteCard, NoteForm, loaded};
use crate::i18n::use_lang;
use crate::state::Load;

#[derive(Debug, Properties, PartialEq)]
pub struct NotesTabProps {
    pub group: AttrValue,
    pub notes: Load<Rc<[Note]>>,
}

#[component]
pub fn NotesTab(props: &NotesTabProps) -> Html {
    let lang = use_lang();
    let writing = use_state(|| false);
    let toggle = {
        let writing = writing.clone();
        Callback::from(move |_| writing.set(!*writing))
    };
    let close = {
        let writing = writing.clone();
        Callback::from(move |()| writing.set(false))
    };
    let list = loaded(
        lang,
        &props.notes,
        "Impossible d'afficher les synthèses.",
        |notes| {
            if notes.is_empty() {
                return html! { <p class="empty">{ "Aucune synthèse pour l'instant." }</p> };
            }
            html! {
                <div class="notes">
                    { for notes.iter().map(|n| html! {
                        <NoteCard key={n.id.clone()} group={props.group.clone()} note={n.clone()} />
                    }) }
                </div>
            }
        },
    );
    html! {
        <>
            <div class="toolbar">
                <h2>{ "Synthèses" }</h2>
                <button class="primary" onclick={toggle} aria-expanded={writing.to_string()}>
                    { if *writing { "Fermer le formulaire" } else { "Écrire une synthèse" } }
                </button>
            </div>
            if *writing {
                <NoteForm group={props.group.clone()} onsaved={close} />
            }
            { list }
        </>
    }
}
