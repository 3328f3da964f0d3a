//! Events of the agenda (*rencontres*): when and where, who comes, and what became of each occurrence.

use std::collections::BTreeMap;

use autosurgeon::{Hydrate, Reconcile};
use chrono_tz::Tz;
use serde::Serialize;

use crate::codec::{Date, LocalDateTime, vocabulary};
use crate::profile::check_link;
use crate::recurrence::Schedule;
use crate::repetition::Repetition;
use crate::text::{entries, optional, required};
use crate::{EventId, MemberId, ModelError, Result};

vocabulary! {
    /// What sort of meeting this is.
    EventKind: "event kind" {
        Bistrot = "bistrot",
        PauseCafe = "pause-cafe" | "pause-café",
        Ebullition = "ebullition" | "ébullition",
        GeneralAssembly = "assemblee-generale" | "ag" | "assemblée-générale",
        MeetingDay = "journee-rencontre" | "journée-rencontre",
        Training = "formation",
        BoardMeeting = "reunion-bureau" | "réunion-bureau",
        OfficeHours = "permanence",
        WorkingGroup = "groupe-de-travail",
        Workshop = "atelier",
        Other = "autre" | "other",
    }
}

vocabulary! {
    /// Whether people may still register.
    Registration: "registration" {
        Open = "open" | "ouverte",
        Closed = "closed" | "fermee" | "fermée",
    }
}

vocabulary! {
    /// The state of a whole event.
    EventStatus: "event status" {
        Planned = "planned" | "prevu" | "prévu",
        Held = "held" | "tenu",
        Cancelled = "cancelled" | "annule" | "annulé",
    }
}

vocabulary! {
    /// A member's answer to an invitation.
    Rsvp: "answer" {
        Yes = "yes" | "oui",
        No = "no" | "non",
        Maybe = "maybe" | "peut-etre" | "peut-être",
    }
}

/// What became of one occurrence of a repeating event (keyed by its original date).
#[derive(Debug, Clone, PartialEq, Reconcile, Hydrate, Serialize)]
pub struct Exception {
    pub cancelled: bool,
    pub moved_to: Option<LocalDateTime>,
    pub reason: Option<String>,
}

/// An event, stored under `events/<id>`.
///
/// Per-occurrence data lives in flat maps keyed by the occurrence's original date (and member),
/// so that two facilitators answering or counting concurrently never overwrite each other.
#[derive(Debug, Clone, PartialEq, Reconcile, Hydrate, Serialize)]
pub struct Event {
    pub id: EventId,
    pub title: String,
    pub kind: EventKind,
    /// Local wall-clock start in `tz`.
    pub start: LocalDateTime,
    pub end: Option<LocalDateTime>,
    /// IANA zone name.
    pub tz: String,
    /// iCalendar RRULE value (without `RRULE:`), normalised.
    pub repeat: Option<String>,
    pub venue: Option<String>,
    pub address: Option<String>,
    /// Video link.
    pub online: Option<String>,
    pub theme: Option<String>,
    pub guests: Vec<String>,
    pub facilitators: Vec<MemberId>,
    pub capacity: Option<u32>,
    pub registration: Registration,
    pub status: EventStatus,
    /// Why the whole event was cancelled.
    pub reason: Option<String>,
    /// `YYYY-MM-DD` → what became of that occurrence.
    pub exceptions: BTreeMap<String, Exception>,
    /// `YYYY-MM-DD/member-id` → answer.
    pub rsvps: BTreeMap<String, Rsvp>,
    /// `YYYY-MM-DD` → number of people who came.
    pub attendance: BTreeMap<String, u32>,
}

/// The fields of a new event, as typed by a facilitator.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub title: String,
    pub kind: EventKind,
    pub start: LocalDateTime,
    pub end: Option<LocalDateTime>,
    /// `None` takes the group's default zone.
    pub tz: Option<String>,
    pub repeat: Option<String>,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub online: Option<String>,
    pub theme: Option<String>,
    pub guests: Vec<String>,
    pub capacity: Option<i64>,
    pub registration: Option<Registration>,
}

