//! The peer-sync benchmarks: two real nodes in this process, each on its own temporary data
//! directory and driven by its own task on a multi-thread runtime, connected over libp2p (TCP,
//! Noise, Yamux) on 127.0.0.1 only, mDNS off.
//!
//! 1. Full sync of a 5,000-event group to a fresh peer, which joins with an invitation.
//! 2. One edit, from the commit on one node to the change stored on the other (and, for
//!    comparison, the same edit made the way the desktop shell makes it).
//! 3. Reconnecting two nodes that share 100 up-to-date groups, after a restart.
//!
//! Bytes are sync frame payloads as the nodes count them (`Node::traffic`), both directions:
//! what one node sends, the other receives.

mod edit;
mod fixture;
mod full;
mod harness;
mod reconnect;
mod watcher;

use std::time::Duration;

use comptoir_app::PeerId;
use comptoir_app::model::GroupId;
use comptoir_app::node::{NodeEvent, Traffic};

use crate::storage::ms;

pub fn run() -> anyhow::Result<()> {
    println!(
        "# Peer sync: two nodes in one process, real libp2p connections over TCP on 127.0.0.1 (mDNS off)"
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let joined = full::run().await?;
        edit::run(joined).await?;
        reconnect::run().await
    })
}

/// Sync frame bytes sent by either node: everything on the wire between the two.
fn both_ways(a: Traffic, b: Traffic) -> (u64, u64) {
    (a.sent_bytes + b.sent_bytes, a.sent_frames + b.sent_frames)
}

/// Whether `event` says that `group` is up to date with `peer`.
fn is_synced(event: &NodeEvent, group: &GroupId, peer: &PeerId) -> bool {
    matches!(event, NodeEvent::Synced { group: g, peer: p } if g == group && p == peer)
}

/// Leaves time for the last answers of an exchange to land before traffic is read.
async fn settle() {
    tokio::time::sleep(Duration::from_millis(300)).await;
}

fn kb(bytes: u64) -> f64 {
    bytes as f64 / 1000.0
}

/// "ok" when a target is met, else a visible "MISSED".
fn verdict(ok: bool) -> &'static str {
    if ok { "ok" } else { "MISSED" }
}

/// The value at quantile `q` (0..=1) of sorted samples, nearest rank.
fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn ms_of(d: Duration) -> String {
    format!("{:.2} ms", ms(d))
}
