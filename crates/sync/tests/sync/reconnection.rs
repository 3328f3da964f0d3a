//! Reconnecting to a peer one is up to date with, with the sync states kept from the last
//! session, costs little: heads and an empty summary per group; and a first answer lost on
//! the new connection does not leave the pair waiting for ever.

use comptoir_sync::{Config, Effect};

use crate::fixture;
use crate::sim::{Faults, Sim};

const GROUPS: u16 = 100;

#[test]
#[allow(clippy::print_stdout)] // The figure is printed for people (`--nocapture`).
fn reconnecting_with_restored_states_of_100_up_to_date_groups_is_cheap() {
    // 1. Two peers share 100 groups, each with a little history, and sync them all.
    let mut sim = Sim::new(31, Config::default(), Faults::default());
    sim.add_peer("peer-a");
    sim.add_peer("peer-b");
    let mut ids = Vec::new();
    for n in 0..GROUPS {
        let mut doc = fixture::group(n, &["peer-a", "peer-b"]);
        fixture::add_member(&mut doc, 1, "Alice").expect("member");
        ids.push(doc.id().clone());
        let copy = fixture::copy(&mut doc, "peer-b");
        sim.add_group("peer-a", doc);
        sim.add_group("peer-b", copy);
    }
    sim.connect("peer-a", "peer-b");
    assert!(sim.run_until_quiet());
    for id in &ids {
        sim.edit("peer-b", id, |d| fixture::add_member(d, 2, "Bruno"));
    }
    assert!(sim.run_until_quiet());
    let first_sync = sim.traffic_since(0);

    // 2. Both are killed and started again from storage (snapshots, changes, sync states).
    sim.disconnect("peer-a", "peer-b");
    sim.restart("peer-a");
    sim.restart("peer-b");
    let changed = sim
        .node("peer-a")
        .count(|e| matches!(e, Effect::Changed { .. }));

    // 3. They reconnect: every group is confirmed up to date for a few hundred bytes.
    let since = sim.sent.len();
    sim.connect("peer-a", "peer-b");
    assert!(sim.run_until_quiet());
    let (bytes, frames) = sim.traffic_since(since);
    for id in &ids {
        assert!(sim.node("peer-a").engine.is_synced(id, &"peer-b".into()));
        assert!(sim.node("peer-b").engine.is_synced(id, &"peer-a".into()));
    }
    assert_eq!(
        sim.node("peer-a")
            .count(|e| matches!(e, Effect::Changed { .. })),
        changed
    );
    println!(
        "reconnection of {GROUPS} up-to-date groups: {bytes} bytes in {frames} frames, both ways \
         ({} bytes per group); first sync took {} bytes in {} frames",
        bytes / usize::from(GROUPS),
        first_sync.0,
        first_sync.1
    );
    assert!(bytes < 32 * 1024, "{bytes} bytes");
    assert!(frames <= 4, "{frames} frames");
}

#[test]
fn reconnecting_without_states_still_converges() {
    // 1. Two peers in sync lose their sync states (say, a fresh install on the same data).
    let (mut sim, id) = two_peers_in_sync(32);
    sim.disconnect("peer-a", "peer-b");
    sim.node_mut("peer-a").states.clear();
    sim.node_mut("peer-a")
        .states
        .insert((id.clone(), "peer-b".into()), b"not a state".to_vec());
    sim.restart("peer-a");

    // 2. One side changed meanwhile; on reconnection both agree again.
    sim.edit("peer-b", &id, |d| fixture::add_member(d, 1, "Bruno"));
    sim.connect("peer-a", "peer-b");
    assert!(sim.run_until_quiet());
    sim.assert_converged(&["peer-a", "peer-b"], &id);
}

/// Found by the membership simulation: automerge stays silent when both heads are equal, so a
/// peer whose first message after reconnecting was lost, and whose restart had forgotten what
/// the other side understands, never learnt it was up to date.
/// 1. Two peers hold the same group and have synced it; they reconnect.
/// 2. A's first message to B is lost; B's reaches A (A now knows both are equal).
/// 3. B starts over when its exchange stalls, and A answers: both are up to date.
#[test]
fn a_first_answer_lost_after_reconnecting_is_made_up_for() {
    // 1.
    let (mut sim, id) = two_peers_in_sync(5);
    sim.disconnect("peer-a", "peer-b");
    sim.connect("peer-a", "peer-b");

    // 2.
    assert_eq!(sim.lose_from("peer-a"), 1, "A's first message");
    sim.deliver(usize::MAX);
    assert!(sim.node("peer-a").engine.is_synced(&id, &"peer-b".into()));
    assert!(!sim.node("peer-b").engine.is_synced(&id, &"peer-a".into()));

    // 3.
    assert!(sim.run_until_quiet(), "B never learnt it was up to date");
    assert!(sim.node("peer-b").engine.is_synced(&id, &"peer-a".into()));
}

/// Two peers holding one group, connected and up to date.
fn two_peers_in_sync(seed: u64) -> (Sim, comptoir_model::GroupId) {
    let mut sim = Sim::new(seed, Config::default(), Faults::default());
    sim.add_peer("peer-a");
    sim.add_peer("peer-b");
    let mut doc = fixture::group(1, &["peer-a", "peer-b"]);
    let id = doc.id().clone();
    let copy = fixture::copy(&mut doc, "peer-b");
    sim.add_group("peer-a", doc);
    sim.add_group("peer-b", copy);
    sim.connect("peer-a", "peer-b");
    assert!(sim.run_until_quiet());
    (sim, id)
}
