//! A log stored and read back is the same log; a hostile blob is refused.

use comptoir_authority::{Body, Error, Log, Operation, Role, decode_ops, encode_ops};
use proptest::prelude::*;

use crate::fixture::*;

/// A log with concurrency, a removal and a voided operation.
fn busy_log() -> Log {
    let mut alices = group_with(&[(BOB, Role::Admin), (CAROL, Role::Facilitator)]);
    let mut bobs = copy(&alices);
    register(&mut alices, CAROL, b"carol-1", 5);
    remove(&mut alices, ALICE, BOB, 6);
    add(&mut bobs, BOB, DAN, Role::Facilitator, 6);
    sync(&bobs, &mut alices);
    alices
}

#[test]
fn a_stored_log_reads_back_the_same() {
    let log = busy_log();
    let bytes = log.to_bytes();
    let back = Log::from_bytes(&bytes).expect("reads back");
    assert_same(&[&log, &back]);
    assert_eq!(back.to_bytes(), bytes);
    assert_eq!(back.genesis(), log.genesis());
    assert_eq!(
        back.ops().collect::<Vec<_>>(),
        log.ops().collect::<Vec<_>>()
    );
    assert_eq!(back.device_of_actor(b"carol-1"), Some(id(CAROL)));
}

#[test]
fn a_list_of_operations_round_trips() {
    let log = busy_log();
    let ops: Vec<Operation> = log.ops().cloned().collect();
    assert_eq!(decode_ops(&encode_ops(&ops)), Ok(ops));
    assert_eq!(decode_ops(&encode_ops(&[])), Ok(Vec::new()));
}

#[test]
fn a_stored_log_missing_an_operation_or_repeating_one_is_refused() {
    let log = busy_log();
    let ops: Vec<Operation> = log.ops().cloned().collect();
    let mut missing = ops.clone();
    missing.remove(2);
    assert!(matches!(
        Log::from_bytes(&encode_ops(&missing)),
        Err(Error::Incomplete { missing: 1 })
    ));
    let mut repeated = ops.clone();
    repeated.push(ops[3].clone());
    assert_eq!(
        Log::from_bytes(&encode_ops(&repeated)).err(),
        Some(Error::Repeated { op: ops[3].hash() })
    );
    assert!(matches!(
        Log::from_bytes(&encode_ops(&ops[1..])),
        Err(Error::NotGenesis { .. })
    ));
    assert!(matches!(
        Log::from_bytes(&encode_ops(&[])),
        Err(Error::Empty { .. })
    ));
}

#[test]
fn a_stored_log_with_an_unauthorised_or_foreign_operation_is_refused() {
    let log = busy_log();
    let mut ops: Vec<Operation> = log.ops().cloned().collect();
    // Carol, a facilitator, "adds" Erin as admin: validly signed, not allowed.
    let forged = Operation::sign(
        &key(CAROL),
        &group(),
        log.heads(),
        Body::Add {
            device: id(ERIN),
            role: Role::Admin,
            label: None,
        },
        at(9),
    )
    .expect("signed");
    ops.push(forged);
    assert!(matches!(
        Log::from_bytes(&encode_ops(&ops)),
        Err(Error::NotAdmin { .. })
    ));
    // A second genesis spliced in.
    let mut ops: Vec<Operation> = log.ops().cloned().collect();
    ops.push(genesis_of(
        &Log::create(&key(ALICE), group(), None, at(99)).expect("a log"),
    ));
    assert!(matches!(
        Log::from_bytes(&encode_ops(&ops)),
        Err(Error::SecondGenesis { .. })
    ));
}

#[test]
fn a_hostile_header_is_refused() {
    let bytes = busy_log().to_bytes();
    let mut magic = bytes.clone();
    magic[0] = b'X';
    assert_eq!(Log::from_bytes(&magic).err(), Some(Error::NotAList));
    let mut version = bytes.clone();
    version[4] = 9;
    assert!(matches!(
        Log::from_bytes(&version),
        Err(Error::UnsupportedVersion { found: 9, .. })
    ));
    let mut count = bytes.clone();
    count[5..9].copy_from_slice(&u32::MAX.to_be_bytes());
    assert!(matches!(
        Log::from_bytes(&count),
        Err(Error::TooLong { field: "list", .. })
    ));
    let mut trailing = bytes.clone();
    trailing.push(0);
    assert!(matches!(
        Log::from_bytes(&trailing),
        Err(Error::TrailingBytes { extra: 1 })
    ));
    for len in 0..bytes.len() {
        assert!(
            Log::from_bytes(&bytes[..len]).is_err(),
            "truncated to {len}"
        );
    }
}

#[test]
fn any_changed_byte_of_a_stored_log_is_refused() {
    let bytes = busy_log().to_bytes();
    for i in 0..bytes.len() {
        let mut changed = bytes.clone();
        changed[i] ^= 0x20;
        assert!(Log::from_bytes(&changed).is_err(), "byte {i} changed");
    }
}

proptest! {
    #[test]
    fn random_bytes_are_refused_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        prop_assert!(Log::from_bytes(&bytes).is_err());
        prop_assert!(Operation::from_bytes(&bytes).is_err());
    }

    #[test]
    fn random_bytes_behind_a_valid_header_are_refused(body in prop::collection::vec(any::<u8>(), 0..600)) {
        let mut bytes = b"CMTA\x01\x00\x00\x00\x02".to_vec();
        bytes.extend_from_slice(&body);
        prop_assert!(Log::from_bytes(&bytes).is_err());
    }
}
