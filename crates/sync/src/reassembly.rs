//! Putting one peer's fragments back together, within a memory bound.
//!
//! A peer numbers its fragmented messages in increasing order, so the lowest id is the oldest:
//! when the bound would be passed, or too many messages are incomplete (a fragment was lost and
//! the message was sent again under a new id), the oldest incomplete ones are dropped first.

use std::collections::BTreeMap;

use crate::SyncError;
use crate::wire::Fragment;

/// Incomplete messages kept per peer.
const MAX_PARTIALS: usize = 8;

/// The incomplete messages of one connected peer.
#[derive(Debug, Default)]
pub(crate) struct Reassembly {
    partials: BTreeMap<u64, Partial>,
    /// Payload bytes held across all partials.
    held: usize,
}

#[derive(Debug)]
struct Partial {
    count: u16,
    parts: BTreeMap<u16, Vec<u8>>,
    held: usize,
}

impl Reassembly {
    /// Adds a fragment; returns the whole message once its last fragment arrived. Holds at most
    /// `max_bytes` of payload. A duplicate fragment is ignored.
    pub(crate) fn add(
        &mut self,
        fragment: Fragment,
        max_bytes: usize,
    ) -> Result<Option<Vec<u8>>, SyncError> {
        let id = fragment.message_id;
        if let Some(partial) = self.partials.get(&id) {
            if partial.count != fragment.count {
                self.remove(id);
                return Err(SyncError::BadFragment("fragment count changed"));
            }
            if partial.parts.contains_key(&fragment.index) {
                return Ok(None);
            }
        }
        let len = fragment.payload.len();
        let mine = self.partials.get(&id).map_or(0, |p| p.held);
        if mine + len > max_bytes {
            self.remove(id);
            return Err(SyncError::ReassemblyFull {
                needed: mine + len,
                max: max_bytes,
            });
        }
        while self.held + len > max_bytes || self.partials.len() >= MAX_PARTIALS {
            match self.partials.keys().copied().find(|&other| other != id) {
                Some(oldest) => self.remove(oldest),
                None => break,
            }
        }
        let partial = self.partials.entry(id).or_insert_with(|| Partial {
            count: fragment.count,
            parts: BTreeMap::new(),
            held: 0,
        });
        partial.parts.insert(fragment.index, fragment.payload);
        partial.held += len;
        self.held += len;
        if partial.parts.len() < usize::from(partial.count) {
            return Ok(None);
        }
        let whole = self.partials.remove(&id).map(|done| {
            self.held -= done.held;
            done.parts.into_values().flatten().collect()
        });
        Ok(whole)
    }

    fn remove(&mut self, id: u64) {
        if let Some(partial) = self.partials.remove(&id) {
            self.held -= partial.held;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(message_id: u64, index: u16, count: u16, payload: &[u8]) -> Fragment {
        Fragment {
            message_id,
            index,
            count,
            payload: payload.to_vec(),
        }
    }

    #[test]
    fn fragments_in_any_order_and_duplicated_reassemble() {
        let mut r = Reassembly::default();
        assert_eq!(r.add(piece(1, 2, 3, b"cc"), 100), Ok(None));
        assert_eq!(r.add(piece(1, 0, 3, b"aa"), 100), Ok(None));
        assert_eq!(r.add(piece(1, 0, 3, b"aa"), 100), Ok(None));
        assert_eq!(
            r.add(piece(1, 1, 3, b"bb"), 100),
            Ok(Some(b"aabbcc".to_vec()))
        );
        assert_eq!(r.held, 0);
    }

    #[test]
    fn the_bound_is_kept_and_old_partials_are_dropped_first() {
        let mut r = Reassembly::default();
        assert_eq!(r.add(piece(1, 0, 2, &[0; 6]), 10), Ok(None));
        // Message 2 needs room: message 1, older and incomplete, is dropped.
        assert_eq!(r.add(piece(2, 0, 2, &[0; 6]), 10), Ok(None));
        assert_eq!(r.held, 6);
        // A message larger than the bound on its own is refused.
        assert_eq!(
            r.add(piece(2, 1, 2, &[0; 6]), 10),
            Err(SyncError::ReassemblyFull {
                needed: 12,
                max: 10
            })
        );
        assert_eq!(r.held, 0);
    }

    #[test]
    fn a_changed_count_drops_the_message() {
        let mut r = Reassembly::default();
        assert_eq!(r.add(piece(1, 0, 2, b"a"), 10), Ok(None));
        assert_eq!(
            r.add(piece(1, 1, 3, b"b"), 10),
            Err(SyncError::BadFragment("fragment count changed"))
        );
        assert_eq!(r.held, 0);
    }
}
