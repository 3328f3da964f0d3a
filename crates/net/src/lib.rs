//! Comptoir's peer-to-peer transport: libp2p carrying opaque request/response bytes between
//! peers. It knows nothing of groups or documents; `sync` decides what the bytes mean.
//!
//! A node speaks TCP (Noise + Yamux) and QUIC, runs identify (`/comptoir/id/1`) and ping, and,
//! when asked, discovers and dials peers on the local network with mDNS. Three request-response
//! protocols, [`Protocol::Sync`], [`Protocol::Invite`] and [`Protocol::Authority`], each carry one length-prefixed message
//! per direction, at most [`Config::max_message_bytes`] long both ways. Connection limits bound
//! established connections (in total and per peer) and handshakes in flight, and keep some
//! slots for the peers the layers above name ([`Client::keep_slots_for`]); deciding which
//! peers may sync is left to those layers.
//!
//! [`start`] spawns one task, the event loop, which owns the libp2p `Swarm`. The program drives
//! it through a [`Client`] (each call is a command on a bounded channel, answered on a oneshot)
//! and reads what happens from a bounded stream of [`NetEvent`]s. An inbound request arrives as
//! [`NetEvent::Request`] with a [`Reply`] to answer it. Keep draining the events: while they pile
//! up the node stops reading from the network (client calls are still answered).
//!
//! ```no_run
//! use comptoir_net::{Config, Keypair, NetEvent, Protocol};
//!
//! # async fn example() -> Result<(), comptoir_net::NetError> {
//! let mut config = Config::new(Keypair::generate_ed25519());
//! config.listen = vec!["/ip4/127.0.0.1/tcp/0".parse().expect("a valid address")];
//! let (client, mut events) = comptoir_net::start(config).await?;
//!
//! // Answer every request with its length.
//! tokio::spawn(async move {
//!     while let Some(event) = events.recv().await {
//!         if let NetEvent::Request { bytes, reply, .. } = event {
//!             let _ = reply.send(bytes.len().to_be_bytes().to_vec()).await;
//!         }
//!     }
//! });
//!
//! let peer = client.dial("/ip4/127.0.0.1/tcp/4001".parse().expect("a valid address")).await?;
//! let response = client.request(peer, Protocol::Sync, b"hello".to_vec()).await?;
//! assert_eq!(response, 5usize.to_be_bytes());
//! client.shutdown().await?;
//! # Ok(())
//! # }
//! ```

mod behaviour;
mod client;
mod codec;
mod config;
mod error;
mod event;
mod event_loop;
mod protocol;

/// Whether this build speaks QUIC (the `quic` feature); without it, only TCP addresses can be
/// listened on or dialled.
pub const QUIC: bool = cfg!(feature = "quic");

pub use client::Client;
pub use config::Config;
pub use error::NetError;
pub use event::{NetEvent, Reply};
pub use libp2p::{Multiaddr, PeerId, identity::Keypair, multiaddr::Protocol as AddressPart};
pub use protocol::Protocol;

use tokio::sync::mpsc;

/// Commands waiting for the event loop.
const COMMAND_CAPACITY: usize = 64;
/// Events waiting for the consumer.
const EVENT_CAPACITY: usize = 64;

/// Starts a node: builds the swarm, binds every `config.listen` address, and spawns the one
/// event-loop task (on the current tokio runtime) that owns it. Returns once every listener
/// has an address, with the client that drives the node and the stream of its events.
///
/// Fails with [`NetError::Listen`] or [`NetError::UnsupportedAddress`] if a listen address
/// cannot be used; nothing keeps running then.
pub async fn start(config: Config) -> Result<(Client, mpsc::Receiver<NetEvent>), NetError> {
    let swarm = behaviour::build_swarm(&config)?;
    let local_peer_id = *swarm.local_peer_id();
    let (commands, command_receiver) = mpsc::channel(COMMAND_CAPACITY);
    let (events, event_receiver) = mpsc::channel(EVENT_CAPACITY);
    let mut event_loop = event_loop::EventLoop::new(
        swarm,
        command_receiver,
        commands.downgrade(),
        events,
        config.max_message_bytes,
    );
    event_loop.listen(&config.listen).await?;
    tokio::spawn(event_loop.run());
    Ok((
        Client::new(commands, local_peer_id, config.max_message_bytes),
        event_receiver,
    ))
}
