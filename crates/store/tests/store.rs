//! The store on real SQLite files: durability, concurrent connections, compaction races and
//! damaged databases.
#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use comptoir_store::{DB_FILE, Store, StoreError};
use proptest::prelude::*;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn concat(doc: &comptoir_store::StoredDocument) -> Vec<u8> {
    let mut all = doc.snapshot.clone();
    for change in &doc.changes {
        all.extend_from_slice(change);
    }
    all
}

#[test]
fn appended_changes_survive_reopening() -> TestResult {
    // 1. Create a document and append two changes.
    let dir = tempfile::tempdir()?;
    let store = Store::open(dir.path())?;
    store.create("g", b"S")?;
    store.append("g", b"a")?;
    store.append("g", b"b")?;
    drop(store);
    // 2. Reopen: everything is there, in order.
    let store = Store::open(dir.path())?;
    assert_eq!(store.documents()?, ["g"]);
    let doc = store.load("g")?;
    assert_eq!(doc.snapshot, b"S");
    assert_eq!(doc.changes, [b"a".to_vec(), b"b".to_vec()]);
    Ok(())
}

#[test]
fn two_connections_writing_at_once_keep_every_write() -> TestResult {
    // 1. Two threads, each with its own connection, append 50 changes each at the same time.
    let dir = tempfile::tempdir()?;
    Store::open(dir.path())?.create("g", b"")?;
    let writers: Vec<_> = (0..2u8)
        .map(|w| {
            let path = dir.path().to_path_buf();
            std::thread::spawn(move || -> Result<(), StoreError> {
                let store = Store::open(&path)?;
                for i in 0..50u8 {
                    store.append("g", &[w, i])?;
                }
                Ok(())
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap()?;
    }
    // 2. All 100 changes are stored.
    let doc = Store::open(dir.path())?.load("g")?;
    assert_eq!(doc.changes.len(), 100);
    Ok(())
}

#[test]
fn a_compaction_from_a_stale_view_changes_nothing() -> TestResult {
    // 1. Process A reads the document; process B appends and compacts meanwhile.
    let dir = tempfile::tempdir()?;
    let a = Store::open(dir.path())?;
    let b = Store::open(dir.path())?;
    a.create("g", b"S")?;
    a.append("g", b"1")?;
    let seen_by_a = a.load("g")?;
    b.append("g", b"2")?;
    let seen_by_b = b.load("g")?;
    assert!(b.compact(
        "g",
        &concat(&seen_by_b),
        seen_by_b.generation,
        seen_by_b.last_seq
    )?);
    // 2. A's compaction, which never saw change 2, is refused.
    assert!(!a.compact(
        "g",
        &concat(&seen_by_a),
        seen_by_a.generation,
        seen_by_a.last_seq
    )?);
    // 3. Nothing was lost.
    assert_eq!(concat(&a.load("g")?), b"S12");
    Ok(())
}

#[test]
fn changes_appended_during_a_compaction_are_kept() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = Store::open(dir.path())?;
    store.create("g", b"S")?;
    store.append("g", b"1")?;
    let seen = store.load("g")?;
    // 1. Another process appends after our read but before our compaction.
    Store::open(dir.path())?.append("g", b"2")?;
    // 2. The compaction folds in only what it saw; change 2 stays as a change.
    assert!(store.compact("g", &concat(&seen), seen.generation, seen.last_seq)?);
    let after = store.load("g")?;
    assert_eq!(after.snapshot, b"S1");
    assert_eq!(after.changes, [b"2".to_vec()]);
    Ok(())
}

#[test]
fn a_copy_read_earlier_catches_up_with_what_was_appended_since() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = Store::open(dir.path())?;
    store.create("g", b"S")?;
    store.append("g", b"1")?;
    let seen = store.load("g")?;
    // 1. Another process appends two changes: only those come back, with their numbers.
    let other = Store::open(dir.path())?;
    other.append("g", b"2")?;
    other.append("g", b"3")?;
    let since = store.appended_since("g", seen.last_seq)?;
    assert_eq!(since.generation, seen.generation);
    let bytes: Vec<&[u8]> = since.changes.iter().map(|(_, b)| b.as_slice()).collect();
    assert_eq!(bytes, [b"2".as_slice(), b"3"]);
    assert!(since.changes.iter().all(|(seq, _)| *seq > seen.last_seq));
    // 2. Usage counts the changes outside the snapshot and every byte kept.
    let usage = store.usage("g")?;
    assert_eq!((usage.changes, usage.bytes), (3, 4));
    // 3. After another process compacts, the generation says the copy must be read again.
    let now = other.load("g")?;
    assert!(other.compact("g", &concat(&now), now.generation, now.last_seq)?);
    assert_ne!(
        store.appended_since("g", seen.last_seq)?.generation,
        seen.generation
    );
    assert_eq!(store.usage("g")?.changes, 0);
    // 4. The count of changes ever appended does not go back with a compaction.
    assert_eq!(store.appended_ever()?, 3);
    assert!(matches!(
        store.usage("nope"),
        Err(StoreError::UnknownDocument(_))
    ));
    Ok(())
}

#[test]
fn a_damaged_file_is_reported_and_left_untouched() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join(DB_FILE);
    let garbage = b"this is not a database, just some bytes that were here before".repeat(100);
    std::fs::write(&path, &garbage)?;
    let err = Store::open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
    assert!(err.to_string().contains("damaged"));
    assert_eq!(std::fs::read(&path)?, garbage);
    Ok(())
}

