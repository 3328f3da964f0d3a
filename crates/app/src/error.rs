//! The one error type of the application facade, its kind (what a caller matches on), and a
//! stable code for every kind.

use std::fmt;
use std::path::PathBuf;

use comptoir_export::ExportError;
use comptoir_model::{GroupId, ModelError};
use comptoir_store::StoreError;
use thiserror::Error;

/// What can go wrong in a Comptoir operation. The English messages are for logs and the CLI;
/// a caller decides what to do from [`AppError::kind`] (or the variant itself), never from the
/// text.
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
    /// What was typed is not a network address (a multiaddr, `IP:port` or an IP).
    #[error("{text:?} is not a network address such as /ip4/192.168.1.20/tcp/4001: {reason}")]
    BadAddress { text: String, reason: String },
    /// An invitation can only name TCP addresses, and this one is not.
    #[error("{text:?} is not a TCP address such as /ip4/192.168.1.20/tcp/4710")]
    NotTcpAddress { text: String },
    /// `export --format` named a format that does not exist.
    #[error("unknown export format {text:?}: expected json, ics, md, csv or automerge")]
    UnknownExportFormat { text: String },
    /// An invitation lives from a second to seven days.
    #[error(
        "an invitation cannot last {seconds} s: give it a lifetime between one second and seven days"
    )]
    BadLifetime { seconds: u64 },
    /// This device tried to revoke itself, which would lock it out of the group for good.
    #[error("this device cannot revoke itself; revoke it from another device")]
    SelfRevocation,
    /// Only a facilitator device of the group may invite.
    #[error("this device is not a facilitator device of this group")]
    NotFacilitatorDevice,
    /// Only an admin of the group (its membership log says who) may invite or remove devices.
    #[error(
        "only an admin device of this group may invite devices, let them in, remove them or change their roles"
    )]
    NotAdmin,
    /// An admin removed this device from the group: it may no longer change it or sync it.
    #[error("an admin removed this device from group {group}; ask an admin for a new invitation")]
    RemovedFromGroup { group: GroupId },
    /// This device's role in the group writes nothing (a federation receives what is published).
    #[error("this device only receives what group {group} publishes; it cannot change it")]
    ReadOnlyDevice { group: GroupId },
    /// The peer named is not a device of the group.
    #[error("{peer} is not a device of this group (`comptoir device list` shows them)")]
    NotADevice { peer: String },
    /// The group would be left without an admin.
    #[error("this is the group's last admin device: make another device admin first")]
    LastAdmin,
    /// No device waits under this request id (see `invite pending`).
    #[error("no join request {request}: `comptoir invite pending` lists those waiting")]
    UnknownJoinRequest { request: String },
    /// The request was decided already, or its code was used or expired meanwhile.
    #[error("join request {request} was decided already, or its code was used or has expired")]
    JoinRequestClosed { request: String },
    /// The document stored under a group's id is another group's: the database was tampered
    /// with or damaged, and is left as it is.
    #[error("stored group {group} holds another group's document; it was left untouched")]
    WrongDocument { group: GroupId },
    /// A group's membership log is not valid (a signature, the encoding, an operation no
    /// device had the right to make): it was left untouched.
    #[error("the membership log of group {group} is not valid: {source}")]
    MembershipLog {
        group: GroupId,
        #[source]
        source: comptoir_authority::Error,
    },
    /// The device key is not an Ed25519 key, which membership logs need.
    #[error("the device key is not an Ed25519 key")]
    DeviceKeyNotEd25519,
    /// The device key file exists but cannot be read as a key; it is never replaced.
    #[error(
        "the device key {path} is unreadable ({source}); it was left untouched: restore it from a backup"
    )]
    DeviceKeyUnreadable {
        path: PathBuf,
        source: libp2p_identity::DecodingError,
    },
    /// A freshly made device key could not be encoded (a bug: nothing was written).
    #[error("cannot encode the new device key: {source}")]
    DeviceKeyEncoding {
        source: libp2p_identity::DecodingError,
    },
    /// One of this device's own messages or settings could not be written as JSON (a bug).
    #[error("cannot encode {what}: {source}")]
    Encode {
        what: &'static str,
        source: serde_json::Error,
    },
    /// A stored group could not be read: it is set aside, and every other group works as usual.
    #[error("group {group} could not be read, and was left untouched: {reason}")]
    Damaged {
        group: GroupId,
        reason: String,
        /// What kind of problem it is (a damaged document, one from a newer version…).
        cause: ErrorKind,
    },
    /// The network is not running on this device (sync could not start).
    #[error("this device is offline: sync is not running")]
    Offline,
    /// The running node stopped while a handle was waiting for it.
    #[error("the running peer has stopped")]
    NodeStopped,
    /// The peers reached were found, but none of them shares a group with this device.
    #[error("the peers reached share no group with this device (were you invited?)")]
    NothingShared,
    /// No peer answered within the time given.
    #[error("no peer could be reached within {seconds} s")]
    NoPeerReached { seconds: u64 },
    /// Peers were reached, but some shared group was not up to date within the time given.
    #[error("not every shared group was up to date within {seconds} s")]
    SyncIncomplete { seconds: u64 },
    #[error("cannot {action}: {source}")]
    Io {
        action: IoAction,
        source: std::io::Error,
    },
}

