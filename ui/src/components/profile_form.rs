//! The group's profile, edited in its Paramètres: name, kind, where it meets, how it works,
//! reference links.

use std::rc::Rc;

use comptoir_ipc::{GroupDetail, GroupKind, ProfileEdit};
use yew::prelude::*;

use crate::components::{ErrorMessage, SelectField, TextArea, TextField, bind};
use crate::hooks::use_submit;
use crate::i18n::use_lang;
use crate::{bridge, labels};

#[derive(Debug, Properties, PartialEq)]
pub struct ProfileFormProps {
    pub detail: Rc<GroupDetail>,
}

fn draft(detail: &GroupDetail) -> ProfileEdit {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    ProfileEdit {
        group: detail.id.clone(),
        name: detail.name.clone(),
        kind: detail.kind,
        town: text(&detail.town),
        postal_code: text(&detail.postal_code),
        country: text(&detail.country),
        venue: text(&detail.venue),
        address: text(&detail.address),
        description: text(&detail.description),
        how_it_works: text(&detail.how_it_works),
        links: detail.links.clone(),
    }
}

#[component]
pub fn ProfileForm(props: &ProfileFormProps) -> Html {
    let lang = use_lang();
    let edit = use_state(|| draft(&props.detail));
    let saved = use_state(|| false);
    let submit = use_submit();
    {
        // The profile as stored (after a save, or edited on another device) replaces the form.
        let edit = edit.clone();
        use_effect_with(props.detail.clone(), move |detail| edit.set(draft(detail)));
    }
    let onsubmit = {
        let edit = edit.clone();
        let saved = saved.clone();
        let submit = submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = (*edit).clone();
            let saved = saved.clone();
            saved.set(false);
            submit.send(
                async move { bridge::update_profile(&input).await },
                move |_| saved.set(true),
            );
        })
    };
    let changed = {
        let saved = saved.clone();
        let edit = edit.clone();
        move |apply: fn(&mut ProfileEdit, String)| {
            let saved = saved.clone();
            bind(&edit, apply).reform(move |value: String| {
                saved.set(false);
                value
            })
        }
    };
    let kinds: Vec<(AttrValue, AttrValue)> = GroupKind::ALL
        .iter()
        .enumerate()
        .map(|(i, k)| (i.to_string().into(), labels::group_kind(lang, *k).into()))
        .collect();
    let kind = GroupKind::ALL
        .iter()
        .position(|k| *k == edit.kind)
        .unwrap_or_default()
        .to_string();
    let mut countries = labels::countries(lang);
    if !countries
        .iter()
        .any(|(code, _)| code == edit.country.as_str())
    {
        // Whatever the group had (LU, CH, or nothing yet) stays choosable.
        let shown = if edit.country.is_empty() {
            lang.pick("Non précisé", "Not given").to_string()
        } else {
            edit.country.clone()
        };
        countries.insert(0, (edit.country.clone().into(), shown.into()));
    }
    let links = edit.links.join("\n");
    html! {
        <form class="card" novalidate=true {onsubmit} aria-labelledby="profile-title" id="profile-form">
            <h2 id="profile-title">{ lang.pick("Profil du groupe", "Group profile") }</h2>
            <TextField label={lang.pick("Nom du groupe", "Group name")} value={edit.name.clone()} required=true
                oninput={changed(|d, v| d.name = v)} />
            <SelectField label={lang.pick("Type de groupe", "Kind of group")} options={kinds} value={kind}
                onchange={changed(|d, v| {
                    if let Some(kind) = v.parse::<usize>().ok().and_then(|i| GroupKind::ALL.get(i)) {
                        d.kind = *kind;
                    }
                })} />
            <div class="row">
                <TextField label={lang.pick("Commune", "Town")} value={edit.town.clone()}
                    oninput={changed(|d, v| d.town = v)} />
                <TextField label={lang.pick("Code postal", "Postal code")} value={edit.postal_code.clone()}
                    oninput={changed(|d, v| d.postal_code = v)} />
                <SelectField label={lang.pick("Pays", "Country")} options={countries} value={edit.country.clone()}
                    hint={lang.pick("Il fixe le fuseau horaire de l'agenda.", "It sets the agenda's time zone.")}
                    onchange={changed(|d, v| d.country = v)} />
            </div>
            <div class="row">
                <TextField label={lang.pick("Lieu habituel (café, salle…)", "Usual venue (café, hall…)")} value={edit.venue.clone()}
                    oninput={changed(|d, v| d.venue = v)} />
                <TextField label={lang.pick("Adresse du lieu", "Venue address")} value={edit.address.clone()}
                    oninput={changed(|d, v| d.address = v)} />
            </div>
            <TextArea label={lang.pick("Présentation", "Description")} value={edit.description.clone()} rows={3}
                oninput={changed(|d, v| d.description = v)} />
            <TextArea label={lang.pick("Comment le groupe fonctionne (thèmes, temps de parole, invité·es…)", "How the group works (topics, speaking time, guests…)")}
                value={edit.how_it_works.clone()} rows={3}
                oninput={changed(|d, v| d.how_it_works = v)} />
            <TextArea label={lang.pick("Liens de référence (un par ligne, par exemple un manifeste)", "Reference links (one per line, e.g. a manifesto)")}
                value={links} rows={2}
                oninput={changed(|d, v| d.links = v.split('\n').map(str::to_string).collect())} />
            if let Some(error) = &submit.error {
                <ErrorMessage context={lang.pick("Le profil n'a pas été enregistré.", "The profile was not saved.")} error={error.clone()} />
            }
            <div class="actions">
                <button type="submit" class="primary" disabled={submit.sending || edit.name.trim().is_empty()}>
                    { lang.pick("Enregistrer le profil", "Save the profile") }
                </button>
                <span class="quiet" role="status">
                    if *saved { { lang.pick("Profil enregistré.", "Profile saved.") } }
                </span>
            </div>
        </form>
    }
}
