//! One edit on one node, until the other has it, on the 5,000-event group both now hold.
//!
//! The clock starts just before the edit is sent to A's `Handle::edit`, the path the desktop
//! shell's commands take (the request crosses the handle's channel; A's node makes the change,
//! stores it, and hands it to the engine, which sends it at once). It stops when B's store holds the change, seen from a
//! second SQLite connection on B's data directory ([`Watcher`]): B applies a received change
//! and stores it in one step, before answering (its `Received` event comes later). The round
//! trip is printed too: until A reports `Synced` with B, once B's answer has come back.
//!
//! Bytes per edit are both nodes' frames from one edit to the next (A's change, B's answer,
//! anything else the exchange needs), against the bytes of the change itself: what
//! `GroupDoc::take_unsaved` hands to the store for it.
//!
//! For comparison, a few edits are then made as the CLI makes them beside a running app: its
//! own `App` on A's data directory (load, change, append), which A's node notices at its next
//! tick at the latest.

use std::time::{Duration, Instant};

use comptoir_app::App;
use comptoir_model::EventId;

use super::full::Joined;
use super::harness::Change;
use super::watcher::Watcher;
use super::{both_ways, is_synced, ms_of, quantile, verdict};

/// Edits measured, after a few unmeasured ones (first frames, caches).
const EDITS: usize = 200;
const WARM_UP: usize = 10;
/// A pause between edits, as between two clicks, so that each exchange is over before the next.
const PAUSE: Duration = Duration::from_millis(5);
/// Edits made by another process on A's data directory (each noticed at a tick of A's node).
const DESKTOP_EDITS: usize = 10;
/// Edits B has received in all, before its stored changes are counted.
const RECEIVED: usize = 1_000;
/// What a frame may add to the change it carries (the target).
const OVERHEAD: usize = 300;

struct Sample {
    one_way: Duration,
    round_trip: Duration,
    change: usize,
    wire: u64,
    frames: u64,
}

