//! `history` says who changed what, newest first; `restore` brings a deleted member back.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::common::Comptoir;

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

/// Changes carry their time in whole seconds: lets the clock reach the next one, so that the
/// next change is later than the last (a facilitator's next action, a moment later).
fn next_second() {
    let now = unix_now();
    while unix_now() == now {
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn history_names_each_change_of_a_member_and_restore_brings_it_back() {
    // 1. A member is added, her email changed a moment later, then she is deleted by mistake.
    let comptoir = Comptoir::new();
    let group = comptoir.bistrot("Bistrot du Social de Fleurus");
    let member = comptoir.create(&[
        "member",
        "add",
        &group,
        "--name",
        "Nadia Lambotte",
        "--consent",
        "contact",
    ]);
    next_second();
    comptoir.json(&[
        "member",
        "update",
        &group,
        &member,
        "--email",
        "nadia@example.org",
    ]);
    next_second();
    let before_deletion = comptoir.json(&["history", &group, "--member", &member])[0]["at"]
        .as_str()
        .expect("a time")
        .to_string();
    next_second();
    comptoir.json(&["member", "remove", &group, &member]);

    // 2. Her history, newest first: deleted, changed (email), added; each by this device.
    let history = comptoir.json(&["history", &group, "--member", &member]);
    let entries = history.as_array().expect("a list");
    let hows: Vec<&str> = entries
        .iter()
        .map(|e| e["changes"][0]["how"].as_str().expect("how"))
        .collect();
    assert_eq!(hows, ["deleted", "changed", "added"], "{history}");
    assert!(
        entries[1]["changes"][0]["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .any(|f| f == "email"),
        "{history}"
    );
    for entry in entries {
        assert_eq!(entry["device"], comptoir.peer_id().as_str(), "{entry}");
        assert_eq!(entry["changes"][0]["name"], "Nadia Lambotte", "{entry}");
    }

    // 3. Restored as she was before the deletion: back in the list, with her email.
    let restored = comptoir.json(&[
        "restore",
        &group,
        "--item",
        &member,
        "--at",
        &before_deletion,
    ]);
    assert_eq!(restored["name"], "Nadia Lambotte");
    let members = comptoir.json(&["member", "list", &group]);
    assert_eq!(members[0]["name"], "Nadia Lambotte", "{members}");
    let shown = comptoir.json(&["member", "show", &group, &member]);
    assert_eq!(shown["email"], "nadia@example.org", "{shown}");

    // 4. The restoration is a change of its own, newest in her history.
    let history = comptoir.json(&["history", &group, "--member", &member]);
    assert_eq!(history[0]["changes"][0]["how"], "added", "{history}");
    assert_eq!(history.as_array().map(Vec::len), Some(4), "{history}");
}

#[test]
fn restore_before_a_deletion_names_the_change_history_shows() {
    // A member added, then deleted: history says she is gone, with the deletion's change.
    let comptoir = Comptoir::new();
    let group = comptoir.bistrot("Bistrot du Social de Ciney");
    let member = comptoir.create(&["member", "add", &group, "--name", "Jules Marchal"]);
    comptoir.json(&["member", "remove", &group, &member]);
    let history = comptoir.json(&["history", &group, "--member", &member]);
    let deletion = &history[0];
    assert_eq!(deletion["changes"][0]["how"], "deleted", "{history}");
    assert_eq!(deletion["changes"][0]["present"], false, "{history}");
    let change = deletion["change"].as_str().expect("a change hash");
    assert_eq!(change.len(), 64, "{history}");

    // A change that names nothing, too short a prefix or no change at all is refused, and
    // nothing is written.
    for wrong in ["0000000", "5c1d", "not-a-hash"] {
        let message = comptoir.fails(&["restore", &group, "--item", &member, "--before", wrong]);
        assert!(message.contains("change"), "{wrong}: {message}");
    }
    let message = comptoir.fails(&["restore", &group, "--item", &member]);
    assert!(
        message.contains("--at") || message.contains("--before"),
        "{message}"
    );
    assert_eq!(
        comptoir.json(&["member", "list", &group]),
        serde_json::json!([])
    );
    let unchanged = comptoir.json(&["history", &group]);
    assert_eq!(unchanged[0]["change"], change, "{unchanged}");

    // Restored from just before the deletion, by the first 8 characters history prints.
    let restored = comptoir.json(&[
        "restore",
        &group,
        "--item",
        &member,
        "--before",
        &change[..8],
    ]);
    assert_eq!(restored["kind"], "member", "{restored}");
    assert_eq!(restored["name"], "Jules Marchal", "{restored}");
    let members = comptoir.json(&["member", "list", &group]);
    assert_eq!(members[0]["id"], member.as_str(), "{members}");
    let history = comptoir.json(&["history", &group, "--member", &member]);
    assert_eq!(history[0]["changes"][0]["how"], "added", "{history}");
    assert_eq!(history[1]["changes"][0]["present"], true, "{history}");
}
