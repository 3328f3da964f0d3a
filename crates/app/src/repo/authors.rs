//! Each open group's gate follows its membership log: the authors the log lets write are
//! handed to the document (`GroupDoc::set_authors`), and when the log refuses changes the
//! document already holds (a removal learned late), they are taken out, this device's own
//! edits built on them written again, and the group stored anew.

use std::collections::HashSet;

use comptoir_authority::{Body, DeviceId, Log};
use comptoir_model::{ActorId, Authors, ChangeHash, GroupId};

use super::Repo;
use crate::Result;

/// The authors `log` lets write: current admins and facilitators' actors in full, removed
/// devices' actors up to their removal's content heads, anyone up to the heads admins
/// vouched for.
pub(crate) fn authors_of(log: &Log) -> Authors {
    let mut authors = Authors::new();
    for (actor, device) in log.actors() {
        let actor = ActorId::from(actor);
        if log.may_write(&device) {
            // Its changes arriving under that actor need its device's seal.
            authors.sealed_writer(actor, device.as_bytes());
        } else if let Some(removal) = log.removal_of(&device) {
            authors.removed(actor, heads(&removal.content_heads));
        }
    }
    // A removed device's registrations made in parallel with its removal do nothing: its
    // actors named there are its own still, and as bounded as the others.
    for op in log.ops() {
        if let (Body::RegisterActor { actor }, Some(removal)) =
            (op.body(), log.removal_of(&op.author()))
            && log.is_effective(&op.hash()) == Some(false)
        {
            authors.removed(
                ActorId::from(actor.as_slice()),
                heads(&removal.content_heads),
            );
        }
    }
    authors.vouched(heads(log.baseline()));
    authors
}

/// The device that wrote with `actor`, as `log` says: the one that registered it, or a removed
/// device whose voided registration named it.
pub(crate) fn owner_of(log: &Log, actor: &ActorId) -> Option<DeviceId> {
    log.device_of_actor(actor.to_bytes()).or_else(|| {
        log.ops().find_map(|op| match op.body() {
            Body::RegisterActor { actor: named } if named.as_slice() == actor.to_bytes() => {
                Some(op.author())
            }
            _ => None,
        })
    })
}

fn heads<'a>(hashes: impl IntoIterator<Item = &'a [u8; 32]>) -> Vec<ChangeHash> {
    hashes.into_iter().map(|h| ChangeHash(*h)).collect()
}

impl Repo {
    /// Hands an open group's document the authors its log lets write, and takes out what
    /// they refuse. Nothing happens for a group that is not open or has no log.
    pub(super) fn guard(&mut self, id: &GroupId) -> Result<()> {
        if !self.logs.contains_key(id) || !self.docs.contains_key(id) {
            return Ok(());
        }
        if self.unregistered.remove(id) {
            // This process wrote before the log arrived: name its actor now, or peers would
            // refuse those changes.
            if let Err(e) = self.register_writer(id) {
                tracing::warn!(group = %id, code = e.code(), "this device's writer could not be registered");
            }
        }
        let Some(log) = self.logs.get(id) else {
            return Ok(());
        };
        let authors = authors_of(log);
        let me = DeviceId::from(&self.key);
        let own: HashSet<ActorId> = log
            .actors()
            .filter(|(_, device)| *device == me)
            .map(|(actor, _)| ActorId::from(actor))
            .chain([self.writer.actor().clone()])
            .collect();
        let Some(doc) = self.docs.get_mut(id) else {
            return Ok(());
        };
        let refused = doc.set_authors(authors);
        if refused.is_empty() {
            return Ok(());
        }
        // The stored changes include the refused ones: read everything stored first, so the
        // snapshot that replaces them holds every other change.
        self.catch_up(id)?;
        let Some(doc) = self.docs.get_mut(id) else {
            return Ok(());
        };
        let refused = doc.refused();
        let dropped = doc.drop_changes(&refused, &own)?;
        tracing::info!(
            group = %id,
            dropped = dropped.changes,
            replayed = dropped.replayed,
            lost = dropped.lost,
            "changes the membership log refuses were taken out"
        );
        let snapshot = doc.save();
        // This device's edits written again are new changes: sealed like any other.
        self.seal_own_history(id);
        if let Some(seen) = self.seen.get_mut(id) {
            let done =
                self.store
                    .compact(id.as_str(), &snapshot, seen.generation, seen.last_seq)?;
            if done {
                seen.generation += 1;
            }
        }
        self.store_seals(id)?;
        self.rebuilt.insert(id.clone());
        self.changed.insert(id.clone());
        Ok(())
    }

    /// Groups rebuilt by [`Repo::guard`] since the last call: their sync with every peer
    /// starts again from nothing.
    pub(crate) fn take_rebuilt(&mut self) -> Vec<GroupId> {
        std::mem::take(&mut self.rebuilt).into_iter().collect()
    }
}
