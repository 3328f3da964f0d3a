//! The frames peers exchange: a small versioned binary format, decoded strictly.
//!
//! Every frame starts with the magic bytes `CS`, the version byte (2) and a kind byte. All
//! integers are big-endian.
//!
//! ```text
//! batch    = "CS" 0x02 0x01  count:u16  entry{count}
//! entry    = id:[u8; 16]  msg_len:u32 msg:[u8; msg_len]  sealed
//! sealed   = 0x00                                      no seals
//!          | 0x01  count:u16  signature:[u8; 64]{count}  one per change of msg, in its order
//!                                                      (all zeros: none held)
//!          | 0x02  count:u32  (change_hash:[u8; 32]  signature:[u8; 64]){count}
//! fragment = "CS" 0x02 0x02  message_id:u64  index:u16  count:u16  payload:[u8; 1..]
//! ```
//!
//! An entry's `id` is a group id's 16 bytes (written as 32 lowercase hexadecimal characters
//! elsewhere), its `msg` an encoded `automerge::sync::Message`, and its seals those of the
//! changes the message carries (`comptoir_model::Seal`; version 1 had none): beside a message
//! of changes, one signature each in the changes' order (the receiver knows their hashes);
//! beside a whole document, with each change's hash. A batch too large for one frame is carried by `count` fragments
//! (`index` 0..count) whose payloads, concatenated, are the bytes of that batch frame.
//!
//! Decoding checks every length against the remaining input and the given limit, refuses
//! trailing bytes, and never panics.

use comptoir_model::{ChangeHash, GroupId, Seal};

use crate::SyncError;

/// The first two bytes of every frame.
pub const MAGIC: [u8; 2] = *b"CS";
/// The version this build writes and reads.
pub const VERSION: u8 = 2;
const KIND_BATCH: u8 = 1;
const KIND_FRAGMENT: u8 = 2;

/// Bytes of a batch frame before its first entry.
pub const BATCH_HEADER: usize = 2 + 1 + 1 + 2;
/// Bytes of a fragment frame before its payload.
pub const FRAGMENT_HEADER: usize = 2 + 1 + 1 + 8 + 2 + 2;
/// Length of a well-formed group id.
const GROUP_ID_LEN: usize = 32;
/// A group id on the wire: its 16 bytes, not its 32 hexadecimal characters.
const ID_BYTES: usize = GROUP_ID_LEN / 2;
/// The smallest possible entry: a group id, a length prefix and the seals' form.
const MIN_ENTRY: usize = ID_BYTES + 4 + 1;
/// A seal's signature on the wire.
const SIGNATURE_BYTES: usize = 64;
/// A seal with its change's hash on the wire.
const KEYED_BYTES: usize = 32 + SIGNATURE_BYTES;
const NO_SEALS: u8 = 0;
const ALIGNED_SEALS: u8 = 1;
const KEYED_SEALS: u8 = 2;

/// One group's sync message inside a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub group: GroupId,
    /// An encoded `automerge::sync::Message`.
    pub message: Vec<u8>,
    /// The seals of the changes the message carries.
    pub seals: Sealed,
}

/// The seals beside one message's changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Sealed {
    #[default]
    None,
    /// One per change the message carries, in its order (`None`: no seal held for it). At
    /// most `u16::MAX`.
    Aligned(Vec<Option<Seal>>),
    /// With the hash of each sealed change (beside a whole document).
    Keyed(Vec<(ChangeHash, Seal)>),
}

impl Sealed {
    fn encoded_len(&self) -> usize {
        1 + match self {
            Sealed::None => 0,
            Sealed::Aligned(seals) => 2 + SIGNATURE_BYTES * seals.len(),
            Sealed::Keyed(seals) => 4 + KEYED_BYTES * seals.len(),
        }
    }
}

impl Entry {
    /// Bytes this entry takes in a batch.
    pub fn encoded_len(&self) -> usize {
        ID_BYTES + 4 + self.message.len() + self.seals.encoded_len()
    }
}

/// A piece of a batch frame too large to be sent in one frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment {
    pub message_id: u64,
    pub index: u16,
    pub count: u16,
    pub payload: Vec<u8>,
}

/// A decoded frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    Batch(Vec<Entry>),
    Fragment(Fragment),
}

