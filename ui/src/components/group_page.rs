//! A group's page: its name, and its Agenda, Membres, Synthèses, Historique and Paramètres
//! tabs.

use comptoir_ipc::GroupDetail;
use yew::prelude::*;

use crate::components::{AgendaTab, HistoryTab, MembersTab, NotesTab, SettingsTab, Tabs, loaded};
use crate::i18n::{Lang, use_lang};
use crate::labels;
use crate::state::{Action, State, Tab};

#[derive(Debug, Properties, PartialEq)]
pub struct GroupPageProps {
    pub id: AttrValue,
    pub tab: Tab,
}

#[component]
pub fn GroupPage(props: &GroupPageProps) -> Html {
    let lang = use_lang();
    let state = use_context::<UseReducerHandle<State>>();
    let Some(state) = state else {
        return Html::default();
    };
    let back = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::ShowGroups))
    };
    let header = loaded(
        lang,
        &state.group,
        lang.pick(
            "Impossible d'afficher ce groupe.",
            "This group cannot be shown.",
        ),
        |group| {
            html! {
                <>
                    <h1>{ group.name.clone() }</h1>
                    <p class="subtitle">{ subtitle(lang, group) }</p>
                </>
            }
        },
    );
    let body = match props.tab {
        Tab::Agenda => {
            html! { <AgendaTab group={props.id.clone()} view={state.agenda_view} agenda={state.agenda.clone()} /> }
        }
        Tab::Members => {
            html! { <MembersTab group={props.id.clone()} members={state.members.clone()} /> }
        }
        Tab::Notes => html! { <NotesTab group={props.id.clone()} notes={state.notes.clone()} /> },
        Tab::History => html! { <HistoryTab group={props.id.clone()} revision={state.revision} /> },
        Tab::Settings => html! {
            <SettingsTab group={props.id.clone()} detail={state.group.clone()} devices={state.devices.clone()} revision={state.revision} />
        },
    };
    html! {
        <main>
            <button class="back" onclick={back}>{ lang.pick("← Mes groupes", "← My groups") }</button>
            { header }
            <Tabs current={props.tab} />
            <section class="tab-body">{ body }</section>
        </main>
    }
}

/// "Bistrot du Social · Dampremy · Café de la Gare".
fn subtitle(lang: Lang, group: &GroupDetail) -> String {
    let mut parts = vec![labels::group_kind(lang, group.kind).to_string()];
    parts.extend(group.town.clone());
    parts.extend(group.venue.clone());
    parts.join(" · ")
}
