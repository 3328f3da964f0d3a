//! Comptoir's exports of a group: the agenda as iCalendar, a note as Markdown, the members as
//! CSV and everything as JSON.
//!
//! Every export is a pure function of a [`Group`](comptoir_model::Group) (read with
//! `GroupDoc::group()`): no IO and no clock; the caller passes "now" and writes the file.
//!
//! - [`ics::calendar`]: RFC 5545, local times with their zones and a VTIMEZONE for each zone,
//!   recurrences with cancelled and moved occurrences. No member data.
//! - [`markdown::note`]: a synthesis in French, to share or print.
//! - [`csv::members`]: the member list; email and phone only with the member's consent.
//! - [`json::group`]: the complete document, for data portability.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use comptoir_model::{
//!     ActorId, EventId, EventKind, GroupDoc, GroupId, GroupKind, LocalDateTime, NewEvent, Profile,
//! };
//!
//! let mut profile = Profile::new("Bistrot du Social de Dampremy", GroupKind::Bistrot)?;
//! profile.country = Some("BE".into());
//! let mut doc = GroupDoc::create(GroupId::from_random([7; 16]), profile, ActorId::random())?;
//! doc.add_event(EventId::from_random([1; 6]), NewEvent {
//!     title: "Bistrot du Social".into(),
//!     kind: EventKind::Bistrot,
//!     start: LocalDateTime::parse("2021-03-04T18:30")?,
//!     end: None,
//!     tz: None,
//!     repeat: Some("FREQ=MONTHLY;BYDAY=1TH".into()),
//!     venue: Some("Café Le Central".into()),
//!     address: None,
//!     online: None,
//!     theme: None,
//!     guests: Vec::new(),
//!     capacity: None,
//!     registration: None,
//! })?;
//!
//! let now = Utc.with_ymd_and_hms(2021, 3, 1, 9, 0, 0).unwrap();
//! let ics = comptoir_export::ics::calendar(&doc.group()?, now)?;
//! assert!(ics.contains("DTSTART;TZID=Europe/Brussels:20210304T183000\r\n"));
//! assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Brussels\r\n"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
mod french;
mod vtimezone;

pub mod csv;
pub mod ics;
pub mod json;
pub mod markdown;

pub use error::ExportError;
