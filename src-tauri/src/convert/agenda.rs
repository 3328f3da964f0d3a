//! Events and occurrences across the bridge.

use comptoir_app::model::{
    Event, EventKind, LocalDateTime, NewEvent, Occurrence, OccurrenceStatus, Repetition, Rsvp,
    text::given,
};
use comptoir_app::{EventChanges, Result};
use comptoir_ipc as ipc;

use super::{optional_date, optional_local, recurrence};

/// Local time with its offset, e.g. `2021-03-04T18:30:00+01:00`.
const WITH_OFFSET: &str = "%Y-%m-%dT%H:%M:%S%:z";

pub fn occurrence(o: Occurrence) -> ipc::Occurrence {
    ipc::Occurrence {
        event: o.event.to_string(),
        title: o.title,
        kind: kind(o.kind),
        occurrence: o.occurrence.to_string(),
        start: o.start.format(WITH_OFFSET).to_string(),
        end: o.end.map(|end| end.format(WITH_OFFSET).to_string()),
        tz: o.tz,
        status: match o.status {
            OccurrenceStatus::Planned => ipc::OccurrenceStatus::Planned,
            OccurrenceStatus::Moved => ipc::OccurrenceStatus::Moved,
            OccurrenceStatus::Cancelled => ipc::OccurrenceStatus::Cancelled,
            OccurrenceStatus::Held => ipc::OccurrenceStatus::Held,
        },
        reason: o.reason,
        venue: o.venue,
        address: o.address,
        online: o.online,
        theme: o.theme,
        rsvp: ipc::RsvpCount {
            yes: o.rsvp.yes,
            no: o.rsvp.no,
            maybe: o.rsvp.maybe,
        },
        attendance: o.attendance,
    }
}

/// The event a form describes; its zone is the group's.
pub fn new_event(draft: &ipc::EventDraft) -> Result<NewEvent> {
    Ok(NewEvent {
        title: draft.title.clone(),
        kind: domain_kind(draft.kind),
        start: LocalDateTime::parse(&draft.start)?,
        end: optional_local(&draft.end)?,
        tz: None,
        repeat: repetition(draft)?.to_rrule(),
        venue: given(&draft.venue),
        address: given(&draft.address),
        online: given(&draft.online),
        theme: given(&draft.theme),
        guests: Vec::new(),
        capacity: None,
        registration: None,
    })
}

/// The repetition a form's choice and last day stand for.
fn repetition(draft: &ipc::EventDraft) -> Result<Repetition> {
    Ok(recurrence::repetition(
        draft.repeat,
        optional_date(&draft.until)?,
    ))
}

/// An event as its form shows it, for editing.
pub fn event_edit(group: &str, event: &Event) -> Result<ipc::EventEdit> {
    let repetition = event.repetition()?;
    let (repeat, until) = match recurrence::shown(&repetition) {
        Some(shown) => shown,
        // The form shows "does not repeat" beside the rule it keeps, and the rule's last day.
        None => (ipc::Repeat::Never, event.repeat_until()?),
    };
    let text = |field: &Option<String>| field.clone().unwrap_or_default();
    Ok(ipc::EventEdit {
        event: event.id.to_string(),
        draft: ipc::EventDraft {
            group: group.to_string(),
            title: event.title.clone(),
            kind: kind(event.kind),
            start: event.start.to_string(),
            end: event.end.map(|end| end.to_string()).unwrap_or_default(),
            repeat,
            until: until.map(|day| day.to_string()).unwrap_or_default(),
            venue: text(&event.venue),
            address: text(&event.address),
            online: text(&event.online),
            theme: text(&event.theme),
        },
        other_rule: match repetition {
            Repetition::Custom(rule) => Some(rule),
            _ => None,
        },
    })
}

/// What an edited form changes in the event: every field it shows (a blank one removes it);
/// its zone, guests and capacity stay. A rule the form could not show comes back as it went.
pub fn event_changes(edit: &ipc::EventEdit) -> Result<EventChanges> {
    let typed = &edit.draft;
    Ok(EventChanges {
        title: Some(typed.title.clone()),
        kind: Some(domain_kind(typed.kind)),
        start: Some(LocalDateTime::parse(&typed.start)?),
        end: Some(optional_local(&typed.end)?),
        repeat: Some(match &edit.other_rule {
            Some(rule) => Repetition::Custom(rule.clone()),
            None => repetition(typed)?,
        }),
        venue: Some(typed.venue.clone()),
        address: Some(typed.address.clone()),
        online: Some(typed.online.clone()),
        theme: Some(typed.theme.clone()),
        ..EventChanges::default()
    })
}

