//! The agenda as an RFC 5545 iCalendar file, for Outlook, Apple Calendar, Thunderbird and the
//! network's agenda.
//!
//! One VEVENT per event, in local time with its zone (`DTSTART;TZID=Europe/Brussels:…`), so
//! that a meeting at 18:30 stays at 18:30 across a daylight-saving change. A repeating event
//! keeps its RRULE; a cancelled occurrence becomes an EXDATE, a moved one a VEVENT of its own
//! with the same UID and a RECURRENCE-ID. Every zone used gets a VTIMEZONE.
//!
//! Only what the agenda shows goes out: no member's name or contact, no answer, no attendance.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use comptoir_model::{
    Date, Event, EventStatus, Exception, Group, ModelError, Schedule, parse_zone,
};
use icalendar::{CalendarDateTime, Component, EventLike, Property};

use crate::vtimezone::{self, LAST_YEAR};
use crate::{ExportError, french};

/// How many years a rule without an end is described for.
const OPEN_RULE_YEARS: i32 = 20;

/// The group's agenda as an iCalendar file (CRLF line ends). `now` is written as DTSTAMP.
///
/// Fails when an event's data is refused by the model (an unknown zone or an invalid rule),
/// naming that event.
pub fn calendar(group: &Group, now: DateTime<Utc>) -> Result<String, ExportError> {
    let mut events: Vec<&Event> = group.events.values().collect();
    events.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));

    let mut zones: BTreeMap<&'static str, (Tz, RangeInclusive<i32>)> = BTreeMap::new();
    let mut components = Vec::new();
    for event in events {
        let invalid = |source: ModelError| ExportError::Event {
            id: event.id.to_string(),
            title: event.title.clone(),
            source: Box::new(source),
        };
        let zone = parse_zone(&event.tz).map_err(invalid)?;
        let schedule = event.schedule().map_err(invalid)?;
        let agenda = Agenda {
            group,
            event,
            zone,
            schedule: &schedule,
            now,
        };
        let (vevents, years) = agenda.vevents();
        components.extend(vevents);
        zones
            .entry(zone.name())
            .and_modify(|(_, span)| {
                *span = (*span.start()).min(*years.start())..=(*span.end()).max(*years.end())
            })
            .or_insert((zone, years));
    }

    let mut out = String::from("BEGIN:VCALENDAR\r\n");
    for property in [
        Property::new("VERSION", "2.0"),
        Property::new("PRODID", "-//Comptoir//Comptoir//FR"),
        Property::new("CALSCALE", "GREGORIAN"),
        Property::new("METHOD", "PUBLISH"),
        Property::new("X-WR-CALNAME", &group.profile.name),
    ] {
        let line: String = property.try_into()?;
        out.push_str(&line);
    }
    for (zone, years) in zones.into_values() {
        vtimezone::write(&mut out, zone, years)?;
    }
    for component in components {
        out.push_str(&component.try_into_string()?);
    }
    out.push_str("END:VCALENDAR\r\n");
    Ok(out)
}

/// One event on its way to VEVENTs.
struct Agenda<'a> {
    group: &'a Group,
    event: &'a Event,
    zone: Tz,
    schedule: &'a Schedule,
    now: DateTime<Utc>,
}

