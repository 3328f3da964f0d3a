//! The background peer: the node that owns this device's groups runs in its own task while the
//! window is open, syncing with other devices when the network starts (offline otherwise), and
//! tells the UI when a group changed because of another device or another process.

use comptoir_app::App;
use comptoir_app::model::GroupId;
use comptoir_app::node::{Handle, Inbox, Node, NodeEvent, NodeOptions};
use comptoir_ipc::{AWAITING_EVENT, AwaitingApproval, CHANGED_EVENT, Changed};
use tauri::{AppHandle, Emitter};

/// Starts the node in the background: it opens the groups of the data directory, then tries
/// the network in each configuration in turn; if none starts, it serves the window offline.
/// Commands sent on the handle meanwhile are answered once its pump runs.
pub fn spawn(handle: AppHandle, app: App, node: (Handle, Inbox), networks: Vec<NodeOptions>) {
    tauri::async_runtime::spawn(async move {
        let mut node = match Node::open_with(app, node) {
            Ok(node) => node,
            Err(e) => {
                // Every command then fails with "the running peer has stopped".
                tracing::error!(code = e.code(), "the groups could not be opened");
                return;
            }
        };
        start_network(&mut node, &networks).await;
        loop {
            match node.next().await {
                Ok(event) => on_event(&handle, event),
                Err(e) => tracing::warn!(code = e.code(), "sync step failed"),
            }
        }
    });
}

async fn start_network(node: &mut Node, networks: &[NodeOptions]) {
    for options in networks {
        match node.go_online(options).await {
            Ok(()) => return,
            Err(e) => tracing::warn!(listen = ?options.listen, error = %e, "sync did not start"),
        }
    }
    tracing::warn!("sync did not start: Comptoir works offline");
}

fn changed(handle: &AppHandle, group: GroupId) {
    let group = group.to_string();
    if let Err(e) = handle.emit(CHANGED_EVENT, Changed { group }) {
        tracing::warn!(error = %e, "the window was not told of a change");
    }
}

fn on_event(handle: &AppHandle, event: NodeEvent) {
    tracing::debug!(?event, "peer event");
    match event {
        NodeEvent::Synced { group, .. }
        | NodeEvent::Received { group }
        | NodeEvent::Joined { group, .. }
        | NodeEvent::Invited { group, .. }
        | NodeEvent::Outside { group }
        | NodeEvent::Membership { group }
        | NodeEvent::Removed { group }
        | NodeEvent::JoinRequested { group, .. } => changed(handle, group),
        NodeEvent::AwaitingApproval { check } => {
            if let Err(e) = handle.emit(AWAITING_EVENT, AwaitingApproval { check }) {
                tracing::warn!(error = %e, "the window was not told the check number");
            }
        }
        NodeEvent::Listening { .. }
        | NodeEvent::Connected { .. }
        | NodeEvent::Disconnected { .. }
        | NodeEvent::Refused { .. }
        | NodeEvent::Offline => {}
    }
}
