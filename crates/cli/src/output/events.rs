//! Events as `event add`, `cancel` and `move` print them (and `group show` inside a group), and
//! the occurrences of `event list`.

use std::collections::BTreeMap;
use std::io::{self, Write};

use chrono::{DateTime, FixedOffset};
use comptoir_app::model;
use serde::{Serialize, Serializer};

use super::{Human, ToOutput, text};

/// An event as stored: its typed fields and what became of its occurrences.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub id: String,
    pub title: String,
    pub kind: &'static str,
    /// Local wall-clock time in `tz`, `YYYY-MM-DDTHH:MM`.
    pub start: String,
    pub end: Option<String>,
    pub tz: String,
    /// iCalendar RRULE value.
    pub repeat: Option<String>,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub online: Option<String>,
    pub theme: Option<String>,
    pub guests: Vec<String>,
    /// Member ids.
    pub facilitators: Vec<String>,
    pub capacity: Option<u32>,
    pub registration: &'static str,
    pub status: &'static str,
    pub reason: Option<String>,
    /// `YYYY-MM-DD` → what became of that occurrence.
    pub exceptions: BTreeMap<String, Exception>,
    /// `YYYY-MM-DD/member-id` → `yes`, `no` or `maybe`.
    pub rsvps: BTreeMap<String, &'static str>,
    /// `YYYY-MM-DD` → number of people who came.
    pub attendance: BTreeMap<String, u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exception {
    pub cancelled: bool,
    pub moved_to: Option<String>,
    pub reason: Option<String>,
}

/// One occurrence of an event, in local time with its offset (`event list`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Occurrence {
    /// The event's id.
    pub event: String,
    pub title: String,
    pub kind: &'static str,
    /// The original date: how commands name this occurrence.
    pub occurrence: String,
    #[serde(serialize_with = "rfc3339")]
    pub start: DateTime<FixedOffset>,
    #[serde(serialize_with = "rfc3339_opt")]
    pub end: Option<DateTime<FixedOffset>>,
    pub tz: String,
    pub status: &'static str,
    pub reason: Option<String>,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub online: Option<String>,
    pub theme: Option<String>,
    pub rsvp: RsvpCount,
    pub attendance: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RsvpCount {
    pub yes: u32,
    pub no: u32,
    pub maybe: u32,
}

/// `2021-09-02T18:30:00+02:00`.
fn rfc3339<S: Serializer>(dt: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&dt.format("%Y-%m-%dT%H:%M:%S%:z"))
}

fn rfc3339_opt<S: Serializer>(dt: &Option<DateTime<FixedOffset>>, s: S) -> Result<S::Ok, S::Error> {
    match dt {
        Some(dt) => rfc3339(dt, s),
        None => s.serialize_none(),
    }
}

impl ToOutput for model::Event {
    type Output = Event;
    fn to_output(&self) -> Event {
        Event {
            id: self.id.to_string(),
            title: self.title.clone(),
            kind: self.kind.code(),
            start: self.start.to_string(),
            end: text(&self.end),
            tz: self.tz.clone(),
            repeat: self.repeat.clone(),
            venue: self.venue.clone(),
            address: self.address.clone(),
            online: self.online.clone(),
            theme: self.theme.clone(),
            guests: self.guests.clone(),
            facilitators: self.facilitators.iter().map(|m| m.to_string()).collect(),
            capacity: self.capacity,
            registration: self.registration.code(),
            status: self.status.code(),
            reason: self.reason.clone(),
            exceptions: self
                .exceptions
                .iter()
                .map(|(date, e)| {
                    let exception = Exception {
                        cancelled: e.cancelled,
                        moved_to: text(&e.moved_to),
                        reason: e.reason.clone(),
                    };
                    (date.clone(), exception)
                })
                .collect(),
            rsvps: self
                .rsvps
                .iter()
                .map(|(key, answer)| (key.clone(), answer.code()))
                .collect(),
            attendance: self.attendance.clone(),
        }
    }
}

impl ToOutput for model::Occurrence {
    type Output = Occurrence;
    fn to_output(&self) -> Occurrence {
        Occurrence {
            event: self.event.to_string(),
            title: self.title.clone(),
            kind: self.kind.code(),
            occurrence: self.occurrence.to_string(),
            start: self.start,
            end: self.end,
            tz: self.tz.clone(),
            status: self.status.code(),
            reason: self.reason.clone(),
            venue: self.venue.clone(),
            address: self.address.clone(),
            online: self.online.clone(),
            theme: self.theme.clone(),
            rsvp: RsvpCount {
                yes: self.rsvp.yes,
                no: self.rsvp.no,
                maybe: self.rsvp.maybe,
            },
            attendance: self.attendance,
        }
    }
}

