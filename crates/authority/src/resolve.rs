//! Resolution: the membership a set of operations makes, the same on every device that holds
//! that set, whatever order the operations arrived in.
//!
//! 1. Operations that revoke (a Remove, a ChangeRole that takes a capability away) are put in
//!    the **decision order**: causal order first; between concurrent ones, the more senior
//!    author's first, then the canonical order (height, then hash). Seniority is the author's
//!    as the author saw the log: the creator first, then devices by the canonical position of
//!    their first Add that took effect (so a voided Add, however early, gives none). Two admins
//!    removing each other at once are ordered senior first even when causal order would not
//!    say so.
//! 2. The **fold** applies the operations in the canonical order, except that revocations keep
//!    the decision order among themselves (an operation waits for its parents, a revocation
//!    also for the one decided before it). Each operation takes effect only if its author may do
//!    it at that point, and a revocation never removes or demotes the last admin.
//! 3. A revocation that takes effect is **accepted**: it **voids its target's concurrent
//!    operations** that needed what it took away (everything, for a Remove) — operations
//!    neither in its causal past nor after it. That is what makes a removal hold against
//!    relays. Voided operations do nothing; if some had already been applied, the fold starts
//!    over without them.
//! 4. An accepted revocation that a later accepted one voids (its author was removed
//!    concurrently), or that no longer applies when the fold starts over (its author's
//!    authority came from an operation since voided), is **dropped** for good: what it voided
//!    comes back, and the fold starts over again. Each revocation is accepted at most once and
//!    dropped at most once, so the fold starts over at most twice per revocation; most logs are
//!    resolved in one pass.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::sync::Arc;

use crate::bits::Bits;
use crate::graph::Dag;
use crate::state::{Mode, State};

/// The membership a set of operations makes, and which of them took effect.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Resolution {
    /// Shared with the log's remembered resolutions, so that keeping both costs no copy.
    pub(crate) state: Arc<State>,
    pub(crate) effective: Bits,
}

/// Resolves `set`, which holds every parent of every operation in it.
pub(crate) fn resolve(dag: &Dag, set: &Bits) -> Resolution {
    fold(dag, set, State::default())
}

/// The membership `set` makes, continuing from a remembered one when one fits. A remembered
/// `(prefix, membership)` fits when `prefix` is part of `set` and every other operation of `set`
/// follows all of `prefix`: then nothing after the prefix is concurrent with anything in it,
/// the fold of `set` begins with the fold of `prefix` exactly, and only what follows needs
/// folding. Of the fitting ones, the one leaving the least to fold is used.
pub(crate) fn state_of(dag: &Dag, set: &Bits, remembered: &VecDeque<(Bits, Arc<State>)>) -> State {
    let mut best: Option<(Bits, &State)> = None;
    for (prefix, state) in remembered.iter().rev() {
        let state: &State = state;
        if !prefix.is_subset(set) {
            continue;
        }
        let after = set.difference(prefix);
        let smaller = best.as_ref().is_none_or(|(b, _)| after.len() < b.len());
        if smaller && after.iter().all(|x| prefix.is_subset(&dag.node(x).past)) {
            let done = after.is_empty();
            best = Some((after, state));
            if done {
                break;
            }
        }
    }
    match best {
        Some((after, state)) if after.is_empty() => state.clone(),
        Some((after, state)) => unshared(fold(dag, &after, state.clone()).state),
        None => unshared(resolve(dag, set).state),
    }
}

/// The state itself: a fresh resolution's is not shared yet.
fn unshared(state: Arc<State>) -> State {
    Arc::try_unwrap(state).unwrap_or_else(|shared| (*shared).clone())
}

/// Folds the operations of `ops` (a whole set, or what follows a remembered prefix of it) onto
/// `base`, deciding revocations as it meets them.
fn fold(dag: &Dag, ops: &Bits, base: State) -> Resolution {
    let revocations: Vec<usize> = dag
        .canonical()
        .iter()
        .copied()
        .filter(|&i| ops.contains(i) && dag.node(i).revocation.is_some())
        .collect();
    let chain = decision_order(dag, &revocations);
    let order = emission_order(dag, ops, &chain);
    let mut shadows: HashMap<usize, Bits> = HashMap::new();
    let mut accepted = Bits::new();
    let mut dropped = Bits::new();
    let mut voided = Bits::new();
    'pass: loop {
        let mut state = base.clone();
        let mut effective = Bits::new();
        for &i in &order {
            let node = dag.node(i);
            if voided.contains(i) || dropped.contains(i) {
                continue;
            }
            let applied = state.apply(&node.op, node.height, Mode::Lenient).is_ok();
            if applied {
                effective.insert(i);
            }
            if node.revocation.is_none() {
                continue;
            }
            let recount = |accepted: &Bits, dropped: &Bits, shadows: &HashMap<usize, Bits>| {
                let mut voided = Bits::new();
                for r in accepted.iter().filter(|r| !dropped.contains(*r)) {
                    if let Some(shadow) = shadows.get(&r) {
                        voided.union_with(shadow);
                    }
                }
                voided
            };
            match (applied, accepted.contains(i)) {
                (true, false) => {
                    accepted.insert(i);
                    let shadow = shadows.entry(i).or_insert_with(|| shadow(dag, ops, i));
                    let undone = !shadow.intersection(&effective).is_empty();
                    // Accepted revocations this one voids are dropped: what they voided
                    // comes back.
                    let overridden = shadow.intersection(&accepted);
                    if !overridden.is_empty() {
                        dropped.union_with(&overridden);
                        voided = recount(&accepted, &dropped, &shadows);
                        continue 'pass;
                    }
                    voided.union_with(shadow);
                    if undone {
                        continue 'pass;
                    }
                }
                (false, true) => {
                    dropped.insert(i);
                    voided = recount(&accepted, &dropped, &shadows);
                    continue 'pass;
                }
                _ => {}
            }
        }
        return Resolution {
            state: Arc::new(state),
            effective,
        };
    }
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
fn decision_order(dag: &Dag, revocations: &[usize]) -> Vec<usize> {
    let k = revocations.len();
    if k < 2 {
        return revocations.to_vec();
    }
    let ranks: Vec<_> = revocations
        .iter()
        .map(|&i| {
            let node = dag.node(i);
            let senior = node.revocation.map_or((u32::MAX, node.op.hash), |r| r.rank);
            (senior, node.key())
        })
        .collect();
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
                && ranks[i].0 < ranks[j].0;
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
        .map(|i| Reverse((ranks[i], i)))
        .collect();
    let mut order = Vec::with_capacity(k);
    while order.len() < k {
        let next = match ready.pop() {
            Some(Reverse((_, i))) if placed[i] => continue,
            Some(Reverse((_, i))) => i,
            None => match (0..k)
                .filter(|&i| !placed[i] && waiting_causal[i] == 0)
                .min_by_key(|&i| ranks[i])
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
                ready.push(Reverse((ranks[j], j)));
            }
        }
    }
    order
}

/// The order of the fold: the canonical order of `set`, adjusted so that the revocations
/// (`chain`, in decision order) come in their own order: the smallest ready operation first, a
/// revocation being ready only once the one decided before it is out. When the decision order
/// follows the canonical order, that is the canonical order.
fn emission_order(dag: &Dag, set: &Bits, chain: &[usize]) -> Vec<usize> {
    let position: HashMap<usize, usize> = chain.iter().enumerate().map(|(p, &i)| (i, p)).collect();
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
        let count = node.parents.iter().filter(|&&p| set.contains(p)).count() + gate;
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
