//! Helpers shared by the integration tests: real nodes on loopback only (mDNS off), and
//! waiting for events with a timeout that is a safety net, never a synchronisation.

use std::{net::SocketAddr, time::Duration};

use anyhow::{Context, bail};
use comptoir_net::{Client, Config, Keypair, Multiaddr, NetEvent, PeerId, Protocol};
use libp2p::multiaddr::Protocol as Segment;
use tokio::sync::mpsc;

/// The longest any single wait may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Debug, Clone, Copy)]
pub enum Transport {
    Tcp,
    Quic,
}

impl Transport {
    /// A loopback address on a free port.
    pub fn loopback(self) -> Multiaddr {
        let addr = match self {
            Transport::Tcp => "/ip4/127.0.0.1/tcp/0",
            Transport::Quic => "/ip4/127.0.0.1/udp/0/quic-v1",
        };
        addr.parse().expect("a valid multiaddr")
    }
}

pub struct Node {
    pub client: Client,
    pub events: mpsc::Receiver<NetEvent>,
    /// The address the node listens on.
    pub addr: Multiaddr,
}

impl Node {
    pub fn id(&self) -> PeerId {
        self.client.local_peer_id()
    }
}

/// A configuration that never leaves loopback.
pub fn loopback_config(transport: Transport) -> Config {
    let mut config = Config::new(Keypair::generate_ed25519());
    config.mdns = false;
    config.listen = vec![transport.loopback()];
    config
}

/// Starts a node listening on loopback, after `tweak` adjusts its configuration.
pub async fn node(transport: Transport, tweak: impl FnOnce(&mut Config)) -> anyhow::Result<Node> {
    let mut config = loopback_config(transport);
    tweak(&mut config);
    assert!(!config.mdns, "tests never multicast on the host");
    let (client, events) = comptoir_net::start(config).await?;
    let addr = client
        .listen_addrs()
        .await?
        .into_iter()
        .next()
        .context("the node listens somewhere")?;
    Ok(Node {
        client,
        events,
        addr,
    })
}

/// Waits for the first event `pick` accepts, skipping the others.
pub async fn next_event<T>(
    events: &mut mpsc::Receiver<NetEvent>,
    mut pick: impl FnMut(NetEvent) -> Option<T>,
) -> anyhow::Result<T> {
    let wait = async {
        while let Some(event) = events.recv().await {
            if let Some(found) = pick(event) {
                return Ok(found);
            }
        }
        bail!("the event stream ended")
    };
    tokio::time::timeout(TIMEOUT, wait)
        .await
        .context("timed out waiting for an event")?
}

/// Answers the next request with `re:` followed by the request, and returns what was asked.
pub async fn serve_one(
    events: &mut mpsc::Receiver<NetEvent>,
) -> anyhow::Result<(PeerId, Protocol, Vec<u8>)> {
    let (peer, protocol, bytes, reply) = next_event(events, |event| match event {
        NetEvent::Request {
            peer,
            protocol,
            bytes,
            reply,
        } => Some((peer, protocol, bytes, reply)),
        _ => None,
    })
    .await?;
    reply.send(answer(&bytes)).await?;
    Ok((peer, protocol, bytes))
}

/// What [`serve_one`] answers to `request`.
pub fn answer(request: &[u8]) -> Vec<u8> {
    [b"re:".as_slice(), request].concat()
}

/// Bounds a future by [`TIMEOUT`].
pub async fn within<F: Future>(future: F) -> anyhow::Result<F::Output> {
    tokio::time::timeout(TIMEOUT, future)
        .await
        .context("timed out")
}

/// The socket address of a `/ip4/…/tcp/…` or `/ip4/…/udp/…` multiaddr.
pub fn socket_addr(addr: &Multiaddr) -> anyhow::Result<SocketAddr> {
    let mut segments = addr.iter();
    let ip = match segments.next() {
        Some(Segment::Ip4(ip)) => ip,
        other => bail!("not an IPv4 address: {other:?}"),
    };
    match segments.next() {
        Some(Segment::Tcp(port) | Segment::Udp(port)) => Ok(SocketAddr::from((ip, port))),
        other => bail!("no port: {other:?}"),
    }
}
