//! Peers that edit a group while apart converge once they meet again.

use comptoir_model::NoteId;
use comptoir_sync::{Config, Effect};

use crate::fixture::{self, NOTE};
use crate::sim::{Faults, Sim};

const PEERS: [&str; 3] = ["peer-a", "peer-b", "peer-c"];

#[test]
fn three_peers_editing_apart_converge() {
    // 1. Three devices share a group with a synthesis; each starts from the same copy.
    let mut sim = Sim::new(1, Config::default(), Faults::default());
    let mut doc = fixture::group(1, &PEERS);
    let section = fixture::add_synthesis(&mut doc, "Constats du jour.").expect("note");
    let id = doc.id().clone();
    for peer in PEERS {
        sim.add_peer(peer);
        let copy = fixture::copy(&mut doc, peer);
        sim.add_group(peer, copy);
    }

    // 2. Connected, they agree at once.
    sim.connect_all();
    assert!(sim.run_until_quiet());
    sim.assert_converged(&PEERS, &id);

    // 3. Apart, each adds a member; two of them edit the same section.
    sim.partition(&[&["peer-a"], &["peer-b"], &["peer-c"]]);
    let note = NoteId::new(NOTE);
    sim.edit("peer-a", &id, |d| {
        fixture::add_member(d, 1, "Alice Lambert")
    });
    sim.edit("peer-b", &id, |d| fixture::add_member(d, 2, "Bruno Dubois"));
    sim.edit("peer-c", &id, |d| fixture::add_member(d, 3, "Chloé Martin"));
    sim.edit("peer-a", &id, |d| {
        d.edit_section(&note, &section, "Constats du jour. Beaucoup de monde.")
    });
    sim.edit("peer-b", &id, |d| {
        d.edit_section(&note, &section, "Premiers constats du jour.")
    });
    assert!(sim.sent.iter().all(|p| !p.bytes.is_empty()));

    // 4. Together again, they converge: every member, both edits of the section.
    sim.connect_all();
    assert!(sim.run_until_quiet());
    sim.assert_converged(&PEERS, &id);
    let a = &sim.node("peer-a").held[&id];
    assert_eq!(
        fixture::member_names(a),
        ["Alice Lambert", "Bruno Dubois", "Chloé Martin"]
    );
    let text = a.note(&note).expect("note").sections[0]
        .body
        .as_str()
        .to_string();
    assert!(text.contains("Premiers"), "{text}");
    assert!(text.contains("Beaucoup de monde."), "{text}");
}

#[test]
fn synced_is_reported_once_per_transition() {
    // 1. Two connected peers share a group and agree.
    let mut sim = Sim::new(2, Config::default(), Faults::default());
    let mut doc = fixture::group(2, &PEERS[..2]);
    let id = doc.id().clone();
    for peer in &PEERS[..2] {
        sim.add_peer(peer);
        let copy = fixture::copy(&mut doc, peer);
        sim.add_group(peer, copy);
    }
    sim.connect("peer-a", "peer-b");
    assert!(sim.run_until_quiet());
    let synced_with_b = |sim: &Sim| {
        sim.node("peer-a").count(
            |e| matches!(e, Effect::Synced { group, peer } if group == &id && peer == "peer-b"),
        )
    };
    assert_eq!(synced_with_b(&sim), 1);
    assert!(sim.node("peer-a").engine.is_synced(&id, &"peer-b".into()));

    // 2. Ticks of an idle, synced pair report nothing more and send nothing.
    let before = sim.sent.len();
    for _ in 0..10 {
        sim.now += 5_000;
        sim.input("peer-a", comptoir_sync::Input::Tick);
        sim.input("peer-b", comptoir_sync::Input::Tick);
    }
    assert_eq!(sim.sent.len(), before);
    assert_eq!(synced_with_b(&sim), 1);

    // 3. Each change brings exactly one more transition.
    for n in 0..3 {
        sim.edit("peer-a", &id, |d| fixture::add_member(d, n, "Dominique"));
        assert!(!sim.node("peer-a").engine.is_synced(&id, &"peer-b".into()));
        assert!(sim.run_until_quiet());
        assert_eq!(synced_with_b(&sim), 2 + n as usize);
    }

    // 4. Disconnected, the pair is no longer synced.
    sim.disconnect("peer-a", "peer-b");
    assert!(!sim.node("peer-a").engine.is_synced(&id, &"peer-b".into()));
}
