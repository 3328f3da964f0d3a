//! `NetEvent`: what a node reports to the rest of the program, and `Reply`, the handle that
//! answers an inbound request.

use std::fmt;

use libp2p::{Multiaddr, PeerId, request_response::ResponseChannel};
use tokio::sync::{mpsc, oneshot};

use crate::{NetError, Protocol, client::Command};

/// Something that happened on the network. Payload bytes are never shown by `Debug`, only
/// their length, so an event can be logged safely.
pub enum NetEvent {
    /// The node accepts connections on this address.
    Listening(Multiaddr),
    /// mDNS found a peer on the local network; the node dials it by itself.
    Discovered {
        /// The peer found.
        peer: PeerId,
        /// Where it says it listens.
        addrs: Vec<Multiaddr>,
    },
    /// The first connection to a peer is up.
    Connected {
        /// The peer, as proven by the connection's handshake.
        peer: PeerId,
        /// The peer's address on that connection.
        addr: Multiaddr,
    },
    /// The last connection to a peer closed.
    Disconnected {
        /// The peer.
        peer: PeerId,
    },
    /// A peer sent a request. Answer it with [`Reply::send`]; dropping the reply makes the
    /// request fail on the peer's side.
    Request {
        /// The peer that sent it.
        peer: PeerId,
        /// The protocol it came on.
        protocol: Protocol,
        /// The request bytes, at most `max_message_bytes` long.
        bytes: Vec<u8>,
        /// Where the response goes.
        reply: Reply,
    },
    /// An inbound request was refused: larger than `max_message_bytes`, or cut short. The node
    /// keeps running.
    Rejected {
        /// The peer that sent it.
        peer: PeerId,
        /// Why, for logs (never contains payload bytes).
        reason: String,
    },
}

impl fmt::Debug for NetEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NetEvent::Listening(addr) => f.debug_tuple("Listening").field(addr).finish(),
            NetEvent::Discovered { peer, addrs } => f
                .debug_struct("Discovered")
                .field("peer", peer)
                .field("addrs", addrs)
                .finish(),
            NetEvent::Connected { peer, addr } => f
                .debug_struct("Connected")
                .field("peer", peer)
                .field("addr", addr)
                .finish(),
            NetEvent::Disconnected { peer } => {
                f.debug_struct("Disconnected").field("peer", peer).finish()
            }
            NetEvent::Request {
                peer,
                protocol,
                bytes,
                reply: _,
            } => f
                .debug_struct("Request")
                .field("peer", peer)
                .field("protocol", protocol)
                .field("len", &bytes.len())
                .finish_non_exhaustive(),
            NetEvent::Rejected { peer, reason } => f
                .debug_struct("Rejected")
                .field("peer", peer)
                .field("reason", reason)
                .finish(),
        }
    }
}

/// The answer to one inbound request; consumed by [`Reply::send`].
pub struct Reply {
    peer: PeerId,
    protocol: Protocol,
    channel: ResponseChannel<Vec<u8>>,
    max_message_bytes: usize,
    commands: mpsc::Sender<Command>,
}

impl Reply {
    pub(crate) fn new(
        peer: PeerId,
        protocol: Protocol,
        channel: ResponseChannel<Vec<u8>>,
        max_message_bytes: usize,
        commands: mpsc::Sender<Command>,
    ) -> Self {
        Self {
            peer,
            protocol,
            channel,
            max_message_bytes,
            commands,
        }
    }

    /// The peer waiting for this reply.
    pub fn peer(&self) -> PeerId {
        self.peer
    }

    /// Sends `bytes` as the response. Resolves once the response is handed to the connection;
    /// fails with [`NetError::TooLarge`] (nothing is sent, the peer's request fails) or
    /// [`NetError::ReplyClosed`] if the request is gone.
    pub async fn send(self, bytes: Vec<u8>) -> Result<(), NetError> {
        if bytes.len() > self.max_message_bytes {
            return Err(NetError::TooLarge {
                len: bytes.len(),
                max: self.max_message_bytes,
            });
        }
        let (done, result) = oneshot::channel();
        let command = Command::Respond {
            peer: self.peer,
            protocol: self.protocol,
            channel: self.channel,
            bytes,
            done,
        };
        self.commands
            .send(command)
            .await
            .map_err(|_| NetError::Shutdown)?;
        result.await.map_err(|_| NetError::Shutdown)?
    }
}

impl fmt::Debug for Reply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reply")
            .field("peer", &self.peer)
            .field("protocol", &self.protocol)
            .finish_non_exhaustive()
    }
}
