//! A listed device gone hostile (a program holding its key) sends changes that would take the
//! group over or kill it: a forged concurrent copy, the profile deleted by its own registered
//! actor, a decompression bomb and an op bomb; and change after change whose dependencies never
//! come. The gate refuses each, and nothing changes.

use std::io::Read;

use automerge::{AutoCommit, ROOT, ReadDoc, transaction::Transactable};
use comptoir_model::GroupId;
use comptoir_net::Keypair;

use crate::rogue::{Rogue, forged_messages, sealed_batch, sealing_key, serving_with_b};
use crate::support::{Device, about};

/// Chunk layout (see `comptoir_sync`'s chunks): magic, checksum, type, length, data.
const MAGIC: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];
const COMPRESSED_CHANGE: u8 = 2;

fn uleb(mut value: u64, out: &mut Vec<u8>) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn deflate(bytes: impl Read) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::DeflateEncoder::new(bytes, flate2::Compression::best())
        .read_to_end(&mut out)
        .expect("deflated");
    out
}

/// A compressed change chunk whose data is `deflated`, with `checksum` in its header.
fn compressed_chunk(checksum: [u8; 4], deflated: &[u8]) -> Vec<u8> {
    let mut chunk = MAGIC.to_vec();
    chunk.extend_from_slice(&checksum);
    chunk.push(COMPRESSED_CHANGE);
    uleb(deflated.len() as u64, &mut chunk);
    chunk.extend_from_slice(deflated);
    chunk
}

/// B's copy of the group, written from now on with the actor B's `comptoir` registered.
fn as_b(b: &Device, group: &str) -> AutoCommit {
    let bytes = b.bytes(&["export", group, "--format", "automerge"]);
    let actor = comptoir_app::actor_of_slot(&b.peer_id(), 0).expect("B's actor");
    AutoCommit::load(&bytes)
        .expect("B's copy")
        .with_actor(actor)
}

/// A sync message carrying these change chunks (an opening message's heads and haves).
fn carrying(opening: &[u8], chunks: Vec<Vec<u8>>) -> Vec<u8> {
    let mut message = automerge::sync::Message::decode(opening).expect("a sync message");
    message.changes = chunks.into();
    message.encode()
}

#[test]
fn a_hostile_listed_device_can_neither_take_the_group_over_nor_kill_it() {
    // 1. A serves the group; B joined and wrote once (its actor is registered in the log).
    let (a, b, group, server, _) = serving_with_b();
    b.create(&["member", "add", &group, "--name", "Basile Kabongo"]);
    b.sync_ok(&server.address);
    let before = a.export(&group);
    assert_eq!(before, b.export(&group));
    let real = GroupId::new(group.clone());
    let bruno = b.peer_id();

    // 2. The messages: a forged copy of the group (same id, another name, unknown author)…
    let (opening, forged) = forged_messages(&real);
    // …the profile deleted, by B's own actor…
    let mut copy = as_b(&b, &group);
    copy.delete(ROOT, "profile").expect("deleted");
    copy.commit();
    let deletion = copy.get_last_local_change().expect("a change");
    let no_profile = carrying(&opening, vec![deletion.raw_bytes().to_vec()]);
    // …a change that inflates to 80 MB from 80 KB…
    let bomb = deflate(std::io::repeat(0).take(80 * 1024 * 1024));
    let decompression_bomb = carrying(&opening, vec![compressed_chunk([0; 4], &bomb)]);
    // …and a change of 1.1 million operations, compressed to a few kilobytes.
    let mut copy = as_b(&b, &group);
    let text = copy
        .put_object(ROOT, "bomb", automerge::ObjType::Text)
        .expect("a text");
    copy.splice_text(&text, 0, 0, &"a".repeat(1_100_000))
        .expect("spliced");
    copy.commit();
    let mut ops = copy.get_last_local_change().expect("a change");
    // Automerge itself stores so repetitive a change compressed: a few kilobytes.
    let chunk = ops.bytes().to_vec();
    assert_eq!(chunk[8], COMPRESSED_CHANGE, "a compressed change");
    assert!(chunk.len() < 64 * 1024, "{} bytes", chunk.len());
    let op_bomb = carrying(&opening, vec![chunk]);

    // 3. A program holding B's key sends them to A, one frame each.
    let key = std::fs::read(b.data_dir().join("device.key")).expect("B's key");
    let keypair = Keypair::from_protobuf_encoding(&key).expect("an Ed25519 key");
    let seals = sealing_key(&keypair);
    let hostile = Rogue::start(keypair, comptoir_net::Config::DEFAULT_MAX_MESSAGE_BYTES);
    let a_id = hostile.dial(&server.address);
    let cases = [
        ("the forged copy", forged, "by devices it does not name yet"),
        (
            "the profile deleted",
            no_profile,
            "the profile would be gone",
        ),
        (
            "the decompression bomb",
            decompression_bomb,
            "inflate to more than",
        ),
        ("the op bomb", op_bomb, "operations, more than the"),
    ];
    for (what, message, reason) in cases {
        let answer = hostile
            .send(a_id, sealed_batch(&[(&real, message)], &seals))
            .unwrap_or_else(|e| panic!("sending {what}: {e}"));
        assert!(answer.is_empty(), "A answered {what}");
        // 4. A refuses each, saying why, and its group is as it was. (Matched by its reason:
        //    B's own first change may have been refused once already, while B's registration
        //    was on its way.)
        server.wait_for(what, |e| {
            about(e, "refused", &bruno) && e["reason"].as_str().is_some_and(|r| r.contains(reason))
        });
        assert_eq!(a.export(&group), before, "A's group changed after {what}");
    }
    hostile.shutdown();

    // 5. The real B still syncs with A, and the two agree.
    b.create(&["member", "add", &group, "--name", "Chantal Mertens"]);
    b.sync_ok(&server.address);
    assert_eq!(a.export(&group), b.export(&group));
}

