//! Events and occurrences across the bridge.

use comptoir_app::model::{EventKind, NewEvent, Occurrence, OccurrenceStatus};
use comptoir_app::{Result, model::LocalDateTime};
use comptoir_ipc as ipc;

use super::{given, optional_local};

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
        repeat: draft.repeat.rrule(&draft.until),
        venue: given(&draft.venue),
        address: given(&draft.address),
        online: given(&draft.online),
        theme: given(&draft.theme),
        guests: Vec::new(),
        capacity: None,
        registration: None,
    })
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
