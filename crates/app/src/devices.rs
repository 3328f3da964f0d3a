//! Devices allowed to sync a group, and the invitations that add them.

use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use comptoir_model::Revocation;
use comptoir_net::{AddressPart, Multiaddr};
use serde::Serialize;

use crate::groups::DamagedGroup;
use crate::{App, AppError, Result};

/// A new invitation, to read aloud or paste.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Invitation {
    pub code: String,
    pub group: String,
    /// Unix seconds.
    pub expires_at: i64,
}

/// Where `serve` last listened (a JSON list of multiaddrs).
const LISTEN_SETTING: &str = "listen";

/// `/ip4/A/tcp/P` or `/ip6/A/tcp/P` (and whatever follows) as a socket address.
fn tcp_socket(multiaddr: &Multiaddr) -> Option<SocketAddr> {
    let mut parts = multiaddr.iter();
    let ip: IpAddr = match parts.next()? {
        AddressPart::Ip4(ip) => ip.into(),
        AddressPart::Ip6(ip) => ip.into(),
        _ => return None,
    };
    match parts.next()? {
        AddressPart::Tcp(port) => Some(SocketAddr::new(ip, port)),
        _ => None,
    }
}

/// The addresses worth giving another device, from the multiaddrs a device listens on: TCP,
/// without duplicates, those other computers can reach (not loopback, not unspecified), or
/// loopback if it listens nowhere else (only this computer can reach it anyway).
pub fn reachable_addresses(multiaddrs: &[Multiaddr]) -> Vec<SocketAddr> {
    let mut listening: Vec<SocketAddr> = Vec::new();
    for socket in multiaddrs.iter().filter_map(tcp_socket) {
        if !socket.ip().is_unspecified() && !listening.contains(&socket) {
            listening.push(socket);
        }
    }
    if listening.iter().any(|s| !s.ip().is_loopback()) {
        listening.retain(|s| !s.ip().is_loopback());
    }
    listening
}

