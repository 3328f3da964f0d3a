//! Devices that may not have a group do not get it: uninvited, revoked, or holding a code that
//! is used, expired or mistyped.

use std::time::{SystemTime, UNIX_EPOCH};

use comptoir_app::invitation::InvitationCode;

use crate::support::{Device, Server, about};

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs() as i64
}

/// A device that holds no group at all, by its commands and by its database.
fn assert_holds_nothing(device: &Device) {
    assert_eq!(device.groups(), Vec::<serde_json::Value>::new());
    assert_eq!(device.count_rows("documents"), 0);
    assert_eq!(device.count_rows("changes"), 0);
}

/// Ana's laptop (A) with the Bistrot du Social de Couillet, serving.
fn serving_bistrot() -> (Device, String, Server) {
    let a = Device::new();
    let group = a.bistrot("Bistrot du Social de Couillet");
    a.create(&[
        "member",
        "add",
        &group,
        "--name",
        "Salomé Ferreira",
        "--email",
        "salome@example.org",
    ]);
    let server = a.serve();
    (a, group, server)
}

#[test]
fn an_uninvited_device_gets_nothing() {
    // 1. A serves its group; Xavier's laptop (X) was never invited.
    let (_a, _group, server) = serving_bistrot();
    let x = Device::new();
    let xavier = x.peer_id();

    // 2. X syncs with A: it fails, saying nothing is shared.
    let run = x.sync(&server.address, "10");
    let message = run.failure(&["sync"]);
    assert!(message.contains("share no group"), "{message}");

    // 3. X holds no group, not even in its database.
    assert_holds_nothing(&x);

    // 4. Once X is gone, A has synced nothing with it.
    server.wait_for("X's disconnection", |e| about(e, "disconnected", &xavier));
    let events = server.events();
    assert!(
        !events.iter().any(|e| about(e, "synced", &xavier)),
        "A synced with an uninvited device: {events:?}"
    );
}

#[test]
fn a_revoked_device_no_longer_receives_changes() {
    // 1. A serves; Bruno's (B) and Chloé's (C) laptops have joined.
    let (a, group, server) = serving_bistrot();
    let (b, c) = (Device::new(), Device::new());
    b.join(&a, &group, &server);
    c.join(&a, &group, &server);
    let bruno = b.peer_id();

    // 2. Bruno's laptop is lost: A revokes it, then adds a member.
    let revoked = a.json(&["device", "revoke", &group, &bruno]);
    assert_eq!(revoked["revoked"], bruno.as_str());
    a.create(&["member", "add", &group, "--name", "Marius Delacroix"]);

    // 3. C syncs until it has the new member: A's serve has then read both writes (they were
    //    made in this order, and serve reads the data directory whole). C sees B revoked.
    let mut attempts = 0;
    while !names(&c, &group).contains(&"Marius Delacroix".to_string()) {
        attempts += 1;
        assert!(
            attempts <= 50,
            "C never got the new member: {:?}",
            server.events()
        );
        c.sync_ok(&server.address);
    }
    let devices = c.json(&["device", "list", &group]);
    let listed = devices
        .as_array()
        .expect("devices")
        .iter()
        .find(|d| d["peer"] == bruno.as_str())
        .unwrap_or_else(|| panic!("B is not listed at all: {devices}"));
    assert_eq!(listed["removed"]["by"], a.peer_id().as_str(), "{devices}");

    // 4. B syncs: A refuses it and tells it why, at once (well before the 30 s it would
    //    wait), and B stays without the new member.
    let message = b.sync(&server.address, "30").failure(&["sync"]);
    assert!(
        message.contains(&format!("an admin removed this device from group {group}")),
        "a revoked device's sync said {message:?}"
    );
    server.wait_for("B refused", |e| about(e, "refused", &bruno));
    assert!(!names(&b, &group).contains(&"Marius Delacroix".to_string()));
    assert_eq!(names(&b, &group), ["Salomé Ferreira"]);
}

fn names(device: &Device, group: &str) -> Vec<String> {
    device
        .json(&["member", "list", group])
        .as_array()
        .expect("members")
        .iter()
        .map(|m| m["name"].as_str().expect("a name").to_string())
        .collect()
}

#[test]
fn a_code_already_used_is_refused() {
    // 1. A makes one code; B joins with it.
    let (a, group, server) = serving_bistrot();
    let code = a.invite(&group, &server.address);
    let b = Device::new();
    b.accept(&code, "30").json(&["invite", "accept"]);

    // 2. Dounia's laptop (D) uses the same code: refused, already used.
    let d = Device::new();
    let dounia = d.peer_id();
    let message = d.accept(&code, "30").failure(&["invite", "accept"]);
    assert!(message.contains("already used"), "{message}");
    assert_holds_nothing(&d);
    let refused = server.wait_for("D refused", |e| about(e, "refused", &dounia));
    assert_eq!(refused["reason"], "invitation already used");
}