pub fn rsvp(answer: ipc::Rsvp) -> Rsvp {
    match answer {
        ipc::Rsvp::Yes => Rsvp::Yes,
        ipc::Rsvp::Maybe => Rsvp::Maybe,
        ipc::Rsvp::No => Rsvp::No,
    }
}

fn kind(kind: EventKind) -> ipc::EventKind {
    match kind {
        EventKind::Bistrot => ipc::EventKind::Bistrot,
        EventKind::PauseCafe => ipc::EventKind::PauseCafe,
        EventKind::Ebullition => ipc::EventKind::Ebullition,
        EventKind::GeneralAssembly => ipc::EventKind::GeneralAssembly,
        EventKind::MeetingDay => ipc::EventKind::MeetingDay,
        EventKind::Training => ipc::EventKind::Training,
        EventKind::BoardMeeting => ipc::EventKind::BoardMeeting,
        EventKind::OfficeHours => ipc::EventKind::OfficeHours,
        EventKind::WorkingGroup => ipc::EventKind::WorkingGroup,
        EventKind::Workshop => ipc::EventKind::Workshop,
        EventKind::Other => ipc::EventKind::Other,
    }
}

fn domain_kind(kind: ipc::EventKind) -> EventKind {
    match kind {
        ipc::EventKind::Bistrot => EventKind::Bistrot,
        ipc::EventKind::PauseCafe => EventKind::PauseCafe,
        ipc::EventKind::Ebullition => EventKind::Ebullition,
        ipc::EventKind::GeneralAssembly => EventKind::GeneralAssembly,
        ipc::EventKind::MeetingDay => EventKind::MeetingDay,
        ipc::EventKind::Training => EventKind::Training,
        ipc::EventKind::BoardMeeting => EventKind::BoardMeeting,
        ipc::EventKind::OfficeHours => EventKind::OfficeHours,
        ipc::EventKind::WorkingGroup => EventKind::WorkingGroup,
        ipc::EventKind::Workshop => EventKind::Workshop,
        ipc::EventKind::Other => EventKind::Other,
    }
}

#[cfg(test)]
mod tests {
    use comptoir_app::model::{Cadence, Date, EventId, parse_zone};

    use super::*;

    /// A Friday bistrot in Brussels, repeating by `rule`.
    fn bistrot(rule: Option<&str>) -> Result<Event> {
        let new = NewEvent {
            title: "Bistrot du vendredi".into(),
            kind: EventKind::Bistrot,
            start: LocalDateTime::parse("2026-11-06T18:30")?,
            end: None,
            tz: None,
            repeat: rule.map(str::to_string),
            venue: Some("Café de la Gare".into()),
            address: None,
            online: None,
            theme: None,
            guests: Vec::new(),
            capacity: None,
            registration: None,
        };
        Ok(Event::new(
            EventId::from_random([1; 6]),
            new,
            parse_zone("Europe/Brussels"),
        )?)
    }

    #[test]
    fn a_rule_in_the_forms_words_goes_to_the_form_and_back() -> Result<()> {
        // 1. Every Friday until 18 December: the form shows it in words, with its last day.
        let event = bistrot(Some("FREQ=WEEKLY;UNTIL=20261218"))?;
        let mut edit = event_edit("g", &event)?;
        assert_eq!(edit.draft.repeat, ipc::Repeat::Weekly { weeks: 1 });
        assert_eq!(edit.draft.until, "2026-12-18");
        assert_eq!(edit.other_rule, None);

        // 2. The person picks every two weeks and empties the venue.
        edit.draft.repeat = ipc::Repeat::Weekly { weeks: 2 };
        edit.draft.venue = " ".into();
        let changes = event_changes(&edit)?;
        assert_eq!(
            changes.repeat,
            Some(Repetition::Every {
                cadence: Cadence::Weekly { weeks: 2 },
                until: Some(Date::parse("2026-12-18")?),
            })
        );
        assert_eq!(changes.venue.as_deref(), Some(" "));
        Ok(())
    }

    #[test]
    fn a_rule_without_words_goes_to_the_form_and_back_untouched() -> Result<()> {
        let event = bistrot(Some("FREQ=WEEKLY;COUNT=6"))?;
        let edit = event_edit("g", &event)?;
        assert_eq!(edit.draft.repeat, ipc::Repeat::Never);
        assert_eq!(edit.other_rule.as_deref(), Some("FREQ=WEEKLY;COUNT=6"));
        assert_eq!(
            event_changes(&edit)?.repeat,
            Some(Repetition::Custom("FREQ=WEEKLY;COUNT=6".into()))
        );
        Ok(())
    }
}
