//! Changes waiting for their dependencies. Automerge keeps a change whose dependencies it lacks
//! aside, in memory and in saves, until they arrive: an honest peer's sync fills such a gap at
//! the next round trip, but a hostile one can send change after change that depends on nothing
//! that exists. While anything waits, the messages that brought changes are counted; past a
//! budget the message is refused and what waited is let go (a peer resends what is needed).

use crate::{ModelError, Result};

/// Messages bringing changes while some change still waits for its dependencies.
pub const MAX_WAITING_MESSAGES: u32 = 32;

/// The bytes of those messages' changes, together.
pub const MAX_WAITING_BYTES: u64 = 16 * 1024 * 1024;

/// What arrived since changes started waiting (nothing, once none waits).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Waiting {
    messages: u32,
    bytes: u64,
}

impl Waiting {
    /// Counts a message whose changes were `bytes` long; `still_waiting` says whether some
    /// change waits for its dependencies after it. Past the budget, an error to refuse it with.
    pub(crate) fn after_message(&mut self, bytes: u64, still_waiting: bool) -> Result<()> {
        if !still_waiting {
            *self = Self::default();
            return Ok(());
        }
        self.messages = self.messages.saturating_add(1);
        self.bytes = self.bytes.saturating_add(bytes);
        if self.messages > MAX_WAITING_MESSAGES || self.bytes > MAX_WAITING_BYTES {
            let over = ModelError::TooManyWaiting {
                messages: self.messages,
                bytes: self.bytes,
            };
            *self = Self::default();
            return Err(over);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gap_filled_at_the_next_message_costs_nothing() {
        let mut waiting = Waiting::default();
        for _ in 0..1000 {
            assert!(waiting.after_message(10_000, true).is_ok());
            assert!(waiting.after_message(10_000, false).is_ok());
        }
    }

    #[test]
    fn messages_that_keep_changes_waiting_are_refused_past_the_budget() {
        let mut waiting = Waiting::default();
        for _ in 0..MAX_WAITING_MESSAGES {
            assert!(waiting.after_message(100, true).is_ok());
        }
        assert!(matches!(
            waiting.after_message(100, true),
            Err(ModelError::TooManyWaiting { .. })
        ));
        // Refusing lets go of what waited: counting starts again.
        assert!(waiting.after_message(100, true).is_ok());
        let mut waiting = Waiting::default();
        assert!(waiting.after_message(MAX_WAITING_BYTES, true).is_ok());
        assert!(waiting.after_message(1, true).is_err());
    }
}
