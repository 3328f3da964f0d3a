//! The tabs of a group's page: Agenda, Membres, Synthèses, Historique, Paramètres.

use yew::prelude::*;

use crate::i18n::{Lang, use_lang};
use crate::state::{Action, State, Tab};

#[derive(Debug, Properties, PartialEq)]
pub struct TabsProps {
    pub current: Tab,
}

fn name(lang: Lang, tab: Tab) -> &'static str {
    match tab {
        Tab::Agenda => "Agenda",
        Tab::Members => lang.pick("Membres", "Members"),
        Tab::Notes => lang.pick("Synthèses", "Syntheses"),
        Tab::History => lang.pick("Historique", "History"),
        Tab::Settings => lang.pick("Paramètres", "Settings"),
    }
}

#[component]
pub fn Tabs(props: &TabsProps) -> Html {
    let lang = use_lang();
    let dispatcher = use_context::<UseReducerDispatcher<State>>();
    html! {
        <nav class="tabs" aria-label={lang.pick("Rubriques du groupe", "Sections of the group")}>
            { for Tab::ALL.into_iter().map(|tab| {
                let dispatcher = dispatcher.clone();
                let onclick = Callback::from(move |_| {
                    if let Some(d) = &dispatcher {
                        d.dispatch(Action::ShowTab(tab));
                    }
                });
                let current = (tab == props.current).then_some("page");
                html! {
                    <button class="tab" aria-current={current} {onclick}>{ name(lang, tab) }</button>
                }
            }) }
        </nav>
    }
}
