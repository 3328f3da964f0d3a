//! Seals: each change's hash signed by the device that wrote it, so that a change under a
//! writer's actor id is known to come from that writer's device, whoever relays it. Actor ids
//! are public (any export shows them); a seal is not forgeable without the device key.
//!
//! The model checks seals ([`crate::gate`], with the keys the caller's [`crate::Authors`]
//! give) and keeps them beside the document; the caller signs (the model holds no key) and
//! stores them.

use std::collections::HashMap;

use automerge::sync::Message;
use automerge::{ActorId, ChangeHash, ReadDoc};
use ed25519_dalek::{Signature, VerifyingKey};

use crate::GroupId;
use crate::document::GroupDoc;

/// The Ed25519 signature of [`sealed_bytes`] by the device that wrote the change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seal(pub [u8; 64]);

/// The kind byte of a document chunk (a whole saved document) in Automerge's format.
const DOCUMENT_CHUNK: u8 = 0;

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

/// The seals a document holds, and those not handed to storage yet.
#[derive(Debug, Clone, Default)]
pub(crate) struct Seals {
    held: HashMap<ChangeHash, Seal>,
    unsaved: Vec<ChangeHash>,
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

    /// The seals of the changes `message` carries, to send beside it: every seal held when it
    /// carries the whole document.
    pub fn seals_for(&self, message: &Message) -> Vec<(ChangeHash, Seal)> {
        let mut seals = Vec::new();
        for chunk in message.changes.iter() {
            if chunk.get(8) == Some(&DOCUMENT_CHUNK) {
                return self.seals.held.iter().map(|(h, s)| (*h, *s)).collect();
            }
            let Ok(change) = automerge::Change::from_bytes(chunk.to_vec()) else {
                continue;
            };
            let hash = change.hash();
            if let Some(seal) = self.seals.get(&hash) {
                seals.push((hash, *seal));
            }
        }
        seals
    }

    /// Keeps, of `offered`, the seals of changes now held that are valid for the key of the
    /// change's author (a seal nothing can check is not kept, so it is never passed on).
    pub(crate) fn keep_checked_seals(&mut self, offered: &HashMap<ChangeHash, Seal>) {
        let Some(authors) = &self.authors else {
            return;
        };
        let mut kept = Vec::new();
        for (hash, seal) in offered {
            if self.seals.get(hash).is_some() {
                continue;
            }
            let Some(change) = self.doc.get_change_by_hash(hash) else {
                continue;
            };
            if authors
                .key_of(change.actor_id())
                .is_some_and(|key| is_valid(key, &self.id, hash, seal))
            {
                kept.push((*hash, *seal));
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
        self.seals
            .get(hash)
            .or_else(|| offered.get(hash))
            .is_some_and(|seal| is_valid(key, &self.id, hash, seal))
    }
}
