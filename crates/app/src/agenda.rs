//! The agenda: adding events, listing occurrences, and what happens to each occurrence.

use chrono::{Days, NaiveDate};
use comptoir_model::{
    Date, Event, EventChanges, EventId, GroupDoc, LocalDateTime, MemberId, NewEvent, Occurrence,
    Rsvp, occurrences,
};

use crate::members::member_id;
use crate::resolve::resolve;
use crate::{App, Result};

/// How far ahead the agenda looks when no end is given.
const DEFAULT_HORIZON: Days = Days::new(366);

pub(crate) fn event_id(doc: &GroupDoc, query: &str) -> Result<EventId> {
    // An exact id is found without reading the whole collection.
    let exact = EventId::new(query.trim());
    if doc.has_event(&exact)? {
        return Ok(exact);
    }
    let events = doc.events()?;
    let found = resolve(
        "event",
        query,
        events.values().map(|e| (e.id.as_str(), e.title.as_str())),
    )?;
    Ok(EventId::new(found))
}

impl App {
    /// Adds an event (its zone defaults to the group's country's).
    pub fn add_event(&mut self, group: &str, new: NewEvent) -> Result<Event> {
        self.edit(group, |doc| {
            Ok(doc.add_event(EventId::from_random(rand::random()), new)?)
        })
    }

    /// The occurrences between two dates (inclusive): from the first one when `from` is
    /// `None`, up to a year from today when `to` is `None`.
    pub fn agenda(
        &mut self,
        group: &str,
        from: Option<Date>,
        to: Option<Date>,
    ) -> Result<Vec<Occurrence>> {
        let to = to.map(|d| d.0).unwrap_or_else(|| self.horizon());
        let doc = self.read_mut(group)?;
        let events = doc.events_view()?;
        Ok(occurrences(events.values(), from.map(|d| d.0), to)?)
    }

    fn horizon(&self) -> NaiveDate {
        let today = self.today_naive();
        today.checked_add_days(DEFAULT_HORIZON).unwrap_or(today)
    }

    pub fn event(&mut self, group: &str, event: &str) -> Result<Event> {
        let doc = self.read(group)?;
        Ok(doc.event(&event_id(doc, event)?)?)
    }

    /// Changes what was typed about an event (title, times, recurrence, place…), checked as
    /// for a new event. What became of its occurrences is kept.
    pub fn edit_event(&mut self, group: &str, event: &str, changes: EventChanges) -> Result<Event> {
        self.edit(group, |doc| {
            let id = event_id(doc, event)?;
            Ok(doc.update_event(&id, |e| e.apply(changes))?.0)
        })
    }

    /// Cancels one occurrence, or the whole event when no occurrence is given.
    pub fn cancel_event(
        &mut self,
        group: &str,
        event: &str,
        occurrence: Option<Date>,
        reason: Option<String>,
    ) -> Result<Event> {
        self.edit(group, |doc| {
            let id = event_id(doc, event)?;
            Ok(doc.update_event(&id, |e| e.cancel(occurrence, reason))?.0)
        })
    }

    /// Moves one occurrence to another local time.
    pub fn move_occurrence(
        &mut self,
        group: &str,
        event: &str,
        occurrence: Date,
        to: LocalDateTime,
        reason: Option<String>,
    ) -> Result<Event> {
        self.edit(group, |doc| {
            let id = event_id(doc, event)?;
            Ok(doc
                .update_event(&id, |e| e.move_occurrence(occurrence, to, reason))?
                .0)
        })
    }

    /// Records a member's answer for an occurrence; returns the event, the member and the
    /// occurrence's date as resolved.
    pub fn rsvp(
        &mut self,
        group: &str,
        event: &str,
        member: &str,
        answer: Rsvp,
        occurrence: Option<Date>,
    ) -> Result<(EventId, MemberId, Date)> {
        self.edit(group, |doc| {
            let id = event_id(doc, event)?;
            let member = member_id(doc, member)?;
            let (_, date) = doc.update_event(&id, |e| e.answer(&member, occurrence, answer))?;
            Ok((id, member, date))
        })
    }

    /// Records how many people came.
    pub fn attendance(
        &mut self,
        group: &str,
        event: &str,
        occurrence: Date,
        count: i64,
    ) -> Result<Event> {
        self.edit(group, |doc| {
            let id = event_id(doc, event)?;
            Ok(doc
                .update_event(&id, |e| e.count_attendance(occurrence, count))?
                .0)
        })
    }
}

