//! `Client`: the cloneable handle the rest of the program uses to drive the node. Every call
//! is a [`Command`] sent to the event loop over a bounded channel, answered on a oneshot.

use std::collections::BTreeSet;

use libp2p::{Multiaddr, PeerId, request_response::ResponseChannel};
use tokio::sync::{mpsc, oneshot};

use crate::{NetError, Protocol};

/// What the event loop is asked to do; each command carries the channel its answer goes to.
pub(crate) enum Command {
    Dial {
        addr: Multiaddr,
        done: oneshot::Sender<Result<PeerId, NetError>>,
    },
    Request {
        peer: PeerId,
        protocol: Protocol,
        bytes: Vec<u8>,
        done: oneshot::Sender<Result<Vec<u8>, NetError>>,
    },
    Respond {
        peer: PeerId,
        protocol: Protocol,
        channel: ResponseChannel<Vec<u8>>,
        bytes: Vec<u8>,
        done: oneshot::Sender<Result<(), NetError>>,
    },
    ListenAddrs {
        done: oneshot::Sender<Vec<Multiaddr>>,
    },
    Connected {
        done: oneshot::Sender<Vec<PeerId>>,
    },
    KeepSlotsFor {
        peers: BTreeSet<PeerId>,
        done: oneshot::Sender<()>,
    },
    Disconnect {
        peer: PeerId,
        done: oneshot::Sender<()>,
    },
    Shutdown {
        done: oneshot::Sender<()>,
    },
}

/// A handle on a running node. Cheap to clone; the node runs until [`Client::shutdown`] or
/// until every `Client` (and every unanswered [`Reply`](crate::Reply)) is dropped.
#[derive(Debug, Clone)]
pub struct Client {
    commands: mpsc::Sender<Command>,
    local_peer_id: PeerId,
    max_message_bytes: usize,
}

impl Client {
    pub(crate) fn new(
        commands: mpsc::Sender<Command>,
        local_peer_id: PeerId,
        max_message_bytes: usize,
    ) -> Self {
        Self {
            commands,
            local_peer_id,
            max_message_bytes,
        }
    }

    /// This node's peer id.
    pub fn local_peer_id(&self) -> PeerId {
        self.local_peer_id
    }

    /// Connects to `addr` and returns the peer id the connection's handshake proved. Resolves
    /// once the peer has identified itself on the new connection, so a peer that refuses the
    /// connection (over its limits) gives [`NetError::Closed`]. If `addr` ends in
    /// `/p2p/<peer id>`, a different peer is refused, and an existing connection to that peer is
    /// reused.
    pub async fn dial(&self, addr: Multiaddr) -> Result<PeerId, NetError> {
        self.call(|done| Command::Dial { addr, done }).await?
    }

    /// Sends a request to `peer` on `protocol` and waits for its response (at most 30 s).
    /// If the peer is not connected, its known addresses are dialed first.
    pub async fn request(
        &self,
        peer: PeerId,
        protocol: Protocol,
        bytes: Vec<u8>,
    ) -> Result<Vec<u8>, NetError> {
        if bytes.len() > self.max_message_bytes {
            return Err(NetError::TooLarge {
                len: bytes.len(),
                max: self.max_message_bytes,
            });
        }
        self.call(|done| Command::Request {
            peer,
            protocol,
            bytes,
            done,
        })
        .await?
    }

    /// The addresses the node listens on now.
    pub async fn listen_addrs(&self) -> Result<Vec<Multiaddr>, NetError> {
        self.call(|done| Command::ListenAddrs { done }).await
    }

    /// The peers with at least one open connection.
    pub async fn connected(&self) -> Result<Vec<PeerId>, NetError> {
        self.call(|done| Command::Connected { done }).await
    }

    /// Names the peers the reserved connection slots are kept for (see
    /// [`Config::max_connections`](crate::Config::max_connections)), replacing the
    /// peers named before. Connections already open stay open.
    pub async fn keep_slots_for(&self, peers: BTreeSet<PeerId>) -> Result<(), NetError> {
        self.call(|done| Command::KeepSlotsFor { peers, done })
            .await
    }

    /// Closes every connection to `peer` and resolves once they are closed. Not being
    /// connected is not an error.
    pub async fn disconnect(&self, peer: PeerId) -> Result<(), NetError> {
        self.call(|done| Command::Disconnect { peer, done }).await
    }

    /// Stops the node: closes every connection and listener, ends the event stream, and
    /// resolves once the event loop is gone. Later calls fail with [`NetError::Shutdown`].
    pub async fn shutdown(&self) -> Result<(), NetError> {
        self.call(|done| Command::Shutdown { done }).await
    }

    async fn call<T>(
        &self,
        command: impl FnOnce(oneshot::Sender<T>) -> Command,
    ) -> Result<T, NetError> {
        let (done, answer) = oneshot::channel();
        self.commands
            .send(command(done))
            .await
            .map_err(|_| NetError::Shutdown)?;
        answer.await.map_err(|_| NetError::Shutdown)
    }
}
