//! A one-shot sync (`comptoir sync`): dial the given peers, then answer once every group shared
//! with every peer reached is up to date. A pending entry the pump completes.

use std::time::{Duration, Instant};

use comptoir_model::GroupId;
use comptoir_net::{Multiaddr, PeerId};
use tokio::sync::oneshot;

use super::{Done, Node, SyncReport};
use crate::{AppError, Result};

pub(super) struct SyncOnce {
    reply: oneshot::Sender<Result<SyncReport>>,
    /// Dials not finished yet; the sync is judged only once they all are.
    dialling: usize,
    deadline: Instant,
    timeout: Duration,
    /// (group, peer) pairs brought up to date meanwhile.
    pub(super) synced: Vec<(GroupId, PeerId)>,
}

impl Node {
    pub(super) fn start_sync(
        &mut self,
        addresses: Vec<Multiaddr>,
        timeout: Duration,
        reply: oneshot::Sender<Result<SyncReport>>,
    ) {
        let client = match self.client() {
            Ok(client) => client,
            Err(e) => {
                let _ = reply.send(Err(e));
                return;
            }
        };
        let id = self.next_pending_id();
        self.syncs.insert(
            id,
            SyncOnce {
                reply,
                dialling: addresses.len(),
                deadline: Instant::now() + timeout,
                timeout,
                synced: Vec::new(),
            },
        );
        for address in addresses {
            let client = client.clone();
            self.tasks.push(Box::pin(async move {
                match client.dial(address).await {
                    Ok(peer) => tracing::debug!(%peer, "dialled"),
                    Err(e) => tracing::warn!(error = %e, "a peer did not answer"),
                }
                Done::Dialled { sync: id }
            }));
        }
    }

    pub(super) fn sync_dialled(&mut self, sync: u64) {
        if let Some(pending) = self.syncs.get_mut(&sync) {
            pending.dialling = pending.dialling.saturating_sub(1);
        }
    }

    /// Answers the syncs that are done: every dial ended, some peer reached, and every group
    /// shared with every peer reached up to date.
    pub(super) fn complete_syncs(&mut self) -> Result<()> {
        if self.syncs.is_empty() {
            return Ok(());
        }
        let reached: Vec<_> = self.connected().copied().collect();
        let all_synced = !reached.is_empty() && reached.iter().all(|p| self.synced_with(p));
        if !all_synced {
            return Ok(());
        }
        let shares = self.shares_anything();
        let removed = self.removed.first().cloned();
        let done: Vec<u64> = self
            .syncs
            .iter()
            .filter(|(_, s)| s.dialling == 0)
            .map(|(id, _)| *id)
            .collect();
        for id in done {
            if let Some(pending) = self.syncs.remove(&id) {
                let answer = if shares {
                    Ok(SyncReport {
                        peers: reached.clone(),
                        synced: pending.synced,
                    })
                } else if let Some(group) = removed.clone() {
                    Err(AppError::RemovedFromGroup { group })
                } else {
                    Err(AppError::NothingShared)
                };
                let _ = pending.reply.send(answer);
            }
        }
        Ok(())
    }

    /// Fails the syncs whose time is up, saying whether any peer was reached.
    pub(super) fn expire_syncs(&mut self, now: Instant) {
        let reached_any = self.connected().next().is_some();
        let late: Vec<u64> = self
            .syncs
            .iter()
            .filter(|(_, s)| s.deadline <= now)
            .map(|(id, _)| *id)
            .collect();
        for id in late {
            if let Some(pending) = self.syncs.remove(&id) {
                let seconds = pending.timeout.as_secs();
                let error = if reached_any {
                    AppError::SyncIncomplete { seconds }
                } else {
                    AppError::NoPeerReached { seconds }
                };
                let _ = pending.reply.send(Err(error));
            }
        }
    }
}
