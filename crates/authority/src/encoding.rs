//! The canonical binary encoding of operations and of lists of them, with its limits.
//!
//! Hand-rolled and length-prefixed, so that one operation has exactly one encoding (what is
//! signed and hashed) and decoding needs no schema library. An operation is:
//!
//! ```text
//! version u8 (= 1)
//! group   u8 length, bytes                      1..=MAX_GROUP_ID
//! author  32 bytes                              Ed25519 public key
//! at      i64 big-endian                        Unix seconds
//! parents u8 count, 32 bytes each               strictly increasing, ≤ MAX_PARENTS
//! body    u8 tag, then:
//!         0 Genesis       label
//!         1 Add           device 32, role u8, label
//!         2 Remove        device 32, u8 count, 32 bytes each (strictly increasing)
//!         3 ChangeRole    device 32, role u8
//!         4 RegisterActor u8 length, bytes      1..=MAX_ACTOR
//!         5 Baseline      u8 count, 32 bytes each (strictly increasing)
//! signature 64 bytes                            over a context string and all of the above
//! ```
//! where a label is `0` (none) or `1`, a u8 length and 1..=MAX_LABEL bytes of UTF-8, and a role
//! is 0 admin, 1 facilitator, 2 federation. A list of operations is the magic `CMTA`, the
//! version, a u32 count, then each operation as a u16 length and its bytes.

use ed25519_dalek::Signature;

use crate::device_id::verifies;
use crate::log::MAX_OPS;
use crate::op::{hash_of, signing_message};
use crate::{Body, DeviceId, Error, GroupId, Moment, OpHash, Operation, Role};

/// The encoding version this build writes and reads.
pub const VERSION: u8 = 1;
pub const MAX_GROUP_ID: usize = 64;
pub const MAX_PARENTS: usize = 32;
/// A device label, in bytes of UTF-8 ("Portable de Marie-Thérèse" takes 27).
pub const MAX_LABEL: usize = 128;
pub const MAX_CONTENT_HEADS: usize = 64;
/// An Automerge actor id, in bytes (random actor ids take 16).
pub const MAX_ACTOR: usize = 32;
/// The largest encoded operation (a Remove with every field at its limit).
pub const MAX_OP_BYTES: usize =
    1 + 1 + MAX_GROUP_ID + 32 + 8 + 1 + 32 * MAX_PARENTS + 1 + 32 + 1 + 32 * MAX_CONTENT_HEADS + 64;
const LIST_MAGIC: &[u8; 4] = b"CMTA";

/// The part of an operation its author signs.
pub(crate) fn encode_payload(op: &Operation) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(128);
    out.push(VERSION);
    short_bytes(&mut out, op.group.as_bytes(), "group id", MAX_GROUP_ID)?;
    out.extend_from_slice(op.author.as_bytes());
    out.extend_from_slice(&op.at.unix_seconds().to_be_bytes());
    hashes(
        &mut out,
        op.parents.iter().map(OpHash::as_bytes),
        "parents",
        MAX_PARENTS,
    )?;
    match (&op.body, op.parents.is_empty()) {
        (Body::Genesis { .. }, false) => return Err(Error::GenesisWithParents),
        (Body::Genesis { .. }, true) => {}
        (_, true) => return Err(Error::NoParents),
        (_, false) => {}
    }
    match &op.body {
        Body::Genesis { label } => {
            out.push(0);
            optional_label(&mut out, label.as_deref())?;
        }
        Body::Add {
            device,
            role,
            label,
        } => {
            out.push(1);
            out.extend_from_slice(device.as_bytes());
            out.push(role.tag());
            optional_label(&mut out, label.as_deref())?;
        }
        Body::Remove {
            device,
            content_heads,
        } => {
            out.push(2);
            out.extend_from_slice(device.as_bytes());
            hashes(
                &mut out,
                content_heads.iter(),
                "content heads",
                MAX_CONTENT_HEADS,
            )?;
        }
        Body::ChangeRole { device, role } => {
            out.push(3);
            out.extend_from_slice(device.as_bytes());
            out.push(role.tag());
        }
        Body::RegisterActor { actor } => {
            out.push(4);
            short_bytes(&mut out, actor, "actor id", MAX_ACTOR)?;
        }
        Body::Baseline { content_heads } => {
            out.push(5);
            hashes(
                &mut out,
                content_heads.iter(),
                "content heads",
                MAX_CONTENT_HEADS,
            )?;
        }
    }
    Ok(out)
}

