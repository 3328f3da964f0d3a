//! Operations made without seeing each other: mutual removals, removals that must hold against
//! relays, demotions, and a group that always keeps an admin — the same on every device,
//! whatever the order of arrival.

use comptoir_authority::{Body, Log, Operation, Receipt, Role};

use crate::fixture::*;

/// Every order of delivering `ops` to a fresh log gives the same result; returns one such log.
fn in_every_order(genesis: &Operation, ops: &[Operation]) -> Log {
    let mut orders: Vec<Vec<Operation>> = vec![ops.to_vec(), ops.iter().rev().cloned().collect()];
    for rotation in 1..ops.len() {
        let mut rotated = ops.to_vec();
        rotated.rotate_left(rotation);
        orders.push(rotated);
    }
    let logs: Vec<Log> = orders
        .into_iter()
        .map(|order| fresh_with(genesis, order))
        .collect();
    assert_same(&logs.iter().collect::<Vec<_>>());
    for log in &logs {
        assert_eq!(log.pending_len(), 0);
    }
    logs.into_iter().next().expect("one log")
}

fn all_ops(log: &Log) -> Vec<Operation> {
    log.ops().skip(1).cloned().collect()
}

#[test]
fn two_admins_removing_each_other_the_senior_wins_in_any_order() {
    let mut alices = group_with(&[(BOB, Role::Admin), (CAROL, Role::Admin)]);
    let mut bobs = copy(&alices);
    let mut carols = copy(&alices);
    // Bob (added before Carol) and Carol remove each other; neither knows.
    let bob_removes_carol = remove(&mut bobs, BOB, CAROL, 10);
    let carol_removes_bob = remove(&mut carols, CAROL, BOB, 10);
    // Carol also adds Dan before she hears anything.
    add(&mut carols, CAROL, DAN, Role::Facilitator, 11);
    sync(&bobs, &mut alices);
    sync(&carols, &mut alices);
    sync(&alices, &mut bobs);
    sync(&alices, &mut carols);
    assert_same(&[&alices, &bobs, &carols]);
    let log = in_every_order(&genesis_of(&alices), &all_ops(&alices));
    assert_same(&[&log, &alices]);
    assert_eq!(log.role_of(&id(BOB)), Some(Role::Admin));
    assert_eq!(log.role_of(&id(CAROL)), None);
    assert_eq!(
        log.role_of(&id(DAN)),
        None,
        "Carol's concurrent Add fell with her"
    );
    assert_eq!(log.is_effective(&bob_removes_carol.hash()), Some(true));
    assert_eq!(log.is_effective(&carol_removes_bob.hash()), Some(false));
    assert_eq!(log.heads().len(), 2, "both branches are kept");
}

#[test]
fn the_creator_wins_a_mutual_removal() {
    let mut alices = group_with(&[(BOB, Role::Admin)]);
    let mut bobs = copy(&alices);
    remove(&mut alices, ALICE, BOB, 10);
    remove(&mut bobs, BOB, ALICE, 10);
    let ops: Vec<Operation> = all_ops(&alices).into_iter().chain(all_ops(&bobs)).collect();
    let log = in_every_order(&genesis_of(&alices), &dedup(ops));
    assert_eq!(log.role_of(&id(ALICE)), Some(Role::Admin));
    assert_eq!(log.role_of(&id(BOB)), None);
}

fn dedup(ops: Vec<Operation>) -> Vec<Operation> {
    let mut seen = std::collections::HashSet::new();
    ops.into_iter()
        .filter(|op| seen.insert(op.hash()))
        .collect()
}