/// Changes to an event, as a facilitator makes them; `None` leaves a field as it is. What
/// became of its occurrences, its facilitators, its status and its zone are kept.
#[derive(Debug, Clone, Default)]
pub struct EventChanges {
    pub title: Option<String>,
    pub kind: Option<EventKind>,
    pub start: Option<LocalDateTime>,
    /// `Some(None)` removes the end.
    pub end: Option<Option<LocalDateTime>>,
    pub repeat: Option<Repetition>,
    /// A blank text removes the venue (and likewise for the address, link and theme).
    pub venue: Option<String>,
    pub address: Option<String>,
    pub online: Option<String>,
    pub theme: Option<String>,
    pub guests: Option<Vec<String>>,
    /// `Some(None)` removes the limit.
    pub capacity: Option<Option<i64>>,
    pub registration: Option<Registration>,
}

/// Parses an IANA zone name.
pub fn parse_zone(name: &str) -> Result<Tz> {
    name.trim()
        .parse()
        .map_err(|_| ModelError::UnknownZone(name.to_string()))
}

impl Event {
    /// Builds an event, checking every field. `default_zone` is used when no zone is given.
    pub fn new(id: EventId, new: NewEvent, default_zone: Result<Tz>) -> Result<Self> {
        let zone = match new.tz.as_deref() {
            Some(name) => parse_zone(name)?,
            None => default_zone?,
        };
        if let Some(end) = new.end
            && end <= new.start
        {
            return Err(ModelError::EndBeforeStart {
                start: new.start.to_string(),
                end: end.to_string(),
            });
        }
        let capacity = match new.capacity {
            Some(c) if c < 0 => return Err(ModelError::NegativeCapacity(c)),
            Some(c) => Some(u32::try_from(c).map_err(|_| ModelError::NegativeCapacity(c))?),
            None => None,
        };
        let online = optional(new.online);
        if let Some(link) = &online {
            check_link(link)?;
        }
        let repeat = new
            .repeat
            .as_deref()
            .map(|rule| Schedule::normalise_rule(rule, zone))
            .transpose()?;
        let event = Self {
            id,
            title: required("title", &new.title)?,
            kind: new.kind,
            start: new.start,
            end: new.end,
            tz: zone.name().to_string(),
            repeat,
            venue: optional(new.venue),
            address: optional(new.address),
            online,
            theme: optional(new.theme),
            guests: entries(new.guests),
            facilitators: Vec::new(),
            capacity,
            registration: new.registration.unwrap_or(Registration::Open),
            status: EventStatus::Planned,
            reason: None,
            exceptions: BTreeMap::new(),
            rsvps: BTreeMap::new(),
            attendance: BTreeMap::new(),
        };
        // Building the schedule checks the rule against the start and the zone; a typed end must
        // exist in the zone too (not be skipped by a clock change).
        let schedule = event.schedule()?;
        if let Some(end) = event.end {
            schedule.localise(end.0)?;
        }
        Ok(event)
    }

    /// This event as a form would show it, to be changed and given back to [`Event::revise`].
    pub fn draft(&self) -> NewEvent {
        NewEvent {
            title: self.title.clone(),
            kind: self.kind,
            start: self.start,
            end: self.end,
            tz: Some(self.tz.clone()),
            repeat: self.repeat.clone(),
            venue: self.venue.clone(),
            address: self.address.clone(),
            online: self.online.clone(),
            theme: self.theme.clone(),
            guests: self.guests.clone(),
            capacity: self.capacity.map(i64::from),
            registration: Some(self.registration),
        }
    }

    /// Replaces what a facilitator typed (title, kind, times, recurrence, place, theme,
    /// guests, capacity, registration), checked as for a new event. What became of the
    /// occurrences (cancellations, moves, answers, attendance), the facilitators and the
    /// event's own status are kept; an exception whose date is no longer an occurrence is kept
    /// too, but no longer shown.
    pub fn revise(&mut self, changed: NewEvent) -> Result<()> {
        let zone = parse_zone(&self.tz);
        let revised = Event::new(self.id.clone(), changed, zone)?;
        *self = Event {
            facilitators: std::mem::take(&mut self.facilitators),
            status: self.status,
            reason: self.reason.take(),
            exceptions: std::mem::take(&mut self.exceptions),
            rsvps: std::mem::take(&mut self.rsvps),
            attendance: std::mem::take(&mut self.attendance),
            ..revised
        };
        Ok(())
    }

