//! The background peer: syncs this device's groups with other devices while the window is
//! open, and tells the UI when a group changed.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use comptoir_app::App;
use comptoir_app::node::{Node, NodeEvent, NodeOptions};
use comptoir_ipc::{CHANGED_EVENT, Changed, Network};
use tauri::{AppHandle, Emitter};

use crate::state::NetworkState;

/// A pause after a failed step, so that a lasting failure does not spin.
const RETRY_AFTER: Duration = Duration::from_secs(1);

/// Starts the peer on its own connection to the data directory (so that the commands' writes
/// are noticed at its next tick), trying each network configuration in turn.
pub fn spawn(
    handle: AppHandle,
    open: impl Fn() -> comptoir_app::Result<App> + Send + Sync + 'static,
    networks: Vec<NodeOptions>,
    state: Arc<Mutex<NetworkState>>,
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
            match node.next().await {
                Ok(Some(event)) => on_event(&handle, &state, event),
                Ok(None) => break,
                Err(e) => {
                    tracing::warn!(error = %e, "sync step failed");
                    tokio::time::sleep(RETRY_AFTER).await;
                }
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
        | NodeEvent::Joined { group, .. }
        | NodeEvent::Invited { group, .. } => {
            if let Err(e) = handle.emit(CHANGED_EVENT, Changed { group }) {
                tracing::warn!(error = %e, "the window was not told of a change");
            }
        }
        NodeEvent::Refused { .. } => {}
    }
}

fn set(state: &Mutex<NetworkState>, change: impl FnOnce(&mut NetworkState)) {
    match state.lock() {
        Ok(mut state) => change(&mut state),
        Err(_) => tracing::warn!("network state lock poisoned"),
    }
}
