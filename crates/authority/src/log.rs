//! `Log`: one group's membership log. It takes operations (issued here or received), keeps those
//! their authors were allowed to make, and answers who may do what.

use std::collections::VecDeque;
use std::sync::{Arc, OnceLock};

use ed25519_dalek::SigningKey;

use crate::bits::Bits;
use crate::encoding::{decode_ops, encode_ops};
use crate::graph::{Dag, Revocation};
use crate::pending::Pending;
use crate::resolve::{Resolution, resolve, state_of};
use crate::state::{Mode, State};
use crate::{Body, DeviceId, Error, GroupId, Member, Moment, OpHash, Operation, Removal, Role};

/// The most operations a log holds; beyond, operations are refused ([`Error::LogFull`]). Real
/// logs hold tens to hundreds.
pub const MAX_OPS: usize = 4_096;
/// The most operations waiting for their parents ([`Error::PendingFull`]). Waiting operations
/// are not stored; those that wait for a refused operation are dropped with it.
pub const MAX_PENDING: usize = 1_000;
/// How many recent operations keep the membership as it stood just after them, so that the next
/// operation is checked by continuing from one of them rather than resolving its whole past.
const REMEMBERED: usize = 64;

/// What became of an operation given to [`Log::receive`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Receipt {
    /// Its author was allowed to make it, as they had seen the log: it is kept. Whether it
    /// still takes effect once concurrent operations are weighed is
    /// [`Log::is_effective`]'s answer.
    Accepted,
    /// The log already held it (or was already waiting for its parents).
    Duplicate,
    /// Some of its parents are missing: it waits for them (its group and signature were
    /// checked; its authority will be once they arrive).
    Pending,
}

/// What [`Log::receive_all`] did with each operation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Report {
    /// Kept, in the order they were taken (including waiting ones the batch completed).
    pub accepted: Vec<OpHash>,
    pub duplicates: Vec<OpHash>,
    /// Still waiting for parents after the batch.
    pub pending: Vec<OpHash>,
    /// Refused, with why; each changed nothing.
    pub refused: Vec<Error>,
}

/// One group's membership log. See the crate documentation for the rules it enforces.
#[derive(Debug)]
pub struct Log {
    group: GroupId,
    genesis: OpHash,
    dag: Dag,
    /// Recent resolutions: the membership just after each recent operation (its closure) and
    /// just before each recent merge (its past), newest last.
    remembered: VecDeque<(Bits, Arc<State>)>,
    /// The resolution of everything held, computed when first asked for.
    current: OnceLock<Resolution>,
    pending: Pending,
}

impl Log {
    /// Starts a new group: signs its genesis with `key`, whose device becomes the first admin.
    pub fn create(
        key: &SigningKey,
        group: GroupId,
        label: Option<String>,
        at: Moment,
    ) -> Result<Log, Error> {
        Log::from_genesis(Operation::sign(
            key,
            &group,
            Vec::new(),
            Body::Genesis { label },
            at,
        )?)
    }

    /// A log that knows only a group's genesis, for a device that joins it (and checks the
    /// genesis hash it was given, [`Log::genesis`], before trusting anything).
    pub fn from_genesis(genesis: Operation) -> Result<Log, Error> {
        if !matches!(genesis.body, Body::Genesis { .. }) {
            return Err(Error::NotGenesis { op: genesis.hash });
        }
        let mut state = State::default();
        state.apply(&genesis, 0, Mode::Strict)?;
        let state = Arc::new(state);
        let mut dag = Dag::default();
        let (group, hash) = (genesis.group.clone(), genesis.hash);
        let index = dag.insert(genesis, 0, Bits::new(), None);
        let mut effective = Bits::new();
        effective.insert(index);
        let current = OnceLock::new();
        let _ = current.set(Resolution {
            state: state.clone(),
            effective,
        });
        Ok(Log {
            group,
            genesis: hash,
            dag,
            remembered: VecDeque::from([(Bits::all(1), state)]),
            current,
            pending: Pending::default(),
        })
    }

    /// Signs an operation on top of everything this log holds and takes it, checked exactly as
    /// a received one would be. Refused (and nothing kept) when `key`'s device may not do it.
    pub fn issue(&mut self, key: &SigningKey, body: Body, at: Moment) -> Result<Operation, Error> {
        let op = Operation::sign(key, &self.group, self.heads(), body, at)?;
        if matches!(op.body, Body::Genesis { .. }) {
            return Err(Error::SecondGenesis { op: op.hash });
        }
        self.admit(op.clone())?;
        Ok(op)
    }

    /// Takes one operation from elsewhere. Operations it completes (that were waiting for it)
    /// are taken too; [`Log::receive_all`] reports on each of those.
    pub fn receive(&mut self, op: Operation) -> Result<Receipt, Error> {
        let mut report = Report::default();
        let receipt = self.take(op, &mut report)?;
        Ok(receipt)
    }

