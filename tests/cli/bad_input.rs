//! Bad input is answered, never obeyed: a clear one-line message, a non-zero exit, and nothing
//! already stored is changed.

use crate::common::{Comptoir, Views};

/// A bistrot with a member, a monthly meeting and a note, to be left as it is.
struct Fixture {
    comptoir: Comptoir,
    group: String,
    event: String,
}

impl Fixture {
    fn new() -> Self {
        // 1. A group with one member, one meeting every first Friday and one note.
        let comptoir = Comptoir::new();
        let group = comptoir.bistrot("Bistrot du Social de Gosselies");
        let g = group.as_str();
        comptoir.create(&[
            "member",
            "add",
            g,
            "--name",
            "Nadia Lambotte",
            "--consent",
            "contact",
        ]);
        let event = comptoir.create(&[
            "event",
            "add",
            g,
            "--title",
            "Bistrot du vendredi",
            "--kind",
            "bistrot",
            "--start",
            "2021-03-05T18:00",
            "--end",
            "2021-03-05T20:00",
            "--repeat",
            "FREQ=MONTHLY;BYDAY=1FR;COUNT=4",
        ]);
        comptoir.create(&[
            "note",
            "add",
            g,
            "--title",
            "Compte rendu de mars",
            "--section",
            "Constats=RAS",
        ]);
        Self {
            comptoir,
            group,
            event,
        }
    }

    /// `event add` of a meeting starting at `start` in the fixture's group, with `more`.
    fn add_event<'a>(&'a self, start: &'a str, more: &[&'a str]) -> Vec<&'a str> {
        let mut args = vec![
            "event",
            "add",
            &self.group,
            "--title",
            "Bistrot",
            "--kind",
            "bistrot",
        ];
        args.extend(["--start", start]);
        args.extend_from_slice(more);
        args
    }

    /// 2. The command is refused with a one-line message containing `expected`;
    /// 3. everything stored is as it was.
    fn refused(&self, args: &[&str], expected: &str) {
        let before = self.comptoir.stored(&self.group);
        let message = self.comptoir.fails(args);
        assert!(
            message.contains(expected),
            "comptoir {args:?} said {message:?}, not {expected:?}"
        );
        assert!(message.starts_with("comptoir: "), "{message:?}");
        assert_eq!(
            self.comptoir.stored(&self.group),
            before,
            "comptoir {args:?} changed the data"
        );
    }
}

const START: &str = "2021-03-04T18:30";

#[test]
fn impossible_dates_are_refused() {
    let f = Fixture::new();
    let (g, e) = (f.group.as_str(), f.event.as_str());
    f.refused(&f.add_event("2021-02-30T18:30", &[]), "2021-02-30");
    f.refused(&f.add_event("2021-03-04T25:00", &[]), "2021-03-04T25:00");
    f.refused(
        &f.add_event(START, &["--end", "2021-02-29T20:00"]),
        "2021-02-29",
    );
    f.refused(
        &[
            "member",
            "add",
            g,
            "--name",
            "Octave Dubois",
            "--joined",
            "2021-02-30",
        ],
        "2021-02-30",
    );
    f.refused(
        &[
            "event",
            "attendance",
            g,
            e,
            "--occurrence",
            "2021-02-30",
            "--count",
            "3",
        ],
        "2021-02-30",
    );
    f.refused(&["event", "list", g, "--from", "2021-02-30"], "2021-02-30");
}

#[test]
fn an_unknown_time_zone_is_refused() {
    let f = Fixture::new();
    let message = "unknown time zone \"Europe/Dampremy\"";
    f.refused(&f.add_event(START, &["--tz", "Europe/Dampremy"]), message);
}

