//! The libp2p behaviour a node runs (limits, identify, ping, optional mDNS, and one
//! request-response behaviour per [`Protocol`]), and the swarm built around it.

use std::time::Duration;

use libp2p::{
    Swarm, SwarmBuilder, connection_limits, identify, mdns, noise, ping, request_response,
    swarm::{NetworkBehaviour, behaviour::toggle::Toggle},
    tcp, yamux,
};

use crate::{Config, NetError, Protocol, codec::FrameCodec};

/// The protocol version announced by identify.
const IDENTIFY_PROTOCOL: &str = "/comptoir/id/1";
/// How long a request may wait for its response.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Requests in flight per connection and protocol, both directions together. With the default
/// 1 MiB message limit this bounds what one connection can make a node buffer.
const MAX_CONCURRENT_STREAMS: usize = 16;

/// Everything a node does on its connections. The limits come first so that a connection over a
/// limit is denied before any other behaviour sets anything up for it: `limits` for everyone,
/// then `unreserved`, which leaves the reserved slots to the known peers it lets by.
#[derive(NetworkBehaviour)]
pub(crate) struct Behaviour {
    limits: connection_limits::Behaviour,
    pub(crate) unreserved: connection_limits::Behaviour,
    identify: identify::Behaviour,
    ping: ping::Behaviour,
    mdns: Toggle<mdns::tokio::Behaviour>,
    sync: request_response::Behaviour<FrameCodec>,
    invite: request_response::Behaviour<FrameCodec>,
    authority: request_response::Behaviour<FrameCodec>,
}

impl Behaviour {
    fn new(config: &Config) -> Result<Self, NetError> {
        let limits = connection_limits::ConnectionLimits::default()
            .with_max_established(Some(config.max_connections))
            .with_max_established_per_peer(Some(config.max_connections_per_peer))
            .with_max_pending_incoming(Some(config.max_pending_incoming));
        let unreserved = connection_limits::ConnectionLimits::default()
            .with_max_established(Some(config.max_connections - config.max_connections / 4));
        let mdns = if config.mdns {
            let local = config.keypair.public().to_peer_id();
            Some(
                mdns::tokio::Behaviour::new(mdns::Config::default(), local)
                    .map_err(NetError::Mdns)?,
            )
        } else {
            None
        };
        let request_response = |protocol: Protocol| {
            request_response::Behaviour::with_codec(
                FrameCodec::new(config.max_message_bytes),
                [(
                    protocol.stream_protocol(),
                    request_response::ProtocolSupport::Full,
                )],
                request_response::Config::default()
                    .with_request_timeout(REQUEST_TIMEOUT)
                    .with_max_concurrent_streams(MAX_CONCURRENT_STREAMS),
            )
        };
        Ok(Self {
            limits: connection_limits::Behaviour::new(limits),
            unreserved: connection_limits::Behaviour::new(unreserved),
            identify: identify::Behaviour::new(identify::Config::new(
                IDENTIFY_PROTOCOL.to_owned(),
                config.keypair.public(),
            )),
            ping: ping::Behaviour::default(),
            mdns: mdns.into(),
            sync: request_response(Protocol::Sync),
            invite: request_response(Protocol::Invite),
            authority: request_response(Protocol::Authority),
        })
    }

    /// The request-response behaviour of `protocol`.
    pub(crate) fn protocol(
        &mut self,
        protocol: Protocol,
    ) -> &mut request_response::Behaviour<FrameCodec> {
        match protocol {
            Protocol::Sync => &mut self.sync,
            Protocol::Invite => &mut self.invite,
            Protocol::Authority => &mut self.authority,
        }
    }
}

/// Builds the swarm: TCP with Noise and Yamux, and QUIC with the `quic` feature, on the tokio
/// runtime.
pub(crate) fn build_swarm(config: &Config) -> Result<Swarm<Behaviour>, NetError> {
    let behaviour = Behaviour::new(config)?;
    let builder = SwarmBuilder::with_existing_identity(config.keypair.clone())
        .with_tokio()
        .with_tcp(
            tcp::Config::default(),
            noise::Config::new,
            yamux::Config::default,
        )?;
    #[cfg(feature = "quic")]
    let builder = builder.with_quic();
    let Ok(builder) = builder.with_behaviour(|_| behaviour);
    Ok(builder
        .with_swarm_config(|swarm| swarm.with_idle_connection_timeout(config.idle_timeout))
        .build())
}
