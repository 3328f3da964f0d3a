//! One member: name, roles, and contact details only if the person agreed to share them.

use comptoir_ipc::{Consent, ConsentKind, Member, MemberKind};
use yew::prelude::*;

use crate::format::iso_date;
use crate::i18n::{Lang, use_lang};
use crate::labels;

#[derive(Debug, Properties, PartialEq)]
pub struct MemberCardProps {
    pub member: Member,
}

#[component]
pub fn MemberCard(props: &MemberCardProps) -> Html {
    let lang = use_lang();
    let m = &props.member;
    let mut facts: Vec<String> = Vec::new();
    if m.kind == MemberKind::Organisation {
        facts.push(lang.pick("Organisation", "Organisation").into());
    }
    facts.extend(m.roles.iter().map(|r| labels::role(lang, *r).to_string()));
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
                <p class="private">{ lang.pick(
                    "Coordonnées non partagées : la personne n'a pas donné son accord.",
                    "Contact details not shared: the person has not agreed.",
                ) }</p>
            }
            <ul class="consents">
                { for consents.iter().filter_map(|(kind, consent)| {
                    consent.as_ref().map(|c| html! { <li>{ consent_line(lang, *kind, c) }</li> })
                }) }
            </ul>
            if let Some(joined) = &m.joined {
                <p class="since">{ format!("{} {}", lang.pick("Membre depuis le", "Member since"), iso_date(lang, joined)) }</p>
            }
        </li>
    }
}

/// "Accord du jeudi 4 mars 2021 : partage ses coordonnées avec le groupe".
fn consent_line(lang: Lang, kind: ConsentKind, consent: &Consent) -> String {
    let what = if consent.granted {
        lang.pick("Accord du", "Agreed on")
    } else {
        lang.pick("Accord retiré le", "Withdrawn on")
    };
    format!(
        "{what} {}{} {}",
        iso_date(lang, &consent.date),
        lang.pick(" :", ":"),
        labels::consent(lang, kind)
    )
}
