//! The rules one by one, on a single log: who may add, remove, change roles and register actors,
//! and that a refusal changes nothing.

use comptoir_authority::{Body, Error, Log, Operation, Receipt, Role};

use crate::fixture::*;

/// The log's observable state, to check a refusal changed nothing.
fn snapshot(log: &Log) -> (Vec<comptoir_authority::OpHash>, usize, Membership) {
    (log.heads(), log.len(), membership(log))
}

#[test]
fn the_creator_is_the_first_admin() {
    let log = alices_log();
    assert_eq!(log.creator(), id(ALICE));
    assert_eq!(log.role_of(&id(ALICE)), Some(Role::Admin));
    assert!(log.is_admin(&id(ALICE)) && log.may_write(&id(ALICE)));
    assert_eq!(log.heads(), vec![log.genesis()]);
    let (device, member) = log.members().next().expect("one member");
    assert_eq!(
        (device, member.added_by, member.label.as_deref()),
        (id(ALICE), id(ALICE), Some("Alice"))
    );
    assert_eq!(log.members().count(), 1);
}

#[test]
fn an_admin_adds_changes_roles_and_removes() {
    let mut log = alices_log();
    add(&mut log, ALICE, BOB, Role::Facilitator, 1);
    assert_eq!(log.role_of(&id(BOB)), Some(Role::Facilitator));
    assert!(log.may_write(&id(BOB)) && !log.is_admin(&id(BOB)));
    let member = log.member(&id(BOB)).expect("Bob");
    assert_eq!((member.added_by, member.added_at), (id(ALICE), at(1)));

    change_role(&mut log, ALICE, BOB, Role::Admin, 2);
    assert!(log.is_admin(&id(BOB)));

    let removal = remove(&mut log, BOB, ALICE, 3);
    assert_eq!(log.role_of(&id(ALICE)), None);
    assert!(!log.may_write(&id(ALICE)));
    let removed = log.removal_of(&id(ALICE)).expect("Alice's removal");
    assert_eq!((removed.by, removed.at), (id(BOB), at(3)));
    assert_eq!(removed.content_heads, vec![[3; 32]]);
    assert_eq!(log.heads(), vec![removal.hash()]);
    // Removed devices stay listed, with their removal.
    assert_eq!(log.members().count(), 2);
    assert_eq!(log.member(&id(ALICE)).map(|m| m.role), Some(Role::Admin));
}

#[test]
fn a_facilitator_cannot_add_remove_or_change_roles() {
    let mut log = group_with(&[(BOB, Role::Facilitator)]);
    let before = snapshot(&log);
    let attempts = [
        Body::Add {
            device: id(CAROL),
            role: Role::Facilitator,
            label: None,
        },
        Body::Remove {
            device: id(ALICE),
            content_heads: vec![],
        },
        Body::ChangeRole {
            device: id(ALICE),
            role: Role::Facilitator,
        },
        Body::ChangeRole {
            device: id(BOB),
            role: Role::Admin,
        },
    ];
    for body in attempts {
        // Issued on Bob's own log…
        let issued = log.issue(&key(BOB), body.clone(), at(10));
        assert!(
            matches!(issued, Err(Error::NotAdmin { author, .. }) if author == id(BOB)),
            "{issued:?}"
        );
        assert_eq!(snapshot(&log), before);
        // …or signed by hand and sent to another device.
        let forged =
            Operation::sign(&key(BOB), &group(), log.heads(), body, at(10)).expect("signed");
        let mut other = copy(&log);
        let received = other.receive(forged);
        assert!(
            matches!(received, Err(Error::NotAdmin { .. })),
            "{received:?}"
        );
        assert_eq!(snapshot(&other), before);
    }
}

#[test]
fn a_stranger_can_do_nothing() {
    let mut log = alices_log();
    let before = snapshot(&log);
    for body in [
        Body::Add {
            device: id(CAROL),
            role: Role::Admin,
            label: None,
        },
        Body::RegisterActor { actor: vec![1; 16] },
    ] {
        let issued = log.issue(&key(CAROL), body, at(1));
        assert!(
            matches!(issued, Err(Error::NotAMember { author, .. }) if author == id(CAROL)),
            "{issued:?}"
        );
    }
    assert_eq!(snapshot(&log), before);
}

#[test]
fn writers_register_actors_and_federation_devices_do_not() {
    let mut log = group_with(&[(BOB, Role::Facilitator), (DAN, Role::Federation)]);
    register(&mut log, BOB, b"bob-actor-000001", 10);
    register(&mut log, ALICE, b"alice-actor-0001", 11);
    assert_eq!(log.device_of_actor(b"bob-actor-000001"), Some(id(BOB)));
    assert_eq!(log.device_of_actor(b"alice-actor-0001"), Some(id(ALICE)));
    assert_eq!(log.device_of_actor(b"nobody's"), None);

    let before = snapshot(&log);
    let federation = log.issue(
        &key(DAN),
        Body::RegisterActor {
            actor: b"dan".to_vec(),
        },
        at(12),
    );
    assert!(
        matches!(federation, Err(Error::MayNotWrite { .. })),
        "{federation:?}"
    );
    assert!(!log.may_write(&id(DAN)) && log.role_of(&id(DAN)) == Some(Role::Federation));
    // Nobody takes another's actor id, nor registers one twice.
    let taken = log.issue(
        &key(ALICE),
        Body::RegisterActor {
            actor: b"bob-actor-000001".to_vec(),
        },
        at(13),
    );
    assert!(
        matches!(taken, Err(Error::ActorTaken { owner, .. }) if owner == id(BOB)),
        "{taken:?}"
    );
    let again = log.issue(
        &key(BOB),
        Body::RegisterActor {
            actor: b"bob-actor-000001".to_vec(),
        },
        at(14),
    );
    assert!(
        matches!(again, Err(Error::ActorTaken { owner, .. }) if owner == id(BOB)),
        "{again:?}"
    );
    assert_eq!(snapshot(&log), before);

    // Actor ids are 1 to 32 bytes.
    let long = log.issue(
        &key(BOB),
        Body::RegisterActor { actor: vec![7; 33] },
        at(15),
    );
    assert!(
        matches!(
            long,
            Err(Error::TooLong {
                field: "actor id",
                ..
            })
        ),
        "{long:?}"
    );
    let empty = log.issue(&key(BOB), Body::RegisterActor { actor: vec![] }, at(15));
    assert!(matches!(empty, Err(Error::Empty { .. })), "{empty:?}");
}

