//! The one error type of the application facade, with a stable code for every variant.

use comptoir_export::ExportError;
use comptoir_model::{GroupId, ModelError};
use comptoir_store::StoreError;
use thiserror::Error;

/// What can go wrong in a Comptoir operation.
#[derive(Debug, Error)]
pub enum AppError {
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Net(#[from] comptoir_net::NetError),
    #[error(transparent)]
    Sync(#[from] comptoir_sync::SyncError),
    #[error("no {what} matches {query:?}")]
    NotFound { what: &'static str, query: String },
    #[error("{query:?} matches several {what}s ({matches}); give more of the id")]
    Ambiguous {
        what: &'static str,
        query: String,
        matches: String,
    },
    #[error(
        "no data directory could be found for this user; pass --data-dir or set COMPTOIR_DATA_DIR"
    )]
    NoDataDir,
    #[error(transparent)]
    Invitation(#[from] InvitationError),
    #[error("{0}")]
    Invalid(String),
    /// A stored group could not be read; every other group works as usual.
    #[error("group {group} could not be read: {reason}")]
    Damaged { group: GroupId, reason: String },
    #[error("stored group {group} holds another group's document")]
    WrongDocument { group: GroupId },
    /// The peers reached share no group with this device.
    #[error("the peers reached share no group with this device (were you invited?)")]
    NothingShared,
    #[error("no peer could be reached within {seconds} s")]
    NoPeerReached { seconds: u64 },
    #[error("not every shared group was up to date within {seconds} s")]
    NotUpToDate { seconds: u64 },
    /// The network is not running on this device (sync could not start).
    #[error("this device is offline: sync is not running")]
    Offline,
    /// The running peer stopped (its handle outlived it).
    #[error("the running peer has stopped")]
    NodeStopped,
    #[error("cannot {what}: {source}")]
    Io {
        what: &'static str,
        source: std::io::Error,
    },
}

impl AppError {
    /// A stable, machine-readable code (for scripts and the desktop interface).
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Model(e) => match e {
                ModelError::NotFound { .. } => "not-found",
                ModelError::NotAGroupDocument(_) | ModelError::Automerge(_) => "not-a-group",
                ModelError::NewerSchema { .. } => "newer-version",
                ModelError::Hydrate(_) | ModelError::Reconcile(_) => "document-damaged",
                _ => "invalid-input",
            },
            AppError::Store(e) => match e {
                StoreError::Corrupt { .. } | StoreError::Damaged(_) => "database-damaged",
                StoreError::NewerDatabase { .. } => "newer-version",
                StoreError::Busy => "busy",
                StoreError::UnknownDocument(_) => "not-found",
                _ => "storage",
            },
            AppError::Export(_) => "export",
            AppError::Net(_) => "network",
            AppError::Sync(_) => "sync",
            AppError::NotFound { .. } => "not-found",
            AppError::Ambiguous { .. } => "ambiguous",
            AppError::NoDataDir => "no-data-dir",
            AppError::Invitation(e) => match e {
                InvitationError::Unreachable { .. } | InvitationError::InviterLeft => "network",
                _ => "invalid-input",
            },
            AppError::Invalid(_) => "invalid-input",
            AppError::Damaged { .. } | AppError::WrongDocument { .. } => "document-damaged",
            AppError::NodeStopped | AppError::Offline => "network",
            AppError::NothingShared => "invalid-input",
            AppError::NoPeerReached { .. } | AppError::NotUpToDate { .. } => "network",
            AppError::Io { .. } => "io",
        }
    }
}

/// Why an invitation code could not be used. Each case is something the person can act on.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InvitationError {
    /// The code was mistyped or is not a Comptoir code.
    #[error("this invitation code is not valid: {reason}")]
    Malformed { reason: String },
    /// The code's own expiry has passed.
    #[error("this invitation has expired; ask for a new code")]
    Expired,
    /// The inviting device refused it.
    #[error("the invitation was refused: {0}")]
    Refused(Refusal),
    /// The inviting device was not found in time.
    #[error(
        "the inviting device could not be reached within {seconds} s (is it running `comptoir serve`, on this network?)"
    )]
    Unreachable { seconds: u64 },
    #[error("the inviting device went away before the group arrived")]
    InviterLeft,
}

/// Why the inviting device refused a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum Refusal {
    #[error("it has expired; ask for a new code")]
    Expired,
    #[error("it was already used; ask for a new code")]
    AlreadyUsed,
    #[error("the inviting device does not recognise it")]
    NotRecognised,
}

/// Result alias of this crate.
pub type Result<T, E = AppError> = std::result::Result<T, E>;
