//! Compaction beside the pump: a group that piled up changes is encoded on a blocking
//! thread from a copy, so that an edit never waits for it, then stored when done.

use comptoir_model::GroupId;

use super::{Done, Node};
use crate::Result;
use crate::repo::Encoded;

impl Node {
    /// Compacts the groups that piled up changes: the snapshot is encoded on a blocking
    /// thread, so that an edit never waits for it.
    pub(super) fn start_compactions(&mut self) -> Result<()> {
        for group in self.app.repo().take_due() {
            if !self.compacting.insert(group.clone()) {
                continue;
            }
            let Some(job) = self.app.repo().start_compaction(&group)? else {
                self.compacting.remove(&group);
                continue;
            };
            self.tasks.push(Box::pin(async move {
                let encoded = tokio::task::spawn_blocking(move || job.encode()).await.ok();
                Done::Compacted { group, encoded }
            }));
        }
        Ok(())
    }

    pub(super) fn compacted(&mut self, group: GroupId, encoded: Option<Encoded>) -> Result<()> {
        self.compacting.remove(&group);
        match encoded {
            Some(encoded) => self.app.repo().finish_compaction(encoded),
            // Left for the next time the group is due.
            None => {
                tracing::warn!(%group, "a snapshot could not be encoded");
                Ok(())
            }
        }
    }
}
