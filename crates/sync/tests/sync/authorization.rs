//! Only devices a group's access list names take part in its sync; others learn nothing.

use comptoir_model::{GroupId, Result};
use comptoir_sync::{Config, Docs, Effect, Engine, Input, SyncError, wire};

use crate::fixture::{self, today};
use crate::sim::{Faults, Sim};

/// Whether a frame names this group (in a batch, or anywhere in a fragment): the wire carries
/// an id as its 16 bytes; its hexadecimal text is looked for too.
fn mentions(bytes: &[u8], group: &GroupId) -> bool {
    let text = group.as_str().as_bytes();
    let raw: Vec<u8> = text
        .chunks(2)
        .filter_map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
        .collect();
    [text, raw.as_slice()]
        .iter()
        .any(|id| bytes.windows(id.len()).any(|w| w == *id))
}

#[test]
fn an_uninvited_peer_gets_nothing() {
    // 1. peer-a and peer-b share a group; peer-x is not in its access list.
    let mut sim = Sim::new(11, Config::default(), Faults::default());
    let mut doc = fixture::group(11, &["peer-a", "peer-b"]);
    let id = doc.id().clone();
    for peer in ["peer-a", "peer-b", "peer-x"] {
        sim.add_peer(peer);
    }
    let copy = fixture::copy(&mut doc, "peer-b");
    sim.add_group("peer-a", doc);
    sim.add_group("peer-b", copy);

    // 2. Everyone connects; peer-x even claims to expect the group from each of them.
    sim.connect_all();
    sim.expect_group("peer-x", &id, "peer-a");
    sim.run_until_quiet();
    sim.expect_group("peer-x", &id, "peer-b");
    sim.run_until_quiet();
    sim.edit("peer-a", &id, |d| fixture::add_member(d, 1, "Alice"));
    sim.run_until_quiet();
    sim.assert_converged(&["peer-a", "peer-b"], &id);

    // 3. Nothing was ever sent to peer-x, which stored and received nothing.
    assert!(sim.sent.iter().all(|p| p.to != "peer-x"));
    assert!(
        sim.sent
            .iter()
            .filter(|p| p.from == "peer-x")
            .all(|p| mentions(&p.bytes, &id))
    );
    let x = sim.node("peer-x");
    assert!(x.stored.is_empty());
    assert_eq!(
        x.count(|e| matches!(e, Effect::Changed { .. } | Effect::GroupReceived { .. })),
        0
    );
    assert!(x.held.is_empty());
    // peer-a and peer-b refused what peer-x sent.
    let refused = |peer: &str| {
        sim.node(peer).count(|e| {
            matches!(e, Effect::Refused { peer, reason: SyncError::NotShared { group } } if peer == "peer-x" && group == &id)
        })
    };
    assert!(refused("peer-a") > 0 && refused("peer-b") > 0);
}

#[test]
fn a_revoked_peer_gets_no_later_changes() {
    // 1. Three peers share a group and agree.
    let peers = ["peer-a", "peer-b", "peer-c"];
    let mut sim = Sim::new(12, Config::default(), Faults::default());
    let mut doc = fixture::group(12, &peers);
    let id = doc.id().clone();
    for peer in peers {
        sim.add_peer(peer);
        let copy = fixture::copy(&mut doc, peer);
        sim.add_group(peer, copy);
    }
    sim.connect_all();
    assert!(sim.run_until_quiet());

    // 2. peer-a revokes peer-c; peer-b learns of it from peer-a.
    let revoke = |d: &mut comptoir_model::GroupDoc| -> Result<()> {
        d.revoke_device("peer-c", "peer-a", today()).map(|_| ())
    };
    sim.edit("peer-a", &id, revoke);
    let revoked_at = sim.sent.len();
    sim.run_until_quiet();
    assert!(!sim.node("peer-b").shares(&id, "peer-c"));

    // 3. Later changes on peer-a and peer-b reach each other, never peer-c.
    sim.edit("peer-a", &id, |d| {
        fixture::add_member(d, 1, "Après la révocation")
    });
    sim.edit("peer-b", &id, |d| fixture::add_member(d, 2, "Aussi après"));
    sim.run_until_quiet();
    sim.assert_converged(&["peer-a", "peer-b"], &id);
    assert!(sim.sent[revoked_at..].iter().all(|p| p.to != "peer-c"));
    let c = &sim.node("peer-c").held[&id];
    assert!(fixture::member_names(c).is_empty());

    // 4. What peer-c writes now is never applied by the others.
    sim.edit("peer-c", &id, |d| fixture::add_member(d, 3, "Intrus"));
    sim.run_until_quiet();
    let a = &sim.node("peer-a").held[&id];
    assert_eq!(
        fixture::member_names(a),
        ["Après la révocation", "Aussi après"]
    );
}

/// "peer-a", holding `groups`, connected to "peer-x", which asks: its engine and its groups.
fn engine_with(groups: Vec<comptoir_model::GroupDoc>) -> (Engine, Docs) {
    let mut a = Engine::new("peer-a".into(), Config::default());
    let mut docs: Docs = groups.into_iter().map(|d| (d.id().clone(), d)).collect();
    a.handle(0, &mut docs, Input::PeerConnected("peer-x".into()));
    (a, docs)
}

