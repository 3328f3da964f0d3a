//! Property: whatever happens — devices issuing concurrently, forging what they may not do,
//! exchanging partial subsets — every log given all the operations, in any order and with
//! repeats, ends with the same membership, the same effective operations and the same heads;
//! and that resolution keeps the rules (a removal holds, members were added).

use std::collections::{HashMap, HashSet};

use comptoir_authority::{Body, Log, OpHash, Operation, Role};
use proptest::prelude::*;

use crate::fixture::*;

const DEVICES: [u8; 5] = [ALICE, BOB, CAROL, DAN, ERIN];
/// Replica `i` is device `DEVICES[i]`'s copy of the log.
const REPLICAS: usize = 4;

#[derive(Clone, Debug)]
enum Action {
    Add(usize, Role),
    Remove(usize),
    ChangeRole(usize, Role),
    Register(u8),
}

#[derive(Clone, Debug)]
enum Step {
    /// The replica's device issues an action (refused ones are simply not made).
    Issue(usize, Action),
    /// Any device signs an action on top of a replica's heads without asking whether it may,
    /// and gives it to that replica.
    Forge {
        replica: usize,
        author: usize,
        action: Action,
    },
    /// `to` receives part of what `from` has and it lacks (a bit mask chooses which).
    Sync { from: usize, to: usize, mask: u64 },
}

fn role() -> impl Strategy<Value = Role> {
    prop_oneof![
        Just(Role::Admin),
        Just(Role::Facilitator),
        Just(Role::Federation)
    ]
}

fn action() -> impl Strategy<Value = Action> {
    let device = 0..DEVICES.len();
    prop_oneof![
        (device.clone(), role()).prop_map(|(d, r)| Action::Add(d, r)),
        device.clone().prop_map(Action::Remove),
        (device, role()).prop_map(|(d, r)| Action::ChangeRole(d, r)),
        (0u8..4).prop_map(Action::Register),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        5 => (0..REPLICAS, action()).prop_map(|(r, a)| Step::Issue(r, a)),
        1 => (0..REPLICAS, 0..DEVICES.len(), action())
            .prop_map(|(replica, author, action)| Step::Forge { replica, author, action }),
        3 => (0..REPLICAS, 0..REPLICAS, any::<u64>())
            .prop_map(|(from, to, mask)| Step::Sync { from, to, mask }),
    ]
}

fn body(action: &Action, author: usize) -> Body {
    match *action {
        Action::Add(d, role) => Body::Add {
            device: id(DEVICES[d]),
            role,
            label: None,
        },
        Action::Remove(d) => Body::Remove {
            device: id(DEVICES[d]),
            content_heads: vec![[d as u8; 32]],
        },
        Action::ChangeRole(d, role) => Body::ChangeRole {
            device: id(DEVICES[d]),
            role,
        },
        // Actor ids are per author, so that registrations mostly succeed; number 3 is shared, so
        // that concurrent claims of one actor id happen too.
        Action::Register(3) => Body::RegisterActor { actor: vec![3; 16] },
        Action::Register(n) => Body::RegisterActor {
            actor: vec![author as u8, n],
        },
    }
}

/// Runs the steps; returns the replicas and every operation ever signed.
fn run(steps: &[Step]) -> (Vec<Log>, Vec<Operation>) {
    let mut first = alices_log();
    let mut pool = Vec::new();
    pool.push(add(&mut first, ALICE, BOB, Role::Admin, 1));
    pool.push(add(&mut first, ALICE, CAROL, Role::Admin, 2));
    pool.push(add(&mut first, ALICE, DAN, Role::Facilitator, 3));
    let mut replicas: Vec<Log> = (0..REPLICAS).map(|_| copy(&first)).collect();
    for (n, step) in steps.iter().enumerate() {
        let time = at(10 + n as i64);
        match step {
            Step::Issue(r, action) => {
                if let Ok(op) = replicas[*r].issue(&key(DEVICES[*r]), body(action, *r), time) {
                    pool.push(op);
                }
            }
            Step::Forge {
                replica,
                author,
                action,
            } => {
                let heads = replicas[*replica].heads();
                let signed = Operation::sign(
                    &key(DEVICES[*author]),
                    &group(),
                    heads,
                    body(action, *author),
                    time,
                );
                if let Ok(op) = signed {
                    let _ = replicas[*replica].receive(op.clone());
                    pool.push(op);
                }
            }
            Step::Sync { from, to, mask } if from != to => {
                let ops: Vec<Operation> = replicas[*from]
                    .ops_missing_for(&replicas[*to].heads())
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| mask >> (i % 64) & 1 == 1)
                    .map(|(_, op)| op.clone())
                    .collect();
                replicas[*to].receive_all(ops);
            }
            Step::Sync { .. } => {}
        }
    }
    pool.push(genesis_of(&first));
    (replicas, pool)
}

