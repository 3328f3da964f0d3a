//! Joining a group with an invitation, on both sides: the inviter checks the proof and, once an
//! admin approved the request (or at once for a code made `preapproved`), adds the device to
//! the group; the joining device then receives the group by sync.
//!
//! A join waiting for approval is a request stored on the inviting device (so that `comptoir
//! invite approve`, run beside `serve`, decides it); the joining device asks again every
//! [`ASK_AGAIN`] until it is let in, denied, or out of time, and shows the check number meanwhile.
//!
//! On the joining side a join is a pending entry the pump moves along: find the inviter (dial
//! the code's addresses, or wait for it on the LAN), ask it, then receive the group. Each wait
//! is a task or an event, so nothing blocks the pump meanwhile.

use std::time::{Duration, Instant};

use comptoir_model::{DeviceRole, GroupId};
use comptoir_net::{PeerId, Protocol};
use comptoir_store::{JoinRequest as StoredJoinRequest, JoinStatus, StoredInvitation};
use serde::{Deserialize, Serialize};
use tokio::sync::oneshot;

use super::{Done, Node, peer_id};
use crate::devices::unix_now;
use crate::invitation::{self, InvitationCode};
use crate::node::NodeEvent;
use crate::{AppError, InvitationError, Refusal, Result};

/// What the joining device sends.
#[derive(Debug, Serialize, Deserialize)]
struct JoinRequest {
    invitation: String,
    proof: Vec<u8>,
    /// The name the joining device gives itself (shown to the admin who approves).
    #[serde(default)]
    label: Option<String>,
}

/// Wrong proofs after which an invitation code no longer works (someone is guessing).
pub const MAX_WRONG_PROOFS: u32 = 3;
/// Devices that may wait for a decision on one code at once; more are told it is not
/// recognised (someone overheard it and is trying it from many devices).
pub const MAX_WAITING: u32 = 5;
/// How often a device waiting for approval asks again.
pub const ASK_AGAIN: Duration = Duration::from_secs(1);
/// The longest label a joining device may give itself, in characters.
const MAX_LABEL: usize = 80;

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
    /// The request waits for an admin of the inviting device; ask again.
    Waiting,
    /// An admin refused this device.
    Denied,
}

/// A join under way on the joining device.
pub(super) struct Join {
    code: InvitationCode,
    reply: oneshot::Sender<Result<GroupId>>,
    label: Option<String>,
    deadline: Instant,
    timeout: Duration,
    stage: Stage,
    /// Whether the joining side was told the check number already.
    waiting_told: bool,
}

enum Stage {
    /// Trying the code's addresses, or waiting for the inviter to be found on the LAN.
    Finding,
    /// The inviter was asked; its answer is awaited.
    Asking(PeerId),
    /// The inviter accepted: the group is arriving.
    Receiving { group: GroupId, inviter: PeerId },
}

impl Join {
    /// The inviter this join talks to, once found.
    pub(super) fn inviter(&self) -> Option<PeerId> {
        match &self.stage {
            Stage::Finding => None,
            Stage::Asking(peer) => Some(*peer),
            Stage::Receiving { inviter, .. } => Some(*inviter),
        }
    }
}

impl Node {
    /// Inviter side: answers a join request.
    pub(super) fn answer_invitation(&mut self, peer: &PeerId, bytes: &[u8]) -> Result<Vec<u8>> {
        let response = match self.check_join(peer, bytes)? {
            Ok(group) => {
                self.report(NodeEvent::Invited {
                    group: group.clone(),
                    peer: *peer,
                });
                JoinResponse::Accepted {
                    group: group.to_string(),
                }
            }
            Err(JoinResponse::Waiting) => JoinResponse::Waiting,
            Err(refusal) => {
                let reason = match refusal {
                    JoinResponse::Expired => "invitation expired",
                    JoinResponse::AlreadyUsed => "invitation already used",
                    JoinResponse::Denied => "join denied by an admin",
                    _ => "invitation not recognised",
                };
                self.report(NodeEvent::Refused {
                    peer: *peer,
                    reason: reason.into(),
                });
                refusal
            }
        };
        serde_json::to_vec(&response).map_err(|source| AppError::Encode {
            what: "an invitation answer",
            source,
        })
    }

