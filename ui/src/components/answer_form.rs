//! Noting who comes to one occurrence: a member, and their answer.

use std::rc::Rc;

use comptoir_ipc::{Answer, Member, Rsvp};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::{ErrorMessage, OccurrenceFormProps, SelectField, loaded};
use crate::hooks::use_submit;
use crate::i18n::use_lang;
use crate::state::Load;
use crate::{bridge, labels};

#[component]
pub fn AnswerForm(props: &OccurrenceFormProps) -> Html {
    let lang = use_lang();
    let members = use_state(Load::<Rc<[Member]>>::default);
    let chosen = use_state(String::new);
    let submit = use_submit();
    {
        let members = members.clone();
        let chosen = chosen.clone();
        let group = props.group.to_string();
        use_effect_with(group, move |group| {
            let group = group.clone();
            spawn_local(async move {
                let loaded = bridge::list_members(&group).await;
                if let Ok(list) = &loaded
                    && let Some(first) = list.first()
                {
                    chosen.set(first.id.clone());
                }
                members.set(loaded.into());
            });
        });
    }
    let send = |answer: Rsvp| {
        let input = Answer {
            group: props.group.to_string(),
            event: props.occurrence.event.clone(),
            occurrence: props.occurrence.occurrence.clone(),
            member: (*chosen).clone(),
            answer,
        };
        let submit = submit.clone();
        Callback::from(move |_| {
            let input = input.clone();
            submit.send(async move { bridge::answer(&input).await }, |()| ());
        })
    };
    let close = props.onclose.reform(|_| ());
    let failed = lang.pick(
        "Impossible d'afficher les membres.",
        "The members cannot be shown.",
    );
    let body = loaded(lang, &members, failed, |list| {
        if list.is_empty() {
            return html! {
                <p class="empty">{ lang.pick(
                    "Ajoutez d'abord des membres dans l'onglet Membres.",
                    "Add members in the Members tab first.",
                ) }</p>
            };
        }
        let options = list
            .iter()
            .map(|m| {
                (
                    AttrValue::from(m.id.clone()),
                    AttrValue::from(m.name.clone()),
                )
            })
            .collect::<Vec<_>>();
        html! {
            <>
                <SelectField label={lang.pick("Membre", "Member")} {options} value={(*chosen).clone()}
                    onchange={let chosen = chosen.clone(); Callback::from(move |v| chosen.set(v))} />
                <div class="actions" role="group" aria-label={lang.pick("Réponse", "Answer")}>
                    { for Rsvp::ALL.into_iter().map(|answer| html! {
                        <button type="button" disabled={submit.sending} onclick={send(answer)}>
                            { labels::capitalized(labels::rsvp(lang, answer)) }
                        </button>
                    }) }
                </div>
            </>
        }
    });
    html! {
        <div class="inline answer-form">
            { body }
            if let Some(error) = &submit.error {
                <ErrorMessage context={lang.pick("La réponse n'a pas été notée.", "The answer was not recorded.")} error={error.clone()} />
            }
            <div class="actions">
                <button type="button" class="quiet" onclick={close}>{ lang.pick("Fermer", "Close") }</button>
            </div>
        </div>
    }
}
