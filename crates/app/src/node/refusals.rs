//! Refusals logged in aggregate: the first of each kind from a peer is logged in full, the
//! others of that minute are counted and logged as one line when the minute is over. A peer
//! sending the same bad frame a thousand times costs the log two lines, not a thousand.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use comptoir_net::PeerId;

/// How long refusals of one kind from one peer are counted before they are logged.
const WINDOW: Duration = Duration::from_secs(60);

#[derive(Debug, Default)]
pub(super) struct Refusals {
    /// Per peer and cause: when the first was logged, and how many came after it.
    seen: BTreeMap<(PeerId, &'static str), (Instant, u64)>,
}

impl Refusals {
    /// Counts a refusal; whether it is to be logged in full (the first of its kind from this
    /// peer in the current minute).
    pub(super) fn first(&mut self, now: Instant, peer: PeerId, cause: &'static str) -> bool {
        match self.seen.get_mut(&(peer, cause)) {
            Some((_, again)) => {
                *again += 1;
                false
            }
            None => {
                self.seen.insert((peer, cause), (now, 0));
                true
            }
        }
    }

    /// The counts whose minute is over, as (peer, cause, refusals after the first), forgotten
    /// once returned.
    pub(super) fn minutes_over(&mut self, now: Instant) -> Vec<(PeerId, &'static str, u64)> {
        let mut over = Vec::new();
        self.seen.retain(|&(peer, cause), &mut (since, again)| {
            let done = now.duration_since(since) >= WINDOW;
            if done && again > 0 {
                over.push((peer, cause, again));
            }
            !done
        });
        over
    }

    /// At a tick: logs, one line each, the refusals counted in minutes now over.
    pub(super) fn log_minutes_over(&mut self, now: Instant) {
        for (peer, cause, again) in self.minutes_over(now) {
            tracing::info!(%peer, cause, again, "refused again within a minute");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_of_each_kind_is_logged_and_the_rest_counted_for_the_minute() {
        let (a, b) = (PeerId::random(), PeerId::random());
        let start = Instant::now();
        let mut refusals = Refusals::default();
        assert!(refusals.first(start, a, "bad-magic"));
        for _ in 0..999 {
            assert!(!refusals.first(start, a, "bad-magic"));
        }
        assert!(refusals.first(start, a, "over-budget"));
        assert!(refusals.first(start, b, "bad-magic"));
        assert!(refusals.minutes_over(start + WINDOW / 2).is_empty());

        // The minute over: one line for the 999 others; kinds refused once say nothing more.
        assert_eq!(
            refusals.minutes_over(start + WINDOW),
            vec![(a, "bad-magic", 999)]
        );
        assert!(
            refusals.first(start + WINDOW, a, "bad-magic"),
            "a new minute"
        );
    }
}
