//! Compaction beside a running node: the snapshot of a big group takes tens of milliseconds to
//! encode, so a node takes a copy of the document (a few milliseconds), encodes it on a
//! blocking thread, and stores it when it is ready. The store's generation guard keeps this
//! safe: changes appended meanwhile stay outside the snapshot, and a snapshot made while
//! another process compacted is refused.

use comptoir_model::{GroupId, Snapshot};

use super::Repo;
use crate::Result;

/// A snapshot to encode, and the part of the store it replaces.
#[derive(Debug)]
pub struct Compaction {
    group: GroupId,
    generation: i64,
    up_to_seq: i64,
    source: Snapshot,
}

/// An encoded snapshot, ready to be stored by [`Repo::finish_compaction`].
#[derive(Debug)]
pub struct Encoded {
    group: GroupId,
    generation: i64,
    up_to_seq: i64,
    bytes: Vec<u8>,
}

impl Compaction {
    pub fn group(&self) -> &GroupId {
        &self.group
    }

    /// Encodes the snapshot (the slow part, for a blocking thread).
    pub fn encode(self) -> Encoded {
        Encoded {
            bytes: self.source.save(),
            group: self.group,
            generation: self.generation,
            up_to_seq: self.up_to_seq,
        }
    }
}

impl Encoded {
    pub fn group(&self) -> &GroupId {
        &self.group
    }
}

impl Repo {
    /// Leaves compactions to the caller: writes only note that a group is due (see
    /// [`Repo::take_due`]).
    pub(crate) fn defer_compactions(&mut self) {
        self.deferred = true;
    }

    /// The groups that piled up enough changes since they were last handed out.
    pub(crate) fn take_due(&mut self) -> Vec<GroupId> {
        std::mem::take(&mut self.due).into_iter().collect()
    }

    /// A copy of an open group to encode as its snapshot, once the copy holds everything
    /// stored (other processes' changes included); `None` if the group is not open.
    pub(crate) fn start_compaction(&mut self, id: &GroupId) -> Result<Option<Compaction>> {
        self.catch_up(id)?;
        let (Some(doc), Some(seen)) = (self.docs.get_mut(id), self.seen.get(id)) else {
            return Ok(None);
        };
        Ok(Some(Compaction {
            group: id.clone(),
            generation: seen.generation,
            up_to_seq: seen.last_seq,
            source: doc.snapshot(),
        }))
    }

    /// Stores an encoded snapshot, unless another process compacted since it was started.
    pub(crate) fn finish_compaction(&mut self, encoded: Encoded) -> Result<()> {
        let Encoded {
            group,
            generation,
            up_to_seq,
            bytes,
        } = encoded;
        let done = self
            .store
            .compact(group.as_str(), &bytes, generation, up_to_seq)?;
        if let Some(seen) = self.seen.get_mut(&group)
            && done
            && seen.generation == generation
        {
            seen.generation += 1;
        }
        tracing::debug!(%group, done, "compacted beside the node");
        Ok(())
    }
}
