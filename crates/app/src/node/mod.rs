//! A running peer: the sync engine (`comptoir-sync`) wired to the network (`comptoir-net`) and
//! to the store. One task owns it and reacts to network events, a tick, and writes made to the
//! data directory by other processes; the engine decides, this module carries out its effects.

mod effects;
mod invite;
mod options;

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::time::{Duration, Instant};

use comptoir_model::GroupId;
use comptoir_net::{Client, NetEvent, PeerId, Protocol};
use comptoir_sync::{Config as SyncConfig, Engine, Input};
use tokio::sync::mpsc;

use crate::{App, AppError, Result};

pub use comptoir_net::QUIC;
pub use options::{DEFAULT_LISTEN, NodeEvent, NodeOptions, SyncReport};

/// How often the engine gets a tick and the data directory is checked for other writers.
const TICK: Duration = Duration::from_millis(200);
/// How long a connection with nothing to say stays open.
const IDLE_TIMEOUT: Duration = Duration::from_secs(3600);
/// Frames waiting to be sent to one peer.
const OUTBOX_CAPACITY: usize = 64;

/// A peer on the network, serving this device's groups.
pub struct Node {
    app: App,
    engine: Engine,
    client: Client,
    events: mpsc::Receiver<NetEvent>,
    outboxes: HashMap<PeerId, mpsc::Sender<Vec<u8>>>,
    connected: BTreeMap<PeerId, String>,
    data_version: i64,
    started: Instant,
    /// Events already produced but not yet returned by [`Node::next`].
    pending: VecDeque<NodeEvent>,
    tick: tokio::time::Interval,
    listening: Vec<String>,
    traffic: Traffic,
}

/// Sync frame bytes counted by a node.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Traffic {
    pub sent_bytes: u64,
    pub sent_frames: u64,
    pub received_bytes: u64,
    pub received_frames: u64,
}

impl std::fmt::Debug for Node {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Node")
            .field("peer", &self.app.peer_id())
            .field("connected", &self.connected.len())
            .finish()
    }
}

impl Node {
    /// Starts the network and loads every group of the data directory into the engine.
    pub async fn start(app: App, options: &NodeOptions) -> Result<Self> {
        let mut config = comptoir_net::Config::new(app.keypair().clone());
        config.listen = options.listen_addrs()?;
        config.mdns = options.mdns;
        // Peers stay connected while the app is open, so that a change reaches them at once;
        // ping alone does not keep a libp2p connection up.
        config.idle_timeout = IDLE_TIMEOUT;
        let (client, events) = comptoir_net::start(config).await?;
        let mut engine = Engine::new(app.peer_id().to_base58(), SyncConfig::default());
        // Read before the groups: a write made while they load is then seen at the first tick.
        let data_version = app.store().data_version()?;
        for id in app.store().documents()? {
            let group = GroupId::new(id);
            let doc = app.load(&group)?;
            let states = app.store().sync_states(group.as_str())?;
            engine.add_group(doc, states)?;
        }
        let mut tick = tokio::time::interval(TICK);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        Ok(Self {
            app,
            engine,
            client,
            events,
            outboxes: HashMap::new(),
            connected: BTreeMap::new(),
            data_version,
            started: Instant::now(),
            pending: VecDeque::new(),
            tick,
            listening: Vec::new(),
            traffic: Traffic::default(),
        })
    }

    /// The application underneath (to read what was synced).
    pub fn app(&self) -> &App {
        &self.app
    }

    /// The addresses this node listens on.
    pub async fn listen_addrs(&self) -> Result<Vec<String>> {
        Ok(self
            .client
            .listen_addrs()
            .await?
            .iter()
            .map(ToString::to_string)
            .collect())
    }

    /// Dials a peer by address; returns its peer id.
    pub async fn dial(&mut self, address: &str) -> Result<PeerId> {
        let addr = options::multiaddr(address)?;
        Ok(self.client.dial(addr).await?)
    }

