//! Planning or editing an event: title, kind, date and time, recurrence in plain words, place.

use comptoir_ipc::{EventDraft, EventEdit, EventKind, EventRef, Repeat};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::{ErrorMessage, SelectField, TextField, bind};
use crate::format::parse_date;
use crate::hooks::use_submit;
use crate::i18n::{Lang, use_lang};
use crate::{bridge, labels, recurrence};

/// What the form holds while being filled in.
#[derive(Debug, Clone, PartialEq, Default)]
struct Draft {
    title: String,
    kind: usize,
    date: String,
    time: String,
    end_time: String,
    /// `None`: keep `other_rule`, a rule the choices cannot say.
    repeat: Option<Repeat>,
    until: String,
    venue: String,
    /// Not shown, kept as it was.
    address: String,
    online: String,
    theme: String,
    other_rule: Option<String>,
}

impl Draft {
    fn new() -> Self {
        Draft {
            time: "18:30".into(),
            repeat: Some(Repeat::Never),
            ..Draft::default()
        }
    }

    /// An existing event, as the form shows it.
    fn from_edit(edit: &EventEdit) -> Self {
        let d = &edit.draft;
        let (date, time) = d.start.split_once('T').unwrap_or((&d.start, ""));
        let end_time = d.end.split_once('T').map_or("", |(_, t)| t);
        Draft {
            title: d.title.clone(),
            kind: EventKind::ALL
                .iter()
                .position(|k| *k == d.kind)
                .unwrap_or(0),
            date: date.into(),
            time: time.into(),
            end_time: end_time.into(),
            repeat: edit.other_rule.is_none().then_some(d.repeat),
            until: d.until.clone(),
            venue: d.venue.clone(),
            address: d.address.clone(),
            online: d.online.clone(),
            theme: d.theme.clone(),
            other_rule: edit.other_rule.clone(),
        }
    }

    /// What the "Répétition" select offers: the rule kept as it is (when there is one the
    /// choices cannot say), the choices the date allows, and the current choice if the date
    /// does not allow it.
    fn options(&self) -> Vec<Option<Repeat>> {
        let mut options: Vec<Option<Repeat>> = Vec::new();
        if self.other_rule.is_some() {
            options.push(None);
        }
        options.extend(
            recurrence::choices(parse_date(&self.date))
                .into_iter()
                .map(Some),
        );
        if !options.contains(&self.repeat) {
            options.push(self.repeat);
        }
        options
    }

    fn to_ipc(&self, group: &str) -> EventDraft {
        let at = |time: &str| {
            if time.trim().is_empty() {
                String::new()
            } else {
                format!("{}T{}", self.date.trim(), time.trim())
            }
        };
        let repeat = self.repeat.unwrap_or(Repeat::Never);
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
            until: if self.repeat == Some(Repeat::Never) {
                String::new()
            } else {
                self.until.clone()
            },
            venue: self.venue.clone(),
            address: self.address.clone(),
            online: self.online.clone(),
            theme: self.theme.clone(),
        }
    }
}

