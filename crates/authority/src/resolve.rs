//! Resolution: the membership a set of operations makes, the same on every device that holds
//! that set, whatever order the operations arrived in.
//!
//! 1. Operations that revoke (a Remove, a ChangeRole that takes a capability away) are
//!    *decided* one at a time, in the **decision order**: causal order first; between
//!    concurrent ones, the more senior author's first (seniority: the creator, then devices by
//!    their first Add in the canonical order), then the canonical order. Two admins removing
//!    each other at once are ordered senior first even when that is not the usual order.
//! 2. A revocation, once accepted, **voids its target's concurrent operations** that needed
//!    what it took away (everything for a Remove): operations neither in its causal past nor
//!    after it. That is what makes a removal hold against relays.
//! 3. Every accepted revocation must still apply in the fold below; if accepting a new one
//!    makes an earlier one fail (its author's authority came from an operation now voided),
//!    the earlier one is dropped; if the new one fails itself (its author was removed, it
//!    would remove the last admin), it is refused and nothing changes.
//! 4. The **fold** applies the operations that are not voided in the canonical order (height,
//!    then hash), the accepted revocations in decision order, each only if its author may do
//!    it at that point. Revocations not accepted do nothing.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use crate::bits::Bits;
use crate::graph::Dag;
use crate::state::{Mode, State};
use crate::{Body, DeviceId, OpHash};

/// The membership a set of operations makes, and which of them took effect.
#[derive(Clone, Debug, Default)]
pub(crate) struct Resolution {
    pub(crate) state: State,
    pub(crate) effective: Bits,
}

/// Resolves `set`, which holds every parent of every operation in it.
pub(crate) fn resolve(dag: &Dag, set: &Bits) -> Resolution {
    let revocations: Vec<usize> = dag
        .canonical()
        .iter()
        .copied()
        .filter(|&i| set.contains(i) && dag.node(i).revocation.is_some())
        .collect();
    if revocations.is_empty() {
        return fold(dag, set, &Bits::new(), &[]).resolution;
    }
    let seniority = seniority(dag, set);
    let shadows: HashMap<usize, Bits> = revocations
        .iter()
        .map(|&r| (r, shadow(dag, set, r)))
        .collect();
    let voided_by = |chain: &[usize]| {
        let mut voided = Bits::new();
        for r in chain {
            if let Some(shadow) = shadows.get(r) {
                voided.union_with(shadow);
            }
        }
        voided
    };
    let mut chain: Vec<usize> = Vec::new();
    let mut voided = Bits::new();
    let mut best = fold(dag, set, &voided, &chain);
    for r in decision_order(dag, &revocations, &seniority) {
        if voided.contains(r) {
            continue;
        }
        let mut trial = chain.clone();
        trial.push(r);
        loop {
            let trial_voided = voided_by(&trial);
            let folded = fold(dag, set, &trial_voided, &trial);
            if folded.refused.contains(r) {
                break;
            }
            if folded.refused.is_empty() {
                chain = trial;
                voided = trial_voided;
                best = folded;
                break;
            }
            trial.retain(|e| !folded.refused.contains(*e));
        }
    }
    best.resolution
}

/// Each device's seniority in `set`: the canonical position of the first operation that made it
/// a member (the genesis for the creator, which comes first). Lower is more senior.
fn seniority(dag: &Dag, set: &Bits) -> HashMap<DeviceId, (u32, OpHash)> {
    let mut seniority = HashMap::new();
    for &i in dag.canonical().iter().filter(|&&i| set.contains(i)) {
        let node = dag.node(i);
        let device = match &node.op.body {
            Body::Genesis { .. } => node.op.author,
            Body::Add { device, .. } => *device,
            _ => continue,
        };
        seniority.entry(device).or_insert(node.key());
    }
    seniority
}

/// The target's operations in `set` that revocation `r` voids: concurrent with `r`, and needing
/// what `r` takes away.
fn shadow(dag: &Dag, set: &Bits, r: usize) -> Bits {
    let node = dag.node(r);
    let mut shadow = Bits::new();
    let (Some(revocation), Some(by_target)) = (
        node.revocation,
        node.revocation.and_then(|rev| dag.by_author(&rev.target)),
    ) else {
        return shadow;
    };
    for o in by_target.intersection(set).iter() {
        let other = dag.node(o);
        let concurrent = o != r && !node.past.contains(o) && !other.past.contains(r);
        if concurrent && revocation.takes_from(&other.op) {
            shadow.insert(o);
        }
    }
    shadow
}

