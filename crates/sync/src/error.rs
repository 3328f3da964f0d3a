//! The one error type of the sync crate: why a frame, a message or a group was refused.

use comptoir_model::GroupId;
use thiserror::Error;

use crate::wire::VERSION;

/// Why something was refused. Carried by [`crate::Effect::Refused`] for logs and status; nothing
/// is ever sent back to the peer for it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SyncError {
    #[error("the frame is {len} bytes, more than the {max} allowed")]
    FrameTooLarge { len: usize, max: usize },
    #[error("not a Comptoir sync frame (wrong magic bytes)")]
    BadMagic,
    #[error("sync frame version {0} is not supported (this build speaks version {VERSION})")]
    UnsupportedVersion(u8),
    #[error("unknown frame kind {0}")]
    UnknownKind(u8),
    #[error("unknown form {0} of seals")]
    UnknownSeals(u8),
    #[error("the seals beside a message do not match its changes")]
    SealsMismatch,
    #[error("the frame is truncated: {0} is missing")]
    Truncated(&'static str),
    #[error("{0} unexpected bytes after the end of the frame")]
    TrailingBytes(usize),
    #[error("a batch with no entries")]
    EmptyBatch,
    #[error("a group id that is not 32 lowercase hexadecimal characters")]
    BadGroupId,
    #[error("cannot sync group {0}: its id is not 32 lowercase hexadecimal characters")]
    InvalidGroupId(GroupId),
    #[error("a fragment from a peer that shares no group")]
    NothingShared,
    #[error("bad fragment: {0}")]
    BadFragment(&'static str),
    #[error("reassembling this message would hold {needed} bytes, more than the {max} allowed")]
    ReassemblyFull { needed: usize, max: usize },
    #[error("the peer sent more than {max} bytes in a minute: its frames wait for the next one")]
    OverBudget { max: u64 },
    #[error("a frame from a peer that is not connected")]
    NotConnected,
    #[error("group {group} is not shared with this peer")]
    NotShared { group: GroupId },
    #[error("invalid sync message for group {group}: {reason}")]
    BadSyncMessage { group: GroupId, reason: String },
    #[error("changes for group {group} were not applied: {reason}")]
    BadChanges { group: GroupId, reason: String },
    /// Not the peer's fault as such: changes by devices our copy of the group's log does not
    /// name yet, set aside until the log that registers them arrives (and then asked again).
    #[error(
        "changes for group {group} wait for its membership log: {count} by devices it does not name yet"
    )]
    AuthorsUnknown { group: GroupId, count: usize },
    #[error("group {group} as received is not the one this device was invited to: {reason}")]
    NotInvited { group: GroupId, reason: String },
}

impl SyncError {
    /// The kind of refusal, one short name per variant (`"frame-too-large"`…): what refusals
    /// are counted by, whatever the details of each.
    pub fn cause(&self) -> &'static str {
        match self {
            SyncError::FrameTooLarge { .. } => "frame-too-large",
            SyncError::BadMagic => "bad-magic",
            SyncError::UnsupportedVersion(_) => "unsupported-version",
            SyncError::UnknownKind(_) => "unknown-kind",
            SyncError::UnknownSeals(_) => "unknown-seals",
            SyncError::SealsMismatch => "seals-mismatch",
            SyncError::Truncated(_) => "truncated",
            SyncError::TrailingBytes(_) => "trailing-bytes",
            SyncError::EmptyBatch => "empty-batch",
            SyncError::BadGroupId => "bad-group-id",
            SyncError::InvalidGroupId(_) => "invalid-group-id",
            SyncError::NothingShared => "nothing-shared",
            SyncError::BadFragment(_) => "bad-fragment",
            SyncError::ReassemblyFull { .. } => "reassembly-full",
            SyncError::OverBudget { .. } => "over-budget",
            SyncError::NotConnected => "not-connected",
            SyncError::NotShared { .. } => "not-shared",
            SyncError::BadSyncMessage { .. } => "bad-sync-message",
            SyncError::BadChanges { .. } => "bad-changes",
            SyncError::AuthorsUnknown { .. } => "authors-unknown",
            SyncError::NotInvited { .. } => "not-invited",
        }
    }
}
