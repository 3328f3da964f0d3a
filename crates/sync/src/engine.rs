//! The engine: every group this device syncs, every connected peer, and what to do when
//! something happens.

use std::collections::{BTreeMap, BTreeSet};

use automerge::sync::{Message, MessageFlags};
use comptoir_model::{ChangeHash, GroupDoc, GroupId, Seal};

use crate::chunks;
use crate::intake::Intake;
use crate::outbox::Outbox;
use crate::pair::Pair;
use crate::reassembly::Reassembly;
use crate::slot::{self, Expected, Slot};
use crate::wire::{self, Entry, Frame, Sealed};
use crate::{Config, Effect, Input, PeerId, SyncError};

/// The smallest frame limit the engine accepts (a fragment needs a header and one byte).
const MIN_FRAME: usize = 64;

/// The groups this device holds, by id: kept by the caller (one copy, beside its storage) and
/// lent to [`Engine::handle`], which may apply received changes to them and adds the groups it
/// received whole.
pub type Docs = BTreeMap<GroupId, GroupDoc>;

/// The sync of many groups with many peers: [`Engine::handle`] takes what happened and the
/// groups held, and returns what to do. It does no IO and reads no clock.
#[derive(Debug)]
pub struct Engine {
    me: PeerId,
    config: Config,
    /// Groups this device was invited to and is receiving.
    expected: BTreeMap<GroupId, Expected>,
    /// Sync states by group and peer, kept while disconnected.
    pairs: BTreeMap<(GroupId, PeerId), Pair>,
    /// Connected peers, with their incomplete fragmented messages.
    connected: BTreeMap<PeerId, Reassembly>,
    /// What each peer sent in the current minute (kept over a reconnection until it ends).
    intake: BTreeMap<PeerId, Intake>,
    /// Who may sync a group, as its signed membership log says (given by the caller); a group
    /// not named here is judged by the access list in its document.
    members: BTreeMap<GroupId, BTreeSet<PeerId>>,
    next_message_id: u64,
}

/// What looking at a pair found.
enum Refreshed {
    Done,
    /// An expected group now holds everything its sender has: time to check it.
    Complete,
}

/// The document of `group`: held, else expected.
fn slot<'a>(
    docs: &'a mut Docs,
    expected: &'a mut BTreeMap<GroupId, Expected>,
    group: &GroupId,
) -> Option<Slot<'a>> {
    if let Some(doc) = docs.get_mut(group) {
        return Some(Slot::Held(doc));
    }
    expected.get_mut(group).map(Slot::Expected)
}

impl Engine {
    /// An engine for this device, known to peers as `me`.
    pub fn new(me: PeerId, mut config: Config) -> Self {
        config.max_frame = config.max_frame.max(MIN_FRAME);
        Self {
            me,
            config,
            expected: BTreeMap::new(),
            pairs: BTreeMap::new(),
            connected: BTreeMap::new(),
            intake: BTreeMap::new(),
            members: BTreeMap::new(),
            next_message_id: 0,
        }
    }

    /// Gives back the sync states of a held group kept from earlier sessions (bytes that are
    /// not a sync state are ignored: that pair starts afresh).
    pub fn restore(&mut self, group: &GroupId, sync_states: Vec<(PeerId, Vec<u8>)>) {
        for (peer, bytes) in sync_states {
            match Pair::restored(&bytes) {
                Some(pair) => {
                    self.pairs.entry((group.clone(), peer)).or_insert(pair);
                }
                None => tracing::debug!(%group, %peer, "unreadable sync state ignored"),
            }
        }
    }

    /// Accepts `group` from `from`, though this device does not hold it yet (an invitation was
    /// accepted). Once everything `from` has arrived, the group is kept only if it is a group
    /// document with this id whose access list lists both this device and `from`: it is then
    /// added to the held groups ([`Effect::GroupReceived`]); otherwise it is dropped
    /// ([`Effect::Refused`]). Writes to it use a random actor until the caller sets one. Does
    /// nothing for a group already held.
    pub fn expect_group(&mut self, docs: &Docs, group: GroupId, from: PeerId) {
        if !wire::is_well_formed(group.as_str()) {
            tracing::warn!(%group, "expected group with a malformed id ignored");
            return;
        }
        if docs.contains_key(&group) {
            return;
        }
        self.pairs.retain(|(g, _), _| g != &group);
        self.expected.insert(group, Expected::new(from));
    }

