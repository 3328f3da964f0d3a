//! `serve`'s events (one JSON object per line) and what a one-shot `sync` achieved.

use std::io::{self, Write};

use comptoir_app::node::{NodeEvent, SyncReport as DomainSyncReport};
use serde::Serialize;

use super::{Human, ToOutput};

/// Something a running node reports; `event` names what happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum ServeEvent {
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
    /// Changes to a group arrived from a peer and were stored.
    Received {
        group: String,
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
    /// A device gave a right proof for one of our codes and waits for an admin
    /// (`invite approve REQUEST`).
    JoinRequested {
        request: String,
        group: String,
        peer: String,
        check: String,
    },
    /// This device waits for the inviting device's admin, who sees the same check number.
    AwaitingApproval {
        check: String,
    },
    /// Another process on this data directory changed a group.
    Outside {
        group: String,
    },
    /// A group's membership log took operations from a peer.
    Membership {
        group: String,
    },
    /// A peer's log says an admin removed this device from the group.
    Removed {
        group: String,
    },
    /// The network stopped.
    Offline,
}

/// What `sync` achieved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    /// Peers reached.
    pub peers: Vec<String>,
    /// `[group, peer]` pairs brought up to date.
    pub synced: Vec<(String, String)>,
}

impl ToOutput for NodeEvent {
    type Output = ServeEvent;
    fn to_output(&self) -> ServeEvent {
        fn text(value: &impl ToString) -> String {
            value.to_string()
        }
        match self {
            NodeEvent::Listening { address } => ServeEvent::Listening {
                address: text(address),
            },
            NodeEvent::Connected { peer, address } => ServeEvent::Connected {
                peer: text(peer),
                address: text(address),
            },
            NodeEvent::Disconnected { peer } => ServeEvent::Disconnected { peer: text(peer) },
            NodeEvent::Synced { group, peer } => ServeEvent::Synced {
                group: text(group),
                peer: text(peer),
            },
            NodeEvent::Received { group } => ServeEvent::Received { group: text(group) },
            NodeEvent::Joined { group, peer } => ServeEvent::Joined {
                group: text(group),
                peer: text(peer),
            },
            NodeEvent::Invited { group, peer } => ServeEvent::Invited {
                group: text(group),
                peer: text(peer),
            },
            NodeEvent::Refused { peer, reason } => ServeEvent::Refused {
                peer: text(peer),
                reason: reason.clone(),
            },
            NodeEvent::JoinRequested {
                request,
                group,
                peer,
                check,
            } => ServeEvent::JoinRequested {
                request: request.clone(),
                group: text(group),
                peer: text(peer),
                check: check.clone(),
            },
            NodeEvent::AwaitingApproval { check } => ServeEvent::AwaitingApproval {
                check: check.clone(),
            },
            NodeEvent::Outside { group } => ServeEvent::Outside { group: text(group) },
            NodeEvent::Membership { group } => ServeEvent::Membership { group: text(group) },
            NodeEvent::Removed { group } => ServeEvent::Removed { group: text(group) },
            NodeEvent::Offline => ServeEvent::Offline,
        }
    }
}

impl ToOutput for DomainSyncReport {
    type Output = SyncReport;
    fn to_output(&self) -> SyncReport {
        SyncReport {
            peers: self.peers.iter().map(ToString::to_string).collect(),
            synced: self
                .synced
                .iter()
                .map(|(group, peer)| (group.to_string(), peer.to_string()))
                .collect(),
        }
    }
}

impl Human for ServeEvent {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        match self {
            ServeEvent::Listening { address } => writeln!(out, "listening on {address}"),
            ServeEvent::Connected { peer, address } => {
                writeln!(out, "connected to {peer} at {address}")
            }
            ServeEvent::Disconnected { peer } => writeln!(out, "disconnected from {peer}"),
            ServeEvent::Synced { group, peer } => {
                writeln!(out, "group {group} up to date with {peer}")
            }
            ServeEvent::Received { group } => writeln!(out, "changes to group {group} received"),
            ServeEvent::Joined { group, peer } => {
                writeln!(out, "joined group {group} from {peer}")
            }
            ServeEvent::Invited { group, peer } => {
                writeln!(out, "{peer} joined group {group} with an invitation")
            }
            ServeEvent::Refused { peer, reason } => writeln!(out, "refused {peer}: {reason}"),
            ServeEvent::Membership { group } => {
                writeln!(out, "the devices of group {group} changed")
            }
            ServeEvent::Removed { group } => {
                writeln!(out, "an admin removed this device from group {group}")
            }
            ServeEvent::JoinRequested {
                request,
                group,
                peer,
                check,
            } => writeln!(
                out,
                "{peer} asks to join group {group}: check {check}; `comptoir invite approve {request}` lets it in"
            ),
            ServeEvent::AwaitingApproval { check } => writeln!(
                out,
                "check {check}: waiting for an admin of the group to let this device in"
            ),
            ServeEvent::Outside { group } => {
                writeln!(
                    out,
                    "group {group} changed by another process on this device"
                )
            }
            ServeEvent::Offline => writeln!(out, "the network stopped"),
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

#[cfg(test)]
mod tests {
    use comptoir_app::model::GroupId;
    use comptoir_app::node::{NodeEvent, SyncReport};
    use comptoir_app::{Multiaddr, PeerId};
    use expect_test::expect;