    /// Waits for the next thing worth reporting, doing the work in between.
    pub async fn next(&mut self) -> Result<Option<NodeEvent>> {
        if let Some(event) = self.pending.pop_front() {
            return Ok(Some(event));
        }
        loop {
            let reported = tokio::select! {
                event = self.events.recv() => match event {
                    Some(event) => self.on_net(event).await?,
                    None => return Ok(None),
                },
                _ = self.tick.tick() => self.on_tick()?,
            };
            if reported.is_some() {
                return Ok(reported);
            }
        }
    }

    /// Whether every group shared with `peer` is up to date with it.
    pub fn synced_with(&self, peer: &PeerId) -> Result<bool> {
        let peer = peer.to_base58();
        for doc in self.engine.groups() {
            if doc.is_authorized(&peer)? && !self.engine.is_synced(doc.id(), &peer) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Whether any connected peer may sync any of our groups.
    fn shares_anything(&self) -> Result<bool> {
        for doc in self.engine.groups() {
            for peer in self.connected.keys() {
                if doc.is_authorized(&peer.to_base58())? {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }

    /// Changes a group through the node (the benchmarks do; the desktop shell writes through its
    /// own `App`, noticed at the next tick): the change is stored, then shared
    /// with every connected peer allowed to sync the group, without waiting for a tick.
    pub fn edit<T>(
        &mut self,
        group: &GroupId,
        change: impl FnOnce(&mut comptoir_model::GroupDoc) -> comptoir_model::Result<T>,
    ) -> Result<T> {
        let doc = self
            .engine
            .group_mut(group)
            .ok_or_else(|| AppError::NotFound {
                what: "group",
                query: group.to_string(),
            })?;
        let out = change(doc)?;
        let changes = doc.take_unsaved();
        self.app.store().append(group.as_str(), &changes)?;
        if let Some(event) = self.feed(Input::LocalChange(group.clone()))? {
            self.pending.push_back(event);
        }
        Ok(out)
    }

    /// Sync frame bytes sent and received so far (payloads, without transport overhead).
    pub fn traffic(&self) -> Traffic {
        self.traffic
    }

    /// The peers connected now.
    pub fn connected(&self) -> impl Iterator<Item = &PeerId> {
        self.connected.keys()
    }

    /// Stops the network.
    pub async fn shutdown(self) -> Result<()> {
        self.client.shutdown().await?;
        Ok(())
    }

    fn now(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    async fn on_net(&mut self, event: NetEvent) -> Result<Option<NodeEvent>> {
        match event {
            NetEvent::Listening(addr) => {
                self.listening.push(addr.to_string());
                self.app.remember_listening(&self.listening)?;
                Ok(Some(NodeEvent::Listening {
                    address: addr.to_string(),
                }))
            }
            NetEvent::Discovered { .. } => Ok(None),
            NetEvent::Connected { peer, addr } => {
                self.app
                    .store()
                    .saw_peer(&peer.to_base58(), Some(&addr.to_string()))?;
                self.connected.insert(peer, addr.to_string());
                self.feed(Input::PeerConnected(peer.to_base58()))?;
                Ok(Some(NodeEvent::Connected {
                    peer: peer.to_base58(),
                    address: addr.to_string(),
                }))
            }
            NetEvent::Disconnected { peer } => {
                self.connected.remove(&peer);
                self.outboxes.remove(&peer);
                self.feed(Input::PeerDisconnected(peer.to_base58()))?;
                Ok(Some(NodeEvent::Disconnected {
                    peer: peer.to_base58(),
                }))
            }
            NetEvent::Request {
                peer,
                protocol: Protocol::Sync,
                bytes,
                reply,
            } => {
                self.traffic.received_bytes += bytes.len() as u64;
                self.traffic.received_frames += 1;
                // The frame reaches the engine before anything is awaited, so that dropping
                // `next()` here never loses it. Sync frames are one-way; the empty reply only
                // acknowledges receipt.
                let event = self.feed(Input::Received {
                    from: peer.to_base58(),
                    bytes,
                })?;
                let _ = reply.send(Vec::new()).await;
                Ok(event)
            }
            NetEvent::Request {
                peer,
                protocol: Protocol::Invite,
                bytes,
                reply,
            } => {
                let (response, event) = self.answer_invitation(&peer, &bytes)?;
                let _ = reply.send(response).await;
                Ok(event)
            }
            NetEvent::Rejected { peer, reason } => Ok(Some(NodeEvent::Refused {
                peer: peer.to_base58(),
                reason,
            })),
        }
    }

    fn on_tick(&mut self) -> Result<Option<NodeEvent>> {
        let version = self.app.store().data_version()?;
        if version != self.data_version {
            tracing::debug!("another connection wrote to the data directory");
            self.data_version = version;
            self.reload_from_store()?;
        }
        self.feed(Input::Tick)
    }

    /// Another process (the CLI while the app runs) wrote to the data directory: merge what it
    /// wrote into the engine's copies and let the engine share it.
    fn reload_from_store(&mut self) -> Result<()> {
        for id in self.app.store().documents()? {
            let id = GroupId::new(id);
            let mut stored = self.app.load(&id)?;
            match self.engine.group_mut(&id) {
                Some(doc) => {
                    let before = doc.heads();
                    doc.merge(&mut stored)?;
                    // What came from the store is stored already.
                    doc.take_unsaved();
                    if doc.heads() != before {
                        tracing::debug!(group = %id, "outside changes merged");
                        self.feed(Input::LocalChange(id))?;
                    }
                }
                None => {
                    let states = self.app.store().sync_states(id.as_str())?;
                    self.engine.add_group(stored, states)?;
                    self.feed(Input::LocalChange(id))?;
                }
            }
        }
        Ok(())
    }

    /// Runs the engine on one input and carries out its effects; returns the first thing worth
    /// reporting.
    fn feed(&mut self, input: Input) -> Result<Option<NodeEvent>> {
        let now = self.now();
        let effects = self.engine.handle(now, input);
        self.apply(effects)
    }
}

impl Node {
    /// One-shot sync: dials `peers` (and, with mDNS, whoever is found), and returns once every
    /// group shared with every peer reached is up to date. Fails if no peer was reached.
    pub async fn sync_once(&mut self, peers: &[String], timeout: Duration) -> Result<SyncReport> {
        let mut report = SyncReport::default();
        let work = async {
            for address in peers {
                match self.dial(address).await {
                    Ok(peer) => tracing::debug!(%peer, "dialled"),
                    Err(e) => tracing::warn!(error = %e, "a peer did not answer"),
                }
            }
            loop {
                let reached: Vec<PeerId> = self.connected.keys().copied().collect();
                if !reached.is_empty()
                    && reached.iter().all(|p| self.synced_with(p).unwrap_or(false))
                {
                    return Ok(());
                }
                match self.next().await? {
                    Some(NodeEvent::Synced { group, peer }) => report.synced.push((group, peer)),
                    Some(_) => {}
                    None => return Err(AppError::NetworkStopped),
                }
            }
        };
        let finished = tokio::time::timeout(timeout, work).await;
        report.peers = self.connected.keys().map(|p| p.to_base58()).collect();
        match finished {
            Ok(Ok(())) if !self.shares_anything()? => Err(AppError::NothingShared),
            Ok(Ok(())) => Ok(report),
            Ok(Err(e)) => Err(e),
            Err(_) if report.peers.is_empty() => Err(AppError::NoPeerReached {
                seconds: timeout.as_secs(),
            }),
            Err(_) => Err(AppError::SyncIncomplete {
                seconds: timeout.as_secs(),
            }),
        }
    }
}