    /// Applies changes, checked as for a new event (see [`Event::revise`]).
    pub fn apply(&mut self, changes: EventChanges) -> Result<()> {
        let mut draft = self.draft();
        let EventChanges {
            title,
            kind,
            start,
            end,
            repeat,
            venue,
            address,
            online,
            theme,
            guests,
            capacity,
            registration,
        } = changes;
        draft.title = title.unwrap_or(draft.title);
        draft.kind = kind.unwrap_or(draft.kind);
        draft.start = start.unwrap_or(draft.start);
        draft.end = end.unwrap_or(draft.end);
        if let Some(repeat) = repeat {
            draft.repeat = repeat.to_rrule();
        }
        draft.venue = venue.or(draft.venue);
        draft.address = address.or(draft.address);
        draft.online = online.or(draft.online);
        draft.theme = theme.or(draft.theme);
        draft.guests = guests.unwrap_or(draft.guests);
        draft.capacity = capacity.unwrap_or(draft.capacity);
        draft.registration = registration.or(draft.registration);
        self.revise(draft)
    }

    /// How often the event repeats, in the words of the event form (a rule it has no words
    /// for is [`Repetition::Custom`]).
    pub fn repetition(&self) -> Result<Repetition> {
        Ok(match &self.repeat {
            None => Repetition::Never,
            Some(rule) => Repetition::from_rrule(rule, parse_zone(&self.tz)?),
        })
    }

    /// The last day the event repeats on, in its own zone, if its rule says (`UNTIL`).
    pub fn repeat_until(&self) -> Result<Option<Date>> {
        Ok(self.schedule()?.until())
    }

    /// When this event happens.
    pub fn schedule(&self) -> Result<Schedule> {
        Schedule::new(self.start, self.end, &self.tz, self.repeat.as_deref())
    }

    /// Resolves which occurrence a command is about: the given date, which must be an
    /// occurrence, or for a one-off event its only date.
    pub fn occurrence(&self, date: Option<Date>) -> Result<Date> {
        let schedule = self.schedule()?;
        match date {
            Some(date) if schedule.occurs_on(date) => Ok(date),
            Some(date) => Err(ModelError::NoSuchOccurrence {
                date: date.to_string(),
            }),
            None if self.repeat.is_none() => Ok(self.start.date()),
            None => Err(ModelError::OccurrenceRequired {
                example: self.start.date().to_string(),
            }),
        }
    }

    /// Cancels one occurrence, or the whole event when `date` is `None` and it repeats.
    pub fn cancel(&mut self, date: Option<Date>, reason: Option<String>) -> Result<()> {
        let reason = optional(reason);
        if date.is_none() {
            self.status = EventStatus::Cancelled;
            self.reason = reason;
            return Ok(());
        }
        let date = self.occurrence(date)?;
        let exception = self.exception(date);
        exception.cancelled = true;
        exception.reason = reason;
        Ok(())
    }

    /// Moves one occurrence to another local time (same zone).
    pub fn move_occurrence(
        &mut self,
        date: Date,
        to: LocalDateTime,
        reason: Option<String>,
    ) -> Result<()> {
        let date = self.occurrence(Some(date))?;
        self.schedule()?.localise(to.0)?;
        let exception = self.exception(date);
        exception.cancelled = false;
        exception.moved_to = Some(to);
        if let Some(reason) = optional(reason) {
            exception.reason = Some(reason);
        }
        Ok(())
    }

    /// Records a member's answer for one occurrence.
    pub fn answer(&mut self, member: &MemberId, date: Option<Date>, answer: Rsvp) -> Result<Date> {
        let date = self.occurrence(date)?;
        self.rsvps.insert(format!("{date}/{member}"), answer);
        Ok(date)
    }

    /// Records how many people came to one occurrence.
    pub fn count_attendance(&mut self, date: Date, count: i64) -> Result<()> {
        let date = self.occurrence(Some(date))?;
        let count = u32::try_from(count).map_err(|_| ModelError::NegativeAttendance(count))?;
        self.attendance.insert(date.to_string(), count);
        Ok(())
    }

    fn exception(&mut self, date: Date) -> &mut Exception {
        self.exceptions
            .entry(date.to_string())
            .or_insert(Exception {
                cancelled: false,
                moved_to: None,
                reason: None,
            })
    }
}