impl Human for Event {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        write!(
            out,
            "{}  {} ({}) — {} {}",
            self.id, self.title, self.kind, self.start, self.tz
        )?;
        if let Some(rule) = &self.repeat {
            write!(out, " — repeats {rule}")?;
        }
        writeln!(out, " — {}", self.status)
    }
}

impl Human for Occurrence {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        write!(
            out,
            "{}  {}  {} ({})",
            self.start.format("%Y-%m-%d %H:%M %:z"),
            self.event,
            self.title,
            self.kind
        )?;
        let place: Vec<&str> = [&self.venue, &self.online]
            .into_iter()
            .filter_map(|v| v.as_deref())
            .filter(|s| !s.is_empty())
            .collect();
        if !place.is_empty() {
            write!(out, " — {}", place.join(", "))?;
        }
        write!(out, " — {}", self.status)?;
        if let Some(reason) = &self.reason {
            write!(out, ": {reason}")?;
        }
        let r = self.rsvp;
        if r.yes + r.no + r.maybe > 0 {
            write!(
                out,
                " — answers: {} yes, {} no, {} maybe",
                r.yes, r.no, r.maybe
            )?;
        }
        if let Some(n) = self.attendance {
            write!(out, " — {n} came")?;
        }
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::super::{ToOutput, check, fixture};

