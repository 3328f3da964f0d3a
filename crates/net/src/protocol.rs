//! `Protocol`: the request-response protocols a node speaks, and their wire names.

use std::fmt;

use libp2p::StreamProtocol;

/// A request-response protocol. Both carry opaque bytes; what they mean is decided above this
/// crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Protocol {
    /// Document synchronisation, `/comptoir/sync/1`.
    Sync,
    /// Invitations and joining a group, `/comptoir/invite/1`.
    Invite,
    /// Groups' membership logs, `/comptoir/authority/1`.
    Authority,
}

impl Protocol {
    /// Every protocol, in a fixed order.
    pub const ALL: [Protocol; 3] = [Protocol::Sync, Protocol::Invite, Protocol::Authority];

    /// The protocol name negotiated on the wire.
    pub const fn name(self) -> &'static str {
        match self {
            Protocol::Sync => "/comptoir/sync/1",
            Protocol::Invite => "/comptoir/invite/1",
            Protocol::Authority => "/comptoir/authority/1",
        }
    }

    pub(crate) const fn stream_protocol(self) -> StreamProtocol {
        StreamProtocol::new(self.name())
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
