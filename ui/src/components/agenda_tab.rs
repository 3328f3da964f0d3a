//! The Agenda tab: the next occurrences, and planning a new event.

use std::rc::Rc;

use comptoir_ipc::Occurrence;
use yew::prelude::*;

use crate::components::{EventForm, OccurrenceItem, loaded};
use crate::i18n::use_lang;
use crate::state::Load;

#[derive(Debug, Properties, PartialEq)]
pub struct AgendaTabProps {
    pub group: AttrValue,
    pub agenda: Load<Rc<[Occurrence]>>,
}

#[component]
pub fn AgendaTab(props: &AgendaTabProps) -> Html {
    let lang = use_lang();
    let planning = use_state(|| false);
    let toggle = {
        let planning = planning.clone();
        Callback::from(move |_| planning.set(!*planning))
    };
    let close = {
        let planning = planning.clone();
        Callback::from(move |()| planning.set(false))
    };
    let list = loaded(
        lang,
        &props.agenda,
        "Impossible d'afficher l'agenda.",
        |agenda| {
            if agenda.is_empty() {
                return html! { <p class="empty">{ "Aucune rencontre prévue dans les six prochains mois." }</p> };
            }
            html! {
                <ol class="agenda">
                    { for agenda.iter().map(|o| html! {
                        <OccurrenceItem key={format!("{}/{}", o.event, o.occurrence)}
                            group={props.group.clone()} occurrence={o.clone()} />
                    }) }
                </ol>
            }
        },
    );
    html! {
        <>
            <div class="toolbar">
                <h2>{ "Prochaines rencontres" }</h2>
                <button class="primary" onclick={toggle} aria-expanded={planning.to_string()}>
                    { if *planning { "Fermer le formulaire" } else { "Planifier une rencontre" } }
                </button>
            </div>
            if *planning {
                <EventForm group={props.group.clone()} onsaved={close} />
            }
            { list }
        </>
    }
}
