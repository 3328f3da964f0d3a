//! A stranger on the café's Wi-Fi cannot keep a connection to a serving device: a peer that
//! shares no group is let go after a few seconds, while the devices of the group stay.

use comptoir_net::Keypair;

use crate::rogue::{Rogue, serving_with_b};
use crate::support::{Device, about};

#[test]
fn a_peer_that_shares_nothing_is_let_go_and_the_groups_devices_stay() {
    // 1. A serves the group B has joined; a stranger connects and says nothing.
    let (a, b, group, server, _) = serving_with_b();
    let stranger = Rogue::start(
        Keypair::generate_ed25519(),
        comptoir_net::Config::DEFAULT_MAX_MESSAGE_BYTES,
    );
    let stranger_id = stranger.peer_id();
    stranger.dial(&server.address);
    server.wait_for("the stranger's connection", |e| {
        about(e, "connected", &stranger_id)
    });

    // 2. A lets it go on its own (the serving device's events say so), having synced nothing
    //    with it.
    server.wait_for("the stranger let go", |e| {
        about(e, "disconnected", &stranger_id)
    });
    assert!(
        !server
            .events()
            .iter()
            .any(|e| about(e, "synced", &stranger_id)),
        "A synced with a stranger"
    );
    stranger.shutdown();

    // 3. B, a device of the group, still syncs with A.
    b.create(&["member", "add", &group, "--name", "Basile Kabongo"]);
    b.sync_ok(&server.address);
    assert_eq!(a.export(&group), b.export(&group));
}

/// Strangers together cannot keep a group's devices out: a serving device keeps a quarter of
/// its connections for the devices it shares a group with.
#[test]
fn strangers_taking_every_other_connection_do_not_keep_the_groups_devices_out() {
    // 1. A serves with at most four connections, one kept for the group's devices; B has
    //    joined (and its joining connection is closed) and has something new to bring.
    let (a, b) = (Device::new(), Device::new());
    let group = a.bistrot("Bistrot du Social de Jumet");
    let server = a.serve_with(&["--max-connections", "4"]);
    b.join(&a, &group, &server);
    let b_id = b.peer_id();
    server.wait_for("B's joining connection closed", |e| {
        about(e, "disconnected", &b_id)
    });
    b.create(&["member", "add", &group, "--name", "Basile Kabongo"]);

    // 2. Three strangers take the three other connections: a fourth is denied.
    let stranger = || {
        Rogue::start(
            Keypair::generate_ed25519(),
            comptoir_net::Config::DEFAULT_MAX_MESSAGE_BYTES,
        )
    };
    let strangers: Vec<Rogue> = (0..3).map(|_| stranger()).collect();
    let a_id = strangers
        .iter()
        .map(|s| s.dial(&server.address))
        .last()
        .expect("three strangers");
    let fourth = stranger();
    assert!(
        fourth.try_dial(&server.address).is_err(),
        "A let a fourth stranger take the connection kept for its group's devices"
    );

    // 3. B syncs all the same, while the three strangers still hold their connections (A lets
    //    strangers go after five seconds: were they gone, B would have proved nothing).
    b.sync_ok(&server.address);
    assert!(
        strangers.iter().all(|s| s.is_connected_to(a_id)),
        "a stranger was let go before B connected; the slot B took proves nothing"
    );
    assert_eq!(a.export(&group), b.export(&group));
    for s in strangers.into_iter().chain([fourth]) {
        s.shutdown();
    }
}
