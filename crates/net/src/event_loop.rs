//! `EventLoop`: the one task that owns the `Swarm`. It answers [`Command`]s from clients,
//! turns swarm events into [`NetEvent`]s, and keeps the bookkeeping that pairs the two.

use std::{
    collections::{BTreeSet, HashMap, VecDeque},
    io,
    net::{SocketAddr, TcpListener},
    time::Duration,
};

use futures::StreamExt;
use libp2p::{
    Multiaddr, PeerId, Swarm, TransportError,
    core::transport::ListenerId,
    multiaddr::Protocol as Segment,
    request_response::{self, Message, OutboundRequestId},
    swarm::{
        ConnectionId, SwarmEvent,
        dial_opts::{DialOpts, PeerCondition},
    },
};
use tokio::sync::{mpsc, oneshot};
use tracing::{debug, info, trace, warn};

use crate::{
    NetError, NetEvent, Protocol, Reply,
    behaviour::{Behaviour, BehaviourEvent},
    client::Command,
    codec::RequestFrame,
};

/// Events waiting for the consumer beyond the channel's own capacity. When this many are
/// queued the loop stops polling the swarm (so peers feel back-pressure) but keeps answering
/// commands, so a consumer that calls the client before draining events cannot deadlock it.
const MAX_QUEUED_EVENTS: usize = 64;
/// How long `start` waits for every listener to report its first address.
const LISTEN_TIMEOUT: Duration = Duration::from_secs(10);

/// Where the answer to a client's call goes.
type Answer<T> = oneshot::Sender<Result<T, NetError>>;

pub(crate) struct EventLoop {
    swarm: Swarm<Behaviour>,
    commands: mpsc::Receiver<Command>,
    /// Handed, upgraded, to each [`Reply`]; weak so that dropping every `Client` ends the loop.
    replies: mpsc::WeakSender<Command>,
    events: mpsc::Sender<NetEvent>,
    queue: VecDeque<NetEvent>,
    max_message_bytes: usize,
    /// Dials not yet answered, by connection: first while connecting, then, once established,
    /// until the peer identifies itself, which shows it accepted the connection (a peer over its
    /// connection limits closes it instead).
    dials: HashMap<ConnectionId, (Multiaddr, Answer<PeerId>)>,
    requests: HashMap<(Protocol, OutboundRequestId), Answer<Vec<u8>>>,
    disconnects: HashMap<PeerId, Vec<oneshot::Sender<()>>>,
    /// The peers the reserved connection slots are kept for.
    slots_kept: BTreeSet<PeerId>,
    /// Listeners that have not reported an address yet, and the first one that failed.
    starting: HashMap<ListenerId, Multiaddr>,
    start_error: Option<NetError>,
}

impl EventLoop {
    pub(crate) fn new(
        swarm: Swarm<Behaviour>,
        commands: mpsc::Receiver<Command>,
        replies: mpsc::WeakSender<Command>,
        events: mpsc::Sender<NetEvent>,
        max_message_bytes: usize,
    ) -> Self {
        Self {
            swarm,
            commands,
            replies,
            events,
            queue: VecDeque::new(),
            max_message_bytes,
            dials: HashMap::new(),
            requests: HashMap::new(),
            disconnects: HashMap::new(),
            slots_kept: BTreeSet::new(),
            starting: HashMap::new(),
            start_error: None,
        }
    }

