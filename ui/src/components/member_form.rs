//! Adding a member: name, roles, contact details, and the consents given today.

use comptoir_ipc::{ConsentKind, MemberKind, NewMember, Role};
use yew::prelude::*;

use crate::components::{CheckField, ErrorMessage, SelectField, TextField, bind};
use crate::hooks::use_submit;
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
        ("person".into(), "Une personne".into()),
        ("organisation".into(), "Une organisation".into()),
    ];
    let kind = if draft.kind == MemberKind::Person {
        "person"
    } else {
        "organisation"
    };
    html! {
        <form class="card" novalidate=true {onsubmit} aria-labelledby="new-member">
            <h3 id="new-member">{ "Nouveau membre" }</h3>
            <TextField label="Nom" value={draft.name.clone()} required=true
                oninput={bind(&draft, |d, v| d.name = v)} />
            <SelectField label="C'est…" options={kinds} value={kind}
                onchange={bind(&draft, |d, v| d.kind = if v == "organisation" { MemberKind::Organisation } else { MemberKind::Person })} />
            <fieldset>
                <legend>{ "Rôles" }</legend>
                { for Role::ALL.into_iter().map(|role| {
                    let checked = draft.roles.contains(&role);
                    let draft = draft.clone();
                    let ontoggle = Callback::from(move |on: bool| {
                        let mut next = (*draft).clone();
                        toggle(&mut next.roles, role, on);
                        draft.set(next);
                    });
                    html! { <CheckField label={labels::role(role)} {checked} {ontoggle} /> }
                }) }
            </fieldset>
            <div class="row">
                <TextField label="E-mail" kind="email" value={draft.email.clone()}
                    oninput={bind(&draft, |d, v| d.email = v)} />
                <TextField label="Téléphone" kind="tel" value={draft.phone.clone()}
                    oninput={bind(&draft, |d, v| d.phone = v)} />
                <TextField label="Commune" value={draft.town.clone()}
                    oninput={bind(&draft, |d, v| d.town = v)} />
            </div>
            <fieldset>
                <legend>{ "Accords donnés aujourd'hui par la personne" }</legend>
                { for ConsentKind::ALL.into_iter().map(|kind| {
                    let checked = draft.consents.contains(&kind);
                    let draft = draft.clone();
                    let ontoggle = Callback::from(move |on: bool| {
                        let mut next = (*draft).clone();
                        toggle(&mut next.consents, kind, on);
                        draft.set(next);
                    });
                    let label = labels::capitalized(labels::consent(kind));
                    html! { <CheckField {label} {checked} {ontoggle} /> }
                }) }
                <p class="hint">{ "Sans accord de partage, ses coordonnées restent masquées dans Comptoir." }</p>
            </fieldset>
            if let Some(error) = &submit.error {
                <ErrorMessage context="Le membre n'a pas été ajouté." error={error.clone()} />
            }
            <button type="submit" class="primary" disabled={submit.sending || draft.name.trim().is_empty()}>
                { "Ajouter le membre" }
            </button>
        </form>
    }
}
