//! Creating a group: its name, kind, town and usual venue.

use comptoir_ipc::{GroupKind, NewGroup};
use yew::prelude::*;

use crate::bridge;
use crate::components::{ErrorMessage, SelectField, TextField, bind};
use crate::hooks::use_submit;
use crate::i18n::use_lang;
use crate::labels;
use crate::state::{Action, State};

fn empty() -> NewGroup {
    NewGroup {
        name: String::new(),
        kind: GroupKind::Bistrot,
        town: String::new(),
        postal_code: String::new(),
        country: "BE".into(),
        venue: String::new(),
    }
}

fn kind_code(kind: GroupKind) -> &'static str {
    match kind {
        GroupKind::Bistrot => "bistrot",
        GroupKind::CentreSocial => "centre_social",
        GroupKind::Association => "association",
        GroupKind::Federation => "federation",
    }
}

#[component]
pub fn GroupForm() -> Html {
    let lang = use_lang();
    let draft = use_state(empty);
    let submit = use_submit();
    let dispatcher = use_context::<UseReducerDispatcher<State>>();
    let onsubmit = {
        let draft = draft.clone();
        let submit = submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = (*draft).clone();
            let dispatcher = dispatcher.clone();
            submit.send(
                async move { bridge::create_group(&input).await },
                move |created| {
                    if let Some(d) = dispatcher {
                        d.dispatch(Action::OpenGroup(created.id));
                    }
                },
            );
        })
    };
    let kinds: Vec<_> = GroupKind::ALL
        .iter()
        .map(|k| {
            (
                AttrValue::from(kind_code(*k)),
                AttrValue::from(labels::group_kind(lang, *k)),
            )
        })
        .collect();
    let countries = labels::countries(lang);
    html! {
        <form class="card" novalidate=true {onsubmit} aria-labelledby="new-group">
            <h2 id="new-group">{ lang.pick("Créer un groupe", "Create a group") }</h2>
            <TextField label={lang.pick("Nom du groupe", "Name of the group")} value={draft.name.clone()} required=true
                placeholder="Bistrot du Social de Dampremy"
                oninput={bind(&draft, |d, v| d.name = v)} />
            <SelectField label={lang.pick("Type de groupe", "Kind of group")} options={kinds} value={kind_code(draft.kind)}
                onchange={bind(&draft, |d, v| {
                    d.kind = GroupKind::ALL.into_iter().find(|k| kind_code(*k) == v).unwrap_or(d.kind)
                })} />
            <div class="row">
                <TextField label={lang.pick("Commune", "Town")} value={draft.town.clone()}
                    oninput={bind(&draft, |d, v| d.town = v)} />
                <TextField label={lang.pick("Code postal", "Postcode")} value={draft.postal_code.clone()}
                    oninput={bind(&draft, |d, v| d.postal_code = v)} />
                <SelectField label={lang.pick("Pays", "Country")} options={countries} value={draft.country.clone()}
                    hint={lang.pick("Il fixe le fuseau horaire de l'agenda.", "It sets the agenda's time zone.")}
                    onchange={bind(&draft, |d, v| d.country = v)} />
            </div>
            <TextField label={lang.pick("Lieu habituel (café, salle…)", "Usual venue (café, hall…)")} value={draft.venue.clone()}
                oninput={bind(&draft, |d, v| d.venue = v)} />
            if let Some(error) = &submit.error {
                <ErrorMessage context={lang.pick("Le groupe n'a pas été créé.", "The group was not created.")} error={error.clone()} />
            }
            <button type="submit" class="primary" disabled={submit.sending || draft.name.trim().is_empty()}>
                { lang.pick("Créer le groupe", "Create the group") }
            </button>
        </form>
    }
}
