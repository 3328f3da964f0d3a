//! What a node is told to do, and what it reports.

use comptoir_net::Multiaddr;
use serde::Serialize;

use crate::{AppError, Result};

/// How a node joins the network.
#[derive(Debug, Clone, Default)]
pub struct NodeOptions {
    /// Addresses to listen on (multiaddrs); empty: only dial out.
    pub listen: Vec<String>,
    /// Discover peers on the LAN with mDNS.
    pub mdns: bool,
}

impl NodeOptions {
    pub(crate) fn listen_addrs(&self) -> Result<Vec<Multiaddr>> {
        self.listen.iter().map(|a| multiaddr(a)).collect()
    }
}

pub(crate) fn multiaddr(text: &str) -> Result<Multiaddr> {
    text.trim().parse().map_err(|e| {
        AppError::Invalid(format!(
            "{text:?} is not a network address such as /ip4/192.168.1.20/tcp/4001: {e}"
        ))
    })
}

/// Something a running node reports (one JSON object per line with `serve --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum NodeEvent {
    Listening {
        address: String,
    },
    Connected {
        peer: String,
        address: String,
    },
    Disconnected {
        peer: String,
    },
    Synced {
        group: String,
        peer: String,
    },
    /// A group this device was invited to arrived.
    Joined {
        group: String,
        peer: String,
    },
    /// A device joined one of our groups with an invitation.
    Invited {
        group: String,
        peer: String,
    },
    Refused {
        peer: String,
        reason: String,
    },
}

/// What a one-shot sync achieved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    /// Peers reached.
    pub peers: Vec<String>,
    /// (group, peer) pairs brought up to date.
    pub synced: Vec<(String, String)>,
}
