//! How many bytes one peer may send this device in a minute. A listed device gone hostile could
//! otherwise keep this device busy checking and refusing frames for as long as it likes; past
//! the budget its frames are refused unread until the minute is over (an honest peer's sync
//! only slows: it sends again once the minute is over).

use crate::SyncError;

/// The window the budget is counted over, in milliseconds.
const MINUTE_MS: u64 = 60_000;

/// What one peer sent in the current minute.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Intake {
    /// When the current minute started (engine milliseconds).
    since: u64,
    bytes: u64,
}

impl Intake {
    /// Counts a frame of `len` bytes received at `now`; refused if the minute's `max` is passed.
    pub(crate) fn take(&mut self, now: u64, len: usize, max: u64) -> Result<(), SyncError> {
        if !self.current(now) {
            *self = Self {
                since: now,
                bytes: 0,
            };
        }
        let bytes = self.bytes.saturating_add(len as u64);
        if bytes > max {
            return Err(SyncError::OverBudget { max });
        }
        self.bytes = bytes;
        Ok(())
    }

    /// Whether the minute this counts is still going on at `now`.
    pub(crate) fn current(&self, now: u64) -> bool {
        self.bytes > 0 && now.saturating_sub(self.since) < MINUTE_MS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_peer_gets_its_budget_back_each_minute() {
        let mut intake = Intake::default();
        assert!(intake.take(1_000, 600, 1_000).is_ok());
        assert!(intake.take(2_000, 400, 1_000).is_ok());
        // A refused frame does not count.
        assert_eq!(
            intake.take(3_000, 1, 1_000),
            Err(SyncError::OverBudget { max: 1_000 })
        );
        assert!(intake.take(60_999, 1, 1_000).is_err());
        assert!(intake.take(61_000, 1_000, 1_000).is_ok());
        assert!(!intake.current(121_000));
    }
}