#[test]
fn changes_whose_dependencies_never_come_are_let_go() {
    // 1. A serves the group; B joined and wrote once.
    let (a, b, group, server, _) = serving_with_b();
    b.create(&["member", "add", &group, "--name", "Basile Kabongo"]);
    b.sync_ok(&server.address);
    let before = a.export(&group);
    let real = GroupId::new(group.clone());
    let bruno = b.peer_id();
    let (opening, _) = forged_messages(&real);

    // 2. A program holding B's key sends, message after message, a change of B's that depends
    //    on another change of B's it never sends: A has to keep each aside, waiting.
    let key = std::fs::read(b.data_dir().join("device.key")).expect("B's key");
    let keypair = Keypair::from_protobuf_encoding(&key).expect("an Ed25519 key");
    let seals = sealing_key(&keypair);
    let hostile = Rogue::start(keypair, comptoir_net::Config::DEFAULT_MAX_MESSAGE_BYTES);
    let a_id = hostile.dial(&server.address);
    let budget = comptoir_model::pending::MAX_WAITING_MESSAGES as usize;
    // One chain of B's changes, every other one never sent (each change of an actor needs the
    // next sequence number: automerge refuses a second change with the same one).
    let mut copy = as_b(&b, &group);
    for n in 0..=budget {
        copy.put(ROOT, "never_sent", n as i64).expect("a change");
        copy.commit();
        copy.put(ROOT, "waiting", n as i64).expect("a change");
        copy.commit();
        let waiting = copy.get_last_local_change().expect("a change");
        let message = carrying(&opening, vec![waiting.raw_bytes().to_vec()]);
        hostile
            .send(a_id, sealed_batch(&[(&real, message)], &seals))
            .unwrap_or_else(|e| panic!("sending message {n}: {e}"));
    }

    // 3. Past the budget A refuses the message, says why, and lets go of what waited; its
    //    group never changed.
    server.wait_for("the waiting changes let go", |e| {
        about(e, "refused", &bruno)
            && e["reason"]
                .as_str()
                .is_some_and(|r| r.contains("waiting for missing dependencies"))
    });
    assert_eq!(a.export(&group), before, "A's group changed");
    hostile.shutdown();

    // 4. The real B still syncs with A, and the two agree.
    b.create(&["member", "add", &group, "--name", "Chantal Mertens"]);
    b.sync_ok(&server.address);
    assert_eq!(a.export(&group), b.export(&group));
}

/// A listed device cannot write under another device's actor (actor ids are public: any export
/// shows them): without that device's seal, and with a seal of its own key, the change is
/// refused, and the group is as it was.
#[test]
fn a_listed_device_cannot_write_under_another_devices_actor() {
    // 1. A serves the group; B joined and wrote (its actor is registered); C joined too.
    let (a, b, group, server, _) = serving_with_b();
    b.create(&["member", "add", &group, "--name", "Basile Kabongo"]);
    b.sync_ok(&server.address);
    let c = Device::new();
    c.join(&a, &group, &server);
    let before = a.export(&group);
    let real = GroupId::new(group.clone());
    let chloe = c.peer_id();
    let (opening, _) = forged_messages(&real);

    // 2. A program holding C's key writes, under B's actor, a member in B's name.
    let mut copy = as_b(&b, &group);
    let members = match copy.get(ROOT, "members").expect("read") {
        Some((_, members)) => members,
        None => panic!("no members"),
    };
    copy.put(&members, "c0ffee000001", "Nom d'emprunt")
        .expect("a change");
    copy.commit();
    let change = copy.get_last_local_change().expect("a change");
    let message = carrying(&opening, vec![change.raw_bytes().to_vec()]);
    let key = std::fs::read(c.data_dir().join("device.key")).expect("C's key");
    let keypair = Keypair::from_protobuf_encoding(&key).expect("an Ed25519 key");
    let own_seal = sealing_key(&keypair);
    let hostile = Rogue::start(keypair, comptoir_net::Config::DEFAULT_MAX_MESSAGE_BYTES);
    let a_id = hostile.dial(&server.address);

    // 3. Unsealed, then sealed with C's own key: refused each time, as not B's.
    let sent = [
        crate::rogue::batch(&[(&real, message.clone())]),
        sealed_batch(&[(&real, message)], &own_seal),
    ];
    for (n, sent) in sent.into_iter().enumerate() {
        let answer = hostile.send(a_id, sent).expect("sent");
        assert!(answer.is_empty(), "A answered");
        server.wait_for_nth("the change under B's actor refused", n + 1, |e| {
            about(e, "refused", &chloe)
                && e["reason"]
                    .as_str()
                    .is_some_and(|r| r.contains("written by a device that may not write"))
        });
    }
    assert_eq!(a.export(&group), before, "A's group changed");
    hostile.shutdown();

    // 4. B and C still sync with A, and agree.
    c.create(&["member", "add", &group, "--name", "Chantal Mertens"]);
    c.sync_ok(&server.address);
    b.sync_ok(&server.address);
    assert_eq!(a.export(&group), b.export(&group));
}