#[test]
fn invalid_recurrences_are_refused() {
    let f = Fixture::new();
    f.refused(
        &f.add_event(START, &["--repeat", "FREQ=SOMETIMES"]),
        "FREQ=SOMETIMES",
    );
    f.refused(
        &f.add_event(START, &["--repeat", "FREQ=HOURLY;COUNT=3"]),
        "at most daily",
    );
    f.refused(
        &f.add_event(START, &["--repeat", "every thursday"]),
        "invalid recurrence rule",
    );
}

#[test]
fn an_end_before_the_start_is_refused() {
    let f = Fixture::new();
    f.refused(
        &f.add_event(START, &["--end", "2021-03-04T17:00"]),
        "is not after the start",
    );
    f.refused(
        &f.add_event(START, &["--end", START]),
        "is not after the start",
    );
}

#[test]
fn negative_counts_are_refused() {
    let f = Fixture::new();
    let (g, e) = (f.group.as_str(), f.event.as_str());
    f.refused(&f.add_event(START, &["--capacity", "-5"]), "-5");
    f.refused(
        &[
            "event",
            "attendance",
            g,
            e,
            "--occurrence",
            "2021-03-05",
            "--count",
            "-2",
        ],
        "-2",
    );
}

#[test]
fn blank_names_and_titles_are_refused() {
    let f = Fixture::new();
    let g = f.group.as_str();
    f.refused(
        &["group", "create", "--name", "   ", "--kind", "bistrot"],
        "name must not be empty",
    );
    f.refused(
        &["member", "add", g, "--name", "   "],
        "name must not be empty",
    );
    f.refused(
        &[
            "event", "add", g, "--title", "   ", "--kind", "bistrot", "--start", START,
        ],
        "title",
    );
    f.refused(
        &["note", "add", g, "--title", "   "],
        "title must not be empty",
    );
}

#[test]
fn unknown_groups_members_events_and_notes_are_named_in_the_refusal() {
    let f = Fixture::new();
    let (g, e) = (f.group.as_str(), f.event.as_str());
    let unknown = "ffffffffffff";
    f.refused(
        &["group", "show", "Bistrot de Nulle-Part"],
        "no group matches \"Bistrot de Nulle-Part\"",
    );
    f.refused(
        &["member", "add", "0123456789abcdef", "--name", "Octave"],
        "no group matches \"0123456789abcdef\"",
    );
    f.refused(
        &["member", "show", g, "Personne Inconnue"],
        "no member matches \"Personne Inconnue\"",
    );
    f.refused(
        &["member", "update", g, unknown, "--town", "Jumet"],
        "no member matches \"ffffffffffff\"",
    );
    f.refused(
        &["member", "remove", g, unknown],
        "no member matches \"ffffffffffff\"",
    );
    f.refused(
        &["event", "rsvp", g, unknown, "Nadia Lambotte", "yes"],
        "no event matches \"ffffffffffff\"",
    );
    f.refused(
        &["event", "rsvp", g, e, "Personne Inconnue", "yes"],
        "no member matches \"Personne Inconnue\"",
    );
    f.refused(
        &["event", "cancel", g, "Réunion fantôme"],
        "no event matches \"Réunion fantôme\"",
    );
    f.refused(
        &["note", "show", g, unknown],
        "no note matches \"ffffffffffff\"",
    );
    f.refused(
        &[
            "note",
            "append",
            g,
            unknown,
            "--section",
            "Constats",
            "--text",
            "RAS",
        ],
        "no note matches",
    );
}

#[test]
fn answers_and_counts_for_a_day_without_a_meeting_are_refused() {
    let f = Fixture::new();
    let (g, e) = (f.group.as_str(), f.event.as_str());
    // The meeting is on first Fridays: 5 March 2021, not the 12th, and not Thursday the 4th.
    let rsvp = |day| {
        [
            "event",
            "rsvp",
            g,
            e,
            "Nadia Lambotte",
            "yes",
            "--occurrence",
            day,
        ]
    };
    f.refused(&rsvp("2021-03-12"), "no occurrence on 2021-03-12");
    f.refused(
        &[
            "event",
            "attendance",
            g,
            e,
            "--occurrence",
            "2021-03-04",
            "--count",
            "8",
        ],
        "2021-03-04",
    );
    f.refused(
        &["event", "cancel", g, e, "--occurrence", "2021-03-06"],
        "no occurrence on 2021-03-06",
    );
    // A repeating meeting needs the date of the occurrence.
    f.refused(
        &["event", "rsvp", g, e, "Nadia Lambotte", "yes"],
        "say which occurrence",
    );
}

