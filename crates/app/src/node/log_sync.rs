//! Membership logs between peers (`/comptoir/authority/1`). On each connection, when a group
//! arrives by invitation, and whenever a log changes, a device sends each peer it shares the
//! group with its log's heads and the operations that peer's last known heads lack; the peer
//! takes them (the log checks every one) and answers the same way. Two exchanges at most bring
//! both logs to the same operations. Who may take part in a group's sync, its log included, is
//! the log's say once it has one (`follow_log` hands it to the engine), the access list's before.
//!
//! A device without a log for a group (it joined before logs, or a moment ago) takes the first
//! genesis of that group a listed peer sends.

use comptoir_authority::{Body, DeviceId, Log, OpHash, Operation, Role, decode_ops, encode_ops};
use comptoir_model::GroupId;
use comptoir_net::{PeerId, Protocol};

use super::{Done, Node, NodeEvent, peer_id};
use crate::Result;
use crate::membership::group_id;

/// The first byte of every frame: its layout's version.
const VERSION: u8 = 1;
/// Longest group id in a frame (ids are 32 hex digits).
const MAX_GROUP_ID: usize = 64;

/// One side of an exchange: the sender's heads, and what it thinks the receiver lacks.
#[derive(Debug)]
pub(super) struct LogFrame {
    group: GroupId,
    heads: Vec<OpHash>,
    ops: Vec<Operation>,
}

impl LogFrame {
    fn encode(&self) -> Vec<u8> {
        let group = self.group.as_str().as_bytes();
        let mut out = Vec::with_capacity(4 + group.len() + 32 * self.heads.len());
        out.push(VERSION);
        // A group id is at most MAX_GROUP_ID bytes and a log has at most MAX_OPS heads.
        out.push(u8::try_from(group.len()).unwrap_or(u8::MAX));
        out.extend_from_slice(group);
        out.extend_from_slice(
            &u16::try_from(self.heads.len())
                .unwrap_or(u16::MAX)
                .to_be_bytes(),
        );
        for head in &self.heads {
            out.extend_from_slice(head.as_bytes());
        }
        out.extend_from_slice(&encode_ops(&self.ops));
        out
    }

    /// A frame, or `None` for bytes that are not one (the operations are checked by the log).
    fn decode(bytes: &[u8]) -> Option<Self> {
        let (&version, rest) = bytes.split_first()?;
        if version != VERSION {
            return None;
        }
        let (&len, rest) = rest.split_first()?;
        let len = usize::from(len);
        if len == 0 || len > MAX_GROUP_ID || rest.len() < len {
            return None;
        }
        let (group, rest) = rest.split_at(len);
        let group = GroupId::new(std::str::from_utf8(group).ok()?);
        let (count, mut rest) = rest.split_at_checked(2)?;
        let count = usize::from(u16::from_be_bytes([count[0], count[1]]));
        let mut heads = Vec::with_capacity(count.min(comptoir_authority::MAX_OPS));
        for _ in 0..count {
            let (head, tail) = rest.split_at_checked(32)?;
            heads.push(OpHash::from_bytes(head.try_into().ok()?));
            rest = tail;
        }
        let ops = decode_ops(rest).ok()?;
        Some(Self { group, heads, ops })
    }
}

impl Node {
    /// Sends our log of `group` to `peer`, if we share the group with it.
    pub(super) fn offer_log(&mut self, group: &GroupId, peer: PeerId) {
        if !self.shares(group, &peer) {
            return;
        }
        let frame = match self.log_frame(group, &peer) {
            Ok(frame) => frame,
            Err(e) => {
                tracing::warn!(%group, error = %e, "a membership log could not be read");
                return;
            }
        };
        let Ok(client) = self.client() else {
            return;
        };
        let group = group.clone();
        let bytes = frame.encode();
        self.tasks.push(Box::pin(async move {
            let response = client.request(peer, Protocol::Authority, bytes).await;
            Done::LogAnswered {
                group,
                peer,
                response,
            }
        }));
    }

    /// Sends our logs of every group shared with `peer` (a new connection).
    pub(super) fn offer_logs(&mut self, peer: PeerId) {
        let groups: Vec<GroupId> = self.app.repo_ref().docs().keys().cloned().collect();
        for group in groups {
            self.offer_log(&group, peer);
        }
    }

