//! A running peer: the one owner of this device's groups while it runs. It holds the [`App`]
//! (and so the [`Repo`](crate::Repo): one copy of each group), the sync engine
//! (`comptoir-sync`) and, when online, the network (`comptoir-net`). Everything else — the
//! desktop window, `serve`, the CLI's network commands, tests — holds a [`Handle`].
//!
//! One event pump, [`Node::next`], reacts to handles' requests, network events, the end of
//! long operations (dials, invitation requests: pending entries it completes, never awaited
//! inside it) and a tick. Offline is the same code with no network: requests are served alike.

mod compactions;
mod effects;
mod handle;
mod hygiene;
mod invite;
mod log_sync;
mod options;
mod peer_id;
mod refusals;
mod sync_once;

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};

use comptoir_net::{Client, Multiaddr, NetEvent, PeerId, Protocol};
use comptoir_sync::{Config as SyncConfig, Engine, Input};
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use tokio::sync::mpsc;

use crate::repo::Encoded;
use crate::{App, AppError, Result};
use comptoir_model::GroupId;

pub use comptoir_net::QUIC;
pub use handle::{Handle, Inbox};
pub use options::{DEFAULT_LISTEN, NodeEvent, NodeOptions, NodeStatus, SyncReport, multiaddr};

use handle::Request;
use invite::Join;
use sync_once::SyncOnce;

/// How often the engine gets a tick, deadlines are checked and the data directory is checked
/// for other processes' writes.
const TICK: Duration = Duration::from_millis(200);
/// How long a connection with nothing to say stays open.
const IDLE_TIMEOUT: Duration = Duration::from_secs(3600);
/// Frames waiting to be sent to one peer.
const OUTBOX_CAPACITY: usize = 64;

/// A long operation running beside the pump (a dial, a request to a peer); its end is handed
/// back to the pump.
type Task = Pin<Box<dyn Future<Output = Done> + Send>>;

/// How a long operation ended.
enum Done {
    /// Nothing left for the pump to do (the task answered its asker itself).
    Nothing,
    /// The addresses of an invitation code were tried.
    Found { join: u64, inviter: Option<PeerId> },
    /// The inviter answered a join request.
    Answered {
        join: u64,
        response: std::result::Result<Vec<u8>, comptoir_net::NetError>,
    },
    /// One of a one-shot sync's dials ended.
    Dialled { sync: u64 },
    /// A peer answered our membership frame.
    LogAnswered {
        group: GroupId,
        peer: PeerId,
        response: std::result::Result<Vec<u8>, comptoir_net::NetError>,
    },
    /// A group's snapshot was encoded beside the pump (or the thread failed: `None`).
    Compacted {
        group: GroupId,
        encoded: Option<Encoded>,
    },
    /// Time for a join waiting for approval to ask again.
    AskAgain { join: u64, inviter: PeerId },
}

/// The network, when the node is online.
struct Net {
    client: Client,
    events: mpsc::Receiver<NetEvent>,
    outboxes: HashMap<PeerId, mpsc::Sender<Vec<u8>>>,
    connected: BTreeMap<PeerId, Multiaddr>,
    listening: Vec<Multiaddr>,
    /// Peers whose outbox was full when a frame was due: told to the engine once there is
    /// room again, so that their exchanges start again at once rather than when they stall.
    congested: BTreeSet<PeerId>,
    /// The peers the network keeps connection slots for, as last told (see `hygiene`).
    slots_kept: BTreeSet<PeerId>,
}

/// A peer on the network, serving this device's groups.
pub struct Node {
    app: App,
    engine: Engine,
    net: Option<Net>,
    handle: Handle,
    requests: mpsc::Receiver<Request>,
    tasks: FuturesUnordered<Task>,
    joins: BTreeMap<u64, Join>,
    syncs: BTreeMap<u64, SyncOnce>,
    next_pending: u64,
    /// Events produced but not yet returned by [`Node::next`].
    events: VecDeque<NodeEvent>,
    tick: tokio::time::Interval,
    started: Instant,
    traffic: Traffic,
    /// Groups whose snapshot is being encoded beside the pump.
    compacting: BTreeSet<GroupId>,
    /// The membership-log heads each peer last told us, per group.
    log_heads: BTreeMap<(GroupId, PeerId), Vec<comptoir_authority::OpHash>>,
    /// The peer heads our last operations sent to that peer were chosen for.
    log_offered: BTreeMap<(GroupId, PeerId), Vec<comptoir_authority::OpHash>>,
    /// Groups a peer's log told us an admin removed this device from.
    removed: BTreeSet<GroupId>,
    /// Connected peers that share nothing with us, since when (see `hygiene`).
    strangers: BTreeMap<PeerId, Instant>,
    /// Refusals counted for the log (see `refusals`).
    refusals: refusals::Refusals,
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
            .field("online", &self.net.is_some())
            .field("groups", &self.app.repo_ref().docs().len())
            .finish()
    }
}

