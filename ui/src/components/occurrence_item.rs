//! One occurrence of the agenda: when, what, where, and cancelling it with a reason.

use comptoir_ipc::{CancelOccurrence, Occurrence, OccurrenceStatus};
use yew::prelude::*;

use crate::components::{ErrorMessage, TextField};
use crate::format::{local_date_time, local_time};
use crate::hooks::use_submit;
use crate::{bridge, labels};

#[derive(Debug, Properties, PartialEq)]
pub struct OccurrenceItemProps {
    pub group: AttrValue,
    pub occurrence: Occurrence,
}

#[component]
pub fn OccurrenceItem(props: &OccurrenceItemProps) -> Html {
    let o = &props.occurrence;
    let cancelling = use_state(|| false);
    let reason = use_state(String::new);
    let submit = use_submit();
    let cancelled = o.status == OccurrenceStatus::Cancelled;

    let when = match o.end.as_deref().and_then(local_time) {
        Some(end) => format!("{} – {end}", local_date_time(&o.start)),
        None => local_date_time(&o.start),
    };
    let place: Vec<String> = [o.venue.clone(), o.address.clone(), o.online.clone()]
        .into_iter()
        .flatten()
        .collect();
    let toggle = {
        let cancelling = cancelling.clone();
        Callback::from(move |_| cancelling.set(!*cancelling))
    };
    let onsubmit = {
        let input = CancelOccurrence {
            group: props.group.to_string(),
            event: o.event.clone(),
            occurrence: o.occurrence.clone(),
            reason: (*reason).clone(),
        };
        let submit = submit.clone();
        let cancelling = cancelling.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = input.clone();
            let cancelling = cancelling.clone();
            submit.send(
                async move { bridge::cancel_occurrence(&input).await },
                move |()| cancelling.set(false),
            );
        })
    };
    let status_class = if cancelled {
        "occurrence cancelled"
    } else {
        "occurrence"
    };
    html! {
        <li class={status_class}>
            <p class="when">{ when }</p>
            <p class="what">
                <strong>{ o.title.clone() }</strong>
                { format!(" · {}", labels::event_kind(o.kind)) }
                if o.status != OccurrenceStatus::Planned {
                    <span class="badge">{ labels::status(o.status) }</span>
                }
            </p>
            if !place.is_empty() {
                <p class="where">{ place.join(" · ") }</p>
            }
            if let Some(theme) = &o.theme {
                <p class="theme">{ format!("Thème : {theme}") }</p>
            }
            if let Some(why) = &o.reason {
                <p class="reason">{ why.clone() }</p>
            }
            if !cancelled && !*cancelling {
                <button class="quiet" onclick={toggle.clone()}>{ "Annuler cette date…" }</button>
            }
            if *cancelling {
                <form class="inline" novalidate=true {onsubmit}>
                    <TextField label="Raison de l'annulation (visible par le groupe)" value={(*reason).clone()}
                        placeholder="pour cause de grève"
                        oninput={let reason = reason.clone(); Callback::from(move |v| reason.set(v))} />
                    if let Some(error) = &submit.error {
                        <ErrorMessage context="La date n'a pas été annulée." error={error.clone()} />
                    }
                    <div class="actions">
                        <button type="submit" class="danger" disabled={submit.sending}>{ "Annuler cette date" }</button>
                        <button type="button" class="quiet" onclick={toggle}>{ "Garder la date" }</button>
                    </div>
                </form>
            }
        </li>
    }
}
