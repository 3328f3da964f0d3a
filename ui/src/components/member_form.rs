//! Adding a member: name, roles, contact details, and the consents given today.

use comptoir_ipc::{ConsentKind, MemberKind, NewMember, Role};
use yew::prelude::*;

use crate::components::{CheckField, ErrorMessage, SelectField, TextField, bind};
use crate::hooks::use_submit;
use crate::i18n::use_lang;
use crate::{bridge, labels};

#[derive(Debug, Properties, PartialEq)]
pub struct MemberFormProps {
    pub group: AttrValue,
    pub onsaved: Callback<()>,
}

fn empty(group: &str) -> NewMember {
    NewMember {
        group: group.to_string(),
        name: String::new(),
        kind: MemberKind::Person,
        roles: Vec::new(),
        email: String::new(),
        phone: String::new(),
        town: String::new(),
        consents: Vec::new(),
    }
}

/// Adds `item` to `list` if `on`, removes it otherwise.
fn toggle<T: PartialEq>(list: &mut Vec<T>, item: T, on: bool) {
    list.retain(|x| *x != item);
    if on {
        list.push(item);
    }
}

#[component]
pub fn MemberForm(props: &MemberFormProps) -> Html {
    let lang = use_lang();
    let group = props.group.to_string();
    let draft = use_state(|| empty(&group));
    let submit = use_submit();
    let onsubmit = {
        let input = (*draft).clone();
        let submit = submit.clone();
        let onsaved = props.onsaved.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = input.clone();
            let onsaved = onsaved.clone();
            submit.send(async move { bridge::add_member(&input).await }, move |_| {
                onsaved.emit(())
            });
        })
    };
    let kinds = vec![
        (
            "person".into(),
            lang.pick("Une personne", "A person").into(),
        ),
        (
            "organisation".into(),
            lang.pick("Une organisation", "An organisation").into(),
        ),
    ];
    let kind = if draft.kind == MemberKind::Person {
        "person"
    } else {
        "organisation"
    };
    html! {
        <form class="card" novalidate=true {onsubmit} aria-labelledby="new-member">
            <h3 id="new-member">{ lang.pick("Nouveau membre", "New member") }</h3>
            <TextField label={lang.pick("Nom", "Name")} value={draft.name.clone()} required=true
                oninput={bind(&draft, |d, v| d.name = v)} />
            <SelectField label={lang.pick("C'est…", "This is…")} options={kinds} value={kind}
                onchange={bind(&draft, |d, v| d.kind = if v == "organisation" { MemberKind::Organisation } else { MemberKind::Person })} />
            <fieldset>
                <legend>{ lang.pick("Rôles", "Roles") }</legend>
                { for Role::ALL.into_iter().map(|role| {
                    let checked = draft.roles.contains(&role);
                    let draft = draft.clone();
                    let ontoggle = Callback::from(move |on: bool| {
                        let mut next = (*draft).clone();
                        toggle(&mut next.roles, role, on);
                        draft.set(next);
                    });
                    html! { <CheckField label={labels::role(lang, role)} {checked} {ontoggle} /> }
                }) }
            </fieldset>
            <div class="row">
                <TextField label="E-mail" kind="email" value={draft.email.clone()}
                    oninput={bind(&draft, |d, v| d.email = v)} />
                <TextField label={lang.pick("Téléphone", "Phone")} kind="tel" value={draft.phone.clone()}
                    oninput={bind(&draft, |d, v| d.phone = v)} />
                <TextField label={lang.pick("Commune", "Town")} value={draft.town.clone()}
                    oninput={bind(&draft, |d, v| d.town = v)} />
            </div>
            <fieldset>
                <legend>{ lang.pick("Accords donnés aujourd'hui par la personne", "What the person agrees to today") }</legend>
                { for ConsentKind::ALL.into_iter().map(|kind| {
                    let checked = draft.consents.contains(&kind);
                    let draft = draft.clone();
                    let ontoggle = Callback::from(move |on: bool| {
                        let mut next = (*draft).clone();
                        toggle(&mut next.consents, kind, on);
                        draft.set(next);
                    });
                    let label = labels::capitalized(labels::consent(lang, kind));
                    html! { <CheckField {label} {checked} {ontoggle} /> }
                }) }
                <p class="hint">{ lang.pick(
                    "Sans accord de partage, ses coordonnées restent masquées dans Comptoir.",
                    "Without that agreement, their contact details stay hidden in Comptoir.",
                ) }</p>
            </fieldset>
            if let Some(error) = &submit.error {
                <ErrorMessage context={lang.pick("Le membre n'a pas été ajouté.", "The member was not added.")} error={error.clone()} />
            }
            <button type="submit" class="primary" disabled={submit.sending || draft.name.trim().is_empty()}>
                { lang.pick("Ajouter le membre", "Add the member") }
            </button>
        </form>
    }
}
