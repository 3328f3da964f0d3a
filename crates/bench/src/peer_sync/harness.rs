//! A peer for the benchmarks: a real [`Node`] on its own data directory, listening on loopback
//! only (mDNS off), driven by its own task. The benchmark sends it commands over a bounded
//! channel and reads its [`NodeEvent`]s, each stamped with the instant the node reported it.
//!
//! The task selects between the next command and [`Node::next`], so a command drops a `next`
//! in progress. The benchmarks only send commands while the node is quiet (no frame in
//! flight towards it), because a `next` dropped while it acknowledges a frame loses that frame.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;
use comptoir_app::App;
use comptoir_app::invitation::InvitationCode;
use comptoir_app::node::{Node, NodeEvent, NodeOptions, Traffic};
use comptoir_model::{GroupDoc, GroupId};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

/// Loopback only, a port the OS picks.
const LISTEN: &str = "/ip4/127.0.0.1/tcp/0";
/// Commands waiting for the node's task.
const COMMANDS: usize = 16;
/// Events the benchmark has not read yet (a node reports at most a few hundred at once).
const EVENTS: usize = 1024;
/// A safety net for waits: far beyond any target, never the thing measured.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// A change to make to a group on a node, as the desktop app would.
pub type Change = Box<dyn FnOnce(&mut GroupDoc) -> comptoir_model::Result<()> + Send>;

/// Something a node reported, and when.
#[derive(Debug)]
pub struct Stamped {
    pub event: NodeEvent,
    pub at: Instant,
}

/// An edit made on a node.
#[derive(Debug)]
pub struct Edited {
    /// Just before [`Node::edit`] was called.
    pub at: Instant,
    /// The bytes of the change, as [`GroupDoc::take_unsaved`] hands them to the store.
    pub change_bytes: usize,
}

enum Command {
    Dial(String, oneshot::Sender<anyhow::Result<()>>),
    Edit(GroupId, Change, oneshot::Sender<anyhow::Result<Edited>>),
    Accept(
        Box<InvitationCode>,
        oneshot::Sender<anyhow::Result<(Instant, Instant)>>,
    ),
    Traffic(oneshot::Sender<Traffic>),
    Shutdown(oneshot::Sender<anyhow::Result<()>>),
}

/// A node running in its own task.
#[derive(Debug)]
pub struct Peer {
    /// Its peer id (base58), as access lists name it.
    pub id: String,
    /// Where other nodes dial it.
    pub address: String,
    commands: mpsc::Sender<Command>,
    events: mpsc::Receiver<Stamped>,
    task: JoinHandle<anyhow::Result<()>>,
}

impl Peer {
    /// Starts a node on `dir` (whatever groups it holds) and the task that drives it.
    pub async fn start(dir: &Path) -> anyhow::Result<Self> {
        let app = App::open(dir)?;
        let id = app.peer_id().to_base58();
        let options = NodeOptions {
            listen: vec![LISTEN.into()],
            mdns: false,
        };
        let node = Node::start(app, &options).await?;
        let (commands, inbox) = mpsc::channel(COMMANDS);
        let (outbox, events) = mpsc::channel(EVENTS);
        let task = tokio::spawn(drive(node, inbox, outbox));
        let mut peer = Self {
            id,
            address: String::new(),
            commands,
            events,
            task,
        };
        // `Node::listen_addrs` borrows the node across an await, which a spawned task cannot
        // do (the node is not `Sync`): the address is read from its first report instead.
        let listening = peer
            .wait_for(|e| matches!(e, NodeEvent::Listening { .. }))
            .await?;
        if let NodeEvent::Listening { address } = listening.event {
            peer.address = address;
        }
        Ok(peer)
    }

    /// Connects to another node; returns once the connection is up.
    pub async fn dial(&self, address: &str) -> anyhow::Result<()> {
        let address = address.to_string();
        self.call(|done| Command::Dial(address, done)).await?
    }

