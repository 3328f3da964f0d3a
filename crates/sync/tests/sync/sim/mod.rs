//! A simulated network of sync engines: links that connect, break and partition, frames
//! delivered in an order a seeded RNG picks (with drops and duplicates when asked), simulated
//! time for resends, and restarts from what each peer stored.

mod node;

use std::collections::{BTreeMap, BTreeSet};

use comptoir_model::{GroupDoc, GroupId};
use comptoir_sync::{Config, Effect, Engine, Input};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

pub use node::Node;

/// What the network does to frames in flight.
#[derive(Debug, Clone, Copy, Default)]
pub struct Faults {
    /// Probability that a frame is lost.
    pub drop: f64,
    /// Probability that a frame is delivered twice.
    pub duplicate: f64,
    /// Deliver frames in random order rather than in the order sent.
    pub reorder: bool,
}

/// A frame on the wire.
#[derive(Debug, Clone)]
pub struct Packet {
    pub from: String,
    pub to: String,
    pub bytes: Vec<u8>,
}

/// Simulated time between two rounds of ticks when the network is idle.
const TICK_MS: u64 = 1_000;
/// With nothing but resends and refusals for this long, the network is as quiet as it gets
/// (well beyond the longest wait between two resends).
const STALL_MS: u64 = 15 * 60 * 1_000;

#[derive(Debug)]
pub struct Sim {
    rng: StdRng,
    pub now: u64,
    pub config: Config,
    pub faults: Faults,
    nodes: BTreeMap<String, Node>,
    links: BTreeSet<(String, String)>,
    in_flight: Vec<Packet>,
    /// Every frame sent, in order, before faults.
    pub sent: Vec<Packet>,
    /// Invitations not yet resolved: (invitee, group).
    pending: BTreeSet<(String, GroupId)>,
}

fn link(a: &str, b: &str) -> (String, String) {
    if a < b {
        (a.into(), b.into())
    } else {
        (b.into(), a.into())
    }
}

impl Sim {
    pub fn new(seed: u64, config: Config, faults: Faults) -> Self {
        Self {
            rng: StdRng::seed_from_u64(seed),
            now: 0,
            config,
            faults,
            nodes: BTreeMap::new(),
            links: BTreeSet::new(),
            in_flight: Vec::new(),
            sent: Vec::new(),
            pending: BTreeSet::new(),
        }
    }

    pub fn add_peer(&mut self, id: &str) {
        self.nodes.insert(
            id.into(),
            Node::new(id, Engine::new(id.into(), self.config)),
        );
    }

    pub fn node(&self, id: &str) -> &Node {
        &self.nodes[id]
    }

    pub fn node_mut(&mut self, id: &str) -> &mut Node {
        self.nodes.get_mut(id).expect("no such peer")
    }

    /// Gives `peer` a group (as if created or imported there), stored and synced from now on.
    pub fn add_group(&mut self, peer: &str, doc: GroupDoc) {
        let id = doc.id().clone();
        self.node_mut(peer).add_group(doc);
        self.input(peer, Input::LocalChange(id));
    }

    /// Changes a group on `peer` as the app does: edit, store, tell the engine.
    pub fn edit<T>(
        &mut self,
        peer: &str,
        group: &GroupId,
        change: impl FnOnce(&mut GroupDoc) -> comptoir_model::Result<T>,
    ) -> T {
        let node = self.node_mut(peer);
        let doc = node.held.get_mut(group).expect("peer holds the group");
        let out = change(doc).expect("the edit is valid");
        let unsaved = doc.take_unsaved();
        node.append(group, &unsaved);
        self.input(peer, Input::LocalChange(group.clone()));
        out
    }

    pub fn expect_group(&mut self, peer: &str, group: &GroupId, from: &str) {
        let node = self.node_mut(peer);
        node.engine
            .expect_group(&node.held, group.clone(), from.into());
        self.pending.insert((peer.into(), group.clone()));
        self.input(peer, Input::Tick);
    }

    pub fn connect(&mut self, a: &str, b: &str) {
        if self.links.insert(link(a, b)) {
            self.input(a, Input::PeerConnected(b.into()));
            self.input(b, Input::PeerConnected(a.into()));
        }
    }

