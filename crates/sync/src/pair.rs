//! The sync of one group with one peer: automerge's sync state, whether the pair is up to date,
//! and when to start again after a lost message.

use automerge::ChangeHash;
use automerge::sync::{Capability, State};

/// Unanswered restarts after which the wait between restarts stops doubling (2^5 = 32 times
/// `resend_after_ms`).
const MAX_BACKOFF_SHIFT: u32 = 5;

#[derive(Debug)]
pub(crate) struct Pair {
    pub(crate) state: State,
    /// Both heads were equal when last looked at (and the peer is connected).
    pub(crate) synced: bool,
    /// Time of the last message sent or received for this pair.
    pub(crate) last_activity: u64,
    /// Restarts since the peer last answered.
    attempts: u32,
    /// The encoded state last handed to the caller to keep.
    saved: Option<Vec<u8>>,
    /// Our heads when we last sent everything to a peer that held nothing.
    pub(crate) sent_everything: Option<Vec<ChangeHash>>,
}

impl Pair {
    pub(crate) fn new(now: u64) -> Self {
        Self {
            state: State::new(),
            synced: false,
            last_activity: now,
            attempts: 0,
            saved: None,
            sent_everything: None,
        }
    }

    /// A pair from a state kept across restarts; `None` when the bytes are not a sync state.
    pub(crate) fn restored(bytes: &[u8]) -> Option<Self> {
        let state = State::decode(bytes).ok()?;
        Some(Self {
            state,
            saved: Some(bytes.to_vec()),
            ..Self::new(0)
        })
    }

    /// A new connection: nothing of the last one is in flight any more. What the peer is known
    /// to understand is kept: were our first message's answer lost, the restart that follows
    /// must still be able to ask the peer to forget what it thinks it sent (without it, a peer
    /// that believes its answer arrived never speaks again).
    pub(crate) fn reconnect(&mut self, now: u64) {
        let capabilities = self.state.their_capabilities.take();
        self.state = State::decode(&self.state.encode()).unwrap_or_default();
        self.state.their_capabilities = capabilities;
        self.sent_everything = None;
        self.synced = false;
        self.attempts = 0;
        self.last_activity = now;
    }

    /// Forgets everything about the exchange in flight, keeping the heads both sides are known
    /// to share, so that the next message starts a fresh round. When the peer is known to
    /// understand it, that message also asks the peer to forget what it thinks it sent us.
    pub(crate) fn restart(&mut self, now: u64) {
        let kept = State::decode(&self.state.encode()).unwrap_or_default();
        self.start_over(now, kept);
    }

    /// Forgets even the heads both sides were known to share (this side's document was rebuilt
    /// without some of them): the next message starts from nothing, and asks the peer to do
    /// the same when it understands that.
    pub(crate) fn forget(&mut self, now: u64) {
        self.start_over(now, State::new());
    }

    /// Starts a fresh round from `state`, asking the peer to forget what it thinks it sent us
    /// when it understands that.
    fn start_over(&mut self, now: u64, mut state: State) {
        let capabilities = self.state.their_capabilities.take();
        state.needs_reset = capabilities
            .as_ref()
            .is_some_and(|caps| caps.contains(&Capability::SyncReset));
        state.their_capabilities = capabilities;
        self.state = state;
        self.sent_everything = None;
        self.synced = false;
        self.last_activity = now;
    }

    /// Records that the peer answered.
    pub(crate) fn answered(&mut self, now: u64) {
        self.last_activity = now;
        self.attempts = 0;
    }

    /// Whether the pair, not up to date, has waited long enough for an answer to start again.
    pub(crate) fn stalled(&self, now: u64, resend_after_ms: u64) -> bool {
        let wait = resend_after_ms.saturating_mul(1 << self.attempts.min(MAX_BACKOFF_SHIFT));
        !self.synced && now.saturating_sub(self.last_activity) >= wait
    }

    /// Starts again after a stall, waiting longer next time if the peer stays silent.
    pub(crate) fn resend(&mut self, now: u64) {
        self.restart(now);
        self.attempts = self.attempts.saturating_add(1);
    }

    /// Whether the peer's last known heads are ours.
    pub(crate) fn heads_equal(&self, ours: &[ChangeHash]) -> bool {
        self.state.their_heads.as_deref() == Some(ours)
    }

    /// The encoded state, when it differs from the one last handed out.
    pub(crate) fn take_unsaved(&mut self) -> Option<Vec<u8>> {
        let bytes = self.state.encode();
        if self.saved.as_ref() == Some(&bytes) {
            return None;
        }
        self.saved = Some(bytes.clone());
        Some(bytes)
    }
}
