//! Carrying out what the sync engine decided: frames to send, changes and sync states to store.

use comptoir_net::{PeerId, Protocol};
use comptoir_sync::Effect;
use tokio::sync::mpsc;

use super::{Node, NodeEvent, OUTBOX_CAPACITY, peer_id};
use crate::Result;

impl Node {
    /// Applies effects in order.
    pub(super) fn apply(&mut self, effects: Vec<Effect>) -> Result<()> {
        for effect in effects {
            self.apply_one(effect)?;
        }
        Ok(())
    }

    fn apply_one(&mut self, effect: Effect) -> Result<()> {
        match effect {
            Effect::Send { to, bytes } => {
                self.traffic.sent_bytes += bytes.len() as u64;
                self.traffic.sent_frames += 1;
                self.send(&to, bytes);
            }
            Effect::Changed { group } => {
                // The one write path; a group received whole is stored whole.
                self.app.repo().store_received(&group)?;
                // Peers already in sync send changes without the state changing: say so.
                self.report(NodeEvent::Received { group });
            }
            Effect::SaveSyncState { group, peer, state } => {
                if self.app.store().contains(group.as_str())? {
                    let synced = self.engine.is_synced(&group, &peer);
                    self.app.store().save_sync_state(
                        group.as_str(),
                        peer.as_str(),
                        &state,
                        synced,
                    )?;
                }
            }
            Effect::Synced { group, peer } => {
                tracing::debug!(%group, %peer, "synced");
                let Some(peer) = peer_id::for_net(&peer) else {
                    return Ok(());
                };
                for sync in self.syncs.values_mut() {
                    sync.synced.push((group.clone(), peer));
                }
                self.report(NodeEvent::Synced { group, peer });
            }
            Effect::GroupReceived { group, from } => {
                // Already stored: the engine's `Changed` for it comes just before.
                tracing::info!(%group, peer = %from, "joined a group");
                if let Some(peer) = peer_id::for_net(&from) {
                    // Its membership log comes next, from the device that sent it.
                    self.offer_log(&group, peer);
                    self.report(NodeEvent::Joined { group, peer });
                }
            }
            Effect::Refused { peer, reason } => {
                let Some(peer) = peer_id::for_net(&peer) else {
                    return Ok(());
                };
                if let comptoir_sync::SyncError::AuthorsUnknown { group, .. } = &reason {
                    // The log registering them is on its way, or the peer has not sent it: ask
                    // for it (its answer brings what ours lacks); its arrival starts the sync
                    // again. A stranger's made-up authors end here too, kept nowhere.
                    self.offer_log(group, peer);
                }
                let cause = reason.cause();
                let reason = reason.to_string();
                if self.refusals.first(std::time::Instant::now(), peer, cause) {
                    tracing::info!(%peer, cause, %reason, "refused");
                }
                self.report(NodeEvent::Refused { peer, reason });
            }
        }
        Ok(())
    }

    /// Queues a frame for a peer; one task per connected peer sends its frames in order.
    fn send(&mut self, to: &comptoir_sync::PeerId, bytes: Vec<u8>) {
        let Some(peer) = peer_id::for_net(to) else {
            tracing::warn!(peer = %to, "not a peer id; frame dropped");
            return;
        };
        let Some(net) = &mut self.net else {
            return;
        };
        let outbox = net.outboxes.entry(peer).or_insert_with(|| {
            let (sender, mut frames) = mpsc::channel::<Vec<u8>>(OUTBOX_CAPACITY);
            let client = net.client.clone();
            tokio::spawn(async move {
                while let Some(frame) = frames.recv().await {
                    if let Err(e) = client.request(peer, Protocol::Sync, frame).await {
                        // The engine resends what was lost once the peer is back.
                        tracing::debug!(%peer, error = %e, "frame not delivered");
                    }
                }
            });
            sender
        });
        if let Err(mpsc::error::TrySendError::Full(_)) = outbox.try_send(bytes) {
            // Never block the node: the frame is dropped, and the engine told at a tick once
            // there is room (a closed outbox is a peer gone, whose exchanges end anyway).
            tracing::debug!(%peer, "outbox full; frame dropped");
            net.congested.insert(peer);
        }
    }

    /// The congested peers whose outbox has room again (half of it, so that a restart is not
    /// lost as well), no longer counted as congested.
    pub(super) fn decongested(&mut self) -> Vec<PeerId> {
        let Some(net) = &mut self.net else {
            return Vec::new();
        };
        let outboxes = &net.outboxes;
        let ready: Vec<PeerId> = net
            .congested
            .iter()
            .filter(|peer| {
                outboxes
                    .get(peer)
                    .is_none_or(|outbox| outbox.capacity() >= OUTBOX_CAPACITY / 2)
            })
            .copied()
            .collect();
        for peer in &ready {
            net.congested.remove(peer);
        }
        ready
    }
}