impl Agenda<'_> {
    /// The VEVENTs of the event (the series, then its moved occurrences), and the years they span.
    fn vevents(&self) -> (Vec<icalendar::Event>, RangeInclusive<i32>) {
        let event = self.event;
        let start = event.start.0;
        let mut years = Years::new(start);
        let mut master = self.common();
        let mut notes = Vec::new();
        let mut moved = Vec::new();

        match &event.repeat {
            Some(rule) => {
                master.add_property("RRULE", rule);
                years.add_last_occurrence(rule, self.schedule);
                for (date, exception) in self.exceptions() {
                    let original = date.0.and_time(start.time());
                    years.add(original);
                    if exception.cancelled {
                        master.exdate(self.local(original));
                        notes.push(with_reason(
                            format!("Annulée le {}", french::long_date(date.0)),
                            exception,
                        ));
                    } else if let Some(to) = exception.moved_to {
                        years.add(to.0);
                        moved.push(self.moved(original, to.0, exception));
                    }
                }
            }
            None => {
                let exception = event.exceptions.get(&event.start.date().to_string());
                if let Some(exception) = exception.filter(|e| e.cancelled) {
                    master.status(icalendar::EventStatus::Cancelled);
                    notes.push(with_reason("Annulée".into(), exception));
                } else if let Some((exception, to)) = exception.and_then(|e| Some((e, e.moved_to?)))
                {
                    years.add(to.0);
                    self.times(&mut master, to.0);
                    notes.push(with_reason(moved_from(start), exception));
                }
            }
        }
        let description = self.description(&notes);
        if !description.is_empty() {
            master.description(&description);
        }

        let mut out = vec![master.done()];
        out.extend(moved);
        (out, years.span())
    }

    /// What every VEVENT of this event says.
    fn common(&self) -> icalendar::Event {
        let event = self.event;
        let mut vevent = icalendar::Event::new();
        vevent
            .uid(&format!("{}@{}.comptoir", event.id, self.group.id))
            .timestamp(self.now)
            .summary(&event.title)
            .categories([french::event_kind(event.kind)])
            .status(match event.status {
                EventStatus::Cancelled => icalendar::EventStatus::Cancelled,
                EventStatus::Planned | EventStatus::Held => icalendar::EventStatus::Confirmed,
            });
        self.times(&mut vevent, event.start.0);
        let place: Vec<&str> = [&event.venue, &event.address]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        if !place.is_empty() {
            vevent.location(&place.join(", "));
        }
        if let Some(link) = &event.online {
            vevent.url(link);
        }
        vevent
    }

    /// Sets DTSTART to `start` and DTEND to keep the event's duration.
    fn times(&self, vevent: &mut icalendar::Event, start: NaiveDateTime) {
        vevent.starts(self.local(start));
        if let Some(end) = self.event.end {
            vevent.ends(self.local(start + (end.0 - self.event.start.0)));
        }
    }

    /// The VEVENT of an occurrence moved from `original` to `to`.
    fn moved(
        &self,
        original: NaiveDateTime,
        to: NaiveDateTime,
        exception: &Exception,
    ) -> icalendar::Event {
        let mut vevent = self.common();
        vevent.recurrence_id(self.local(original));
        self.times(&mut vevent, to);
        vevent.description(&self.description(&[with_reason(moved_from(original), exception)]));
        vevent.done()
    }

    /// The exceptions that name a real occurrence, by date.
    fn exceptions(&self) -> impl Iterator<Item = (Date, &Exception)> {
        self.event.exceptions.iter().filter_map(|(key, exception)| {
            let date = Date::parse(key).ok()?;
            self.schedule.occurs_on(date).then_some((date, exception))
        })
    }

    /// Whether the event is cancelled, its theme, guests and video link, then `notes`
    /// (cancelled or moved occurrences), one per line.
    fn description(&self, notes: &[String]) -> String {
        let event = self.event;
        let mut lines = Vec::new();
        if event.status == EventStatus::Cancelled {
            lines.push(match &event.reason {
                Some(reason) => format!("Annulée : {reason}"),
                None => "Annulée".into(),
            });
        }
        if let Some(theme) = &event.theme {
            lines.push(format!("Thème : {theme}"));
        }
        if !event.guests.is_empty() {
            lines.push(format!("Invité·es : {}", event.guests.join(", ")));
        }
        if let Some(link) = &event.online {
            lines.push(format!("En ligne : {link}"));
        }
        lines.extend(notes.iter().cloned());
        lines.join("\n")
    }

    fn local(&self, at: NaiveDateTime) -> CalendarDateTime {
        CalendarDateTime::WithTimezone {
            date_time: at,
            tzid: self.zone.name().to_string(),
        }
    }
}

fn moved_from(original: NaiveDateTime) -> String {
    format!(
        "Déplacée du {} à {}",
        french::long_date(original.date()),
        french::time(original.time())
    )
}

fn with_reason(what: String, exception: &Exception) -> String {
    match &exception.reason {
        Some(reason) => format!("{what} : {reason}"),
        None => what,
    }
}

/// The years an event's VTIMEZONE must cover: one more on each side of its local times, so
/// that the observance in force at the first one is described too.
struct Years {
    first: i32,
    last: i32,
}

impl Years {
    fn new(start: NaiveDateTime) -> Self {
        Self {
            first: start.year(),
            last: start.year(),
        }
    }

    fn add(&mut self, at: NaiveDateTime) {
        self.first = self.first.min(at.year());
        self.last = self.last.max(at.year());
    }

    /// A rule with COUNT or UNTIL is described up to its last occurrence; one without, for
    /// twenty years.
    fn add_last_occurrence(&mut self, rule: &str, schedule: &Schedule) {
        let bounded = rule
            .split(';')
            .any(|part| part.starts_with("COUNT=") || part.starts_with("UNTIL="));
        let start = schedule.start().year();
        let last = if bounded {
            let horizon = NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).unwrap_or(NaiveDate::MAX);
            schedule
                .slots(None, horizon)
                .last()
                .map_or(start, |slot| slot.date.0.year())
        } else {
            start.saturating_add(OPEN_RULE_YEARS)
        };
        self.last = self.last.max(last);
    }

    fn span(&self) -> RangeInclusive<i32> {
        let last = self.last.saturating_add(1).min(LAST_YEAR);
        self.first.saturating_sub(1).min(last)..=last
    }
}