#[test]
fn files_that_are_not_automerge_groups_are_not_imported() {
    let f = Fixture::new();
    // Bytes from a fixed xorshift sequence: noise, the same at every run.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect();
    let cases = [
        ("noise.bin", noise, "the document is unreadable"),
        (
            "empty.automerge",
            Vec::new(),
            "not a Comptoir group document",
        ),
        (
            "notes.md",
            b"# Constats\n".to_vec(),
            "the document is unreadable",
        ),
    ];
    for (name, bytes, expected) in cases {
        let file = f.comptoir.file(name);
        std::fs::write(&file, bytes).unwrap();
        f.refused(&["import", file.to_str().unwrap()], expected);
    }
    let missing = f.comptoir.file("absent.automerge");
    f.refused(&["import", missing.to_str().unwrap()], "cannot read");
}

/// The group's file as a stranger changed it with `change` (given the document and the
/// object under `key` at its root): someone whose device the group's log does not know.
fn changed_by_a_stranger(
    f: &Fixture,
    key: &str,
    change: impl FnOnce(&mut automerge::AutoCommit, automerge::ObjId),
) -> Vec<u8> {
    use automerge::ReadDoc;
    let exported = f
        .comptoir
        .bytes(&["export", &f.group, "--format", "automerge"]);
    let mut doc = automerge::AutoCommit::load(&exported).expect("the exported group");
    let obj = match doc.get(automerge::ROOT, key) {
        Ok(Some((_, obj))) => obj,
        other => panic!("no {key}: {other:?}"),
    };
    change(&mut doc, obj);
    doc.commit();
    doc.save()
}

#[test]
fn a_hostile_file_adding_a_device_or_renaming_the_group_is_not_imported() {
    use automerge::transaction::Transactable;
    let f = Fixture::new();
    // 1. Two files made from the group's own export by a stranger: one renames the group, the
    //    other adds the stranger's device to its access list.
    let renamed = changed_by_a_stranger(&f, "profile", |doc, profile| {
        doc.put(&profile, "name", "Groupe usurpé").expect("renamed");
    });
    let stranger = Comptoir::new().peer_id();
    let with_stranger = changed_by_a_stranger(&f, "access", |doc, access| {
        let device = doc
            .put_object(&access, stranger.as_str(), automerge::ObjType::Map)
            .expect("a device");
        doc.put(&device, "role", "facilitator").expect("a role");
    });
    // 2. Importing either is refused, saying why; nothing stored changes, and the stranger is
    //    no device of the group.
    for (name, bytes) in [("renamed", renamed), ("with-stranger", with_stranger)] {
        let file = f.comptoir.file(&format!("{name}.automerge"));
        std::fs::write(&file, bytes).unwrap();
        f.refused(
            &["import", file.to_str().unwrap()],
            "written by a device that may not write this group were refused",
        );
    }
    let devices = f.comptoir.json(&["device", "list", &f.group]);
    assert!(
        !devices.to_string().contains(&stranger),
        "the stranger is listed: {devices}"
    );
}

#[test]
fn an_unknown_export_format_is_refused_and_writes_no_file() {
    let f = Fixture::new();
    let out = f.comptoir.file("bistrot.pdf");
    f.refused(
        &["export", &f.group, "--format", "pdf"],
        "unknown export format \"pdf\"",
    );
    f.refused(
        &[
            "export",
            &f.group,
            "--format",
            "pdf",
            "-o",
            out.to_str().unwrap(),
        ],
        "unknown export format",
    );
    assert!(!out.exists());
    f.refused(
        &[
            "export",
            &f.group,
            "--format",
            "md",
            "--note",
            "Compte rendu d'avril",
        ],
        "no note matches",
    );
}

