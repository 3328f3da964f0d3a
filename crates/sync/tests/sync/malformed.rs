//! Malformed, truncated, oversized or garbage frames are refused; nothing changes, nothing
//! is sent back, and the engine keeps serving.

use comptoir_model::{GroupDoc, GroupId};
use comptoir_sync::wire::{self, Entry, Fragment};
use comptoir_sync::{Config, Docs, Effect, Engine, Input, SyncError};
use proptest::prelude::*;

use crate::fixture;

const MAX_FRAME: usize = 4096;

fn config() -> Config {
    Config {
        max_frame: MAX_FRAME,
        max_reassembly: 64 * 1024,
        ..Config::default()
    }
}

/// A device: its engine and the groups it holds.
struct Peer {
    engine: Engine,
    docs: Docs,
}

impl Peer {
    fn handle(&mut self, now: u64, input: Input) -> Vec<Effect> {
        self.engine.handle(now, &mut self.docs, input)
    }

    fn group(&self, id: &GroupId) -> &GroupDoc {
        self.docs.get(id).expect("group")
    }
}

/// peer-a holding a group shared with peer-b, connected to it; and peer-b's copy.
fn setup() -> (Peer, GroupDoc, GroupId) {
    let mut doc = fixture::group(21, &["peer-a", "peer-b"]);
    let id = doc.id().clone();
    let b_copy = fixture::copy(&mut doc, "peer-b");
    let mut a = Peer {
        engine: Engine::new("peer-a".into(), config()),
        docs: Docs::from([(id.clone(), doc)]),
    };
    a.handle(0, Input::PeerConnected("peer-b".into()));
    (a, b_copy, id)
}

fn heads(a: &mut Peer, id: &GroupId) -> Vec<automerge::ChangeHash> {
    a.docs.get_mut(id).expect("group").heads()
}

fn from_b(bytes: Vec<u8>) -> Input {
    Input::Received {
        from: "peer-b".into(),
        bytes,
    }
}

/// A frame peer-b would send with its change: a valid automerge message carrying it.
fn frame_with_a_change(b_copy: &mut GroupDoc, id: &GroupId) -> Vec<u8> {
    use automerge::sync::{State, SyncDoc};
    fixture::add_member(b_copy, 9, "Béatrice").expect("member");
    let mut doc = automerge::AutoCommit::load(&b_copy.save()).expect("b's copy");
    let mut state = State::new();
    let first = doc
        .sync()
        .generate_sync_message(&mut state)
        .expect("a first message");
    // Pretend peer-a answered with empty heads, so the next message carries every change.
    state.their_heads = Some(Vec::new());
    state.their_need = Some(Vec::new());
    state.their_have = Some(vec![automerge::sync::Have::default()]);
    state.in_flight = false;
    let message = doc
        .sync()
        .generate_sync_message(&mut state)
        .unwrap_or(first);
    wire::encode_batch(&[Entry {
        group: id.clone(),
        message: message.encode(),
        seals: comptoir_sync::wire::Sealed::None,
    }])
    .expect("frame")
}

/// A well-formed frame carrying `message` for `group`.
fn batch(group: &GroupId, message: Vec<u8>) -> Vec<u8> {
    wire::encode_batch(&[Entry {
        group: group.clone(),
        message,
        seals: comptoir_sync::wire::Sealed::None,
    }])
    .expect("frame")
}

