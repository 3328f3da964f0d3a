//! One month as a calendar: each day lists its meetings; choosing a day shows them in full,
//! past ones with their attendance.

use std::rc::Rc;

use chrono::{Datelike, NaiveDate, Weekday};
use comptoir_ipc::{Occurrence, OccurrenceStatus};
use yew::prelude::*;

use crate::components::OccurrenceItem;
use crate::format::{local_day, local_time, long_date, month_and_year, weekday_short};
use crate::i18n::use_lang;
use crate::state::{Action, AgendaView, State};
use crate::{calendar, clock};

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

#[derive(Debug, Properties, PartialEq)]
pub struct MonthViewProps {
    pub group: AttrValue,
    /// The month's first day.
    pub first: NaiveDate,
    pub occurrences: Rc<[Occurrence]>,
}

#[component]
pub fn MonthView(props: &MonthViewProps) -> Html {
    let lang = use_lang();
    let dispatcher = use_context::<UseReducerDispatcher<State>>();
    let today = clock::today();
    let chosen = use_state(|| None::<NaiveDate>);
    // Today if it is in this month, else the month's first meeting, else its first day.
    let selected = (*chosen)
        .filter(|d| calendar::first_of_month(*d) == props.first)
        .or_else(|| (calendar::first_of_month(today) == props.first).then_some(today))
        .or_else(|| props.occurrences.iter().find_map(|o| local_day(&o.start)))
        .unwrap_or(props.first);
    let on_day = |day: NaiveDate| -> Vec<&Occurrence> {
        props
            .occurrences
            .iter()
            .filter(|o| local_day(&o.start) == Some(day))
            .collect()
    };
    let go = |first: NaiveDate| {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_| {
            if let Some(d) = &dispatcher {
                d.dispatch(Action::ShowAgenda(AgendaView::Month(first)));
            }
        })
    };
    let cell = |day: Option<NaiveDate>| -> Html {
        let Some(day) = day else {
            return html! { <td class="outside" aria-hidden="true"></td> };
        };
        let meetings = on_day(day);
        let mut class = classes!("day");
        if day == today {
            class.push("today");
        }
        if day == selected {
            class.push("selected");
        }
        let onclick = {
            let chosen = chosen.clone();
            Callback::from(move |_| chosen.set(Some(day)))
        };
        let count = match meetings.len() {
            0 => String::new(),
            1 => lang.pick(", 1 rencontre", ", 1 meeting").to_string(),
            n => format!(", {n} {}", lang.pick("rencontres", "meetings")),
        };
        html! {
            <td>
                <button {class} {onclick} aria-pressed={(day == selected).to_string()}
                    aria-label={format!("{}{count}", long_date(lang, day))}>
                    <span class="number">{ day.day() }</span>
                    { for meetings.iter().map(|o| html! {
                        <span class={classes!("dot", (o.status == OccurrenceStatus::Cancelled).then_some("cancelled"))}>
                            { format!("{} {}", local_time(&o.start).unwrap_or_default(), o.title) }
                        </span>
                    }) }
                </button>
            </td>
        }
    };
    let chosen_meetings = on_day(selected);
    html! {
        <div class="month" id="month-view">
            <div class="month-nav">
                <button class="quiet" onclick={go(calendar::previous_month(props.first))}
                    aria-label={lang.pick("Mois précédent", "Previous month")}>{ "←" }</button>
                <h3 aria-live="polite">{ month_and_year(lang, props.first) }</h3>
                <button class="quiet" onclick={go(calendar::next_month(props.first))}
                    aria-label={lang.pick("Mois suivant", "Next month")}>{ "→" }</button>
            </div>
            <table class="calendar">
                <thead>
                    <tr>{ for WEEK.iter().map(|d| html! { <th scope="col">{ weekday_short(lang, *d) }</th> }) }</tr>
                </thead>
                <tbody>
                    { for calendar::weeks(props.first).into_iter().map(|week| html! {
                        <tr>{ for week.into_iter().map(cell) }</tr>
                    }) }
                </tbody>
            </table>
            <h3>{ long_date(lang, selected) }</h3>
            if chosen_meetings.is_empty() {
                <p class="empty">{ lang.pick("Pas de rencontre ce jour-là.", "No meeting that day.") }</p>
            } else {
                <ol class="agenda">
                    { for chosen_meetings.into_iter().map(|o| html! {
                        <OccurrenceItem key={format!("{}/{}", o.event, o.occurrence)}
                            group={props.group.clone()} occurrence={o.clone()} />
                    }) }
                </ol>
            }
        </div>
    }
}
