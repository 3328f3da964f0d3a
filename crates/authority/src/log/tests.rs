//! The log's shortcuts (the remembered membership after recent operations, the resolution
//! carried forward when an operation extends every head) agree with resolving from scratch:
//! `admit` asserts it in test builds, and these histories exercise it.

use ed25519_dalek::SigningKey;

use super::Log;
use crate::{Body, DeviceId, GroupId, Moment, Operation, Role};

const DEVICES: u8 = 5;

fn key(n: u8) -> SigningKey {
    SigningKey::from_bytes(&[n + 1; 32])
}

/// A small deterministic generator (xorshift), so each seed is one reproducible history.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % sides
    }
}

fn random_body(dice: &mut Dice, author: u8) -> Body {
    let device = DeviceId::from(&key(dice.roll(u64::from(DEVICES)) as u8));
    let role = [Role::Admin, Role::Facilitator, Role::Federation][dice.roll(3) as usize];
    match dice.roll(5) {
        0 => Body::Add {
            device,
            role,
            label: None,
        },
        1 => Body::Remove {
            device,
            content_heads: Vec::new(),
        },
        2 => Body::ChangeRole { device, role },
        3 => Body::Baseline {
            content_heads: vec![[dice.roll(256) as u8; 32]],
        },
        _ => Body::RegisterActor {
            actor: vec![author, dice.roll(3) as u8],
        },
    }
}

fn history(seed: u64) -> Vec<Log> {
    let mut dice = Dice(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let group = GroupId::new(*b"shortcuts").expect("a group id");
    let mut first = Log::create(&key(0), group, None, Moment::from_unix_seconds(0)).expect("a log");
    for n in 1..DEVICES {
        let body = Body::Add {
            device: DeviceId::from(&key(n)),
            role: if n < 3 {
                Role::Admin
            } else {
                Role::Facilitator
            },
            label: None,
        };
        first
            .issue(&key(0), body, Moment::from_unix_seconds(n.into()))
            .expect("an Add");
    }
    let stored = first.to_bytes();
    let mut logs: Vec<Log> = (0..DEVICES)
        .map(|_| Log::from_bytes(&stored).expect("a copy"))
        .collect();
    for t in 0..80 {
        let (a, b) = (
            dice.roll(u64::from(DEVICES)) as usize,
            dice.roll(u64::from(DEVICES)) as usize,
        );
        if dice.roll(3) == 0 && a != b {
            let ops: Vec<Operation> = logs[a]
                .ops_missing_for(&logs[b].heads())
                .into_iter()
                .filter(|_| dice.roll(4) != 0)
                .cloned()
                .collect();
            logs[b].receive_all(ops);
        } else {
            let body = random_body(&mut dice, a as u8);
            let _ = logs[a].issue(&key(a as u8), body, Moment::from_unix_seconds(100 + t));
        }
    }
    logs
}

#[test]
fn shortcuts_agree_with_resolving_from_scratch() {
    for seed in 0..120 {
        let mut logs = history(seed);
        // Everyone gets everything, newest first, so that operations wait and are completed.
        let all: Vec<Operation> = logs.iter().flat_map(|log| log.ops().cloned()).collect();
        for log in &mut logs {
            log.receive_all(all.iter().rev().cloned());
            log.receive_all(all.iter().cloned());
        }
        let effective = |log: &Log| -> Vec<crate::OpHash> {
            let mut hashes: Vec<_> = log
                .ops()
                .map(Operation::hash)
                .filter(|h| log.is_effective(h) == Some(true))
                .collect();
            hashes.sort();
            hashes
        };
        let reference = &logs[0];
        for log in &logs[1..] {
            assert_eq!(log.heads(), reference.heads(), "seed {seed}");
            assert_eq!(
                log.resolution().state,
                reference.resolution().state,
                "seed {seed}"
            );
            assert_eq!(effective(log), effective(reference), "seed {seed}");
        }
    }
}