/// A deterministic shuffle with repeats: every operation once, plus some a second time.
fn shuffled(ops: &[Operation], seed: u64) -> Vec<Operation> {
    let mut state = seed | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut out: Vec<Operation> = ops.to_vec();
    for i in 0..ops.len() / 3 {
        out.push(ops[(next() as usize + i) % ops.len()].clone());
    }
    for i in (1..out.len()).rev() {
        out.swap(i, next() as usize % (i + 1));
    }
    out
}

fn settle(replicas: &mut [Log]) {
    for _ in 0..2 {
        for from in 0..replicas.len() {
            for to in 0..replicas.len() {
                if from != to {
                    let ops: Vec<Operation> = replicas[from]
                        .ops_missing_for(&replicas[to].heads())
                        .into_iter()
                        .cloned()
                        .collect();
                    replicas[to].receive_all(ops);
                }
            }
        }
    }
}

/// Rules any resolution must keep, checked from outside: an effective removal leaves nothing
/// its target did concurrently in effect, and every current member was added by an effective Add
/// (or created the group).
fn assert_rules_hold(log: &Log) {
    let mut pasts: HashMap<OpHash, HashSet<OpHash>> = HashMap::new();
    for op in log.ops() {
        let mut past = HashSet::new();
        for parent in op.parents() {
            past.insert(*parent);
            past.extend(pasts[parent].iter().copied());
        }
        pasts.insert(op.hash(), past);
    }
    let effective = |op: &Operation| log.is_effective(&op.hash()) == Some(true);
    for removal in log.ops().filter(|op| effective(op)) {
        let Body::Remove { device, .. } = removal.body() else {
            continue;
        };
        for op in log
            .ops()
            .filter(|op| op.author() == *device && op.hash() != removal.hash())
        {
            let concurrent = !pasts[&removal.hash()].contains(&op.hash())
                && !pasts[&op.hash()].contains(&removal.hash());
            assert!(
                !(concurrent && effective(op)),
                "{op:?} survives the concurrent {removal:?}"
            );
        }
    }
    for (device, _) in log
        .members()
        .filter(|(device, _)| log.role_of(device).is_some())
    {
        let added = log.ops().any(|op| {
            effective(op) && matches!(op.body(), Body::Add { device: d, .. } if *d == device)
        });
        assert!(
            added || device == log.creator(),
            "{device} is a member without an effective Add"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn any_delivery_order_gives_the_same_log(
        steps in prop::collection::vec(step(), 1..60),
        seeds in prop::array::uniform3(any::<u64>()),
    ) {
        let (mut replicas, pool) = run(&steps);
        let mut seen = HashSet::new();
        let pool: Vec<Operation> = pool.into_iter().filter(|op| seen.insert(op.hash())).collect();
        let genesis = genesis_of(&replicas[0]);

        let fresh: Vec<Log> = seeds.iter().map(|&seed| fresh_with(&genesis, shuffled(&pool, seed))).collect();
        // One more, taking the operations one at a time, newest first.
        let mut one_by_one = Log::from_genesis(genesis.clone()).expect("a genesis");
        for op in pool.iter().rev() {
            let _ = one_by_one.receive(op.clone());
        }
        settle(&mut replicas);
        let stored = copy(&replicas[0]);

        let mut logs: Vec<&Log> = fresh.iter().collect();
        logs.push(&one_by_one);
        logs.extend(replicas.iter());
        logs.push(&stored);
        assert_same(&logs);
        assert_rules_hold(&replicas[0]);
        for log in &logs {
            prop_assert_eq!(log.pending_len(), 0);
            prop_assert!(log.members().any(|(device, _)| log.is_admin(&device)), "a group keeps an admin");
        }
    }
}