#[test]
fn an_expired_code_is_refused_on_either_side() {
    let (a, group, server) = serving_bistrot();
    let d = Device::new();
    let dounia = d.peer_id();

    // 1. A code whose expiry has passed (made from a real one) is refused by D itself.
    let real = InvitationCode::decode(&a.invite(&group, &server.address)).expect("a valid code");
    let mut stale = real.clone();
    stale.expires_at = unix_now() - 3600;
    let message = d
        .accept(&stale.encode(), "30")
        .failure(&["invite", "accept"]);
    assert!(message.contains("expired"), "{message}");
    assert_holds_nothing(&d);

    // 2. A code that expired on A's side (time passed: its row says so) is refused by A.
    let code = a.invite(&group, &server.address);
    let id = InvitationCode::decode(&code).expect("a valid code").id();
    let db = rusqlite::Connection::open(a.database()).expect("A's database opens");
    db.busy_timeout(std::time::Duration::from_secs(10))
        .expect("a busy timeout");
    let changed = db
        .execute(
            "UPDATE invitations SET expires_at = ?1 WHERE id = ?2",
            rusqlite::params![unix_now() - 60, id],
        )
        .expect("the invitation is updated");
    assert_eq!(changed, 1);
    drop(db);
    let message = d.accept(&code, "30").failure(&["invite", "accept"]);
    assert!(message.contains("expired"), "{message}");
    assert_holds_nothing(&d);
    let refused = server.wait_for("D refused", |e| about(e, "refused", &dounia));
    assert_eq!(refused["reason"], "invitation expired");

    // 3. Only the second attempt reached A: the first was refused before anything was sent.
    let connections = server
        .events()
        .iter()
        .filter(|e| about(e, "connected", &dounia))
        .count();
    assert_eq!(connections, 1, "{:?}", server.events());
}

#[test]
fn a_mistyped_code_is_refused_with_a_checksum_message() {
    // 1. A makes a code; D types it with one character wrong.
    let a = Device::new();
    let group = a.bistrot("Bistrot du Social de Couillet");
    let code = a.invite(&group, "/ip4/127.0.0.1/tcp/4710");
    let mut chars: Vec<char> = code.chars().collect();
    let at = 5; // "XXXX-XXXX-…": the second group's first character.
    assert_ne!(chars[at], '-');
    chars[at] = if chars[at] == 'Q' { 'R' } else { 'Q' };
    let mistyped: String = chars.into_iter().collect();

    // 2. D refuses it at once, naming the checksum, and joins nothing.
    let d = Device::new();
    let message = d.accept(&mistyped, "30").failure(&["invite", "accept"]);
    assert!(message.contains("checksum"), "{message}");
    assert_holds_nothing(&d);
}

#[test]
fn a_facilitator_cannot_invite_remove_or_promote_and_the_last_admin_stays() {
    // 1. A serves its group; B and C join with A's codes: A's device is the group's admin
    //    (it created it), B's and C's are facilitators, as the membership log they received says.
    let (a, group, server) = serving_bistrot();
    let (b, c) = (Device::new(), Device::new());
    b.join(&a, &group, &server);
    c.join(&a, &group, &server);

    // 2. B may neither make a code nor remove C: refused, saying why, and nothing is stored.
    let message = b.fails(&["invite", "create", &group, "--address", &server.address]);
    assert!(message.contains("only an admin"), "{message}");
    assert_eq!(b.count_rows("invitations"), 0);
    let message = b.fails(&["device", "revoke", &group, &c.peer_id()]);
    assert!(message.contains("only an admin"), "{message}");
    let message = b.fails(&["device", "role", &group, &b.peer_id(), "admin"]);
    assert!(message.contains("only an admin"), "{message}");

    // 3. C was not removed: its change still reaches A.
    c.create(&["member", "add", &group, "--name", "Chantal Dupuis"]);
    c.sync_ok(&server.address);
    assert_eq!(names(&a, &group), ["Chantal Dupuis", "Salomé Ferreira"]);

    // 4. A is the only admin: it cannot step down. It makes B admin; once B has synced, B
    //    lists itself admin and may make a code.
    let message = a.fails(&["device", "role", &group, &a.peer_id(), "facilitator"]);
    assert!(message.contains("last admin"), "{message}");
    let promoted = a.json(&["device", "role", &group, &b.peer_id(), "admin"]);
    assert_eq!(promoted["role"], "admin", "{promoted}");
    b.sync_ok(&server.address);
    let devices = b.json(&["device", "list", &group]);
    let me = devices
        .as_array()
        .expect("devices")
        .iter()
        .find(|d| d["this_device"] == true)
        .unwrap_or_else(|| panic!("B does not list itself: {devices}"));
    assert_eq!(me["role"], "admin", "{devices}");
    b.json(&["invite", "create", &group, "--address", &server.address]);
    assert_eq!(b.count_rows("invitations"), 1);
}