#[test]
fn every_kind_of_bad_frame_is_refused_without_change_or_answer() {
    // 1. peer-a holds a group shared with peer-b, which is connected.
    let (mut a, mut b_copy, id) = setup();
    let before = heads(&mut a, &id);
    let good = frame_with_a_change(&mut b_copy, &id);
    let fragment = |index, count, payload: &[u8]| {
        wire::encode_fragment(&Fragment {
            message_id: 1,
            index,
            count,
            payload: payload.to_vec(),
        })
    };

    // 2. Each bad frame is refused with a reason, and only refused.
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("garbage", b"hello, is this the sync port?".to_vec()),
        ("wrong magic", [b"XX".as_slice(), &good[2..]].concat()),
        (
            "future version",
            [b"CS\x03".as_slice(), &good[3..]].concat(),
        ),
        (
            "unknown kind",
            [b"CS\x02\x07".as_slice(), &good[4..]].concat(),
        ),
        ("truncated", good[..good.len() - 1].to_vec()),
        ("trailing bytes", [good.as_slice(), b"\0"].concat()),
        ("oversized", [good.as_slice(), &vec![0; MAX_FRAME]].concat()),
        ("empty batch", b"CS\x02\x01\x00\x00".to_vec()),
        (
            "length past the end",
            batch(&id, Vec::new())[..wire::BATCH_HEADER + 16]
                .iter()
                .copied()
                .chain(u32::MAX.to_be_bytes())
                .collect(),
        ),
        (
            "seals past the end",
            batch(&id, Vec::new())[..wire::BATCH_HEADER + 16 + 4]
                .iter()
                .copied()
                .chain([2, 0, 0, 0, 1])
                .collect(),
        ),
        (
            "seals not matching the changes",
            wire::encode_batch(&[Entry {
                group: id.clone(),
                message: wire_message(&good),
                seals: comptoir_sync::wire::Sealed::Aligned(vec![
                    Some(comptoir_model::Seal([1; 64])),
                    None,
                ]),
            }])
            .expect("frame"),
        ),
        (
            "garbage sync message",
            batch(&id, b"not automerge".to_vec()),
        ),
        (
            "truncated sync message",
            batch(&id, {
                let m = wire_message(&good);
                m[..m.len() / 2].to_vec()
            }),
        ),
        (
            "corrupted change",
            batch(&id, {
                let mut m = wire_message(&good);
                let at = m.len() - 20;
                m[at] ^= 0xff;
                m
            }),
        ),
        ("single fragment", fragment(0, 1, b"x")),
        ("fragment index out of range", fragment(3, 3, b"x")),
        ("empty fragment", fragment(0, 2, b"")),
    ];
    for (what, bytes) in cases {
        let effects = a.handle(1, from_b(bytes));
        assert!(
            matches!(effects.as_slice(), [Effect::Refused { peer, .. }] if peer == "peer-b"),
            "{what}: {effects:?}"
        );
        assert_eq!(heads(&mut a, &id), before, "{what}");
    }

    // 3. Fragments that change their count, or that would pass the reassembly bound, too.
    a.handle(1, from_b(fragment(0, 3, b"a")));
    let effects = a.handle(1, from_b(fragment(1, 4, b"b")));
    assert!(matches!(
        effects.as_slice(),
        [Effect::Refused {
            reason: SyncError::BadFragment(_),
            ..
        }]
    ));
    let piece = vec![0; MAX_FRAME - wire::FRAGMENT_HEADER];
    let mut refused = false;
    for index in 0..100 {
        let frame = wire::encode_fragment(&Fragment {
            message_id: 2,
            index,
            count: 100,
            payload: piece.clone(),
        });
        refused |= a.handle(1, from_b(frame)).iter().any(|e| {
            matches!(
                e,
                Effect::Refused {
                    reason: SyncError::ReassemblyFull { .. },
                    ..
                }
            )
        });
    }
    assert!(refused);

    // 4. A frame from a peer that is not connected is refused too.
    let effects = a.handle(
        1,
        Input::Received {
            from: "peer-z".into(),
            bytes: good.clone(),
        },
    );
    assert_eq!(
        effects,
        [Effect::Refused {
            peer: "peer-z".into(),
            reason: SyncError::NotConnected
        }]
    );
    assert_eq!(heads(&mut a, &id), before);

    // 5. The engine still serves: the good frame is applied, and the group is to be stored.
    let effects = a.handle(2, from_b(good));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Changed { group } if group == &id)),
        "{effects:?}"
    );
    let doc = a.docs.get_mut(&id).expect("group");
    assert!(!doc.take_unsaved().is_empty(), "changes to store");
    assert_ne!(heads(&mut a, &id), before);
    assert_eq!(fixture::member_names(a.group(&id)), ["Béatrice"]);
}

