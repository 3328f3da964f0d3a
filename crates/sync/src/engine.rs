//! The engine: every group this device syncs, every connected peer, and what to do when
//! something happens.

use std::collections::{BTreeMap, BTreeSet};

use automerge::sync::{Message, SyncDoc};
use comptoir_model::{GroupDoc, GroupId};

use crate::chunks;
use crate::outbox::Outbox;
use crate::pair::Pair;
use crate::reassembly::Reassembly;
use crate::slot::{self, Slot};
use crate::wire::{self, Entry, Frame};
use crate::{Config, Effect, Input, PeerId, SyncError};

/// The smallest frame limit the engine accepts (a fragment needs a header and one byte).
const MIN_FRAME: usize = 64;

/// The sync of many groups with many peers: [`Engine::handle`] takes what happened and returns
/// what to do. It does no IO and reads no clock.
#[derive(Debug)]
pub struct Engine {
    me: PeerId,
    config: Config,
    groups: BTreeMap<GroupId, Slot>,
    /// Sync states by group and peer, kept while disconnected.
    pairs: BTreeMap<(GroupId, PeerId), Pair>,
    /// Connected peers, with their incomplete fragmented messages.
    connected: BTreeMap<PeerId, Reassembly>,
    next_message_id: u64,
}

/// What looking at a pair found.
enum Refreshed {
    Done,
    /// An expected group now holds everything its sender has: time to check it.
    Complete,
}

impl Engine {
    /// An engine for this device, known to peers as `me`.
    pub fn new(me: PeerId, mut config: Config) -> Self {
        config.max_frame = config.max_frame.max(MIN_FRAME);
        Self {
            me,
            config,
            groups: BTreeMap::new(),
            pairs: BTreeMap::new(),
            connected: BTreeMap::new(),
            next_message_id: 0,
        }
    }

    /// Starts syncing a group, with the sync states kept from earlier sessions (bytes that are
    /// not a sync state are ignored: that pair starts afresh). Replaces a group of the same id.
    /// Connected peers hear of it at the next [`Input::Tick`] or [`Input::LocalChange`].
    pub fn add_group(
        &mut self,
        doc: GroupDoc,
        sync_states: Vec<(PeerId, Vec<u8>)>,
    ) -> Result<(), SyncError> {
        let id = doc.id().clone();
        if !wire::is_well_formed(id.as_str()) {
            return Err(SyncError::InvalidGroupId(id));
        }
        for (peer, bytes) in sync_states {
            match Pair::restored(&bytes) {
                Some(pair) => {
                    self.pairs.entry((id.clone(), peer)).or_insert(pair);
                }
                None => tracing::debug!(group = %id, %peer, "unreadable sync state ignored"),
            }
        }
        self.groups.insert(id, Slot::Held(doc));
        Ok(())
    }

    /// Accepts `group` from `from`, though this device does not hold it yet (an invitation was
    /// accepted). Once everything `from` has arrived, the group is kept only if it is a group
    /// document with this id whose access list lists both this device and `from`
    /// ([`Effect::GroupReceived`]); otherwise it is dropped ([`Effect::Refused`]). Writes to it
    /// use a random actor until the caller sets one. Does nothing for a group already held.
    pub fn expect_group(&mut self, group: GroupId, from: PeerId) {
        if !wire::is_well_formed(group.as_str()) {
            tracing::warn!(%group, "expected group with a malformed id ignored");
            return;
        }
        if matches!(self.groups.get(&group), Some(Slot::Held(_))) {
            return;
        }
        self.pairs.retain(|(g, _), _| g != &group);
        self.groups.insert(group, Slot::expected(from));
    }

    /// A group this device holds.
    pub fn group(&self, id: &GroupId) -> Option<&GroupDoc> {
        match self.groups.get(id)? {
            Slot::Held(doc) => Some(doc),
            Slot::Expected { .. } => None,
        }
    }

    /// Every group this device holds.
    pub fn groups(&self) -> impl Iterator<Item = &GroupDoc> {
        self.groups.values().filter_map(|slot| match slot {
            Slot::Held(doc) => Some(doc),
            Slot::Expected { .. } => None,
        })
    }

    /// A group to change; then hand the engine [`Input::LocalChange`].
    pub fn group_mut(&mut self, id: &GroupId) -> Option<&mut GroupDoc> {
        match self.groups.get_mut(id)? {
            Slot::Held(doc) => Some(doc),
            Slot::Expected { .. } => None,
        }
    }

    /// Whether this group is up to date with this connected peer.
    pub fn is_synced(&self, group: &GroupId, peer: &PeerId) -> bool {
        self.connected.contains_key(peer)
            && self
                .pairs
                .get(&(group.clone(), peer.clone()))
                .is_some_and(|pair| pair.synced)
    }