#[cfg(test)]
mod tests {
    use comptoir_model::{Cadence, Date, EventKind, LocalDateTime, NewEvent, Repetition, Weekday};

    use crate::test_support::bistrot;
    use crate::{App, ErrorKind, EventChanges};

    #[test]
    fn an_edited_event_is_stored_and_a_bad_edit_changes_nothing()
    -> Result<(), Box<dyn std::error::Error>> {
        // 1. A bistrot plans its Friday evenings.
        let dir = tempfile::tempdir()?;
        let mut app = App::open(dir.path())?;
        let group = app.create_group(bistrot("Bistrot du Social de Jupille", None))?;
        let group = group.id.to_string();
        let event = app.add_event(
            &group,
            NewEvent {
                title: "Bistrot du vendredi".into(),
                kind: EventKind::Bistrot,
                start: LocalDateTime::parse("2026-12-04T18:30")?,
                end: None,
                tz: None,
                repeat: Some("FREQ=WEEKLY;COUNT=6".into()),
                venue: None,
                address: None,
                online: None,
                theme: None,
                guests: Vec::new(),
                capacity: None,
                registration: None,
            },
        )?;
        let id = event.id.to_string();

        // 2. It moves to the café next door, as another process reading the store sees.
        let moved = EventChanges {
            venue: Some("Café de la Gare".into()),
            ..EventChanges::default()
        };
        app.edit_event(&group, &id, moved)?;
        let mut reopened = App::open(dir.path())?;
        let stored = reopened.event(&group, &id)?;
        assert_eq!(stored.venue.as_deref(), Some("Café de la Gare"));
        assert_eq!(stored.title, "Bistrot du vendredi");

        // 3. An empty title is refused and the event is as it was.
        let blank = EventChanges {
            title: Some("  ".into()),
            ..EventChanges::default()
        };
        let refused = app.edit_event(&group, &id, blank);
        assert_eq!(
            refused.map(|_| ()).map_err(|e| e.kind()),
            Err(ErrorKind::InvalidInput)
        );
        assert_eq!(app.event(&group, &id)?, stored);
        Ok(())
    }

    #[test]
    fn a_repetition_chosen_in_words_is_stored_and_read_back()
    -> Result<(), Box<dyn std::error::Error>> {
        // 1. A weekly permanence, as the CLI plans it.
        let dir = tempfile::tempdir()?;
        let mut app = App::open(dir.path())?;
        let group = app.create_group(bistrot("Bistrot du Social de Jupille", None))?;
        let group = group.id.to_string();
        let event = app.add_event(
            &group,
            NewEvent {
                title: "Permanence".into(),
                kind: EventKind::OfficeHours,
                start: LocalDateTime::parse("2026-12-04T10:00")?,
                end: None,
                tz: None,
                repeat: Some("FREQ=WEEKLY".into()),
                venue: None,
                address: None,
                online: None,
                theme: None,
                guests: Vec::new(),
                capacity: None,
                registration: None,
            },
        )?;
        let id = event.id.to_string();

        // 2. The form makes it the last Friday of each month until June.
        let last_friday = Repetition::Every {
            cadence: Cadence::MonthlyOnWeekday {
                week: -1,
                weekday: Weekday::Fri,
            },
            until: Some(Date::parse("2027-06-30")?),
        };
        let changes = EventChanges {
            start: Some(LocalDateTime::parse("2026-12-25T10:00")?),
            repeat: Some(last_friday.clone()),
            ..EventChanges::default()
        };
        app.edit_event(&group, &id, changes)?;

        // 3. Another process reads the same choice back, and seven occurrences.
        let mut reopened = App::open(dir.path())?;
        assert_eq!(reopened.event(&group, &id)?.repetition()?, last_friday);
        let agenda = reopened.agenda(&group, None, Some(Date::parse("2027-12-31")?))?;
        assert_eq!(
            agenda.first().map(|o| o.occurrence.to_string()).as_deref(),
            Some("2026-12-25")
        );
        assert_eq!(
            agenda.last().map(|o| o.occurrence.to_string()).as_deref(),
            Some("2027-06-25")
        );
        assert_eq!(agenda.len(), 7);
        Ok(())
    }
}
