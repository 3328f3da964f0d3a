//! What goes into the engine ([`Input`]), what comes out ([`Effect`]), and its settings.

use comptoir_model::GroupId;

use crate::SyncError;

/// A device, as the network layer names it (its libp2p peer id, proven by the transport);
/// opaque here: the engine only compares it and names it in effects.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PeerId(String);

impl PeerId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for PeerId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for PeerId {
    fn from(text: String) -> Self {
        Self(text)
    }
}

impl From<&str> for PeerId {
    fn from(text: &str) -> Self {
        Self(text.to_owned())
    }
}

impl PartialEq<str> for PeerId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for PeerId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// The engine's settings. Every peer should use the same `max_frame` (a receiver refuses frames
/// larger than its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// Largest frame sent or accepted, in bytes (raised to 64 if smaller).
    pub max_frame: usize,
    /// How long a pair that is not up to date waits for an answer before starting its exchange
    /// again; the wait doubles with each unanswered restart, up to 32 times this.
    pub resend_after_ms: u64,
    /// Most bytes of fragments held per peer while reassembling a large message.
    pub max_reassembly: usize,
    /// Most bytes one peer may send in a minute; past it, its frames are refused until the
    /// minute is over.
    pub max_bytes_per_minute: u64,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            max_frame: 256 * 1024,
            resend_after_ms: 2_000,
            max_reassembly: 64 * 1024 * 1024,
            // Two whole ten-year groups (about 6 MB each sent whole) many times over.
            max_bytes_per_minute: 256 * 1024 * 1024,
        }
    }
}

/// Something that happened, for the engine to handle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    PeerConnected(PeerId),
    PeerDisconnected(PeerId),
    /// One frame from a connected peer.
    Received {
        from: PeerId,
        bytes: Vec<u8>,
    },
    /// The caller changed this held group, or added it.
    LocalChange(GroupId),
    /// Frames for this peer were lost before they left (the transport's queue was full): the
    /// exchanges in flight with it start again now, rather than when they stall.
    Undelivered(PeerId),
    /// Time passed: resend what stalled, and start the sync of groups added since.
    Tick,
}

/// Something for the caller to do, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Send one frame (at most `max_frame` bytes) to a connected peer.
    Send { to: PeerId, bytes: Vec<u8> },
    /// The held group's document (in [`crate::Docs`]) received changes from peers: store what
    /// it has not saved yet. A group just received (see [`Effect::GroupReceived`]) was added
    /// whole and is not stored at all yet.
    Changed { group: GroupId },
    /// The sync state with this peer (`automerge::sync::State::encode`), to keep across
    /// restarts and give back to [`crate::Engine::restore`].
    SaveSyncState {
        group: GroupId,
        peer: PeerId,
        state: Vec<u8>,
    },
    /// This group became up to date with this peer (both heads equal).
    Synced { group: GroupId, peer: PeerId },
    /// A group this device was invited to arrived from `from` and was checked; it is now held.
    GroupReceived { group: GroupId, from: PeerId },
    /// Input refused, for logs and status; nothing was sent back and nothing changed.
    Refused { peer: PeerId, reason: SyncError },
}
