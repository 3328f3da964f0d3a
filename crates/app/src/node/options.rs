//! What a node is told to do, and what it reports.

use comptoir_model::GroupId;
use comptoir_net::{AddressPart, Multiaddr, PeerId};

use crate::{AppError, Result};

/// How a node joins the network.
#[derive(Debug, Clone, Default)]
pub struct NodeOptions {
    /// Addresses to listen on; empty: only dial out.
    pub listen: Vec<Multiaddr>,
    /// Discover peers on the LAN with mDNS.
    pub mdns: bool,
    /// The most connections at once (the network's default, 64, if `None`); a quarter of them
    /// are kept for the devices this device shares a group with.
    pub max_connections: Option<u32>,
}

/// The port Comptoir listens on unless told otherwise, assumed when an address names none.
const USUAL_PORT: u16 = 4710;

/// Where a device listens unless told otherwise: every interface, the usual port, over TCP and
/// (in builds that speak it, see [`crate::node::QUIC`]) QUIC.
pub const DEFAULT_LISTEN: [&str; 2] = ["/ip4/0.0.0.0/tcp/4710", "/ip4/0.0.0.0/udp/4710/quic-v1"];

/// A TCP socket address as a multiaddr.
pub(crate) fn tcp_multiaddr(socket: std::net::SocketAddr) -> Multiaddr {
    Multiaddr::from(socket.ip()).with(AddressPart::Tcp(socket.port()))
}

/// A multiaddr, or what a person types: `192.168.1.20:4710`, or `192.168.1.20` for the usual
/// port (TCP).
pub fn multiaddr(text: &str) -> Result<Multiaddr> {
    let text = text.trim();
    let typed = text
        .parse::<std::net::SocketAddr>()
        .ok()
        .or_else(|| {
            text.parse::<std::net::IpAddr>()
                .ok()
                .map(|ip| std::net::SocketAddr::new(ip, USUAL_PORT))
        })
        .map(|socket| match socket.ip() {
            std::net::IpAddr::V4(ip) => format!("/ip4/{ip}/tcp/{}", socket.port()),
            std::net::IpAddr::V6(ip) => format!("/ip6/{ip}/tcp/{}", socket.port()),
        });
    typed
        .as_deref()
        .unwrap_or(text)
        .parse()
        .map_err(|e| AppError::BadAddress {
            text: text.to_string(),
            reason: format!("{e}"),
        })
}

/// Something a running node reports (`serve --json` prints each as a line, in the CLI's words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeEvent {
    Listening {
        address: Multiaddr,
    },
    Connected {
        peer: PeerId,
        address: Multiaddr,
    },
    Disconnected {
        peer: PeerId,
    },
    Synced {
        group: GroupId,
        peer: PeerId,
    },
    /// Changes to a group arrived from a peer and were stored (what is shown may be stale).
    Received {
        group: GroupId,
    },
    /// Another process on this data directory (the CLI beside the app) changed a group.
    Outside {
        group: GroupId,
    },
    /// A group's membership log changed with operations from a peer.
    Membership {
        group: GroupId,
    },
    /// A peer's membership log says an admin removed this device from the group: it gets
    /// nothing more of it.
    Removed {
        group: GroupId,
    },
    /// A group this device was invited to arrived.
    Joined {
        group: GroupId,
        peer: PeerId,
    },
    /// A device joined one of our groups with an invitation.
    Invited {
        group: GroupId,
        peer: PeerId,
    },
    Refused {
        peer: PeerId,
        reason: String,
    },
    /// A device gave a right proof for one of our codes and waits for an admin to let it in.
    JoinRequested {
        request: String,
        group: GroupId,
        peer: PeerId,
        /// The six digits the waiting device shows too.
        check: String,
    },
    /// This device asked to join and waits for the inviting device's admin; both show `check`.
    AwaitingApproval {
        check: String,
    },
    /// The network stopped; the node goes on offline.
    Offline,
}

/// How a running node is doing (see [`super::Handle::status`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeStatus {
    /// Whether the network runs.
    pub online: bool,
    /// Where it listens.
    pub listening: Vec<Multiaddr>,
    /// Peers connected now.
    pub connected: Vec<PeerId>,
    /// Sync traffic so far.
    pub traffic: super::Traffic,
}

/// What a one-shot sync achieved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Peers reached.
    pub peers: Vec<PeerId>,
    /// (group, peer) pairs brought up to date.
    pub synced: Vec<(GroupId, PeerId)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_read_as_people_type_them() -> Result<()> {
        for (typed, read) in [
            ("/ip4/192.168.1.20/tcp/4001", "/ip4/192.168.1.20/tcp/4001"),
            (" 192.168.1.20:4001 ", "/ip4/192.168.1.20/tcp/4001"),
            ("192.168.1.20", "/ip4/192.168.1.20/tcp/4710"),
            ("[::1]:4001", "/ip6/::1/tcp/4001"),
        ] {
            assert_eq!(multiaddr(typed)?.to_string(), read);
        }
        assert_eq!(
            multiaddr("le café").map(|_| ()).map_err(|e| e.code()),
            Err("invalid-input")
        );
        Ok(())
    }
}