    /// Handles one input at time `now` (milliseconds, any origin); returns what to do, in order.
    pub fn handle(&mut self, now: u64, input: Input) -> Vec<Effect> {
        let mut out = Outbox::default();
        match input {
            Input::PeerConnected(peer) => self.connect(now, peer, &mut out),
            Input::PeerDisconnected(peer) => self.disconnect(now, &peer, &mut out),
            Input::Received { from, bytes } => self.receive(now, &from, &bytes, &mut out),
            Input::LocalChange(group) => {
                let peers = self.peers();
                self.refresh_group(now, &group, &peers, &mut out);
            }
            Input::Tick => self.tick(now, &mut out),
        }
        out.finish(self.config.max_frame, &mut self.next_message_id)
    }

    fn peers(&self) -> Vec<PeerId> {
        self.connected.keys().cloned().collect()
    }

    fn connect(&mut self, now: u64, peer: PeerId, out: &mut Outbox) {
        if peer == self.me {
            return;
        }
        self.connected.insert(peer.clone(), Reassembly::default());
        let shared: Vec<GroupId> = self
            .groups
            .iter()
            .filter(|(_, slot)| slot.may_sync(&self.me, &peer))
            .map(|(id, _)| id.clone())
            .collect();
        for group in shared {
            let key = (group.clone(), peer.clone());
            if let Some(pair) = self.pairs.get_mut(&key) {
                pair.reconnect(now);
            }
            self.refresh_group(now, &group, std::slice::from_ref(&peer), out);
        }
    }

    fn disconnect(&mut self, now: u64, peer: &PeerId, out: &mut Outbox) {
        if self.connected.remove(peer).is_none() {
            return;
        }
        for ((group, p), pair) in self.pairs.iter_mut().filter(|((_, p), _)| p == peer) {
            pair.reconnect(now);
            let shared = self
                .groups
                .get(group)
                .is_some_and(|slot| matches!(slot, Slot::Held(_)) && slot.may_sync(&self.me, p));
            if let Some(state) = pair.take_unsaved().filter(|_| shared) {
                out.save(group, p, state);
            }
        }
    }

    fn receive(&mut self, now: u64, from: &PeerId, bytes: &[u8], out: &mut Outbox) {
        let Config {
            max_frame,
            max_reassembly,
            ..
        } = self.config;
        let Some(reassembly) = self.connected.get_mut(from) else {
            out.refuse(from, SyncError::NotConnected);
            return;
        };
        let entries = match wire::decode(bytes, max_frame) {
            Err(e) => return out.refuse(from, e),
            Ok(Frame::Batch(entries)) => entries,
            Ok(Frame::Fragment(fragment)) => {
                // Reassembly holds memory: only for peers that share something with us.
                if !self
                    .groups
                    .values()
                    .any(|slot| slot.may_sync(&self.me, from))
                {
                    return out.refuse(from, SyncError::NothingShared);
                }
                let whole = match reassembly.add(fragment, max_reassembly) {
                    Err(e) => return out.refuse(from, e),
                    Ok(whole) => whole,
                };
                // A large message is arriving: the peer is not silent.
                for ((_, p), pair) in &mut self.pairs {
                    if p == from {
                        pair.last_activity = now;
                    }
                }
                match whole.map(|bytes| wire::decode(&bytes, max_reassembly)) {
                    None => return,
                    Some(Err(e)) => return out.refuse(from, e),
                    Some(Ok(Frame::Batch(entries))) => entries,
                    Some(Ok(Frame::Fragment(_))) => {
                        return out
                            .refuse(from, SyncError::BadFragment("a fragment in a fragment"));
                    }
                }
            }
        };
        self.apply_batch(now, from, entries, out);
    }

    /// Applies every entry `from` may send us, then answers (and tells other peers of changes).
    fn apply_batch(&mut self, now: u64, from: &PeerId, entries: Vec<Entry>, out: &mut Outbox) {
        let mut touched = BTreeSet::new();
        let mut changed = BTreeSet::new();
        for Entry { group, message } in entries {
            // An unknown group and a group not shared with `from` are refused alike, silently.
            let Some(slot) = self
                .groups
                .get_mut(&group)
                .filter(|slot| slot.may_sync(&self.me, from))
            else {
                out.refuse(from, SyncError::NotShared { group });
                continue;
            };
            let decoded = Message::decode(&message).map_err(|e| e.to_string());
            let message = match decoded.and_then(|m| chunks::check(&m).map(|()| m)) {
                Ok(message) => message,
                Err(reason) => {
                    out.refuse(from, SyncError::BadSyncMessage { group, reason });
                    continue;
                }
            };
            let their_heads = message.heads.clone();
            let their_last_sync = message.have.first().map(|have| have.last_sync.clone());
            let pair = self
                .pairs
                .entry((group.clone(), from.clone()))
                .or_insert_with(|| Pair::new(now));
            match slot.receive(&group, &mut pair.state, message) {
                Err(reason) => out.refuse(from, SyncError::BadChanges { group, reason }),
                Ok(did_change) => {
                    pair.answered(now);
                    // The peer holds what we hold but does not know we do (our answer to it
                    // was lost): answer, even with nothing new.
                    let heads = slot.heads();
                    if their_heads == heads && their_last_sync.is_some_and(|s| s != heads) {
                        pair.state.have_responded = false;
                    }
                    if did_change {
                        if let Slot::Held(doc) = slot {
                            out.persist(&group, doc.take_unsaved());
                        }
                        changed.insert(group.clone());
                    }
                    touched.insert(group);
                }
            }
        }
        let everyone = self.peers();
        for group in touched {
            // New changes go to every peer the group is shared with; otherwise only `from`
            // may need an answer.
            let peers = if changed.contains(&group) {
                everyone.as_slice()
            } else {
                std::slice::from_ref(from)
            };
            self.refresh_group(now, &group, peers, out);
        }
    }