    fn check_join(&mut self, peer: &PeerId, bytes: &[u8]) -> Result<Result<GroupId, JoinResponse>> {
        let Ok(request) = serde_json::from_slice::<JoinRequest>(bytes) else {
            return Ok(Err(JoinResponse::NotRecognised));
        };
        let Some(stored) = self.app.store().invitation(&request.invitation)? else {
            return Ok(Err(JoinResponse::NotRecognised));
        };
        let me = self.app.peer_id();
        // A code that was tried too often is dead; the asker is told no more than for a code
        // that never existed.
        if stored.wrong_proofs >= MAX_WRONG_PROOFS {
            return Ok(Err(JoinResponse::NotRecognised));
        }
        if !invitation::verify(&stored.secret, &me, peer, &request.proof) {
            let tries = self.app.store().wrong_proof(&stored.id)?;
            tracing::warn!(invitation = %stored.id, tries, "a wrong proof for an invitation");
            if tries >= MAX_WRONG_PROOFS {
                tracing::warn!(invitation = %stored.id, "invitation disabled after wrong proofs");
            }
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
        if !self.app.repo_ref().docs().contains_key(&group) {
            return Ok(Err(JoinResponse::NotRecognised));
        }
        let label = request
            .label
            .map(|label| clean_label(&label))
            .filter(|l| !l.is_empty());
        if !stored.preapproved {
            match self.request_approval(&stored, peer, label.clone())? {
                Some(JoinStatus::Approved) => {}
                Some(JoinStatus::Pending) => return Ok(Err(JoinResponse::Waiting)),
                Some(JoinStatus::Denied) => return Ok(Err(JoinResponse::Denied)),
                None => return Ok(Err(JoinResponse::NotRecognised)),
            }
        }
        if !self
            .app
            .store()
            .use_invitation(&stored.id, &peer.to_base58())?
        {
            return Ok(Err(JoinResponse::AlreadyUsed));
        }
        let role = invitation::role_from_store(&stored.role);
        let today = self.app.today();
        let me = me.to_base58();
        let joining = peer.to_base58();
        // Committed through the one write path; shared with the new device once the pump
        // settles this step.
        let listed = label.clone();
        self.app.repo().edit(&group, |doc| {
            Ok(doc.grant_device(&joining, DeviceRole::Facilitator, listed, &me, today)?)
        })?;
        self.app.log_added(&group, &joining, role, label)?;
        tracing::info!(%group, %peer, "device joined with an invitation");
        Ok(Ok(group))
    }

    /// Records (or finds) `peer`'s request to join with `stored`, and says where it stands;
    /// `None` when too many devices already wait on this code.
    fn request_approval(
        &mut self,
        stored: &StoredInvitation,
        peer: &PeerId,
        label: Option<String>,
    ) -> Result<Option<JoinStatus>> {
        let store = self.app.store();
        let id = invitation::request_id(&stored.id, peer);
        if let Some(known) = store.join_request(&id)? {
            return Ok(Some(known.status));
        }
        if store.pending_for(&stored.id)? >= MAX_WAITING {
            tracing::warn!(invitation = %stored.id, "too many devices wait on one code");
            return Ok(None);
        }
        let check = invitation::check_number(&stored.secret, &self.app.peer_id(), peer);
        let request = store.request_join(&StoredJoinRequest {
            id,
            invitation: stored.id.clone(),
            document: stored.document.clone(),
            role: stored.role.clone(),
            peer: peer.to_base58(),
            label,
            check_number: check.clone(),
            requested_at: unix_now(),
            status: JoinStatus::Pending,
        })?;
        tracing::info!(invitation = %stored.id, "a device asks to join");
        self.report(NodeEvent::JoinRequested {
            request: request.id.clone(),
            group: GroupId::new(stored.document.clone()),
            peer: *peer,
            check,
        });
        Ok(Some(request.status))
    }

    /// Joining side: starts a join.
    pub(super) fn start_join(
        &mut self,
        code: InvitationCode,
        label: Option<String>,
        timeout: Duration,
        reply: oneshot::Sender<Result<GroupId>>,
    ) {
        if code.expires_at < unix_now() {
            let _ = reply.send(Err(InvitationError::Expired.into()));
            return;
        }
        let client = match self.client() {
            Ok(client) => client,
            Err(e) => {
                let _ = reply.send(Err(e));
                return;
            }
        };
        let id = self.next_pending_id();
        let addresses = code.addresses.clone();
        let wanted = code.clone();
        self.joins.insert(
            id,
            Join {
                code,
                reply,
                label,
                deadline: Instant::now() + timeout,
                timeout,
                stage: Stage::Finding,
                waiting_told: false,
            },
        );
        self.tasks.push(Box::pin(async move {
            for address in addresses {
                let multiaddr = super::options::tcp_multiaddr(address);
                match client.dial(multiaddr).await {
                    Ok(peer) if wanted.is_inviter(&peer) => {
                        return Done::Found {
                            join: id,
                            inviter: Some(peer),
                        };
                    }
                    Ok(peer) => {
                        tracing::info!(%peer, "a device answered at the code's address, but not the inviter")
                    }
                    Err(e) => tracing::info!(error = %e, "the code's address did not answer"),
                }
            }
            Done::Found {
                join: id,
                inviter: None,
            }
        }));
    }

    /// The code's addresses were tried.
    pub(super) fn inviter_found(&mut self, join: u64, inviter: Option<PeerId>) -> Result<()> {
        let Some(pending) = self.joins.get(&join) else {
            return Ok(());
        };
        if !matches!(pending.stage, Stage::Finding) {
            return Ok(());
        }
        let connected = self
            .connected()
            .find(|p| pending.code.is_inviter(p))
            .copied();
        match inviter.or(connected) {
            Some(inviter) => self.ask(join, inviter),
            // Not reached by address: it may still be found on the LAN before the deadline.
            None => Ok(()),
        }
    }

    /// A peer connected: it may be the inviter a join is waiting for.
    pub(super) fn inviter_connected(&mut self, peer: &PeerId) {
        let waiting: Vec<u64> = self
            .joins
            .iter()
            .filter(|(_, j)| matches!(j.stage, Stage::Finding) && j.code.is_inviter(peer))
            .map(|(id, _)| *id)
            .collect();
        for join in waiting {
            if let Err(e) = self.ask(join, *peer) {
                self.fail_join(join, e);
            }
        }
    }

    /// A peer left: joins it was serving fail.
    pub(super) fn inviter_left(&mut self, peer: &PeerId) {
        let served: Vec<u64> = self
            .joins
            .iter()
            .filter(|(_, j)| match &j.stage {
                Stage::Asking(inviter) | Stage::Receiving { inviter, .. } => inviter == peer,
                Stage::Finding => false,
            })
            .map(|(id, _)| *id)
            .collect();
        for join in served {
            self.fail_join(join, InvitationError::InviterLeft.into());
        }
    }

    fn ask(&mut self, join: u64, inviter: PeerId) -> Result<()> {
        let client = self.client()?;
        let me = self.app.peer_id();
        let Some(pending) = self.joins.get_mut(&join) else {
            return Ok(());
        };
        let request = JoinRequest {
            invitation: pending.code.id(),
            proof: pending.code.proof(&inviter, &me),
            label: pending.label.clone(),
        };
        let bytes = serde_json::to_vec(&request).map_err(|source| AppError::Encode {
            what: "an invitation request",
            source,
        })?;
        pending.stage = Stage::Asking(inviter);
        self.tasks.push(Box::pin(async move {
            let response = client.request(inviter, Protocol::Invite, bytes).await;
            Done::Answered { join, response }
        }));
        Ok(())
    }

    /// The inviter answered.
    pub(super) fn inviter_answered(
        &mut self,
        join: u64,
        response: std::result::Result<Vec<u8>, comptoir_net::NetError>,
    ) -> Result<()> {
        let Some(Join {
            stage: Stage::Asking(inviter),
            ..
        }) = self.joins.get(&join)
        else {
            return Ok(());
        };
        let inviter = *inviter;
        let response = match response {
            Ok(bytes) => bytes,
            Err(e) => {
                self.fail_join(join, e.into());
                return Ok(());
            }
        };
        let group = match serde_json::from_slice::<JoinResponse>(&response) {
            Ok(JoinResponse::Accepted { group }) => GroupId::new(group),
            Ok(JoinResponse::Expired) => {
                self.fail_join(join, refused(Refusal::Expired));
                return Ok(());
            }
            Ok(JoinResponse::AlreadyUsed) => {
                self.fail_join(join, refused(Refusal::AlreadyUsed));
                return Ok(());
            }
            Ok(JoinResponse::Denied) => {
                self.fail_join(join, refused(Refusal::Denied));
                return Ok(());
            }
            Ok(JoinResponse::Waiting) => {
                self.wait_for_approval(join, inviter);
                return Ok(());
            }
            Ok(JoinResponse::NotRecognised) | Err(_) => {
                self.fail_join(join, refused(Refusal::NotRecognised));
                return Ok(());
            }
        };
        self.engine.expect_group(
            self.app.repo_ref().docs(),
            group.clone(),
            peer_id::for_engine(&inviter),
        );
        if let Some(pending) = self.joins.get_mut(&join) {
            pending.stage = Stage::Receiving { group, inviter };
        }
        // The connection is older than the expectation: start the group's sync on it.
        self.feed(comptoir_sync::Input::PeerConnected(peer_id::for_engine(
            &inviter,
        )))
    }

    /// The inviter's admin has not decided yet: show the check number (once), ask again soon.
    fn wait_for_approval(&mut self, join: u64, inviter: PeerId) {
        let me = self.app.peer_id();
        let Some(pending) = self.joins.get_mut(&join) else {
            return;
        };
        if !pending.waiting_told {
            pending.waiting_told = true;
            let check = pending.code.check_number(&inviter, &me);
            self.report(NodeEvent::AwaitingApproval { check });
        }
        self.tasks.push(Box::pin(async move {
            tokio::time::sleep(ASK_AGAIN).await;
            Done::AskAgain { join, inviter }
        }));
    }

    /// Time to ask the inviter again, if the join still waits and the inviter is still here.
    pub(super) fn ask_again(&mut self, join: u64, inviter: PeerId) -> Result<()> {
        let waiting = self
            .joins
            .get(&join)
            .is_some_and(|j| matches!(j.stage, Stage::Asking(p) if p == inviter));
        if waiting {
            self.ask(join, inviter)?;
        }
        Ok(())
    }

    /// Answers the joins whose group has arrived and is up to date.
    pub(super) fn complete_joins(&mut self) -> Result<()> {
        let done: Vec<u64> = self
            .joins
            .iter()
            .filter(|(_, j)| match &j.stage {
                Stage::Receiving { group, inviter } => {
                    self.app.repo_ref().docs().contains_key(group)
                        && self.engine.is_synced(group, &peer_id::for_engine(inviter))
                        && self.log_agrees(group, inviter)
                }
                _ => false,
            })
            .map(|(id, _)| *id)
            .collect();
        for id in done {
            if let Some(Join {
                reply,
                stage: Stage::Receiving { group, .. },
                ..
            }) = self.joins.remove(&id)
            {
                let _ = reply.send(Ok(group));
            }
        }
        Ok(())
    }

    /// Fails the joins whose time is up.
    pub(super) fn expire_joins(&mut self, now: Instant) {
        let late: Vec<u64> = self
            .joins
            .iter()
            .filter(|(_, j)| j.deadline <= now)
            .map(|(id, _)| *id)
            .collect();
        for id in late {
            let seconds = self.joins.get(&id).map_or(0, |j| j.timeout.as_secs());
            self.fail_join(id, InvitationError::Unreachable { seconds }.into());
        }
    }

    fn fail_join(&mut self, join: u64, error: AppError) {
        if let Some(pending) = self.joins.remove(&join) {
            tracing::info!(code = error.code(), "joining failed");
            let _ = pending.reply.send(Err(error));
        }
    }
}

/// A label as shown to others: one line, no control characters, not too long.
fn clean_label(label: &str) -> String {
    let one_line: String = label
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX_LABEL)
        .collect();
    one_line.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn refused(reason: Refusal) -> AppError {
    InvitationError::Refused(reason).into()
}
