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
        lang.pick(
            "Impossible d'afficher les synthèses.",
            "The syntheses cannot be shown.",
        ),
        |notes| {
            if notes.is_empty() {
                return html! { <p class="empty">{ lang.pick("Aucune synthèse pour l'instant.", "No synthesis yet.") }</p> };
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
                <h2>{ lang.pick("Synthèses", "Syntheses") }</h2>
                <button class="primary" id="write-note" onclick={toggle} aria-expanded={writing.to_string()}>
                    { if *writing { lang.pick("Fermer le formulaire", "Close the form") } else { lang.pick("Écrire une synthèse", "Write a synthesis") } }
                </button>
            </div>
            if *writing {
                <NoteForm group={props.group.clone()} onsaved={close} />
            }
            { list }
        </>
    }
}