    fn tick(&mut self, now: u64, out: &mut Outbox) {
        let resend_after = self.config.resend_after_ms;
        let peers = self.peers();
        let groups: Vec<GroupId> = self.groups.keys().cloned().collect();
        for group in groups {
            for peer in &peers {
                let key = (group.clone(), peer.clone());
                if let Some(pair) = self.pairs.get_mut(&key)
                    && pair.stalled(now, resend_after)
                {
                    tracing::debug!(%group, %peer, "sync stalled, starting again");
                    pair.resend(now);
                }
            }
            self.refresh_group(now, &group, &peers, out);
        }
    }

    /// Brings the pairs of `group` with `peers` up to date: sends what each needs, notes which
    /// became synced, and checks an expected group once complete.
    fn refresh_group(&mut self, now: u64, group: &GroupId, peers: &[PeerId], out: &mut Outbox) {
        for peer in peers {
            if let Refreshed::Complete = self.refresh(now, group, peer, out) {
                self.adopt(now, group, out);
                return;
            }
        }
    }

    fn refresh(&mut self, now: u64, group: &GroupId, peer: &PeerId, out: &mut Outbox) -> Refreshed {
        if !self.connected.contains_key(peer) {
            return Refreshed::Done;
        }
        let Some(slot) = self
            .groups
            .get_mut(group)
            .filter(|slot| slot.may_sync(&self.me, peer))
        else {
            return Refreshed::Done;
        };
        let pair = self
            .pairs
            .entry((group.clone(), peer.clone()))
            .or_insert_with(|| Pair::new(now));
        let heads = slot.heads();
        let equal = pair.heads_equal(&heads);
        match slot {
            Slot::Expected { .. } if equal && !heads.is_empty() => return Refreshed::Complete,
            Slot::Expected { .. } => {}
            Slot::Held(_) if equal && !pair.synced => {
                pair.synced = true;
                if let Some(state) = pair.take_unsaved() {
                    out.save(group, peer, state);
                }
                out.synced(group, peer);
            }
            Slot::Held(_) => pair.synced = equal,
        }
        // A peer that holds nothing and was sent everything is waiting for it to arrive:
        // automerge would send the whole document again for each message the peer sends
        // meanwhile. (A lost copy is sent again when the pair stalls.)
        let waiting = pair.state.their_heads.as_deref() == Some(&[])
            && pair.sent_everything.as_deref() == Some(heads.as_slice());
        if waiting {
            return Refreshed::Done;
        }
        let generated = slot
            .automerge()
            .sync()
            .generate_sync_message(&mut pair.state);
        if let Some(message) = generated {
            if pair.state.their_heads.as_deref() == Some(&[]) && !message.changes.is_empty() {
                pair.sent_everything = Some(heads);
            }
            pair.last_activity = now;
            out.send(peer, group, message.encode());
        }
        Refreshed::Done
    }

    /// Checks a complete expected group: kept and announced if it is the group promised,
    /// dropped otherwise.
    fn adopt(&mut self, now: u64, group: &GroupId, out: &mut Outbox) {
        let Some(Slot::Expected { doc, from }) = self.groups.remove(group) else {
            return;
        };
        match slot::adopt(doc, group, &self.me, &from) {
            Ok(mut doc) => {
                tracing::info!(%group, peer = %from, "invited group received");
                out.persist(group, doc.save());
                // The snapshot holds everything, a migration's change included.
                doc.take_unsaved();
                out.received(group, &from);
                self.groups.insert(group.clone(), Slot::Held(doc));
                let peers = self.peers();
                self.refresh_group(now, group, &peers, out);
            }
            Err(reason) => {
                self.pairs.retain(|(g, _), _| g != group);
                let group = group.clone();
                out.refuse(&from, SyncError::NotInvited { group, reason });
            }
        }
    }
}
