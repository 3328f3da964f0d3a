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