    /// Whether this group is up to date with this connected peer.
    pub fn is_synced(&self, group: &GroupId, peer: &PeerId) -> bool {
        self.connected.contains_key(peer)
            && self
                .pairs
                .get(&(group.clone(), peer.clone()))
                .is_some_and(|pair| pair.synced)
    }

    /// Whether `group` may be synced with `peer`: its membership log (see
    /// [`Engine::set_members`]), else our copy of its access list, names both; or it is a group
    /// expected from that very peer.
    pub fn may_sync(&self, docs: &Docs, group: &GroupId, peer: &PeerId) -> bool {
        match docs.get(group) {
            Some(doc) => wire::is_well_formed(group.as_str()) && self.shares(doc, group, peer),
            None => self.expected.get(group).is_some_and(|e| &e.from == peer),
        }
    }

    /// Every peer some held group may be synced with (see [`Engine::may_sync`]): the devices
    /// a connection is worth keeping room for.
    pub fn peers_sharing(&self, docs: &Docs) -> BTreeSet<PeerId> {
        let mut peers = BTreeSet::new();
        for (group, doc) in docs {
            match self.members.get(group) {
                Some(members) if members.contains(&self.me) => {
                    peers.extend(members.iter().cloned());
                }
                Some(_) => {}
                None => peers.extend(slot::devices_beside(doc, &self.me)),
            }
        }
        peers.remove(&self.me);
        peers
    }

    /// Says who may sync `group` from now on, as its membership log has it; `None` leaves it
    /// to the group's access list (a group whose log has not arrived). A peer left out gets
    /// nothing more, and what it sends is refused.
    pub fn set_members(&mut self, group: GroupId, members: Option<BTreeSet<PeerId>>) {
        match members {
            Some(members) => {
                self.members.insert(group, members);
            }
            None => {
                self.members.remove(&group);
            }
        }
    }

    /// Starts again every exchange of `group` that is not up to date: what was refused may
    /// pass now (its author's registration arrived with the group's membership log).
    pub fn retry(&mut self, now: u64, group: &GroupId) {
        for ((g, _), pair) in &mut self.pairs {
            if g == group && !pair.synced {
                pair.restart(now);
            }
        }
    }

    /// Forgets what every peer is known to hold of `group`, whose document was rebuilt without
    /// some changes: its sync starts again from nothing.
    pub fn forget(&mut self, now: u64, group: &GroupId) {
        for ((g, _), pair) in &mut self.pairs {
            if g == group {
                pair.forget(now);
            }
        }
    }

    fn shares(&self, doc: &GroupDoc, group: &GroupId, peer: &PeerId) -> bool {
        match self.members.get(group) {
            Some(members) => members.contains(&self.me) && members.contains(peer),
            None => slot::shares(doc, &self.me, peer),
        }
    }

    /// Handles one input at time `now` (milliseconds, any origin); returns what to do, in order.
    pub fn handle(&mut self, now: u64, docs: &mut Docs, input: Input) -> Vec<Effect> {
        let mut out = Outbox::default();
        match input {
            Input::PeerConnected(peer) => self.connect(now, docs, peer, &mut out),
            Input::PeerDisconnected(peer) => self.disconnect(now, docs, &peer, &mut out),
            Input::Received { from, bytes } => self.receive(now, docs, &from, &bytes, &mut out),
            Input::LocalChange(group) => {
                let peers = self.peers();
                self.refresh_group(now, docs, &group, &peers, &mut out);
            }
            Input::Tick => self.tick(now, docs, &mut out),
            Input::Undelivered(peer) => self.undelivered(now, docs, &peer, &mut out),
        }
        out.finish(self.config.max_frame, &mut self.next_message_id)
    }

    fn peers(&self) -> Vec<PeerId> {
        self.connected.keys().cloned().collect()
    }

    /// Every group held or expected.
    fn group_ids(&self, docs: &Docs) -> Vec<GroupId> {
        let mut ids: Vec<GroupId> = docs.keys().cloned().collect();
        ids.extend(
            self.expected
                .keys()
                .filter(|id| !docs.contains_key(*id))
                .cloned(),
        );
        ids
    }

