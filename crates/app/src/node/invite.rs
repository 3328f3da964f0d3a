//! Joining a group with an invitation, on both sides: the inviter checks the proof and adds the
//! device to the group's access list; the joining device then receives the group by sync.

use std::time::Duration;

use comptoir_model::{DeviceRole, GroupId};
use comptoir_net::{PeerId, Protocol};
use serde::{Deserialize, Serialize};

use super::{Node, NodeEvent};
use crate::devices::unix_now;
use crate::invitation::{self, InvitationCode};
use crate::{AppError, InvitationError, Refusal, Result};

/// What the joining device sends.
#[derive(Debug, Serialize, Deserialize)]
struct JoinRequest {
    invitation: String,
    proof: Vec<u8>,
}

/// What the inviter answers.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum JoinResponse {
    Accepted {
        group: String,
    },
    /// Unknown code or wrong proof (not told apart, so nothing is learnt by guessing).
    NotRecognised,
    Expired,
    AlreadyUsed,
}

impl Node {
    /// Inviter side: answers a join request.
    pub(super) fn answer_invitation(
        &mut self,
        peer: &PeerId,
        bytes: &[u8],
    ) -> Result<(Vec<u8>, Option<NodeEvent>)> {
        let (response, event) = match self.check_join(peer, bytes)? {
            Ok(group) => {
                let event = NodeEvent::Invited {
                    group: group.to_string(),
                    peer: peer.to_base58(),
                };
                (
                    JoinResponse::Accepted {
                        group: group.to_string(),
                    },
                    Some(event),
                )
            }
            Err(refusal) => {
                let reason = match refusal {
                    JoinResponse::Expired => "invitation expired",
                    JoinResponse::AlreadyUsed => "invitation already used",
                    _ => "invitation not recognised",
                };
                let event = NodeEvent::Refused {
                    peer: peer.to_base58(),
                    reason: reason.into(),
                };
                (refusal, Some(event))
            }
        };
        let bytes = serde_json::to_vec(&response).map_err(|source| AppError::Encode {
            what: "an invitation answer",
            source,
        })?;
        Ok((bytes, event))
    }

    fn check_join(&mut self, peer: &PeerId, bytes: &[u8]) -> Result<Result<GroupId, JoinResponse>> {
        let Ok(request) = serde_json::from_slice::<JoinRequest>(bytes) else {
            return Ok(Err(JoinResponse::NotRecognised));
        };
        let Some(stored) = self.app.store().invitation(&request.invitation)? else {
            return Ok(Err(JoinResponse::NotRecognised));
        };
        let me = self.app.peer_id();
        if !invitation::verify(&stored.secret, &me, peer, &request.proof) {
            return Ok(Err(JoinResponse::NotRecognised));
        }
        let group = GroupId::new(stored.document.clone());
        match &stored.used_by {
            // The same device asking again (its first answer was lost): same answer.
            Some(used_by) if *used_by == peer.to_base58() => return Ok(Ok(group)),
            Some(_) => return Ok(Err(JoinResponse::AlreadyUsed)),
            None => {}
        }
        if stored.expires_at < unix_now() {
            return Ok(Err(JoinResponse::Expired));
        }
        if !self
            .app
            .store()
            .use_invitation(&stored.id, &peer.to_base58())?
        {
            return Ok(Err(JoinResponse::AlreadyUsed));
        }
        let today = self.app.today();
        let me = me.to_base58();
        let Some(doc) = self.engine.group_mut(&group) else {
            return Ok(Err(JoinResponse::NotRecognised));
        };
        doc.grant_device(&peer.to_base58(), DeviceRole::Facilitator, None, &me, today)?;
        let changes = doc.take_unsaved();
        self.app.store().append(group.as_str(), &changes)?;
        tracing::info!(%group, %peer, "device joined with an invitation");
        self.feed(comptoir_sync::Input::LocalChange(group.clone()))?;
        Ok(Ok(group))
    }

    /// Joining side: finds the inviter, proves the code, and waits until the group has
    /// arrived and is up to date.
    pub async fn accept_invitation(
        &mut self,
        code: &InvitationCode,
        timeout: Duration,
    ) -> Result<GroupId> {
        if code.expires_at < unix_now() {
            return Err(InvitationError::Expired.into());
        }
        let work = async {
            let inviter = self.find_inviter(code).await?;
            let request = JoinRequest {
                invitation: code.id(),
                proof: code.proof(&inviter, &self.app.peer_id()),
            };
            let bytes = serde_json::to_vec(&request).map_err(|source| AppError::Encode {
                what: "an invitation request",
                source,
            })?;
            let response = self
                .client
                .request(inviter, Protocol::Invite, bytes)
                .await?;
            let group = match serde_json::from_slice::<JoinResponse>(&response) {
                Ok(JoinResponse::Accepted { group }) => GroupId::new(group),
                Ok(JoinResponse::Expired) => return Err(refused(Refusal::Expired)),
                Ok(JoinResponse::AlreadyUsed) => return Err(refused(Refusal::AlreadyUsed)),
                Ok(JoinResponse::NotRecognised) | Err(_) => {
                    return Err(refused(Refusal::NotRecognised));
                }
            };
            self.engine.expect_group(group.clone(), inviter.to_base58());
            self.feed(comptoir_sync::Input::PeerConnected(inviter.to_base58()))?;
            let mut joined =
                self.engine.group(&group).is_some() && self.app.store().contains(group.as_str())?;
            while !(joined && self.synced_with(&inviter)?) {
                match self.next().await? {
                    Some(NodeEvent::Joined { group: g, .. }) if g == group.as_str() => {
                        joined = true
                    }
                    Some(NodeEvent::Disconnected { peer }) if peer == inviter.to_base58() => {
                        return Err(InvitationError::InviterLeft.into());
                    }
                    Some(_) => {}
                    None => return Err(AppError::NetworkStopped),
                }
            }
            Ok(group)
        };
        tokio::time::timeout(timeout, work).await.map_err(|_| {
            AppError::from(InvitationError::Unreachable {
                seconds: timeout.as_secs(),
            })
        })?
    }

    /// Dials the code's addresses, or waits for the inviter to be found on the LAN.
    async fn find_inviter(&mut self, code: &InvitationCode) -> Result<PeerId> {
        for address in &code.addresses {
            let multiaddr = match address.ip() {
                std::net::IpAddr::V4(ip) => format!("/ip4/{ip}/tcp/{}", address.port()),
                std::net::IpAddr::V6(ip) => format!("/ip6/{ip}/tcp/{}", address.port()),
            };
            match self.dial(&multiaddr).await {
                Ok(peer) if code.is_inviter(&peer) => return Ok(peer),
                Ok(peer) => {
                    tracing::info!(%peer, "a device answered at the code's address, but not the inviter")
                }
                Err(e) => tracing::info!(error = %e, "the code's address did not answer"),
            }
        }
        if let Some(peer) = self.connected.keys().find(|p| code.is_inviter(p)) {
            return Ok(*peer);
        }
        loop {
            match self.next().await? {
                Some(NodeEvent::Connected { peer, .. }) => {
                    if let Ok(peer) = peer.parse::<PeerId>()
                        && code.is_inviter(&peer)
                    {
                        return Ok(peer);
                    }
                }
                Some(_) => {}
                None => return Err(AppError::NetworkStopped),
            }
        }
    }
}

fn refused(reason: Refusal) -> AppError {
    InvitationError::Refused(reason).into()
}
