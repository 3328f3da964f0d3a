//! Three devices that changed the same group while apart end up with the same group, every
//! person's words kept in the shared synthesis; and what another process writes on the serving
//! device's data directory reaches the others.

use serde_json::Value;

use crate::support::{Device, Server, Views};

const CONSTATS: &str = "Constats";

/// The text of the `Constats` section of a `note show --json`.
fn constats(note: &Value) -> String {
    note["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .find(|s| s["heading"] == CONSTATS)
        .and_then(|s| s["body"].as_str())
        .expect("a Constats section")
        .to_string()
}

fn names(members: &Value) -> Vec<&str> {
    let mut names: Vec<&str> = members
        .as_array()
        .expect("a list of members")
        .iter()
        .map(|m| m["name"].as_str().expect("a name"))
        .collect();
    names.sort_unstable();
    names
}

#[test]
fn three_devices_that_changed_a_group_apart_converge() {
    // 1. Ana's laptop (A) holds the Bistrot du Social de Marchienne and a synthesis of the last
    //    meeting, started before anyone else joined.
    let (a, b, c) = (Device::new(), Device::new(), Device::new());
    let group = a.bistrot("Bistrot du Social de Marchienne");
    let note = a.create(&[
        "note",
        "add",
        &group,
        "--title",
        "Synthèse du vendredi 14 mars",
        "--date",
        "2025-03-14",
        "--section",
        "Constats=Ana : le manque de temps pour prendre du recul.",
    ]);

    // 2. A serves on loopback; Bruno's (B) and Chloé's (C) laptops each join with a code of
    //    their own naming A's address.
    let server = a.serve();
    b.join(&a, &group, &server);
    c.join(&a, &group, &server);
    for device in [&b, &c] {
        assert_eq!(
            device.json(&["note", "show", &group, &note])["title"],
            "Synthèse du vendredi 14 mars"
        );
    }

    // 3. A stops serving; apart, each device adds people and events, and all three add words
    //    to the same section of the synthesis.
    server.stop();
    a.create(&[
        "member",
        "add",
        &group,
        "--name",
        "Élodie Marchal",
        "--town",
        "Charleroi",
    ]);
    a.json(&[
        "note",
        "append",
        &group,
        &note,
        "--section",
        CONSTATS,
        "--text",
        "Élodie : « on n'a plus le temps d'écouter ».",
    ]);
    b.create(&[
        "member",
        "add",
        &group,
        "--name",
        "Françoise Dubois-Lefèvre",
    ]);
    b.create(&[
        "member",
        "add",
        &group,
        "--name",
        "Jérôme Hübner",
        "--role",
        "volunteer",
    ]);
    b.create(&[
        "event",
        "add",
        &group,
        "--title",
        "Bistrot d'avril à l'Épicerie",
        "--kind",
        "bistrot",
        "--start",
        "2025-04-11T19:00",
    ]);
    b.json(&[
        "note",
        "append",
        &group,
        &note,
        "--section",
        CONSTATS,
        "--text",
        "Françoise : les jeunes du quartier n'ont pas de lieu où se poser, même l'été.",
    ]);
    c.create(&["member", "add", &group, "--name", "Noëlle Ngoma"]);
    c.create(&[
        "event",
        "add",
        &group,
        "--title",
        "Intervision à la Maison des Générations",
        "--kind",
        "groupe-de-travail",
        "--start",
        "2025-04-25T09:30",
    ]);
    c.json(&[
        "note",
        "append",
        &group,
        &note,
        "--section",
        CONSTATS,
        "--text",
        "Noëlle : l'isolement des aidants proches revient à chaque rencontre — ça m'inquiète.",
    ]);

    // 4. A serves again (on another port); B syncs with it, then C, then B again (to get what
    //    C brought).
    let server = a.serve();
    b.sync_ok(&server.address);
    c.sync_ok(&server.address);
    b.sync_ok(&server.address);

    // 5. The three devices show the same members, agenda and synthesis…
    let seen_by_a = a.views(&group);
    assert_eq!(b.views(&group), seen_by_a, "B differs from A");
    assert_eq!(c.views(&group), seen_by_a, "C differs from A");
    assert_eq!(
        names(&seen_by_a["members"]),
        [
            "Françoise Dubois-Lefèvre",
            "Jérôme Hübner",
            "Noëlle Ngoma",
            "Élodie Marchal"
        ]
    );
    let titles: Vec<&str> = seen_by_a["events"]
        .as_array()
        .expect("occurrences")
        .iter()
        .map(|o| o["title"].as_str().expect("a title"))
        .collect();
    assert_eq!(
        titles,
        [
            "Bistrot d'avril à l'Épicerie",
            "Intervision à la Maison des Générations"
        ]
    );

    // 6. …and the synthesis holds every person's words, whole.
    let text = constats(&a.json(&["note", "show", &group, &note]));
    for words in [
        "Ana : le manque de temps pour prendre du recul.",
        "Élodie : « on n'a plus le temps d'écouter ».",
        "Françoise : les jeunes du quartier n'ont pas de lieu où se poser, même l'été.",
        "Noëlle : l'isolement des aidants proches revient à chaque rencontre — ça m'inquiète.",
    ] {
        assert!(text.contains(words), "{words:?} is missing from {text:?}");
    }
}

/// B syncs until it has the member named `name`. Each attempt is a whole `sync` run waited for
/// to its exit; A picks up other processes' writes at its next tick (a fifth of a second), so
/// the first or second attempt normally has it, and fifty (several seconds) mean it never will.
fn sync_until_member(b: &Device, server: &Server, group: &str, name: &str) {
    for _ in 0..50 {
        b.sync_ok(&server.address);
        if names(&b.json(&["member", "list", group])).contains(&name) {
            return;
        }
    }
    panic!("{name} never reached B; A printed {:?}", server.events());
}

#[test]
fn a_change_written_by_another_process_on_the_serving_device_is_synced() {
    // 1. A serves the Bistrot du Social de Jumet; B has joined it.
    let (a, b) = (Device::new(), Device::new());
    let group = a.bistrot("Bistrot du Social de Jumet");
    let server = a.serve();
    b.join(&a, &group, &server);

    // 2. While A serves, another `comptoir` process adds a member to A's data directory; at
    //    once, B adds one too and syncs, so that A's serve stores B's change, quite likely
    //    before its next look at the data directory.
    a.create(&[
        "member",
        "add",
        &group,
        "--name",
        "Rosalie Vandenbroucke",
        "--town",
        "Jumet",
    ]);
    b.create(&["member", "add", &group, "--name", "Théo Lambert"]);
    b.sync_ok(&server.address);

    // 3. B syncs with A's serve, which never heard of A's write from the network: B gets the
    //    member, so serve noticed the write on its own (its own write in between hid nothing).
    sync_until_member(&b, &server, &group, "Rosalie Vandenbroucke");
    assert_eq!(
        b.json(&["member", "list", &group]),
        a.json(&["member", "list", &group])
    );
    assert_eq!(
        names(&a.json(&["member", "list", &group])),
        ["Rosalie Vandenbroucke", "Théo Lambert"]
    );
}