#[test]
fn a_database_from_a_newer_version_is_refused() -> TestResult {
    let dir = tempfile::tempdir()?;
    drop(Store::open(dir.path())?);
    set_layout_version(dir.path(), 99)?;
    let err = Store::open(dir.path()).unwrap_err();
    assert!(
        matches!(err, StoreError::NewerDatabase { found: 99, .. }),
        "{err}"
    );
    Ok(())
}

/// Sets the database's layout version as a newer Comptoir would. `user_version` is the
/// big-endian u32 at offset 60 of the SQLite header (the WAL was checkpointed at close).
fn set_layout_version(dir: &std::path::Path, version: u32) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom, Write};
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(dir.join(DB_FILE))?;
    file.seek(SeekFrom::Start(60))?;
    file.write_all(&version.to_be_bytes())?;
    file.sync_all()
}

#[cfg(unix)]
#[test]
fn the_database_is_private_to_its_owner() -> TestResult {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    drop(Store::open(&data)?);
    assert_eq!(
        std::fs::metadata(&data)?.permissions().mode() & 0o777,
        0o700
    );
    assert_eq!(
        std::fs::metadata(data.join(DB_FILE))?.permissions().mode() & 0o777,
        0o600
    );
    Ok(())
}

#[test]
fn unknown_documents_and_duplicates_are_refused() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = Store::open(dir.path())?;
    assert!(matches!(
        store.load("nope"),
        Err(StoreError::UnknownDocument(_))
    ));
    assert!(matches!(
        store.append("nope", b"x"),
        Err(StoreError::UnknownDocument(_))
    ));
    store.create("g", b"S")?;
    assert!(matches!(
        store.create("g", b"other"),
        Err(StoreError::DocumentExists(_))
    ));
    assert_eq!(store.load("g")?.snapshot, b"S");
    Ok(())
}

#[derive(Debug, Clone)]
enum Op {
    Append(Vec<u8>),
    Compact,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => proptest::collection::vec(any::<u8>(), 1..8).prop_map(Op::Append),
        1 => Just(Op::Compact),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever the mix of appends and compactions, the stored bytes are every append in order.
    #[test]
    fn appends_and_compactions_keep_every_byte(ops in proptest::collection::vec(op(), 0..30)) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.create("g", b"").unwrap();
        let mut expected = Vec::new();
        for op in ops {
            match op {
                Op::Append(bytes) => {
                    store.append("g", &bytes).unwrap();
                    expected.extend_from_slice(&bytes);
                }
                Op::Compact => {
                    let seen = store.load("g").unwrap();
                    prop_assert!(store.compact("g", &concat(&seen), seen.generation, seen.last_seq).unwrap());
                }
            }
        }
        prop_assert_eq!(concat(&store.load("g").unwrap()), expected);
    }
}

#[test]
fn a_group_keeps_its_membership_log_beside_its_document() -> TestResult {
    // 1. A group has no log until one is set; a log set again replaces the last one whole.
    let dir = tempfile::tempdir()?;
    let store = Store::open(dir.path())?;
    store.create("g", b"S")?;
    assert_eq!(store.authority("g")?, None);
    store.set_authority("g", b"log-1")?;
    store.set_authority("g", b"log-2")?;
    drop(store);

    // 2. It is there after reopening.
    let store = Store::open(dir.path())?;
    assert_eq!(store.authority("g")?.as_deref(), Some(&b"log-2"[..]));

    // 3. A group that is not stored has no log, and gets none.
    assert!(matches!(
        store.set_authority("nope", b"x"),
        Err(StoreError::UnknownDocument(_))
    ));
    assert_eq!(store.authority("nope")?, None);
    Ok(())
}

#[test]
fn only_the_peers_seen_last_are_remembered() -> TestResult {
    // 1. More peers than the store keeps connect, one after the other.
    let dir = tempfile::tempdir()?;
    let store = Store::open(dir.path())?;
    let count = comptoir_store::MAX_PEERS + 5;
    for n in 0..count {
        store.saw_peer(&format!("peer-{n:05}"), None)?;
    }
    // 2. The store holds as many as it keeps, the last one among them.
    let seen = store.seen_peers()?;
    assert_eq!(seen.len() as i64, comptoir_store::MAX_PEERS);
    let last = format!("peer-{:05}", count - 1);
    assert!(seen.iter().any(|p| p.peer == last));
    Ok(())
}

#[test]
fn invitations_expired_for_a_day_are_forgotten_with_their_secrets() -> TestResult {
    // 1. A group with two invitations: one that expired two days ago, one alive.
    let dir = tempfile::tempdir()?;
    let store = Store::open(dir.path())?;
    store.create("g", b"S")?;
    let now = 1_800_000_000;
    let invitation = |id: &str, expires_at| comptoir_store::StoredInvitation {
        id: id.into(),
        document: "g".into(),
        secret: vec![7; 32],
        expires_at,
        used_by: None,
        wrong_proofs: 0,
        role: "facilitator".into(),
        preapproved: true,
    };
    store.add_invitation(&invitation("old", now - 2 * comptoir_store::EXPIRED_KEPT))?;
    store.add_invitation(&invitation("alive", now + 3600))?;
    // 2. Purged: the old one is gone, secret and all; the live one stays.
    assert_eq!(store.purge_invitations(now)?, 1);
    assert!(store.invitation("old")?.is_none());
    assert!(store.invitation("alive")?.is_some());
    Ok(())
}
