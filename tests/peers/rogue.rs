//! A rogue peer, written here with `comptoir-net`, connects to a serving device and sends it
//! frames for groups it may not sync, then garbage of every kind: it learns nothing, and the
//! device keeps serving its invited peers with its group unchanged.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use automerge::sync::{State, SyncDoc};
use comptoir_app::invitation::InvitationCode;
use comptoir_model::{ActorId, GroupDoc, GroupId, GroupKind, Profile};
use comptoir_net::{Client, Config, Keypair, NetError, NetEvent, PeerId, Protocol};
use comptoir_sync::wire::{self, Entry, Fragment};
use tokio::runtime::Runtime;

use crate::support::{Device, Server, about};

/// How long the rogue listens, once everything it sent was refused, for anything the serving
/// device might still send it (five of the device's ticks): a bounded look for something that
/// must not happen.
const LISTEN_AFTER: Duration = Duration::from_secs(1);

/// The sync engine's frame limit (`comptoir_sync::Config::default().max_frame`).
const MAX_FRAME: usize = 256 * 1024;

/// A peer of our own on the network, recording every request the serving device sends it.
pub(crate) struct Rogue {
    runtime: Runtime,
    client: Client,
    /// (protocol, length) of every request received.
    received: Arc<Mutex<Vec<(Protocol, usize)>>>,
}

impl Rogue {
    /// Starts a node that only dials out, accepting messages up to `max_message_bytes`.
    pub(crate) fn start(keypair: Keypair, max_message_bytes: usize) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let mut config = Config::new(keypair);
        config.listen = Vec::new();
        config.mdns = false;
        config.max_message_bytes = max_message_bytes;
        let (client, mut events) = runtime
            .block_on(comptoir_net::start(config))
            .expect("the rogue's node starts");
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&received);
        runtime.spawn(async move {
            while let Some(event) = events.recv().await {
                if let NetEvent::Request {
                    protocol,
                    bytes,
                    reply,
                    ..
                } = event
                {
                    log.lock()
                        .expect("not poisoned")
                        .push((protocol, bytes.len()));
                    let _ = reply.send(Vec::new()).await;
                }
            }
        });
        Self {
            runtime,
            client,
            received,
        }
    }

    pub(crate) fn peer_id(&self) -> String {
        self.client.local_peer_id().to_base58()
    }

    pub(crate) fn dial(&self, address: &str) -> PeerId {
        self.try_dial(address).expect("the serving device answers")
    }

    /// Dials `address`; fails if the device there denies the connection.
    pub(crate) fn try_dial(&self, address: &str) -> Result<PeerId, NetError> {
        let address = address.parse().expect("a multiaddr");
        self.runtime.block_on(self.client.dial(address))
    }

    /// Whether a connection to `peer` is open.
    pub(crate) fn is_connected_to(&self, peer: PeerId) -> bool {
        self.runtime
            .block_on(self.client.connected())
            .expect("the rogue's node runs")
            .contains(&peer)
    }

    /// Sends one Sync request and waits for its answer.
    pub(crate) fn send(&self, to: PeerId, frame: Vec<u8>) -> Result<Vec<u8>, NetError> {
        self.runtime
            .block_on(self.client.request(to, Protocol::Sync, frame))
    }

    /// Sends one Sync request without waiting for its answer.
    fn send_and_forget(&self, to: PeerId, frame: Vec<u8>) {
        let client = self.client.clone();
        self.runtime.spawn(async move {
            let _ = client.request(to, Protocol::Sync, frame).await;
        });
    }

    /// Waits a bounded time, then returns every request received so far.
    fn received_after(&self, wait: Duration) -> Vec<(Protocol, usize)> {
        self.runtime
            .block_on(async { tokio::time::sleep(wait).await });
        self.received.lock().expect("not poisoned").clone()
    }

    pub(crate) fn shutdown(self) {
        self.runtime
            .block_on(self.client.shutdown())
            .expect("the rogue's node stops");
    }
}