/// The signed encoding. Every `Operation` passed the limits when it was made, so this cannot
/// fail; an impossible failure yields an empty encoding, which every decoder refuses.
pub(crate) fn encode_op(op: &Operation) -> Vec<u8> {
    let mut out = encode_payload(op).unwrap_or_default();
    if !out.is_empty() {
        out.extend_from_slice(&op.signature.to_bytes());
    }
    out
}

pub(crate) fn decode_op(bytes: &[u8]) -> Result<Operation, Error> {
    if bytes.len() > MAX_OP_BYTES {
        return Err(Error::TooLong {
            field: "operation",
            len: bytes.len(),
            max: MAX_OP_BYTES,
        });
    }
    let mut r = Reader { rest: bytes };
    let version = r.u8("version")?;
    if version != VERSION {
        return Err(Error::UnsupportedVersion {
            found: version,
            supported: VERSION,
        });
    }
    let group = GroupId::new(r.short_bytes("group id", MAX_GROUP_ID)?)?;
    let (author, author_key) = DeviceId::with_key(r.array("author")?)?;
    let at = Moment::from_unix_seconds(i64::from_be_bytes(*r.array("time")?));
    let parents = r
        .hashes("parents", MAX_PARENTS)?
        .into_iter()
        .map(OpHash::from_bytes)
        .collect::<Vec<_>>();
    let body = match r.u8("body tag")? {
        0 => Body::Genesis {
            label: r.optional_label()?,
        },
        1 => Body::Add {
            device: DeviceId::from_bytes(r.array("device")?)?,
            role: r.role()?,
            label: r.optional_label()?,
        },
        2 => Body::Remove {
            device: DeviceId::from_bytes(r.array("device")?)?,
            content_heads: r.hashes("content heads", MAX_CONTENT_HEADS)?,
        },
        3 => Body::ChangeRole {
            device: DeviceId::from_bytes(r.array("device")?)?,
            role: r.role()?,
        },
        4 => Body::RegisterActor {
            actor: r.short_bytes("actor id", MAX_ACTOR)?.to_vec(),
        },
        5 => Body::Baseline {
            content_heads: r.hashes("content heads", MAX_CONTENT_HEADS)?,
        },
        tag => {
            return Err(Error::UnknownTag { field: "body", tag });
        }
    };
    let payload_len = bytes.len() - r.rest.len();
    let signature = Signature::from_bytes(r.array::<64>("signature")?);
    if !r.rest.is_empty() {
        return Err(Error::TrailingBytes {
            extra: r.rest.len(),
        });
    }
    let payload = &bytes[..payload_len];
    match (&body, parents.is_empty()) {
        (Body::Genesis { .. }, false) => return Err(Error::GenesisWithParents),
        (Body::Genesis { .. }, true) | (_, false) => {}
        (_, true) => return Err(Error::NoParents),
    }
    let hash = hash_of(payload, &signature);
    if !verifies(&author_key, &signing_message(payload), &signature) {
        return Err(Error::BadSignature { op: hash });
    }
    Ok(Operation {
        group,
        parents,
        author,
        at,
        body,
        signature,
        hash,
    })
}

/// A list of operations, for storage or for a peer.
pub fn encode_ops<'a>(ops: impl IntoIterator<Item = &'a Operation>) -> Vec<u8> {
    let encoded: Vec<Vec<u8>> = ops.into_iter().map(encode_op).collect();
    let mut out = Vec::with_capacity(9 + encoded.iter().map(|e| e.len() + 2).sum::<usize>());
    out.extend_from_slice(LIST_MAGIC);
    out.push(VERSION);
    out.extend_from_slice(
        &u32::try_from(encoded.len())
            .unwrap_or(u32::MAX)
            .to_be_bytes(),
    );
    for op in &encoded {
        // Every operation is at most MAX_OP_BYTES, well within a u16.
        out.extend_from_slice(&u16::try_from(op.len()).unwrap_or(u16::MAX).to_be_bytes());
        out.extend_from_slice(op);
    }
    out
}

