//! The devices of a group as its membership log has them (or, for a group whose log has not
//! arrived yet, as its access list does), and the roles an admin gives them.

use chrono::{DateTime, Local};
use comptoir_authority::{Body, DeviceId, Error as LogError, Moment, Role};
use comptoir_model::{Date, DeviceRole, GroupId};

use crate::{App, AppError, Result};

/// A device of a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceView {
    pub peer: String,
    pub role: Role,
    /// A name people recognise ("Portable d'Élise").
    pub label: Option<String>,
    /// The device that added this one (the creator for itself).
    pub added_by: String,
    pub added_on: Date,
    /// Set once an admin removed it: it syncs no more.
    pub removed: Option<DeviceRemoval>,
    /// Whether this is the device running this command.
    pub this_device: bool,
}

/// Who removed a device, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceRemoval {
    pub by: String,
    pub on: Date,
}

impl App {
    /// The devices of a group, removed ones included (marked so).
    pub fn devices(&mut self, group: &str) -> Result<Vec<DeviceView>> {
        let id = self.resolve_group(group)?;
        let me = self.peer_id().to_base58();
        if let Some(log) = self.repo().log(&id)? {
            return Ok(log
                .members()
                .map(|(device, member)| DeviceView {
                    peer: device.to_string(),
                    role: member.role,
                    label: member.label.clone(),
                    added_by: member.added_by.to_string(),
                    added_on: day_of(member.added_at),
                    removed: member.removed.as_ref().map(|removal| DeviceRemoval {
                        by: removal.by.to_string(),
                        on: day_of(removal.at),
                    }),
                    this_device: device.to_string() == me,
                })
                .collect());
        }
        let doc = self.read(group)?;
        Ok(doc
            .devices()?
            .into_iter()
            .map(|(peer, device)| DeviceView {
                this_device: peer == me,
                peer,
                role: match device.role {
                    DeviceRole::Facilitator => Role::Facilitator,
                    DeviceRole::Federation => Role::Federation,
                },
                label: device.label,
                added_by: device.added_by,
                added_on: device.added_on,
                removed: None,
            })
            .collect())
    }

    /// Gives a device of the group another role (admins only). The last admin cannot step
    /// down: another device is made admin first.
    pub fn change_role(&mut self, group: &str, peer: &str, role: Role) -> Result<DeviceView> {
        let id = self.resolve_group(group)?;
        self.require_admin(&id)?;
        let not_found = || AppError::NotADevice {
            peer: peer.trim().to_string(),
        };
        let device: DeviceId = peer.trim().parse().map_err(|_| not_found())?;
        let current = self
            .repo()
            .log(&id)?
            .and_then(|log| log.member(&device).cloned())
            .filter(|member| member.removed.is_none())
            .ok_or_else(not_found)?;
        if current.role != role {
            self.issue_role(&id, device, role)?;
        }
        self.devices(id.as_str())?
            .into_iter()
            .find(|view| view.peer == device.to_string())
            .ok_or_else(not_found)
    }

    fn issue_role(&mut self, id: &GroupId, device: DeviceId, role: Role) -> Result<()> {
        let issued = self.as_admin(id, |_| Some(Body::ChangeRole { device, role }));
        match issued {
            Err(AppError::MembershipLog {
                source: LogError::LastAdmin { .. },
                ..
            }) => Err(AppError::LastAdmin),
            other => other,
        }
    }
}

/// The local day of a moment of the log (a device's clock when it signed).
fn day_of(moment: Moment) -> Date {
    let day = DateTime::from_timestamp(moment.unix_seconds(), 0)
        .map(|at| at.with_timezone(&Local).date_naive())
        .unwrap_or_default();
    Date(day)
}
