//! The agenda as the UI reads it: occurrences in a window, and what can happen to one.

use serde::{Deserialize, Serialize};

/// Which occurrences to list: `from..=to`, both `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaQuery {
    pub group: String,
    pub from: String,
    pub to: String,
}

/// One occurrence of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    /// The event's id.
    pub event: String,
    pub title: String,
    pub kind: EventKind,
    /// The occurrence's original date (`YYYY-MM-DD`), which names it even once moved.
    pub occurrence: String,
    /// Local start with its offset, e.g. `2021-03-04T18:30:00+01:00`.
    pub start: String,
    pub end: Option<String>,
    /// IANA zone, e.g. `Europe/Brussels`.
    pub tz: String,
    pub status: OccurrenceStatus,
    /// Why it was cancelled or moved.
    pub reason: Option<String>,
    pub venue: Option<String>,
    pub address: Option<String>,
    /// A video link.
    pub online: Option<String>,
    pub theme: Option<String>,
    pub rsvp: RsvpCount,
    /// How many people came, counted after the fact.
    pub attendance: Option<u32>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RsvpCount {
    pub yes: u32,
    pub no: u32,
    pub maybe: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OccurrenceStatus {
    Planned,
    Moved,
    Cancelled,
    Held,
}

/// Cancels one occurrence, with a reason people will read ("pour cause de grève").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelOccurrence {
    pub group: String,
    pub event: String,
    /// The occurrence's original date, `YYYY-MM-DD`.
    pub occurrence: String,
    pub reason: String,
}

/// Moves one occurrence to another local time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveOccurrence {
    pub group: String,
    pub event: String,
    pub occurrence: String,
    /// Local wall-clock time, `YYYY-MM-DDTHH:MM`.
    pub to: String,
    pub reason: String,
}

/// Names one event of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRef {
    pub group: String,
    pub event: String,
}

/// A member's answer for one occurrence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub group: String,
    pub event: String,
    /// The occurrence's original date, `YYYY-MM-DD`.
    pub occurrence: String,
    /// The member's id.
    pub member: String,
    pub answer: Rsvp,
}

/// Whether someone comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rsvp {
    Yes,
    Maybe,
    No,
}

impl Rsvp {
    pub const ALL: [Rsvp; 3] = [Rsvp::Yes, Rsvp::Maybe, Rsvp::No];
}

/// How many people came to one occurrence, counted after the fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    pub group: String,
    pub event: String,
    /// The occurrence's original date, `YYYY-MM-DD`.
    pub occurrence: String,
    pub count: u32,
}

/// What sort of meeting an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Bistrot,
    PauseCafe,
    Ebullition,
    GeneralAssembly,
    MeetingDay,
    Training,
    BoardMeeting,
    OfficeHours,
    WorkingGroup,
    Workshop,
    Other,
}

impl EventKind {
    pub const ALL: [EventKind; 11] = [
        EventKind::Bistrot,
        EventKind::PauseCafe,
        EventKind::Ebullition,
        EventKind::GeneralAssembly,
        EventKind::MeetingDay,
        EventKind::Training,
        EventKind::BoardMeeting,
        EventKind::OfficeHours,
        EventKind::WorkingGroup,
        EventKind::Workshop,
        EventKind::Other,
    ];
}
