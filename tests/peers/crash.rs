//! A device killed with SIGKILL in the middle of receiving a large group loses nothing: the next
//! `sync` brings it exactly the serving device's group, and the serving device keeps all it had.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use comptoir_model::{
    ActorId, Date, DeviceRole, EventId, EventKind, GroupDoc, GroupId, GroupKind, LocalDateTime,
    MemberId, NewEvent, NewMember, NewNote, NoteId, Profile, SectionId, Visibility,
};
use comptoir_testkit::ProcessGroup;
use serde_json::Value;

use crate::support::{Device, PATIENCE, Server, TIMEOUT};

/// The size of the group: enough changes that B is still at work after its first write.
const EVENTS: u32 = 3_000;
const NOTES: u32 = 300;
const MEMBERS: u32 = 200;
/// A Sync request at least this long carries A's changes (the others are a few hundred bytes).
const LARGE: usize = 16 * 1024;

const PARAGRAPH: &str = "Les travailleuses et travailleurs sociaux présents ont partagé leurs \
constats : manque de temps pour prendre du recul, isolement, pratiques de terrain bousculées.";

fn id6(kind: u8, n: u32) -> [u8; 6] {
    let b = n.to_be_bytes();
    [kind, 0, b[0], b[1], b[2], b[3]]
}

/// The federation's group, built once for every test here: as first shared (its profile), and
/// after years of meetings on A.
struct Bulk {
    first: Vec<u8>,
    last: Vec<u8>,
}

fn bulk() -> &'static Bulk {
    static BULK: OnceLock<Bulk> = OnceLock::new();
    BULK.get_or_init(|| {
        let today = Date::parse("2025-01-06").expect("a date");
        let mut profile = Profile::new(
            "Fédération des Bistrots du Social du Hainaut",
            GroupKind::Federation,
        )
        .expect("a profile");
        profile.country = Some("BE".into());
        let mut doc =
            GroupDoc::create(group_id(), profile, ActorId::from(vec![1u8; 16])).expect("a group");
        let first = doc.save();
        for n in 0..MEMBERS {
            let new = NewMember {
                name: format!("Personne inventée n°{n}"),
                email: Some(format!("personne{n}@example.org")),
                town: Some("Mons".into()),
                ..NewMember::default()
            };
            doc.add_member(MemberId::from_random(id6(1, n)), new, today)
                .expect("a member");
        }
        let mut events = Vec::new();
        for n in 0..EVENTS {
            let (year, day) = (2015 + n / 300, n % 300);
            let (month, mday) = (1 + day / 28, 1 + day % 28);
            let start = format!("{year}-{month:02}-{mday:02}T19:00");
            let new = NewEvent {
                title: format!("Bistrot du vendredi n°{n}"),
                kind: EventKind::Bistrot,
                start: LocalDateTime::parse(&start).expect("a start"),
                end: None,
                tz: None,
                repeat: None,
                venue: Some("Café de la Grand-Place".into()),
                address: None,
                online: None,
                theme: Some("Le temps de parole".into()),
                guests: Vec::new(),
                capacity: Some(30),
                registration: None,
            };
            let event = EventId::from_random(id6(2, n));
            doc.add_event(event.clone(), new).expect("an event");
            events.push(event);
        }
        let mut section = 0u32;
        for n in 0..NOTES {
            let new = NewNote {
                title: format!("Synthèse n°{n}"),
                date: Some(today),
                event: Some(events[n as usize].clone()),
                occurrence: None,
                authors: vec!["Animatrice inventée".into()],
                sections: vec![
                    ("Constats".into(), PARAGRAPH.into()),
                    ("Pépites".into(), PARAGRAPH.into()),
                ],
                links: Vec::new(),
                tags: vec!["isolement".into()],
                visibility: Some(Visibility::Group),
            };
            doc.add_note(NoteId::from_random(id6(3, n)), new, today, || {
                section += 1;
                SectionId::from_random(section.to_be_bytes())
            })
            .expect("a note");
        }
        Bulk {
            first,
            last: doc.save(),
        }
    })
}

fn group_id() -> GroupId {
    GroupId::from_random([0x5a; 16])
}

/// The group as devices `a` and `b` first had it (its profile, and an access list naming them
/// both), and as A has it now: (first bytes, last bytes, group id). The last bytes are the
/// years of meetings followed by the changes that granted A and B (storage chunks concatenate).
fn large_group(a: &str, b: &str) -> (Vec<u8>, Vec<u8>, String) {
    let today = Date::parse("2025-01-06").expect("a date");
    let bulk = bulk();
    let mut first = GroupDoc::load(&bulk.first, ActorId::random()).expect("the first version");
    first
        .grant_device(a, DeviceRole::Facilitator, None, a, today)
        .expect("A is granted");
    first
        .grant_device(b, DeviceRole::Facilitator, None, a, today)
        .expect("B is granted");
    let grants = first.take_unsaved();
    let last = [bulk.last.as_slice(), &grants].concat();
    (first.save(), last, group_id().to_string())
}

