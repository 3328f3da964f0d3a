//! An invited device receives its group from the inviter; a group that does not name it, or
//! not its sender, or is another group, is refused and dropped.

use automerge::AutoCommit;
use automerge::sync::{State, SyncDoc};
use comptoir_model::{GroupDoc, GroupId};
use comptoir_sync::wire::{self, Entry, Frame};
use comptoir_sync::{Config, Docs, Effect, Engine, Input, SyncError};

use crate::fixture::{self, today};
use crate::sim::{Faults, Sim};

#[test]
fn an_invited_device_receives_its_group() {
    // 1. peer-a holds a group and grants peer-b (the invitation's acceptance).
    let mut sim = Sim::new(51, Config::default(), Faults::default());
    sim.add_peer("peer-a");
    sim.add_peer("peer-b");
    let mut doc = fixture::group(51, &["peer-a"]);
    fixture::add_member(&mut doc, 1, "Alice").expect("member");
    let id = doc.id().clone();
    sim.add_group("peer-a", doc);
    sim.edit("peer-a", &id, |d| {
        d.grant_device(
            "peer-b",
            comptoir_model::DeviceRole::Facilitator,
            None,
            "peer-a",
            today(),
        )
    });

    // 2. peer-b expects the group from peer-a; they connect.
    sim.expect_group("peer-b", &id, "peer-a");
    assert!(!sim.node("peer-b").held.contains_key(&id));
    sim.connect("peer-a", "peer-b");
    assert!(sim.run_until_quiet());

    // 3. peer-b received it, announced it once, stored it, and is in sync.
    let b = sim.node("peer-b");
    assert_eq!(
        b.count(|e| matches!(e, Effect::GroupReceived { group, from } if group == &id && from == "peer-a")),
        1
    );
    assert!(b.stored.contains_key(&id));
    assert!(b.engine.is_synced(&id, &"peer-a".into()));
    sim.assert_converged(&["peer-a", "peer-b"], &id);

    // 4. From now on it is an ordinary shared group, in both directions and across restarts.
    sim.edit("peer-b", &id, |d| fixture::add_member(d, 2, "Bruno"));
    assert!(sim.run_until_quiet());
    sim.restart("peer-b");
    sim.edit("peer-a", &id, |d| fixture::add_member(d, 3, "Chloé"));
    assert!(sim.run_until_quiet());
    sim.assert_converged(&["peer-a", "peer-b"], &id);
    let b = &sim.node("peer-b").held[&id];
    assert_eq!(fixture::member_names(b), ["Alice", "Bruno", "Chloé"]);
}

/// Plays a peer that sends `doc` as group `group` to peer-b, which expects it from "peer-r";
/// returns peer-b's engine, the groups it holds, and every effect of peer-b.
fn offer(doc: &mut GroupDoc, group: &GroupId) -> (Engine, Docs, Vec<Effect>) {
    let mut b = Engine::new("peer-b".into(), Config::default());
    let mut held = Docs::new();
    b.expect_group(&held, group.clone(), "peer-r".into());
    let mut log = Vec::new();
    let mut inbox = b.handle(0, &mut held, Input::PeerConnected("peer-r".into()));
    let mut state = State::new();
    // What the offering peer sends: its copy, as automerge sees it.
    let mut offered = AutoCommit::load(&doc.save()).expect("the offered copy");
    let doc = &mut offered;
    for _ in 0..20 {
        let mut answer = Vec::new();
        for effect in inbox.drain(..) {
            if let Effect::Send { bytes, .. } = &effect {
                let Ok(Frame::Batch(entries)) = wire::decode(bytes, usize::MAX) else {
                    panic!("a batch");
                };
                for entry in entries {
                    let message =
                        automerge::sync::Message::decode(&entry.message).expect("message");
                    doc.sync()
                        .receive_sync_message(&mut state, message)
                        .expect("received");
                }
            }
            log.push(effect);
        }
        if let Some(message) = doc.sync().generate_sync_message(&mut state) {
            answer.push(Entry {
                group: group.clone(),
                message: message.encode(),
                seals: comptoir_sync::wire::Sealed::None,
            });
        }
        if answer.is_empty() {
            break;
        }
        let bytes = wire::encode_batch(&answer).expect("frame");
        inbox = b.handle(
            1,
            &mut held,
            Input::Received {
                from: "peer-r".into(),
                bytes,
            },
        );
    }
    (b, held, log)
}

fn refused_as_not_invited(held: &Docs, log: &[Effect], group: &GroupId) {
    assert!(
        log.iter().any(|e| matches!(e, Effect::Refused { peer, reason: SyncError::NotInvited { group: g, .. } } if peer == "peer-r" && g == group)),
        "{log:?}"
    );
    assert!(!log.iter().any(|e| matches!(
        e,
        Effect::GroupReceived { .. } | Effect::Changed { .. } | Effect::SaveSyncState { .. }
    )));
    assert!(!held.contains_key(group));
}

#[test]
fn a_received_group_that_does_not_name_the_invitee_is_refused() {
    // 1. The sender's group lists only the sender.
    let mut doc = fixture::group(52, &["peer-r"]);
    let id = doc.id().clone();
    // 2. peer-b gets all of it, then checks it: refused, dropped.
    let (mut b, mut held, log) = offer(&mut doc, &id);
    refused_as_not_invited(&held, &log, &id);
    // 3. Anything more for that group is refused as not shared, and answered with nothing.
    let frame = wire::encode_batch(&[Entry {
        group: id.clone(),
        message: Vec::new(),
        seals: comptoir_sync::wire::Sealed::None,
    }])
    .expect("frame");
    let effects = b.handle(
        2,
        &mut held,
        Input::Received {
            from: "peer-r".into(),
            bytes: frame,
        },
    );
    assert_eq!(
        effects,
        [Effect::Refused {
            peer: "peer-r".into(),
            reason: SyncError::NotShared { group: id }
        }]
    );
}

#[test]
fn a_received_group_that_does_not_name_its_sender_is_refused() {
    // 1. The group lists peer-b, but not the device that sends it.
    let mut doc = fixture::group(53, &["peer-a", "peer-b"]);
    let id = doc.id().clone();
    // 2. peer-b refuses it.
    let (_, held, log) = offer(&mut doc, &id);
    refused_as_not_invited(&held, &log, &id);
}

#[test]
fn another_group_sent_under_the_expected_id_is_refused() {
    // 1. The sender sends a group listing both, but it is a different group.
    let mut doc = fixture::group(54, &["peer-r", "peer-b"]);
    let expected = GroupId::from_random([0x55; 16]);
    // 2. peer-b refuses it.
    let (_, held, log) = offer(&mut doc, &expected);
    refused_as_not_invited(&held, &log, &expected);
}
