//! How the peer commands' results read for people.

use std::io::{self, Write};

use comptoir_app::node::{NodeEvent, SyncReport};
use comptoir_app::{DeviceView, Invitation, Status};

use crate::output::Human;

impl Human for NodeEvent {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        match self {
            NodeEvent::Listening { address } => writeln!(out, "listening on {address}"),
            NodeEvent::Connected { peer, address } => {
                writeln!(out, "connected to {peer} at {address}")
            }
            NodeEvent::Disconnected { peer } => writeln!(out, "disconnected from {peer}"),
            NodeEvent::Synced { group, peer } => {
                writeln!(out, "group {group} up to date with {peer}")
            }
            NodeEvent::Received { group } => writeln!(out, "changes to group {group} received"),
            NodeEvent::Joined { group, peer } => writeln!(out, "joined group {group} from {peer}"),
            NodeEvent::Invited { group, peer } => {
                writeln!(out, "{peer} joined group {group} with an invitation")
            }
            NodeEvent::Refused { peer, reason } => writeln!(out, "refused {peer}: {reason}"),
            NodeEvent::Outside { group } => {
                writeln!(
                    out,
                    "group {group} changed by another process on this device"
                )
            }
            NodeEvent::Offline => writeln!(out, "the network stopped"),
        }
    }
}

impl Human for SyncReport {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "reached {} peer(s); every shared group is up to date",
            self.peers.len()
        )?;
        for (group, peer) in &self.synced {
            writeln!(out, "  {group} with {peer}")?;
        }
        Ok(())
    }
}

impl Human for Invitation {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", self.code)
    }
}

impl Human for DeviceView {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let me = if self.this_device {
            " (this device)"
        } else {
            ""
        };
        writeln!(
            out,
            "{}{me} — {} — added by {} on {}",
            self.peer, self.device.role, self.device.added_by, self.device.added_on
        )
    }
}

impl Human for Status {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "this device: {}", self.peer)?;
        for group in &self.groups {
            writeln!(out, "{}  {}", group.id, group.name)?;
            writeln!(
                out,
                "  stored: {} bytes, {} change(s) outside the snapshot",
                group.stored_bytes, group.stored_changes
            )?;
            if group.last_syncs.is_empty() {
                writeln!(out, "  never synced")?;
            }
            for sync in &group.last_syncs {
                writeln!(
                    out,
                    "  with {}: {}",
                    sync.peer,
                    sync.synced_at.as_deref().unwrap_or("not yet up to date")
                )?;
            }
        }
        for damaged in &self.damaged {
            writeln!(out, "{}  could not be read: {}", damaged.id, damaged.reason)?;
        }
        for peer in &self.peers {
            writeln!(
                out,
                "seen {} at {} ({})",
                peer.peer,
                peer.address.as_deref().unwrap_or("?"),
                peer.seen_at
            )?;
        }
        Ok(())
    }
}

impl Human for serde_json::Value {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        match self {
            serde_json::Value::Object(map) => {
                let parts: Vec<String> = map
                    .iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, v)| {
                        format!(
                            "{k}: {}",
                            v.as_str()
                                .map(str::to_string)
                                .unwrap_or_else(|| v.to_string())
                        )
                    })
                    .collect();
                writeln!(out, "{}", parts.join(", "))
            }
            other => writeln!(out, "{other}"),
        }
    }
}
