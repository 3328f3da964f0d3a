//! Several `comptoir` processes writing to the same data directory at once lose nothing: each
//! writes with its own actor and appends its changes in its own transaction.

use std::collections::BTreeSet;
use std::process::{Child, Command, Stdio};

use crate::common::{BIN, Comptoir, names};

/// Waits for every child; each must have succeeded.
fn wait_all(children: Vec<(String, Child)>) {
    for (what, child) in children {
        let out = child.wait_with_output().expect("the writer ran");
        assert!(
            out.status.success(),
            "{what} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn member_names(comptoir: &Comptoir, group: &str) -> BTreeSet<String> {
    let listed = names(&comptoir.json(&["member", "list", group]));
    let unique: BTreeSet<String> = listed.iter().cloned().collect();
    assert_eq!(
        unique.len(),
        listed.len(),
        "a member appears twice: {listed:?}"
    );
    unique
}

#[test]
fn a_burst_of_writer_processes_loses_no_member() {
    const WRITERS: usize = 2 * 12;
    // 1. A bistrot on a fresh data directory.
    let comptoir = Comptoir::new();
    let group = comptoir.bistrot("Bistrot du Social de Marcinelle");
    // 2. Start every writer before waiting for any: they all load, change and append at once.
    let children: Vec<(String, Child)> = (1..=WRITERS)
        .map(|i| {
            let name = format!("Personne {i}");
            let child = comptoir
                .command(&["member", "add", &group, "--name", &name])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("comptoir starts");
            (format!("adding {name}"), child)
        })
        .collect();
    // 3. Every writer succeeded, and every member is there exactly once.
    wait_all(children);
    let expected: BTreeSet<String> = (1..=WRITERS).map(|i| format!("Personne {i}")).collect();
    assert_eq!(member_names(&comptoir, &group), expected);
}

#[test]
fn two_writer_loops_lose_no_member() {
    // Enough adds for a writer to compact the changes into a snapshot (the app does so every
    // 64 changes) while the other loop keeps appending.
    const EACH: usize = 40;
    // 1. A bistrot on a fresh data directory.
    let comptoir = Comptoir::new();
    let group = comptoir.bistrot("Bistrot du Social de Montignies");
    // 2. Two facilitators' scripts add members one after another, both at the same time.
    let script = r#"bin=$1 dir=$2 group=$3 who=$4 n=$5
        i=1
        while [ "$i" -le "$n" ]; do
            "$bin" --data-dir "$dir" member add "$group" --name "$who $i" >/dev/null || exit 1
            i=$((i + 1))
        done"#;
    let data_dir = comptoir.data_dir().to_str().unwrap();
    let children: Vec<(String, Child)> = ["Amandine", "Bruno"]
        .into_iter()
        .map(|who| {
            let child = Command::new("sh")
                .args([
                    "-c",
                    script,
                    "sh",
                    BIN,
                    data_dir,
                    &group,
                    who,
                    &EACH.to_string(),
                ])
                .env_remove("COMPTOIR_DATA_DIR")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("sh starts");
            (format!("{who}'s loop"), child)
        })
        .collect();
    // 3. Both loops ran to the end, and all 2 × 40 members are there exactly once.
    wait_all(children);
    let expected: BTreeSet<String> = ["Amandine", "Bruno"]
        .iter()
        .flat_map(|who| (1..=EACH).map(move |i| format!("{who} {i}")))
        .collect();
    assert_eq!(member_names(&comptoir, &group), expected);
    // 4. The group still loads as a whole and counts them.
    assert_eq!(comptoir.json(&["group", "list"])[0]["members"], 2 * EACH);
}

#[test]
fn concurrent_answers_to_one_meeting_all_count() {
    const PEOPLE: usize = 10;
    // 1. A bistrot with ten members and a monthly meeting.
    let comptoir = Comptoir::new();
    let group = comptoir.bistrot("Bistrot du Social de Couillet");
    let event = comptoir.create(&[
        "event",
        "add",
        &group,
        "--title",
        "Bistrot du mardi",
        "--kind",
        "bistrot",
        "--start",
        "2021-03-02T18:30",
        "--repeat",
        "FREQ=MONTHLY;BYDAY=1TU;COUNT=3",
    ]);
    let members: Vec<String> = (1..=PEOPLE)
        .map(|i| {
            comptoir.create(&[
                "member",
                "add",
                &group,
                "--name",
                &format!("Habitant·e {i}"),
            ])
        })
        .collect();
    // 2. Everyone answers for the same evening at once: even numbers yes, odd numbers maybe;
    //    and a facilitator writes the synthesis at the same time.
    let mut children: Vec<(String, Child)> = members
        .iter()
        .enumerate()
        .map(|(i, member)| {
            let answer = if i % 2 == 0 { "yes" } else { "maybe" };
            let child = comptoir
                .command(&[
                    "event",
                    "rsvp",
                    &group,
                    &event,
                    member,
                    answer,
                    "--occurrence",
                    "2021-03-02",
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("comptoir starts");
            (format!("answer of {member}"), child)
        })
        .collect();
    let note = comptoir
        .command(&[
            "note",
            "add",
            &group,
            "--title",
            "Synthèse de mars",
            "--section",
            "Constats=Belle affluence.",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("comptoir starts");
    children.push(("the synthesis".into(), note));
    // 3. Every answer counts, and the synthesis is there.
    wait_all(children);
    let agenda = comptoir.json(&[
        "event",
        "list",
        &group,
        "--from",
        "2021-03-02",
        "--to",
        "2021-03-02",
    ]);
    assert_eq!(
        agenda[0]["rsvp"],
        serde_json::json!({ "yes": PEOPLE / 2, "no": 0, "maybe": PEOPLE / 2 })
    );
    assert_eq!(
        comptoir.json(&["note", "list", &group])[0]["title"],
        "Synthèse de mars"
    );
}
