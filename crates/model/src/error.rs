//! The one error type of the domain crate: every variant is something a caller can show or act on.

use thiserror::Error;

/// What can go wrong when reading or changing a group document.
#[derive(Debug, Error)]
pub enum ModelError {
    #[error("{field} must not be empty")]
    EmptyField { field: &'static str },
    #[error("invalid date or time {value:?}: expected {expected}")]
    InvalidDate {
        value: String,
        expected: &'static str,
    },
    #[error("unknown {what} {value:?}: expected one of {expected}")]
    UnknownValue {
        what: &'static str,
        value: String,
        expected: String,
    },
    #[error("unknown time zone {0:?}: use an IANA name such as Europe/Brussels or Europe/Paris")]
    UnknownZone(String),
    #[error("no default time zone for country {country:?}: pass a zone such as Europe/Brussels")]
    NoDefaultZone { country: Option<String> },
    #[error("invalid recurrence rule {rule:?}: {reason}")]
    InvalidRecurrence { rule: String, reason: String },
    #[error("the end {end} is not after the start {start}")]
    EndBeforeStart { start: String, end: String },
    #[error("the capacity must be zero or more, not {0}")]
    NegativeCapacity(i64),
    #[error("attendance must be zero or more, not {0}")]
    NegativeAttendance(i64),
    #[error("invalid coordinates {lat}, {lon}: latitude is -90..90 and longitude -180..180")]
    InvalidCoordinates { lat: f64, lon: f64 },
    #[error("invalid country code {0:?}: expected two letters such as BE or FR")]
    InvalidCountry(String),
    #[error("invalid email address {0:?}")]
    InvalidEmail(String),
    #[error("invalid link {0:?}: expected an address starting with https:// or http://")]
    InvalidLink(String),
    #[error("no {what} with id {id:?} in this group")]
    NotFound { what: &'static str, id: String },
    #[error("device {0} was revoked from this group and cannot be added back")]
    Revoked(String),
    #[error("this event has no occurrence on {date}")]
    NoSuchOccurrence { date: String },
    #[error("this event repeats, so say which occurrence (a date such as {example})")]
    OccurrenceRequired { example: String },
    #[error("these bytes are not a Comptoir group document: {0}")]
    NotAGroupDocument(String),
    #[error(
        "this group was written by a newer Comptoir (schema {found}, this one knows {supported}); update Comptoir to open it"
    )]
    NewerSchema { found: u64, supported: u64 },
    /// Changes written by devices the group's membership log does not let write there (a
    /// removed device's later changes, an unknown author's).
    #[error("{count} change(s) written by a device that may not write this group were refused")]
    UnauthorizedChanges { count: usize },
    /// Changes whose authors the membership log given does not name yet were set aside: their
    /// registration is most likely on its way (the log travels beside the document).
    #[error("{count} change(s) by devices this group's log does not name yet were set aside")]
    UnknownAuthors { count: usize },
    /// Changes that would break the group's document (its profile deleted, a collection
    /// replaced) were refused.
    #[error("changes that would break the group's document were refused: {0}")]
    ShapeBroken(String),
    /// A peer kept sending changes whose dependencies never came (see [`crate::pending`]).
    #[error(
        "changes waiting for missing dependencies went past the budget ({messages} messages, {bytes} bytes) and were let go"
    )]
    TooManyWaiting { messages: u32, bytes: u64 },
    #[error("the document is unreadable: {0}")]
    Automerge(Box<automerge::AutomergeError>),
    #[error("the document holds unexpected data: {0}")]
    Hydrate(Box<autosurgeon::HydrateError>),
    #[error("could not write to the document: {0}")]
    Reconcile(Box<autosurgeon::ReconcileError>),
}

// The wrapped library errors are boxed to keep `Result`s small on the happy path.
macro_rules! boxed_from {
    ($($source:ty => $variant:ident),+) => {$(
        impl From<$source> for ModelError {
            fn from(e: $source) -> Self {
                ModelError::$variant(Box::new(e))
            }
        }
    )+};
}
boxed_from!(
    automerge::AutomergeError => Automerge,
    autosurgeon::HydrateError => Hydrate,
    autosurgeon::ReconcileError => Reconcile
);

/// Result alias of this crate.
pub type Result<T, E = ModelError> = std::result::Result<T, E>;
