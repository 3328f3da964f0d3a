//! The membership log travels beside the group's document over the same faulty network (lost,
//! repeated and reordered), and decides whom each engine syncs the group with, as the node
//! does (`Engine::set_members` each time a device's log changes). Property: whatever devices
//! do concurrently — two admins removing each other, a facilitator promoted while removed,
//! edits made meanwhile — and whatever the delivery order, every device ends with the same
//! membership, every engine syncs exactly with the members its log names, and the members
//! still writing hold the same group.

use std::collections::BTreeSet;

use comptoir_authority::{Body, DeviceId, GroupId as LogId, Log, Moment, Operation, Role};
use comptoir_model::GroupId;
use comptoir_sync::{Config, Input, PeerId};
use ed25519_dalek::SigningKey;
use proptest::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::fixture;
use crate::sim::{Faults, Sim};

/// Device 0 creates the group, 1 is a second admin, 2 and 3 facilitators.
const DEVICES: usize = 4;
/// Rounds of the script; the network settles after the last.
const ROUNDS: u8 = 4;

#[derive(Clone, Debug)]
enum Action {
    Remove(usize),
    ChangeRole(usize, Role),
    /// Adds a member to the group's document.
    Edit,
}

/// In round `round`, device `by` does `action` (if its own log lets it).
#[derive(Clone, Debug)]
struct Step {
    round: u8,
    by: usize,
    action: Action,
}

fn step() -> impl Strategy<Value = Step> {
    let role = prop_oneof![Just(Role::Admin), Just(Role::Facilitator)];
    let action = prop_oneof![
        (0..DEVICES).prop_map(Action::Remove),
        ((0..DEVICES), role).prop_map(|(d, r)| Action::ChangeRole(d, r)),
        Just(Action::Edit),
        Just(Action::Edit),
    ];
    (0..ROUNDS, 0..DEVICES, action).prop_map(|(round, by, action)| Step { round, by, action })
}

/// The devices, their logs, and the operations in flight between them.
struct Group {
    keys: Vec<SigningKey>,
    names: Vec<String>,
    logs: Vec<Log>,
    id: GroupId,
    /// (to, operations) on the wire.
    in_flight: Vec<(usize, Vec<Operation>)>,
    rng: StdRng,
    clock: i64,
}

impl Group {
    fn new(seed: u64) -> Self {
        let keys: Vec<SigningKey> = (0..DEVICES)
            .map(|i| SigningKey::from_bytes(&[i as u8 + 1; 32]))
            .collect();
        let names: Vec<String> = keys.iter().map(|k| DeviceId::from(k).to_string()).collect();
        let doc = fixture::group(7, &names.iter().map(String::as_str).collect::<Vec<_>>());
        let id = doc.id().clone();
        let log_id = LogId::new(id.as_str().as_bytes().to_vec()).expect("a group id");
        let mut log =
            Log::create(&keys[0], log_id, None, Moment::from_unix_seconds(0)).expect("a new log");
        for (n, role) in [
            (1, Role::Admin),
            (2, Role::Facilitator),
            (3, Role::Facilitator),
        ] {
            let add = Body::Add {
                device: DeviceId::from(&keys[n]),
                role,
                label: None,
            };
            log.issue(&keys[0], add, Moment::from_unix_seconds(n as i64))
                .expect("the creator adds");
        }
        let logs = (0..DEVICES)
            .map(|_| Log::from_bytes(&log.to_bytes()).expect("a copy"))
            .collect();
        Self {
            keys,
            names,
            logs,
            id,
            in_flight: Vec::new(),
            rng: StdRng::seed_from_u64(seed),
            clock: 10,
        }
    }

    /// The members device `i`'s engine is told to sync with: admins and facilitators not
    /// removed, as the node's `follow_log` has them.
    fn members(&self, i: usize) -> BTreeSet<PeerId> {
        self.logs[i]
            .members()
            .filter(|(_, m)| m.removed.is_none())
            .filter(|(_, m)| m.role.writes_content())
            .map(|(d, _)| PeerId::from(d.to_string()))
            .collect()
    }

    fn follow(&self, sim: &mut Sim, i: usize) {
        let members = self.members(i);
        let now = sim.now;
        let node = sim.node_mut(&self.names[i]);
        node.engine.set_members(self.id.clone(), Some(members));
        node.engine.retry(now, &self.id);
        sim.input(&self.names[i], Input::LocalChange(self.id.clone()));
    }

    /// Device `by` does `action` as the app would: only what its own log allows.
    fn act(&mut self, sim: &mut Sim, by: usize, action: &Action, edits: &mut u32) {
        let me = DeviceId::from(&self.keys[by]);
        let body = match *action {
            Action::Edit => {
                if self.logs[by].may_write(&me) {
                    *edits += 1;
                    let n = *edits;
                    sim.edit(&self.names[by], &self.id, |d| {
                        fixture::add_member(d, n, &format!("Membre {n}"))
                    });
                }
                return;
            }
            Action::Remove(target) => Body::Remove {
                device: DeviceId::from(&self.keys[target]),
                content_heads: Vec::new(),
            },
            Action::ChangeRole(target, role) => Body::ChangeRole {
                device: DeviceId::from(&self.keys[target]),
                role,
            },
        };
        self.clock += 1;
        let at = Moment::from_unix_seconds(self.clock);
        if self.logs[by].issue(&self.keys[by], body, at).is_ok() {
            self.follow(sim, by);
        }
    }