/// Decodes a list made by [`encode_ops`], each operation checked as by
/// [`Operation::from_bytes`]; at most [`MAX_OPS`] of them.
pub fn decode_ops(bytes: &[u8]) -> Result<Vec<Operation>, Error> {
    let mut r = Reader { rest: bytes };
    if r.array::<4>("list magic")? != LIST_MAGIC {
        return Err(Error::NotAList);
    }
    let version = r.u8("list version")?;
    if version != VERSION {
        return Err(Error::UnsupportedVersion {
            found: version,
            supported: VERSION,
        });
    }
    let count = u32::from_be_bytes(*r.array("list length")?) as usize;
    if count > MAX_OPS {
        return Err(Error::TooLong {
            field: "list",
            len: count,
            max: MAX_OPS,
        });
    }
    let mut ops = Vec::with_capacity(count);
    for _ in 0..count {
        let len = u16::from_be_bytes(*r.array("operation length")?) as usize;
        ops.push(decode_op(r.take(len, "operation")?)?);
    }
    if !r.rest.is_empty() {
        return Err(Error::TrailingBytes {
            extra: r.rest.len(),
        });
    }
    Ok(ops)
}

fn short_bytes(
    out: &mut Vec<u8>,
    bytes: &[u8],
    field: &'static str,
    max: usize,
) -> Result<(), Error> {
    if bytes.is_empty() {
        return Err(Error::Empty { field });
    }
    if bytes.len() > max {
        return Err(Error::TooLong {
            field,
            len: bytes.len(),
            max,
        });
    }
    out.push(bytes.len() as u8);
    out.extend_from_slice(bytes);
    Ok(())
}

fn hashes<'a>(
    out: &mut Vec<u8>,
    items: impl ExactSizeIterator<Item = &'a [u8; 32]>,
    field: &'static str,
    max: usize,
) -> Result<(), Error> {
    if items.len() > max {
        return Err(Error::TooLong {
            field,
            len: items.len(),
            max,
        });
    }
    out.push(items.len() as u8);
    for item in items {
        out.extend_from_slice(item);
    }
    Ok(())
}

fn optional_label(out: &mut Vec<u8>, label: Option<&str>) -> Result<(), Error> {
    match label {
        None => out.push(0),
        Some(label) => {
            out.push(1);
            short_bytes(out, label.as_bytes(), "label", MAX_LABEL)?;
        }
    }
    Ok(())
}

/// Reads fields from the front of a byte slice, each read checked against what is left.
struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize, field: &'static str) -> Result<&'a [u8], Error> {
        if self.rest.len() < len {
            return Err(Error::Truncated { field });
        }
        let (taken, rest) = self.rest.split_at(len);
        self.rest = rest;
        Ok(taken)
    }

    fn u8(&mut self, field: &'static str) -> Result<u8, Error> {
        Ok(self.take(1, field)?[0])
    }

    fn array<const N: usize>(&mut self, field: &'static str) -> Result<&'a [u8; N], Error> {
        self.take(N, field)?
            .try_into()
            .map_err(|_| Error::Truncated { field })
    }

    fn short_bytes(&mut self, field: &'static str, max: usize) -> Result<&'a [u8], Error> {
        let len = usize::from(self.u8(field)?);
        if len == 0 {
            return Err(Error::Empty { field });
        }
        if len > max {
            return Err(Error::TooLong { field, len, max });
        }
        self.take(len, field)
    }

    /// A count and that many 32-byte hashes, strictly increasing (sorted, no repeats): the one
    /// canonical form of a set.
    fn hashes(&mut self, field: &'static str, max: usize) -> Result<Vec<[u8; 32]>, Error> {
        let count = usize::from(self.u8(field)?);
        if count > max {
            return Err(Error::TooLong {
                field,
                len: count,
                max,
            });
        }
        let mut items: Vec<[u8; 32]> = Vec::with_capacity(count);
        for _ in 0..count {
            let item = *self.array::<32>(field)?;
            if items.last().is_some_and(|last| *last >= item) {
                return Err(Error::NotCanonical { field });
            }
            items.push(item);
        }
        Ok(items)
    }

    fn role(&mut self) -> Result<Role, Error> {
        let tag = self.u8("role")?;
        Role::from_tag(tag).ok_or(Error::UnknownTag { field: "role", tag })
    }

    fn optional_label(&mut self) -> Result<Option<String>, Error> {
        match self.u8("label")? {
            0 => Ok(None),
            1 => {
                let bytes = self.short_bytes("label", MAX_LABEL)?;
                let text = std::str::from_utf8(bytes)
                    .map_err(|_| Error::InvalidUtf8 { field: "label" })?;
                Ok(Some(text.to_owned()))
            }
            tag => Err(Error::UnknownTag {
                field: "label",
                tag,
            }),
        }
    }
}
