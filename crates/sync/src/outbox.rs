//! The effects of handling one input, gathered then put in the order the caller applies them:
//! refusals, storage writes, received groups, frames, sync states, then `Synced`.
//!
//! Changes are persisted before any frame acknowledges them, and a sync state is saved only
//! after the changes it vouches for.

use std::collections::BTreeMap;

use comptoir_model::GroupId;

use crate::wire::{Entry, Sealed};
use crate::{Effect, PeerId, SyncError, frames};

#[derive(Debug, Default)]
pub(crate) struct Outbox {
    refused: Vec<Effect>,
    persist: Vec<Effect>,
    received: Vec<Effect>,
    sends: BTreeMap<PeerId, Vec<Entry>>,
    saves: Vec<Effect>,
    synced: Vec<Effect>,
}

impl Outbox {
    pub(crate) fn refuse(&mut self, peer: &PeerId, reason: SyncError) {
        tracing::debug!(%peer, %reason, "sync input refused");
        self.refused.push(Effect::Refused {
            peer: peer.clone(),
            reason,
        });
    }

    pub(crate) fn changed(&mut self, group: &GroupId) {
        let effect = Effect::Changed {
            group: group.clone(),
        };
        if !self.persist.contains(&effect) {
            self.persist.push(effect);
        }
    }

    pub(crate) fn received(&mut self, group: &GroupId, from: &PeerId) {
        self.received.push(Effect::GroupReceived {
            group: group.clone(),
            from: from.clone(),
        });
    }

    pub(crate) fn send(&mut self, peer: &PeerId, group: &GroupId, message: Vec<u8>, seals: Sealed) {
        self.sends.entry(peer.clone()).or_default().push(Entry {
            group: group.clone(),
            message,
            seals,
        });
    }

    pub(crate) fn save(&mut self, group: &GroupId, peer: &PeerId, state: Vec<u8>) {
        self.saves.push(Effect::SaveSyncState {
            group: group.clone(),
            peer: peer.clone(),
            state,
        });
    }

    pub(crate) fn synced(&mut self, group: &GroupId, peer: &PeerId) {
        tracing::debug!(%group, %peer, "synced");
        self.synced.push(Effect::Synced {
            group: group.clone(),
            peer: peer.clone(),
        });
    }

    /// The effects in order, each peer's messages packed into frames of at most `max_frame`.
    pub(crate) fn finish(self, max_frame: usize, next_message_id: &mut u64) -> Vec<Effect> {
        let mut effects = self.refused;
        effects.extend(self.persist);
        effects.extend(self.received);
        for (peer, entries) in self.sends {
            for bytes in frames::pack(entries, max_frame, next_message_id) {
                effects.push(Effect::Send {
                    to: peer.clone(),
                    bytes,
                });
            }
        }
        effects.extend(self.saves);
        effects.extend(self.synced);
        effects
    }
}