#[test]
fn a_database_full_of_garbage_is_reported_damaged_and_left_as_it_was() {
    // 1. The database file holds something that is not a database at all.
    let comptoir = Comptoir::new();
    let garbage: Vec<u8> = b"Ceci n'est pas une base de donn\xc3\xa9es. ".repeat(300);
    std::fs::write(comptoir.database(), &garbage).unwrap();
    // 2. Reading and writing are both refused, naming the damage.
    for args in [
        &["group", "list"][..],
        &[
            "group",
            "create",
            "--name",
            "Bistrot de Jumet",
            "--kind",
            "bistrot",
        ],
    ] {
        let message = comptoir.fails(args);
        assert!(
            message.contains("damaged"),
            "comptoir {args:?} said {message:?}"
        );
    }
    // 3. Not one byte of the file was changed, and no file was added beside it.
    assert!(
        std::fs::read(comptoir.database()).unwrap() == garbage,
        "the damaged database was changed"
    );
    let files: Vec<_> = std::fs::read_dir(comptoir.data_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files, ["comptoir.sqlite3"]);
}

#[test]
fn a_database_with_damaged_pages_is_refused_and_left_as_it_was() {
    // 1. A real database, whose pages after the first are overwritten (a failing disk).
    let comptoir = Comptoir::new();
    let group = comptoir.bistrot("Bistrot du Social de Jumet");
    comptoir.create(&["member", "add", &group, "--name", "Nadia Lambotte"]);
    let mut bytes = std::fs::read(comptoir.database()).unwrap();
    assert!(bytes.len() > 4096, "the database has more than one page");
    for (i, b) in bytes.iter_mut().enumerate().skip(4096) {
        *b = (i % 251) as u8;
    }
    std::fs::write(comptoir.database(), &bytes).unwrap();
    // 2. Reading and writing are both refused with one line and a non-zero exit, saying what
    //    SQLite found. (The pages past the first are only read by the query, so the store sees
    //    a query failing, not a database it cannot open.)
    for args in [
        &["group", "list"][..],
        &["member", "add", &group, "--name", "Octave Dubois"],
    ] {
        let message = comptoir.fails(args);
        assert!(
            message.contains("database disk image is malformed"),
            "comptoir {args:?} said {message:?}"
        );
    }
    // 3. The file is exactly as it was.
    assert!(
        std::fs::read(comptoir.database()).unwrap() == bytes,
        "the damaged database was changed"
    );
}

#[test]
fn invitations_last_an_hour_unless_told_and_never_more_than_seven_days() {
    let f = Fixture::new();
    let g = f.group.as_str();
    let address = "/ip4/127.0.0.1/tcp/4710";

    // 1. A code made without a lifetime is valid for an hour (rounded up to the minute).
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs() as i64;
    let made = f
        .comptoir
        .json(&["invite", "create", g, "--address", address]);
    let left = made["expires_at"].as_i64().expect("an expiry") - now;
    assert!((3600..=3720).contains(&left), "valid for {left} s");

    // 2. More than seven days is refused, and so is a lifetime too long to count.
    f.refused(
        &[
            "invite",
            "create",
            g,
            "--expires-in",
            "8d",
            "--address",
            address,
        ],
        "between one second and seven days",
    );
    let message = f.comptoir.fails(&[
        "invite",
        "create",
        g,
        "--expires-in",
        "99999999999999999999d",
    ]);
    assert!(
        message.contains("30m, 24h or 7d") || message.contains("far too long"),
        "{message}"
    );
    let message = f
        .comptoir
        .fails(&["invite", "create", g, "--expires-in", "999999999999999999d"]);
    assert!(message.contains("far too long"), "{message}");
}
