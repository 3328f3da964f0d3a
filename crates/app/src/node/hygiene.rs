//! Connection hygiene: a peer that shares no group with this device is let go after a few
//! seconds, unless a join is under way with it (it waits for an admin here, or this device
//! joins through it). A stranger on the café's Wi-Fi cannot hold a connection open for free,
//! and strangers together cannot take every connection: the network keeps slots for the
//! devices this device shares a group with.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use comptoir_net::PeerId;

use super::{Done, Node, peer_id};

/// How long a peer that shares nothing stays connected.
pub(super) const STRANGER_GRACE: Duration = Duration::from_secs(5);

impl Node {
    /// At each tick: notes the connected peers that share nothing, and lets go those that have
    /// shared nothing for [`STRANGER_GRACE`].
    pub(super) fn let_strangers_go(&mut self, now: Instant) {
        let docs = self.app.repo_ref().docs();
        let mut strangers: Vec<PeerId> = self
            .connected()
            .filter(|peer| {
                let peer = peer_id::for_engine(peer);
                !docs.keys().any(|id| self.engine.may_sync(docs, id, &peer))
            })
            .copied()
            .collect();
        // At each tick: the store is asked only when someone shares nothing.
        if !strangers.is_empty() {
            let joining = self.joining_peers();
            strangers.retain(|peer| !joining.contains(peer));
        }
        self.strangers.retain(|peer, _| strangers.contains(peer));
        let mut gone = 0;
        for peer in strangers {
            let since = *self.strangers.entry(peer).or_insert(now);
            if now.duration_since(since) < STRANGER_GRACE {
                continue;
            }
            let Ok(client) = self.client() else {
                return;
            };
            self.strangers.remove(&peer);
            gone += 1;
            self.tasks.push(Box::pin(async move {
                let _ = client.disconnect(peer).await;
                Done::Nothing
            }));
        }
        if gone > 0 {
            tracing::info!(
                peers = gone,
                "let go peers that share no group with this device"
            );
        }
    }

    /// Tells the network the devices this device shares a group with, when they changed, so
    /// that it keeps connection slots for them: once online, whenever a log changes who may
    /// sync a group, and at each tick (a group arrived, an access list changed).
    pub(super) fn keep_slots(&mut self) {
        let sharing: BTreeSet<PeerId> = self
            .engine
            .peers_sharing(self.app.repo_ref().docs())
            .iter()
            .filter_map(peer_id::for_net)
            .collect();
        let Some(net) = &mut self.net else {
            return;
        };
        if net.slots_kept == sharing {
            return;
        }
        tracing::debug!(
            peers = sharing.len(),
            "connection slots kept for the groups' devices"
        );
        net.slots_kept = sharing.clone();
        let client = net.client.clone();
        self.tasks.push(Box::pin(async move {
            let _ = client.keep_slots_for(sharing).await;
            Done::Nothing
        }));
    }

    /// Peers a join is under way with: devices waiting here for an admin, inviters this device
    /// is joining through.
    fn joining_peers(&self) -> BTreeSet<PeerId> {
        let now = crate::devices::unix_now();
        let mut peers: BTreeSet<PeerId> = self
            .app
            .store()
            .pending_joins(None, now)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|request| request.peer.parse().ok())
            .collect();
        peers.extend(self.joins.values().filter_map(|join| join.inviter()));
        peers
    }
}
