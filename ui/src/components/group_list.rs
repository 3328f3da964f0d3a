//! The groups stored on this device, or a sentence saying there are none yet.

use std::rc::Rc;

use comptoir_ipc::GroupSummary;
use yew::prelude::*;

use crate::labels;
use crate::state::{Action, State};

#[derive(Debug, Properties, PartialEq)]
pub struct GroupListProps {
    pub groups: Rc<[GroupSummary]>,
}

#[component]
pub fn GroupList(props: &GroupListProps) -> Html {
    let dispatcher = use_context::<UseReducerDispatcher<State>>();
    if props.groups.is_empty() {
        return html! {
            <p class="empty">{ "Aucun groupe sur cet appareil pour l'instant. Créez le vôtre ci-dessous." }</p>
        };
    }
    html! {
        <ul class="groups">
            { for props.groups.iter().map(|group| {
                let onclick = {
                    let dispatcher = dispatcher.clone();
                    let id = group.id.clone();
                    Callback::from(move |_| {
                        if let Some(d) = &dispatcher {
                            d.dispatch(Action::OpenGroup(id.clone()));
                        }
                    })
                };
                html! {
                    <li key={group.id.clone()}>
                        <button class="group" {onclick}>
                            <span class="name">{ group.name.clone() }</span>
                            <span class="details">{ details(group) }</span>
                        </button>
                    </li>
                }
            }) }
        </ul>
    }
}

/// "Bistrot du Social · Namur · 12 membres · 3 synthèses".
fn details(group: &GroupSummary) -> String {
    let mut parts = vec![labels::group_kind(group.kind).to_string()];
    if let Some(town) = &group.town {
        parts.push(town.clone());
    }
    parts.push(plural(group.members, "membre", "membres"));
    parts.push(plural(group.notes, "synthèse", "synthèses"));
    parts.join(" · ")
}

fn plural(n: u32, one: &str, many: &str) -> String {
    if n <= 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}
