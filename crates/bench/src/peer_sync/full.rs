//! Full sync of a 5,000-event group to a fresh peer.
//!
//! A fresh device holds nothing and is on no access list, so the one honest way for it to get
//! a group is the invitation flow: the inviter checks the proof, adds the device to the
//! group's access list, and the sync engine sends the group to a device that expects it
//! (`Engine::expect_group`). Timed from the start of `Node::accept_invitation` (the two nodes
//! already connected) to its return, which waits until the group is stored and up to date with
//! the inviter. Five fresh peers join one after the other: the first in a cold process (as a
//! device joining for real), the others with the process warmed up.

use std::time::{Duration, Instant};

use comptoir_app::invitation::InvitationCode;
use comptoir_app::node::NodeEvent;
use comptoir_app::{App, NewInvitation};
use comptoir_model::{EventId, GroupId};
use tempfile::TempDir;

use super::harness::Peer;
use super::{fixture, is_synced, kb, ms_of, settle, verdict};

const EVENTS: u32 = 5_000;
/// Fresh peers joining one after the other: the first in a cold process, the others warm.
const JOINS: usize = 5;
const TARGET: Duration = Duration::from_millis(100);

/// Two nodes that now both hold the group, for the next benchmark.
#[derive(Debug)]
pub struct Joined {
    pub a: Peer,
    pub b: Peer,
    pub b_dir: TempDir,
    pub group: GroupId,
    pub events: Vec<EventId>,
    pub a_dir: TempDir,
}

pub async fn run() -> anyhow::Result<Joined> {
    let a_dir = tempfile::tempdir()?;
    let mut a_app = App::open(a_dir.path())?;
    let a_id = a_app.peer_id().to_base58();

    let built = Instant::now();
    let (mut doc, events) = fixture::agenda_group(1, EVENTS, &[a_id])?;
    let saved = doc.save();
    let group = doc.id().clone();
    println!(
        "\n## (a) Full sync of a {EVENTS}-event group to a fresh peer, {JOINS} times (built in {:.1} s; saved size {} bytes = {:.1} KB)",
        built.elapsed().as_secs_f64(),
        saved.len(),
        kb(saved.len() as u64)
    );
    a_app.import(&saved)?;
    // Made before A starts (made while it runs, they would make it reload every group). No
    // address in the codes: each new peer connects to A before it accepts, so that
    // connecting is not part of the time measured.
    let mut codes = Vec::with_capacity(JOINS);
    for _ in 0..JOINS {
        let terms = NewInvitation {
            preapproved: true,
            ..NewInvitation::default()
        };
        let invitation = a_app.create_invitation(group.as_str(), terms)?;
        codes.push(InvitationCode::decode(&invitation.code)?);
    }
    drop(a_app);

    let mut a = Peer::start(a_dir.path()).await?;
    let mut runs = Vec::with_capacity(JOINS);
    let mut joined_peer = None;
    for code in codes {
        if let Some((b, _)) = joined_peer.take() {
            Peer::shutdown(b).await?;
        }
        let b_dir = tempfile::tempdir()?;
        let b = Peer::start(b_dir.path()).await?;
        let run = join(&mut a, &b, code, &group).await?;
        runs.push(run);
        joined_peer = Some((b, b_dir));
    }
    let Some((b, b_dir)) = joined_peer else {
        anyhow::bail!("no peer joined");
    };

    let first = &runs[0];
    let mut later: Vec<Duration> = runs[1..].iter().map(|r| r.wall).collect();
    later.sort();
    let median = later[later.len() / 2];
    println!(
        "connecting (TCP + Noise + Yamux on loopback, not counted): {}",
        ms_of(first.connect)
    );
    println!(
        "wall time, accept_invitation until the group is stored and synced on the new peer: first {} (target <= 100 ms: {}); next {}: median {}, min {}, max {} ({})",
        ms_of(first.wall),
        verdict(first.wall <= TARGET),
        later.len(),
        ms_of(median),
        ms_of(later[0]),
        ms_of(later[later.len() - 1]),
        verdict(median <= TARGET),
    );
    println!(
        "  (the inviter saw the first new peer up to date {} after its accept started)",
        ms_of(first.inviter_knows)
    );
    let ratio = first.bytes as f64 / saved.len() as f64;
    println!(
        "sync payload on the wire, both directions: {} bytes in {} frames = {ratio:.2}x the saved size (target <= 1.15x: {})",
        first.bytes,
        first.frames,
        verdict(ratio <= 1.15)
    );
    Ok(Joined {
        a,
        b,
        b_dir,
        group,
        events,
        a_dir,
    })
}

/// One fresh peer joining.
struct Run {
    connect: Duration,
    wall: Duration,
    inviter_knows: Duration,
    bytes: u64,
    frames: u64,
}

/// Connects `b` to `a`, then has it accept the invitation; A's traffic counts from here.
async fn join(
    a: &mut Peer,
    b: &Peer,
    code: InvitationCode,
    group: &GroupId,
) -> anyhow::Result<Run> {
    let a_before = a.traffic().await?;
    let dialled = Instant::now();
    b.dial(&a.address).await?;
    let connect = dialled.elapsed();
    let b_id = b.id;
    a.wait_for(|e| matches!(e, NodeEvent::Connected { peer, .. } if *peer == b_id))
        .await?;

    let (started, joined) = b.accept(code).await?;
    let inviter_knows = a.wait_for(|e| is_synced(e, group, &b_id)).await?;
    settle().await;
    let (a_after, b_after) = (a.traffic().await?, b.traffic().await?);
    Ok(Run {
        connect,
        wall: joined - started,
        inviter_knows: inviter_knows.at - started,
        bytes: a_after.sent_bytes - a_before.sent_bytes + b_after.sent_bytes,
        frames: a_after.sent_frames - a_before.sent_frames + b_after.sent_frames,
    })
}