/// Deterministic noise (xorshift64).
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.max(1);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

/// The device key of a `comptoir` data directory, as the ed25519 key its seals are made with.
pub(crate) fn sealing_key(keypair: &Keypair) -> ed25519_dalek::SigningKey {
    let ed25519 = keypair.clone().try_into_ed25519().expect("an Ed25519 key");
    let secret: [u8; 32] = ed25519.secret().as_ref().try_into().expect("32 bytes");
    ed25519_dalek::SigningKey::from_bytes(&secret)
}

/// Like [`batch`], each change of each message sealed with `key`, as a device holding it would.
pub(crate) fn sealed_batch(
    entries: &[(&GroupId, Vec<u8>)],
    key: &ed25519_dalek::SigningKey,
) -> Vec<u8> {
    use ed25519_dalek::Signer;
    let entries: Vec<Entry> = entries
        .iter()
        .map(|(group, message)| {
            let decoded = automerge::sync::Message::decode(message).expect("a sync message");
            // One seal per change, in the message's order, when each chunk is one change (a
            // whole document, or changes run together, go unsealed: they are refused for
            // what they are before any seal would count).
            let changes: Option<Vec<automerge::Change>> = decoded
                .changes
                .iter()
                .map(|chunk| automerge::Change::try_from(chunk).ok())
                .collect();
            let seals = match changes {
                Some(changes) if !changes.is_empty() => comptoir_sync::wire::Sealed::Aligned(
                    changes
                        .iter()
                        .map(|change| {
                            let hash = change.hash();
                            let signature = key.sign(&comptoir_model::sealed_bytes(group, &hash));
                            Some(comptoir_model::Seal(signature.to_bytes()))
                        })
                        .collect(),
                ),
                _ => comptoir_sync::wire::Sealed::None,
            };
            Entry {
                group: (*group).clone(),
                message: message.clone(),
                seals,
            }
        })
        .collect();
    wire::encode_batch(&entries).expect("a well-formed batch")
}

pub(crate) fn batch(entries: &[(&GroupId, Vec<u8>)]) -> Vec<u8> {
    let entries: Vec<Entry> = entries
        .iter()
        .map(|(group, message)| Entry {
            group: (*group).clone(),
            message: message.clone(),
            seals: comptoir_sync::wire::Sealed::None,
        })
        .collect();
    wire::encode_batch(&entries).expect("a well-formed batch")
}

/// Real automerge sync messages for a forged copy of `group` (same id, another name): the
/// opening message, and one carrying the forged group's changes.
pub(crate) fn forged_messages(group: &GroupId) -> (Vec<u8>, Vec<u8>) {
    let profile = Profile::new("Groupe usurpé", GroupKind::Bistrot).expect("a profile");
    let mut forged =
        GroupDoc::create(group.clone(), profile, ActorId::random()).expect("a forged group");
    let mut forged = automerge::AutoCommit::load(&forged.save()).expect("the forged copy");
    let mut empty = automerge::AutoCommit::new();
    let (mut to_empty, mut to_forged) = (State::new(), State::new());
    let opening = forged
        .sync()
        .generate_sync_message(&mut to_empty)
        .expect("an opening message");
    empty
        .sync()
        .receive_sync_message(&mut to_forged, opening.clone())
        .expect("received");
    let request = empty
        .sync()
        .generate_sync_message(&mut to_forged)
        .expect("a request for everything");
    forged
        .sync()
        .receive_sync_message(&mut to_empty, request)
        .expect("received");
    let changes = forged
        .sync()
        .generate_sync_message(&mut to_empty)
        .expect("the changes");
    assert!(!changes.changes.is_empty());
    (opening.encode(), changes.encode())
}

