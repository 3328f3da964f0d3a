//! Bad input is refused and changes nothing: forged or tampered signatures, another group's
//! operations, a second genesis, trailing bytes, unknown tags and versions, oversized or
//! non-canonical fields, truncations.

use comptoir_authority::encoding::{MAX_GROUP_ID, MAX_LABEL};
use comptoir_authority::{Body, Error, GroupId, Log, Operation, Role};

use crate::fixture::*;

/// Where the body's tag sits in an operation's encoding.
fn body_offset(op: &Operation) -> usize {
    2 + op.group().as_bytes().len() + 32 + 8 + 1 + 32 * op.parents().len()
}

/// An Add of Carol as facilitator, by Alice, on top of `log`.
fn add_carol(log: &Log) -> Operation {
    Operation::sign(
        &key(ALICE),
        &group(),
        log.heads(),
        Body::Add {
            device: id(CAROL),
            role: Role::Facilitator,
            label: Some("Carol".into()),
        },
        at(9),
    )
    .expect("signed")
}

fn assert_unchanged(log: &Log, reference: &Log) {
    assert_eq!(log.heads(), reference.heads());
    assert_eq!(log.len(), reference.len());
    assert_eq!(membership(log), membership(reference));
}

#[test]
fn a_valid_operation_round_trips_through_its_bytes() {
    let log = group_with(&[(BOB, Role::Admin)]);
    let op = add_carol(&log);
    let bytes = op.to_bytes();
    assert_eq!(Operation::from_bytes(&bytes), Ok(op.clone()));
    assert_eq!(
        Operation::from_bytes(&bytes).map(|o| o.hash()),
        Ok(op.hash())
    );
}

#[test]
fn a_tampered_operation_is_refused() {
    let log = group_with(&[(BOB, Role::Admin)]);
    let op = add_carol(&log);
    let bytes = op.to_bytes();
    // Carol made admin instead of facilitator: the role byte follows the tag and the device.
    let mut promoted = bytes.clone();
    let role = body_offset(&op) + 1 + 32;
    assert_eq!(promoted[role], 1, "the facilitator tag");
    promoted[role] = 0;
    assert!(matches!(
        Operation::from_bytes(&promoted),
        Err(Error::BadSignature { .. })
    ));
    // A flipped bit in the signature.
    let mut flipped = bytes.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x01;
    assert!(matches!(
        Operation::from_bytes(&flipped),
        Err(Error::BadSignature { .. })
    ));
    // Another time: the last byte of the `at` field.
    let mut moved = bytes;
    moved[2 + group().as_bytes().len() + 32 + 7] ^= 0x01;
    assert!(matches!(
        Operation::from_bytes(&moved),
        Err(Error::BadSignature { .. })
    ));
}

#[test]
fn an_operation_signed_by_another_key_than_its_author_is_refused() {
    let log = group_with(&[(BOB, Role::Admin)]);
    // Carol, a stranger, signs an Add and then claims Alice wrote it.
    let carols = Operation::sign(
        &key(CAROL),
        &group(),
        log.heads(),
        Body::Add {
            device: id(CAROL),
            role: Role::Admin,
            label: None,
        },
        at(9),
    )
    .expect("signed");
    let mut bytes = carols.to_bytes();
    let author = 2 + group().as_bytes().len();
    bytes[author..author + 32].copy_from_slice(id(ALICE).as_bytes());
    assert!(matches!(
        Operation::from_bytes(&bytes),
        Err(Error::BadSignature { .. })
    ));
}

#[test]
fn another_groups_operations_and_a_second_genesis_are_refused() {
    let mut log = group_with(&[(BOB, Role::Admin)]);
    let reference = copy(&log);
    let elsewhere = GroupId::new(*b"another-group").expect("a group id");
    let foreign = Operation::sign(
        &key(ALICE),
        &elsewhere,
        log.heads(),
        Body::Add {
            device: id(CAROL),
            role: Role::Admin,
            label: None,
        },
        at(9),
    )
    .expect("signed");
    assert!(matches!(
        log.receive(foreign),
        Err(Error::WrongGroup { .. })
    ));
    // A forged copy of the group: same id, another genesis (even by the same creator).
    for creator in [ALICE, CAROL] {
        let rival = Log::create(&key(creator), group(), None, at(1)).expect("a rival log");
        let result = log.receive(genesis_of(&rival));
        assert!(
            matches!(result, Err(Error::SecondGenesis { .. })),
            "{result:?}"
        );
        // Its later operations wait for a past this log will never hold, then go nowhere.
        let mut rival = rival;
        let op = add(&mut rival, creator, DAN, Role::Admin, 2);
        assert_eq!(log.receive(op), Ok(comptoir_authority::Receipt::Pending));
        assert_eq!(log.role_of(&id(DAN)), None);
    }
    assert_unchanged(&log, &reference);
    assert!(matches!(
        Log::from_genesis(add_carol(&log)),
        Err(Error::NotGenesis { .. })
    ));
}

