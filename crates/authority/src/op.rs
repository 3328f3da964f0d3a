//! An operation of the membership log: who did what to whom, what its author had seen, when
//! (as the author's clock said), and the author's signature over all of it.

use std::fmt;

use ed25519_dalek::{Signature, Signer, SigningKey};
use sha2::{Digest, Sha256};

use crate::encoding::{self, MAX_GROUP_ID};
use crate::role::Need;
use crate::{DeviceId, Error, Role};

/// The group a log belongs to, as the caller names it (opaque bytes, 1 to
/// [`MAX_GROUP_ID`] of them). Bound into every operation, so an operation of one group is
/// refused by another's log.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupId(Vec<u8>);

impl GroupId {
    /// A group id of 1 to [`MAX_GROUP_ID`] bytes (the app's 16-byte group ids fit).
    pub fn new(bytes: impl Into<Vec<u8>>) -> Result<Self, Error> {
        let bytes = bytes.into();
        if bytes.is_empty() {
            return Err(Error::Empty { field: "group id" });
        }
        if bytes.len() > MAX_GROUP_ID {
            return Err(Error::TooLong {
                field: "group id",
                len: bytes.len(),
                max: MAX_GROUP_ID,
            });
        }
        Ok(Self(bytes))
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for GroupId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GroupId({})", hex(&self.0))
    }
}

/// The SHA-256 of an operation's signed encoding: its name in the DAG. The genesis's hash is
/// the log's identity.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OpHash([u8; 32]);

impl OpHash {
    /// A hash as a peer announced it (among its heads).
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Display for OpHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex(&self.0))
    }
}

impl fmt::Debug for OpHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OpHash({}…)", &hex(&self.0[..6]))
    }
}

/// Wall-clock time as the author's device gave it, in Unix seconds. Informative only (shown as
/// "added on …"): nothing is decided by it, since any device can set its clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment(i64);

impl Moment {
    pub fn from_unix_seconds(seconds: i64) -> Self {
        Self(seconds)
    }

    pub fn unix_seconds(self) -> i64 {
        self.0
    }
}

/// What an operation does. More kinds may come with a new encoding version.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Body {
    /// The creator's first operation, without parents: the creator is the first admin. The
    /// group id is in every operation's header; the label is the creator's device label.
    Genesis { label: Option<String> },
    /// An admin adds a device (or adds back a removed one) with a role.
    Add {
        device: DeviceId,
        role: Role,
        label: Option<String>,
    },
    /// An admin removes a device. `content_heads` are the Automerge heads (change hashes) the
    /// author had seen: the removed device's changes outside their causal past are refused.
    Remove {
        device: DeviceId,
        content_heads: Vec<[u8; 32]>,
    },
    /// An admin gives a member another role.
    ChangeRole { device: DeviceId, role: Role },
    /// A writing member names an Automerge actor id it writes with, so that every device can
    /// tell who wrote each change.
    RegisterActor { actor: Vec<u8> },
    /// An admin vouches for content written before the log knew its authors (a group from
    /// before logs, a group imported from a file): changes in the causal past of these
    /// Automerge heads are accepted whoever wrote them.
    Baseline { content_heads: Vec<[u8; 32]> },
}

impl Body {
    /// What the author must be allowed, `None` for the genesis.
    pub(crate) fn need(&self) -> Option<Need> {
        match self {
            Body::Genesis { .. } => None,
            Body::Add { .. }
            | Body::Remove { .. }
            | Body::ChangeRole { .. }
            | Body::Baseline { .. } => Some(Need::Manage),
            Body::RegisterActor { .. } => Some(Need::Write),
        }
    }
}

/// A signed operation. Every value of this type is well-formed and carries a valid signature by
/// its author: [`Operation::sign`] and [`Operation::from_bytes`] are the only ways to get one.
/// Whether the author was *allowed* to do it is the [`Log`](crate::Log)'s business.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operation {
    pub(crate) group: GroupId,
    pub(crate) parents: Vec<OpHash>,
    pub(crate) author: DeviceId,
    pub(crate) at: Moment,
    pub(crate) body: Body,
    pub(crate) signature: Signature,
    pub(crate) hash: OpHash,
}

impl Operation {
    /// Signs an operation without asking whether its author may do it (a [`Log`](crate::Log)
    /// decides that on receipt; [`Log::issue`](crate::Log::issue) checks first). Parents and
    /// content heads are sorted and deduplicated, the canonical form. Refused when a field
    /// exceeds the encoding's limits or the shape is wrong (a genesis with parents, another
    /// operation without).
    pub fn sign(
        key: &SigningKey,
        group: &GroupId,
        mut parents: Vec<OpHash>,
        mut body: Body,
        at: Moment,
    ) -> Result<Operation, Error> {
        parents.sort_unstable();
        parents.dedup();
        if let Body::Remove { content_heads, .. } | Body::Baseline { content_heads } = &mut body {
            content_heads.sort_unstable();
            content_heads.dedup();
        }
        let mut op = Operation {
            group: group.clone(),
            parents,
            author: DeviceId::from(key),
            at,
            body,
            signature: Signature::from_bytes(&[0; 64]),
            hash: OpHash([0; 32]),
        };
        let payload = encoding::encode_payload(&op)?;
        op.signature = key.sign(&signing_message(&payload));
        op.hash = hash_of(&payload, &op.signature);
        Ok(op)
    }

    /// Decodes one operation and checks its signature. Refuses trailing bytes, unknown versions
    /// and tags, oversized or non-canonical fields, and forged signatures.
    pub fn from_bytes(bytes: &[u8]) -> Result<Operation, Error> {
        encoding::decode_op(bytes)
    }

    /// The signed encoding (what [`OpHash`] hashes).
    pub fn to_bytes(&self) -> Vec<u8> {
        encoding::encode_op(self)
    }

    pub fn group(&self) -> &GroupId {
        &self.group
    }

    /// The operations the author had seen (the heads of its log), sorted.
    pub fn parents(&self) -> &[OpHash] {
        &self.parents
    }

    pub fn author(&self) -> DeviceId {
        self.author
    }

    pub fn at(&self) -> Moment {
        self.at
    }

    pub fn body(&self) -> &Body {
        &self.body
    }

    pub fn hash(&self) -> OpHash {
        self.hash
    }
}

/// What the author signs: a context string, so that a signature made with the device key (which
/// is also the device's libp2p key) can never be taken for one of libp2p's, or the reverse.
pub(crate) fn signing_message(payload: &[u8]) -> Vec<u8> {
    const CONTEXT: &[u8] = b"comptoir-authority-operation:";
    let mut message = Vec::with_capacity(CONTEXT.len() + payload.len());
    message.extend_from_slice(CONTEXT);
    message.extend_from_slice(payload);
    message
}

pub(crate) fn hash_of(payload: &[u8], signature: &Signature) -> OpHash {
    let mut hasher = Sha256::new();
    hasher.update(payload);
    hasher.update(signature.to_bytes());
    OpHash(hasher.finalize().into())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