/// Rows of B's `changes` table for the group: what `sync` appended since the import.
fn changes_of(device: &Device, group: &str) -> i64 {
    // The database may be busy a moment while B writes: wait, as the app does.
    let db = rusqlite::Connection::open_with_flags(
        device.database(),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .expect("B's database opens");
    db.busy_timeout(PATIENCE).expect("a busy timeout");
    db.query_row(
        "SELECT count(*) FROM changes WHERE document = ?1",
        [group],
        |row| row.get(0),
    )
    .expect("B's changes are readable")
}

/// Kills `sync` and everything it started, and waits for it.
fn kill(sync: &mut ProcessGroup) {
    sync.kill().expect("B's sync is killed and waited for");
}

/// A and B, the group as first shared on B (by invitation) and with years of meetings on A,
/// A serving, and A's group as exported before anything else happens.
struct Setup {
    a: Device,
    b: Device,
    group: String,
    server: Server,
    a_before: Value,
    /// Rows of B's `changes` table for the group once it had joined.
    b_changes: i64,
}

fn setup() -> Setup {
    // 1. Two laptops, A and B. A imports the federation's group as it was first shared and
    //    lets B in with an invitation; then A imports the years of meetings since (a merge into
    //    the group it holds, read by its `serve`).
    let (a, b) = (Device::new(), Device::new());
    let (first, last, group) = large_group(&a.peer_id(), &b.peer_id());
    std::fs::write(a.file("first.automerge"), &first).expect("written");
    std::fs::write(a.file("last.automerge"), &last).expect("written");
    a.json(&[
        "import",
        a.file("first.automerge").to_str().expect("a path"),
    ]);
    let server = a.serve();
    b.join(&a, &group, &server);
    let b_changes = changes_of(&b, &group);
    // A's admin vouches for the file (written by the federation's device, which the group's
    // log does not know).
    a.json(&[
        "import",
        "--vouch",
        a.file("last.automerge").to_str().expect("a path"),
    ]);
    let a_before = a.export(&group);
    assert_eq!(
        a_before["events"].as_object().map(|e| e.len()),
        Some(EVENTS as usize)
    );
    let b_before = b.export(&group);
    assert_eq!(b_before["events"].as_object().map(|e| e.len()), Some(0));
    Setup {
        a,
        b,
        group,
        server,
        a_before,
        b_changes,
    }
}

/// B's `sync` with A, in a process group of its own so that one signal kills it whole.
fn start_sync(setup: &Setup, log: Option<&str>) -> ProcessGroup {
    let mut sync = setup.b.command(&[
        "--json",
        "sync",
        "--peer",
        &setup.server.address,
        "--no-mdns",
        "--timeout",
        TIMEOUT,
    ]);
    if let Some(filter) = log {
        sync.env("COMPTOIR_LOG", filter).env("NO_COLOR", "1");
    }
    sync.stdout(Stdio::null()).stderr(if log.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    ProcessGroup::spawn(&mut sync).expect("B's sync starts")
}

/// B syncs again to the end; then B has exactly A's group, and A lost nothing.
fn assert_nothing_lost(setup: &Setup) {
    setup.b.sync_ok(&setup.server.address);
    let a_after = setup.a.export(&setup.group);
    assert_eq!(a_after, setup.a_before, "A's group changed");
    assert_eq!(
        setup.b.export(&setup.group),
        a_after,
        "B's group differs from A's"
    );
}

#[test]
fn a_sync_killed_after_its_first_write_loses_nothing() {
    // 1–2. A serves the large group; B has its first version.
    let setup = setup();

    // 3. B syncs; as soon as B's database holds the first write of what it receives, B is
    //    killed. (The database is polled: one read every millisecond.)
    let mut sync = start_sync(&setup, None);
    let deadline = Instant::now() + PATIENCE;
    while changes_of(&setup.b, &setup.group) == setup.b_changes {
        assert!(Instant::now() < deadline, "B never wrote what it received");
        assert!(sync.is_running(), "B's sync ended before writing anything");
        std::thread::sleep(Duration::from_millis(1));
    }
    let interrupted = sync.is_running();
    kill(&mut sync);
    assert!(interrupted, "B's sync had finished: make the group larger");

    // 4–5. B syncs again: it has exactly A's group, and A lost nothing.
    assert_nothing_lost(&setup);
}

/// The length of a Sync request that B's network layer reports receiving, in a line of its
/// debug log (`request received … protocol=/comptoir/sync/1 len=N`).
fn received_len(line: &str) -> Option<usize> {
    if !line.contains("request received") || !line.contains("/comptoir/sync/") {
        return None;
    }
    let len = line.split("len=").nth(1)?;
    len.chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()
}

#[test]
fn a_sync_killed_while_applying_what_it_received_loses_nothing() {
    // 1–2. A serves the large group; B has its first version.
    let setup = setup();

    // 3. B syncs, logging what its network layer receives; as soon as the large message with
    //    A's changes has arrived, while B applies it, B is killed.
    let mut sync = start_sync(&setup, Some("comptoir_net=debug"));
    let stderr = BufReader::new(sync.child_mut().stderr.take().expect("piped stderr"));
    let mut seen = Vec::new();
    let mut arrived = false;
    for line in stderr.lines() {
        let line = line.expect("B's log");
        if received_len(&line).is_some_and(|len| len >= LARGE) {
            arrived = true;
            break;
        }
        seen.push(line);
    }
    assert!(arrived, "B never received a large message: {seen:#?}");
    let interrupted = sync.is_running();
    kill(&mut sync);
    assert!(interrupted, "B's sync had finished: make the group larger");

    // 4–5. B syncs again: it has exactly A's group, and A lost nothing.
    assert_nothing_lost(&setup);
}
