//! Packing a peer's outgoing sync messages into frames no larger than the limit: as few
//! batches as possible, and fragments for an entry too large for any batch.

use crate::wire::{self, BATCH_HEADER, Entry, FRAGMENT_HEADER, Fragment};

/// Packs `entries` into frames of at most `max_frame` bytes, in order. `next_id` numbers
/// fragmented messages. An entry the format cannot carry is left out and logged.
pub(crate) fn pack(entries: Vec<Entry>, max_frame: usize, next_id: &mut u64) -> Vec<Vec<u8>> {
    let mut frames = Vec::new();
    let mut batch: Vec<Entry> = Vec::new();
    let mut batch_len = BATCH_HEADER;
    for entry in entries {
        let len = entry.encoded_len();
        if BATCH_HEADER + len > max_frame {
            flush(&mut batch, &mut frames);
            batch_len = BATCH_HEADER;
            fragment(entry, max_frame, next_id, &mut frames);
            continue;
        }
        if batch_len + len > max_frame || batch.len() == usize::from(u16::MAX) {
            flush(&mut batch, &mut frames);
            batch_len = BATCH_HEADER;
        }
        batch_len += len;
        batch.push(entry);
    }
    flush(&mut batch, &mut frames);
    frames
}

fn flush(batch: &mut Vec<Entry>, frames: &mut Vec<Vec<u8>>) {
    if batch.is_empty() {
        return;
    }
    match wire::encode_batch(batch) {
        Ok(bytes) => frames.push(bytes),
        Err(e) => tracing::warn!(error = %e, "sync batch left unsent"),
    }
    batch.clear();
}

fn fragment(entry: Entry, max_frame: usize, next_id: &mut u64, frames: &mut Vec<Vec<u8>>) {
    let group = entry.group.clone();
    let bytes = match wire::encode_batch(std::slice::from_ref(&entry)) {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::warn!(%group, error = %e, "sync message left unsent");
            return;
        }
    };
    let piece = max_frame.saturating_sub(FRAGMENT_HEADER).max(1);
    let Ok(count) = u16::try_from(bytes.len().div_ceil(piece)) else {
        tracing::warn!(%group, len = bytes.len(), "sync message too large to fragment, left unsent");
        return;
    };
    let message_id = *next_id;
    *next_id = next_id.wrapping_add(1);
    for (index, payload) in (0..count).zip(bytes.chunks(piece)) {
        frames.push(wire::encode_fragment(&Fragment {
            message_id,
            index,
            count,
            payload: payload.to_vec(),
        }));
    }
}

#[cfg(test)]
mod tests {
    use comptoir_model::GroupId;

    use super::*;
    use crate::wire::{Frame, decode};

    fn entry(n: u8, len: usize) -> Entry {
        Entry {
            group: GroupId::from_random([n; 16]),
            message: vec![n; len],
            seals: crate::wire::Sealed::None,
        }
    }

    #[test]
    fn small_entries_share_frames_within_the_limit() {
        let entries: Vec<Entry> = (0..50).map(|n| entry(n, 100)).collect();
        let frames = pack(entries.clone(), 1024, &mut 0);
        assert!(frames.len() > 1);
        assert!(frames.iter().all(|f| f.len() <= 1024));
        let mut decoded = Vec::new();
        for frame in &frames {
            match decode(frame, 1024) {
                Ok(Frame::Batch(batch)) => decoded.extend(batch),
                other => panic!("expected a batch, got {other:?}"),
            }
        }
        assert_eq!(decoded, entries);
    }

    #[test]
    fn a_large_entry_is_fragmented_and_reassembles() {
        let big = entry(9, 5000);
        let mut next_id = 4;
        let frames = pack(
            vec![entry(1, 10), big.clone(), entry(2, 10)],
            1024,
            &mut next_id,
        );
        assert_eq!(next_id, 5);
        assert!(frames.iter().all(|f| f.len() <= 1024));
        let mut payload = Vec::new();
        for frame in &frames[1..frames.len() - 1] {
            match decode(frame, 1024) {
                Ok(Frame::Fragment(f)) => {
                    assert_eq!(f.message_id, 4);
                    payload.extend(f.payload);
                }
                other => panic!("expected a fragment, got {other:?}"),
            }
        }
        assert_eq!(decode(&payload, usize::MAX), Ok(Frame::Batch(vec![big])));
    }
}
