//! A peer for the benchmarks: a real [`Node`] on its own data directory, listening on loopback
//! only (mDNS off), pumped by its own task. The benchmark talks to it as the desktop shell and
//! `serve` do, through its [`Handle`], and reads its [`NodeEvent`]s, each stamped with the
//! instant the node reported it.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;
use comptoir_app::invitation::InvitationCode;
use comptoir_app::node::{Handle, Node, NodeEvent, NodeOptions, Traffic};
use comptoir_app::{App, Multiaddr, PeerId};
use comptoir_model::{GroupDoc, GroupId};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

/// Loopback only, a port the OS picks.
const LISTEN: &str = "/ip4/127.0.0.1/tcp/0";
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
    /// Just before the edit was sent to the node's handle.
    pub at: Instant,
    /// The bytes of the change, as [`GroupDoc::take_unsaved`] hands them to the store.
    pub change_bytes: usize,
}

/// A node running in its own task.
#[derive(Debug)]
pub struct Peer {
    /// Its peer id (base58), as access lists name it.
    pub id: PeerId,
    /// Where other nodes dial it.
    pub address: Multiaddr,
    handle: Handle,
    events: mpsc::Receiver<Stamped>,
    stop: oneshot::Sender<()>,
    task: JoinHandle<anyhow::Result<()>>,
}

impl Peer {
    /// Starts a node on `dir` (whatever groups it holds) and the task that drives it.
    pub async fn start(dir: &Path) -> anyhow::Result<Self> {
        let app = App::open(dir)?;
        let id = app.peer_id();
        let options = NodeOptions {
            listen: vec![LISTEN.parse()?],
            mdns: false,
            ..NodeOptions::default()
        };
        let node = Node::start(app, &options).await?;
        let handle = node.handle();
        let (outbox, events) = mpsc::channel(EVENTS);
        let (stop, stopped) = oneshot::channel();
        let task = tokio::spawn(drive(node, stopped, outbox));
        let mut peer = Self {
            id,
            address: Multiaddr::empty(),
            handle,
            events,
            stop,
            task,
        };
        let listening = peer
            .wait_for(|e| matches!(e, NodeEvent::Listening { .. }))
            .await?;
        if let NodeEvent::Listening { address } = listening.event {
            peer.address = address;
        }
        Ok(peer)
    }

    /// Connects to another node; returns once the connection is up.
    pub async fn dial(&self, address: &Multiaddr) -> anyhow::Result<()> {
        patient(self.handle.dial(address.clone(), PATIENCE)).await?;
        Ok(())
    }

    /// Changes a group through the node's handle, as the desktop shell's commands do.
    pub async fn edit(&self, group: &GroupId, change: Change) -> anyhow::Result<Edited> {
        let at = Instant::now();
        let change_bytes = patient(self.handle.edit(group.clone(), move |doc| {
            let before = doc.heads();
            change(doc)?;
            // What the store is handed next: the changes made since `before`.
            Ok(doc.save_after(&before).len())
        }))
        .await?;
        Ok(Edited { at, change_bytes })
    }

    /// Joins a group with [`Handle::join`]; returns when it started and returned.
    pub async fn accept(&self, code: InvitationCode) -> anyhow::Result<(Instant, Instant)> {
        let started = Instant::now();
        patient(self.handle.join(code, None, PATIENCE)).await?;
        Ok((started, Instant::now()))
    }

    /// The sync frame bytes this node sent and received so far.
    pub async fn traffic(&self) -> anyhow::Result<Traffic> {
        Ok(patient(self.handle.status()).await?.traffic)
    }

    /// The node's handle, for anything else.
    pub fn handle(&self) -> &Handle {
        &self.handle
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

    /// Drops the events reported so far (so that a long set-up never fills the channel).
    pub fn drain(&mut self) {
        while self.events.try_recv().is_ok() {}
    }

    /// Stops the node and its task.
    pub async fn shutdown(self) -> anyhow::Result<()> {
        let _ = self.stop.send(());
        self.task.await??;
        Ok(())
    }
}

/// Waits for a node's answer at most [`PATIENCE`].
async fn patient<T>(answer: impl Future<Output = comptoir_app::Result<T>>) -> anyhow::Result<T> {
    Ok(tokio::time::timeout(PATIENCE, answer)
        .await
        .context("waiting for the node")??)
}

/// The node's task: pumps it and forwards its events until told to stop.
async fn drive(
    mut node: Node,
    mut stop: oneshot::Receiver<()>,
    events: mpsc::Sender<Stamped>,
) -> anyhow::Result<()> {
    loop {
        tokio::select! {
            _ = &mut stop => break,
            event = node.next() => {
                let stamped = Stamped { event: event?, at: Instant::now() };
                if events.send(stamped).await.is_err() {
                    break;
                }
            }
        }
    }
    node.shutdown().await?;
    Ok(())
}
