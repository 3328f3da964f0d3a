//! The invitations this device issued, and the devices waiting for an admin to let them in
//! with one (confirmed joins).

use rusqlite::{OptionalExtension, Row, params};

use crate::{Result, Store, StoreError};

/// An invitation as stored by the device that issued it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredInvitation {
    pub id: String,
    pub document: String,
    pub secret: Vec<u8>,
    /// Unix seconds.
    pub expires_at: i64,
    pub used_by: Option<String>,
    /// Wrong proofs given for it so far.
    pub wrong_proofs: u32,
    /// The role it grants: `admin` or `facilitator`.
    pub role: String,
    /// Whether a device with a right proof gets in without an admin's approval.
    pub preapproved: bool,
}

/// A device that gave a right proof for an invitation, as the inviting device keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinRequest {
    pub id: String,
    pub invitation: String,
    /// The group the invitation is for.
    pub document: String,
    /// The role the invitation grants.
    pub role: String,
    pub peer: String,
    /// The name the joining device gave itself, if any.
    pub label: Option<String>,
    /// The six digits both screens show.
    pub check_number: String,
    /// Unix seconds.
    pub requested_at: i64,
    pub status: JoinStatus,
}

/// Where a join request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinStatus {
    Pending,
    Approved,
    Denied,
}

impl JoinStatus {
    fn parse(text: &str) -> Option<JoinStatus> {
        match text {
            "pending" => Some(JoinStatus::Pending),
            "approved" => Some(JoinStatus::Approved),
            "denied" => Some(JoinStatus::Denied),
            _ => None,
        }
    }
}

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
const JOIN_REQUEST: &str = "SELECT r.id, r.invitation, i.document, i.role, r.peer, r.label, \
    r.check_number, r.requested_at, r.status FROM join_requests r \
    JOIN invitations i ON i.id = r.invitation";

fn join_request(row: &Row<'_>) -> rusqlite::Result<JoinRequest> {
    let status: String = row.get(8)?;
    Ok(JoinRequest {
        id: row.get(0)?,
        invitation: row.get(1)?,
        document: row.get(2)?,
        role: row.get(3)?,
        peer: row.get(4)?,
        label: row.get(5)?,
        check_number: row.get(6)?,
        requested_at: row.get(7)?,
        status: JoinStatus::parse(&status).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                8,
                rusqlite::types::Type::Text,
                format!("unknown join status {status:?}").into(),
            )
        })?,
    })
}

/// How long an expired invitation is kept (seconds), to answer "expired" to a late try.
pub const EXPIRED_KEPT: i64 = 24 * 60 * 60;

impl Store {
    /// Stores a new invitation.
    /// Forgets the invitations (their secrets, and the join requests made with them) that
    /// expired more than a day before `now` (Unix seconds): a late try is then "not
    /// recognised" rather than "expired". Returns how many were forgotten.
    pub fn purge_invitations(&self, now: i64) -> Result<usize> {
        Ok(self
            .conn()
            .prepare_cached("DELETE FROM invitations WHERE expires_at < ?1")?
            .execute([now.saturating_sub(EXPIRED_KEPT)])?)
    }