/// A serving device whose group B has joined, and the group's JSON export before any attack.
pub(crate) fn serving_with_b() -> (Device, Device, String, Server, serde_json::Value) {
    let (a, b) = (Device::new(), Device::new());
    let group = a.bistrot("Bistrot du Social de Gosselies");
    a.create(&[
        "member",
        "add",
        &group,
        "--name",
        "Odile Vercruysse",
        "--email",
        "odile@example.org",
    ]);
    a.create(&[
        "note",
        "add",
        &group,
        "--title",
        "Synthèse confidentielle",
        "--visibility",
        "internal",
        "--section",
        "Constats=Des situations difficiles à Gosselies.",
    ]);
    let server = a.serve();
    b.join(&a, &group, &server);
    let before = a.export(&group);
    (a, b, group, server, before)
}

/// After an attack: A still runs, still serves B, and its group is as it was.
pub(crate) fn assert_still_serving(
    a: &Device,
    b: &Device,
    group: &str,
    server: &mut Server,
    before: &serde_json::Value,
) {
    assert!(
        server.is_running(),
        "A's serve exited: {:?}",
        server.events()
    );
    assert_eq!(&a.export(group), before, "A's group changed");
    b.create(&["member", "add", group, "--name", "Basile Kabongo"]);
    b.sync_ok(&server.address);
    let names: Vec<String> = a
        .json(&["member", "list", group])
        .as_array()
        .expect("members")
        .iter()
        .map(|m| m["name"].as_str().expect("a name").to_string())
        .collect();
    assert_eq!(names, ["Basile Kabongo", "Odile Vercruysse"]);
    assert_eq!(a.export(group), b.export(group));
}