    /// Opens a listener on each address and waits until each has reported an address, or fails
    /// with the first address that could not be bound.
    pub(crate) async fn listen(&mut self, addrs: &[Multiaddr]) -> Result<(), NetError> {
        for addr in addrs {
            refuse_taken_tcp_port(addr)?;
            let id = self
                .swarm
                .listen_on(addr.clone())
                .map_err(|error| match error {
                    TransportError::MultiaddrNotSupported(addr) => {
                        NetError::UnsupportedAddress(addr)
                    }
                    TransportError::Other(source) => NetError::Listen {
                        addr: addr.clone(),
                        source,
                    },
                })?;
            self.starting.insert(id, addr.clone());
        }
        let wait = async {
            while !self.starting.is_empty() && self.start_error.is_none() {
                let event = self.swarm.select_next_some().await;
                self.on_swarm_event(event);
            }
        };
        if tokio::time::timeout(LISTEN_TIMEOUT, wait).await.is_err()
            && let Some(addr) = self.starting.values().next()
        {
            return Err(NetError::Listen {
                addr: addr.clone(),
                source: io::Error::new(io::ErrorKind::TimedOut, "no address reported"),
            });
        }
        match self.start_error.take() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    /// Runs until a shutdown command, or until every client and reply handle is dropped.
    pub(crate) async fn run(mut self) {
        info!(peer = %self.swarm.local_peer_id(), "network event loop started");
        let shutdown = loop {
            tokio::select! {
                () = deliver(&self.events, &mut self.queue), if !self.queue.is_empty() => {}
                command = self.commands.recv() => match command {
                    Some(Command::Shutdown { done }) => break Some(done),
                    Some(command) => self.on_command(command),
                    None => break None,
                },
                event = self.swarm.select_next_some(), if self.queue.len() < MAX_QUEUED_EVENTS => {
                    self.on_swarm_event(event);
                }
            }
        };
        let peer = *self.swarm.local_peer_id();
        // Dropping the swarm closes every connection and listener; dropping the senders ends the
        // event stream and fails every pending call with `NetError::Shutdown`.
        drop(self);
        info!(%peer, "network event loop stopped");
        if let Some(done) = shutdown {
            let _ = done.send(());
        }
    }

    fn on_command(&mut self, command: Command) {
        match command {
            Command::Dial { addr, done } => self.dial(addr, done),
            Command::Request {
                peer,
                protocol,
                bytes,
                done,
            } => {
                debug!(%peer, %protocol, len = bytes.len(), "sending request");
                let id = self
                    .swarm
                    .behaviour_mut()
                    .protocol(protocol)
                    .send_request(&peer, RequestFrame::Bytes(bytes));
                self.requests.insert((protocol, id), done);
            }
            Command::Respond {
                peer,
                protocol,
                channel,
                bytes,
                done,
            } => {
                debug!(%peer, %protocol, len = bytes.len(), "sending response");
                let sent = self
                    .swarm
                    .behaviour_mut()
                    .protocol(protocol)
                    .send_response(channel, bytes)
                    .map_err(|_| NetError::ReplyClosed { peer });
                let _ = done.send(sent);
            }
            Command::ListenAddrs { done } => {
                let _ = done.send(self.swarm.listeners().cloned().collect());
            }
            Command::Connected { done } => {
                let _ = done.send(self.swarm.connected_peers().copied().collect());
            }
            Command::KeepSlotsFor { peers, done } => {
                let unreserved = &mut self.swarm.behaviour_mut().unreserved;
                for peer in self.slots_kept.difference(&peers) {
                    unreserved.remove_peer_id(peer);
                }
                for peer in peers.difference(&self.slots_kept) {
                    unreserved.bypass_peer_id(peer);
                }
                self.slots_kept = peers;
                let _ = done.send(());
            }
            Command::Disconnect { peer, done } => {
                if self.swarm.disconnect_peer_id(peer).is_ok() {
                    self.disconnects.entry(peer).or_default().push(done);
                } else {
                    let _ = done.send(());
                }
            }
            // Handled by `run`, which owns the end of the loop.
            Command::Shutdown { done } => {
                let _ = done.send(());
            }
        }
    }

    fn dial(&mut self, addr: Multiaddr, done: Answer<PeerId>) {
        let peer = match addr.iter().last() {
            Some(Segment::P2p(peer)) => Some(peer),
            _ => None,
        };
        if let Some(peer) = peer
            && self.swarm.is_connected(&peer)
        {
            let _ = done.send(Ok(peer));
            return;
        }
        let opts = match peer {
            Some(peer) => DialOpts::peer_id(peer)
                .addresses(vec![addr.clone()])
                .condition(PeerCondition::Always)
                .build(),
            None => DialOpts::unknown_peer_id().address(addr.clone()).build(),
        };
        let connection = opts.connection_id();
        debug!(%addr, "dialing");
        match self.swarm.dial(opts) {
            Ok(()) => {
                self.dials.insert(connection, (addr, done));
            }
            Err(source) => {
                let _ = done.send(Err(NetError::Dial {
                    addr,
                    source: Box::new(source),
                }));
            }
        }
    }

    fn on_swarm_event(&mut self, event: SwarmEvent<BehaviourEvent>) {
        match event {
            SwarmEvent::NewListenAddr {
                listener_id,
                address,
            } => {
                info!(%address, "listening");
                self.starting.remove(&listener_id);
                self.emit(NetEvent::Listening(address));
            }
            SwarmEvent::ListenerClosed {
                listener_id,
                reason,
                ..
            } => {
                let source = reason
                    .err()
                    .unwrap_or_else(|| io::Error::other("listener closed"));
                self.on_listener_failed(listener_id, source);
            }
            SwarmEvent::ListenerError { listener_id, error } => {
                self.on_listener_failed(listener_id, error);
            }
            SwarmEvent::ConnectionEstablished {
                peer_id,
                endpoint,
                num_established,
                ..
            } => {
                if num_established.get() == 1 {
                    let addr = endpoint.get_remote_address().clone();
                    info!(peer = %peer_id, %addr, "connected");
                    self.emit(NetEvent::Connected {
                        peer: peer_id,
                        addr,
                    });
                }
            }
            SwarmEvent::ConnectionClosed {
                peer_id,
                connection_id,
                num_established,
                cause,
                ..
            } => {
                debug!(peer = %peer_id, ?cause, "connection closed");
                if let Some((addr, done)) = self.dials.remove(&connection_id) {
                    let _ = done.send(Err(NetError::Closed {
                        addr,
                        peer: peer_id,
                    }));
                }
                if num_established == 0 {
                    info!(peer = %peer_id, "disconnected");
                    for done in self.disconnects.remove(&peer_id).unwrap_or_default() {
                        let _ = done.send(());
                    }
                    self.emit(NetEvent::Disconnected { peer: peer_id });
                }
            }
            SwarmEvent::OutgoingConnectionError {
                connection_id,
                error,
                ..
            } => match self.dials.remove(&connection_id) {
                Some((addr, done)) => {
                    debug!(%addr, %error, "dial failed");
                    let _ = done.send(Err(NetError::Dial {
                        addr,
                        source: Box::new(error),
                    }));
                }
                None => debug!(%error, "outgoing connection failed"),
            },
            SwarmEvent::IncomingConnectionError {
                send_back_addr,
                error,
                ..
            } => {
                // Garbage handshakes and connections over a limit end here.
                debug!(from = %send_back_addr, %error, "incoming connection refused");
            }
            SwarmEvent::Behaviour(event) => self.on_behaviour_event(event),
            other => trace!(?other, "swarm event"),
        }
    }

    fn on_listener_failed(&mut self, listener_id: ListenerId, source: io::Error) {
        match self.starting.remove(&listener_id) {
            Some(addr) => {
                if self.start_error.is_none() {
                    self.start_error = Some(NetError::Listen { addr, source });
                }
            }
            None => warn!(error = %source, "a listener failed"),
        }
    }

    fn on_behaviour_event(&mut self, event: BehaviourEvent) {
        match event {
            BehaviourEvent::Limits(never) => match never {},
            BehaviourEvent::Identify(libp2p::identify::Event::Received {
                connection_id,
                peer_id,
                info,
            }) => {
                debug!(peer = %peer_id, protocol = %info.protocol_version, "peer identified");
                if let Some((_, done)) = self.dials.remove(&connection_id) {
                    let _ = done.send(Ok(peer_id));
                }
            }
            BehaviourEvent::Identify(event) => trace!(?event, "identify"),
            BehaviourEvent::Ping(event) => trace!(?event, "ping"),
            BehaviourEvent::Mdns(libp2p::mdns::Event::Discovered(found)) => {
                let mut by_peer: HashMap<PeerId, Vec<Multiaddr>> = HashMap::new();
                for (peer, addr) in found {
                    by_peer.entry(peer).or_default().push(addr);
                }
                for (peer, addrs) in by_peer {
                    info!(%peer, "discovered on the local network");
                    let opts = DialOpts::peer_id(peer)
                        .addresses(addrs.clone())
                        .condition(PeerCondition::DisconnectedAndNotDialing)
                        .build();
                    if let Err(error) = self.swarm.dial(opts) {
                        debug!(%peer, %error, "not dialing discovered peer");
                    }
                    self.emit(NetEvent::Discovered { peer, addrs });
                }
            }
            BehaviourEvent::Mdns(libp2p::mdns::Event::Expired(expired)) => {
                debug!(count = expired.len(), "mDNS records expired");
            }
            BehaviourEvent::Sync(event) => self.on_request_response(Protocol::Sync, event),
            BehaviourEvent::Invite(event) => self.on_request_response(Protocol::Invite, event),
            BehaviourEvent::Authority(event) => {
                self.on_request_response(Protocol::Authority, event)
            }
        }
    }

    fn on_request_response(
        &mut self,
        protocol: Protocol,
        event: request_response::Event<RequestFrame, Vec<u8>>,
    ) {
        match event {
            request_response::Event::Message {
                peer,
                message:
                    Message::Request {
                        request: RequestFrame::Refused(error),
                        channel,
                        ..
                    },
                ..
            } => {
                debug!(%peer, %protocol, %error, "inbound request refused");
                // Dropping the channel closes the stream: the peer's request fails.
                drop(channel);
                self.emit(NetEvent::Rejected {
                    peer,
                    reason: format!("{protocol}: {error}"),
                });
            }
            request_response::Event::Message {
                peer,
                message:
                    Message::Request {
                        request: RequestFrame::Bytes(bytes),
                        channel,
                        ..
                    },
                ..
            } => {
                debug!(%peer, %protocol, len = bytes.len(), "request received");
                // Fails only when every client is gone and the loop is about to end.
                let Some(commands) = self.replies.upgrade() else {
                    return;
                };
                let reply = Reply::new(peer, protocol, channel, self.max_message_bytes, commands);
                self.emit(NetEvent::Request {
                    peer,
                    protocol,
                    bytes,
                    reply,
                });
            }
            request_response::Event::Message {
                peer,
                message:
                    Message::Response {
                        request_id,
                        response,
                    },
                ..
            } => {
                debug!(%peer, %protocol, len = response.len(), "response received");
                if let Some(done) = self.requests.remove(&(protocol, request_id)) {
                    let _ = done.send(Ok(response));
                }
            }
            request_response::Event::OutboundFailure {
                peer,
                request_id,
                error,
                ..
            } => {
                debug!(%peer, %protocol, %error, "request failed");
                if let Some(done) = self.requests.remove(&(protocol, request_id)) {
                    let _ = done.send(Err(NetError::Request {
                        peer,
                        source: error,
                    }));
                }
            }
            request_response::Event::InboundFailure { peer, error, .. } => {
                debug!(%peer, %protocol, %error, "inbound request failed");
            }
            request_response::Event::ResponseSent { peer, .. } => {
                trace!(%peer, %protocol, "response sent");
            }
        }
    }

    /// Queues an event for the consumer; discarded if the consumer has dropped the receiver.
    fn emit(&mut self, event: NetEvent) {
        if self.events.is_closed() {
            trace!(?event, "no event receiver; event discarded");
        } else {
            self.queue.push_back(event);
        }
    }
}

/// Hands the oldest queued event to the consumer once the channel has room. Cancel-safe: nothing
/// leaves the queue before there is room for it.
async fn deliver(events: &mpsc::Sender<NetEvent>, queue: &mut VecDeque<NetEvent>) {
    match events.reserve().await {
        Ok(permit) => {
            if let Some(event) = queue.pop_front() {
                permit.send(event);
            }
        }
        Err(_) => {
            debug!(
                dropped = queue.len(),
                "event receiver gone; discarding events"
            );
            queue.clear();
        }
    }
}

/// The TCP transport binds its listeners with `SO_REUSEPORT`, so a second node would silently
/// share a port already taken by another. Binding a plain socket first makes a taken port fail
/// clearly instead. Port 0 (any free port) needs no check.
fn refuse_taken_tcp_port(addr: &Multiaddr) -> Result<(), NetError> {
    let mut segments = addr.iter();
    let ip = match segments.next() {
        Some(Segment::Ip4(ip)) => ip.into(),
        Some(Segment::Ip6(ip)) => ip.into(),
        _ => return Ok(()),
    };
    let port = match segments.next() {
        Some(Segment::Tcp(port)) if port != 0 => port,
        _ => return Ok(()),
    };
    match TcpListener::bind(SocketAddr::new(ip, port)) {
        Ok(probe) => {
            drop(probe);
            Ok(())
        }
        Err(source) => Err(NetError::Listen {
            addr: addr.clone(),
            source,
        }),
    }
}
