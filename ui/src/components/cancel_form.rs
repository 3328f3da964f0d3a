//! Cancelling one occurrence, with a reason the group will read ("pour cause de grève").

use comptoir_ipc::{CancelOccurrence, Occurrence};
use yew::prelude::*;

use crate::bridge;
use crate::components::{ErrorMessage, TextField};
use crate::hooks::use_submit;
use crate::i18n::use_lang;

#[derive(Debug, Properties, PartialEq)]
pub struct OccurrenceFormProps {
    pub group: AttrValue,
    pub occurrence: Occurrence,
    /// Called when the form is done with (saved or given up).
    pub onclose: Callback<()>,
}

#[component]
pub fn CancelForm(props: &OccurrenceFormProps) -> Html {
    let lang = use_lang();
    let reason = use_state(String::new);
    let submit = use_submit();
    let onsubmit = {
        let input = CancelOccurrence {
            group: props.group.to_string(),
            event: props.occurrence.event.clone(),
            occurrence: props.occurrence.occurrence.clone(),
            reason: (*reason).clone(),
        };
        let submit = submit.clone();
        let onclose = props.onclose.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = input.clone();
            let onclose = onclose.clone();
            submit.send(
                async move { bridge::cancel_occurrence(&input).await },
                move |()| onclose.emit(()),
            );
        })
    };
    let keep = props.onclose.reform(|_| ());
    html! {
        <form class="inline cancel-form" novalidate=true {onsubmit}>
            <TextField label={lang.pick("Raison de l'annulation (visible par le groupe)", "Why it is cancelled (the group will see it)")}
                value={(*reason).clone()}
                placeholder={lang.pick("pour cause de grève", "because of the strike")}
                oninput={let reason = reason.clone(); Callback::from(move |v| reason.set(v))} />
            if let Some(error) = &submit.error {
                <ErrorMessage context={lang.pick("La date n'a pas été annulée.", "The date was not cancelled.")} error={error.clone()} />
            }
            <div class="actions">
                <button type="submit" class="danger" disabled={submit.sending}>{ lang.pick("Annuler cette date", "Cancel this date") }</button>
                <button type="button" class="quiet" onclick={keep}>{ lang.pick("Garder la date", "Keep the date") }</button>
            </div>
        </form>
    }
}
