//! Writers killed with SIGKILL lose nothing they acknowledged: every member whose JSON was
//! printed before the kill is stored, the database opens, and the group loads.

use std::collections::BTreeMap;
use std::io::{BufReader, Read};
use std::process::{Command, Stdio};

use comptoir_testkit::ProcessGroup;
use serde_json::Value;

use crate::common::{BIN, Comptoir};

/// How many writer loops run side by side, so that the kill finds `comptoir` processes at
/// every stage: starting, loading, appending, compacting, printing.
const LOOPS: usize = 3;
/// How many adds each loop would make if it were not killed.
const PLANNED: usize = 100;

/// Each loop adds "Personne L-1", "Personne L-2", … one `comptoir` process after another, and
/// prints each new member once its `comptoir` has finished (one write: documents never mix).
const WRITERS: &str = r#"bin=$1 dir=$2 group=$3 n=$4 loops=$5
    writer() {
        i=1
        while [ "$i" -le "$n" ]; do
            out=$("$bin" --json --data-dir "$dir" member add "$group" --name "Personne $1-$i") \
                || { echo "comptoir failed"; exit 1; }
            printf '%s\n' "$out"
            i=$((i + 1))
        done
    }
    l=1
    while [ "$l" -le "$loops" ]; do
        writer "$l" &
        l=$((l + 1))
    done
    wait"#;

/// Kills the whole process group of `writers` (the shells and every `comptoir` in flight).
fn kill(writers: &mut ProcessGroup) {
    writers
        .kill()
        .expect("the writers' process group is killed");
}

/// Starts the writers, kills them all once `kill_after` members are acknowledged, and checks
/// what is stored.
fn kill_writers_after(kill_after: usize) {
    // 1. A bistrot on a fresh data directory.
    let comptoir = Comptoir::new();
    let group = comptoir.bistrot("Bistrot du Social de Jumet");

    // 2. The writers, in a process group of their own so that one signal kills them all.
    let data_dir = comptoir.data_dir().to_str().unwrap();
    let (planned, loops) = (PLANNED.to_string(), LOOPS.to_string());
    let mut writers = ProcessGroup::spawn(
        Command::new("sh")
            .args(["-c", WRITERS, "sh", BIN, data_dir, &group, &planned, &loops])
            .env_remove("COMPTOIR_DATA_DIR")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    )
    .expect("sh starts");
    let stdout = BufReader::new(writers.child_mut().stdout.take().unwrap());
    let mut printed = serde_json::Deserializer::from_reader(stdout).into_iter::<Value>();

    // 3. Read the acknowledgements until `kill_after` came.
    let mut acknowledged: Vec<Value> = Vec::new();
    while acknowledged.len() < kill_after {
        match printed.next() {
            Some(Ok(member)) => acknowledged.push(member),
            other => {
                kill(&mut writers);
                let mut stderr = String::new();
                writers
                    .child_mut()
                    .stderr
                    .take()
                    .unwrap()
                    .read_to_string(&mut stderr)
                    .unwrap();
                panic!(
                    "the writers stopped after {} adds ({other:?}): {stderr}",
                    acknowledged.len()
                );
            }
        }
    }

    // 4. SIGKILL every writer at once, then read what they printed before dying: a member
    //    printed in full counts as acknowledged; a half-printed one would not.
    kill(&mut writers);
    for rest in printed {
        match rest {
            Ok(member) => acknowledged.push(member),
            Err(e) => assert!(
                e.is_eof(),
                "the writers printed something else than members: {e}"
            ),
        }
    }
    assert!(
        acknowledged.len() < LOOPS * PLANNED,
        "the kill came after the last add"
    );

    // 5. The database opens and the group loads as a whole.
    assert_eq!(
        comptoir.json(&["group", "show", &group])["id"],
        group.as_str()
    );

    // 6. Every acknowledged member is there, with its id and name.
    let stored = comptoir.json(&["member", "list", &group]);
    let stored: BTreeMap<&str, &str> = stored
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["name"].as_str().unwrap(), m["id"].as_str().unwrap()))
        .collect();
    let mut acked_per_loop = [0; LOOPS];
    for member in &acknowledged {
        let name = member["name"].as_str().unwrap();
        let (l, i) = name
            .strip_prefix("Personne ")
            .and_then(|n| n.split_once('-'))
            .unwrap();
        let (l, i): (usize, usize) = (l.parse().unwrap(), i.parse().unwrap());
        acked_per_loop[l - 1] += 1;
        assert_eq!(
            i,
            acked_per_loop[l - 1],
            "{name} was acknowledged out of order"
        );
        assert_eq!(
            stored.get(name).copied(),
            member["id"].as_str(),
            "{name} was acknowledged but is lost"
        );
    }

    // 7. Beside them, at most the add each loop had in flight may be stored too (committed but
    //    not printed yet), and nothing else.
    let in_flight: Vec<String> = (0..LOOPS)
        .map(|l| format!("Personne {}-{}", l + 1, acked_per_loop[l] + 1))
        .collect();
    for name in stored.keys() {
        let acked = acknowledged.iter().any(|m| m["name"] == *name);
        assert!(
            acked || in_flight.iter().any(|f| f == name),
            "{name} is stored but was never added"
        );
    }

    // 8. The next writer works on the same data directory, as if nothing had happened.
    comptoir.create(&["member", "add", &group, "--name", "Après la coupure"]);
    let after = comptoir.json(&["member", "list", &group]);
    assert_eq!(after.as_array().unwrap().len(), stored.len() + 1);
}

#[test]
fn writers_killed_early_lose_no_acknowledged_member() {
    kill_writers_after(1);
}

#[test]
fn writers_killed_midway_lose_no_acknowledged_member() {
    kill_writers_after(25);
}

#[test]
fn writers_killed_late_lose_no_acknowledged_member() {
    // Near the 64th change since the snapshot, after which the app compacts: the kill may find
    // a writer folding the changes into a new snapshot.
    kill_writers_after(63);
}
