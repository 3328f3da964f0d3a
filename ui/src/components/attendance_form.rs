//! Counting, after the fact, how many people came.

use comptoir_ipc::Attendance;
use yew::prelude::*;

use crate::bridge;
use crate::components::{ErrorMessage, OccurrenceFormProps, TextField};
use crate::hooks::use_submit;
use crate::i18n::use_lang;

#[component]
pub fn AttendanceForm(props: &OccurrenceFormProps) -> Html {
    let lang = use_lang();
    let o = &props.occurrence;
    let count = use_state(|| o.attendance.map(|n| n.to_string()).unwrap_or_default());
    let submit = use_submit();
    let parsed = count.trim().parse::<u32>().ok();
    let onsubmit = {
        let input = parsed.map(|count| Attendance {
            group: props.group.to_string(),
            event: o.event.clone(),
            occurrence: o.occurrence.clone(),
            count,
        });
        let submit = submit.clone();
        let onclose = props.onclose.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = input.clone() else {
                return;
            };
            let onclose = onclose.clone();
            submit.send(
                async move { bridge::record_attendance(&input).await },
                move |()| onclose.emit(()),
            );
        })
    };
    let keep = props.onclose.reform(|_| ());
    let hint =
        (!count.trim().is_empty() && parsed.is_none()).then_some(AttrValue::from(lang.pick(
            "Un nombre entier, par exemple 12.",
            "A whole number, for example 12.",
        )));
    html! {
        <form class="inline attendance-form" novalidate=true {onsubmit}>
            <TextField label={lang.pick("Combien étiez-vous ?", "How many came?")} kind="number"
                value={(*count).clone()} {hint}
                oninput={let count = count.clone(); Callback::from(move |v| count.set(v))} />
            if let Some(error) = &submit.error {
                <ErrorMessage context={lang.pick("Les présences n'ont pas été notées.", "Attendance was not recorded.")} error={error.clone()} />
            }
            <div class="actions">
                <button type="submit" class="primary" disabled={submit.sending || parsed.is_none()}>{ lang.pick("Noter les présences", "Record attendance") }</button>
                <button type="button" class="quiet" onclick={keep}>{ lang.pick("Fermer", "Close") }</button>
            </div>
        </form>
    }
}