    pub fn add_invitation(&self, invitation: &StoredInvitation) -> Result<()> {
        self.conn()
            .prepare_cached(
                "INSERT INTO invitations (id, document, secret, expires_at, role, preapproved) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                invitation.id,
                invitation.document,
                invitation.secret,
                invitation.expires_at,
                invitation.role,
                invitation.preapproved
            ])?;
        Ok(())
    }

    /// Counts a wrong proof given for an invitation; returns how many there were in all.
    pub fn wrong_proof(&self, id: &str) -> Result<u32> {
        Ok(self
            .conn()
            .prepare_cached(
                "UPDATE invitations SET wrong_proofs = wrong_proofs + 1 WHERE id = ?1 \
                 RETURNING wrong_proofs",
            )?
            .query_row([id], |row| row.get(0))
            .optional()?
            .unwrap_or(0))
    }

    /// An invitation by id.
    pub fn invitation(&self, id: &str) -> Result<Option<StoredInvitation>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT id, document, secret, expires_at, used_by, wrong_proofs, role, preapproved \
                 FROM invitations WHERE id = ?1",
            )?
            .query_row([id], |row| {
                Ok(StoredInvitation {
                    id: row.get(0)?,
                    document: row.get(1)?,
                    secret: row.get(2)?,
                    expires_at: row.get(3)?,
                    used_by: row.get(4)?,
                    wrong_proofs: row.get(5)?,
                    role: row.get(6)?,
                    preapproved: row.get(7)?,
                })
            })
            .optional()?)
    }

    /// Marks an invitation used by `peer`; refuses (returns `false`) if it already was, so that
    /// two devices racing with one code cannot both get in.
    pub fn use_invitation(&self, id: &str, peer: &str) -> Result<bool> {
        let sql = format!(
            "UPDATE invitations SET used_by = ?2, used_at = {NOW} WHERE id = ?1 AND used_by IS NULL"
        );
        let changed = self
            .conn()
            .prepare_cached(&sql)?
            .execute(params![id, peer])?;
        if changed == 0 && self.invitation(id)?.is_none() {
            return Err(StoreError::UnknownDocument(format!("invitation {id}")));
        }
        Ok(changed == 1)
    }

    /// Records that `request.peer` asks to join with `request.invitation`, unless it asked
    /// already; returns the request as stored (the first one, if it asked before).
    pub fn request_join(&self, request: &JoinRequest) -> Result<JoinRequest> {
        self.conn()
            .prepare_cached(
                "INSERT INTO join_requests (id, invitation, peer, label, check_number, requested_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (invitation, peer) DO NOTHING",
            )?
            .execute(params![
                request.id,
                request.invitation,
                request.peer,
                request.label,
                request.check_number,
                request.requested_at
            ])?;
        let sql = format!("{JOIN_REQUEST} WHERE r.invitation = ?1 AND r.peer = ?2");
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row(params![request.invitation, request.peer], join_request)?)
    }

    /// How many devices wait for a decision on an invitation.
    pub fn pending_for(&self, invitation: &str) -> Result<u32> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT count(*) FROM join_requests WHERE invitation = ?1 AND status = 'pending'",
            )?
            .query_row([invitation], |row| row.get(0))?)
    }

    /// A join request by id.
    pub fn join_request(&self, id: &str) -> Result<Option<JoinRequest>> {
        let sql = format!("{JOIN_REQUEST} WHERE r.id = ?1");
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row([id], join_request)
            .optional()?)
    }

    /// The requests waiting for a decision, of one group or all, oldest first. Requests for
    /// invitations used or expired since are not shown: nothing can let them in any more.
    pub fn pending_joins(&self, document: Option<&str>, now: i64) -> Result<Vec<JoinRequest>> {
        let sql = format!(
            "{JOIN_REQUEST} WHERE r.status = 'pending' AND i.used_by IS NULL \
             AND i.expires_at >= ?2 AND (?1 IS NULL OR i.document = ?1) \
             ORDER BY r.requested_at, r.id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![document, now], join_request)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Approves or denies a pending request; `false` if it was not pending any more.
    pub fn decide_join(&self, id: &str, approve: bool) -> Result<bool> {
        let status = if approve { "approved" } else { "denied" };
        let changed = self
            .conn()
            .prepare_cached(
                "UPDATE join_requests SET status = ?2 WHERE id = ?1 AND status = 'pending'",
            )?
            .execute(params![id, status])?;
        if changed == 0 && self.join_request(id)?.is_none() {
            return Err(StoreError::UnknownDocument(format!("join request {id}")));
        }
        Ok(changed == 1)
    }
}
