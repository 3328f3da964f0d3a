//! The crate's one error type: why an operation, a list or a stored log was refused.

use crate::{DeviceId, OpHash, Role};

/// Why something was refused. A refusal changes nothing: the log is as it was.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    // The encoding.
    #[error("the bytes end inside the {field}")]
    Truncated { field: &'static str },
    #[error("{extra} bytes follow the end of the encoding")]
    TrailingBytes { extra: usize },
    #[error("encoding version {found}, but this build reads version {supported}")]
    UnsupportedVersion { found: u8, supported: u8 },
    #[error("unknown {field} tag {tag}")]
    UnknownTag { field: &'static str, tag: u8 },
    #[error("the {field} takes {len} (bytes or entries), more than {max}")]
    TooLong {
        field: &'static str,
        len: usize,
        max: usize,
    },
    #[error("the {field} is empty")]
    Empty { field: &'static str },
    #[error("the {field} is not sorted without repeats, its one canonical form")]
    NotCanonical { field: &'static str },
    #[error("the {field} is not UTF-8")]
    InvalidUtf8 { field: &'static str },
    #[error("not an Ed25519 public key a device may use")]
    InvalidKey,
    #[error("not the peer id of an Ed25519 key")]
    InvalidDeviceId,
    #[error("not a list of membership operations")]
    NotAList,
    #[error("a genesis names parents")]
    GenesisWithParents,
    #[error("an operation other than a genesis names no parents")]
    NoParents,

    // Integrity.
    #[error("operation {op}: the signature is not its author's")]
    BadSignature { op: OpHash },
    #[error("operation {op} belongs to another group")]
    WrongGroup { op: OpHash },
    #[error("operation {op} would start the group again, which has its genesis")]
    SecondGenesis { op: OpHash },
    #[error("operation {op} is not a genesis")]
    NotGenesis { op: OpHash },

    // Authority, as the author had seen the log (its causal past).
    #[error("operation {op}: {author} is not a member")]
    NotAMember { op: OpHash, author: DeviceId },
    #[error("operation {op}: {author} is not an admin")]
    NotAdmin { op: OpHash, author: DeviceId },
    #[error("operation {op}: {author} does not write content")]
    MayNotWrite { op: OpHash, author: DeviceId },
    #[error("operation {op}: {device} is already a member")]
    AlreadyMember { op: OpHash, device: DeviceId },
    #[error("operation {op}: {device} is not a member")]
    UnknownMember { op: OpHash, device: DeviceId },
    #[error("operation {op}: {device} already has the role {role}")]
    SameRole {
        op: OpHash,
        device: DeviceId,
        role: Role,
    },
    #[error("operation {op}: {device} is the last admin")]
    LastAdmin { op: OpHash, device: DeviceId },
    #[error("operation {op}: the actor id is registered to {owner}")]
    ActorTaken { op: OpHash, owner: DeviceId },

    // Budgets and stored logs.
    #[error("{max} operations already wait for their parents")]
    PendingFull { max: usize },
    #[error("the log holds {max} operations, its limit")]
    LogFull { max: usize },
    #[error("a stored log holds operation {op} twice")]
    Repeated { op: OpHash },
    #[error("a stored log names {missing} operations it does not hold")]
    Incomplete { missing: usize },
}