fn repeat_label(lang: Lang, repeat: Option<Repeat>, draft: &Draft) -> String {
    match repeat {
        Some(repeat) => recurrence::label(lang, repeat, parse_date(&draft.date)),
        None => lang
            .pick(
                "garder la répétition actuelle",
                "keep the current repetition",
            )
            .into(),
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct EventFormProps {
    pub group: AttrValue,
    /// The event edited; a new one is planned when `None`.
    #[prop_or_default]
    pub editing: Option<AttrValue>,
    /// Called once the event is saved.
    pub onsaved: Callback<()>,
}

#[component]
pub fn EventForm(props: &EventFormProps) -> Html {
    let lang = use_lang();
    let draft = use_state(Draft::new);
    let submit = use_submit();
    // Editing: the event's current values fill the form once they arrive.
    let loading = use_state(|| None);
    {
        let draft = draft.clone();
        let loading = loading.clone();
        let input = props.editing.as_ref().map(|event| EventRef {
            group: props.group.to_string(),
            event: event.to_string(),
        });
        use_effect_with(input, move |input| {
            if let Some(input) = input.clone() {
                spawn_local(async move {
                    match bridge::event_edit(&input).await {
                        Ok(edit) => draft.set(Draft::from_edit(&edit)),
                        Err(error) => loading.set(Some(error)),
                    }
                });
            }
        });
    }
    let onsubmit = {
        let input = draft.to_ipc(&props.group);
        let other_rule = if draft.repeat.is_none() {
            draft.other_rule.clone()
        } else {
            None
        };
        let editing = props.editing.clone();
        let submit = submit.clone();
        let onsaved = props.onsaved.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let onsaved = onsaved.clone();
            match &editing {
                Some(event) => {
                    let edit = EventEdit {
                        event: event.to_string(),
                        draft: input.clone(),
                        other_rule: other_rule.clone(),
                    };
                    submit.send(async move { bridge::edit_event(&edit).await }, move |()| {
                        onsaved.emit(())
                    });
                }
                None => {
                    let input = input.clone();
                    submit.send(async move { bridge::add_event(&input).await }, move |_| {
                        onsaved.emit(())
                    });
                }
            }
        })
    };
    let start = parse_date(&draft.date);
    let kinds: Vec<_> = EventKind::ALL
        .iter()
        .enumerate()
        .map(|(i, k)| {
            (
                AttrValue::from(i.to_string()),
                AttrValue::from(labels::event_kind(lang, *k)),
            )
        })
        .collect();
    let options = draft.options();
    let repeats: Vec<_> = options
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (
                AttrValue::from(i.to_string()),
                AttrValue::from(repeat_label(lang, *r, &draft)),
            )
        })
        .collect();
    let chosen = options.iter().position(|r| *r == draft.repeat).unwrap_or(0);
    let on_repeat = {
        let options = options.clone();
        bind(&draft, move |d, v| {
            d.repeat = v
                .parse::<usize>()
                .ok()
                .and_then(|i| options.get(i).copied())
                .unwrap_or(Some(Repeat::Never));
        })
    };
    let on_date = bind(&draft, |d, v| {
        d.date = v;
        if let Some(repeat) = d.repeat
            && !recurrence::choices(parse_date(&d.date)).contains(&repeat)
        {
            // The new date does not allow the chosen repetition (another weekday).
            d.repeat = Some(Repeat::Never);
        }
    });
    let repeats_at_all = draft.repeat != Some(Repeat::Never);
    let ready = !draft.title.trim().is_empty() && start.is_some() && !draft.time.trim().is_empty();
    let editing = props.editing.is_some();
    let (heading, failed, save) = if editing {
        (
            lang.pick("Modifier la rencontre", "Edit the meeting"),
            lang.pick(
                "La rencontre n'a pas été modifiée.",
                "The meeting was not changed.",
            ),
            lang.pick("Enregistrer les changements", "Save the changes"),
        )
    } else {
        (
            lang.pick("Nouvelle rencontre", "New meeting"),
            lang.pick(
                "La rencontre n'a pas été enregistrée.",
                "The meeting was not saved.",
            ),
            lang.pick("Enregistrer la rencontre", "Save the meeting"),
        )
    };
    let heading_id = if editing { "edit-event" } else { "new-event" };
    html! {
        <form class="card event-form" novalidate=true {onsubmit} aria-labelledby={heading_id}>
            <h3 id={heading_id}>{ heading }</h3>
            if let Some(error) = &*loading {
                <ErrorMessage context={lang.pick("Impossible de lire cette rencontre.", "This meeting cannot be read.")} error={error.clone()} />
            }
            <TextField label={lang.pick("Titre", "Title")} value={draft.title.clone()} required=true
                placeholder="Bistrot du Social" oninput={bind(&draft, |d, v| d.title = v)} />
            <SelectField label={lang.pick("Type de rencontre", "Kind of meeting")} options={kinds} value={draft.kind.to_string()}
                onchange={bind(&draft, |d, v| d.kind = v.parse().unwrap_or(0))} />
            <div class="row">
                <TextField label={lang.pick("Date", "Date")} kind="date" value={draft.date.clone()} required=true
                    placeholder={lang.pick("AAAA-MM-JJ", "YYYY-MM-DD")} oninput={on_date} />
                <TextField label={lang.pick("Début", "Start")} kind="time" value={draft.time.clone()} required=true
                    placeholder="HH:MM" oninput={bind(&draft, |d, v| d.time = v)} />
                <TextField label={lang.pick("Fin", "End")} kind="time" value={draft.end_time.clone()}
                    placeholder="HH:MM" oninput={bind(&draft, |d, v| d.end_time = v)} />
            </div>
            <div class="row">
                <SelectField label={lang.pick("Répétition", "Repeats")} options={repeats} value={chosen.to_string()}
                    hint={start.is_none().then_some(AttrValue::from(lang.pick("Choisissez d'abord la date.", "Choose the date first.")))}
                    onchange={on_repeat} />
                if repeats_at_all && draft.repeat.is_some() {
                    <TextField label={lang.pick("Jusqu'au", "Until")} kind="date" value={draft.until.clone()}
                        placeholder={lang.pick("AAAA-MM-JJ", "YYYY-MM-DD")} oninput={bind(&draft, |d, v| d.until = v)} />
                }
            </div>
            if let Some(repeat) = draft.repeat.filter(|r| *r != Repeat::Never) {
                <p class="summary">{ format!(
                    "{} {}.",
                    lang.pick("Se répète", "Repeats"),
                    recurrence::describe(lang, repeat, start, parse_date(&draft.until))
                ) }</p>
            }
            <TextField label={lang.pick("Lieu", "Place")} value={draft.venue.clone()} placeholder="Café de la Gare"
                oninput={bind(&draft, |d, v| d.venue = v)} />
            <TextField label={lang.pick("Lien de visioconférence", "Video call link")} kind="url" value={draft.online.clone()}
                placeholder="https://…" oninput={bind(&draft, |d, v| d.online = v)} />
            <TextField label={lang.pick("Thème", "Theme")} value={draft.theme.clone()}
                oninput={bind(&draft, |d, v| d.theme = v)} />
            if let Some(error) = &submit.error {
                <ErrorMessage context={failed} error={error.clone()} />
            }
            <button type="submit" class="primary" disabled={submit.sending || !ready}>{ save }</button>
        </form>
    }
}