/// The automerge message inside a one-entry batch.
fn wire_message(frame: &[u8]) -> Vec<u8> {
    match wire::decode(frame, usize::MAX) {
        Ok(wire::Frame::Batch(mut entries)) => entries.remove(0).message,
        other => panic!("not a batch: {other:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_are_refused(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let (mut a, _, id) = setup();
        let before = heads(&mut a, &id);
        let effects = a.handle(1, from_b(bytes));
        prop_assert!(matches!(effects.as_slice(), [Effect::Refused { .. }]), "{:?}", effects);
        prop_assert_eq!(heads(&mut a, &id), before);
    }

    #[test]
    fn a_mutated_frame_never_leaves_a_half_applied_document(
        at in any::<prop::sample::Index>(),
        xor in 1..=255u8,
    ) {
        // The frame carries peer-b's change: after a mutated copy, peer-a either holds what it
        // held, or exactly peer-b's document.
        let (mut a, mut b_copy, id) = setup();
        let mut frame = frame_with_a_change(&mut b_copy, &id);
        let before = a.group(&id).group().map(|g| serde_json::to_value(g).ok());
        let after_b = b_copy.group().map(|g| serde_json::to_value(g).ok());
        let i = at.index(frame.len());
        frame[i] ^= xor;
        a.handle(1, from_b(frame));
        let now = a.group(&id).group().map(|g| serde_json::to_value(g).ok());
        let now = now.expect("still readable");
        prop_assert!(Some(&now) == before.as_ref().ok() || Some(&now) == after_b.as_ref().ok(), "half-applied");
    }
}

#[test]
fn fragments_from_a_peer_that_shares_nothing_are_not_reassembled() {
    // 1. peer-a holds a group shared with peer-b only; a stranger connects.
    let (mut a, _b_copy, _id) = setup();
    a.handle(0, Input::PeerConnected("stranger".into()));
    // 2. The stranger sends the first fragment of a large message.
    let fragment = wire::encode_fragment(&Fragment {
        message_id: 1,
        index: 0,
        count: 2,
        payload: vec![0; 1024],
    });
    let effects = a.handle(
        1,
        Input::Received {
            from: "stranger".into(),
            bytes: fragment,
        },
    );
    // 3. It is refused at once (nothing is held for it) and nothing is sent back.
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::Refused { peer, reason: SyncError::NothingShared } if peer == "stranger"
    )));
    assert!(!effects.iter().any(|e| matches!(e, Effect::Send { .. })));
}

#[test]
fn a_peer_that_sends_too_much_in_a_minute_waits_for_the_next() {
    // 1. peer-a lets peer-b send three frames' worth a minute; peer-b sends two of garbage.
    let mut doc = fixture::group(21, &["peer-a", "peer-b"]);
    let id = doc.id().clone();
    let mut b_copy = fixture::copy(&mut doc, "peer-b");
    let good = frame_with_a_change(&mut b_copy, &id);
    let mut a = Peer {
        engine: Engine::new(
            "peer-a".into(),
            Config {
                max_bytes_per_minute: 3 * good.len() as u64 - 1,
                ..config()
            },
        ),
        docs: Docs::from([(id.clone(), doc)]),
    };
    a.handle(0, Input::PeerConnected("peer-b".into()));
    let before = heads(&mut a, &id);
    for now in [1, 2] {
        a.handle(now, from_b(vec![0; good.len()]));
    }

    // 2. Its good frame, past the budget, is refused unread — also after a reconnection.
    a.handle(3, Input::PeerDisconnected("peer-b".into()));
    a.handle(4, Input::PeerConnected("peer-b".into()));
    let effects = a.handle(5, from_b(good.clone()));
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::Refused {
                reason: SyncError::OverBudget { .. },
                ..
            }]
        ),
        "{effects:?}"
    );
    assert_eq!(heads(&mut a, &id), before);

    // 3. Once the minute is over, the same frame is applied.
    a.handle(60_001, from_b(good));
    assert_ne!(heads(&mut a, &id), before);
    assert_eq!(fixture::member_names(a.group(&id)), ["Béatrice"]);
}