    /// For the logs that changed here: tells the engine who may sync their group now, and
    /// sends them to every connected peer sharing it.
    pub(super) fn logs_changed(&mut self) -> Result<()> {
        let changed = self.app.repo().take_logs_changed();
        let peers: Vec<PeerId> = self.connected().copied().collect();
        for group in changed {
            self.follow_log(&group)?;
            for peer in &peers {
                self.offer_log(&group, *peer);
            }
        }
        Ok(())
    }

    /// Tells the engine who may sync `group`, as its log says: its admins and facilitators
    /// not removed (or, with no log yet, its access list). Pairs newly allowed start at once.
    pub(super) fn follow_log(&mut self, group: &GroupId) -> Result<()> {
        let members = self.app.repo().log(group)?.map(|log| {
            log.members()
                .filter(|(_, member)| member.removed.is_none())
                .filter(|(_, member)| matches!(member.role, Role::Admin | Role::Facilitator))
                .map(|(device, _)| comptoir_sync::PeerId::from(device.to_string()))
                .collect()
        });
        self.engine.set_members(group.clone(), members);
        self.keep_slots();
        let now = self.now();
        self.engine.retry(now, group);
        self.feed(comptoir_sync::Input::LocalChange(group.clone()))
    }

    /// Answers a peer's frame: takes its operations, and sends back our heads and what it
    /// lacks. Anything wrong (a stranger, bytes that are no frame) gets an empty answer.
    pub(super) fn answer_log(&mut self, peer: &PeerId, bytes: &[u8]) -> Vec<u8> {
        let Some(frame) = LogFrame::decode(bytes) else {
            if self
                .refusals
                .first(std::time::Instant::now(), *peer, "membership-frame")
            {
                tracing::info!(%peer, "a membership frame that is not one; ignored");
            }
            return Vec::new();
        };
        if !self.shares(&frame.group, peer) {
            return self.tell_removed(&frame, peer).unwrap_or_default();
        }
        let group = frame.group.clone();
        self.take_frame(peer, frame);
        match self.log_frame(&group, peer) {
            Ok(answer) => answer.encode(),
            Err(e) => {
                tracing::warn!(%group, error = %e, "a membership log could not be read");
                Vec::new()
            }
        }
    }

    /// A peer answered our frame: takes what it sent, and sends what it still lacks.
    pub(super) fn log_answered(
        &mut self,
        group: &GroupId,
        peer: PeerId,
        response: std::result::Result<Vec<u8>, comptoir_net::NetError>,
    ) {
        let Ok(bytes) = response else {
            return;
        };
        let Some(frame) = LogFrame::decode(&bytes).filter(|f| f.group == *group) else {
            return;
        };
        self.take_frame(&peer, frame);
        // Sent again only if what it lacks was not already sent for the heads it has: a peer
        // that does not take them (it is still receiving the group) is not asked in a loop.
        let key = (group.clone(), peer);
        let theirs = self.log_heads.get(&key).cloned();
        let already = theirs.is_some() && self.log_offered.get(&key) == theirs.as_ref();
        let lacks = theirs.is_some_and(|theirs| {
            self.app
                .repo()
                .log(group)
                .ok()
                .flatten()
                .is_some_and(|log| !log.ops_missing_for(&theirs).is_empty())
        });
        if lacks && !already {
            self.offer_log(group, peer);
        }
    }

    /// Our heads, and what `peer`'s last known heads lack (nothing while they are unknown:
    /// its answer tells them).
    fn log_frame(&mut self, group: &GroupId, peer: &PeerId) -> Result<LogFrame> {
        let theirs = self.log_heads.get(&(group.clone(), *peer)).cloned();
        let Some(log) = self.app.repo().log(group)? else {
            return Ok(LogFrame {
                group: group.clone(),
                heads: Vec::new(),
                ops: Vec::new(),
            });
        };
        let ops: Vec<Operation> = match &theirs {
            Some(theirs) => log.ops_missing_for(theirs).into_iter().cloned().collect(),
            None => Vec::new(),
        };
        if let Some(theirs) = theirs.filter(|_| !ops.is_empty()) {
            self.log_offered.insert((group.clone(), *peer), theirs);
        }
        Ok(LogFrame {
            group: group.clone(),
            heads: log.heads(),
            ops,
        })
    }

