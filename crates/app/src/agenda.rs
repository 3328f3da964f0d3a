//! The agenda: adding events, listing occurrences, and what happens to each occurrence.

use chrono::{Days, NaiveDate};
use comptoir_model::{
    Date, Event, EventId, GroupDoc, LocalDateTime, MemberId, NewEvent, Occurrence, Rsvp,
    occurrences,
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
        &self,
        group: &str,
        from: Option<Date>,
        to: Option<Date>,
    ) -> Result<Vec<Occurrence>> {
        let doc = self.read(group)?;
        let to = to.map(|d| d.0).unwrap_or_else(|| self.horizon());
        let events = doc.events()?;
        Ok(occurrences(events.values(), from.map(|d| d.0), to)?)
    }

    fn horizon(&self) -> NaiveDate {
        let today = self.today_naive();
        today.checked_add_days(DEFAULT_HORIZON).unwrap_or(today)
    }

    pub fn event(&self, group: &str, event: &str) -> Result<Event> {
        let doc = self.read(group)?;
        Ok(doc.event(&event_id(&doc, event)?)?)
    }

    /// Changes what was typed about an event (title, times, recurrence, place…): `change`
    /// receives the event as a form shows it. What became of its occurrences is kept.
    pub fn edit_event(
        &mut self,
        group: &str,
        event: &str,
        change: impl FnOnce(&mut NewEvent) -> Result<()>,
    ) -> Result<Event> {
        self.edit(group, |doc| {
            let id = event_id(doc, event)?;
            let mut draft = doc.event(&id)?.draft();
            change(&mut draft)?;
            Ok(doc.update_event(&id, |e| e.revise(draft))?.0)
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
    use comptoir_model::{EventKind, LocalDateTime, NewEvent};

    use crate::App;
    use crate::test_support::bistrot;

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
        app.edit_event(&group, &id, |draft| {
            draft.venue = Some("Café de la Gare".into());
            Ok(())
        })?;
        let reopened = App::open(dir.path())?;
        let stored = reopened.event(&group, &id)?;
        assert_eq!(stored.venue.as_deref(), Some("Café de la Gare"));
        assert_eq!(stored.title, "Bistrot du vendredi");

        // 3. An empty title is refused and the event is as it was.
        let refused = app.edit_event(&group, &id, |draft| {
            draft.title = "  ".into();
            Ok(())
        });
        assert_eq!(
            refused.map(|_| ()).map_err(|e| e.code()),
            Err("invalid-input")
        );
        assert_eq!(app.event(&group, &id)?, stored);
        Ok(())
    }
}
