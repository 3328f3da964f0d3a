//! `NetError`: everything that can go wrong in the network layer, as variants a caller can act on.

use libp2p::{Multiaddr, PeerId, request_response::OutboundFailure, swarm::DialError};

/// An error from the network layer.
#[derive(Debug, thiserror::Error)]
pub enum NetError {
    /// The transport could not be set up (the Noise handshake configuration was refused).
    #[error("could not set up the encrypted transport")]
    Transport(#[from] libp2p::noise::Error),

    /// mDNS discovery could not start (no usable network interface watcher).
    #[error("could not start local network discovery (mDNS)")]
    Mdns(#[source] std::io::Error),

    /// A listen address uses a transport this node does not speak (only TCP and QUIC are).
    #[error(
        "cannot listen on {0}: only /ip4|ip6/…/tcp/… and /ip4|ip6/…/udp/…/quic-v1 are supported"
    )]
    UnsupportedAddress(Multiaddr),

    /// A listen address could not be bound (port taken, address not on this machine, …).
    #[error("cannot listen on {addr}")]
    Listen {
        /// The address that was asked for.
        addr: Multiaddr,
        /// Why binding failed.
        #[source]
        source: std::io::Error,
    },

    /// Dialing an address failed (unreachable, handshake failed, refused by a connection limit).
    #[error("could not connect to {addr}")]
    Dial {
        /// The address that was dialed.
        addr: Multiaddr,
        /// Why the connection could not be made (boxed: libp2p's dial error is large).
        #[source]
        source: Box<DialError>,
    },

    /// The connection was made but closed before the peer identified itself: the peer refused
    /// it, typically because it is over its connection limits.
    #[error("the connection to {peer} at {addr} closed before the peer identified itself")]
    Closed {
        /// The address that was dialed.
        addr: Multiaddr,
        /// The peer that closed the connection.
        peer: PeerId,
    },

    /// A request got no response: the peer was unreachable, timed out, closed the stream, or
    /// refused the request (for example because it was larger than it accepts).
    #[error("request to {peer} failed")]
    Request {
        /// The peer the request was sent to.
        peer: PeerId,
        /// What happened to the request.
        #[source]
        source: OutboundFailure,
    },

    /// A message is larger than the configured `max_message_bytes`; nothing was sent.
    #[error("message of {len} bytes is larger than the limit of {max} bytes")]
    TooLarge {
        /// The size of the message.
        len: usize,
        /// The configured limit.
        max: usize,
    },

    /// A response could not be sent because the request is gone (the connection closed or the
    /// requester gave up).
    #[error("cannot reply to {peer}: the request is no longer open")]
    ReplyClosed {
        /// The peer that made the request.
        peer: PeerId,
    },

    /// The network event loop has stopped (after `shutdown`, or because it ended).
    #[error("the network event loop has stopped")]
    Shutdown,
}