#[test]
fn a_removal_holds_against_relays() {
    // Alice, Bob and Carol are admins. Alice removes Bob. Not knowing it, Bob adds Dan, Dan adds
    // Erin, Bob registers an actor; Carol (the relay) hears all that from Bob before she hears
    // of the removal, and meanwhile adds Frank herself.
    let mut alices = group_with(&[(BOB, Role::Admin), (CAROL, Role::Admin)]);
    let mut bobs = copy(&alices);
    let mut carols = copy(&alices);
    let removal = remove(&mut alices, ALICE, BOB, 10);
    let bob_adds_dan = add(&mut bobs, BOB, DAN, Role::Admin, 11);
    let dan_adds_erin = add(&mut bobs, DAN, ERIN, Role::Facilitator, 12);
    register(&mut bobs, BOB, b"bob-after", 13);
    sync(&bobs, &mut carols);
    assert_eq!(
        carols.role_of(&id(ERIN)),
        Some(Role::Facilitator),
        "Carol has not heard yet"
    );
    let carol_adds_frank = add(&mut carols, CAROL, FRANK, Role::Facilitator, 14);

    // Alice hears Bob's operations only through Carol, after the removal.
    let report = sync(&carols, &mut alices);
    assert!(report.refused.is_empty(), "kept for causality: {report:?}");
    sync(&alices, &mut carols);
    assert_same(&[&alices, &carols]);
    for log in [&alices, &carols] {
        assert_eq!(log.role_of(&id(BOB)), None);
        assert_eq!(log.role_of(&id(DAN)), None);
        assert_eq!(log.role_of(&id(ERIN)), None);
        assert_eq!(log.device_of_actor(b"bob-after"), None);
        assert_eq!(log.is_effective(&bob_adds_dan.hash()), Some(false));
        assert_eq!(log.is_effective(&dan_adds_erin.hash()), Some(false));
        // Carol's own Add, made on top of what Bob relayed, stands.
        assert_eq!(log.role_of(&id(FRANK)), Some(Role::Facilitator));
        assert_eq!(log.is_effective(&carol_adds_frank.hash()), Some(true));
        assert_eq!(log.is_effective(&removal.hash()), Some(true));
    }
    in_every_order(&genesis_of(&alices), &all_ops(&alices));

    // Dan, added by Bob's voided Add, is no member: what he signs now is refused outright.
    let dans = Operation::sign(
        &key(DAN),
        &group(),
        alices.heads(),
        Body::RegisterActor { actor: vec![4; 16] },
        at(20),
    )
    .expect("signed");
    assert!(alices.receive(dans).is_err());
}

#[test]
fn a_removed_device_s_old_actors_stay_its_own() {
    let mut alices = group_with(&[(BOB, Role::Facilitator)]);
    register(&mut alices, BOB, b"bob-before", 2);
    let mut bobs = copy(&alices);
    remove(&mut alices, ALICE, BOB, 3);
    register(&mut bobs, BOB, b"bob-concurrent", 3);
    sync(&bobs, &mut alices);
    assert_eq!(alices.device_of_actor(b"bob-before"), Some(id(BOB)));
    assert_eq!(alices.device_of_actor(b"bob-concurrent"), None);
    assert_eq!(
        alices.removal_of(&id(BOB)).map(|r| r.content_heads.clone()),
        Some(vec![[3; 32]])
    );
}

#[test]
fn a_junior_admin_s_removal_voids_the_concurrent_removals_its_target_made() {
    // Dan (the most junior admin) removes Carol while Carol removes Bob: Carol's removal of Bob
    // falls with her, whatever their seniority, since it is not a mutual conflict.
    let mut alices = group_with(&[(BOB, Role::Admin), (CAROL, Role::Admin), (DAN, Role::Admin)]);
    let mut carols = copy(&alices);
    let mut dans = copy(&alices);
    remove(&mut dans, DAN, CAROL, 10);
    remove(&mut carols, CAROL, BOB, 10);
    sync(&carols, &mut alices);
    sync(&dans, &mut alices);
    let log = in_every_order(&genesis_of(&alices), &all_ops(&alices));
    assert_eq!(log.role_of(&id(CAROL)), None);
    assert_eq!(log.role_of(&id(BOB)), Some(Role::Admin));
    assert_eq!(log.role_of(&id(DAN)), Some(Role::Admin));
}

#[test]
fn concurrent_demotions_of_the_last_two_admins_keep_one() {
    let mut alices = group_with(&[(BOB, Role::Admin)]);
    let mut bobs = copy(&alices);
    change_role(&mut alices, ALICE, ALICE, Role::Facilitator, 10);
    change_role(&mut bobs, BOB, BOB, Role::Facilitator, 10);
    sync(&bobs, &mut alices);
    let log = in_every_order(&genesis_of(&alices), &all_ops(&alices));
    // Alice's (the senior) is decided first and holds; Bob's would leave no admin.
    assert_eq!(log.role_of(&id(ALICE)), Some(Role::Facilitator));
    assert_eq!(log.role_of(&id(BOB)), Some(Role::Admin));
}

#[test]
fn concurrent_departures_of_the_last_two_admins_keep_one() {
    let mut alices = group_with(&[(BOB, Role::Admin), (CAROL, Role::Facilitator)]);
    let mut bobs = copy(&alices);
    remove(&mut alices, ALICE, ALICE, 10);
    remove(&mut bobs, BOB, BOB, 10);
    sync(&bobs, &mut alices);
    let log = in_every_order(&genesis_of(&alices), &all_ops(&alices));
    let admins: Vec<_> = log
        .members()
        .filter(|(d, _)| log.is_admin(d))
        .map(|(d, _)| d)
        .collect();
    assert_eq!(admins, vec![id(BOB)]);
}

