//! Invitations this device issues, and the devices waiting for an admin to let them in with
//! one (confirmed joins): made, listed, approved or denied here; answered by the node.

use std::net::SocketAddr;
use std::time::Duration;

use comptoir_authority::Role;
use comptoir_model::GroupId;
use comptoir_store::{JoinRequest, JoinStatus, StoredInvitation};
use serde::Serialize;

use crate::devices::{DEFAULT_INVITATION_LIFETIME, MAX_INVITATION_LIFETIME, unix_now};
use crate::invitation::{self, InvitationCode, fingerprint};
use crate::{App, AppError, Invitation, Result};

/// What an invitation grants and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInvitation {
    /// How long the code works.
    pub lifetime: Duration,
    /// Where this device can be reached (none: found on the LAN).
    pub addresses: Vec<SocketAddr>,
    /// What the joining device becomes: `admin` or `facilitator`.
    pub role: Role,
    /// Let a device with a right proof in without an admin's approval (a code sent in a
    /// private message, or used by a script).
    pub preapproved: bool,
}

impl Default for NewInvitation {
    fn default() -> Self {
        Self {
            lifetime: DEFAULT_INVITATION_LIFETIME,
            addresses: Vec::new(),
            role: Role::Facilitator,
            preapproved: false,
        }
    }
}

/// A device waiting for an admin's decision, as shown to that admin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JoinRequestView {
    /// What `invite approve` / `invite deny` take.
    pub id: String,
    pub group: String,
    pub peer: String,
    pub label: Option<String>,
    /// The six digits the waiting device shows: ask its owner to read them.
    pub check: String,
    /// The role it will have.
    pub role: String,
    /// Unix seconds.
    pub requested_at: i64,
}

impl From<JoinRequest> for JoinRequestView {
    fn from(request: JoinRequest) -> Self {
        Self {
            id: request.id,
            group: request.document,
            peer: request.peer,
            label: request.label,
            check: request.check_number,
            role: request.role,
            requested_at: request.requested_at,
        }
    }
}

impl App {
    /// Makes a one-time invitation code to the group (admins only).
    pub fn create_invitation(&mut self, group: &str, terms: NewInvitation) -> Result<Invitation> {
        let id = self.resolve_group(group)?;
        let me = self.peer_id().to_base58();
        if !self.repo().get(&id)?.is_authorized(&me)? {
            return Err(AppError::NotFacilitatorDevice);
        }
        self.require_admin(&id)?;
        let seconds = terms.lifetime.as_secs();
        let lifetime = i64::try_from(seconds)
            .ok()
            .filter(|s| *s > 0 && terms.lifetime <= MAX_INVITATION_LIFETIME)
            .ok_or(AppError::BadLifetime { seconds })?;
        let role = match terms.role {
            Role::Admin => Role::Admin,
            Role::Facilitator | Role::Federation => Role::Facilitator,
        };
        let code = InvitationCode {
            secret: rand::random(),
            inviter: fingerprint(&self.peer_id()),
            expires_at: unix_now() + lifetime,
            role,
            addresses: terms.addresses,
        };
        // The code rounds the expiry up to the minute; store what the code says.
        let code = InvitationCode::decode(&code.encode())?;
        let purged = self.store().purge_invitations(unix_now())?;
        if purged > 0 {
            tracing::info!(purged, "long-expired invitations forgotten");
        }
        self.store().add_invitation(&StoredInvitation {
            id: code.id(),
            document: id.to_string(),
            secret: code.secret.to_vec(),
            expires_at: code.expires_at,
            used_by: None,
            wrong_proofs: 0,
            role: invitation::role_to_store(role).to_string(),
            preapproved: terms.preapproved,
        })?;
        tracing::info!(group = %id, invitation = %code.id(), "invitation created");
        Ok(Invitation {
            code: code.encode(),
            group: id.to_string(),
            expires_at: code.expires_at,
        })
    }

    /// The devices waiting for a decision, of one group or of every group, oldest first.
    pub fn pending_joins(&mut self, group: Option<&str>) -> Result<Vec<JoinRequestView>> {
        let group = group.map(|g| self.resolve_group(g)).transpose()?;
        let pending = self
            .store()
            .pending_joins(group.as_ref().map(GroupId::as_str), unix_now())?;
        Ok(pending.into_iter().map(JoinRequestView::from).collect())
    }

    /// Lets a waiting device in (admins only): the node answers it at its next request.
    pub fn approve_join(&mut self, request: &str) -> Result<JoinRequestView> {
        self.decide_join(request, true)
    }

    /// Refuses a waiting device (admins only).
    pub fn deny_join(&mut self, request: &str) -> Result<JoinRequestView> {
        self.decide_join(request, false)
    }

    fn decide_join(&mut self, request: &str, approve: bool) -> Result<JoinRequestView> {
        let id = request.trim().to_ascii_lowercase();
        let unknown = || AppError::UnknownJoinRequest {
            request: request.to_string(),
        };
        let found = self.store().join_request(&id)?.ok_or_else(unknown)?;
        self.require_admin(&GroupId::new(found.document.clone()))?;
        let invitation = self.store().invitation(&found.invitation)?;
        let open = invitation.is_some_and(|i| i.used_by.is_none() && i.expires_at >= unix_now());
        if found.status != JoinStatus::Pending || !open {
            return Err(AppError::JoinRequestClosed {
                request: request.to_string(),
            });
        }
        if !self.store().decide_join(&id, approve)? {
            return Err(AppError::JoinRequestClosed {
                request: request.to_string(),
            });
        }
        tracing::info!(request = %id, approve, "join request decided");
        Ok(found.into())
    }
}
