//! The background peer: syncs this device's groups with other devices while the window is
//! open, and tells the UI when a group changed. Commands that need the network (joining with
//! an invitation, dialling an address) send it a [`Request`] over a bounded channel and await
//! the reply.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use comptoir_app::App;
use comptoir_app::invitation::InvitationCode;
use comptoir_app::node::{Node, NodeEvent, NodeOptions};
use comptoir_ipc::{CHANGED_EVENT, Changed, IpcError, Network};
use tauri::{AppHandle, Emitter};
use tokio::sync::{mpsc, oneshot};

use crate::error;
use crate::state::NetworkState;

/// A pause after a failed step, so that a lasting failure does not spin.
const RETRY_AFTER: Duration = Duration::from_secs(1);
/// Requests waiting for the peer; more are refused ("busy") rather than queued.
pub const REQUESTS: usize = 4;
/// How long joining may take: finding the inviter, then receiving the group.
const JOIN_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a device typed by address may take to answer.
const DIAL_TIMEOUT: Duration = Duration::from_secs(20);

/// What a command asks of the background peer. The reply is already said in French.
#[derive(Debug)]
pub enum Request {
    /// Join a group with an invitation; answers with the group's id.
    Join {
        code: InvitationCode,
        reply: oneshot::Sender<Result<String, IpcError>>,
    },
    /// Connect to a device by address (it then syncs like one found on the LAN); answers with
    /// its peer id.
    Dial {
        address: String,
        reply: oneshot::Sender<Result<String, IpcError>>,
    },
}

/// The channel commands send requests on, and the peer's end of it.
pub fn requests() -> (mpsc::Sender<Request>, mpsc::Receiver<Request>) {
    mpsc::channel(REQUESTS)
}

/// Starts the peer on its own connection to the data directory (so that the commands' writes
/// are noticed at its next tick), trying each network configuration in turn.
pub fn spawn(
    handle: AppHandle,
    open: impl Fn() -> comptoir_app::Result<App> + Send + Sync + 'static,
    networks: Vec<NodeOptions>,
    state: Arc<Mutex<NetworkState>>,
    mut requests: mpsc::Receiver<Request>,
) {
    tauri::async_runtime::spawn(async move {
        let Some(mut node) = start(&open, &networks).await else {
            set(&state, |s| {
                s.network = Network::Offline {
                    message: "La synchronisation n'a pas pu démarrer : Comptoir fonctionne hors \
                              ligne, vos données restent sur cet appareil."
                        .into(),
                }
            });
            return;
        };
        set(&state, |s| {
            s.network = Network::Online {
                addresses: Vec::new(),
            }
        });
        loop {
            // `Node::next` is cancel-safe: a request arriving mid-step loses nothing.
            tokio::select! {
                step = node.next() => match step {
                    Ok(Some(event)) => on_event(&handle, &state, event),
                    Ok(None) => break,
                    Err(e) => {
                        tracing::warn!(error = %e, "sync step failed");
                        tokio::time::sleep(RETRY_AFTER).await;
                    }
                },
                Some(request) = requests.recv() => serve(&mut node, request, &handle, &state).await,
            }
        }
        tracing::info!("the network stopped");
        set(&state, |s| {
            s.network = Network::Offline {
                message: "La synchronisation s'est arrêtée. Rouvrez Comptoir pour la relancer."
                    .into(),
            };
            s.connected.clear();
        });
    });
}

async fn start(
    open: &impl Fn() -> comptoir_app::Result<App>,
    networks: &[NodeOptions],
) -> Option<Node> {
    for options in networks {
        let app = match open() {
            Ok(app) => app,
            Err(e) => {
                tracing::warn!(error = %e, "no sync: the data directory could not be opened");
                return None;
            }
        };
        match Node::start(app, options).await {
            Ok(node) => return Some(node),
            Err(e) => tracing::warn!(listen = ?options.listen, error = %e, "sync did not start"),
        }
    }
    None
}

/// Carries out one request. Events the node meets meanwhile are consumed by the request, so
/// the connected peers are read again afterwards.
async fn serve(node: &mut Node, request: Request, handle: &AppHandle, state: &Mutex<NetworkState>) {
    match request {
        Request::Join { code, reply } => {
            let joined = node
                .accept_invitation(&code, JOIN_TIMEOUT)
                .await
                .map(|group| group.to_string());
            match &joined {
                Ok(group) => changed(handle, group.clone()),
                Err(e) => tracing::info!(code = e.code(), "joining failed"),
            }
            let _ = reply.send(joined.map_err(error::to_ipc));
        }
        Request::Dial { address, reply } => {
            let dialled = match tokio::time::timeout(DIAL_TIMEOUT, node.dial(&address)).await {
                Ok(Ok(peer)) => Ok(peer.to_base58()),
                Ok(Err(e)) => Err(error::dial_failed(e)),
                Err(_) => Err(error::no_answer()),
            };
            let _ = reply.send(dialled);
        }
    }
    let connected = node.connected().map(|p| p.to_base58()).collect();
    set(state, |s| s.connected = connected);
}

fn changed(handle: &AppHandle, group: String) {
    if let Err(e) = handle.emit(CHANGED_EVENT, Changed { group }) {
        tracing::warn!(error = %e, "the window was not told of a change");
    }
}

fn on_event(handle: &AppHandle, state: &Mutex<NetworkState>, event: NodeEvent) {
    tracing::debug!(?event, "peer event");
    match event {
        NodeEvent::Listening { address } => set(state, |s| match &mut s.network {
            Network::Online { addresses } => addresses.push(address),
            other => {
                *other = Network::Online {
                    addresses: vec![address],
                }
            }
        }),
        NodeEvent::Connected { peer, .. } => set(state, |s| {
            s.connected.insert(peer);
        }),
        NodeEvent::Disconnected { peer } => set(state, |s| {
            s.connected.remove(&peer);
        }),
        NodeEvent::Synced { group, .. }
        | NodeEvent::Received { group }
        | NodeEvent::Joined { group, .. }
        | NodeEvent::Invited { group, .. } => changed(handle, group),
        NodeEvent::Refused { .. } => {}
    }
}

fn set(state: &Mutex<NetworkState>, change: impl FnOnce(&mut NetworkState)) {
    match state.lock() {
        Ok(mut state) => change(&mut state),
        Err(_) => tracing::warn!("network state lock poisoned"),
    }
}