/// What a failed file operation was doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum IoAction {
    ReadDeviceKey,
    WriteDeviceKey,
    FindExportFolder,
    SaveExport,
    LeaseWriter,
}

impl fmt::Display for IoAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IoAction::ReadDeviceKey => "read the device key",
            IoAction::WriteDeviceKey => "write the device key",
            IoAction::FindExportFolder => "find a folder for exports",
            IoAction::SaveExport => "save an export",
            IoAction::LeaseWriter => "take a writer slot in the data directory",
        })
    }
}

/// The kind of an [`AppError`]: what a caller matches on to decide what to do. More kinds may
/// come; match the ones you act on and treat the rest alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The group, member, event, note or device named is not here.
    NotFound,
    /// What was typed matches several things.
    Ambiguous,
    /// What was typed was refused; nothing was changed.
    InvalidInput,
    /// The operation is refused for this device (revoking itself, inviting without being a
    /// facilitator device, adding back a revoked device).
    NotAllowed,
    /// The bytes are not a Comptoir group.
    NotAGroup,
    /// A newer Comptoir wrote this group or this database.
    NewerVersion,
    /// A group's stored document is damaged; it was left untouched.
    DocumentDamaged,
    /// The database is damaged; it was left untouched.
    DatabaseDamaged,
    /// The device key is unreadable; it was left untouched.
    DeviceKeyDamaged,
    /// Another process holds the database.
    Busy,
    /// Another storage failure.
    Storage,
    /// An export could not be made.
    Export,
    /// A peer could not be reached, went away, or the network stopped.
    Network,
    /// Sync failed, or there was nothing to sync, or it did not finish in time.
    Sync,
    /// No data directory for this user.
    NoDataDir,
    /// The invitation code cannot be used (mistyped, expired, refused): ask for a new one.
    Invitation,
    /// Reading or writing a file failed.
    Io,
    /// A bug in Comptoir.
    Internal,
}

