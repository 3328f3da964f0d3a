//! Writing a synthesis: title, date, who may read it, and the usual sections.

use comptoir_ipc::{NoteDraft, SectionDraft, Visibility};
use yew::prelude::*;

use crate::components::{ErrorMessage, SelectField, TextArea, TextField, bind};
use crate::format::{parse_date, short_date};
use crate::hooks::use_submit;
use crate::i18n::{Lang, use_lang};
use crate::{bridge, labels};

/// The meeting a synthesis reports on, when it is written from the agenda.
#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    /// The event's id.
    pub event: String,
    /// The occurrence's original date, `YYYY-MM-DD`.
    pub occurrence: String,
    pub title: String,
    /// The day it took place, `YYYY-MM-DD`.
    pub day: String,
}

#[derive(Debug, Properties, PartialEq)]
pub struct NoteFormProps {
    pub group: AttrValue,
    #[prop_or_default]
    pub meeting: Option<Meeting>,
    pub onsaved: Callback<()>,
}

fn empty(lang: Lang, group: &str, meeting: Option<&Meeting>) -> NoteDraft {
    let title = meeting.map_or_else(String::new, |m| {
        let day = parse_date(&m.day).map_or_else(|| m.day.clone(), |d| short_date(lang, d));
        format!(
            "{} {} {day}",
            lang.pick("Synthèse :", "Synthesis:"),
            m.title
        )
    });
    NoteDraft {
        group: group.to_string(),
        title,
        date: meeting.map(|m| m.day.clone()).unwrap_or_default(),
        event: meeting.map(|m| m.event.clone()).unwrap_or_default(),
        occurrence: meeting.map(|m| m.occurrence.clone()).unwrap_or_default(),
        visibility: Visibility::Group,
        sections: labels::USUAL_SECTIONS
            .iter()
            .map(|heading| SectionDraft {
                heading: (*heading).to_string(),
                text: String::new(),
            })
            .collect(),
    }
}

#[component]
pub fn NoteForm(props: &NoteFormProps) -> Html {
    let lang = use_lang();
    let group = props.group.to_string();
    let meeting = props.meeting.clone();
    let draft = use_state(|| empty(lang, &group, meeting.as_ref()));
    let submit = use_submit();
    let onsubmit = {
        let mut input = (*draft).clone();
        // Sections left empty are not written.
        input.sections.retain(|s| !s.text.trim().is_empty());
        let submit = submit.clone();
        let onsaved = props.onsaved.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = input.clone();
            let onsaved = onsaved.clone();
            submit.send(async move { bridge::add_note(&input).await }, move |_| {
                onsaved.emit(())
            });
        })
    };
    let visibilities: Vec<_> = Visibility::ALL
        .iter()
        .enumerate()
        .map(|(i, v)| {
            (
                AttrValue::from(i.to_string()),
                AttrValue::from(labels::visibility(lang, *v)),
            )
        })
        .collect();
    let visibility = Visibility::ALL
        .iter()
        .position(|v| *v == draft.visibility)
        .unwrap_or(1);
    html! {
        <form class="card" novalidate=true {onsubmit} aria-labelledby="new-note">
            <h3 id="new-note">{ lang.pick("Nouvelle synthèse", "New synthesis") }</h3>
            <TextField label={lang.pick("Titre", "Title")} value={draft.title.clone()} required=true
                placeholder={lang.pick("Synthèse du bistrot de mars", "Synthesis of the March bistrot")} oninput={bind(&draft, |d, v| d.title = v)} />
            <div class="row">
                <TextField label={lang.pick("Date de la rencontre", "Date of the meeting")} kind="date" value={draft.date.clone()}
                    placeholder={lang.pick("AAAA-MM-JJ", "YYYY-MM-DD")} hint={lang.pick("Vide : aujourd'hui.", "Empty: today.")}
                    oninput={bind(&draft, |d, v| d.date = v)} />
                <SelectField label={lang.pick("Qui peut la lire ?", "Who may read it?")} options={visibilities} value={visibility.to_string()}
                    onchange={bind(&draft, |d, v| {
                        d.visibility = v.parse::<usize>().ok().and_then(|i| Visibility::ALL.get(i).copied()).unwrap_or(d.visibility)
                    })} />
            </div>
            { for (0..draft.sections.len()).map(|i| html! {
                <TextArea label={draft.sections[i].heading.clone()} value={draft.sections[i].text.clone()}
                    oninput={bind(&draft, move |d, v| d.sections[i].text = v)} />
            }) }
            <p class="hint">{ lang.pick(
                "Pas de nom ni de détail permettant de reconnaître une personne dont on a parlé : secret professionnel.",
                "No name or detail that could identify a person discussed: professional secrecy.",
            ) }</p>
            if let Some(error) = &submit.error {
                <ErrorMessage context={lang.pick("La synthèse n'a pas été enregistrée.", "The synthesis was not saved.")} error={error.clone()} />
            }
            <button type="submit" class="primary" disabled={submit.sending || draft.title.trim().is_empty()}>
                { lang.pick("Enregistrer la synthèse", "Save the synthesis") }
            </button>
        </form>
    }
}
