//! The agenda as people read it: every occurrence of every event in a window, with what became
//! of it (cancelled, moved, held), answers and attendance.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Serialize, Serializer};

use crate::codec::{Date, vocabulary};
use crate::event::{Event, EventKind, EventStatus, Rsvp};
use crate::{EventId, Result};

vocabulary! {
    /// What became of one occurrence.
    OccurrenceStatus: "occurrence status" {
        Planned = "planned",
        Moved = "moved",
        Cancelled = "cancelled",
        Held = "held",
    }
}

/// How many members answered yes, no or maybe.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RsvpCount {
    pub yes: u32,
    pub no: u32,
    pub maybe: u32,
}

/// One occurrence of an event, in local time with its offset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Occurrence {
    pub event: EventId,
    pub title: String,
    pub kind: EventKind,
    /// The original date: how commands name this occurrence.
    pub occurrence: Date,
    #[serde(serialize_with = "rfc3339")]
    pub start: DateTime<FixedOffset>,
    #[serde(serialize_with = "rfc3339_opt")]
    pub end: Option<DateTime<FixedOffset>>,
    pub tz: String,
    pub status: OccurrenceStatus,
    pub reason: Option<String>,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub online: Option<String>,
    pub theme: Option<String>,
    pub rsvp: RsvpCount,
    pub attendance: Option<u32>,
}

fn rfc3339<S: Serializer>(dt: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&dt.format("%Y-%m-%dT%H:%M:%S%:z"))
}

fn rfc3339_opt<S: Serializer>(dt: &Option<DateTime<FixedOffset>>, s: S) -> Result<S::Ok, S::Error> {
    match dt {
        Some(dt) => rfc3339(dt, s),
        None => s.serialize_none(),
    }
}

/// Lists the occurrences of `events` whose (possibly moved) date lies in `from..=to`, by start.
pub fn occurrences<'a>(
    events: impl IntoIterator<Item = &'a Event>,
    from: Option<NaiveDate>,
    to: NaiveDate,
) -> Result<Vec<Occurrence>> {
    let mut out = Vec::new();
    for event in events {
        event_occurrences(event, from, to, &mut out)?;
    }
    out.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.event.cmp(&b.event)));
    Ok(out)
}

fn event_occurrences(
    event: &Event,
    from: Option<NaiveDate>,
    to: NaiveDate,
    out: &mut Vec<Occurrence>,
) -> Result<()> {
    let schedule = event.schedule()?;
    let in_window = |day: NaiveDate| from.is_none_or(|f| day >= f) && day <= to;
    for slot in schedule.slots(from, to) {
        let moved = event
            .exceptions
            .get(&slot.date.to_string())
            .is_some_and(|e| e.moved_to.is_some());
        if !moved {
            out.push(describe(event, slot.date, slot.start, slot.end));
        }
    }
    // Moved occurrences appear at their new time, wherever their original date was.
    for (key, exception) in &event.exceptions {
        let Some(to_time) = exception.moved_to else {
            continue;
        };
        let Ok(date) = Date::parse(key) else { continue };
        if in_window(to_time.0.date()) && schedule.occurs_on(date) {
            let slot = schedule.slot_at(date, to_time.0)?;
            out.push(describe(event, slot.date, slot.start, slot.end));
        }
    }
    Ok(())
}

fn describe(
    event: &Event,
    date: Date,
    start: DateTime<FixedOffset>,
    end: Option<DateTime<FixedOffset>>,
) -> Occurrence {
    let key = date.to_string();
    let exception = event.exceptions.get(&key);
    let attendance = event.attendance.get(&key).copied();
    let status = if event.status == EventStatus::Cancelled || exception.is_some_and(|e| e.cancelled)
    {
        OccurrenceStatus::Cancelled
    } else if attendance.is_some() || event.status == EventStatus::Held {
        OccurrenceStatus::Held
    } else if exception.is_some_and(|e| e.moved_to.is_some()) {
        OccurrenceStatus::Moved
    } else {
        OccurrenceStatus::Planned
    };
    let reason = exception.and_then(|e| e.reason.clone()).or_else(|| {
        (event.status == EventStatus::Cancelled)
            .then(|| event.reason.clone())
            .flatten()
    });
    let mut rsvp = RsvpCount::default();
    let prefix = format!("{key}/");
    for (_, answer) in event
        .rsvps
        .range(prefix.clone()..)
        .take_while(|(k, _)| k.starts_with(&prefix))
    {
        match answer {
            Rsvp::Yes => rsvp.yes += 1,
            Rsvp::No => rsvp.no += 1,
            Rsvp::Maybe => rsvp.maybe += 1,
        }
    }
    Occurrence {
        event: event.id.clone(),
        title: event.title.clone(),
        kind: event.kind,
        occurrence: date,
        start,
        end,
        tz: event.tz.clone(),
        status,
        reason,
        venue: event.venue.clone(),
        address: event.address.clone(),
        online: event.online.clone(),
        theme: event.theme.clone(),
        rsvp,
        attendance,
    }
}
