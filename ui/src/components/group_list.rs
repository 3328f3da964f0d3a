//! The groups stored on this device, or a sentence saying there are none yet.

use std::rc::Rc;

use comptoir_ipc::GroupSummary;
use yew::prelude::*;

use crate::i18n::{Lang, use_lang};
use crate::labels;
use crate::state::{Action, State};

#[derive(Debug, Properties, PartialEq)]
pub struct GroupListProps {
    pub groups: Rc<[GroupSummary]>,
}

#[component]
pub fn GroupList(props: &GroupListProps) -> Html {
    let lang = use_lang();
    let dispatcher = use_context::<UseReducerDispatcher<State>>();
    if props.groups.is_empty() {
        return html! {
            <p class="empty">{ lang.pick(
                "Aucun groupe sur cet appareil pour l'instant. Créez le vôtre ci-dessous.",
                "No group on this device yet. Create yours below.",
            ) }</p>
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
                            <span class="details">{ details(lang, group) }</span>
                        </button>
                    </li>
                }
            }) }
        </ul>
    }
}

/// "Bistrot du Social · Namur · 12 membres · 3 synthèses".
fn details(lang: Lang, group: &GroupSummary) -> String {
    let mut parts = vec![labels::group_kind(lang, group.kind).to_string()];
    if let Some(town) = &group.town {
        parts.push(town.clone());
    }
    parts.push(plural(
        group.members,
        lang.pick("membre", "member"),
        lang.pick("membres", "members"),
    ));
    parts.push(plural(
        group.notes,
        lang.pick("synthèse", "synthesis"),
        lang.pick("synthèses", "syntheses"),
    ));
    parts.join(" · ")
}

fn plural(n: u32, one: &str, many: &str) -> String {
    if n <= 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}
