//! The Agenda tab: the coming meetings or one month's calendar, and planning a new event.

use std::rc::Rc;

use comptoir_ipc::Occurrence;
use yew::prelude::*;

use crate::components::{EventForm, MonthView, OccurrenceItem, loaded};
use crate::i18n::use_lang;
use crate::state::{Action, AgendaView, Load, State};
use crate::{calendar, clock};

#[derive(Debug, Properties, PartialEq)]
pub struct AgendaTabProps {
    pub group: AttrValue,
    pub view: AgendaView,
    pub agenda: Load<Rc<[Occurrence]>>,
}

#[component]
pub fn AgendaTab(props: &AgendaTabProps) -> Html {
    let lang = use_lang();
    let dispatcher = use_context::<UseReducerDispatcher<State>>();
    let planning = use_state(|| false);
    let toggle = {
        let planning = planning.clone();
        Callback::from(move |_| planning.set(!*planning))
    };
    let close = {
        let planning = planning.clone();
        Callback::from(move |()| planning.set(false))
    };
    let show = |view: AgendaView| {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_| {
            if let Some(d) = &dispatcher {
                d.dispatch(Action::ShowAgenda(view));
            }
        })
    };
    let this_month = AgendaView::Month(calendar::first_of_month(clock::today()));
    let month_shown = matches!(props.view, AgendaView::Month(_));
    let failed = lang.pick(
        "Impossible d'afficher l'agenda.",
        "The agenda cannot be shown.",
    );
    let body = loaded(lang, &props.agenda, failed, |agenda| match props.view {
        AgendaView::Month(first) => html! {
            <MonthView group={props.group.clone()} {first} occurrences={agenda.clone()} />
        },
        AgendaView::Upcoming if agenda.is_empty() => html! {
            <p class="empty">{ lang.pick(
                "Aucune rencontre prévue dans les six prochains mois.",
                "No meeting planned in the next six months.",
            ) }</p>
        },
        AgendaView::Upcoming => html! {
            <ol class="agenda" id="upcoming">
                { for agenda.iter().map(|o| html! {
                    <OccurrenceItem key={format!("{}/{}", o.event, o.occurrence)}
                        group={props.group.clone()} occurrence={o.clone()} />
                }) }
            </ol>
        },
    });
    html! {
        <>
            <div class="toolbar">
                <h2>{ if month_shown {
                    lang.pick("Calendrier", "Calendar")
                } else {
                    lang.pick("Prochaines rencontres", "Upcoming meetings")
                } }</h2>
                <div class="switch" role="group" aria-label={lang.pick("Affichage de l'agenda", "Agenda display")}>
                    <button class="quiet" aria-pressed={(!month_shown).to_string()}
                        onclick={show(AgendaView::Upcoming)}>
                        { lang.pick("Liste", "List") }
                    </button>
                    <button class="quiet" id="show-month" aria-pressed={month_shown.to_string()}
                        onclick={show(this_month)}>
                        { lang.pick("Mois", "Month") }
                    </button>
                </div>
                <button class="primary" id="plan-event" onclick={toggle} aria-expanded={planning.to_string()}>
                    { if *planning {
                        lang.pick("Fermer le formulaire", "Close the form")
                    } else {
                        lang.pick("Planifier une rencontre", "Plan a meeting")
                    } }
                </button>
            </div>
            <crate::components::ExportButton group={props.group.clone()} />
            if *planning {
                <EventForm group={props.group.clone()} onsaved={close} />
            }
            { body }
        </>
    }
}
