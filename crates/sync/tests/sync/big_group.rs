//! A large group reaches a fresh device through fragments, every frame within the limit.

use comptoir_model::{EventId, EventKind, LocalDateTime, NewEvent};
use comptoir_sync::{Config, Effect, wire};

use crate::fixture;
use crate::sim::{Faults, Sim};

const EVENTS: u32 = 2_000;

#[test]
#[allow(clippy::print_stdout)] // The figure is printed for people (`--nocapture`).
fn a_big_group_syncs_to_a_fresh_peer_through_fragments() {
    // 1. peer-a holds a group with 2,000 events; peer-b was invited and expects it.
    let config = Config {
        max_frame: 8 * 1024,
        ..Config::default()
    };
    let mut sim = Sim::new(
        41,
        config,
        Faults {
            reorder: true,
            ..Faults::default()
        },
    );
    let mut doc = fixture::group(41, &["peer-a", "peer-b"]);
    for n in 0..EVENTS {
        let b = n.to_be_bytes();
        let new = NewEvent {
            title: format!("Bistrot du vendredi n°{n}"),
            kind: EventKind::Bistrot,
            start: evening(n),
            end: None,
            tz: Some("Europe/Brussels".into()),
            repeat: None,
            venue: Some("Café de la Place".into()),
            address: Some("Place communale 1, 5500 Dinant".into()),
            online: None,
            theme: Some(format!("Thème {n}")),
            guests: Vec::new(),
            capacity: Some(30),
            registration: None,
        };
        doc.add_event(EventId::from_random([0xe0, 0, b[0], b[1], b[2], b[3]]), new)
            .expect("event");
    }
    let id = doc.id().clone();
    let size = doc.save().len();
    sim.add_peer("peer-a");
    sim.add_peer("peer-b");
    sim.add_group("peer-a", doc);
    sim.expect_group("peer-b", &id, "peer-a");

    // 2. They connect and sync until quiet.
    sim.connect("peer-a", "peer-b");
    assert!(sim.run_until_quiet());

    // 3. peer-b received and stored the whole group, through fragments no larger than the limit.
    sim.assert_converged(&["peer-a", "peer-b"], &id);
    let b = sim.node("peer-b");
    assert_eq!(b.count(|e| matches!(e, Effect::GroupReceived { .. })), 1);
    assert!(b.stored.contains_key(&id));
    assert_eq!(b.held[&id].events().expect("events").len(), EVENTS as usize);
    let (bytes, frames) = sim.traffic_since(0);
    let largest = sim.sent.iter().map(|p| p.bytes.len()).max().unwrap_or(0);
    let fragments = sim
        .sent
        .iter()
        .filter(|p| {
            matches!(
                wire::decode(&p.bytes, usize::MAX),
                Ok(wire::Frame::Fragment(_))
            )
        })
        .count();
    println!(
        "group of {EVENTS} events ({size} bytes saved): {bytes} bytes in {frames} frames \
         ({fragments} fragments), largest frame {largest} bytes, limit {}",
        config.max_frame
    );
    assert!(largest <= config.max_frame);
    assert!(fragments > 1);
    // The document crossed once, not once per message peer-b sent while waiting for it.
    assert!(
        bytes < size * 3 / 2,
        "{bytes} bytes for a {size}-byte group"
    );

    // 4. Started again from what it stored, peer-b still holds the group.
    sim.restart("peer-b");
    assert_eq!(
        sim.node("peer-b").held[&id].events().expect("events").len(),
        EVENTS as usize
    );
}

/// A distinct evening for each `n`.
fn evening(n: u32) -> LocalDateTime {
    let (year, month, day) = (2000 + n / 336, n / 28 % 12 + 1, n % 28 + 1);
    LocalDateTime::parse(&format!("{year}-{month:02}-{day:02}T19:00")).expect("time")
}