    use super::super::{Human, ToOutput, check, fixture};

    #[test]
    fn serve() {
        let group = GroupId::new(fixture::GROUP);
        let peer: PeerId = fixture::OTHER_DEVICE.parse().expect("a peer id");
        let address = |text: &str| -> Multiaddr { text.parse().expect("an address") };
        let events = vec![
            NodeEvent::Listening {
                address: address("/ip4/127.0.0.1/tcp/4710"),
            },
            NodeEvent::Connected {
                peer,
                address: address("/ip4/127.0.0.1/tcp/52992"),
            },
            NodeEvent::JoinRequested {
                request: "9f3a61c2".into(),
                group: group.clone(),
                peer,
                check: "482 913".into(),
            },
            NodeEvent::Invited {
                group: group.clone(),
                peer,
            },
            NodeEvent::Joined {
                group: group.clone(),
                peer,
            },
            NodeEvent::Received {
                group: group.clone(),
            },
            NodeEvent::Synced { group, peer },
            NodeEvent::Refused {
                peer,
                reason: "not invited to any group".into(),
            },
            NodeEvent::Disconnected { peer },
        ];
        // `serve --json` prints each event on one line.
        let lines: Vec<String> = events
            .iter()
            .map(|e| serde_json::to_string(&e.to_output()).expect("an event serialises"))
            .collect();
        expect![[r#"
            {"event":"listening","address":"/ip4/127.0.0.1/tcp/4710"}
            {"event":"connected","peer":"12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt","address":"/ip4/127.0.0.1/tcp/52992"}
            {"event":"join-requested","request":"9f3a61c2","group":"6d1f0c2b9a8e7d6c5b4a39281706f5e4","peer":"12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt","check":"482 913"}
            {"event":"invited","group":"6d1f0c2b9a8e7d6c5b4a39281706f5e4","peer":"12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt"}
            {"event":"joined","group":"6d1f0c2b9a8e7d6c5b4a39281706f5e4","peer":"12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt"}
            {"event":"received","group":"6d1f0c2b9a8e7d6c5b4a39281706f5e4"}
            {"event":"synced","group":"6d1f0c2b9a8e7d6c5b4a39281706f5e4","peer":"12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt"}
            {"event":"refused","peer":"12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt","reason":"not invited to any group"}
            {"event":"disconnected","peer":"12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt"}"#]].assert_eq(&lines.join("\n"));
        // For people, one sentence per event.
        let mut text = Vec::new();
        for event in &events {
            event
                .to_output()
                .human(&mut text)
                .expect("the text is written");
        }
        expect![[r#"
            listening on /ip4/127.0.0.1/tcp/4710
            connected to 12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt at /ip4/127.0.0.1/tcp/52992
            12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt asks to join group 6d1f0c2b9a8e7d6c5b4a39281706f5e4: check 482 913; `comptoir invite approve 9f3a61c2` lets it in
            12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt joined group 6d1f0c2b9a8e7d6c5b4a39281706f5e4 with an invitation
            joined group 6d1f0c2b9a8e7d6c5b4a39281706f5e4 from 12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt
            changes to group 6d1f0c2b9a8e7d6c5b4a39281706f5e4 received
            group 6d1f0c2b9a8e7d6c5b4a39281706f5e4 up to date with 12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt
            refused 12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt: not invited to any group
            disconnected from 12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt
        "#]]
        .assert_eq(&String::from_utf8(text).expect("the text is UTF-8"));
    }

    #[test]
    fn sync() {
        let group = GroupId::new(fixture::GROUP);
        let peer: PeerId = fixture::OTHER_DEVICE.parse().expect("a peer id");
        let report = SyncReport {
            peers: vec![peer],
            synced: vec![(group, peer)],
        };
        check(
            &report.to_output(),
            expect![[r#"
            {
              "peers": [
                "12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt"
              ],
              "synced": [
                [
                  "6d1f0c2b9a8e7d6c5b4a39281706f5e4",
                  "12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt"
                ]
              ]
            }"#]],
            expect![[r#"
            reached 1 peer(s); every shared group is up to date
              6d1f0c2b9a8e7d6c5b4a39281706f5e4 with 12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt
        "#]],
        );
    }
}
