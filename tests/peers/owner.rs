//! One owner for every group, seen from outside: a running `serve` reads what another process
//! wrote before it answers a peer, every writer compacts, and a damaged group is set aside
//! while the others list, open and sync.

use serde_json::Value;

use crate::support::Device;

fn names(members: &Value) -> Vec<String> {
    let mut names: Vec<String> = members
        .as_array()
        .expect("a list of members")
        .iter()
        .map(|m| m["name"].as_str().expect("a name").to_string())
        .collect();
    names.sort_unstable();
    names
}

#[test]
fn what_the_cli_writes_beside_serve_is_in_the_very_next_sync() {
    // 1. A serves the Bistrot du Social de Koekelberg; B has joined it.
    let (a, b) = (Device::new(), Device::new());
    let group = a.bistrot("Bistrot du Social de Koekelberg");
    let server = a.serve();
    b.join(&a, &group, &server);
    // 2. Beside A's serve, the CLI adds a member; at once, B syncs, once.
    a.create(&["member", "add", &group, "--name", "Nadia Benali"]);
    b.sync_ok(&server.address);
    // 3. That one sync brought it: serve read the write before answering B.
    assert_eq!(
        names(&b.json(&["member", "list", &group])),
        ["Nadia Benali"]
    );
}

#[test]
fn status_shows_that_every_writer_compacts() {
    // 1. A group changed a hundred times, one command at a time.
    let a = Device::new();
    let group = a.bistrot("Petite ébullition du vendredi");
    for n in 0..100 {
        a.create(&[
            "member",
            "add",
            &group,
            "--name",
            &format!("Participant·e {n}"),
        ]);
    }
    // 2. `status --json` says how much it keeps outside its snapshot: few changes.
    let status = a.json(&["status"]);
    let stored = &status["groups"][0];
    assert_eq!(stored["id"], group.as_str());
    let changes = stored["stored_changes"].as_u64().expect("stored_changes");
    assert!(changes < 64, "{changes} changes outside the snapshot");
    assert!(stored["stored_bytes"].as_u64().expect("stored_bytes") > 0);
}

#[test]
fn a_damaged_group_is_named_while_the_others_list_open_and_sync() {
    // 1. A holds two groups; B has joined the first.
    let (a, b) = (Device::new(), Device::new());
    let kept = a.bistrot("Bistrot du Social de Jupille");
    let broken = a.bistrot("Bistrot du Social de Dinant");
    let server = a.serve();
    b.join(&a, &kept, &server);
    server.stop();
    // 2. The second group's stored document is damaged on purpose.
    let db = rusqlite::Connection::open(a.database()).expect("the database opens");
    db.execute(
        "UPDATE documents SET snapshot = x'00ff00ff' WHERE id = ?1",
        [&broken],
    )
    .expect("damaged");
    db.execute("DELETE FROM changes WHERE document = ?1", [&broken])
        .expect("damaged");
    drop(db);
    // 3. `group list` lists the other group and names the damaged one, with why, on stderr.
    let run = a.run(&["--json", "group", "list"]);
    let stderr = run.stderr.clone();
    let listed = run.json(&["group", "list"]);
    let ids: Vec<&str> = listed
        .as_array()
        .expect("a list")
        .iter()
        .map(|g| g["id"].as_str().expect("an id"))
        .collect();
    assert_eq!(ids, [kept.as_str()]);
    assert!(stderr.contains(&broken), "stderr: {stderr}");
    // 4. `status --json` names it too; the damaged group itself says what is wrong.
    let status = a.json(&["status"]);
    assert_eq!(status["damaged"][0]["id"], broken.as_str());
    assert!(
        status["damaged"][0]["reason"]
            .as_str()
            .is_some_and(|r| !r.is_empty())
    );
    let refused = a
        .run(&["member", "list", &broken])
        .failure(&["member", "list"]);
    assert!(refused.contains(&broken), "{refused}");
    // 5. The other group still opens, changes and syncs.
    a.create(&["member", "add", &kept, "--name", "Joseph Renard"]);
    let server = a.serve();
    b.sync_ok(&server.address);
    assert_eq!(
        names(&b.json(&["member", "list", &kept])),
        ["Joseph Renard"]
    );
}