impl Node {
    /// Opens every group of the data directory (a group that cannot be read is set aside and
    /// reported; the others work), offline. [`Node::go_online`] starts the network.
    pub fn open(app: App) -> Result<Self> {
        Self::open_with(app, Handle::new())
    }

    /// [`Node::open`], answering the handle made beforehand with [`Handle::new`].
    pub fn open_with(mut app: App, (handle, Inbox(requests)): (Handle, Inbox)) -> Result<Self> {
        let mut engine = Engine::new(peer_id::for_engine(&app.peer_id()), SyncConfig::default());
        // Snapshots are encoded beside the pump (`start_compactions`), never inside an edit.
        app.repo().defer_compactions();
        for id in app.repo().open_all()? {
            engine.restore(&id, sync_states(&app, &id)?);
        }
        app.migrate_logs()?;
        let held: Vec<GroupId> = app.repo_ref().docs().keys().cloned().collect();
        let mut tick = tokio::time::interval(TICK);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        let mut node = Self {
            app,
            engine,
            net: None,
            handle,
            requests,
            tasks: FuturesUnordered::new(),
            joins: BTreeMap::new(),
            syncs: BTreeMap::new(),
            next_pending: 0,
            events: VecDeque::new(),
            tick,
            started: Instant::now(),
            traffic: Traffic::default(),
            compacting: BTreeSet::new(),
            log_heads: BTreeMap::new(),
            log_offered: BTreeMap::new(),
            removed: BTreeSet::new(),
            strangers: BTreeMap::new(),
            refusals: refusals::Refusals::default(),
        };
        // Who may sync each group: its membership log's say, where it has one.
        for group in held {
            node.follow_log(&group)?;
        }
        Ok(node)
    }

    /// Opens the groups and starts the network.
    pub async fn start(app: App, options: &NodeOptions) -> Result<Self> {
        let mut node = Self::open(app)?;
        node.go_online(options).await?;
        Ok(node)
    }

    /// Starts the network; on failure the node stays offline and keeps serving its handles.
    pub async fn go_online(&mut self, options: &NodeOptions) -> Result<()> {
        let mut config = comptoir_net::Config::new(self.app.keypair().clone());
        config.listen = options.listen.clone();
        config.mdns = options.mdns;
        if let Some(max) = options.max_connections {
            config.max_connections = max;
        }
        // Peers stay connected while the app is open, so that a change reaches them at once;
        // ping alone does not keep a libp2p connection up.
        config.idle_timeout = IDLE_TIMEOUT;
        let (client, events) = comptoir_net::start(config).await?;
        self.net = Some(Net {
            client,
            events,
            outboxes: HashMap::new(),
            connected: BTreeMap::new(),
            listening: Vec::new(),
            congested: BTreeSet::new(),
            slots_kept: BTreeSet::new(),
        });
        self.keep_slots();
        Ok(())
    }

    /// A new way to this node.
    pub fn handle(&self) -> Handle {
        self.handle.clone()
    }

    /// The application underneath, between steps of the pump.
    pub fn app(&mut self) -> &mut App {
        &mut self.app
    }

    /// Waits for the next thing worth reporting, doing the work in between: requests, network
    /// events, the end of long operations, ticks. Cancel-safe: dropping it between two steps
    /// loses nothing.
    pub async fn next(&mut self) -> Result<NodeEvent> {
        loop {
            if let Some(event) = self.events.pop_front() {
                return Ok(event);
            }
            tokio::select! {
                Some(request) = self.requests.recv() => self.on_request(request)?,
                event = next_net(&mut self.net) => match event {
                    Some(event) => self.on_net(event).await?,
                    None => self.went_offline(),
                },
                Some(done) = self.tasks.next(), if !self.tasks.is_empty() => self.on_done(done)?,
                _ = self.tick.tick() => self.on_tick()?,
            }
            self.settle()?;
        }
    }

    /// Runs the pump until `work` (usually a [`Handle`] call) is done; events met meanwhile are
    /// only logged. For one-shot commands that own their node.
    pub async fn run_until<T>(&mut self, work: impl Future<Output = T>) -> Result<T> {
        let mut work = std::pin::pin!(work);
        loop {
            tokio::select! {
                out = &mut work => return Ok(out),
                event = self.next() => tracing::debug!(event = ?event?, "while waiting"),
            }
        }
    }

    /// Sync frame bytes sent and received so far (payloads, without transport overhead).
    pub fn traffic(&self) -> Traffic {
        self.traffic
    }

