//! The causal DAG of a log's operations: each with its causal past, its height, and whether it
//! revokes something; in insertion order (parents first) and in the canonical order.

use std::collections::{BTreeMap, HashMap};

use crate::bits::Bits;
use crate::{DeviceId, OpHash, Operation, Role};

/// An operation that takes something away from a device: a Remove, or a ChangeRole to a role
/// that can do less than the one it held (as its author saw it). Such operations void the
/// target's concurrent operations that needed what was taken (see the crate's rules).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Revocation {
    pub(crate) target: DeviceId,
    /// What the target keeps: `None` when removed.
    pub(crate) keeps: Option<Role>,
    /// The author's seniority as the author saw the log (see `State::seniority`).
    pub(crate) rank: (u32, OpHash),
}

impl Revocation {
    /// Whether `op`, by the target, needed what this revocation takes away.
    pub(crate) fn takes_from(&self, op: &Operation) -> bool {
        match self.keeps {
            None => true,
            Some(role) => op.body.need().is_some_and(|need| !role.allows(need)),
        }
    }
}

#[derive(Debug)]
pub(crate) struct Node {
    pub(crate) op: Operation,
    /// 0 for the genesis, else one more than its highest parent.
    pub(crate) height: u32,
    /// Every operation before this one (not itself).
    pub(crate) past: Bits,
    /// The parents' indices.
    pub(crate) parents: Vec<usize>,
    pub(crate) children: Vec<usize>,
    pub(crate) revocation: Option<Revocation>,
}

impl Node {
    /// The canonical order: by height, then by hash. A topological order every device computes
    /// the same from the same set of operations.
    pub(crate) fn key(&self) -> (u32, OpHash) {
        (self.height, self.op.hash)
    }
}

#[derive(Debug, Default)]
pub(crate) struct Dag {
    /// In insertion order, which puts parents first.
    nodes: Vec<Node>,
    index: HashMap<OpHash, usize>,
    /// The nodes' indices in the canonical order.
    order: Vec<usize>,
    by_author: HashMap<DeviceId, Bits>,
    heads: BTreeMap<OpHash, usize>,
}

impl Dag {
    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    pub(crate) fn node(&self, index: usize) -> &Node {
        &self.nodes[index]
    }

    pub(crate) fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.nodes.iter()
    }

    pub(crate) fn index_of(&self, hash: &OpHash) -> Option<usize> {
        self.index.get(hash).copied()
    }

    /// Node indices in the canonical order.
    pub(crate) fn canonical(&self) -> &[usize] {
        &self.order
    }

    pub(crate) fn by_author(&self, author: &DeviceId) -> Option<&Bits> {
        self.by_author.get(author)
    }

    /// The heads (operations nothing names as a parent yet), sorted by hash.
    pub(crate) fn heads(&self) -> impl ExactSizeIterator<Item = (&OpHash, &usize)> {
        self.heads.iter()
    }

    /// An operation and everything before it.
    pub(crate) fn closure(&self, index: usize) -> Bits {
        let mut bits = self.nodes[index].past.clone();
        bits.insert(index);
        bits
    }

    /// The causal past an operation with these parents has, `None` if one is missing.
    pub(crate) fn past_of(&self, parents: &[OpHash]) -> Option<(Bits, u32)> {
        let mut past = Bits::new();
        let mut height = 0;
        for parent in parents {
            let index = self.index_of(parent)?;
            past.union_with(&self.nodes[index].past);
            past.insert(index);
            height = height.max(self.nodes[index].height + 1);
        }
        Some((past, height))
    }

    /// Adds an operation whose parents are all present; returns its index.
    pub(crate) fn insert(
        &mut self,
        op: Operation,
        height: u32,
        past: Bits,
        revocation: Option<Revocation>,
    ) -> usize {
        let index = self.nodes.len();
        let hash = op.hash;
        let mut parents = Vec::with_capacity(op.parents.len());
        for parent in &op.parents {
            if let Some(&p) = self.index.get(parent) {
                self.nodes[p].children.push(index);
                self.heads.remove(parent);
                parents.push(p);
            }
        }
        self.by_author.entry(op.author).or_default().insert(index);
        let key = (height, hash);
        let at = self
            .order
            .partition_point(|&other| self.nodes[other].key() < key);
        self.order.insert(at, index);
        self.index.insert(hash, index);
        self.heads.insert(hash, index);
        self.nodes.push(Node {
            op,
            height,
            past,
            parents,
            children: Vec::new(),
            revocation,
        });
        index
    }
}