/// Whether `id` is a group id as the model makes them: 32 lowercase hexadecimal characters.
pub fn is_well_formed(id: &str) -> bool {
    id.len() == GROUP_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The 16 bytes of a well-formed (32 lowercase hexadecimal characters) group id.
fn id_bytes(id: &str) -> [u8; ID_BYTES] {
    let mut out = [0; ID_BYTES];
    for (i, pair) in id.as_bytes().chunks(2).take(ID_BYTES).enumerate() {
        let digit = |c: u8| match c {
            b'0'..=b'9' => c - b'0',
            _ => c - b'a' + 10,
        };
        out[i] = digit(pair[0]) << 4 | digit(pair[1]);
    }
    out
}

fn header(kind: u8, capacity: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(capacity);
    out.extend_from_slice(&MAGIC);
    out.push(VERSION);
    out.push(kind);
    out
}

/// Encodes a batch. Refuses what the format cannot carry: no entries or more than
/// `u16::MAX`, a malformed group id, a message of 4 GiB or more.
pub fn encode_batch(entries: &[Entry]) -> Result<Vec<u8>, SyncError> {
    let count = u16::try_from(entries.len()).map_err(|_| SyncError::FrameTooLarge {
        len: entries.len(),
        max: usize::from(u16::MAX),
    })?;
    if count == 0 {
        return Err(SyncError::EmptyBatch);
    }
    let len = BATCH_HEADER + entries.iter().map(Entry::encoded_len).sum::<usize>();
    let mut out = header(KIND_BATCH, len);
    out.extend_from_slice(&count.to_be_bytes());
    for entry in entries {
        let id = entry.group.as_str();
        if !is_well_formed(id) {
            return Err(SyncError::InvalidGroupId(entry.group.clone()));
        }
        let msg_len = u32::try_from(entry.message.len()).map_err(|_| SyncError::FrameTooLarge {
            len: entry.message.len(),
            max: u32::MAX as usize,
        })?;
        out.extend_from_slice(&id_bytes(id));
        out.extend_from_slice(&msg_len.to_be_bytes());
        out.extend_from_slice(&entry.message);
        encode_seals(&entry.seals, &mut out)?;
    }
    Ok(out)
}

fn encode_seals(seals: &Sealed, out: &mut Vec<u8>) -> Result<(), SyncError> {
    let too_many = |len: usize, max: usize| SyncError::FrameTooLarge { len, max };
    match seals {
        Sealed::None => out.push(NO_SEALS),
        Sealed::Aligned(seals) => {
            let count = u16::try_from(seals.len())
                .map_err(|_| too_many(seals.len(), usize::from(u16::MAX)))?;
            out.push(ALIGNED_SEALS);
            out.extend_from_slice(&count.to_be_bytes());
            for seal in seals {
                out.extend_from_slice(&seal.map_or([0; SIGNATURE_BYTES], |s| s.0));
            }
        }
        Sealed::Keyed(seals) => {
            let count =
                u32::try_from(seals.len()).map_err(|_| too_many(seals.len(), u32::MAX as usize))?;
            out.push(KEYED_SEALS);
            out.extend_from_slice(&count.to_be_bytes());
            for (hash, seal) in seals {
                out.extend_from_slice(&hash.0);
                out.extend_from_slice(&seal.0);
            }
        }
    }
    Ok(())
}

fn seals(input: &mut Reader<'_>) -> Result<Sealed, SyncError> {
    let [form] = input.array::<1>("seals")?;
    match form {
        NO_SEALS => Ok(Sealed::None),
        ALIGNED_SEALS => {
            let count = usize::from(u16::from_be_bytes(input.array("seal count")?));
            if count > input.0.len() / SIGNATURE_BYTES {
                return Err(SyncError::Truncated("seals"));
            }
            let seals = (0..count)
                .map(|_| {
                    let signature = input.array::<SIGNATURE_BYTES>("seal")?;
                    Ok((signature != [0; SIGNATURE_BYTES]).then_some(Seal(signature)))
                })
                .collect::<Result<_, SyncError>>()?;
            Ok(Sealed::Aligned(seals))
        }
        KEYED_SEALS => {
            let count = u32::from_be_bytes(input.array("seal count")?);
            let count = usize::try_from(count).map_err(|_| SyncError::Truncated("seals"))?;
            if count > input.0.len() / KEYED_BYTES {
                return Err(SyncError::Truncated("seals"));
            }
            let seals = (0..count)
                .map(|_| {
                    Ok((
                        ChangeHash(input.array("sealed change")?),
                        Seal(input.array("seal")?),
                    ))
                })
                .collect::<Result<_, SyncError>>()?;
            Ok(Sealed::Keyed(seals))
        }
        other => Err(SyncError::UnknownSeals(other)),
    }
}

/// Encodes a fragment.
pub fn encode_fragment(fragment: &Fragment) -> Vec<u8> {
    let mut out = header(KIND_FRAGMENT, FRAGMENT_HEADER + fragment.payload.len());
    out.extend_from_slice(&fragment.message_id.to_be_bytes());
    out.extend_from_slice(&fragment.index.to_be_bytes());
    out.extend_from_slice(&fragment.count.to_be_bytes());
    out.extend_from_slice(&fragment.payload);
    out
}

/// Decodes a frame of at most `max_len` bytes.
pub fn decode(bytes: &[u8], max_len: usize) -> Result<Frame, SyncError> {
    if bytes.len() > max_len {
        return Err(SyncError::FrameTooLarge {
            len: bytes.len(),
            max: max_len,
        });
    }
    let mut input = Reader(bytes);
    if input.array::<2>("magic")? != MAGIC {
        return Err(SyncError::BadMagic);
    }
    let [version] = input.array::<1>("version")?;
    if version != VERSION {
        return Err(SyncError::UnsupportedVersion(version));
    }
    let [kind] = input.array::<1>("kind")?;
    let frame = match kind {
        KIND_BATCH => Frame::Batch(batch(&mut input)?),
        KIND_FRAGMENT => Frame::Fragment(fragment(&mut input)?),
        other => return Err(SyncError::UnknownKind(other)),
    };
    match input.0.len() {
        0 => Ok(frame),
        extra => Err(SyncError::TrailingBytes(extra)),
    }
}

fn batch(input: &mut Reader<'_>) -> Result<Vec<Entry>, SyncError> {
    let count = usize::from(u16::from_be_bytes(input.array("entry count")?));
    if count == 0 {
        return Err(SyncError::EmptyBatch);
    }
    let mut entries = Vec::with_capacity(count.min(input.0.len() / MIN_ENTRY));
    for _ in 0..count {
        let id: String = input
            .array::<ID_BYTES>("group id")?
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let msg_len = u32::from_be_bytes(input.array("message length")?);
        let msg_len = usize::try_from(msg_len).map_err(|_| SyncError::Truncated("message"))?;
        let message = input.take(msg_len, "message")?.to_vec();
        let seals = seals(input)?;
        entries.push(Entry {
            group: GroupId::new(id),
            message,
            seals,
        });
    }
    Ok(entries)
}

fn fragment(input: &mut Reader<'_>) -> Result<Fragment, SyncError> {
    let message_id = u64::from_be_bytes(input.array("message id")?);
    let index = u16::from_be_bytes(input.array("fragment index")?);
    let count = u16::from_be_bytes(input.array("fragment count")?);
    if count < 2 {
        return Err(SyncError::BadFragment(
            "a message in fewer than two fragments",
        ));
    }
    if index >= count {
        return Err(SyncError::BadFragment("index out of range"));
    }
    let payload = input.take(input.0.len(), "payload")?.to_vec();
    if payload.is_empty() {
        return Err(SyncError::BadFragment("empty payload"));
    }
    Ok(Fragment {
        message_id,
        index,
        count,
        payload,
    })
}

/// The input not read yet.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], SyncError> {
        if n > self.0.len() {
            return Err(SyncError::Truncated(what));
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn array<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N], SyncError> {
        self.take(N, what)?
            .try_into()
            .map_err(|_| SyncError::Truncated(what))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> GroupId {
        GroupId::from_random([n; 16])
    }

    #[test]
    fn a_batch_round_trips() {
        let entries = vec![
            Entry {
                group: id(1),
                message: vec![0x42, 1, 2, 3],
                seals: Sealed::Keyed(vec![(ChangeHash([7; 32]), Seal([9; 64]))]),
            },
            Entry {
                group: id(2),
                message: Vec::new(),
                seals: Sealed::None,
            },
        ];
        let bytes = encode_batch(&entries).expect("encodes");
        assert_eq!(
            bytes.len(),
            BATCH_HEADER + entries.iter().map(Entry::encoded_len).sum::<usize>()
        );
        assert_eq!(decode(&bytes, bytes.len()), Ok(Frame::Batch(entries)));
    }

    #[test]
    fn a_fragment_round_trips() {
        let fragment = Fragment {
            message_id: 7,
            index: 1,
            count: 3,
            payload: vec![9; 10],
        };
        let bytes = encode_fragment(&fragment);
        assert_eq!(bytes.len(), FRAGMENT_HEADER + 10);
        assert_eq!(decode(&bytes, 1024), Ok(Frame::Fragment(fragment)));
    }

    #[test]
    fn every_truncation_of_a_valid_frame_is_refused() {
        let bytes = encode_batch(&[Entry {
            group: id(3),
            message: vec![0x42; 20],
            seals: Sealed::Aligned(vec![Some(Seal([9; 64])), None]),
        }])
        .expect("encodes");
        for len in 0..bytes.len() {
            let refused = decode(&bytes[..len], 1024);
            assert!(
                matches!(refused, Err(SyncError::Truncated(_))),
                "prefix of {len} bytes: {refused:?}"
            );
        }
    }

    #[test]
    fn malformed_headers_and_ids_are_refused() {
        let good = encode_batch(&[Entry {
            group: id(4),
            message: vec![1],
            seals: Sealed::None,
        }])
        .expect("encodes");
        let mut bad_magic = good.clone();
        bad_magic[0] = b'X';
        assert_eq!(decode(&bad_magic, 1024), Err(SyncError::BadMagic));
        let mut newer = good.clone();
        newer[2] = 3;
        assert_eq!(decode(&newer, 1024), Err(SyncError::UnsupportedVersion(3)));
        let mut older = good.clone();
        older[2] = 1;
        assert_eq!(decode(&older, 1024), Err(SyncError::UnsupportedVersion(1)));
        let mut seals = good.clone();
        *seals.last_mut().expect("a form") = KEYED_SEALS;
        seals.extend_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(decode(&seals, 1024), Err(SyncError::Truncated("seals")));
        let mut form = good.clone();
        *form.last_mut().expect("a form") = 7;
        assert_eq!(decode(&form, 1024), Err(SyncError::UnknownSeals(7)));
        let mut kind = good.clone();
        kind[3] = 9;
        assert_eq!(decode(&kind, 1024), Err(SyncError::UnknownKind(9)));
        let mut trailing = good.clone();
        trailing.push(0);
        assert_eq!(decode(&trailing, 1024), Err(SyncError::TrailingBytes(1)));
        let mut long = good.clone();
        let at = BATCH_HEADER + ID_BYTES;
        long[at..at + 4].copy_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(decode(&long, 1024), Err(SyncError::Truncated("message")));
        assert_eq!(
            decode(&good, good.len() - 1),
            Err(SyncError::FrameTooLarge {
                len: good.len(),
                max: good.len() - 1
            })
        );
    }

    #[test]
    fn bad_fragments_are_refused() {
        let frame = |index: u16, count: u16, payload: Vec<u8>| {
            encode_fragment(&Fragment {
                message_id: 1,
                index,
                count,
                payload,
            })
        };
        assert!(matches!(
            decode(&frame(0, 1, vec![1]), 64),
            Err(SyncError::BadFragment(_))
        ));
        assert!(matches!(
            decode(&frame(2, 2, vec![1]), 64),
            Err(SyncError::BadFragment(_))
        ));
        assert!(matches!(
            decode(&frame(0, 2, Vec::new()), 64),
            Err(SyncError::BadFragment(_))
        ));
    }

    #[test]
    fn encoding_refuses_what_the_format_cannot_carry() {
        assert_eq!(encode_batch(&[]), Err(SyncError::EmptyBatch));
        let bad = GroupId::new("not-hex");
        assert_eq!(
            encode_batch(&[Entry {
                group: bad.clone(),
                message: Vec::new(),
                seals: Sealed::None,
            }]),
            Err(SyncError::InvalidGroupId(bad))
        );
    }
}