    /// Takes many operations, in any order: each is judged on its own (a refused one does not
    /// stop the others), operations waiting for parents the batch brings are taken as well.
    pub fn receive_all(&mut self, ops: impl IntoIterator<Item = Operation>) -> Report {
        let mut report = Report::default();
        for op in ops {
            let hash = op.hash;
            match self.take(op, &mut report) {
                Ok(Receipt::Accepted) => {}
                Ok(Receipt::Duplicate) => report.duplicates.push(hash),
                Ok(Receipt::Pending) => report.pending.push(hash),
                Err(error) => report.refused.push(error),
            }
        }
        report.pending.retain(|hash| self.pending.contains(hash));
        report
    }

    fn take(&mut self, op: Operation, report: &mut Report) -> Result<Receipt, Error> {
        if op.group != self.group {
            return Err(Error::WrongGroup { op: op.hash });
        }
        if self.dag.index_of(&op.hash).is_some() || self.pending.contains(&op.hash) {
            return Ok(Receipt::Duplicate);
        }
        if matches!(op.body, Body::Genesis { .. }) {
            return Err(Error::SecondGenesis { op: op.hash });
        }
        let missing: Vec<OpHash> = op
            .parents
            .iter()
            .filter(|p| self.dag.index_of(p).is_none())
            .copied()
            .collect();
        if !missing.is_empty() {
            self.pending.park(op, missing, MAX_PENDING)?;
            return Ok(Receipt::Pending);
        }
        let hash = op.hash;
        if let Err(error) = self.admit(op) {
            self.pending.discard_descendants(&hash);
            return Err(error);
        }
        report.accepted.push(hash);
        let mut arrived = VecDeque::from([hash]);
        while let Some(parent) = arrived.pop_front() {
            for child in self.pending.waiting_for(&parent) {
                let dag = &self.dag;
                let Some(op) = self
                    .pending
                    .take_if_ready(&child, |p| dag.index_of(p).is_some())
                else {
                    continue;
                };
                match self.admit(op) {
                    Ok(()) => {
                        report.accepted.push(child);
                        arrived.push_back(child);
                    }
                    Err(error) => {
                        self.pending.discard_descendants(&child);
                        report.refused.push(error);
                    }
                }
            }
        }
        Ok(Receipt::Accepted)
    }

    /// Keeps `op`, whose parents are all here, if its author was allowed to make it as they had
    /// seen the log (the resolution of its causal past). Otherwise changes nothing.
    fn admit(&mut self, op: Operation) -> Result<(), Error> {
        if self.dag.len() >= MAX_OPS {
            return Err(Error::LogFull { max: MAX_OPS });
        }
        let (past, height) = self
            .dag
            .past_of(&op.parents)
            .ok_or(Error::Incomplete { missing: 1 })?;
        let extends_everything = op.parents.len() == self.dag.heads().len()
            && self.dag.heads().all(|(hash, _)| op.parents.contains(hash));
        let mut state = match self.current.get().filter(|_| extends_everything) {
            Some(current) => State::clone(&current.state),
            None => state_of(&self.dag, &past, &self.remembered),
        };
        let before_merge = (op.parents.len() > 1).then(|| (past.clone(), Arc::new(state.clone())));
        #[cfg(test)]
        assert_eq!(
            state,
            *resolve(&self.dag, &past).state,
            "the shortcut agrees with resolving"
        );
        let revocation = revocation(&op, &state);
        state.apply(&op, height, Mode::Strict)?;
        let index = self.dag.insert(op, height, past, revocation);
        let state = Arc::new(state);
        let previous = self.current.take();
        if let (true, Some(mut current)) = (extends_everything, previous) {
            current.state = Arc::clone(&state);
            current.effective.insert(index);
            #[cfg(test)]
            assert_eq!(current, resolve(&self.dag, &Bits::all(self.dag.len())));
            let _ = self.current.set(current);
        }
        if let Some((past, before)) = before_merge {
            self.remember(past, before);
        }
        self.remember(self.dag.closure(index), state);
        Ok(())
    }

    fn remember(&mut self, prefix: Bits, state: Arc<State>) {
        if self.remembered.len() == REMEMBERED {
            self.remembered.pop_front();
        }
        self.remembered.push_back((prefix, state));
    }

    fn resolution(&self) -> &Resolution {
        self.current
            .get_or_init(|| resolve(&self.dag, &Bits::all(self.dag.len())))
    }

    /// Every device ever added, with its role and whether it was removed.
    pub fn members(&self) -> impl Iterator<Item = (DeviceId, &Member)> {
        self.resolution()
            .state
            .members
            .iter()
            .map(|(device, member)| (*device, member))
    }

    pub fn member(&self, device: &DeviceId) -> Option<&Member> {
        self.resolution().state.members.get(device)
    }

    /// The role of a current member; `None` for a removed or unknown device.
    pub fn role_of(&self, device: &DeviceId) -> Option<Role> {
        self.resolution().state.active_role(device)
    }

    /// Whether `device` is a current member that writes content (admin or facilitator).
    pub fn may_write(&self, device: &DeviceId) -> bool {
        self.role_of(device).is_some_and(Role::writes_content)
    }

    pub fn is_admin(&self, device: &DeviceId) -> bool {
        self.role_of(device) == Some(Role::Admin)
    }