    #[test]
    fn event_add_cancel_and_move() {
        // A repeating event with a cancelled, a moved and a counted occurrence.
        check(
            &fixture::thursdays().to_output(),
            expect![[r#"
            {
              "id": "00000000e001",
              "title": "Bistrot du jeudi",
              "kind": "bistrot",
              "start": "2021-09-02T18:30",
              "end": "2021-09-02T21:00",
              "tz": "Europe/Brussels",
              "repeat": "FREQ=WEEKLY;BYDAY=TH;UNTIL=20210930T215959Z",
              "venue": "Café de la Gare",
              "address": "Rue de la Gare 1",
              "online": "https://meet.example.org/fleurus",
              "theme": "La rentrée",
              "guests": [
                "Nadia Benali",
                "Paul Dupont"
              ],
              "facilitators": [],
              "capacity": 30,
              "registration": "open",
              "status": "planned",
              "reason": null,
              "exceptions": {
                "2021-09-09": {
                  "cancelled": true,
                  "moved_to": null,
                  "reason": "Fermeture du café"
                },
                "2021-09-16": {
                  "cancelled": false,
                  "moved_to": "2021-09-17T18:30",
                  "reason": "Jour férié"
                }
              },
              "rsvps": {
                "2021-09-02/00000000a003": "yes",
                "2021-09-23/00000000a002": "maybe"
              },
              "attendance": {
                "2021-09-02": 12
              }
            }"#]],
            expect![[r#"
            00000000e001  Bistrot du jeudi (bistrot) — 2021-09-02T18:30 Europe/Brussels — repeats FREQ=WEEKLY;BYDAY=TH;UNTIL=20210930T215959Z — planned
        "#]],
        );
        // A one-off event cancelled as a whole, with nothing optional given.
        check(
            &fixture::assembly().to_output(),
            expect![[r#"
            {
              "id": "00000000e002",
              "title": "Assemblée générale",
              "kind": "assemblee-generale",
              "start": "2021-10-15T19:00",
              "end": null,
              "tz": "Europe/Paris",
              "repeat": null,
              "venue": null,
              "address": null,
              "online": null,
              "theme": null,
              "guests": [],
              "facilitators": [],
              "capacity": null,
              "registration": "open",
              "status": "cancelled",
              "reason": "Reportée",
              "exceptions": {},
              "rsvps": {},
              "attendance": {}
            }"#]],
            expect![[r#"
            00000000e002  Assemblée générale (assemblee-generale) — 2021-10-15T19:00 Europe/Paris — cancelled
        "#]],
        );
    }

    #[test]
    fn event_list() {
        check(
            &fixture::agenda().to_output(),
            expect![[r#"
            [
              {
                "event": "00000000e001",
                "title": "Bistrot du jeudi",
                "kind": "bistrot",
                "occurrence": "2021-09-02",
                "start": "2021-09-02T18:30:00+02:00",
                "end": "2021-09-02T21:00:00+02:00",
                "tz": "Europe/Brussels",
                "status": "held",
                "reason": null,
                "venue": "Café de la Gare",
                "address": "Rue de la Gare 1",
                "online": "https://meet.example.org/fleurus",
                "theme": "La rentrée",
                "rsvp": {
                  "yes": 1,
                  "no": 0,
                  "maybe": 0
                },
                "attendance": 12
              },
              {
                "event": "00000000e001",
                "title": "Bistrot du jeudi",
                "kind": "bistrot",
                "occurrence": "2021-09-09",
                "start": "2021-09-09T18:30:00+02:00",
                "end": "2021-09-09T21:00:00+02:00",
                "tz": "Europe/Brussels",
                "status": "cancelled",
                "reason": "Fermeture du café",
                "venue": "Café de la Gare",
                "address": "Rue de la Gare 1",
                "online": "https://meet.example.org/fleurus",
                "theme": "La rentrée",
                "rsvp": {
                  "yes": 0,
                  "no": 0,
                  "maybe": 0
                },
                "attendance": null
              },
              {
                "event": "00000000e001",
                "title": "Bistrot du jeudi",
                "kind": "bistrot",
                "occurrence": "2021-09-16",
                "start": "2021-09-17T18:30:00+02:00",
                "end": "2021-09-17T21:00:00+02:00",
                "tz": "Europe/Brussels",
                "status": "moved",
                "reason": "Jour férié",
                "venue": "Café de la Gare",
                "address": "Rue de la Gare 1",
                "online": "https://meet.example.org/fleurus",
                "theme": "La rentrée",
                "rsvp": {
                  "yes": 0,
                  "no": 0,
                  "maybe": 0
                },
                "attendance": null
              },
              {
                "event": "00000000e001",
                "title": "Bistrot du jeudi",
                "kind": "bistrot",
                "occurrence": "2021-09-23",
                "start": "2021-09-23T18:30:00+02:00",
                "end": "2021-09-23T21:00:00+02:00",
                "tz": "Europe/Brussels",
                "status": "planned",
                "reason": null,
                "venue": "Café de la Gare",
                "address": "Rue de la Gare 1",
                "online": "https://meet.example.org/fleurus",
                "theme": "La rentrée",
                "rsvp": {
                  "yes": 0,
                  "no": 0,
                  "maybe": 1
                },
                "attendance": null
              },
              {
                "event": "00000000e001",
                "title": "Bistrot du jeudi",
                "kind": "bistrot",
                "occurrence": "2021-09-30",
                "start": "2021-09-30T18:30:00+02:00",
                "end": "2021-09-30T21:00:00+02:00",
                "tz": "Europe/Brussels",
                "status": "planned",
                "reason": null,
                "venue": "Café de la Gare",
                "address": "Rue de la Gare 1",
                "online": "https://meet.example.org/fleurus",
                "theme": "La rentrée",
                "rsvp": {
                  "yes": 0,
                  "no": 0,
                  "maybe": 0
                },
                "attendance": null
              },
              {
                "event": "00000000e002",
                "title": "Assemblée générale",
                "kind": "assemblee-generale",
                "occurrence": "2021-10-15",
                "start": "2021-10-15T19:00:00+02:00",
                "end": null,
                "tz": "Europe/Paris",
                "status": "cancelled",
                "reason": "Reportée",
                "venue": null,
                "address": null,
                "online": null,
                "theme": null,
                "rsvp": {
                  "yes": 0,
                  "no": 0,
                  "maybe": 0
                },
                "attendance": null
              }
            ]"#]],
            expect![[r#"
            2021-09-02 18:30 +02:00  00000000e001  Bistrot du jeudi (bistrot) — Café de la Gare, https://meet.example.org/fleurus — held — answers: 1 yes, 0 no, 0 maybe — 12 came
            2021-09-09 18:30 +02:00  00000000e001  Bistrot du jeudi (bistrot) — Café de la Gare, https://meet.example.org/fleurus — cancelled: Fermeture du café
            2021-09-17 18:30 +02:00  00000000e001  Bistrot du jeudi (bistrot) — Café de la Gare, https://meet.example.org/fleurus — moved: Jour férié
            2021-09-23 18:30 +02:00  00000000e001  Bistrot du jeudi (bistrot) — Café de la Gare, https://meet.example.org/fleurus — planned — answers: 0 yes, 0 no, 1 maybe
            2021-09-30 18:30 +02:00  00000000e001  Bistrot du jeudi (bistrot) — Café de la Gare, https://meet.example.org/fleurus — planned
            2021-10-15 19:00 +02:00  00000000e002  Assemblée générale (assemblee-generale) — cancelled: Reportée
        "#]],
        );
    }
}
