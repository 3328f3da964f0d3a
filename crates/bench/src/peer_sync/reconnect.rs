//! Reconnecting to a peer with 100 up-to-date groups.
//!
//! Both devices hold the same 100 groups: A imported them and B joined each with an invitation
//! (not timed). A first session syncs them all and stores the sync states; both nodes stop; new
//! nodes start on the same data directories and connect again. Timed from the dial until both
//! nodes have reported every group `Synced` with the other; bytes are everything both sent in
//! that second session.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use comptoir_app::invitation::InvitationCode;
use comptoir_app::node::NodeEvent;
use comptoir_app::{App, NewInvitation, PeerId};

use super::harness::Peer;
use super::{both_ways, fixture, kb, ms_of, settle, verdict};

const GROUPS: u16 = 100;
/// Meetings in each group: a season's agenda.
const EVENTS: u32 = 12;

/// What one session of the two nodes took.
struct Session {
    connect: Duration,
    synced: Duration,
    bytes: u64,
    frames: u64,
}

pub async fn run() -> anyhow::Result<()> {
    println!("\n## (c) Reconnecting to a peer with {GROUPS} up-to-date groups");
    let a_dir = tempfile::tempdir()?;
    let b_dir = tempfile::tempdir()?;
    let mut a_app = App::open(a_dir.path())?;
    let devices = [a_app.peer_id().to_base58()];
    let mut groups = BTreeSet::new();
    let mut codes = Vec::with_capacity(usize::from(GROUPS));
    for seed in 0..GROUPS {
        let (mut doc, _) = fixture::agenda_group(1_000 + seed, EVENTS, &devices)?;
        let imported = a_app.import(&doc.save())?;
        let terms = NewInvitation {
            preapproved: true,
            ..NewInvitation::default()
        };
        let code = a_app.create_invitation(imported.id.as_str(), terms)?;
        codes.push(InvitationCode::decode(&code.code)?);
        groups.insert(doc.id().to_string());
    }
    drop(a_app);
    // B joins each group with an invitation, as a device does: A's membership log then lists
    // B (two devices importing one file would be two authorities, and share nothing).
    join_all(a_dir.path(), b_dir.path(), codes).await?;

    let first = session(a_dir.path(), b_dir.path(), &groups).await?;
    println!(
        "first session after the joins (same copies): {} bytes ({:.1} KB) in {} frames, all synced {} after the dial",
        first.bytes,
        kb(first.bytes),
        first.frames,
        ms_of(first.synced)
    );
    let again = session(a_dir.path(), b_dir.path(), &groups).await?;
    println!(
        "reconnecting after a restart: {} bytes = {:.1} KB in {} frames (target <= 20 KB: {})",
        again.bytes,
        kb(again.bytes),
        again.frames,
        verdict(again.bytes <= 20_000)
    );
    println!(
        "time from the dial until both nodes report all {GROUPS} groups Synced: {} (target <= 50 ms: {}; connecting took {})",
        ms_of(again.synced),
        verdict(again.synced <= Duration::from_millis(50)),
        ms_of(again.connect)
    );
    Ok(())
}

/// B joins every group A invites it to, one code after another, over one connection.
async fn join_all(a_dir: &Path, b_dir: &Path, codes: Vec<InvitationCode>) -> anyhow::Result<()> {
    let mut a = Peer::start(a_dir).await?;
    let mut b = Peer::start(b_dir).await?;
    b.dial(&a.address.clone()).await?;
    let b_id = b.id;
    a.wait_for(|e| matches!(e, NodeEvent::Connected { peer, .. } if *peer == b_id))
        .await?;
    for code in codes {
        b.accept(code).await?;
        // What the nodes reported is read, as a window would, so that neither waits to report.
        a.drain();
        b.drain();
    }
    a.shutdown().await?;
    b.shutdown().await?;
    Ok(())
}

/// Starts a node on each directory, connects B to A, waits until every group is synced both
/// ways, then stops both (their sync states stay in their stores).
async fn session(a_dir: &Path, b_dir: &Path, groups: &BTreeSet<String>) -> anyhow::Result<Session> {
    let mut a = Peer::start(a_dir).await?;
    let mut b = Peer::start(b_dir).await?;
    let address = a.address.clone();
    let dialled = Instant::now();
    b.dial(&address).await?;
    let connect = dialled.elapsed();
    let b_id = b.id;
    let a_id = a.id;
    let a_done = all_synced(&mut a, &b_id, groups).await?;
    let b_done = all_synced(&mut b, &a_id, groups).await?;
    let synced = a_done.max(b_done) - dialled;
    settle().await;
    let (bytes, frames) = both_ways(a.traffic().await?, b.traffic().await?);
    a.shutdown().await?;
    b.shutdown().await?;
    Ok(Session {
        connect,
        synced,
        bytes,
        frames,
    })
}

/// Waits until `node` has reported every group synced with `peer`; returns when the last was.
async fn all_synced(
    node: &mut Peer,
    peer: &PeerId,
    groups: &BTreeSet<String>,
) -> anyhow::Result<Instant> {
    let mut waiting = groups.clone();
    let mut last = Instant::now();
    while !waiting.is_empty() {
        let stamped = node
            .wait_for(|e| matches!(e, NodeEvent::Synced { peer: p, .. } if p == peer))
            .await?;
        if let NodeEvent::Synced { group, .. } = &stamped.event {
            waiting.remove(group.as_str());
        }
        last = stamped.at;
    }
    Ok(last)
}