/// What `status` shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    /// This device.
    pub peer: String,
    pub groups: Vec<GroupStatus>,
    /// Groups that could not be read; the others are listed in `groups`.
    pub damaged: Vec<DamagedGroup>,
    pub peers: Vec<SeenPeerView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupStatus {
    pub id: String,
    pub name: String,
    pub last_syncs: Vec<LastSyncView>,
    /// Automerge changes kept outside the compacted snapshot (compaction keeps this small).
    pub stored_changes: u64,
    /// Bytes the group takes in the store (snapshot and changes).
    pub stored_bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LastSyncView {
    pub peer: String,
    pub synced_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeenPeerView {
    pub peer: String,
    pub address: Option<String>,
    pub seen_at: String,
}

/// The default lifetime of an invitation.
pub const DEFAULT_INVITATION_LIFETIME: Duration = Duration::from_secs(3600);
/// The longest an invitation may live.
pub const MAX_INVITATION_LIFETIME: Duration = Duration::from_secs(7 * 24 * 3600);

pub(crate) fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

impl App {
    /// Removes a device from the group's future syncs.
    pub fn revoke_device(&mut self, group: &str, peer: &str) -> Result<Revocation> {
        let me = self.peer_id().to_base58();
        if peer.trim() == me {
            return Err(AppError::SelfRevocation);
        }
        let today = self.today();
        let id = self.resolve_group(group)?;
        self.require_admin(&id)?;
        let revoked = self.edit(group, |doc| {
            Ok(doc.revoke_device(peer.trim(), &me, today)?)
        })?;
        self.log_removed(&id, peer.trim())?;
        Ok(revoked)
    }

    /// Addresses to put in an invitation: those given (over TCP, as multiaddrs or as people
    /// type them, see [`crate::node::multiaddr`]), else the ones
    /// this device last listened on that others can reach (not loopback, not unspecified); if
    /// it listens on loopback only, those, since only this computer can reach it anyway.
    pub fn invitation_addresses(&self, given: &[String]) -> Result<Vec<SocketAddr>> {
        if !given.is_empty() {
            return given
                .iter()
                .map(|text| {
                    tcp_socket(&crate::node::multiaddr(text)?).ok_or_else(|| {
                        AppError::NotTcpAddress {
                            text: text.trim().to_owned(),
                        }
                    })
                })
                .collect();
        }
        let remembered = self.store().setting(LISTEN_SETTING)?.unwrap_or_default();
        // Stored as text (a JSON list); what no longer parses is left out.
        let remembered: Vec<String> = serde_json::from_slice(&remembered).unwrap_or_default();
        let remembered: Vec<Multiaddr> = remembered.iter().filter_map(|a| a.parse().ok()).collect();
        Ok(reachable_addresses(&remembered)
            .into_iter()
            .take(2)
            .collect())
    }

    /// Remembers where `serve` listens, for invitation codes made by other processes.
    pub(crate) fn remember_listening(&self, addresses: &[Multiaddr]) -> Result<()> {
        let addresses: Vec<String> = addresses.iter().map(ToString::to_string).collect();
        let bytes = serde_json::to_vec(&addresses).map_err(|source| AppError::Encode {
            what: "the listening addresses",
            source,
        })?;
        Ok(self.store().set_setting(LISTEN_SETTING, &bytes)?)
    }

    /// What this device knows of its peers: who was seen, and when each group last synced.
    pub fn status(&mut self) -> Result<Status> {
        let mut groups = Vec::new();
        let syncs = self.store().last_syncs()?;
        for summary in self.groups()? {
            let last_syncs = syncs
                .iter()
                .filter(|s| s.document == summary.id.as_str())
                .map(|s| LastSyncView {
                    peer: s.peer.clone(),
                    synced_at: s.synced_at.clone(),
                })
                .collect();
            let usage = self.repo().usage(&summary.id)?;
            groups.push(GroupStatus {
                id: summary.id.to_string(),
                name: summary.name,
                last_syncs,
                stored_changes: usage.changes,
                stored_bytes: usage.bytes,
            });
        }
        let peers = self
            .store()
            .seen_peers()?
            .into_iter()
            .map(|p| SeenPeerView {
                peer: p.peer,
                address: p.address,
                seen_at: p.seen_at,
            })
            .collect();
        Ok(Status {
            peer: self.peer_id().to_base58(),
            groups,
            damaged: self.damaged_groups(),
            peers,
        })
    }
}

#[cfg(test)]
mod invitation_address_tests {
    use std::net::SocketAddr;

    use comptoir_net::Multiaddr;

    use super::reachable_addresses;
    use crate::App;

    fn addresses(texts: &[&str]) -> Vec<Multiaddr> {
        texts.iter().filter_map(|t| t.parse().ok()).collect()
    }

    fn socket(text: &str) -> SocketAddr {
        text.parse()
            .unwrap_or_else(|_| SocketAddr::from(([0, 0, 0, 0], 0)))
    }

    #[test]
    fn codes_carry_reachable_addresses_and_loopback_only_when_nothing_else_listens()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let app = App::open(dir.path())?;

        // 1. Listening on the café's network and on loopback: only the network address.
        app.remember_listening(&addresses(&[
            "/ip4/127.0.0.1/tcp/4710",
            "/ip4/192.168.1.20/tcp/4710",
            "/ip4/192.168.1.20/udp/4710/quic-v1",
        ]))?;
        assert_eq!(
            app.invitation_addresses(&[])?,
            [socket("192.168.1.20:4710")]
        );

        // 2. Listening on loopback only (this computer alone can reach it): that address.
        app.remember_listening(&addresses(&["/ip4/127.0.0.1/tcp/47100"]))?;
        assert_eq!(app.invitation_addresses(&[])?, [socket("127.0.0.1:47100")]);
        Ok(())
    }

    #[test]
    fn addresses_people_can_type() {
        let listening = addresses(&[
            "/ip4/127.0.0.1/tcp/4710",
            "/ip4/192.168.1.20/tcp/4710",
            "/ip4/192.168.1.20/udp/4710/quic-v1",
            "/ip4/192.168.1.20/tcp/4710",
        ]);
        assert_eq!(
            reachable_addresses(&listening),
            [socket("192.168.1.20:4710")]
        );
        // Alone on one computer, loopback is all there is.
        assert_eq!(
            reachable_addresses(&addresses(&["/ip4/127.0.0.1/tcp/41234"])),
            [socket("127.0.0.1:41234")]
        );
        assert!(reachable_addresses(&addresses(&["/ip4/10.0.0.2/udp/4710/quic-v1"])).is_empty());
    }
}