/// The order in which revocations are decided: a topological order of their causal order,
/// plus, for two that revoke each other's authors concurrently, the more senior author's first;
/// ties by seniority, then canonical order. Should those mutual edges ever close a cycle with
/// the causal ones, the most senior causally ready revocation goes next.
fn decision_order(
    dag: &Dag,
    revocations: &[usize],
    seniority: &HashMap<DeviceId, (u32, OpHash)>,
) -> Vec<usize> {
    let rank = |i: usize| {
        let node = dag.node(i);
        let senior = seniority
            .get(&node.op.author)
            .copied()
            .unwrap_or((u32::MAX, node.op.hash));
        (senior, node.key())
    };
    let k = revocations.len();
    let mut successors: Vec<Vec<(usize, bool)>> = vec![Vec::new(); k];
    let mut waiting_all = vec![0usize; k];
    let mut waiting_causal = vec![0usize; k];
    for (i, &a) in revocations.iter().enumerate() {
        for (j, &b) in revocations.iter().enumerate() {
            let (na, nb) = (dag.node(a), dag.node(b));
            let causal = nb.past.contains(a);
            let mutual = !causal
                && !na.past.contains(b)
                && na.op.author != nb.op.author
                && na.revocation.is_some_and(|r| r.target == nb.op.author)
                && nb.revocation.is_some_and(|r| r.target == na.op.author)
                && rank(a).0 < rank(b).0;
            if i != j && (causal || mutual) {
                successors[i].push((j, causal));
                waiting_all[j] += 1;
                if causal {
                    waiting_causal[j] += 1;
                }
            }
        }
    }
    let mut placed = vec![false; k];
    let mut ready: BinaryHeap<Reverse<(_, usize)>> = (0..k)
        .filter(|&i| waiting_all[i] == 0)
        .map(|i| Reverse((rank(revocations[i]), i)))
        .collect();
    let mut order = Vec::with_capacity(k);
    while order.len() < k {
        let next = match ready.pop() {
            Some(Reverse((_, i))) if placed[i] => continue,
            Some(Reverse((_, i))) => i,
            None => match (0..k)
                .filter(|&i| !placed[i] && waiting_causal[i] == 0)
                .min_by_key(|&i| rank(revocations[i]))
            {
                Some(i) => i,
                None => break,
            },
        };
        placed[next] = true;
        order.push(revocations[next]);
        for &(j, causal) in &successors[next] {
            waiting_all[j] = waiting_all[j].saturating_sub(1);
            if causal {
                waiting_causal[j] -= 1;
            }
            if waiting_all[j] == 0 && !placed[j] {
                ready.push(Reverse((rank(revocations[j]), j)));
            }
        }
    }
    order
}

struct Folded {
    resolution: Resolution,
    /// The accepted revocations that failed to apply.
    refused: Bits,
}

/// Applies the operations of `set` that are not `voided`, in the canonical order except that
/// the accepted revocations (`chain`) keep their decision order.
fn fold(dag: &Dag, set: &Bits, voided: &Bits, chain: &[usize]) -> Folded {
    let position: HashMap<usize, usize> = chain.iter().enumerate().map(|(p, &i)| (i, p)).collect();
    let mut state = State::default();
    let mut effective = Bits::new();
    let mut refused = Bits::new();
    for i in emission_order(dag, set, chain, &position) {
        let node = dag.node(i);
        if voided.contains(i) || (node.revocation.is_some() && !position.contains_key(&i)) {
            continue;
        }
        match state.apply(&node.op, Mode::Lenient) {
            Ok(()) => effective.insert(i),
            Err(_) if position.contains_key(&i) => refused.insert(i),
            Err(_) => {}
        }
    }
    Folded {
        resolution: Resolution { state, effective },
        refused,
    }
}

/// The canonical order of `set`, adjusted so that `chain` comes in its own order: the smallest
/// ready operation first, a revocation of the chain being ready only once the previous one is
/// out. When the chain already follows the canonical order, that is the canonical order.
fn emission_order(
    dag: &Dag,
    set: &Bits,
    chain: &[usize],
    position: &HashMap<usize, usize>,
) -> Vec<usize> {
    let in_set = dag.canonical().iter().copied().filter(|&i| set.contains(i));
    if chain
        .windows(2)
        .all(|w| dag.node(w[0]).key() < dag.node(w[1]).key())
    {
        return in_set.collect();
    }
    let mut waiting: HashMap<usize, usize> = HashMap::new();
    let mut ready = BinaryHeap::new();
    for i in in_set {
        let node = dag.node(i);
        let gate = usize::from(position.get(&i).is_some_and(|&p| p > 0));
        let count = node.op.parents.len() + gate;
        if count == 0 {
            ready.push(Reverse((node.key(), i)));
        } else {
            waiting.insert(i, count);
        }
    }
    let mut order = Vec::with_capacity(waiting.len() + ready.len());
    let mut release = |j: usize, ready: &mut BinaryHeap<_>| {
        if let Some(count) = waiting.get_mut(&j) {
            *count -= 1;
            if *count == 0 {
                waiting.remove(&j);
                ready.push(Reverse((dag.node(j).key(), j)));
            }
        }
    };
    while let Some(Reverse((_, i))) = ready.pop() {
        order.push(i);
        for &child in &dag.node(i).children {
            release(child, &mut ready);
        }
        if let Some(&next) = position.get(&i).and_then(|&p| chain.get(p + 1)) {
            release(next, &mut ready);
        }
    }
    order
}
