//! Operations waiting for their parents, within a budget.

use std::collections::HashMap;

use crate::{Error, OpHash, Operation};

/// Operations that arrived before some of their parents. Each is checked for its group and
/// signature before it waits here; its authority is checked once its parents arrive.
#[derive(Debug, Default)]
pub(crate) struct Pending {
    ops: HashMap<OpHash, Operation>,
    /// Missing parent → the waiting operations that name it.
    waiting: HashMap<OpHash, Vec<OpHash>>,
}

impl Pending {
    pub(crate) fn contains(&self, hash: &OpHash) -> bool {
        self.ops.contains_key(hash)
    }

    pub(crate) fn len(&self) -> usize {
        self.ops.len()
    }

    /// How many distinct operations the waiting ones name and the log does not hold.
    pub(crate) fn missing(&self) -> usize {
        self.waiting
            .keys()
            .filter(|parent| !self.ops.contains_key(parent))
            .count()
    }

    /// Keeps `op` until `missing` (its parents the log lacks) have all arrived.
    pub(crate) fn park(
        &mut self,
        op: Operation,
        missing: Vec<OpHash>,
        max: usize,
    ) -> Result<(), Error> {
        if self.ops.len() >= max {
            return Err(Error::PendingFull { max });
        }
        for parent in missing {
            self.waiting.entry(parent).or_default().push(op.hash);
        }
        self.ops.insert(op.hash, op);
        Ok(())
    }

    /// The operations that were waiting for `arrived`.
    pub(crate) fn waiting_for(&mut self, arrived: &OpHash) -> Vec<OpHash> {
        self.waiting.remove(arrived).unwrap_or_default()
    }

    /// Takes `hash` out if nothing it needs is missing any more.
    pub(crate) fn take_if_ready(
        &mut self,
        hash: &OpHash,
        present: impl Fn(&OpHash) -> bool,
    ) -> Option<Operation> {
        let ready = self.ops.get(hash)?.parents.iter().all(present);
        if ready { self.ops.remove(hash) } else { None }
    }

    /// Drops what waited, directly or not, for `refused`: it will never be accepted, so neither
    /// will they. Returns how many were dropped.
    pub(crate) fn discard_descendants(&mut self, refused: &OpHash) -> usize {
        let mut dropped = 0;
        let mut queue = vec![*refused];
        while let Some(parent) = queue.pop() {
            for child in self.waiting_for(&parent) {
                if self.ops.remove(&child).is_some() {
                    dropped += 1;
                    queue.push(child);
                }
            }
        }
        dropped
    }
}
