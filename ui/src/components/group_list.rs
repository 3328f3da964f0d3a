//! The groups stored on this device, or a sentence saying there are none yet.

use std::rc::Rc;

use comptoir_ipc::{GroupKind, GroupSummary};
use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct GroupListProps {
    pub groups: Rc<[GroupSummary]>,
}

#[component]
pub fn GroupList(props: &GroupListProps) -> Html {
    if props.groups.is_empty() {
        return html! { <p class="empty">{ "Aucun groupe sur cet appareil pour l'instant." }</p> };
    }
    html! {
        <ul class="groups">
            { for props.groups.iter().map(|group| html! {
                <li key={group.id.clone()}>
                    <span class="name">{ group.name.clone() }</span>
                    <span class="details">{ format!("{} · {}", kind_label(group.kind), group.town) }</span>
                </li>
            }) }
        </ul>
    }
}

fn kind_label(kind: GroupKind) -> &'static str {
    match kind {
        GroupKind::Bistrot => "Bistrot",
        GroupKind::CentreSocial => "Centre social",
        GroupKind::Association => "Association",
        GroupKind::Federation => "Fédération",
    }
}
