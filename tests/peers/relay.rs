//! A removal holds against relays: a removed device's later edits, and the device it invited
//! afterwards, do not come back through a device that had not heard of the removal, and that
//! device keeps the edits it made meanwhile.

use crate::support::{Device, about};

fn names(device: &Device, group: &str) -> Vec<String> {
    let mut names: Vec<String> = device
        .json(&["member", "list", group])
        .as_array()
        .expect("members")
        .iter()
        .map(|m| m["name"].as_str().expect("a name").to_string())
        .collect();
    names.sort();
    names
}

fn add_member(device: &Device, group: &str, name: &str) {
    device.create(&["member", "add", group, "--name", name]);
}

#[test]
fn a_removed_devices_later_edits_and_invitations_do_not_come_back_through_a_relay() {
    // 1. Ana's laptop (A) created the group; Bruno's (B) and Chloé's (C) joined; C was made
    //    admin. Everyone holds the same two members.
    let a = Device::new();
    let group = a.bistrot("Petite ébullition de Charleroi");
    add_member(&a, &group, "Salomé Ferreira");
    let a_server = a.serve();
    let (b, c) = (Device::new(), Device::new());
    b.join(&a, &group, &a_server);
    c.join(&a, &group, &a_server);
    let chloe = c.peer_id();
    a.json(&["device", "role", &group, &chloe, "admin"]);
    c.sync_ok(&a_server.address);
    b.sync_ok(&a_server.address);
    a_server.stop();

    // 2. Chloé's laptop is stolen. A removes it, then nobody hears of it for a while.
    a.json(&["device", "revoke", &group, &chloe]);

    // 3. The thief, on C, adds a member and invites a fourth device (D), which joins.
    add_member(&c, &group, "Intrus Inventé");
    let c_server = c.serve();
    let d = Device::new();
    d.join(&c, &group, &c_server);

    // 4. B had not heard of the removal: it syncs with C, gets the thief's member, and adds a
    //    member of its own on top.
    b.sync_ok(&c_server.address);
    assert!(names(&b, &group).contains(&"Intrus Inventé".to_string()));
    add_member(&b, &group, "Marius Delacroix");
    c_server.stop();

    // 5. B syncs with A and learns of the removal: the thief's member is gone from B, B's own
    //    member stays, and A receives it.
    let a_server = a.serve();
    b.sync_ok(&a_server.address);
    let expected = ["Marius Delacroix", "Salomé Ferreira"];
    assert_eq!(
        names(&b, &group),
        expected,
        "B after learning of the removal"
    );
    let mut attempts = 0;
    while names(&a, &group) != expected {
        attempts += 1;
        assert!(
            attempts <= 20,
            "A never got B's member: {:?}",
            names(&a, &group)
        );
        b.sync_ok(&a_server.address);
    }

    // 6. The device the thief invited is refused by A, and by B once B serves.
    let dounia = d.peer_id();
    d.sync(&a_server.address, "3").failure(&["sync"]);
    a_server.stop();
    let b_server = b.serve();
    d.sync(&b_server.address, "3").failure(&["sync"]);
    assert_eq!(names(&b, &group), expected, "B after D's try");
    assert_eq!(names(&a, &group), expected, "A after D's try");
    let devices = b.json(&["device", "list", &group]);
    let listed: Vec<&str> = devices
        .as_array()
        .expect("devices")
        .iter()
        .filter(|d| d["removed"].is_null())
        .map(|d| d["peer"].as_str().expect("a peer"))
        .collect();
    assert!(
        !listed.contains(&dounia.as_str()),
        "D is a device of B's group: {devices}"
    );
    assert!(
        !listed.contains(&chloe.as_str()),
        "C is still a device: {devices}"
    );
    assert!(
        !names(&d, &group).contains(&"Marius Delacroix".to_string()),
        "D got B's member"
    );
    b_server.wait_for("D refused by B", |e| about(e, "refused", &dounia));
}

/// What every device must agree on about a group's devices: who, with which role, removed by
/// whom (labels and "this device" differ by design).
fn devices(device: &Device, group: &str) -> Vec<(String, String, String)> {
    let mut devices: Vec<(String, String, String)> = device
        .json(&["device", "list", group])
        .as_array()
        .expect("devices")
        .iter()
        .map(|d| {
            let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
            (
                text(&d["peer"]),
                text(&d["role"]),
                text(&d["removed"]["by"]),
            )
        })
        .collect();
    devices.sort();
    devices
}

#[test]
fn two_admins_removing_each_other_apart_end_with_the_same_devices_everywhere() {
    // 1. Ana's laptop (A) created the group and made Chloé's (C) admin; Bruno's (B) joined.
    let a = Device::new();
    let group = a.bistrot("Pause-café du centre social");
    let a_server = a.serve();
    let (b, c) = (Device::new(), Device::new());
    b.join(&a, &group, &a_server);
    c.join(&a, &group, &a_server);
    let (ana, chloe) = (a.peer_id(), c.peer_id());
    a.json(&["device", "role", &group, &chloe, "admin"]);
    c.sync_ok(&a_server.address);
    b.sync_ok(&a_server.address);
    a_server.stop();

    // 2. Apart, each admin removes the other.
    a.json(&["device", "revoke", &group, &chloe]);
    c.json(&["device", "revoke", &group, &ana]);

    // 3. B hears from A, then serves; C comes to B and is told it was removed: A is the
    //    senior admin (the creator), so its removal holds and C's is void.
    let a_server = a.serve();
    b.sync_ok(&a_server.address);
    a_server.stop();
    let b_server = b.serve();
    let message = c.sync(&b_server.address, "30").failure(&["sync"]);
    assert!(
        message.contains(&format!("an admin removed this device from group {group}")),
        "C's sync said {message:?}"
    );
    b_server.stop();

    // 4. Every device lists the same devices: C removed by A, A not removed.
    let on_a = devices(&a, &group);
    assert_eq!(on_a, devices(&b, &group), "A and B disagree");
    assert_eq!(on_a, devices(&c, &group), "A and C disagree");
    let row = |peer: &str| on_a.iter().find(|d| d.0 == peer).cloned();
    assert_eq!(row(&chloe).map(|d| d.2), Some(ana.clone()), "{on_a:?}");
    assert_eq!(row(&ana).map(|d| d.2), Some(String::new()), "{on_a:?}");
}
