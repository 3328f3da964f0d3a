//! Lost, duplicated and reordered frames, and restarts: peers still converge.

use comptoir_model::NoteId;
use comptoir_sync::{Config, Input};

use crate::fixture::{self, NOTE};
use crate::sim::{Faults, Sim};

const PEERS: [&str; 3] = ["peer-a", "peer-b", "peer-c"];

/// Three peers, a group and a synthesis, each with its own copy.
fn three_peers(
    seed: u64,
    faults: Faults,
) -> (Sim, comptoir_model::GroupId, comptoir_model::SectionId) {
    let mut sim = Sim::new(seed, Config::default(), faults);
    let mut doc = fixture::group(3, &PEERS);
    let section = fixture::add_synthesis(&mut doc, "Ordre du jour.").expect("note");
    let id = doc.id().clone();
    for peer in PEERS {
        sim.add_peer(peer);
        let copy = fixture::copy(&mut doc, peer);
        sim.add_group(peer, copy);
    }
    (sim, id, section)
}

#[test]
fn drops_duplicates_and_reordering_still_converge_for_many_seeds() {
    let faults = Faults {
        drop: 0.2,
        duplicate: 0.1,
        reorder: true,
    };
    let note = NoteId::new(NOTE);
    for seed in 0..40 {
        // 1. Three peers start connected and edit while frames are lost, doubled, reordered.
        let (mut sim, id, section) = three_peers(seed, faults);
        sim.connect_all();
        sim.edit("peer-a", &id, |d| fixture::add_member(d, 1, "Alice"));
        sim.deliver(3);
        sim.edit("peer-b", &id, |d| fixture::add_member(d, 2, "Bruno"));
        sim.edit("peer-c", &id, |d| {
            d.append_to_note(
                &note,
                "Constats",
                "Il pleuvait.",
                comptoir_model::SectionId::new("c0c0c0c0"),
            )
        });
        sim.deliver(5);

        // 2. Apart, two of them edit the same section.
        sim.partition(&[&["peer-a"], &["peer-b", "peer-c"]]);
        sim.edit("peer-a", &id, |d| {
            d.edit_section(&note, &section, "Ordre du jour : bilan.")
        });
        sim.edit("peer-b", &id, |d| {
            d.edit_section(&note, &section, "Nouvel ordre du jour.")
        });
        sim.deliver(2);

        // 3. Healed, they converge whatever the network did.
        sim.connect_all();
        sim.edit("peer-c", &id, |d| fixture::add_member(d, 3, "Chloé"));
        assert!(sim.run_until_quiet(), "seed {seed}: did not settle");
        sim.assert_converged(&PEERS, &id);
        let a = &sim.node("peer-a").held[&id];
        assert_eq!(
            fixture::member_names(a),
            ["Alice", "Bruno", "Chloé"],
            "seed {seed}"
        );
    }
}

#[test]
fn a_lost_exchange_is_resent_after_the_timeout() {
    // 1. Two peers connect; every frame of the first exchange is lost.
    let (mut sim, id, _) = three_peers(7, Faults::default());
    sim.edit("peer-a", &id, |d| fixture::add_member(d, 1, "Alice"));
    sim.connect("peer-a", "peer-b");
    assert!(sim.lose_in_flight() > 0);
    let start = sim.now;

    // 2. Time passes: the stalled pairs start again and agree.
    assert!(sim.run_until_quiet());
    assert!(sim.now - start >= sim.config.resend_after_ms);
    sim.assert_converged(&["peer-a", "peer-b"], &id);

    // 3. A change whose frames are all lost also arrives, later.
    sim.edit("peer-b", &id, |d| fixture::add_member(d, 2, "Bruno"));
    assert!(sim.lose_in_flight() > 0);
    assert!(sim.run_until_quiet());
    sim.assert_converged(&["peer-a", "peer-b"], &id);
}

#[test]
fn a_peer_restarted_mid_sync_loses_nothing() {
    for seed in 0..10 {
        // 1. peer-a holds many changes peer-b lacks.
        let (mut sim, id, _) = three_peers(
            seed,
            Faults {
                reorder: true,
                ..Faults::default()
            },
        );
        for n in 0..30 {
            sim.edit("peer-a", &id, |d| {
                fixture::add_member(d, n, &format!("Personne {n}"))
            });
        }
        // 2. They start to sync; peer-b is killed after a few frames, then started again
        //    from what it stored.
        sim.connect("peer-a", "peer-b");
        sim.deliver(2 + seed as usize % 3);
        sim.restart("peer-b");
        sim.edit("peer-b", &id, |d| {
            fixture::add_member(d, 100, "Après redémarrage")
        });

        // 3. They converge, and what peer-b stored loads into the same group.
        assert!(sim.run_until_quiet(), "seed {seed}");
        sim.assert_converged(&["peer-a", "peer-b"], &id);
        sim.restart("peer-b");
        sim.disconnect("peer-a", "peer-b");
        let b = &sim.node("peer-b").held[&id];
        assert_eq!(fixture::member_names(b).len(), 31, "seed {seed}");
    }
}

#[test]
fn frames_the_transport_could_not_queue_are_sent_again_at_once_when_told() {
    // 1. Two peers are up to date.
    let (mut sim, id, _) = three_peers(11, Faults::default());
    sim.connect("peer-a", "peer-b");
    assert!(sim.run_until_quiet());

    // 2. A changes the group; the frames carrying the change never leave A (its queue to B was
    //    full), and A's transport says so.
    sim.edit("peer-a", &id, |d| fixture::add_member(d, 1, "Alice"));
    assert!(sim.lose_in_flight() > 0);
    sim.input("peer-a", Input::Undelivered("peer-b".into()));

    // 3. Without any time passing, the exchange starts again and B has the change.
    let before = sim.now;
    while sim.deliver(usize::MAX) > 0 {}
    assert_eq!(sim.now, before);
    assert!(sim.all_synced());
    sim.assert_converged(&["peer-a", "peer-b"], &id);
    let b = &sim.node("peer-b").held[&id];
    assert_eq!(fixture::member_names(b), ["Alice"]);
}
