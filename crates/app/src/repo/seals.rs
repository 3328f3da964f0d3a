//! Each change this device writes is sealed with its key (see `comptoir_model`'s `seal`), and
//! every seal a group holds is stored beside its changes, so that whoever relays a change can
//! show who wrote it. Seals are read back with the group, and those another process stored
//! (the CLI beside the app) as it catches up.

use std::collections::HashSet;

use comptoir_authority::DeviceId;
use comptoir_model::{ActorId, ChangeHash, GroupDoc, GroupId, Seal, sealed_bytes};
use comptoir_store::SealRow;
use ed25519_dalek::{Signer, SigningKey};

use super::Repo;
use crate::Result;

/// `key`'s seals of `hashes` in `group`.
fn sign(key: &SigningKey, group: &GroupId, hashes: Vec<ChangeHash>) -> Vec<(ChangeHash, Seal)> {
    hashes
        .into_iter()
        .map(|hash| {
            let signature = key.sign(&sealed_bytes(group, &hash));
            (hash, Seal(signature.to_bytes()))
        })
        .collect()
}

impl Repo {
    /// Seals the changes this process wrote since the group was last stored.
    pub(super) fn seal_new(&mut self, id: &GroupId) {
        let actor = self.writer.actor().clone();
        let Some(doc) = self.docs.get_mut(id) else {
            return;
        };
        let fresh = doc.unsaved_unsealed(&actor);
        if !fresh.is_empty() {
            doc.add_seals(sign(&self.key, id, fresh));
        }
    }

    /// Seals every change this device wrote in the group and holds no seal for (those from
    /// before seals, or of a change stored just before a crash), with every actor the log
    /// gives it.
    pub(super) fn seal_own_history(&mut self, id: &GroupId) {
        let me = DeviceId::from(&self.key);
        let mut own: HashSet<ActorId> = self
            .logs
            .get(id)
            .map(|log| {
                log.actors()
                    .filter(|(_, device)| *device == me)
                    .map(|(actor, _)| ActorId::from(actor))
                    .collect()
            })
            .unwrap_or_default();
        own.insert(self.writer.actor().clone());
        let own: Vec<ActorId> = own.into_iter().collect();
        let Some(doc) = self.docs.get_mut(id) else {
            return;
        };
        let unsealed = doc.unsealed_by(&own);
        if !unsealed.is_empty() {
            doc.add_seals(sign(&self.key, id, unsealed));
        }
    }

    /// Stores the seals the group holds and the store does not.
    pub(super) fn store_seals(&mut self, id: &GroupId) -> Result<()> {
        let Some(doc) = self.docs.get_mut(id) else {
            return Ok(());
        };
        let rows = seal_rows(doc.take_unsaved_seals());
        Ok(self.store.put_seals(id.as_str(), &rows)?)
    }

    /// Reads the seals stored since the group last looked (all of them on opening).
    pub(super) fn read_seals(&mut self, id: &GroupId) -> Result<()> {
        let (Some(doc), Some(seen)) = (self.docs.get_mut(id), self.seen.get_mut(id)) else {
            return Ok(());
        };
        let (rows, last) = self.store.seals_after(id.as_str(), seen.seals_seq)?;
        seen.seals_seq = last;
        load(doc, rows);
        Ok(())
    }
}

/// Seals as the store keeps them.
pub(super) fn seal_rows(seals: Vec<(ChangeHash, Seal)>) -> Vec<SealRow> {
    seals
        .into_iter()
        .map(|(hash, seal)| (hash.0, seal.0))
        .collect()
}

fn load(doc: &mut GroupDoc, rows: Vec<SealRow>) {
    doc.load_seals(
        rows.into_iter()
            .map(|(hash, seal)| (ChangeHash(hash), Seal(seal))),
    );
}