    /// Changes a group with [`Node::edit`].
    pub async fn edit(&self, group: &GroupId, change: Change) -> anyhow::Result<Edited> {
        let group = group.clone();
        self.call(|done| Command::Edit(group, change, done)).await?
    }

    /// Joins a group with [`Node::accept_invitation`]; returns when it started and returned.
    pub async fn accept(&self, code: InvitationCode) -> anyhow::Result<(Instant, Instant)> {
        self.call(|done| Command::Accept(Box::new(code), done))
            .await?
    }

    /// The sync frame bytes this node sent and received so far.
    pub async fn traffic(&self) -> anyhow::Result<Traffic> {
        self.call(Command::Traffic).await
    }

    /// Waits (at most [`PATIENCE`]) for the first event that `wanted` accepts; events before
    /// it are dropped.
    pub async fn wait_for(
        &mut self,
        mut wanted: impl FnMut(&NodeEvent) -> bool,
    ) -> anyhow::Result<Stamped> {
        let wait = async {
            while let Some(stamped) = self.events.recv().await {
                if wanted(&stamped.event) {
                    return Ok(stamped);
                }
            }
            anyhow::bail!("the node of {} stopped", self.id)
        };
        tokio::time::timeout(PATIENCE, wait)
            .await
            .with_context(|| format!("waiting for an event of {}", self.id))?
    }

    /// Stops the node and its task.
    pub async fn shutdown(self) -> anyhow::Result<()> {
        self.call(Command::Shutdown).await??;
        self.task.await??;
        Ok(())
    }

    async fn call<T>(
        &self,
        command: impl FnOnce(oneshot::Sender<T>) -> Command,
    ) -> anyhow::Result<T> {
        let (done, answer) = oneshot::channel();
        self.commands
            .send(command(done))
            .await
            .map_err(|_| anyhow::anyhow!("the node of {} stopped", self.id))?;
        let answer = tokio::time::timeout(PATIENCE, answer)
            .await
            .with_context(|| format!("waiting for the node of {}", self.id))?;
        answer.map_err(|_| anyhow::anyhow!("the node of {} stopped", self.id))
    }
}

/// The node's task: carries out commands and forwards the node's events until shut down.
async fn drive(
    mut node: Node,
    mut commands: mpsc::Receiver<Command>,
    events: mpsc::Sender<Stamped>,
) -> anyhow::Result<()> {
    loop {
        tokio::select! {
            command = commands.recv() => match command {
                Some(Command::Shutdown(done)) => {
                    let _ = done.send(node.shutdown().await.map_err(Into::into));
                    return Ok(());
                }
                Some(command) => carry_out(&mut node, command).await,
                None => break,
            },
            event = node.next() => match event? {
                Some(event) => {
                    let stamped = Stamped { event, at: Instant::now() };
                    if events.send(stamped).await.is_err() {
                        break;
                    }
                }
                None => break,
            },
        }
    }
    node.shutdown().await?;
    Ok(())
}

async fn carry_out(node: &mut Node, command: Command) {
    match command {
        Command::Dial(address, done) => {
            let _ = done.send(node.dial(&address).await.map(drop).map_err(Into::into));
        }
        Command::Edit(group, change, done) => {
            let at = Instant::now();
            let edited = node.edit(&group, |doc| {
                let before = doc.heads();
                change(doc)?;
                // What `take_unsaved` returns next: the changes made since `before`.
                Ok(doc.automerge_mut().save_after(&before).len())
            });
            let edited = edited.map(|change_bytes| Edited { at, change_bytes });
            let _ = done.send(edited.map_err(Into::into));
        }
        Command::Accept(code, done) => {
            let started = Instant::now();
            let joined = node.accept_invitation(&code, PATIENCE).await;
            let _ = done.send(
                joined
                    .map(|_| (started, Instant::now()))
                    .map_err(Into::into),
            );
        }
        Command::Traffic(done) => {
            let _ = done.send(node.traffic());
        }
        // Handled by `drive`, which owns the end of the task.
        Command::Shutdown(done) => {
            let _ = done.send(Ok(()));
        }
    }
}
