//! [`Handle`]: how the desktop shell, `serve` and the CLI's network commands talk to the one
//! running [`Node`](super::Node). Each request goes over a bounded channel and is answered on
//! its own oneshot; the node carries requests out in its one event pump.

use std::time::Duration;

use comptoir_model::{GroupDoc, GroupId};
use comptoir_net::{Multiaddr, PeerId};
use tokio::sync::{mpsc, oneshot};

use super::{NodeStatus, SyncReport};
use crate::invitation::InvitationCode;
use crate::{App, AppError, Result};

/// Requests waiting for the node; a sender waits for room beyond that.
pub(super) const REQUESTS: usize = 16;

/// Work for the node, done on its own state.
type Call = Box<dyn FnOnce(&mut App) + Send>;

/// What a handle asks of the node.
pub(super) enum Request {
    /// Read or change the groups (any [`App`] operation); changes reach connected peers at
    /// once.
    Call(Call),
    Join {
        code: InvitationCode,
        /// The name this device gives itself, shown to the admin who approves.
        label: Option<String>,
        timeout: Duration,
        reply: oneshot::Sender<Result<GroupId>>,
    },
    Dial {
        address: Multiaddr,
        timeout: Duration,
        reply: oneshot::Sender<Result<PeerId>>,
    },
    Sync {
        peers: Vec<Multiaddr>,
        timeout: Duration,
        reply: oneshot::Sender<Result<SyncReport>>,
    },
    Status {
        reply: oneshot::Sender<NodeStatus>,
    },
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Request::Call(_) => "Call",
            Request::Join { .. } => "Join",
            Request::Dial { .. } => "Dial",
            Request::Sync { .. } => "Sync",
            Request::Status { .. } => "Status",
        })
    }
}

/// A cloneable way to the running node. Every method waits for the node's answer; if the node
/// has stopped, it fails with [`AppError::NodeStopped`].
#[derive(Debug, Clone)]
pub struct Handle {
    requests: mpsc::Sender<Request>,
}

/// Where a node receives its handles' requests: made with a handle by [`Handle::new`] before
/// the node exists, so that a window can hold the handle while the node opens its groups.
#[derive(Debug)]
pub struct Inbox(pub(super) mpsc::Receiver<Request>);

impl Handle {
    /// A handle, and the inbox to give [`super::Node::open_with`].
    pub fn new() -> (Self, Inbox) {
        let (requests, inbox) = mpsc::channel(REQUESTS);
        (Self { requests }, Inbox(inbox))
    }

    /// Runs `work` on the node's [`App`]: reads are served from the groups it holds, and what
    /// `work` changes is stored, then sent to connected peers at once.
    pub async fn call<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut App) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let (reply, answer) = oneshot::channel();
        let call: Call = Box::new(move |app| {
            // The asker may have given up; the work is done either way.
            let _ = reply.send(work(app));
        });
        self.send(Request::Call(call)).await?;
        answer.await.map_err(|_| AppError::NodeStopped)?
    }

    /// Changes one group's document (the path the desktop shell's edits take).
    pub async fn edit<T: Send + 'static>(
        &self,
        group: GroupId,
        change: impl FnOnce(&mut GroupDoc) -> comptoir_model::Result<T> + Send + 'static,
    ) -> Result<T> {
        self.call(move |app| app.repo().edit(&group, |doc| Ok(change(doc)?)))
            .await
    }

    /// Joins a group with an invitation: finds the inviter, proves the code, waits for an
    /// admin's approval if the code needs one ([`super::NodeEvent::AwaitingApproval`] says the
    /// check number), and answers once the group has arrived and is up to date (or `timeout`
    /// passed).
    pub async fn join(
        &self,
        code: InvitationCode,
        label: Option<String>,
        timeout: Duration,
    ) -> Result<GroupId> {
        let (reply, answer) = oneshot::channel();
        self.send(Request::Join {
            code,
            label,
            timeout,
            reply,
        })
        .await?;
        answer.await.map_err(|_| AppError::NodeStopped)?
    }

    /// Connects to a device by address (what a person typed: see [`super::multiaddr`]); it
    /// then syncs like one found on the LAN.
    pub async fn dial(&self, address: Multiaddr, timeout: Duration) -> Result<PeerId> {
        let (reply, answer) = oneshot::channel();
        self.send(Request::Dial {
            address,
            timeout,
            reply,
        })
        .await?;
        answer.await.map_err(|_| AppError::NodeStopped)?
    }

    /// Dials `peers` (and, with mDNS, whoever is found) and answers once every group shared
    /// with every peer reached is up to date. Fails if no peer was reached in time.
    pub async fn sync_with(&self, peers: Vec<Multiaddr>, timeout: Duration) -> Result<SyncReport> {
        let (reply, answer) = oneshot::channel();
        self.send(Request::Sync {
            peers,
            timeout,
            reply,
        })
        .await?;
        answer.await.map_err(|_| AppError::NodeStopped)?
    }

    /// Whether the node is online, where it listens, who is connected.
    pub async fn status(&self) -> Result<NodeStatus> {
        let (reply, answer) = oneshot::channel();
        self.send(Request::Status { reply }).await?;
        answer.await.map_err(|_| AppError::NodeStopped)
    }

    async fn send(&self, request: Request) -> Result<()> {
        self.requests
            .send(request)
            .await
            .map_err(|_| AppError::NodeStopped)
    }
}
