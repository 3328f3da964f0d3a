//! One member: name, roles, and contact details only if the person agreed to share them.

use comptoir_ipc::{Consent, ConsentKind, Member, MemberKind};
use yew::prelude::*;

use crate::format::iso_date;
use crate::labels;

#[derive(Debug, Properties, PartialEq)]
pub struct MemberCardProps {
    pub member: Member,
}

#[component]
pub fn MemberCard(props: &MemberCardProps) -> Html {
    let m = &props.member;
    let mut facts: Vec<String> = Vec::new();
    if m.kind == MemberKind::Organisation {
        facts.push("Organisation".into());
    }
    facts.extend(m.roles.iter().map(|r| labels::role(*r).to_string()));
    facts.extend(m.town.clone());
    let shares_contact = m.consents.contact.as_ref().is_some_and(|c| c.granted);
    let contact: Vec<String> = [m.email.clone(), m.phone.clone()]
        .into_iter()
        .flatten()
        .collect();
    let consents = [
        (ConsentKind::Contact, &m.consents.contact),
        (ConsentKind::Newsletter, &m.consents.newsletter),
        (ConsentKind::Public, &m.consents.public),
    ];
    html! {
        <li class="member">
            <p class="name">{ m.name.clone() }</p>
            if !facts.is_empty() {
                <p class="details">{ facts.join(" · ") }</p>
            }
            if shares_contact && !contact.is_empty() {
                <p class="contact">{ contact.join(" · ") }</p>
            } else if !shares_contact {
                <p class="private">{ "Coordonnées non partagées : la personne n'a pas donné son accord." }</p>
            }
            <ul class="consents">
                { for consents.iter().filter_map(|(kind, consent)| {
                    consent.as_ref().map(|c| html! { <li>{ consent_line(*kind, c) }</li> })
                }) }
            </ul>
            if let Some(joined) = &m.joined {
                <p class="since">{ format!("Membre depuis le {}", iso_date(joined)) }</p>
            }
        </li>
    }
}

/// "Accord du jeudi 4 mars 2021 : partage ses coordonnées avec le groupe".
fn consent_line(kind: ConsentKind, consent: &Consent) -> String {
    let what = if consent.granted {
        "Accord"
    } else {
        "Accord retiré"
    };
    format!(
        "{what} le {} : {}",
        iso_date(&consent.date),
        labels::consent(kind)
    )
}
