//! What to send a peer, and the budgets that bound what a log keeps.

use comptoir_authority::{
    Body, Error, Log, MAX_OPS, MAX_PENDING, OpHash, Operation, Receipt, Role,
};

use crate::fixture::*;

fn hashes(ops: Vec<&Operation>) -> Vec<OpHash> {
    ops.into_iter().map(Operation::hash).collect()
}

#[test]
fn a_peer_is_sent_what_its_heads_do_not_cover() {
    let mut log = group_with(&[(BOB, Role::Admin)]);
    let all: Vec<OpHash> = log.ops().map(Operation::hash).collect();
    let middle = log.heads();
    let third = add(&mut log, ALICE, CAROL, Role::Facilitator, 5);
    let fourth = register(&mut log, CAROL, b"carol", 6);

    assert!(log.ops_missing_for(&log.heads()).is_empty());
    assert_eq!(
        hashes(log.ops_missing_for(&middle)),
        vec![third.hash(), fourth.hash()]
    );
    assert_eq!(hashes(log.ops_missing_for(&[log.genesis()])), {
        let mut rest = all[1..].to_vec();
        rest.extend([third.hash(), fourth.hash()]);
        rest
    });
    // Heads this log does not know: everything, parents first.
    let unknown = OpHash::from_bytes([0xab; 32]);
    let everything = hashes(log.ops_missing_for(&[unknown]));
    assert_eq!(everything.len(), log.len());
    assert_eq!(everything[0], log.genesis());
    // A known head beside an unknown one: what the known one does not cover.
    assert_eq!(
        hashes(log.ops_missing_for(&[unknown, third.hash()])),
        vec![fourth.hash()]
    );
}

#[test]
fn a_peer_with_another_branch_gets_only_ours() {
    let mut alices = group_with(&[(BOB, Role::Admin)]);
    let mut bobs = copy(&alices);
    let hers = add(&mut alices, ALICE, CAROL, Role::Facilitator, 5);
    let his = add(&mut bobs, BOB, DAN, Role::Facilitator, 5);
    // Bob's head is unknown to Alice, so she cannot tell what he holds and sends everything;
    // Bob takes only what is new to him.
    assert_eq!(alices.ops_missing_for(&bobs.heads()).len(), alices.len());
    let report = sync(&alices, &mut bobs);
    assert_eq!(report.accepted, vec![hers.hash()]);
    assert_eq!(report.duplicates.len(), alices.len() - 1);
    sync(&bobs, &mut alices);
    assert_same(&[&alices, &bobs]);
    let mut heads = vec![hers.hash(), his.hash()];
    heads.sort();
    assert_eq!(alices.heads(), heads);
}

#[test]
fn at_most_max_pending_operations_wait_for_their_parents() {
    let mut source = alices_log();
    let ops: Vec<Operation> = (0..=MAX_PENDING + 1)
        .map(|n| {
            let actor = (n as u32).to_be_bytes().to_vec();
            source
                .issue(&key(ALICE), Body::RegisterActor { actor }, at(n as i64))
                .expect("an actor")
        })
        .collect();
    let mut log = Log::from_genesis(genesis_of(&source)).expect("a genesis");
    // Everything but the first: each waits for the one before.
    for op in &ops[1..=MAX_PENDING] {
        assert_eq!(log.receive(op.clone()), Ok(Receipt::Pending));
    }
    let over = log.receive(ops[MAX_PENDING + 1].clone());
    assert_eq!(over, Err(Error::PendingFull { max: MAX_PENDING }));
    assert_eq!((log.len(), log.pending_len()), (1, MAX_PENDING));
    // The missing one arrives: all that waited are taken, and the refused one can come again.
    let report = log.receive_all([ops[0].clone(), ops[MAX_PENDING + 1].clone()]);
    assert_eq!(report.accepted.len(), MAX_PENDING + 2);
    assert_eq!((log.len(), log.pending_len()), (MAX_PENDING + 3, 0));
    assert_same(&[&log, &source]);
}

#[test]
fn a_log_holds_at_most_max_ops_operations() {
    let mut log = alices_log();
    for n in 1..MAX_OPS {
        let actor = (n as u32).to_be_bytes().to_vec();
        log.issue(&key(ALICE), Body::RegisterActor { actor }, at(n as i64))
            .expect("within the budget");
    }
    assert_eq!(log.len(), MAX_OPS);
    let over = log.issue(
        &key(ALICE),
        Body::RegisterActor {
            actor: vec![0xff; 8],
        },
        at(0),
    );
    assert_eq!(over, Err(Error::LogFull { max: MAX_OPS }));
    assert_eq!(log.len(), MAX_OPS);
}

#[test]
fn what_waits_for_a_refused_operation_is_dropped_with_it() {
    let mut alices = group_with(&[(BOB, Role::Facilitator)]);
    let heads = alices.heads();
    // Bob, a facilitator, "adds" Carol; Carol then registers an actor on top of that.
    let forged = Operation::sign(
        &key(BOB),
        &group(),
        heads,
        Body::Add {
            device: id(CAROL),
            role: Role::Admin,
            label: None,
        },
        at(5),
    )
    .expect("signed");
    let on_top = Operation::sign(
        &key(CAROL),
        &group(),
        vec![forged.hash()],
        Body::RegisterActor { actor: vec![3; 16] },
        at(6),
    )
    .expect("signed");
    assert_eq!(alices.receive(on_top), Ok(Receipt::Pending));
    assert_eq!(alices.pending_len(), 1);
    assert!(matches!(
        alices.receive(forged),
        Err(Error::NotAdmin { .. })
    ));
    assert_eq!(alices.pending_len(), 0);
}
