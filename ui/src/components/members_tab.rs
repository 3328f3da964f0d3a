//! The Membres tab: persons and organisations, and adding one.

use std::rc::Rc;

use comptoir_ipc::Member;
use yew::prelude::*;

use crate::components::{MemberCard, MemberForm, loaded};
use crate::i18n::use_lang;
use crate::state::Load;

#[derive(Debug, Properties, PartialEq)]
pub struct MembersTabProps {
    pub group: AttrValue,
    pub members: Load<Rc<[Member]>>,
}

#[component]
pub fn MembersTab(props: &MembersTabProps) -> Html {
    let lang = use_lang();
    let adding = use_state(|| false);
    let toggle = {
        let adding = adding.clone();
        Callback::from(move |_| adding.set(!*adding))
    };
    let close = {
        let adding = adding.clone();
        Callback::from(move |()| adding.set(false))
    };
    let list = loaded(
        lang,
        &props.members,
        lang.pick(
            "Impossible d'afficher les membres.",
            "The members cannot be shown.",
        ),
        |members| {
            if members.is_empty() {
                return html! { <p class="empty">{ lang.pick("Aucun membre enregistré pour l'instant.", "No member recorded yet.") }</p> };
            }
            html! {
                <ul class="members">
                    { for members.iter().map(|m| html! { <MemberCard key={m.id.clone()} member={m.clone()} /> }) }
                </ul>
            }
        },
    );
    html! {
        <>
            <div class="toolbar">
                <h2>{ lang.pick("Membres", "Members") }</h2>
                <button class="primary" id="add-member" onclick={toggle} aria-expanded={adding.to_string()}>
                    { if *adding { lang.pick("Fermer le formulaire", "Close the form") } else { lang.pick("Ajouter un membre", "Add a member") } }
                </button>
            </div>
            if *adding {
                <MemberForm group={props.group.clone()} onsaved={close} />
            }
            { list }
        </>
    }
}