/// What "peer-x" sends when it claims to expect `group` from "peer-a".
fn request_for(group: &GroupId) -> Vec<u8> {
    let mut x = Engine::new("peer-x".into(), Config::default());
    let mut docs = Docs::new();
    x.expect_group(&docs, group.clone(), "peer-a".into());
    let effects = x.handle(0, &mut docs, Input::PeerConnected("peer-a".into()));
    match effects.as_slice() {
        [Effect::Send { bytes, .. }] => bytes.clone(),
        other => panic!("expected one frame, got {other:?}"),
    }
}

#[test]
fn asking_for_a_group_never_given_gets_no_answer() {
    // 1. peer-a holds one group peer-x may not sync; peer-x asks for it and for a group id
    //    that does not exist.
    let held = fixture::group(13, &["peer-a", "peer-b"]);
    let held_id = held.id().clone();
    let unknown_id = GroupId::from_random([0xee; 16]);
    let (mut a, mut a_docs) = engine_with(vec![held]);

    // 2. Neither request gets any frame back; both are refused alike.
    let unknown = a.handle(
        1,
        &mut a_docs,
        Input::Received {
            from: "peer-x".into(),
            bytes: request_for(&unknown_id),
        },
    );
    let unauthorized = a.handle(
        1,
        &mut a_docs,
        Input::Received {
            from: "peer-x".into(),
            bytes: request_for(&held_id),
        },
    );
    assert_eq!(
        unknown,
        [Effect::Refused {
            peer: "peer-x".into(),
            reason: SyncError::NotShared { group: unknown_id }
        }]
    );
    assert_eq!(
        unauthorized,
        [Effect::Refused {
            peer: "peer-x".into(),
            reason: SyncError::NotShared {
                group: held_id.clone()
            }
        }]
    );

    // 3. Time passing sends nothing to peer-x either.
    for t in 1..20 {
        let effects = a.handle(t * 10_000, &mut a_docs, Input::Tick);
        assert!(effects.iter().all(|e| !matches!(e, Effect::Send { .. })));
    }

    // 4. A frame naming the group beside a group peer-x may sync is answered for that group only.
    let mut shared = fixture::group(14, &["peer-a", "peer-x"]);
    let shared_id = shared.id().clone();
    let x_copy = fixture::copy(&mut shared, "peer-x");
    let (mut a, mut a_docs) = engine_with(vec![fixture::group(13, &["peer-a", "peer-b"]), shared]);
    let mut x = Engine::new("peer-x".into(), Config::default());
    let mut x_docs = Docs::from([(shared_id.clone(), x_copy)]);
    x.expect_group(&x_docs, held_id.clone(), "peer-a".into());
    let frames: Vec<Vec<u8>> = x
        .handle(0, &mut x_docs, Input::PeerConnected("peer-a".into()))
        .into_iter()
        .filter_map(|e| match e {
            Effect::Send { bytes, .. } => Some(bytes),
            _ => None,
        })
        .collect();
    assert_eq!(frames.len(), 1, "both groups in one frame");
    let answer = a.handle(
        1,
        &mut a_docs,
        Input::Received {
            from: "peer-x".into(),
            bytes: frames[0].clone(),
        },
    );
    for effect in &answer {
        if let Effect::Send { bytes, .. } = effect {
            assert!(!mentions(bytes, &held_id));
            assert!(
                matches!(wire::decode(bytes, usize::MAX), Ok(wire::Frame::Batch(e)) if e.iter().all(|e| e.group == shared_id))
            );
        }
    }
    assert!(answer.iter().any(|e| matches!(e, Effect::Refused { reason: SyncError::NotShared { group }, .. } if group == &held_id)));
}

#[test]
fn a_device_the_membership_log_leaves_out_is_not_synced_with_even_if_the_access_list_names_it() {
    // 1. Three peers share a group by its access list, and are up to date.
    let mut sim = Sim::new(17, Config::default(), Faults::default());
    let mut doc = fixture::group(17, &["peer-a", "peer-b", "peer-c"]);
    let id = doc.id().clone();
    for peer in ["peer-a", "peer-b", "peer-c"] {
        sim.add_peer(peer);
        let copy = fixture::copy(&mut doc, peer);
        sim.add_group(peer, copy);
    }
    sim.connect_all();
    assert!(sim.run_until_quiet());

    // 2. The group's membership log, as peer-a and peer-b hold it, no longer lists peer-c
    //    (it was removed); peer-c's own copy of the access list still names everyone.
    let members: std::collections::BTreeSet<_> = ["peer-a", "peer-b"].map(Into::into).into();
    for peer in ["peer-a", "peer-b"] {
        sim.node_mut(peer)
            .engine
            .set_members(id.clone(), Some(members.clone()));
    }

    // 3. peer-a's next change reaches peer-b only; peer-c's changes reach no one.
    let sent_before = sim.sent.len();
    sim.edit("peer-a", &id, |d| fixture::add_member(d, 1, "Alice"));
    sim.edit("peer-c", &id, |d| fixture::add_member(d, 2, "Claude"));
    sim.run_until_quiet();
    sim.assert_converged(&["peer-a", "peer-b"], &id);
    assert_eq!(
        fixture::member_names(&sim.node("peer-b").held[&id]),
        ["Alice"]
    );
    assert_eq!(
        fixture::member_names(&sim.node("peer-c").held[&id]),
        ["Claude"]
    );
    assert!(
        sim.sent[sent_before..].iter().all(|p| p.to != "peer-c"),
        "something was sent to peer-c"
    );
}