    fn connect(&mut self, now: u64, docs: &mut Docs, peer: PeerId, out: &mut Outbox) {
        if peer == self.me {
            return;
        }
        self.connected.insert(peer.clone(), Reassembly::default());
        let shared: Vec<GroupId> = self
            .group_ids(docs)
            .into_iter()
            .filter(|id| self.may_sync(docs, id, &peer))
            .collect();
        for group in shared {
            let key = (group.clone(), peer.clone());
            if let Some(pair) = self.pairs.get_mut(&key) {
                pair.reconnect(now);
            }
            self.refresh_group(now, docs, &group, std::slice::from_ref(&peer), out);
        }
    }

    fn disconnect(&mut self, now: u64, docs: &Docs, peer: &PeerId, out: &mut Outbox) {
        if self.connected.remove(peer).is_none() {
            return;
        }
        self.intake.retain(|_, intake| intake.current(now));
        let (me, members) = (&self.me, &self.members);
        for ((group, p), pair) in self.pairs.iter_mut().filter(|((_, p), _)| p == peer) {
            pair.reconnect(now);
            let shared = docs.get(group).is_some_and(|doc| match members.get(group) {
                Some(members) => members.contains(me) && members.contains(p),
                None => slot::shares(doc, me, p),
            });
            if let Some(state) = pair.take_unsaved().filter(|_| shared) {
                out.save(group, p, state);
            }
        }
    }

