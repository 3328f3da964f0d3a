//! Devices, a group, and shorthands for building logs in tests.

use comptoir_authority::{Body, DeviceId, GroupId, Log, Moment, OpHash, Operation, Report, Role};
use ed25519_dalek::SigningKey;

/// The devices of the tests, by seed: `ALICE` creates the group.
pub const ALICE: u8 = 1;
pub const BOB: u8 = 2;
pub const CAROL: u8 = 3;
pub const DAN: u8 = 4;
pub const ERIN: u8 = 5;
pub const FRANK: u8 = 6;

pub fn key(device: u8) -> SigningKey {
    SigningKey::from_bytes(&[device; 32])
}

pub fn id(device: u8) -> DeviceId {
    DeviceId::from(&key(device))
}

pub fn at(seconds: i64) -> Moment {
    Moment::from_unix_seconds(1_700_000_000 + seconds)
}

pub fn group() -> GroupId {
    GroupId::new(*b"bistrot-memoire").expect("a group id")
}

/// A new group created by Alice.
pub fn alices_log() -> Log {
    Log::create(&key(ALICE), group(), Some("Alice".into()), at(0)).expect("a new log")
}

/// A new group created by Alice, where she added `others` with their roles, in that order.
pub fn group_with(others: &[(u8, Role)]) -> Log {
    let mut log = alices_log();
    for (n, &(device, role)) in others.iter().enumerate() {
        add(&mut log, ALICE, device, role, n as i64 + 1);
    }
    log
}

pub fn add(log: &mut Log, by: u8, device: u8, role: Role, seconds: i64) -> Operation {
    log.issue(
        &key(by),
        Body::Add {
            device: id(device),
            role,
            label: None,
        },
        at(seconds),
    )
    .expect("an allowed Add")
}

pub fn remove(log: &mut Log, by: u8, device: u8, seconds: i64) -> Operation {
    log.issue(
        &key(by),
        Body::Remove {
            device: id(device),
            content_heads: vec![[seconds as u8; 32]],
        },
        at(seconds),
    )
    .expect("an allowed Remove")
}

pub fn change_role(log: &mut Log, by: u8, device: u8, role: Role, seconds: i64) -> Operation {
    log.issue(
        &key(by),
        Body::ChangeRole {
            device: id(device),
            role,
        },
        at(seconds),
    )
    .expect("an allowed ChangeRole")
}

pub fn register(log: &mut Log, by: u8, actor: &[u8], seconds: i64) -> Operation {
    log.issue(
        &key(by),
        Body::RegisterActor {
            actor: actor.to_vec(),
        },
        at(seconds),
    )
    .expect("an allowed RegisterActor")
}

/// Another device's copy of `log`, as storage would give it back.
pub fn copy(log: &Log) -> Log {
    Log::from_bytes(&log.to_bytes()).expect("a stored log reads back")
}

/// What `from` sends `to` after `to` announced its heads.
pub fn sync(from: &Log, to: &mut Log) -> Report {
    let ops: Vec<Operation> = from
        .ops_missing_for(&to.heads())
        .into_iter()
        .cloned()
        .collect();
    to.receive_all(ops)
}

/// A fresh log that receives `ops` in the given order (the genesis is found among them).
pub fn fresh_with(genesis: &Operation, ops: impl IntoIterator<Item = Operation>) -> Log {
    let mut log = Log::from_genesis(genesis.clone()).expect("a genesis");
    log.receive_all(ops);
    log
}

pub fn genesis_of(log: &Log) -> Operation {
    log.genesis_operation().clone()
}

/// Everything a log says about membership, comparable between logs.
pub type Membership = Vec<(DeviceId, Option<Role>, Option<Vec<[u8; 32]>>)>;

pub fn membership(log: &Log) -> Membership {
    log.members()
        .map(|(device, member)| {
            (
                device,
                log.role_of(&device),
                member.removed.as_ref().map(|r| r.content_heads.clone()),
            )
        })
        .collect()
}

/// The operations a log holds that take effect.
pub fn effective(log: &Log) -> Vec<OpHash> {
    let mut hashes: Vec<OpHash> = log
        .ops()
        .map(|op| op.hash())
        .filter(|h| log.is_effective(h) == Some(true))
        .collect();
    hashes.sort();
    hashes
}

/// Heads, membership and effective operations are the same in every log.
pub fn assert_same(logs: &[&Log]) {
    let first = logs[0];
    for other in &logs[1..] {
        assert_eq!(other.heads(), first.heads(), "heads");
        assert_eq!(membership(other), membership(first), "membership");
        assert_eq!(effective(other), effective(first), "effective operations");
    }
}
