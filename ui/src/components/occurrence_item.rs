//! One occurrence of the agenda: when, what, where, who comes, and what can happen to it
//! (edit the event, move or cancel this date, note answers, count who came).

use comptoir_ipc::{Occurrence, OccurrenceStatus, RsvpCount};
use yew::prelude::*;

use crate::components::{
    AnswerForm, AttendanceForm, CancelForm, EventForm, Meeting, MoveForm, NoteForm,
};
use crate::format::{local_date_time, local_day, local_time};
use crate::i18n::{Lang, use_lang};
use crate::state::{Action, State, Tab};
use crate::{clock, labels};

/// Which form is open under the occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Panel {
    Edit,
    Move,
    Cancel,
    Answers,
    Attendance,
    Synthesis,
}

#[derive(Debug, Properties, PartialEq)]
pub struct OccurrenceItemProps {
    pub group: AttrValue,
    pub occurrence: Occurrence,
}

#[component]
pub fn OccurrenceItem(props: &OccurrenceItemProps) -> Html {
    let lang = use_lang();
    let o = &props.occurrence;
    let panel = use_state(|| None::<Panel>);
    let cancelled = o.status == OccurrenceStatus::Cancelled;
    let dispatcher = use_context::<UseReducerDispatcher<State>>();
    let day = local_day(&o.start);
    let past = day.is_some_and(|day| day < clock::today());
    let held = day.is_some_and(|day| day <= clock::today()) && !cancelled;

    let when = match o.end.as_deref().and_then(local_time) {
        Some(end) => format!("{} – {end}", local_date_time(lang, &o.start)),
        None => local_date_time(lang, &o.start),
    };
    let place: Vec<String> = [o.venue.clone(), o.address.clone(), o.online.clone()]
        .into_iter()
        .flatten()
        .collect();
    let open = |which: Panel| {
        let panel = panel.clone();
        Callback::from(move |_| {
            panel.set((*panel != Some(which)).then_some(which));
        })
    };
    let close = {
        let panel = panel.clone();
        Callback::from(move |()| panel.set(None))
    };
    let button = |which: Panel, text: &'static str| {
        html! {
            <button class="quiet" onclick={open(which)} aria-expanded={(*panel == Some(which)).to_string()}>
                { text }
            </button>
        }
    };
    let form = match *panel {
        None => Html::default(),
        Some(Panel::Edit) => html! {
            <EventForm group={props.group.clone()} editing={AttrValue::from(o.event.clone())} onsaved={close} />
        },
        Some(Panel::Move) => {
            html! { <MoveForm group={props.group.clone()} occurrence={o.clone()} onclose={close} /> }
        }
        Some(Panel::Cancel) => {
            html! { <CancelForm group={props.group.clone()} occurrence={o.clone()} onclose={close} /> }
        }
        Some(Panel::Answers) => {
            html! { <AnswerForm group={props.group.clone()} occurrence={o.clone()} onclose={close} /> }
        }
        Some(Panel::Attendance) => {
            html! { <AttendanceForm group={props.group.clone()} occurrence={o.clone()} onclose={close} /> }
        }
        Some(Panel::Synthesis) => {
            let meeting = Meeting {
                event: o.event.clone(),
                occurrence: o.occurrence.clone(),
                title: o.title.clone(),
                day: day.map(|d| d.to_string()).unwrap_or_default(),
            };
            // Once written, the synthesis is shown where syntheses live.
            let onsaved = Callback::from(move |()| {
                if let Some(d) = &dispatcher {
                    d.dispatch(Action::ShowTab(Tab::Notes));
                }
            });
            html! { <NoteForm group={props.group.clone()} meeting={Some(meeting)} {onsaved} /> }
        }
    };
    html! {
        <li class={classes!("occurrence", cancelled.then_some("cancelled"))}>
            <p class="when">{ when }</p>
            <p class="what">
                <strong>{ o.title.clone() }</strong>
                { format!(" · {}", labels::event_kind(lang, o.kind)) }
                if o.status != OccurrenceStatus::Planned {
                    <span class="badge">{ labels::status(lang, o.status) }</span>
                }
            </p>
            if !place.is_empty() {
                <p class="where">{ place.join(" · ") }</p>
            }
            if let Some(theme) = &o.theme {
                <p class="theme">{ format!("{} {theme}", lang.pick("Thème :", "Theme:")) }</p>
            }
            if let Some(why) = &o.reason {
                <p class="reason">{ why.clone() }</p>
            }
            if let Some(answers) = answers(lang, o.rsvp) {
                <p class="answers">{ answers }</p>
            }
            if let Some(count) = o.attendance {
                <p class="attendance">{ attendance(lang, count) }</p>
            }
            <div class="occurrence-actions">
                { button(Panel::Edit, lang.pick("Modifier la rencontre", "Edit the meeting")) }
                if held {
                    { button(Panel::Synthesis, lang.pick("Écrire la synthèse", "Write the synthesis")) }
                }
                if past {
                    { button(Panel::Attendance, lang.pick("Noter les présences", "Record attendance")) }
                } else if !cancelled {
                    { button(Panel::Answers, lang.pick("Qui vient ?", "Who is coming?")) }
                    { button(Panel::Move, lang.pick("Déplacer cette date", "Move this date")) }
                    { button(Panel::Cancel, lang.pick("Annuler cette date", "Cancel this date")) }
                }
            </div>
            { form }
        </li>
    }
}

/// "3 viennent · 1 peut-être · 2 ne viennent pas", or nothing if nobody answered.
fn answers(lang: Lang, rsvp: RsvpCount) -> Option<String> {
    let mut parts = Vec::new();
    let mut say = |n: u32, one: (&str, &str), many: (&str, &str)| {
        if n > 0 {
            let (one, many) = (lang.pick(one.0, one.1), lang.pick(many.0, many.1));
            parts.push(format!("{n} {}", if n == 1 { one } else { many }));
        }
    };
    say(rsvp.yes, ("vient", "coming"), ("viennent", "coming"));
    say(rsvp.maybe, ("peut-être", "maybe"), ("peut-être", "maybe"));
    say(
        rsvp.no,
        ("ne vient pas", "not coming"),
        ("ne viennent pas", "not coming"),
    );
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn attendance(lang: Lang, count: u32) -> String {
    match (lang, count) {
        (Lang::Fr, 0 | 1) => format!("{count} personne présente"),
        (Lang::Fr, _) => format!("{count} personnes présentes"),
        (Lang::En, 1) => "1 person came".into(),
        (Lang::En, _) => format!("{count} people came"),
    }
}
