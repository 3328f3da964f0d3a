//! Each group's signed membership log (`crates/authority`), kept beside its document: started
//! when this device creates or imports a group, and made on first open for a group from before
//! logs by the device that created it, from the group's access list. Nothing authorizes with it
//! yet: `docs/AUTHORITY.md` says how it gets wired into sync.

use comptoir_authority::{Body, DeviceId, Log, Moment, Role};
use comptoir_model::{DeviceRole, GroupId};
use ed25519_dalek::SigningKey;

use crate::devices::unix_now;
use crate::{App, AppError, Result};

/// A group's id as the log names it.
pub(crate) fn group_id(id: &GroupId) -> Result<comptoir_authority::GroupId> {
    comptoir_authority::GroupId::new(id.as_str().as_bytes()).map_err(|source| {
        AppError::MembershipLog {
            group: id.clone(),
            source,
        }
    })
}

impl App {
    /// The group's membership log, or `None` if it has none yet.
    pub fn membership(&mut self, group: &str) -> Result<Option<&Log>> {
        let id = self.resolve_group(group)?;
        self.repo().log(&id)
    }

    /// Refuses, unless this device is an admin of the group or the group has no log yet (then
    /// its access list decides, as before logs).
    pub(crate) fn require_admin(&mut self, id: &GroupId) -> Result<()> {
        let me = self.device_id()?;
        match self.repo().log(id)? {
            Some(log) if !log.is_admin(&me) => Err(AppError::NotAdmin),
            _ => Ok(()),
        }
    }

    /// This device as the logs name it.
    pub fn device_id(&self) -> Result<DeviceId> {
        Ok(DeviceId::from(&self.signing_key()?))
    }

    /// The device key, as the logs sign with it.
    pub(crate) fn signing_key(&self) -> Result<SigningKey> {
        crate::identity::signing_key(self.keypair())
    }

    /// Starts the log of a group this device just created or imported: it is the group's
    /// first admin.
    /// With `vouch`, the admin vouches for what the group holds (an imported file, written by
    /// devices the log does not know).
    pub(crate) fn start_log(&mut self, id: &GroupId, vouch: bool) -> Result<()> {
        let mut log = self.new_log(id, None)?;
        if vouch {
            self.vouch(id, &mut log)?;
        }
        self.register(id, &mut log)?;
        self.repo().store_log(id, log)
    }

    /// The group's document heads as this device has them, as the log records them.
    fn content_heads(&mut self, id: &GroupId) -> Result<Vec<[u8; 32]>> {
        Ok(self
            .repo()
            .get_mut(id)?
            .heads()
            .iter()
            .map(|h| h.0)
            .collect())
    }

    /// Issues a `Baseline` of the group's current heads.
    fn vouch(&mut self, id: &GroupId, log: &mut Log) -> Result<()> {
        let content_heads = self.content_heads(id)?;
        self.issue(id, log, Body::Baseline { content_heads })
    }

    /// Registers this process's actor, which wrote the group's first changes.
    fn register(&mut self, id: &GroupId, log: &mut Log) -> Result<()> {
        let actor = self.actor().to_bytes().to_vec();
        self.issue(id, log, Body::RegisterActor { actor })
    }

    fn issue(&self, id: &GroupId, log: &mut Log, body: Body) -> Result<()> {
        log.issue(&self.signing_key()?, body, now())
            .map(|_| ())
            .map_err(|source| AppError::MembershipLog {
                group: id.clone(),
                source,
            })
    }

    fn new_log(&self, id: &GroupId, label: Option<String>) -> Result<Log> {
        let fail = |source| AppError::MembershipLog {
            group: id.clone(),
            source,
        };
        Log::create(&self.signing_key()?, group_id(id)?, label, now()).map_err(fail)
    }

    /// Gives a log to each group from before logs that this device created: its access list
    /// re-issued as signed operations (this device admin, the others as listed). Groups created
    /// elsewhere wait for their creator's log; groups that cannot be read are left alone.
    /// Returns the groups given a log.
    pub fn migrate_logs(&mut self) -> Result<Vec<GroupId>> {
        let me = self.peer_id().to_base58();
        let mut migrated = Vec::new();
        for id in self.repo().ids()? {
            if self.repo().log(&id)?.is_some() {
                continue;
            }
            let Some(doc) = self.repo().get_readable(&id)? else {
                continue;
            };
            let devices = doc.devices()?;
            let created_here = devices.get(&me).is_some_and(|device| device.added_by == me);
            if !created_here {
                continue;
            }
            let mine = devices.get(&me).and_then(|device| device.label.clone());
            let mut log = self.new_log(&id, mine)?;
            for (peer, device) in devices.iter().filter(|(peer, _)| **peer != me) {
                let Ok(listed) = peer.parse::<DeviceId>() else {
                    tracing::warn!(group = %id, "a listed device is not a device key; left out");
                    continue;
                };
                let role = match device.role {
                    DeviceRole::Facilitator => Role::Facilitator,
                    DeviceRole::Federation => Role::Federation,
                };
                let add = Body::Add {
                    device: listed,
                    role,
                    label: device.label.clone(),
                };
                self.issue(&id, &mut log, add)?;
            }
            // Its changes were written before the log knew their authors.
            self.vouch(&id, &mut log)?;
            self.register(&id, &mut log)?;
            self.repo().store_log(&id, log)?;
            tracing::info!(group = %id, "membership log made from the access list");
            migrated.push(id);
        }
        Ok(migrated)
    }
}

impl App {
    /// Records in the group's log that this device let `device` in, when it may (it holds the
    /// log and is the group's admin); until logs sync, the access list is what decides.
    pub(crate) fn log_added(
        &mut self,
        id: &GroupId,
        device: &str,
        role: Role,
        label: Option<String>,
    ) -> Result<()> {
        let Ok(device) = device.parse::<DeviceId>() else {
            return Ok(());
        };
        self.as_admin(id, |log| {
            (log.role_of(&device).is_none()).then_some(Body::Add {
                device,
                role,
                label,
            })
        })
    }

    /// Records in the group's log that this device removed `device`, with the group's heads
    /// as it had them (its changes after those are the removed device's no longer).
    pub(crate) fn log_removed(&mut self, id: &GroupId, device: &str) -> Result<()> {
        let Ok(device) = device.parse::<DeviceId>() else {
            return Ok(());
        };
        let content_heads = self.content_heads(id)?;
        self.as_admin(id, |log| {
            (log.role_of(&device).is_some()).then_some(Body::Remove {
                device,
                content_heads,
            })
        })
    }

    /// Issues what `body` gives (if anything) in the group's log, when this device is its admin.
    pub(crate) fn as_admin(
        &mut self,
        id: &GroupId,
        body: impl FnOnce(&Log) -> Option<Body>,
    ) -> Result<()> {
        let key = self.signing_key()?;
        let me = DeviceId::from(&key);
        let group = id.clone();
        self.repo().update_log(id, |log| {
            if !log.is_admin(&me) {
                return Ok(());
            }
            if let Some(body) = body(log) {
                log.issue(&key, body, now())
                    .map_err(|source| AppError::MembershipLog { group, source })?;
            }
            Ok(())
        })?;
        Ok(())
    }
}

pub(crate) fn now() -> Moment {
    Moment::from_unix_seconds(unix_now())
}
