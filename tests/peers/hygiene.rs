//! A stranger on the café's Wi-Fi cannot keep a connection to a serving device: a peer that
//! shares no group is let go after a few seconds, while the devices of the group stay.

use comptoir_net::Keypair;

use crate::rogue::{Rogue, serving_with_b};
use crate::support::about;

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