    /// Every device sends everything it has to every other device on its side.
    fn gossip(&mut self, sides: &[usize]) {
        for from in 0..DEVICES {
            for to in 0..DEVICES {
                if from != to && sides[from] == sides[to] {
                    let ops: Vec<Operation> = self.logs[from].ops().cloned().collect();
                    self.in_flight.push((to, ops));
                }
            }
        }
    }

    /// Delivers what is in flight in random order, losing some and repeating some; each log
    /// that changed is followed by its engine at once.
    fn deliver(&mut self, sim: &mut Sim, faulty: bool) {
        while !self.in_flight.is_empty() {
            let at = self.rng.random_range(0..self.in_flight.len());
            let (to, ops) = self.in_flight.remove(at);
            if faulty && self.rng.random_bool(0.2) {
                continue;
            }
            if faulty && self.rng.random_bool(0.3) {
                self.in_flight.push((to, ops.clone()));
            }
            // Each operation alone, so that parents may come after their children.
            let mut ops = ops;
            for i in (1..ops.len()).rev() {
                ops.swap(i, self.rng.random_range(0..=i));
            }
            let before = self.logs[to].heads();
            self.logs[to].receive_all(ops);
            if self.logs[to].heads() != before {
                self.follow(sim, to);
            }
        }
    }
}

fn run(seed: u64, steps: &[Step]) -> (Sim, Group) {
    let faults = Faults {
        drop: 0.1,
        duplicate: 0.1,
        reorder: true,
    };
    let mut sim = Sim::new(seed, Config::default(), faults);
    let mut group = Group::new(seed);
    let mut doc = fixture::group(
        7,
        &group.names.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    for i in 0..DEVICES {
        let name = group.names[i].clone();
        sim.add_peer(&name);
        sim.add_group(&name, fixture::copy(&mut doc, &name));
        group.follow(&mut sim, i);
    }
    let mut edits = 0;
    for round in 0..ROUNDS {
        // Apart for the round: two sides chosen by the seed.
        let sides: Vec<usize> = (0..DEVICES).map(|_| group.rng.random_range(0..2)).collect();
        let names = group.names.clone();
        let side = |s: usize| -> Vec<&str> {
            (0..DEVICES)
                .filter(|&i| sides[i] == s)
                .map(|i| names[i].as_str())
                .collect()
        };
        sim.connect_all();
        sim.partition(&[&side(0), &side(1)]);
        for step in steps.iter().filter(|s| s.round == round) {
            group.act(&mut sim, step.by, &step.action, &mut edits);
            let n = group.rng.random_range(0..8);
            sim.deliver(n);
        }
        group.gossip(&sides);
        group.deliver(&mut sim, true);
        sim.deliver(usize::MAX);
    }
    // Together again, on a network that loses nothing: logs, then documents, settle.
    sim.connect_all();
    for _ in 0..2 {
        group.gossip(&[0; DEVICES]);
        group.deliver(&mut sim, false);
    }
    sim.faults = Faults::default();
    assert!(sim.run_until_quiet(), "the members never got up to date");
    (sim, group)
}

/// Each member's standing as a log has it: device, role, removed.
fn standing(log: &Log) -> Vec<(DeviceId, Role, bool)> {
    log.members()
        .map(|(d, m)| (d, m.role, m.removed.is_some()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_delivery_order_gives_every_device_the_same_membership(
        seed in any::<u64>(),
        steps in prop::collection::vec(step(), 1..10),
    ) {
        let (mut sim, group) = run(seed, &steps);

        // 1. One membership, the same operations in effect, on every device.
        let first = standing(&group.logs[0]);
        for log in &group.logs[1..] {
            prop_assert_eq!(standing(log), first.clone());
            prop_assert_eq!(log.heads(), group.logs[0].heads());
        }
        // The group keeps an admin, whatever was removed or demoted.
        prop_assert!(first.iter().any(|(_, role, removed)| *role == Role::Admin && !removed));

        // 2. Every engine syncs with exactly the members its log names.
        let members = group.members(0);
        for a in 0..DEVICES {
            for b in (0..DEVICES).filter(|&b| b != a) {
                let both = members.contains(&PeerId::from(group.names[a].clone()))
                    && members.contains(&PeerId::from(group.names[b].clone()));
                prop_assert_eq!(sim.node(&group.names[a]).shares(&group.id, &group.names[b]), both);
            }
        }

        // 3. The members still writing hold the same group.
        let writing: Vec<&str> = group
            .names
            .iter()
            .filter(|n| members.contains(&PeerId::from((*n).clone())))
            .map(String::as_str)
            .collect();
        sim.assert_converged(&writing, &group.id);
    }
}