impl ErrorKind {
    /// A stable, machine-readable code (for scripts and logs).
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::NotFound => "not-found",
            ErrorKind::Ambiguous => "ambiguous",
            ErrorKind::InvalidInput => "invalid-input",
            ErrorKind::NotAllowed => "not-allowed",
            ErrorKind::NotAGroup => "not-a-group",
            ErrorKind::NewerVersion => "newer-version",
            ErrorKind::DocumentDamaged => "document-damaged",
            ErrorKind::DatabaseDamaged => "database-damaged",
            ErrorKind::DeviceKeyDamaged => "device-key-damaged",
            ErrorKind::Busy => "busy",
            ErrorKind::Storage => "storage",
            ErrorKind::Export => "export",
            ErrorKind::Network => "network",
            ErrorKind::Sync => "sync",
            ErrorKind::NoDataDir => "no-data-dir",
            ErrorKind::Invitation => "invitation",
            ErrorKind::Io => "io",
            ErrorKind::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl AppError {
    /// What kind of failure this is, whichever layer it came from.
    pub fn kind(&self) -> ErrorKind {
        match self {
            AppError::Model(e) => match e {
                ModelError::NotFound { .. } => ErrorKind::NotFound,
                ModelError::NotAGroupDocument(_) | ModelError::Automerge(_) => ErrorKind::NotAGroup,
                ModelError::NewerSchema { .. } => ErrorKind::NewerVersion,
                ModelError::Hydrate(_) | ModelError::Reconcile(_) => ErrorKind::DocumentDamaged,
                ModelError::Revoked(_) => ErrorKind::NotAllowed,
                _ => ErrorKind::InvalidInput,
            },
            AppError::Store(e) => match e {
                StoreError::Corrupt { .. } | StoreError::Damaged(_) => ErrorKind::DatabaseDamaged,
                StoreError::NewerDatabase { .. } => ErrorKind::NewerVersion,
                StoreError::Busy => ErrorKind::Busy,
                StoreError::UnknownDocument(_) => ErrorKind::NotFound,
                _ => ErrorKind::Storage,
            },
            AppError::Export(_) => ErrorKind::Export,
            AppError::Net(_) => ErrorKind::Network,
            AppError::Sync(_) => ErrorKind::Sync,
            AppError::NotFound { .. } | AppError::UnknownJoinRequest { .. } => ErrorKind::NotFound,
            AppError::JoinRequestClosed { .. } | AppError::LastAdmin => ErrorKind::NotAllowed,
            AppError::NotADevice { .. } => ErrorKind::NotFound,
            AppError::Ambiguous { .. } => ErrorKind::Ambiguous,
            AppError::NoDataDir => ErrorKind::NoDataDir,
            AppError::Invitation(e) => match e {
                InvitationError::Unreachable { .. } | InvitationError::InviterLeft => {
                    ErrorKind::Network
                }
                InvitationError::Malformed { .. }
                | InvitationError::Expired
                | InvitationError::Refused(_) => ErrorKind::Invitation,
            },
            AppError::BadAddress { .. }
            | AppError::NotTcpAddress { .. }
            | AppError::UnknownExportFormat { .. }
            | AppError::BadLifetime { .. } => ErrorKind::InvalidInput,
            AppError::SelfRevocation
            | AppError::NotFacilitatorDevice
            | AppError::NotAdmin
            | AppError::RemovedFromGroup { .. }
            | AppError::ReadOnlyDevice { .. } => ErrorKind::NotAllowed,
            AppError::WrongDocument { .. }
            | AppError::Damaged { .. }
            | AppError::MembershipLog { .. } => ErrorKind::DocumentDamaged,
            AppError::DeviceKeyNotEd25519 => ErrorKind::DeviceKeyDamaged,
            AppError::DeviceKeyUnreadable { .. } => ErrorKind::DeviceKeyDamaged,
            AppError::DeviceKeyEncoding { .. } | AppError::Encode { .. } => ErrorKind::Internal,
            AppError::Offline | AppError::NodeStopped | AppError::NoPeerReached { .. } => {
                ErrorKind::Network
            }
            AppError::NothingShared | AppError::SyncIncomplete { .. } => ErrorKind::Sync,
            AppError::Io { .. } => ErrorKind::Io,
        }
    }

    /// The kind's stable, machine-readable code (for scripts and logs).
    pub fn code(&self) -> &'static str {
        self.kind().code()
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
    #[error("an admin of the group refused this device")]
    Denied,
}

/// Result alias of this crate.
pub type Result<T, E = AppError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_follows_the_kind_whatever_the_layer() {
        let cases = [
            (
                AppError::Model(ModelError::EmptyField { field: "name" }),
                ErrorKind::InvalidInput,
                "invalid-input",
            ),
            (AppError::Store(StoreError::Busy), ErrorKind::Busy, "busy"),
            (
                AppError::BadAddress {
                    text: "le café".into(),
                    reason: "invalid multiaddr".into(),
                },
                ErrorKind::InvalidInput,
                "invalid-input",
            ),
            (
                AppError::SelfRevocation,
                ErrorKind::NotAllowed,
                "not-allowed",
            ),
            (
                InvitationError::Refused(Refusal::AlreadyUsed).into(),
                ErrorKind::Invitation,
                "invitation",
            ),
            (
                InvitationError::Unreachable { seconds: 60 }.into(),
                ErrorKind::Network,
                "network",
            ),
            (AppError::NothingShared, ErrorKind::Sync, "sync"),
            (
                AppError::WrongDocument {
                    group: GroupId::new("7f3a"),
                },
                ErrorKind::DocumentDamaged,
                "document-damaged",
            ),
        ];
        for (error, kind, code) in cases {
            assert_eq!(error.kind(), kind, "{error}");
            assert_eq!(error.code(), code, "{error}");
        }
    }

    #[test]
    fn messages_say_what_to_do() {
        assert_eq!(
            AppError::SyncIncomplete { seconds: 30 }.to_string(),
            "not every shared group was up to date within 30 s"
        );
        assert_eq!(
            AppError::Io {
                action: IoAction::SaveExport,
                source: std::io::Error::other("disk full"),
            }
            .to_string(),
            "cannot save an export: disk full"
        );
    }
}
