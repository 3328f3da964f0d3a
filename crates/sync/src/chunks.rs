//! Checks the changes a sync message carries before automerge applies them.
//!
//! Automerge skips a chunk whose checksum or content is wrong without reporting it; the engine
//! wants to refuse such a message instead. A message's changes are Automerge storage chunks,
//! possibly several concatenated: `magic[4] checksum[4] type[1] uleb128(len) data[len]`, where
//! the checksum is the first four bytes of SHA-256 over `type uleb128(len) data`. What the
//! message may cost (inflated bytes, operations per change) is checked on the way
//! ([`crate::budget`]).

use automerge::Change;
use automerge::sync::Message;
use sha2::{Digest, Sha256};

use crate::budget::{self, Budget};

const MAGIC: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];
const DOCUMENT: u8 = 0;
const CHANGE: u8 = 1;
const COMPRESSED_CHANGE: u8 = 2;
const BUNDLE: u8 = 3;

/// Refuses a message with a chunk that is truncated, of an unknown type, fails its checksum,
/// or, for a change, does not parse; and one over its budgets.
pub(crate) fn check(message: &Message) -> Result<(), String> {
    let mut budget = Budget::new();
    for mut rest in message.changes.iter() {
        if rest.is_empty() {
            return Err("an empty chunk of changes".into());
        }
        while !rest.is_empty() {
            let (chunk, tail) = split(rest)?;
            verify(chunk, &mut budget)?;
            rest = tail;
        }
    }
    Ok(())
}

/// The hashes of the changes a message (one this engine made) carries; `None` when it carries
/// a whole document instead.
pub(crate) fn change_hashes(message: &Message) -> Option<Vec<automerge::ChangeHash>> {
    let mut hashes = Vec::new();
    for mut rest in message.changes.iter() {
        while let Ok((chunk, tail)) = split(rest) {
            match chunk[8] {
                DOCUMENT => return None,
                CHANGE | COMPRESSED_CHANGE => {
                    if let Ok(change) = parse(chunk) {
                        hashes.push(change.hash());
                    }
                }
                _ => {}
            }
            rest = tail;
        }
    }
    Some(hashes)
}

/// The first chunk of `bytes`, and what follows it.
fn split(bytes: &[u8]) -> Result<(&[u8], &[u8]), String> {
    if bytes.get(..4) != Some(MAGIC.as_slice()) {
        return Err("a chunk of changes without Automerge's magic bytes".into());
    }
    let after_type = bytes.get(9..).ok_or("a truncated chunk header")?;
    let (len, len_size) = uleb128(after_type).ok_or("a malformed chunk length")?;
    let end = usize::try_from(len)
        .ok()
        .and_then(|len| len.checked_add(9 + len_size))
        .filter(|&end| end <= bytes.len())
        .ok_or("a truncated chunk")?;
    Ok(bytes.split_at(end))
}

fn verify(chunk: &[u8], budget: &mut Budget) -> Result<(), String> {
    let checksum = &chunk[4..8];
    let kind = chunk[8];
    let (len, len_size) = uleb128(&chunk[9..]).ok_or("a malformed chunk length")?;
    let data = &chunk[9 + len_size..];
    match kind {
        DOCUMENT | CHANGE => {
            let mut hasher = Sha256::new();
            hasher.update([kind]);
            hasher.update(canonical_uleb128(len));
            hasher.update(data);
            if hasher.finalize()[..4] != *checksum {
                return Err("a chunk of changes fails its checksum".into());
            }
            if kind == CHANGE {
                budget::ops_fit(&parse(chunk)?)
            } else {
                budget.document(data)
            }
        }
        COMPRESSED_CHANGE => {
            // Inflated here within the budget first: automerge would inflate it whole.
            budget.inflate(data)?;
            let change = parse(chunk)?;
            // The checksum is that of the change before compression.
            if change.hash().0[..4] != *checksum {
                return Err("a compressed change fails its checksum".into());
            }
            budget::ops_fit(&change)
        }
        BUNDLE => Err("a bundle of changes, which sync never sends".into()),
        other => Err(format!("a chunk of unknown type {other}")),
    }
}

fn parse(chunk: &[u8]) -> Result<Change, String> {
    Change::try_from(chunk).map_err(|e| format!("a change does not parse: {e}"))
}

/// Reads an unsigned LEB128 number: its value and how many bytes it took.
pub(crate) fn uleb128(bytes: &[u8]) -> Option<(u64, usize)> {
    let mut value: u64 = 0;
    for (i, &byte) in bytes.iter().enumerate().take(10) {
        let low = u64::from(byte & 0x7f);
        let shift = 7 * u32::try_from(i).ok()?;
        if shift == 63 && low > 1 {
            return None;
        }
        value |= low << shift;
        if byte & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    None
}

fn canonical_uleb128(mut value: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(10);
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return out;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use automerge::sync::{State, SyncDoc};
    use automerge::{AutoCommit, ROOT, transaction::Transactable};

    use super::*;

    /// A message carrying every change of a small document (as to a peer that has nothing).
    fn message(v2: bool) -> Message {
        let mut doc = AutoCommit::new();
        for n in 0..3 {
            doc.put(ROOT, format!("k{n}"), n).expect("put");
            doc.commit();
        }
        let mut peer = AutoCommit::new();
        let (mut ours, mut theirs) = (State::new(), State::new());
        if let Some(m) = peer.sync().generate_sync_message(&mut theirs) {
            let mut m = m;
            if !v2 {
                m.flags = None;
            }
            doc.sync()
                .receive_sync_message(&mut ours, m)
                .expect("receive");
        }
        doc.sync()
            .generate_sync_message(&mut ours)
            .expect("a message")
    }

    #[test]
    fn valid_messages_pass() {
        for v2 in [false, true] {
            let m = message(v2);
            assert!(!m.changes.is_empty());
            assert_eq!(check(&m), Ok(()), "v2: {v2}");
        }
    }

    #[test]
    fn any_flipped_byte_in_a_chunk_is_caught() {
        for v2 in [false, true] {
            let m = message(v2);
            let chunks: Vec<Vec<u8>> = m.changes.iter().map(<[u8]>::to_vec).collect();
            for i in 0..chunks[0].len() {
                let mut bad = chunks.clone();
                bad[0][i] ^= 0x01;
                // The magic bytes are read first, then the length: a longer one runs past the
                // end. Any other byte changes what the checksum covers (or the checksum).
                let length = |chunk: &[u8]| uleb128(&chunk[9..]).map(|(len, _)| len);
                let expected = if i < MAGIC.len() {
                    "a chunk of changes without Automerge's magic bytes"
                } else if length(&bad[0]) > length(&chunks[0]) {
                    "a truncated chunk"
                } else {
                    "a chunk of changes fails its checksum"
                };
                let mut corrupted = m.clone();
                corrupted.changes = bad.into();
                assert_eq!(
                    check(&corrupted),
                    Err(expected.to_owned()),
                    "v2: {v2}, byte {i}"
                );
            }
        }
    }

    #[test]
    fn lengths_are_read_strictly() {
        assert_eq!(uleb128(&[0x05]), Some((5, 1)));
        assert_eq!(uleb128(&[0x80, 0x01]), Some((128, 2)));
        assert_eq!(uleb128(&[0x80]), None);
        assert_eq!(uleb128(&[0xff; 11]), None);
        assert_eq!(canonical_uleb128(300), [0xac, 0x02]);
    }
}