#[test]
fn the_last_admin_can_neither_be_removed_nor_demoted() {
    let mut log = group_with(&[(BOB, Role::Facilitator)]);
    let before = snapshot(&log);
    for body in [
        Body::Remove {
            device: id(ALICE),
            content_heads: vec![],
        },
        Body::ChangeRole {
            device: id(ALICE),
            role: Role::Facilitator,
        },
        Body::ChangeRole {
            device: id(ALICE),
            role: Role::Federation,
        },
    ] {
        let issued = log.issue(&key(ALICE), body, at(5));
        assert!(
            matches!(issued, Err(Error::LastAdmin { device, .. }) if device == id(ALICE)),
            "{issued:?}"
        );
    }
    assert_eq!(snapshot(&log), before);

    // With a second admin, Alice may leave; then Bob is the last.
    change_role(&mut log, ALICE, BOB, Role::Admin, 6);
    remove(&mut log, ALICE, ALICE, 7);
    assert_eq!(log.role_of(&id(ALICE)), None);
    let last = log.issue(
        &key(BOB),
        Body::Remove {
            device: id(BOB),
            content_heads: vec![],
        },
        at(8),
    );
    assert!(matches!(last, Err(Error::LastAdmin { .. })), "{last:?}");
}

#[test]
fn a_removed_device_can_do_nothing_once_its_removal_is_in_its_past() {
    let mut alices = group_with(&[(BOB, Role::Admin)]);
    remove(&mut alices, ALICE, BOB, 5);
    // Bob's device hears of its removal, then tries to act anyway.
    let mut bobs = copy(&alices);
    let before = snapshot(&bobs);
    let issued = bobs.issue(
        &key(BOB),
        Body::Add {
            device: id(CAROL),
            role: Role::Admin,
            label: None,
        },
        at(6),
    );
    assert!(
        matches!(issued, Err(Error::NotAMember { author, .. }) if author == id(BOB)),
        "{issued:?}"
    );
    let forged = Operation::sign(
        &key(BOB),
        &group(),
        alices.heads(),
        Body::RegisterActor { actor: vec![2; 16] },
        at(6),
    )
    .expect("signed");
    assert!(matches!(
        alices.receive(forged),
        Err(Error::NotAMember { .. })
    ));
    assert_eq!(snapshot(&bobs), before);
}

#[test]
fn a_removed_device_can_be_added_back() {
    let mut log = group_with(&[(BOB, Role::Admin)]);
    register(&mut log, BOB, b"bob-1", 3);
    remove(&mut log, ALICE, BOB, 4);
    add(&mut log, ALICE, BOB, Role::Facilitator, 5);
    assert_eq!(log.role_of(&id(BOB)), Some(Role::Facilitator));
    assert_eq!(log.removal_of(&id(BOB)), None);
    assert_eq!(log.device_of_actor(b"bob-1"), Some(id(BOB)));
}

#[test]
fn operations_that_would_change_nothing_are_refused() {
    let mut log = group_with(&[(BOB, Role::Facilitator)]);
    let before = snapshot(&log);
    let twice = log.issue(
        &key(ALICE),
        Body::Add {
            device: id(BOB),
            role: Role::Admin,
            label: None,
        },
        at(5),
    );
    assert!(
        matches!(twice, Err(Error::AlreadyMember { .. })),
        "{twice:?}"
    );
    let unknown = log.issue(
        &key(ALICE),
        Body::Remove {
            device: id(CAROL),
            content_heads: vec![],
        },
        at(5),
    );
    assert!(
        matches!(unknown, Err(Error::UnknownMember { .. })),
        "{unknown:?}"
    );
    let same = log.issue(
        &key(ALICE),
        Body::ChangeRole {
            device: id(BOB),
            role: Role::Facilitator,
        },
        at(5),
    );
    assert!(
        matches!(
            same,
            Err(Error::SameRole {
                role: Role::Facilitator,
                ..
            })
        ),
        "{same:?}"
    );
    let genesis = log.issue(&key(ALICE), Body::Genesis { label: None }, at(5));
    assert!(
        matches!(genesis, Err(Error::GenesisWithParents)),
        "{genesis:?}"
    );
    assert_eq!(snapshot(&log), before);
}

#[test]
fn receiving_an_operation_twice_changes_nothing() {
    let mut alices = alices_log();
    let mut bobs = copy(&alices);
    let op = add(&mut alices, ALICE, BOB, Role::Facilitator, 1);
    assert_eq!(bobs.receive(op.clone()), Ok(Receipt::Accepted));
    let after_once = snapshot(&bobs);
    assert_eq!(bobs.receive(op.clone()), Ok(Receipt::Duplicate));
    assert_eq!(bobs.receive(genesis_of(&alices)), Ok(Receipt::Duplicate));
    let report = bobs.receive_all([op.clone(), op.clone()]);
    assert_eq!(report.duplicates, vec![op.hash(), op.hash()]);
    assert_eq!(snapshot(&bobs), after_once);
}
