//! Seals: each change's hash signed by the device that wrote it, so that a change under a
//! writer's actor id is known to come from that writer's device, whoever relays it. Actor ids
//! are public (any export shows them); a seal is not forgeable without the device key.
//!
//! The model checks seals ([`crate::gate`], with the keys the caller's [`crate::Authors`]
//! give) and keeps them beside the document; the caller signs (the model holds no key) and
//! stores them.

use std::collections::HashMap;

use automerge::{ActorId, ChangeHash, ReadDoc};
use ed25519_dalek::{Signature, VerifyingKey};

use crate::GroupId;
use crate::document::GroupDoc;

/// The Ed25519 signature of [`sealed_bytes`] by the device that wrote the change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seal(pub [u8; 64]);

/// What a device signs to seal the change `hash` of `group`.
pub fn sealed_bytes(group: &GroupId, hash: &ChangeHash) -> Vec<u8> {
    let mut bytes = b"comptoir/seal/1\0".to_vec();
    bytes.extend_from_slice(group.as_str().as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(&hash.0);
    bytes
}

/// Whether `seal` is `key`'s seal of `hash` in `group`.
pub(crate) fn is_valid(
    key: &VerifyingKey,
    group: &GroupId,
    hash: &ChangeHash,
    seal: &Seal,
) -> bool {
    key.verify_strict(&sealed_bytes(group, hash), &Signature::from_bytes(&seal.0))
        .is_ok()
}

/// Seals kept for changes not applied yet (waiting for their dependencies), at most.
const MAX_EARLY: usize = 4096;

/// The seals a document holds, those not handed to storage yet, and those that came before
/// their change could be applied.
#[derive(Debug, Clone, Default)]
pub(crate) struct Seals {
    held: HashMap<ChangeHash, Seal>,
    unsaved: Vec<ChangeHash>,
    /// Not checked yet: their change waits for its dependencies (automerge keeps it aside)
    /// and is checked, with its seal, once it is applied.
    early: HashMap<ChangeHash, Seal>,
}

impl Seals {
    pub(crate) fn get(&self, hash: &ChangeHash) -> Option<&Seal> {
        self.held.get(hash)
    }

    fn insert(&mut self, hash: ChangeHash, seal: Seal, unsaved: bool) {
        if self.held.insert(hash, seal).is_none() && unsaved {
            self.unsaved.push(hash);
        }
    }
}

impl GroupDoc {
    /// Seals read back from storage (not handed out again by [`GroupDoc::take_unsaved_seals`]).
    pub fn load_seals(&mut self, seals: impl IntoIterator<Item = (ChangeHash, Seal)>) {
        for (hash, seal) in seals {
            self.seals.insert(hash, seal, false);
        }
    }

    /// Seals to keep and store: this device's of its own changes (see
    /// [`GroupDoc::unsealed_by`]), or those that came with the whole group from its inviter.
    pub fn add_seals(&mut self, seals: impl IntoIterator<Item = (ChangeHash, Seal)>) {
        for (hash, seal) in seals {
            self.seals.insert(hash, seal, true);
        }
    }

    /// Seals received and not stored yet, to store beside the changes.
    pub fn take_unsaved_seals(&mut self) -> Vec<(ChangeHash, Seal)> {
        let unsaved = std::mem::take(&mut self.seals.unsaved);
        unsaved
            .into_iter()
            .filter_map(|hash| self.seals.get(&hash).map(|seal| (hash, *seal)))
            .collect()
    }

    /// The seal held for a change, if any.
    pub fn seal_of(&self, hash: &ChangeHash) -> Option<Seal> {
        self.seals.get(hash).copied()
    }

    /// The changes written with one of `actors` that have no seal here, oldest first: what
    /// the device those actors belong to still has to seal.
    pub fn unsealed_by(&mut self, actors: &[ActorId]) -> Vec<ChangeHash> {
        self.doc
            .get_changes_meta(&[])
            .into_iter()
            .filter(|m| actors.iter().any(|a| *a == *m.actor))
            .map(|m| m.hash)
            .filter(|hash| self.seals.get(hash).is_none())
            .collect()
    }

    /// The changes written with `actor` since the document was last stored (see
    /// [`GroupDoc::take_unsaved`]) that have no seal yet: what this process seals now.
    pub fn unsaved_unsealed(&mut self, actor: &ActorId) -> Vec<ChangeHash> {
        let saved = self.saved.clone();
        self.doc
            .get_changes_meta(&saved)
            .into_iter()
            .filter(|m| *m.actor == *actor)
            .map(|m| m.hash)
            .filter(|hash| self.seals.get(hash).is_none())
            .collect()
    }

    /// Every seal held.
    pub fn seals(&self) -> Vec<(ChangeHash, Seal)> {
        self.seals.held.iter().map(|(h, s)| (*h, *s)).collect()
    }

    /// Keeps, of `offered` and the seals that came early, those of changes now held that are
    /// valid for the key of the change's author (a seal nothing can check is not kept, so it
    /// is never passed on); the seals of changes not applied yet wait for them.
    pub(crate) fn keep_checked_seals(&mut self, offered: &HashMap<ChangeHash, Seal>) {
        let Some(authors) = &self.authors else {
            return;
        };
        let mut candidates = std::mem::take(&mut self.seals.early);
        candidates.extend(offered.iter().map(|(h, s)| (*h, *s)));
        let mut kept = Vec::new();
        for (hash, seal) in candidates {
            if self.seals.get(&hash).is_some() {
                continue;
            }
            let Some(change) = self.doc.get_change_by_hash(&hash) else {
                if self.seals.early.len() < MAX_EARLY {
                    self.seals.early.insert(hash, seal);
                }
                continue;
            };
            if authors
                .key_of(change.actor_id())
                .is_some_and(|key| is_valid(key, &self.id, &hash, &seal))
            {
                kept.push((hash, seal));
            }
        }
        for (hash, seal) in kept {
            self.seals.insert(hash, seal, true);
        }
    }

    /// Whether `hash` has a valid seal by `key`, held or among `offered`.
    pub(crate) fn is_sealed(
        &self,
        key: &VerifyingKey,
        hash: &ChangeHash,
        offered: &HashMap<ChangeHash, Seal>,
    ) -> bool {
        [
            self.seals.get(hash),
            offered.get(hash),
            self.seals.early.get(hash),
        ]
        .into_iter()
        .flatten()
        .any(|seal| is_valid(key, &self.id, hash, seal))
    }
}
