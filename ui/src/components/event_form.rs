//! Planning an event: title, kind, date and time, recurrence in plain words, place.

use comptoir_ipc::{EventDraft, EventKind, Repeat};
use yew::prelude::*;

use crate::components::{ErrorMessage, SelectField, TextField, bind};
use crate::format::parse_date;
use crate::hooks::use_submit;
use crate::{bridge, labels, recurrence};

/// What the form holds while being filled in.
#[derive(Debug, Clone, PartialEq, Default)]
struct Draft {
    title: String,
    kind: usize,
    date: String,
    time: String,
    end_time: String,
    /// Index into the recurrence choices of `date`.
    repeat: usize,
    until: String,
    venue: String,
    online: String,
    theme: String,
}

impl Draft {
    fn repeat(&self) -> Repeat {
        recurrence::choices(parse_date(&self.date))
            .get(self.repeat)
            .copied()
            .unwrap_or(Repeat::Never)
    }

    fn to_ipc(&self, group: &str) -> EventDraft {
        let at = |time: &str| {
            if time.trim().is_empty() {
                String::new()
            } else {
                format!("{}T{}", self.date.trim(), time.trim())
            }
        };
        let repeat = self.repeat();
        EventDraft {
            group: group.to_string(),
            title: self.title.clone(),
            kind: EventKind::ALL
                .get(self.kind)
                .copied()
                .unwrap_or(EventKind::Other),
            start: at(&self.time),
            end: at(&self.end_time),
            repeat,
            until: if repeat == Repeat::Never {
                String::new()
            } else {
                self.until.clone()
            },
            venue: self.venue.clone(),
            address: String::new(),
            online: self.online.clone(),
            theme: self.theme.clone(),
        }
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct EventFormProps {
    pub group: AttrValue,
    /// Called once the event is saved.
    pub onsaved: Callback<()>,
}

#[component]
pub fn EventForm(props: &EventFormProps) -> Html {
    let draft = use_state(|| Draft {
        time: "18:30".into(),
        ..Draft::default()
    });
    let submit = use_submit();
    let onsubmit = {
        let input = draft.to_ipc(&props.group);
        let submit = submit.clone();
        let onsaved = props.onsaved.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = input.clone();
            let onsaved = onsaved.clone();
            submit.send(async move { bridge::add_event(&input).await }, move |_| {
                onsaved.emit(())
            });
        })
    };
    let start = parse_date(&draft.date);
    let kinds: Vec<_> = EventKind::ALL
        .iter()
        .enumerate()
        .map(|(i, k)| {
            (
                AttrValue::from(i.to_string()),
                AttrValue::from(labels::event_kind(*k)),
            )
        })
        .collect();
    let repeats: Vec<_> = recurrence::choices(start)
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            (
                AttrValue::from(i.to_string()),
                AttrValue::from(recurrence::label(r, start)),
            )
        })
        .collect();
    let repeat = draft.repeat();
    let ready = !draft.title.trim().is_empty() && start.is_some() && !draft.time.trim().is_empty();
    html! {
        <form class="card" novalidate=true {onsubmit} aria-labelledby="new-event">
            <h3 id="new-event">{ "Nouvelle rencontre" }</h3>
            <TextField label="Titre" value={draft.title.clone()} required=true
                placeholder="Bistrot du Social" oninput={bind(&draft, |d, v| d.title = v)} />
            <SelectField label="Type de rencontre" options={kinds} value={draft.kind.to_string()}
                onchange={bind(&draft, |d, v| d.kind = v.parse().unwrap_or(0))} />
            <div class="row">
                <TextField label="Date" kind="date" value={draft.date.clone()} required=true
                    placeholder="AAAA-MM-JJ"
                    oninput={bind(&draft, |d, v| { d.date = v; d.repeat = 0; })} />
                <TextField label="Début" kind="time" value={draft.time.clone()} required=true
                    placeholder="HH:MM" oninput={bind(&draft, |d, v| d.time = v)} />
                <TextField label="Fin" kind="time" value={draft.end_time.clone()}
                    placeholder="HH:MM" oninput={bind(&draft, |d, v| d.end_time = v)} />
            </div>
            <div class="row">
                <SelectField label="Répétition" options={repeats} value={draft.repeat.to_string()}
                    hint={start.is_none().then_some(AttrValue::Static("Choisissez d'abord la date."))}
                    onchange={bind(&draft, |d, v| d.repeat = v.parse().unwrap_or(0))} />
                if repeat != Repeat::Never {
                    <TextField label="Jusqu'au" kind="date" value={draft.until.clone()}
                        placeholder="AAAA-MM-JJ" oninput={bind(&draft, |d, v| d.until = v)} />
                }
            </div>
            if repeat != Repeat::Never {
                <p class="summary">{ format!("Se répète {}.", recurrence::describe(repeat, start, parse_date(&draft.until))) }</p>
            }
            <TextField label="Lieu" value={draft.venue.clone()} placeholder="Café de la Gare"
                oninput={bind(&draft, |d, v| d.venue = v)} />
            <TextField label="Lien de visioconférence" kind="url" value={draft.online.clone()}
                placeholder="https://…" oninput={bind(&draft, |d, v| d.online = v)} />
            <TextField label="Thème" value={draft.theme.clone()}
                oninput={bind(&draft, |d, v| d.theme = v)} />
            if let Some(error) = &submit.error {
                <ErrorMessage context="La rencontre n'a pas été enregistrée." error={error.clone()} />
            }
            <button type="submit" class="primary" disabled={submit.sending || !ready}>
                { "Enregistrer la rencontre" }
            </button>
        </form>
    }
}
