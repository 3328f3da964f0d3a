//! Moving one occurrence to another day or time, with a reason.

use comptoir_ipc::MoveOccurrence;
use yew::prelude::*;

use crate::bridge;
use crate::components::{ErrorMessage, OccurrenceFormProps, TextField, bind};
use crate::format::{local_day, local_time};
use crate::hooks::use_submit;
use crate::i18n::use_lang;

#[derive(Debug, Clone, PartialEq)]
struct Draft {
    date: String,
    time: String,
    reason: String,
}

#[component]
pub fn MoveForm(props: &OccurrenceFormProps) -> Html {
    let lang = use_lang();
    let o = &props.occurrence;
    let draft = use_state(|| Draft {
        date: local_day(&o.start)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        time: local_time(&o.start).unwrap_or_default(),
        reason: String::new(),
    });
    let submit = use_submit();
    let onsubmit = {
        let input = MoveOccurrence {
            group: props.group.to_string(),
            event: o.event.clone(),
            occurrence: o.occurrence.clone(),
            to: format!("{}T{}", draft.date.trim(), draft.time.trim()),
            reason: draft.reason.clone(),
        };
        let submit = submit.clone();
        let onclose = props.onclose.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = input.clone();
            let onclose = onclose.clone();
            submit.send(
                async move { bridge::move_occurrence(&input).await },
                move |()| onclose.emit(()),
            );
        })
    };
    let keep = props.onclose.reform(|_| ());
    let ready = !draft.date.trim().is_empty() && !draft.time.trim().is_empty();
    html! {
        <form class="inline move-form" novalidate=true {onsubmit}>
            <div class="row">
                <TextField label={lang.pick("Nouvelle date", "New date")} kind="date" required=true
                    value={draft.date.clone()} placeholder={lang.pick("AAAA-MM-JJ", "YYYY-MM-DD")}
                    oninput={bind(&draft, |d, v| d.date = v)} />
                <TextField label={lang.pick("Heure", "Time")} kind="time" required=true
                    value={draft.time.clone()} placeholder="HH:MM"
                    oninput={bind(&draft, |d, v| d.time = v)} />
            </div>
            <TextField label={lang.pick("Raison (visible par le groupe)", "Why (the group will see it)")}
                value={draft.reason.clone()}
                placeholder={lang.pick("la salle est prise ce soir-là", "the room is taken that evening")}
                oninput={bind(&draft, |d, v| d.reason = v)} />
            if let Some(error) = &submit.error {
                <ErrorMessage context={lang.pick("La date n'a pas été déplacée.", "The date was not moved.")} error={error.clone()} />
            }
            <div class="actions">
                <button type="submit" class="primary" disabled={submit.sending || !ready}>{ lang.pick("Déplacer", "Move") }</button>
                <button type="button" class="quiet" onclick={keep}>{ lang.pick("Ne rien changer", "Leave it") }</button>
            </div>
        </form>
    }
}