pub async fn run(joined: Joined) -> anyhow::Result<()> {
    let Joined {
        mut a,
        b,
        a_dir,
        b_dir,
        group,
        events,
    } = joined;
    println!(
        "\n## (b) One edit on A until B has it ({EDITS} edits of single events, after {WARM_UP} unmeasured)"
    );
    let mut watcher = Watcher::start(b_dir.path())?;
    let mut samples = Vec::with_capacity(EDITS);
    for i in 0..WARM_UP + EDITS {
        let (wire_before, frames_before) = both_ways(a.traffic().await?, b.traffic().await?);
        let edited = a.edit(&group, change(i, &events)).await?;
        let stored = watcher.until(watcher.initial + i as u64 + 1).await?;
        let synced = a.wait_for(|e| is_synced(e, &group, &b.id)).await?;
        tokio::time::sleep(PAUSE).await;
        let (wire_after, frames_after) = both_ways(a.traffic().await?, b.traffic().await?);
        if i >= WARM_UP {
            samples.push(Sample {
                one_way: stored - edited.at,
                round_trip: synced.at - edited.at,
                change: edited.change_bytes,
                wire: wire_after - wire_before,
                frames: frames_after - frames_before,
            });
        }
    }

    let mut one_way: Vec<Duration> = samples.iter().map(|s| s.one_way).collect();
    one_way.sort();
    let mut round_trip: Vec<Duration> = samples.iter().map(|s| s.round_trip).collect();
    round_trip.sort();
    let p50 = quantile(&one_way, 0.5);
    let p99 = quantile(&one_way, 0.99);
    println!(
        "edit through A's handle (the desktop shell's path) -> stored on B: p50 {}, p99 {}, max {} (target p50 <= 3 ms: {}; p99 <= 10 ms: {})",
        ms_of(p50),
        ms_of(p99),
        ms_of(quantile(&one_way, 1.0)),
        verdict(p50 <= Duration::from_millis(3)),
        verdict(p99 <= Duration::from_millis(10)),
    );
    println!(
        "commit on A -> A reports Synced (B's answer back): p50 {}, p99 {}",
        ms_of(quantile(&round_trip, 0.5)),
        ms_of(quantile(&round_trip, 0.99))
    );

    let mut changes: Vec<usize> = samples.iter().map(|s| s.change).collect();
    changes.sort_unstable();
    let mut wire: Vec<u64> = samples.iter().map(|s| s.wire).collect();
    wire.sort_unstable();
    let mut extra: Vec<i64> = samples
        .iter()
        .map(|s| s.wire as i64 - s.change as i64)
        .collect();
    extra.sort_unstable();
    let within = samples
        .iter()
        .filter(|s| s.wire <= (s.change + OVERHEAD) as u64)
        .count();
    let frames: u64 = samples.iter().map(|s| s.frames).sum();
    println!(
        "bytes on the wire per edit (both directions, {:.1} frames per edit): median {}, max {}; change itself: median {}, max {}",
        frames as f64 / samples.len() as f64,
        wire[wire.len() / 2],
        wire[wire.len() - 1],
        changes[changes.len() / 2],
        changes[changes.len() - 1],
    );
    println!(
        "wire - change per edit: median {} bytes, max {} bytes (target <= {OVERHEAD}: {} of {} edits within, {})",
        extra[extra.len() / 2],
        extra[extra.len() - 1],
        within,
        samples.len(),
        verdict(within == samples.len())
    );

    // The CLI beside a running app writes through its own `App` on the data directory; the
    // node reads the write at its next tick (or before answering anyone).
    let mut app = App::open(a_dir.path())?;
    let mut returned = Vec::with_capacity(DESKTOP_EDITS);
    let mut stored_after = Vec::with_capacity(DESKTOP_EDITS);
    let done = (WARM_UP + EDITS) as u64;
    for j in 0..DESKTOP_EDITS {
        let event = &events[((WARM_UP + EDITS + j) * 13) % events.len()];
        let started = Instant::now();
        app.cancel_event(
            group.as_str(),
            event.as_str(),
            None,
            Some(format!("annulé : grève des transports (bureau {j})")),
        )?;
        returned.push(started.elapsed());
        let stored = watcher.until(watcher.initial + done + j as u64 + 1).await?;
        stored_after.push(stored - started);
        a.wait_for(|e| is_synced(e, &group, &b.id)).await?;
    }
    watcher.stop()?;
    // A device that only receives (B, as a `serve` would) compacts as changes come.
    for i in WARM_UP + EDITS + DESKTOP_EDITS..RECEIVED {
        let id = events[i % events.len()].clone();
        let retitle: Change = Box::new(move |doc| {
            doc.update_event(&id, |e| {
                e.title = format!("Rencontre du réseau n°{i}");
                Ok(())
            })
            .map(drop)
        });
        a.edit(&group, retitle).await?;
        a.wait_for(|e| is_synced(e, &group, &b.id)).await?;
    }
    let status = b.handle().call(|app| app.status()).await?;
    let kept = status.groups.iter().find(|g| g.id == group.as_str());
    println!(
        "B, which only received those {RECEIVED} edits: stored_changes {} ({} bytes stored; target <= 64: {})",
        kept.map_or(0, |g| g.stored_changes),
        kept.map_or(0, |g| g.stored_bytes),
        verdict(kept.is_some_and(|g| g.stored_changes <= 64)),
    );
    returned.sort();
    stored_after.sort();
    println!(
        "the same edit made by another process beside A's node (the CLI's path: its own App on A's data directory, read by A's node at its next tick; {DESKTOP_EDITS} edits, no target): the command returns after median {}; stored on B after median {}, max {}",
        ms_of(quantile(&returned, 0.5)),
        ms_of(quantile(&stored_after, 0.5)),
        ms_of(quantile(&stored_after, 1.0)),
    );
    a.shutdown().await?;
    b.shutdown().await?;
    Ok(())
}

/// A facilitator's edit of one event: its title, its venue, a cancellation, or its theme and
/// capacity. Each changes something, so each makes one change.
fn change(i: usize, events: &[EventId]) -> Change {
    let n = (i * 13) % events.len();
    let id = events[n].clone();
    let edit = move |doc: &mut comptoir_model::GroupDoc| {
        doc.update_event(&id, |e| {
            match i % 4 {
                0 => e.title = format!("Rencontre n°{n} : le temps de parole (reportée)"),
                1 => {
                    e.venue = Some("Centre culturel".into());
                    e.address = Some(format!("Rue du Centre {}, 5500 Dinant", i % 90 + 1));
                }
                2 => e.cancel(None, Some(format!("annulé : grève des transports ({i})")))?,
                _ => {
                    e.theme = Some("Travailler avec les familles".into());
                    e.capacity = Some(30 + (i % 10) as u32);
                }
            }
            Ok(())
        })
        .map(drop)
    };
    Box::new(edit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_edit_touches_another_event() {
        let events: Vec<EventId> = (0..5_000u32)
            .map(|n| EventId::from_random([0, 0, 0, 0, (n >> 8) as u8, n as u8]))
            .collect();
        let touched: std::collections::BTreeSet<usize> = (0..WARM_UP + EDITS)
            .map(|i| (i * 13) % events.len())
            .collect();
        assert_eq!(touched.len(), WARM_UP + EDITS);
    }
}