#[test]
fn a_demotion_voids_the_concurrent_operations_that_needed_the_lost_role() {
    let mut alices = group_with(&[(BOB, Role::Admin)]);
    let mut bobs = copy(&alices);
    change_role(&mut alices, ALICE, BOB, Role::Facilitator, 10);
    let bob_adds = add(&mut bobs, BOB, CAROL, Role::Facilitator, 11);
    let bob_registers = register(&mut bobs, BOB, b"bob-actor", 12);
    sync(&bobs, &mut alices);
    let log = in_every_order(&genesis_of(&alices), &all_ops(&alices));
    assert_eq!(log.role_of(&id(BOB)), Some(Role::Facilitator));
    assert_eq!(log.is_effective(&bob_adds.hash()), Some(false));
    assert_eq!(log.role_of(&id(CAROL)), None);
    // A facilitator still writes, so its actor registration stands.
    assert_eq!(log.is_effective(&bob_registers.hash()), Some(true));
    assert_eq!(log.device_of_actor(b"bob-actor"), Some(id(BOB)));
}

#[test]
fn concurrent_additions_and_role_changes_of_one_device_agree_everywhere() {
    let mut alices = group_with(&[(BOB, Role::Admin), (DAN, Role::Facilitator)]);
    let mut bobs = copy(&alices);
    add(&mut alices, ALICE, CAROL, Role::Admin, 10);
    add(&mut bobs, BOB, CAROL, Role::Federation, 10);
    change_role(&mut alices, ALICE, DAN, Role::Admin, 11);
    change_role(&mut bobs, BOB, DAN, Role::Federation, 11);
    sync(&bobs, &mut alices);
    let log = in_every_order(&genesis_of(&alices), &all_ops(&alices));
    assert!(log.role_of(&id(CAROL)).is_some());
    assert!(log.role_of(&id(DAN)).is_some());
}

#[test]
fn an_operation_waits_for_its_parents_then_is_judged() {
    let mut alices = group_with(&[(BOB, Role::Admin)]);
    let mut fresh = Log::from_genesis(genesis_of(&alices)).expect("a genesis");
    let later = add(&mut alices, BOB, CAROL, Role::Facilitator, 5);
    assert_eq!(fresh.receive(later.clone()), Ok(Receipt::Pending));
    assert_eq!((fresh.pending_len(), fresh.len()), (1, 1));
    assert_eq!(fresh.role_of(&id(CAROL)), None);
    let report = sync(&alices, &mut fresh);
    assert_eq!(report.accepted.last(), Some(&later.hash()));
    assert_eq!(fresh.pending_len(), 0);
    assert_same(&[&fresh, &alices]);
}

#[test]
fn a_revocation_whose_authority_is_voided_is_dropped_and_undone() {
    // Seniority: Alice, Bob, Carol, Dan, Erin. Erin removes Bob; concurrently Bob makes Carol an
    // admin and Carol, now admin, removes Dan. Carol is senior to Erin, so her removal of Dan is
    // decided first and holds — until Erin's removal of Bob voids Carol's promotion: then
    // Carol's removal had no authority, is dropped, and Dan stays.
    let mut alices = group_with(&[
        (BOB, Role::Admin),
        (CAROL, Role::Facilitator),
        (DAN, Role::Admin),
        (ERIN, Role::Admin),
    ]);
    let mut erins = copy(&alices);
    let mut bobs = copy(&alices);
    let erin_removes_bob = remove(&mut erins, ERIN, BOB, 10);
    let promotion = change_role(&mut bobs, BOB, CAROL, Role::Admin, 11);
    let carol_removes_dan = remove(&mut bobs, CAROL, DAN, 12);
    assert_eq!(bobs.role_of(&id(DAN)), None, "as Bob's device saw it");
    sync(&erins, &mut alices);
    sync(&bobs, &mut alices);
    let log = in_every_order(&genesis_of(&alices), &all_ops(&alices));
    assert_eq!(log.role_of(&id(BOB)), None);
    assert_eq!(log.role_of(&id(CAROL)), Some(Role::Facilitator));
    assert_eq!(log.role_of(&id(DAN)), Some(Role::Admin));
    assert_eq!(log.is_effective(&erin_removes_bob.hash()), Some(true));
    assert_eq!(log.is_effective(&promotion.hash()), Some(false));
    assert_eq!(log.is_effective(&carol_removes_dan.hash()), Some(false));
}