    pub fn connect_all(&mut self) {
        let ids: Vec<String> = self.nodes.keys().cloned().collect();
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                self.connect(a, b);
            }
        }
    }

    pub fn disconnect(&mut self, a: &str, b: &str) {
        if self.links.remove(&link(a, b)) {
            self.in_flight
                .retain(|p| link(&p.from, &p.to) != link(a, b));
            self.input(a, Input::PeerDisconnected(b.into()));
            self.input(b, Input::PeerDisconnected(a.into()));
        }
    }

    /// Breaks every link between peers of different sides.
    pub fn partition(&mut self, sides: &[&[&str]]) {
        let side = |peer: &str| sides.iter().position(|s| s.contains(&peer));
        for (a, b) in self.links.clone() {
            if side(&a) != side(&b) {
                self.disconnect(&a, &b);
            }
        }
    }

    /// Kills `peer` and starts it again from what it stored; its links come back.
    pub fn restart(&mut self, peer: &str) {
        let others: Vec<String> = self
            .links
            .iter()
            .filter_map(|(a, b)| match (a == peer, b == peer) {
                (true, _) => Some(b.clone()),
                (_, true) => Some(a.clone()),
                _ => None,
            })
            .collect();
        for other in &others {
            // Killed: only the other side notices the connection is gone.
            self.links.remove(&link(peer, other));
            self.in_flight
                .retain(|p| link(&p.from, &p.to) != link(peer, other));
            self.input(other, Input::PeerDisconnected(peer.into()));
        }
        let config = self.config;
        self.node_mut(peer).restart(config);
        for other in &others {
            self.connect(peer, other);
        }
    }

    /// Hands an input to a peer and carries out the effects.
    pub fn input(&mut self, peer: &str, input: Input) {
        let now = self.now;
        let node = self.node_mut(peer);
        let effects = node.engine.handle(now, &mut node.held, input);
        self.apply(peer, effects);
    }

    fn apply(&mut self, peer: &str, effects: Vec<Effect>) {
        let max_frame = self.config.max_frame;
        for effect in &effects {
            match effect {
                Effect::Send { to, bytes } => {
                    assert!(bytes.len() <= max_frame, "a frame of {} bytes", bytes.len());
                    let packet = Packet {
                        from: peer.into(),
                        to: to.to_string(),
                        bytes: bytes.clone(),
                    };
                    self.sent.push(packet.clone());
                    assert!(
                        self.links.contains(&link(peer, to.as_str())),
                        "sent to a peer not connected"
                    );
                    self.in_flight.push(packet);
                }
                Effect::GroupReceived { group, .. } => {
                    self.pending.remove(&(peer.into(), group.clone()));
                }
                Effect::Refused {
                    reason: comptoir_sync::SyncError::NotInvited { group, .. },
                    ..
                } => {
                    self.pending.remove(&(peer.into(), group.clone()));
                }
                _ => {}
            }
        }
        self.node_mut(peer).record(effects);
    }

    /// Delivers at most `n` frames; returns how many were taken off the wire.
    pub fn deliver(&mut self, n: usize) -> usize {
        let mut taken = 0;
        while taken < n && !self.in_flight.is_empty() {
            let at = if self.faults.reorder {
                self.rng.random_range(0..self.in_flight.len())
            } else {
                0
            };
            let packet = self.in_flight.remove(at);
            taken += 1;
            if self.rng.random_bool(self.faults.drop) {
                continue;
            }
            if self.rng.random_bool(self.faults.duplicate) {
                let at = self.rng.random_range(0..=self.in_flight.len());
                self.in_flight.insert(at, packet.clone());
            }
            let Packet { from, to, bytes } = packet;
            self.input(
                &to,
                Input::Received {
                    from: from.into(),
                    bytes,
                },
            );
        }
        taken
    }

    /// Throws away the frames in flight from `peer`; returns how many.
    pub fn lose_from(&mut self, peer: &str) -> usize {
        let before = self.in_flight.len();
        self.in_flight.retain(|p| p.from != peer);
        before - self.in_flight.len()
    }

    /// Throws away every frame in flight.
    pub fn lose_in_flight(&mut self) -> usize {
        std::mem::take(&mut self.in_flight).len()
    }

    /// Delivers frames until none are left, ticking with advancing time while pairs that should
    /// sync are not up to date; stops when they all are and every invitation is resolved, or
    /// when nothing but resends and refusals happened for a long while. Returns whether every
    /// pair is up to date.
    pub fn run_until_quiet(&mut self) -> bool {
        let mut last_progress = self.now;
        let mut progress_marks = self.progress_marks();
        loop {
            while self.deliver(usize::MAX) > 0 {}
            if self.all_synced() && self.pending.is_empty() {
                return true;
            }
            let marks = self.progress_marks();
            if marks != progress_marks {
                progress_marks = marks;
                last_progress = self.now;
            }
            if self.now - last_progress > STALL_MS {
                return false;
            }
            self.now += TICK_MS;
            let ids: Vec<String> = self.nodes.keys().cloned().collect();
            for id in ids {
                self.input(&id, Input::Tick);
            }
        }
    }

    /// Counts of effects that show progress (anything but frames and refusals), per peer.
    fn progress_marks(&self) -> Vec<usize> {
        self.nodes.values().map(Node::progress).collect()
    }

    /// Whether every connected pair that both sides' copies authorize is up to date.
    pub fn all_synced(&mut self) -> bool {
        let links = self.links.clone();
        links.iter().all(|(a, b)| {
            let groups = self.node(a).shared_groups(b);
            groups.iter().all(|g| {
                !self.node(b).shares(g, a)
                    || (self.node(a).engine.is_synced(g, &b.as_str().into())
                        && self.node(b).engine.is_synced(g, &a.as_str().into()))
            })
        })
    }

    /// Bytes and frames sent since frame number `since`.
    pub fn traffic_since(&self, since: usize) -> (usize, usize) {
        let frames = &self.sent[since..];
        (frames.iter().map(|p| p.bytes.len()).sum(), frames.len())
    }

    /// Asserts that these peers hold the same group: same heads, same content.
    pub fn assert_converged(&mut self, peers: &[&str], group: &GroupId) {
        let first = self.node_mut(peers[0]).snapshot(group);
        for peer in &peers[1..] {
            let other = self.node_mut(peer).snapshot(group);
            assert_eq!(first.0, other.0, "heads of {} and {peer}", peers[0]);
            assert_eq!(first.1, other.1, "content of {} and {peer}", peers[0]);
        }
    }
}
