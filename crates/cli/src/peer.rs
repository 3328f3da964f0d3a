//! The commands that talk to other devices: `serve`, `sync`, `invite`, and the local views of
//! devices and sync status.

use std::io::Write;
use std::time::Duration;

use comptoir_app::invitation::InvitationCode;
use comptoir_app::node::{self, DEFAULT_LISTEN, Node, NodeEvent, NodeOptions};
use comptoir_app::{App, DEFAULT_INVITATION_LIFETIME, NewInvitation};

use crate::args::{DeviceCommand, InviteCommand};
use crate::output::{Decided, Human, Joined, PeerId, Revoked, ToOutput, print, print_output};

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?)
}

pub fn id(app: &App, json: bool) -> anyhow::Result<()> {
    let peer = PeerId {
        peer: app.peer_id().to_base58(),
    };
    print_output(&peer, json)
}

/// Runs until SIGINT or SIGTERM, printing what happens (one JSON object per line with --json).
pub fn serve(
    app: App,
    listen: Vec<String>,
    max_connections: Option<u32>,
    mdns: bool,
    json: bool,
) -> anyhow::Result<()> {
    let listen: Result<Vec<_>, _> = match listen.is_empty() {
        true => DEFAULT_LISTEN.iter().map(|a| node::multiaddr(a)).collect(),
        false => listen.iter().map(|a| node::multiaddr(a)).collect(),
    };
    let options = NodeOptions {
        listen: listen?,
        mdns,
        max_connections,
    };
    runtime()?.block_on(async move {
        let mut node = Node::start(app, &options).await?;
        let mut terminate =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        loop {
            tokio::select! {
                event = node.next() => match event? {
                    NodeEvent::Offline => break,
                    event => report(&event, json)?,
                },
                _ = tokio::signal::ctrl_c() => break,
                _ = terminate.recv() => break,
            }
        }
        node.shutdown().await?;
        Ok(())
    })
}

/// One line per event, flushed at once so that scripts can follow.
fn report(event: &NodeEvent, json: bool) -> anyhow::Result<()> {
    let event = event.to_output();
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer(&mut out, &event)?;
        writeln!(out)?;
    } else {
        event.human(&mut out)?;
    }
    out.flush()?;
    Ok(())
}

pub fn sync(
    app: App,
    peers: Vec<String>,
    mdns: bool,
    timeout: u64,
    json: bool,
) -> anyhow::Result<()> {
    if peers.is_empty() && !mdns {
        anyhow::bail!(
            "nothing to sync with: give --peer ADDRESS, or allow discovery on the local network"
        );
    }
    let peers = peers
        .iter()
        .map(|a| node::multiaddr(a))
        .collect::<Result<Vec<_>, _>>()?;
    let options = NodeOptions {
        listen: Vec::new(),
        mdns,
        ..NodeOptions::default()
    };
    let report = runtime()?.block_on(async move {
        let mut node = Node::start(app, &options).await?;
        let handle = node.handle();
        let report = node
            .run_until(handle.sync_with(peers, Duration::from_secs(timeout)))
            .await?;
        node.shutdown().await?;
        anyhow::Ok(report?)
    })?;
    print(&report, json)
}

pub fn invite(mut app: App, command: InviteCommand, json: bool) -> anyhow::Result<()> {
    match command {
        InviteCommand::Create {
            group,
            role,
            preapproved,
            expires_in,
            addresses,
        } => {
            let terms = NewInvitation {
                lifetime: expires_in.unwrap_or(DEFAULT_INVITATION_LIFETIME),
                addresses: app.invitation_addresses(&addresses)?,
                role,
                preapproved,
            };
            print(&app.create_invitation(&group, terms)?, json)
        }
        InviteCommand::Pending { group } => print(&app.pending_joins(group.as_deref())?, json),
        InviteCommand::Approve { request } => {
            let decided = Decided {
                decision: "approved",
                request: app.approve_join(&request)?.to_output(),
            };
            print_output(&decided, json)
        }
        InviteCommand::Deny { request } => {
            let decided = Decided {
                decision: "denied",
                request: app.deny_join(&request)?.to_output(),
            };
            print_output(&decided, json)
        }
        InviteCommand::Accept {
            code,
            label,
            timeout,
            lan,
        } => {
            let code = InvitationCode::decode(&code)?;
            let options = NodeOptions {
                listen: Vec::new(),
                mdns: !lan.no_mdns,
                ..NodeOptions::default()
            };
            let (group, name) = runtime()?.block_on(async move {
                let mut node = Node::start(app, &options).await?;
                let handle = node.handle();
                let joining = handle.join(code, label, Duration::from_secs(timeout));
                let joined = run_showing_check(&mut node, joining).await?;
                let name = match &joined {
                    Ok(group) => node
                        .app()
                        .group(group.as_str())
                        .map(|g| g.profile.name)
                        .ok(),
                    Err(_) => None,
                };
                node.shutdown().await?;
                anyhow::Ok((joined?, name))
            })?;
            let joined = Joined {
                joined: group.to_string(),
                name,
            };
            print_output(&joined, json)
        }
    }
}

/// Runs the node until `joining` ends, printing the check number on stderr as soon as the
/// inviting device says the join waits for its admin.
#[allow(clippy::print_stderr)] // The number is for the person; stdout keeps the result alone.
async fn run_showing_check<T>(
    node: &mut Node,
    joining: impl Future<Output = T>,
) -> anyhow::Result<T> {
    let mut joining = std::pin::pin!(joining);
    loop {
        tokio::select! {
            out = &mut joining => return Ok(out),
            event = node.next() => {
                if let NodeEvent::AwaitingApproval { check } = event? {
                    eprintln!("check {check}");
                    eprintln!("waiting for an admin of the group to let this device in");
                }
            }
        }
    }
}

pub fn device(mut app: App, command: DeviceCommand, json: bool) -> anyhow::Result<()> {
    match command {
        DeviceCommand::List { group } => print(&app.devices(&group)?, json),
        DeviceCommand::Role {
            group,
            peer_id,
            role,
        } => print(&app.change_role(&group, &peer_id, role)?, json),
        DeviceCommand::Revoke { group, peer_id } => {
            let revocation = app.revoke_device(&group, &peer_id)?;
            let revoked = Revoked {
                on: revocation.revoked_on.to_string(),
                revoked: peer_id,
            };
            print_output(&revoked, json)
        }
    }
}