    /// How `device` was removed, if it is removed now.
    pub fn removal_of(&self, device: &DeviceId) -> Option<&Removal> {
        self.member(device)?.removed.as_ref()
    }

    /// The device that registered this Automerge actor id, removed or not (its earlier changes
    /// stay its own); `None` if no device registered it, or the registration was voided.
    pub fn device_of_actor(&self, actor: &[u8]) -> Option<DeviceId> {
        self.resolution().state.actors.get(actor).copied()
    }

    /// Every registered Automerge actor id, with the device that registered it.
    pub fn actors(&self) -> impl Iterator<Item = (&[u8], DeviceId)> {
        self.resolution()
            .state
            .actors
            .iter()
            .map(|(actor, device)| (actor.as_slice(), *device))
    }

    /// The content heads admins vouched for: changes in their causal past are accepted
    /// whoever wrote them (see [`Body::Baseline`]).
    pub fn baseline(&self) -> impl Iterator<Item = &[u8; 32]> {
        self.resolution().state.baseline.iter()
    }

    /// Whether a held operation takes effect in the resolution of everything held (`None` if
    /// the log does not hold it). An operation voided by a concurrent removal of its author, or
    /// a revocation that lost its conflict, is held (others built on it) but does nothing.
    pub fn is_effective(&self, hash: &OpHash) -> Option<bool> {
        let index = self.dag.index_of(hash)?;
        Some(self.resolution().effective.contains(index))
    }

    pub fn group(&self) -> &GroupId {
        &self.group
    }

    /// The genesis's hash: the log's identity.
    pub fn genesis(&self) -> OpHash {
        self.genesis
    }

    /// The genesis itself, what a joining device starts its log from ([`Log::from_genesis`]).
    pub fn genesis_operation(&self) -> &Operation {
        &self.dag.node(0).op
    }

    /// The device that created the group.
    pub fn creator(&self) -> DeviceId {
        self.dag.node(0).op.author
    }

    /// The operations nothing here names as a parent yet, sorted: what to tell a peer.
    pub fn heads(&self) -> Vec<OpHash> {
        self.dag.heads().map(|(hash, _)| *hash).collect()
    }

    /// Every held operation, parents before children (the order [`Log::to_bytes`] stores).
    pub fn ops(&self) -> impl Iterator<Item = &Operation> {
        self.dag.nodes().map(|node| &node.op)
    }

    pub fn get(&self, hash: &OpHash) -> Option<&Operation> {
        Some(&self.dag.node(self.dag.index_of(hash)?).op)
    }

    pub fn len(&self) -> usize {
        self.dag.len()
    }

    /// Never true: a log holds at least its genesis.
    pub fn is_empty(&self) -> bool {
        self.dag.len() == 0
    }

    /// How many received operations wait for their parents.
    pub fn pending_len(&self) -> usize {
        self.pending.len()
    }

    /// What a peer that announced `their_heads` lacks: every held operation not in the causal
    /// past of the heads this log knows, parents first. Heads this log does not know are
    /// ignored (the peer has something to send instead), so a peer that knows none of ours gets
    /// everything.
    pub fn ops_missing_for(&self, their_heads: &[OpHash]) -> Vec<&Operation> {
        let mut known = Bits::new();
        for index in their_heads.iter().filter_map(|h| self.dag.index_of(h)) {
            known.union_with(&self.dag.closure(index));
        }
        self.dag
            .nodes()
            .enumerate()
            .filter(|(index, _)| !known.contains(*index))
            .map(|(_, node)| &node.op)
            .collect()
    }

    /// Everything held, for storage (operations waiting for parents are not stored).
    pub fn to_bytes(&self) -> Vec<u8> {
        encode_ops(self.ops())
    }

    /// A stored log, every operation checked again as if received: refused if any is forged,
    /// refused, repeated, or names a parent the bytes do not hold.
    pub fn from_bytes(bytes: &[u8]) -> Result<Log, Error> {
        let mut ops = decode_ops(bytes)?.into_iter();
        let genesis = ops.next().ok_or(Error::Empty { field: "log" })?;
        let mut log = Log::from_genesis(genesis)?;
        let report = log.receive_all(ops);
        if let Some(error) = report.refused.into_iter().next() {
            return Err(error);
        }
        if let Some(op) = report.duplicates.first() {
            return Err(Error::Repeated { op: *op });
        }
        if log.pending.len() > 0 {
            return Err(Error::Incomplete {
                missing: log.pending.missing(),
            });
        }
        Ok(log)
    }
}

/// Whether `op` takes something away from a device, as its author saw the log (`state`).
fn revocation(op: &Operation, state: &State) -> Option<Revocation> {
    let keeps = match &op.body {
        Body::Remove { device, .. } => Some((*device, None)),
        Body::ChangeRole { device, role } => state
            .active_role(device)
            .filter(|held| held.loses_to(*role))
            .map(|_| (*device, Some(*role))),
        _ => None,
    };
    let (target, keeps) = keeps?;
    Some(Revocation {
        target,
        keeps,
        rank: state.seniority(&op.author).unwrap_or((u32::MAX, op.hash)),
    })
}

#[cfg(test)]
mod tests;
