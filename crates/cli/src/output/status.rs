//! `status`: this device, the last sync of each group with each peer, and the peers seen.

use std::io::{self, Write};

use comptoir_app::{GroupStatus as DomainGroupStatus, Status as DomainStatus};
use serde::Serialize;

use super::{Human, ToOutput};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    /// This device's peer id.
    pub peer: String,
    pub groups: Vec<GroupStatus>,
    /// Stored groups that could not be read, with why.
    pub damaged: Vec<DamagedGroup>,
    pub peers: Vec<SeenPeer>,
}

/// A stored group that could not be read; the others work as usual.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DamagedGroup {
    pub id: String,
    pub reason: String,
}

/// One group stored on this device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupStatus {
    pub id: String,
    pub name: String,
    pub last_syncs: Vec<LastSync>,
    /// Automerge changes kept outside the compacted snapshot.
    pub stored_changes: u64,
    /// Bytes the group takes in the store.
    pub stored_bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LastSync {
    pub peer: String,
    /// When the group was last up to date with the peer (RFC 3339, UTC); `null` if never.
    pub synced_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeenPeer {
    pub peer: String,
    pub address: Option<String>,
    pub seen_at: String,
}

impl ToOutput for DomainStatus {
    type Output = Status;
    fn to_output(&self) -> Status {
        Status {
            peer: self.peer.clone(),
            groups: self.groups.to_output(),
            damaged: self
                .damaged
                .iter()
                .map(|d| DamagedGroup {
                    id: d.id.to_string(),
                    reason: d.reason.clone(),
                })
                .collect(),
            peers: self
                .peers
                .iter()
                .map(|p| SeenPeer {
                    peer: p.peer.clone(),
                    address: p.address.clone(),
                    seen_at: p.seen_at.clone(),
                })
                .collect(),
        }
    }
}

impl ToOutput for DomainGroupStatus {
    type Output = GroupStatus;
    fn to_output(&self) -> GroupStatus {
        GroupStatus {
            id: self.id.clone(),
            name: self.name.clone(),
            last_syncs: self
                .last_syncs
                .iter()
                .map(|s| LastSync {
                    peer: s.peer.clone(),
                    synced_at: s.synced_at.clone(),
                })
                .collect(),
            stored_changes: self.stored_changes,
            stored_bytes: self.stored_bytes,
        }
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

#[cfg(test)]
mod tests {
    use comptoir_app::{DamagedGroup, GroupStatus, LastSyncView, SeenPeerView, Status};
    use expect_test::expect;

    use super::super::{ToOutput, check, fixture};

    #[test]
    fn status() {
        let status = Status {
            peer: fixture::THIS_DEVICE.into(),
            groups: vec![
                GroupStatus {
                    id: "0f1e2d3c4b5a69788796a5b4c3d2e1f0".into(),
                    name: "Association des Habitants".into(),
                    last_syncs: Vec::new(),
                    stored_changes: 3,
                    stored_bytes: 2_048,
                },
                GroupStatus {
                    id: fixture::GROUP.into(),
                    name: "Bistrot du Social de Fleurus".into(),
                    last_syncs: vec![
                        LastSyncView {
                            peer: fixture::OTHER_DEVICE.into(),
                            synced_at: Some("2021-09-02T19:04:11.250Z".into()),
                        },
                        LastSyncView {
                            peer: "12D3KooWGRMm8MxdHXKAYyuaiSBxXCLsQRVEB3w99pZBh4xkogGN".into(),
                            synced_at: None,
                        },
                    ],
                    stored_changes: 0,
                    stored_bytes: 81_920,
                },
            ],
            damaged: vec![DamagedGroup {
                id: comptoir_app::model::GroupId::new("5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a"),
                reason: "the stored document is not an Automerge document".into(),
            }],
            peers: vec![
                SeenPeerView {
                    peer: fixture::OTHER_DEVICE.into(),
                    address: Some("/ip4/192.168.1.20/tcp/4710".into()),
                    seen_at: "2021-09-02T19:04:11.300Z".into(),
                },
                SeenPeerView {
                    peer: "12D3KooWGRMm8MxdHXKAYyuaiSBxXCLsQRVEB3w99pZBh4xkogGN".into(),
                    address: None,
                    seen_at: "2021-09-01T08:00:00.000Z".into(),
                },
            ],
        };
        check(
            &status.to_output(),
            expect![[r#"
                {
                  "peer": "12D3KooWEccRC79umA2dxEE6bm1nowKBnhpXMjQhSiV5qNeSuo1r",
                  "groups": [
                    {
                      "id": "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
                      "name": "Association des Habitants",
                      "last_syncs": [],
                      "stored_changes": 3,
                      "stored_bytes": 2048
                    },
                    {
                      "id": "6d1f0c2b9a8e7d6c5b4a39281706f5e4",
                      "name": "Bistrot du Social de Fleurus",
                      "last_syncs": [
                        {
                          "peer": "12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt",
                          "synced_at": "2021-09-02T19:04:11.250Z"
                        },
                        {
                          "peer": "12D3KooWGRMm8MxdHXKAYyuaiSBxXCLsQRVEB3w99pZBh4xkogGN",
                          "synced_at": null
                        }
                      ],
                      "stored_changes": 0,
                      "stored_bytes": 81920
                    }
                  ],
                  "damaged": [
                    {
                      "id": "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a",
                      "reason": "the stored document is not an Automerge document"
                    }
                  ],
                  "peers": [
                    {
                      "peer": "12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt",
                      "address": "/ip4/192.168.1.20/tcp/4710",
                      "seen_at": "2021-09-02T19:04:11.300Z"
                    },
                    {
                      "peer": "12D3KooWGRMm8MxdHXKAYyuaiSBxXCLsQRVEB3w99pZBh4xkogGN",
                      "address": null,
                      "seen_at": "2021-09-01T08:00:00.000Z"
                    }
                  ]
                }"#]],
            expect![[r#"
                this device: 12D3KooWEccRC79umA2dxEE6bm1nowKBnhpXMjQhSiV5qNeSuo1r
                0f1e2d3c4b5a69788796a5b4c3d2e1f0  Association des Habitants
                  stored: 2048 bytes, 3 change(s) outside the snapshot
                  never synced
                6d1f0c2b9a8e7d6c5b4a39281706f5e4  Bistrot du Social de Fleurus
                  stored: 81920 bytes, 0 change(s) outside the snapshot
                  with 12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt: 2021-09-02T19:04:11.250Z
                  with 12D3KooWGRMm8MxdHXKAYyuaiSBxXCLsQRVEB3w99pZBh4xkogGN: not yet up to date
                5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a  could not be read: the stored document is not an Automerge document
                seen 12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt at /ip4/192.168.1.20/tcp/4710 (2021-09-02T19:04:11.300Z)
                seen 12D3KooWGRMm8MxdHXKAYyuaiSBxXCLsQRVEB3w99pZBh4xkogGN at ? (2021-09-01T08:00:00.000Z)
            "#]],
        );
    }
}
