//! Carrying out what the sync engine decided: frames to send, changes and sync states to store.

use comptoir_model::GroupId;
use comptoir_net::{PeerId, Protocol};
use comptoir_sync::Effect;
use tokio::sync::mpsc;

use super::{Node, NodeEvent, OUTBOX_CAPACITY};
use crate::Result;

impl Node {
    /// Applies effects in order; returns the first event worth reporting (the rest are logged).
    pub(super) fn apply(&mut self, effects: Vec<Effect>) -> Result<Option<NodeEvent>> {
        let mut reported = None;
        for effect in effects {
            let event = self.apply_one(effect)?;
            if reported.is_none() {
                reported = event;
            } else if let Some(event) = event {
                self.pending.push_back(event);
            }
        }
        Ok(reported)
    }

    fn apply_one(&mut self, effect: Effect) -> Result<Option<NodeEvent>> {
        match effect {
            Effect::Send { to, bytes } => {
                self.traffic.sent_bytes += bytes.len() as u64;
                self.traffic.sent_frames += 1;
                self.send(&to, bytes);
                Ok(None)
            }
            Effect::Persist { group, changes } => {
                self.persist(&group, &changes)?;
                // Peers already in sync send changes without the state changing: say so.
                Ok(Some(NodeEvent::Received {
                    group: group.to_string(),
                }))
            }
            Effect::SaveSyncState { group, peer, state } => {
                if self.app.store().contains(group.as_str())? {
                    let synced = self.engine.is_synced(&group, &peer);
                    self.app
                        .store()
                        .save_sync_state(group.as_str(), &peer, &state, synced)?;
                }
                Ok(None)
            }
            Effect::Synced { group, peer } => {
                tracing::debug!(%group, %peer, "synced");
                Ok(Some(NodeEvent::Synced {
                    group: group.to_string(),
                    peer,
                }))
            }
            Effect::GroupReceived { group, from } => {
                // Already stored: the engine hands the group whole, as a `Persist`, just before.
                tracing::info!(%group, peer = %from, "joined a group");
                Ok(Some(NodeEvent::Joined {
                    group: group.to_string(),
                    peer: from,
                }))
            }
            Effect::Refused { peer, reason } => {
                let reason = reason.to_string();
                tracing::info!(%peer, %reason, "refused");
                Ok(Some(NodeEvent::Refused { peer, reason }))
            }
        }
    }

    /// Stores changes received for a group; a group received for the first time is stored
    /// whole: the engine hands it as one snapshot ([`Effect::Persist`]), stored as it came
    /// rather than saved a second time.
    fn persist(&mut self, group: &GroupId, changes: &[u8]) -> Result<()> {
        if self.app.store().contains(group.as_str())? {
            self.app.store().append(group.as_str(), changes)?;
        } else {
            self.app.store().create(group.as_str(), changes)?;
        }
        // Our own writes leave SQLite's data version as it was (it counts other connections'
        // commits): re-reading it here would hide another process's write made since the last
        // tick.
        Ok(())
    }

    /// Queues a frame for a peer; one task per peer sends its frames in order.
    fn send(&mut self, to: &str, bytes: Vec<u8>) {
        let Ok(peer) = to.parse::<PeerId>() else {
            tracing::warn!(peer = %to, "not a peer id; frame dropped");
            return;
        };
        let outbox = self.outboxes.entry(peer).or_insert_with(|| {
            let (sender, mut frames) = mpsc::channel::<Vec<u8>>(OUTBOX_CAPACITY);
            let client = self.client.clone();
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
        if outbox.try_send(bytes).is_err() {
            // Full or closed: the engine's resend timer recovers; never block the node.
            tracing::debug!(%peer, "outbox full; frame dropped");
        }
    }
}
