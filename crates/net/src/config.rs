//! `Config`: the identity, addresses and limits a node starts with.

use std::time::Duration;

use libp2p::{Multiaddr, identity::Keypair, multiaddr::Protocol as Segment};

/// How a node is set up. Start from [`Config::new`] and change the fields you need.
#[derive(Debug, Clone)]
pub struct Config {
    /// The node's identity; its public half is the node's [`PeerId`](crate::PeerId).
    pub keypair: Keypair,
    /// Where to accept connections: TCP (`/ip4/…/tcp/…`) and QUIC (`/ip4/…/udp/…/quic-v1`)
    /// addresses, port 0 for any free port. Empty means the node only dials out.
    pub listen: Vec<Multiaddr>,
    /// Discover peers on the local network with mDNS, and dial them. This multicasts on every
    /// interface, so tests keep it off.
    pub mdns: bool,
    /// The largest request or response accepted or sent, in bytes. A larger inbound request
    /// is refused and reported as [`NetEvent::Rejected`](crate::NetEvent::Rejected).
    pub max_message_bytes: usize,
    /// The most established connections, all peers together. A quarter of them (rounded
    /// down) only the peers named by [`Client::keep_slots_for`](crate::Client::keep_slots_for)
    /// may take: once the other three quarters are established, anyone else is denied, so
    /// strangers cannot fill every slot and keep a group's devices out.
    pub max_connections: u32,
    /// The most established connections to one peer.
    pub max_connections_per_peer: u32,
    /// The most inbound connections still in their handshake at once.
    pub max_pending_incoming: u32,
    /// How long a connection with no open request stays up before it is closed.
    pub idle_timeout: Duration,
}

impl Config {
    /// 1 MiB: the default for [`Config::max_message_bytes`].
    pub const DEFAULT_MAX_MESSAGE_BYTES: usize = 1024 * 1024;

    /// A configuration with `keypair`, listening on every IPv4 interface on a free TCP port and
    /// a free QUIC port, mDNS off, and the default limits (1 MiB messages, 64 connections of
    /// which 16 are kept for known peers, 2 per peer, 16 handshakes in flight, 60 s idle
    /// timeout).
    pub fn new(keypair: Keypair) -> Self {
        Self {
            keypair,
            listen: vec![
                Multiaddr::empty()
                    .with(Segment::Ip4([0, 0, 0, 0].into()))
                    .with(Segment::Tcp(0)),
                Multiaddr::empty()
                    .with(Segment::Ip4([0, 0, 0, 0].into()))
                    .with(Segment::Udp(0))
                    .with(Segment::QuicV1),
            ],
            mdns: false,
            max_message_bytes: Self::DEFAULT_MAX_MESSAGE_BYTES,
            max_connections: 64,
            max_connections_per_peer: 2,
            max_pending_incoming: 16,
            idle_timeout: Duration::from_secs(60),
        }
    }
}