#[test]
fn mutual_conflicts_tied_in_a_cycle_resolve_the_same_everywhere() {
    // Seniority: Alice, Bob, Carol, Dan, Erin. Two mutual conflicts, Dan–Bob and Erin–Carol,
    // tied by what each side had seen: Carol removes Erin after seeing Dan remove Bob; Bob
    // removes Dan after seeing Erin remove Carol. "Senior first" cannot hold for both; the
    // most senior of the revocations that nothing decided waits for goes first (Dan's).
    let mut alices = group_with(&[
        (BOB, Role::Admin),
        (CAROL, Role::Admin),
        (DAN, Role::Admin),
        (ERIN, Role::Admin),
    ]);
    let (mut bobs, mut carols, mut dans, mut erins) =
        (copy(&alices), copy(&alices), copy(&alices), copy(&alices));
    let dan_removes_bob = remove(&mut dans, DAN, BOB, 10);
    let erin_removes_carol = remove(&mut erins, ERIN, CAROL, 10);
    carols.receive(dan_removes_bob.clone()).expect("received");
    let carol_removes_erin = remove(&mut carols, CAROL, ERIN, 11);
    bobs.receive(erin_removes_carol.clone()).expect("received");
    let bob_removes_dan = remove(&mut bobs, BOB, DAN, 11);
    for log in [&bobs, &carols, &dans, &erins] {
        sync(log, &mut alices);
    }
    let log = in_every_order(&genesis_of(&alices), &all_ops(&alices));
    assert_eq!(log.is_effective(&dan_removes_bob.hash()), Some(true));
    assert_eq!(log.is_effective(&carol_removes_erin.hash()), Some(true));
    assert_eq!(log.is_effective(&bob_removes_dan.hash()), Some(false));
    assert_eq!(log.is_effective(&erin_removes_carol.hash()), Some(false));
    assert_eq!(
        (
            log.role_of(&id(BOB)),
            log.role_of(&id(CAROL)),
            log.role_of(&id(DAN)),
            log.role_of(&id(ERIN))
        ),
        (None, Some(Role::Admin), Some(Role::Admin), None)
    );
}

#[test]
fn a_voided_add_gives_no_seniority() {
    // Bob, removed, "adds" Erin concurrently with his removal: voided, however early it looks.
    // Alice later adds Dan, then Erin for real. When Dan and Erin remove each other, Dan (added
    // first for real) wins.
    let mut alices = group_with(&[(BOB, Role::Admin)]);
    let mut bobs = copy(&alices);
    remove(&mut alices, ALICE, BOB, 10);
    let voided = add(&mut bobs, BOB, ERIN, Role::Admin, 10);
    sync(&bobs, &mut alices);
    assert_eq!(alices.is_effective(&voided.hash()), Some(false));
    add(&mut alices, ALICE, DAN, Role::Admin, 11);
    add(&mut alices, ALICE, ERIN, Role::Admin, 12);
    let mut dans = copy(&alices);
    let mut erins = copy(&alices);
    remove(&mut dans, DAN, ERIN, 13);
    remove(&mut erins, ERIN, DAN, 13);
    sync(&dans, &mut alices);
    sync(&erins, &mut alices);
    let log = in_every_order(&genesis_of(&alices), &all_ops(&alices));
    assert_eq!(log.role_of(&id(DAN)), Some(Role::Admin));
    assert_eq!(log.role_of(&id(ERIN)), None);
}

#[test]
fn a_revocation_voided_by_a_later_decided_one_voids_nothing() {
    // Bob removes Carol while Dan (junior to Bob) removes Bob, and Carol meanwhile registers an
    // actor. Bob's removal is decided first, but Dan's voids it (Bob's concurrent operations
    // fall with him): Carol stays, and so does everything she did.
    let mut alices = group_with(&[(BOB, Role::Admin), (CAROL, Role::Admin), (DAN, Role::Admin)]);
    let (mut bobs, mut carols, mut dans) = (copy(&alices), copy(&alices), copy(&alices));
    let bob_removes_carol = remove(&mut bobs, BOB, CAROL, 10);
    let dan_removes_bob = remove(&mut dans, DAN, BOB, 10);
    let carol_registers = register(&mut carols, CAROL, b"carol-actor", 10);
    for log in [&bobs, &carols, &dans] {
        sync(log, &mut alices);
    }
    let log = in_every_order(&genesis_of(&alices), &all_ops(&alices));
    assert_eq!(log.is_effective(&dan_removes_bob.hash()), Some(true));
    assert_eq!(log.is_effective(&bob_removes_carol.hash()), Some(false));
    assert_eq!(log.role_of(&id(BOB)), None);
    assert_eq!(log.role_of(&id(CAROL)), Some(Role::Admin));
    assert_eq!(log.is_effective(&carol_registers.hash()), Some(true));
    assert_eq!(log.device_of_actor(b"carol-actor"), Some(id(CAROL)));
}