#[test]
fn trailing_bytes_unknown_tags_and_versions_are_refused() {
    let log = alices_log();
    let op = add_carol(&log);
    let bytes = op.to_bytes();
    let mut trailing = bytes.clone();
    trailing.push(0);
    assert_eq!(
        Operation::from_bytes(&trailing),
        Err(Error::TrailingBytes { extra: 1 })
    );

    let mut tag = bytes.clone();
    tag[body_offset(&op)] = 9;
    assert_eq!(
        Operation::from_bytes(&tag),
        Err(Error::UnknownTag {
            field: "body",
            tag: 9
        })
    );

    let mut role = bytes.clone();
    role[body_offset(&op) + 33] = 7;
    assert_eq!(
        Operation::from_bytes(&role),
        Err(Error::UnknownTag {
            field: "role",
            tag: 7
        })
    );

    let mut version = bytes;
    version[0] = 2;
    assert_eq!(
        Operation::from_bytes(&version),
        Err(Error::UnsupportedVersion {
            found: 2,
            supported: 1
        })
    );
}

#[test]
fn every_truncation_is_refused() {
    let log = group_with(&[(BOB, Role::Admin)]);
    let bytes = add_carol(&log).to_bytes();
    for len in 0..bytes.len() {
        let result = Operation::from_bytes(&bytes[..len]);
        assert!(
            matches!(result, Err(Error::Truncated { .. } | Error::Empty { .. })),
            "{len}: {result:?}"
        );
    }
}

#[test]
fn oversized_fields_are_refused_when_signing_and_when_decoding() {
    let log = alices_log();
    let long_label = "é".repeat(MAX_LABEL / 2 + 1);
    let signed = Operation::sign(
        &key(ALICE),
        &group(),
        log.heads(),
        Body::Add {
            device: id(BOB),
            role: Role::Admin,
            label: Some(long_label),
        },
        at(1),
    );
    assert!(
        matches!(signed, Err(Error::TooLong { field: "label", .. })),
        "{signed:?}"
    );
    assert!(matches!(
        GroupId::new(vec![1; MAX_GROUP_ID + 1]),
        Err(Error::TooLong { .. })
    ));
    assert!(matches!(GroupId::new(Vec::new()), Err(Error::Empty { .. })));

    // A label whose length byte says 200: refused before reading it.
    let op = add_carol(&log);
    let mut bytes = op.to_bytes();
    let label_length = body_offset(&op) + 1 + 32 + 1 + 1;
    bytes[label_length] = 200;
    assert!(matches!(
        Operation::from_bytes(&bytes),
        Err(Error::TooLong {
            field: "label",
            len: 200,
            ..
        })
    ));
    // Invalid UTF-8 in a label.
    let mut bytes = op.to_bytes();
    bytes[label_length + 1] = 0xff;
    assert_eq!(
        Operation::from_bytes(&bytes),
        Err(Error::InvalidUtf8 { field: "label" })
    );
}

#[test]
fn parents_out_of_order_or_repeated_are_refused() {
    // Two heads, so that an operation names two parents.
    let mut alices = group_with(&[(BOB, Role::Admin)]);
    let mut bobs = copy(&alices);
    add(&mut alices, ALICE, CAROL, Role::Facilitator, 3);
    add(&mut bobs, BOB, DAN, Role::Facilitator, 3);
    sync(&bobs, &mut alices);
    let op = register_on(&alices);
    assert_eq!(op.parents().len(), 2);
    let bytes = op.to_bytes();
    let first = 2 + group().as_bytes().len() + 32 + 8 + 1;
    let mut swapped = bytes.clone();
    swapped[first..first + 32].copy_from_slice(op.parents()[1].as_bytes());
    swapped[first + 32..first + 64].copy_from_slice(op.parents()[0].as_bytes());
    assert_eq!(
        Operation::from_bytes(&swapped),
        Err(Error::NotCanonical { field: "parents" })
    );
    let mut repeated = bytes;
    repeated[first + 32..first + 64].copy_from_slice(op.parents()[0].as_bytes());
    assert_eq!(
        Operation::from_bytes(&repeated),
        Err(Error::NotCanonical { field: "parents" })
    );
}

fn register_on(log: &Log) -> Operation {
    Operation::sign(
        &key(ALICE),
        &group(),
        log.heads(),
        Body::RegisterActor { actor: vec![1; 16] },
        at(4),
    )
    .expect("signed")
}

#[test]
fn a_genesis_with_parents_and_an_operation_without_are_refused() {
    let log = alices_log();
    let genesis_with_parents = Operation::sign(
        &key(ALICE),
        &group(),
        log.heads(),
        Body::Genesis { label: None },
        at(1),
    );
    assert_eq!(genesis_with_parents, Err(Error::GenesisWithParents));
    let orphan = Operation::sign(
        &key(ALICE),
        &group(),
        Vec::new(),
        Body::RegisterActor { actor: vec![1] },
        at(1),
    );
    assert_eq!(orphan, Err(Error::NoParents));
}