#[test]
fn a_rogue_peer_learns_nothing_and_garbage_changes_nothing() {
    // 1. A serves the Bistrot du Social de Gosselies, which B has joined.
    let (a, b, group, mut server, before) = serving_with_b();
    let real = GroupId::new(group.clone());
    let unknown = GroupId::new("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
    let (opening, changes) = forged_messages(&real);

    // 2. The rogue (accepting large messages itself, to send some) connects to A by address.
    let rogue = Rogue::start(Keypair::generate_ed25519(), 4 * 1024 * 1024);
    let rogue_id = rogue.peer_id();
    let a_id = rogue.dial(&server.address);

    // 3. It sends frames A must refuse, each answered by an empty acknowledgement. Each line:
    //    what, the frame, how many refusals A reports for it.
    let forged = batch(&[(&real, changes.clone())]);
    let count = u16::try_from(forged.len().div_ceil(64)).expect("a few fragments");
    let forged_fragments: Vec<Vec<u8>> = (0..count)
        .zip(forged.chunks(64))
        .map(|(index, payload)| {
            wire::encode_fragment(&Fragment {
                message_id: 7,
                index,
                count,
                payload: payload.to_vec(),
            })
        })
        .collect();
    let good_frame = batch(&[(&real, opening.clone())]);
    let mut frames: Vec<(&str, Vec<u8>, usize)> = vec![
        ("a sync request for A's group", good_frame.clone(), 1),
        (
            "a sync request for a group A does not have",
            batch(&[(&unknown, opening.clone())]),
            1,
        ),
        (
            "a forged copy of A's group, changes included, beside automerge garbage",
            batch(&[(&real, changes.clone()), (&real, noise(1, 300))]),
            2,
        ),
        (
            "automerge garbage for a group A does not have",
            batch(&[(&unknown, noise(2, 300))]),
            1,
        ),
        (
            "no frame at all",
            b"GET / HTTP/1.1\r\nHost: comptoir\r\n\r\n".to_vec(),
            1,
        ),
        ("random bytes", noise(3, 4096), 1),
        ("an empty request", Vec::new(), 1),
        (
            "a frame cut after its header",
            good_frame[..wire::BATCH_HEADER].to_vec(),
            1,
        ),
        (
            "a frame cut in its group id",
            good_frame[..wire::BATCH_HEADER + 4].to_vec(),
            1,
        ),
        (
            "a frame missing its last byte",
            good_frame[..good_frame.len() - 1].to_vec(),
            1,
        ),
        (
            "a frame with trailing bytes",
            [good_frame.clone(), vec![0; 3]].concat(),
            1,
        ),
        (
            "a frame over the sync limit",
            batch(&[(&real, noise(4, MAX_FRAME))]),
            1,
        ),
        (
            // A peer that shares no group gets no reassembly at all: each fragment is refused.
            "a fragment of a message never finished",
            wire::encode_fragment(&Fragment {
                message_id: 1,
                index: 0,
                count: 1000,
                payload: noise(6, 1000),
            }),
            1,
        ),
    ];
    for fragment in forged_fragments {
        frames.push(("a fragment of the forged copy", fragment, 1));
    }
    let expected: usize = frames.iter().map(|(_, _, n)| n).sum();
    for (what, frame, _) in frames {
        let answer = rogue
            .send(a_id, frame)
            .unwrap_or_else(|e| panic!("sending {what}: {e}"));
        assert!(
            answer.is_empty(),
            "A answered {what} with {} bytes",
            answer.len()
        );
    }
    // A refuses a message over the network's limit from its length prefix alone and stops
    // reading: the rogue's request then waits for its own timeout (30 s), so it is not
    // awaited; A's refusal is.
    let too_large = noise(5, 2 * comptoir_net::Config::DEFAULT_MAX_MESSAGE_BYTES);
    rogue.send_and_forget(a_id, too_large);
    let expected = expected + 1;

    // 4. A reports every refusal; then, for a while, the rogue hears nothing from A.
    server.wait_for_nth("every refusal", expected, |e| {
        about(e, "refused", &rogue_id)
    });
    let received = rogue.received_after(LISTEN_AFTER);
    assert_eq!(received, Vec::new(), "A sent requests to the rogue");

    // 5. The rogue leaves; A never synced anything with it, and refused nothing more.
    rogue.shutdown();
    server.wait_for("the rogue's disconnection", |e| {
        about(e, "disconnected", &rogue_id)
    });
    let events = server.events();
    assert!(
        !events.iter().any(|e| about(e, "synced", &rogue_id)),
        "{events:?}"
    );
    let refusals = events
        .iter()
        .filter(|e| about(e, "refused", &rogue_id))
        .count();
    assert_eq!(refusals, expected, "{events:?}");

    // 6. Bytes that are not even libp2p, on A's TCP port: A hangs up.
    let port = server.address.rsplit('/').next().expect("a port");
    let mut tcp = TcpStream::connect(("127.0.0.1", port.parse::<u16>().expect("a port number")))
        .expect("A's port accepts connections");
    tcp.set_read_timeout(Some(crate::support::PATIENCE))
        .expect("a read timeout");
    tcp.write_all(&noise(7, 2048)).expect("written");
    let mut rest = Vec::new();
    let hung_up = match tcp.read_to_end(&mut rest) {
        Ok(_) => true,
        Err(e) => e.kind() == std::io::ErrorKind::ConnectionReset,
    };
    assert!(hung_up, "A kept the connection open");

    // 7. A still runs, still serves B, and its group is as it was.
    assert_still_serving(&a, &b, &group, &mut server, &before);
}

#[test]
fn garbage_from_a_listed_device_changes_nothing() {
    // 1. A serves the group B has joined.
    let (a, b, group, mut server, before) = serving_with_b();
    let real = GroupId::new(group.clone());
    let bruno = b.peer_id();

    // 2. Something on B's laptop goes wrong: a program holding B's key (listed in the group's
    //    access list) connects to A…
    let key = std::fs::read(b.data_dir().join("device.key")).expect("B's key");
    let keypair = Keypair::from_protobuf_encoding(&key).expect("an Ed25519 key");
    let broken = Rogue::start(keypair, comptoir_net::Config::DEFAULT_MAX_MESSAGE_BYTES);
    assert_eq!(broken.peer_id(), bruno);
    let gone_before = server
        .events()
        .iter()
        .filter(|e| about(e, "disconnected", &bruno))
        .count();
    let a_id = broken.dial(&server.address);

    // 3. …and sends A's group garbage inside well-formed frames: bytes that are no sync
    //    message, a message cut short, a change whose checksum is wrong, and a message that
    //    claims heads and needs that exist nowhere.
    let (opening, changes) = forged_messages(&real);
    let mut bad_checksum = automerge::sync::Message::decode(&changes).expect("a sync message");
    let mut chunks: Vec<Vec<u8>> = bad_checksum.changes.iter().map(<[u8]>::to_vec).collect();
    chunks[0][5] ^= 0xff;
    bad_checksum.changes = chunks.into();
    let mut phantom = automerge::sync::Message::decode(&opening).expect("a sync message");
    phantom.heads = vec![automerge::ChangeHash([7; 32])];
    phantom.need = vec![automerge::ChangeHash([9; 32])];
    for message in [
        noise(11, 500),
        changes[..changes.len() / 2].to_vec(),
        bad_checksum.encode(),
        phantom.encode(),
    ] {
        let answer = broken
            .send(a_id, batch(&[(&real, message)]))
            .expect("A acknowledges the frame");
        assert!(answer.is_empty());
    }

    // 4. It goes away; once A has seen it go, A has handled every frame it sent (they came
    //    first on the same connection).
    broken.shutdown();
    server.wait_for_nth("the broken program's disconnection", gone_before + 1, |e| {
        about(e, "disconnected", &bruno)
    });
    assert!(
        server.events().iter().any(|e| about(e, "refused", &bruno)),
        "A refused none of the garbage: {:?}",
        server.events()
    );

    // 5. A still runs, its group is as it was, and the real B syncs with it as before.
    assert_still_serving(&a, &b, &group, &mut server, &before);
}

/// Sends `proofs` join requests for invitation `id` with proofs that are not the code's, and
/// returns the inviter's answers.
fn wrong_proofs(rogue: &Rogue, inviter: PeerId, id: &str, proofs: u8) -> Vec<serde_json::Value> {
    (0..proofs)
        .map(|n| {
            let request = serde_json::json!({ "invitation": id, "proof": vec![n; 32] });
            let bytes = serde_json::to_vec(&request).expect("a request");
            let answer = rogue
                .runtime
                .block_on(rogue.client.request(inviter, Protocol::Invite, bytes))
                .expect("the inviter answers");
            serde_json::from_slice(&answer).expect("a JSON answer")
        })
        .collect()
}

#[test]
fn an_invitation_code_dies_after_three_wrong_proofs() {
    // 1. A serves a group and makes two codes, one for B and one for C.
    let a = Device::new();
    let group = a.bistrot("Bistrot du Social de Marchienne");
    let server = a.serve();
    let for_b = a.invite(&group, &server.address);
    let for_c = a.invite(&group, &server.address);
    let id = |code: &str| InvitationCode::decode(code).expect("a valid code").id();

    // 2. Someone who learnt the codes' ids but not their secrets tries proofs: three for B's
    //    code, two for C's. Each is told no more than "not recognised".
    let rogue = Rogue::start(Keypair::generate_ed25519(), 1 << 20);
    let inviter = rogue.dial(&server.address);
    let answers = wrong_proofs(&rogue, inviter, &id(&for_b), 3);
    let answers_c = wrong_proofs(&rogue, inviter, &id(&for_c), 2);
    rogue.shutdown();
    for answer in answers.iter().chain(&answers_c) {
        assert_eq!(answer, "not-recognised");
    }

    // 3. B's code is dead: B, with the genuine code, is refused and holds nothing.
    let b = Device::new();
    let message = b.accept(&for_b, "30").failure(&["invite", "accept"]);
    assert!(message.contains("does not recognise"), "{message}");
    assert_eq!(b.groups(), Vec::<serde_json::Value>::new());

    // 4. C's code, tried twice only, still works.
    let c = Device::new();
    c.accept(&for_c, "30").json(&["invite", "accept"]);
    assert_eq!(c.groups().len(), 1);
}