    /// Takes a frame's operations into our log (or starts the log from its genesis).
    fn take_frame(&mut self, peer: &PeerId, frame: LogFrame) {
        let LogFrame { group, heads, ops } = frame;
        self.log_heads.insert((group.clone(), *peer), heads);
        if ops.is_empty() || !self.app.repo_ref().docs().contains_key(&group) {
            return;
        }
        match self.take_ops(&group, ops) {
            Ok(true) if self.removed_here(&group) => {
                tracing::info!(%group, %peer, "an admin removed this device from the group");
                self.removed.insert(group.clone());
                self.report(NodeEvent::Removed { group });
            }
            Ok(true) => self.report(NodeEvent::Membership { group }),
            Ok(false) => {}
            Err(e) => {
                if self
                    .refusals
                    .first(std::time::Instant::now(), *peer, "membership-operations")
                {
                    tracing::warn!(%group, %peer, error = %e, "membership operations refused");
                }
            }
        }
    }

    /// Returns whether the log changed.
    fn take_ops(&mut self, group: &GroupId, ops: Vec<Operation>) -> Result<bool> {
        let repo = self.app.repo();
        let mut started = false;
        if repo.log(group)?.is_none() {
            let expected = group_id(group)?;
            let Some(genesis) = ops
                .iter()
                .find(|op| matches!(op.body(), Body::Genesis { .. }) && *op.group() == expected)
                .cloned()
            else {
                return Ok(false);
            };
            let log =
                Log::from_genesis(genesis).map_err(|source| crate::AppError::MembershipLog {
                    group: group.clone(),
                    source,
                })?;
            repo.store_log(group, log)?;
            started = true;
        }
        let report = repo
            .update_log(group, |log| Ok(log.receive_all(ops)))?
            .unwrap_or_default();
        if !report.refused.is_empty() {
            tracing::info!(%group, refused = report.refused.len(), "membership operations refused");
        }
        Ok(started || !report.accepted.is_empty())
    }

    /// The answer to a device our log says an admin removed: the operations that removed it
    /// and their causal past, so that it learns why it gets nothing more, and nothing newer
    /// (who was added since is none of its business). `None` for anyone else.
    fn tell_removed(&mut self, frame: &LogFrame, peer: &PeerId) -> Option<Vec<u8>> {
        let device: DeviceId = peer.to_base58().parse().ok()?;
        let log = self.app.repo().log(&frame.group).ok()??;
        log.removal_of(&device)?;
        let removals: Vec<OpHash> = log
            .ops()
            .filter(|op| matches!(op.body(), Body::Remove { device: d, .. } if *d == device))
            .filter(|op| log.is_effective(&op.hash()) == Some(true))
            .map(|op| op.hash())
            .collect();
        let mut past = std::collections::BTreeSet::new();
        let mut stack = removals.clone();
        while let Some(hash) = stack.pop() {
            if let Some(op) = log.get(&hash)
                && past.insert(hash)
            {
                stack.extend(op.parents().iter().copied());
            }
        }
        let ops: Vec<Operation> = log
            .ops_missing_for(&frame.heads)
            .into_iter()
            .filter(|op| past.contains(&op.hash()))
            .cloned()
            .collect();
        tracing::info!(group = %frame.group, %peer, "a removed device was told so");
        let answer = LogFrame {
            group: frame.group.clone(),
            heads: removals,
            ops,
        };
        Some(answer.encode())
    }

    /// Whether our log of `group` says an admin removed this device.
    fn removed_here(&mut self, group: &GroupId) -> bool {
        let Ok(me) = self.app.device_id() else {
            return false;
        };
        matches!(self.app.repo().log(group), Ok(Some(log)) if log.removal_of(&me).is_some())
    }

    /// Whether our log of `group` holds everything `peer` last said its log holds (nothing
    /// heard yet: no).
    pub(super) fn log_agrees(&self, group: &GroupId, peer: &PeerId) -> bool {
        let Some(theirs) = self.log_heads.get(&(group.clone(), *peer)) else {
            return false;
        };
        let ours = self.app.repo_ref().held_log(group);
        theirs
            .iter()
            .all(|head| ours.is_some_and(|log| log.get(head).is_some()))
    }

    /// Whether `group` may be synced with `peer`.
    fn shares(&self, group: &GroupId, peer: &PeerId) -> bool {
        self.engine.may_sync(
            self.app.repo_ref().docs(),
            group,
            &peer_id::for_engine(peer),
        )
    }
}
