//! The commands that talk to other devices: `serve`, `sync`, `invite`, and the local views of
//! devices and sync status.

use std::io::Write;
use std::time::Duration;

use comptoir_app::invitation::InvitationCode;
use comptoir_app::node::{self, DEFAULT_LISTEN, Node, NodeEvent, NodeOptions};
use comptoir_app::{App, DEFAULT_INVITATION_LIFETIME};

use crate::args::{DeviceCommand, InviteCommand};
use crate::output::{Human, Joined, PeerId, Revoked, ToOutput, print, print_output};

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
pub fn serve(app: App, listen: Vec<String>, mdns: bool, json: bool) -> anyhow::Result<()> {
    let listen: Result<Vec<_>, _> = match listen.is_empty() {
        true => DEFAULT_LISTEN.iter().map(|a| node::multiaddr(a)).collect(),
        false => listen.iter().map(|a| node::multiaddr(a)).collect(),
    };
    let options = NodeOptions {
        listen: listen?,
        mdns,
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
            expires_in,
            addresses,
        } => {
            let addresses = app.invitation_addresses(&addresses)?;
            let lifetime = expires_in.unwrap_or(DEFAULT_INVITATION_LIFETIME);
            print(&app.create_invitation(&group, lifetime, addresses)?, json)
        }
        InviteCommand::Accept { code, timeout, lan } => {
            let code = InvitationCode::decode(&code)?;
            let options = NodeOptions {
                listen: Vec::new(),
                mdns: !lan.no_mdns,
            };
            let (group, name) = runtime()?.block_on(async move {
                let mut node = Node::start(app, &options).await?;
                let handle = node.handle();
                let joined = node
                    .run_until(handle.join(code, Duration::from_secs(timeout)))
                    .await?;
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

pub fn device(mut app: App, command: DeviceCommand, json: bool) -> anyhow::Result<()> {
    match command {
        DeviceCommand::List { group } => print(&app.devices(&group)?, json),
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
