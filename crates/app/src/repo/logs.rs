//! Each open group's membership log, read from the store once (every signature checked) and
//! kept beside its document.

use comptoir_authority::{Body, DeviceId, Log};
use comptoir_model::GroupId;

use super::Repo;
use crate::{AppError, Result, membership};

impl Repo {
    /// The group's membership log, or `None` if it has none yet (a group from before logs,
    /// or joined before its log arrived).
    pub(crate) fn log(&mut self, id: &GroupId) -> Result<Option<&Log>> {
        if !self.logs.contains_key(id) {
            let Some(bytes) = self.store.authority(id.as_str())? else {
                return Ok(None);
            };
            let log = Log::from_bytes(&bytes).map_err(|source| AppError::MembershipLog {
                group: id.clone(),
                source,
            })?;
            if *log.group() != membership::group_id(id)? {
                return Err(AppError::WrongDocument { group: id.clone() });
            }
            self.logs.insert(id.clone(), log);
            self.guard(id)?;
        }
        Ok(self.logs.get(id))
    }

    /// Before this process writes to a group, names its actor in the group's log, once, so
    /// that every device can tell which device wrote its changes. Refuses when the log says
    /// this device may not write. A group without a log is written as before logs.
    pub(crate) fn register_writer(&mut self, id: &GroupId) -> Result<()> {
        let me = DeviceId::from(&self.key);
        let actor = self.writer.actor().to_bytes().to_vec();
        let Some(log) = self.log(id)? else {
            // Registered once the log arrives (see `Repo::guard`).
            self.unregistered.insert(id.clone());
            return Ok(());
        };
        if log.device_of_actor(&actor) == Some(me) {
            return Ok(());
        }
        if log.removal_of(&me).is_some() {
            return Err(AppError::RemovedFromGroup { group: id.clone() });
        }
        if !log.may_write(&me) {
            return Err(AppError::ReadOnlyDevice { group: id.clone() });
        }
        let key = self.key.clone();
        let group = id.clone();
        self.update_log(id, |log| {
            log.issue(&key, Body::RegisterActor { actor }, membership::now())
                .map_err(|source| AppError::MembershipLog { group, source })
        })?;
        Ok(())
    }

    /// The group's log if it was read already (see [`Repo::log`]).
    pub(crate) fn held_log(&self, id: &GroupId) -> Option<&Log> {
        self.logs.get(id)
    }

    /// Changes a group's held log and stores it; `None` if the group has no log. A refused
    /// operation leaves the log as it was (the log checks before it takes anything). What
    /// another process stored meanwhile is taken in first, under the store's write lock, so
    /// that neither process's operations are lost.
    pub(crate) fn update_log<T>(
        &mut self,
        id: &GroupId,
        change: impl FnOnce(&mut Log) -> Result<T>,
    ) -> Result<Option<T>> {
        if self.log(id)?.is_none() {
            return Ok(None);
        }
        let Some(log) = self.logs.get_mut(id) else {
            return Ok(None);
        };
        let heads = log.heads();
        let value = self.store.update_authority(id.as_str(), |stored| {
            if let Some(bytes) = stored {
                take_stored(id, log, &bytes)?;
            }
            let value = change(log)?;
            Ok::<_, AppError>((log.to_bytes(), value))
        })?;
        if log.heads() != heads {
            self.logs_changed.insert(id.clone());
            self.guard(id)?;
        }
        Ok(Some(value))
    }

    /// Stores a group's membership log whole, and keeps it.
    pub(crate) fn store_log(&mut self, id: &GroupId, log: Log) -> Result<()> {
        self.store.set_authority(id.as_str(), &log.to_bytes())?;
        self.logs.insert(id.clone(), log);
        self.logs_changed.insert(id.clone());
        self.guard(id)
    }

    /// Takes into the held logs what other processes stored (an admin's `device revoke`
    /// beside `serve`). A log that cannot be read is left as held, and said once.
    pub(super) fn catch_up_logs(&mut self) {
        let held: Vec<GroupId> = self.logs.keys().cloned().collect();
        for id in held {
            if let Err(e) = self.catch_up_log(&id) {
                tracing::warn!(group = %id, code = e.code(), "outside log changes not read");
            }
        }
    }

    fn catch_up_log(&mut self, id: &GroupId) -> Result<()> {
        let (Some(bytes), Some(log)) = (self.store.authority(id.as_str())?, self.logs.get_mut(id))
        else {
            return Ok(());
        };
        let heads = log.heads();
        take_stored(id, log, &bytes)?;
        let changed = log.heads() != heads;
        if log.to_bytes() != bytes {
            // This process held operations the other one had not stored: keep both.
            self.update_log(id, |_| Ok(()))?;
        }
        if changed {
            self.logs_changed.insert(id.clone());
            self.guard(id)?;
        }
        Ok(())
    }

    /// The groups whose log changed since the last call (their peers should hear of it).
    pub(crate) fn take_logs_changed(&mut self) -> Vec<GroupId> {
        std::mem::take(&mut self.logs_changed).into_iter().collect()
    }
}

/// Takes into `log` the operations a stored log holds that it lacks.
fn take_stored(id: &GroupId, log: &mut Log, bytes: &[u8]) -> Result<()> {
    if bytes == log.to_bytes() {
        return Ok(());
    }
    let stored = Log::from_bytes(bytes).map_err(|source| AppError::MembershipLog {
        group: id.clone(),
        source,
    })?;
    let heads = log.heads();
    log.receive_all(stored.ops_missing_for(&heads).into_iter().cloned());
    Ok(())
}