    /// Stops the network.
    pub async fn shutdown(self) -> Result<()> {
        if let Some(net) = self.net {
            net.client.shutdown().await?;
        }
        Ok(())
    }

    fn now(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    fn status(&self) -> NodeStatus {
        NodeStatus {
            online: self.net.is_some(),
            listening: self
                .net
                .iter()
                .flat_map(|net| net.listening.iter().cloned())
                .collect(),
            connected: self
                .net
                .iter()
                .flat_map(|net| net.connected.keys().copied())
                .collect(),
            traffic: self.traffic,
        }
    }

    fn on_request(&mut self, request: Request) -> Result<()> {
        // What another process wrote is read before answering, so no answer is stale.
        self.refresh()?;
        match request {
            Request::Call(work) => work(&mut self.app),
            Request::Status { reply } => {
                let _ = reply.send(self.status());
            }
            Request::Join {
                code,
                label,
                timeout,
                reply,
            } => self.start_join(code, label, timeout, reply),
            Request::Dial {
                address,
                timeout,
                reply,
            } => self.start_dial(address, timeout, reply),
            Request::Sync {
                peers,
                timeout,
                reply,
            } => self.start_sync(peers, timeout, reply),
        }
        Ok(())
    }

    /// Dials an address as a task that answers its asker itself.
    fn start_dial(
        &mut self,
        address: Multiaddr,
        timeout: Duration,
        reply: tokio::sync::oneshot::Sender<Result<PeerId>>,
    ) {
        let client = match self.client() {
            Ok(client) => client,
            Err(e) => {
                let _ = reply.send(Err(e));
                return;
            }
        };
        self.tasks.push(Box::pin(async move {
            let dialled = match tokio::time::timeout(timeout, client.dial(address)).await {
                Ok(Ok(peer)) => Ok(peer),
                Ok(Err(e)) => Err(e.into()),
                Err(_) => Err(AppError::NoPeerReached {
                    seconds: timeout.as_secs(),
                }),
            };
            let _ = reply.send(dialled);
            Done::Nothing
        }));
    }

    fn on_done(&mut self, done: Done) -> Result<()> {
        match done {
            Done::Nothing => Ok(()),
            Done::LogAnswered {
                group,
                peer,
                response,
            } => {
                self.log_answered(&group, peer, response);
                Ok(())
            }
            Done::Compacted { group, encoded } => self.compacted(group, encoded),
            Done::Found { join, inviter } => self.inviter_found(join, inviter),
            Done::Answered { join, response } => self.inviter_answered(join, response),
            Done::AskAgain { join, inviter } => self.ask_again(join, inviter),
            Done::Dialled { sync } => {
                self.sync_dialled(sync);
                Ok(())
            }
        }
    }

    async fn on_net(&mut self, event: NetEvent) -> Result<()> {
        match event {
            NetEvent::Listening(addr) => {
                let listening = match &mut self.net {
                    Some(net) => {
                        net.listening.push(addr.clone());
                        net.listening.clone()
                    }
                    None => Vec::new(),
                };
                self.app.remember_listening(&listening)?;
                self.report(NodeEvent::Listening { address: addr });
            }
            NetEvent::Discovered { .. } => {}
            NetEvent::Connected { peer, addr } => {
                self.refresh()?;
                self.app
                    .store()
                    .saw_peer(&peer.to_base58(), Some(&addr.to_string()))?;
                if let Some(net) = &mut self.net {
                    net.connected.insert(peer, addr.clone());
                }
                self.feed(Input::PeerConnected(peer_id::for_engine(&peer)))?;
                self.report(NodeEvent::Connected {
                    peer,
                    address: addr,
                });
                self.offer_logs(peer);
                self.inviter_connected(&peer);
            }
            NetEvent::Disconnected { peer } => {
                if let Some(net) = &mut self.net {
                    net.connected.remove(&peer);
                    net.outboxes.remove(&peer);
                    net.congested.remove(&peer);
                }
                self.feed(Input::PeerDisconnected(peer_id::for_engine(&peer)))?;
                self.log_heads.retain(|(_, p), _| *p != peer);
                self.log_offered.retain(|(_, p), _| *p != peer);
                self.report(NodeEvent::Disconnected { peer });
                self.inviter_left(&peer);
            }
            NetEvent::Request {
                peer,
                protocol: Protocol::Sync,
                bytes,
                reply,
            } => {
                self.traffic.received_bytes += bytes.len() as u64;
                self.traffic.received_frames += 1;
                // Answer from what is stored now, another process's writes included.
                self.refresh()?;
                // The frame reaches the engine before anything is awaited, so that dropping
                // `next()` here never loses it. Sync frames are one-way; the empty reply only
                // acknowledges receipt.
                self.feed(Input::Received {
                    from: peer_id::for_engine(&peer),
                    bytes,
                })?;
                let _ = reply.send(Vec::new()).await;
            }
            NetEvent::Request {
                peer,
                protocol: Protocol::Authority,
                bytes,
                reply,
            } => {
                self.refresh()?;
                let response = self.answer_log(&peer, &bytes);
                let _ = reply.send(response).await;
            }
            NetEvent::Request {
                peer,
                protocol: Protocol::Invite,
                bytes,
                reply,
            } => {
                let response = self.answer_invitation(&peer, &bytes)?;
                let _ = reply.send(response).await;
            }
            NetEvent::Rejected { peer, reason } => self.report(NodeEvent::Refused { peer, reason }),
        }
        Ok(())
    }

    fn went_offline(&mut self) {
        tracing::info!("the network stopped");
        self.net = None;
        self.report(NodeEvent::Offline);
    }

    fn on_tick(&mut self) -> Result<()> {
        self.refresh()?;
        for peer in self.decongested() {
            self.feed(Input::Undelivered(peer_id::for_engine(&peer)))?;
        }
        self.feed(Input::Tick)?;
        let now = Instant::now();
        self.expire_joins(now);
        self.expire_syncs(now);
        self.let_strangers_go(now);
        self.refusals.log_minutes_over(now);
        self.keep_slots();
        Ok(())
    }

    /// Reads what other processes (the CLI beside the app) wrote; the engine then shares it.
    fn refresh(&mut self) -> Result<()> {
        for id in self.app.repo().refresh()? {
            tracing::debug!(group = %id, "another process changed a group");
            let states = sync_states(&self.app, &id)?;
            self.engine.restore(&id, states);
            self.report(NodeEvent::Outside { group: id });
        }
        Ok(())
    }

    /// After each step: groups changed by this process or another are shared at once, and
    /// pending operations that are now complete are answered.
    fn settle(&mut self) -> Result<()> {
        let now = self.now();
        for id in self.app.repo().take_rebuilt() {
            self.engine.forget(now, &id);
        }
        for id in self.app.repo().take_changed() {
            self.feed(Input::LocalChange(id))?;
        }
        self.complete_joins()?;
        self.complete_syncs()?;
        self.logs_changed()?;
        self.start_compactions()
    }

    /// Runs the engine on one input and carries out its effects.
    fn feed(&mut self, input: Input) -> Result<()> {
        let now = self.now();
        let effects = self.engine.handle(now, self.app.repo().docs_mut(), input);
        self.apply(effects)
    }

    fn report(&mut self, event: NodeEvent) {
        self.events.push_back(event);
    }

    fn next_pending_id(&mut self) -> u64 {
        self.next_pending += 1;
        self.next_pending
    }

    fn connected(&self) -> impl Iterator<Item = &PeerId> {
        self.net.iter().flat_map(|net| net.connected.keys())
    }

    /// Whether every group shared with `peer` is up to date with it.
    /// (Its membership log too: what the peer's log holds, ours holds.)
    fn synced_with(&self, peer: &PeerId) -> bool {
        let engine_peer = peer_id::for_engine(peer);
        self.app
            .repo_ref()
            .docs()
            .keys()
            .filter(|id| {
                self.engine
                    .may_sync(self.app.repo_ref().docs(), id, &engine_peer)
            })
            .all(|id| self.engine.is_synced(id, &engine_peer) && self.log_agrees(id, peer))
    }

    /// Whether any connected peer may sync any of our groups.
    fn shares_anything(&self) -> bool {
        let docs = self.app.repo_ref().docs();
        self.connected().any(|peer| {
            let peer = peer_id::for_engine(peer);
            docs.keys().any(|id| self.engine.may_sync(docs, id, &peer))
        })
    }

    fn client(&self) -> Result<Client> {
        self.net
            .as_ref()
            .map(|net| net.client.clone())
            .ok_or(AppError::Offline)
    }
}

/// The next network event; never, when offline.
async fn next_net(net: &mut Option<Net>) -> Option<NetEvent> {
    match net {
        Some(net) => net.events.recv().await,
        None => std::future::pending().await,
    }
}

/// The sync states kept for a group, by the engine's name of each peer.
fn sync_states(
    app: &App,
    group: &comptoir_model::GroupId,
) -> Result<Vec<(comptoir_sync::PeerId, Vec<u8>)>> {
    let states = app.store().sync_states(group.as_str())?;
    Ok(states
        .into_iter()
        .map(|(peer, state)| (peer.into(), state))
        .collect())
}