    fn receive(
        &mut self,
        now: u64,
        docs: &mut Docs,
        from: &PeerId,
        bytes: &[u8],
        out: &mut Outbox,
    ) {
        let Config {
            max_frame,
            max_reassembly,
            max_bytes_per_minute,
            ..
        } = self.config;
        if !self.connected.contains_key(from) {
            out.refuse(from, SyncError::NotConnected);
            return;
        }
        let intake = self.intake.entry(from.clone()).or_default();
        if let Err(over) = intake.take(now, bytes.len(), max_bytes_per_minute) {
            return out.refuse(from, over);
        }
        let entries = match wire::decode(bytes, max_frame) {
            Err(e) => return out.refuse(from, e),
            Ok(Frame::Batch(entries)) => entries,
            Ok(Frame::Fragment(fragment)) => {
                // Reassembly holds memory: only for peers that share something with us.
                let shares_any = self
                    .group_ids(docs)
                    .iter()
                    .any(|id| self.may_sync(docs, id, from));
                if !shares_any {
                    return out.refuse(from, SyncError::NothingShared);
                }
                let Some(reassembly) = self.connected.get_mut(from) else {
                    return out.refuse(from, SyncError::NotConnected);
                };
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
        self.apply_batch(now, docs, from, entries, out);
    }

    /// Applies every entry `from` may send us, then answers (and tells other peers of changes).
    fn apply_batch(
        &mut self,
        now: u64,
        docs: &mut Docs,
        from: &PeerId,
        entries: Vec<Entry>,
        out: &mut Outbox,
    ) {
        let mut touched = BTreeSet::new();
        let mut changed = BTreeSet::new();
        for Entry {
            group,
            message,
            seals,
        } in entries
        {
            // An unknown group and a group not shared with `from` are refused alike, silently.
            if !self.may_sync(docs, &group, from) {
                out.refuse(from, SyncError::NotShared { group });
                continue;
            }
            let Some(mut slot) = slot(docs, &mut self.expected, &group) else {
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
            let started_over = message
                .flags
                .is_some_and(|flags| flags.contains(MessageFlags::SYNC_RESET));
            let pair = self
                .pairs
                .entry((group.clone(), from.clone()))
                .or_insert_with(|| Pair::new(now));
            let Some(seals) = keyed(seals, &message) else {
                out.refuse(from, SyncError::SealsMismatch);
                continue;
            };
            match slot.receive(&group, &mut pair.state, message, seals) {
                Err(refusal) => out.refuse(from, refusal),
                Ok(did_change) => {
                    pair.answered(now);
                    // The peer holds what we hold but does not know we do (our answer to it
                    // was lost, or it started over and forgot it): answer, even with nothing
                    // new. Automerge alone stays silent when both heads are equal.
                    let heads = slot.heads();
                    let unaware = started_over || their_last_sync.is_some_and(|s| s != heads);
                    if their_heads == heads && unaware {
                        pair.state.have_responded = false;
                    }
                    if did_change {
                        if let Slot::Held(_) = slot {
                            out.changed(&group);
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
            self.refresh_group(now, docs, &group, peers, out);
        }
    }

    /// Starts again every exchange with `peer` that lost frames, without waiting for it to
    /// stall (nor counting it as unanswered).
    fn undelivered(&mut self, now: u64, docs: &mut Docs, peer: &PeerId, out: &mut Outbox) {
        if !self.connected.contains_key(peer) {
            return;
        }
        let mut groups = Vec::new();
        for ((group, p), pair) in &mut self.pairs {
            if p == peer {
                pair.restart(now);
                groups.push(group.clone());
            }
        }
        for group in groups {
            self.refresh_group(now, docs, &group, std::slice::from_ref(peer), out);
        }
    }

    fn tick(&mut self, now: u64, docs: &mut Docs, out: &mut Outbox) {
        let resend_after = self.config.resend_after_ms;
        let peers = self.peers();
        for group in self.group_ids(docs) {
            for peer in &peers {
                let key = (group.clone(), peer.clone());
                if let Some(pair) = self.pairs.get_mut(&key)
                    && pair.stalled(now, resend_after)
                {
                    tracing::debug!(%group, %peer, "sync stalled, starting again");
                    pair.resend(now);
                }
            }
            self.refresh_group(now, docs, &group, &peers, out);
        }
    }

    /// Brings the pairs of `group` with `peers` up to date: sends what each needs, notes which
    /// became synced, and checks an expected group once complete.
    fn refresh_group(
        &mut self,
        now: u64,
        docs: &mut Docs,
        group: &GroupId,
        peers: &[PeerId],
        out: &mut Outbox,
    ) {
        for peer in peers {
            if let Refreshed::Complete = self.refresh(now, docs, group, peer, out) {
                self.adopt(now, docs, group, out);
                return;
            }
        }
    }

    fn refresh(
        &mut self,
        now: u64,
        docs: &mut Docs,
        group: &GroupId,
        peer: &PeerId,
        out: &mut Outbox,
    ) -> Refreshed {
        if !self.connected.contains_key(peer) || !self.may_sync(docs, group, peer) {
            return Refreshed::Done;
        }
        let Some(mut slot) = slot(docs, &mut self.expected, group) else {
            return Refreshed::Done;
        };
        let pair = self
            .pairs
            .entry((group.clone(), peer.clone()))
            .or_insert_with(|| Pair::new(now));
        let heads = slot.heads();
        let equal = pair.heads_equal(&heads);
        match slot {
            Slot::Expected(_) if equal && !heads.is_empty() => return Refreshed::Complete,
            Slot::Expected(_) => {}
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
        let generated = slot.sync_message(&mut pair.state);
        if let Some(message) = generated {
            if pair.state.their_heads.as_deref() == Some(&[]) && !message.changes.is_empty() {
                pair.sent_everything = Some(heads);
            }
            pair.last_activity = now;
            let seals = slot.seals_for(&message);
            out.send(peer, group, message.encode(), seals);
        }
        Refreshed::Done
    }

    /// Checks a complete expected group: added to the held groups and announced if it is the
    /// group promised, dropped otherwise.
    fn adopt(&mut self, now: u64, docs: &mut Docs, group: &GroupId, out: &mut Outbox) {
        let Some(Expected { doc, from, seals }) = self.expected.remove(group) else {
            return;
        };
        match slot::adopt(doc, seals, group, &self.me, &from) {
            Ok(doc) => {
                tracing::info!(%group, peer = %from, "invited group received");
                docs.insert(group.clone(), doc);
                out.changed(group);
                out.received(group, &from);
                let peers = self.peers();
                self.refresh_group(now, docs, group, &peers, out);
            }
            Err(reason) => {
                self.pairs.retain(|(g, _), _| g != group);
                let group = group.clone();
                out.refuse(&from, SyncError::NotInvited { group, reason });
            }
        }
    }
}

/// The seals beside `message`, each with its change's hash; `None` when they do not match the
/// changes it carries.
fn keyed(seals: Sealed, message: &Message) -> Option<Vec<(ChangeHash, Seal)>> {
    match seals {
        Sealed::None => Some(Vec::new()),
        Sealed::Keyed(seals) => Some(seals),
        Sealed::Aligned(seals) => {
            let hashes = chunks::change_hashes(message)?;
            (hashes.len() == seals.len()).then(|| {
                hashes
                    .into_iter()
                    .zip(seals)
                    .filter_map(|(hash, seal)| seal.map(|seal| (hash, seal)))
                    .collect()
            })
        }
    }
}
