//! The groups stored on this device, or a sentence saying there are none yet.

use std::rc::Rc;

use comptoir_ipc::{DamagedGroup, GroupSummary};
use yew::prelude::*;

use crate::i18n::{Lang, use_lang};
use crate::labels;
use crate::state::{Action, State};

#[derive(Debug, Properties, PartialEq)]
pub struct GroupListProps {
    pub groups: Rc<[GroupSummary]>,
    /// Groups that could not be read: named, so that nobody thinks them lost.
    pub damaged: Rc<[DamagedGroup]>,
}

#[component]
pub fn GroupList(props: &GroupListProps) -> Html {
    let lang = use_lang();
    let dispatcher = use_context::<UseReducerDispatcher<State>>();
    let damaged = html! {
        { for props.damaged.iter().map(|group| html! {
            <div class="notice damaged" role="status" key={group.id.clone()}>
                <p>{ damaged_text(lang, &group.id) }</p>
                <details>
                    <summary>{ lang.pick("Détail technique", "Technical detail") }</summary>
                    <p>{ group.reason.clone() }</p>
                </details>
            </div>
        }) }
    };
    if props.groups.is_empty() {
        return html! {
            <>
                { damaged }
                <p class="empty">{ lang.pick(
                    "Aucun groupe sur cet appareil pour l'instant. Créez le vôtre ci-dessous.",
                    "No group on this device yet. Create yours below.",
                ) }</p>
            </>
        };
    }
    html! {
        <>
        { damaged }
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
        </>
    }
}

/// What a damaged group's notice says: which one (its id's start), and that nothing is lost.
fn damaged_text(lang: Lang, id: &str) -> String {
    let short: String = id.chars().take(8).collect();
    match lang {
        Lang::Fr => format!(
            "Un groupe de cet appareil n'a pas pu être lu (identifiant {short}…) : ses données \
             sont abîmées. Elles n'ont pas été modifiées, et les autres groupes fonctionnent \
             normalement."
        ),
        Lang::En => format!(
            "A group on this device could not be read (id {short}…): its data is damaged. It \
             was left as it is, and the other groups work as usual."
        ),
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
