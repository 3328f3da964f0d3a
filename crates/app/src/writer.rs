//! Which Automerge actor this process writes with.
//!
//! Two processes on one data directory (the app and a CLI command beside it) must never write
//! with the same actor, yet a device should not need a new actor per command: each actor is
//! registered once in each group's membership log (`RegisterActor`), and a fresh one per
//! command would fill the log. So actors are *leased*: a process takes the lowest free writer
//! slot of its data directory, a lock file held for as long as it runs (the operating system
//! frees it when the process ends, even by a crash), and writes with the slot's actor, derived
//! from the device key. A device thus has one or two actors for its whole life. Automerge
//! continues a reused actor's sequence from the history the process read before it writes.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

use comptoir_authority::DeviceId;
use comptoir_model::ActorId;
use sha2::{Digest, Sha256};

use crate::{AppError, IoAction, Result};

/// The folder of the data directory that holds the slots' lock files.
const SLOTS_DIR: &str = "writers";

/// More processes than this writing at once on one data directory is a runaway script.
const MAX_SLOTS: u32 = 256;

/// A writer slot, held until dropped.
#[derive(Debug)]
pub(crate) struct Writer {
    actor: ActorId,
    /// Locked for as long as this value lives.
    _lock: File,
}

impl Writer {
    /// Takes the lowest free slot of `data_dir`.
    pub(crate) fn lease(data_dir: &Path, device: &DeviceId) -> Result<Self> {
        let io = |source| AppError::Io {
            action: IoAction::LeaseWriter,
            source,
        };
        let dir = data_dir.join(SLOTS_DIR);
        std::fs::create_dir_all(&dir).map_err(io)?;
        for slot in 0..MAX_SLOTS {
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(dir.join(format!("{slot}.lock")))
                .map_err(io)?;
            match file.try_lock() {
                Ok(()) => {
                    return Ok(Self {
                        actor: actor_of(device, slot),
                        _lock: file,
                    });
                }
                Err(TryLockError::WouldBlock) => continue,
                Err(TryLockError::Error(e)) => return Err(io(e)),
            }
        }
        Err(io(std::io::Error::other(format!(
            "all {MAX_SLOTS} writer slots are taken by running processes"
        ))))
    }

    pub(crate) fn actor(&self) -> &ActorId {
        &self.actor
    }
}

/// The actor a device (named by its peer id) writes with from its writer slot `slot`: what
/// its changes carry, for tools and tests that read them. `None` for a name that is not a
/// device's peer id.
pub fn actor_of_slot(peer: &str, slot: u32) -> Option<ActorId> {
    Some(actor_of(&peer.parse::<DeviceId>().ok()?, slot))
}

/// The actor of a device's slot: the same on every run, and nobody else's.
fn actor_of(device: &DeviceId, slot: u32) -> ActorId {
    let mut hasher = Sha256::new();
    hasher.update(b"comptoir-actor:");
    hasher.update(device.as_bytes());
    hasher.update(slot.to_be_bytes());
    ActorId::from(&hasher.finalize()[..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device() -> DeviceId {
        DeviceId::from(&ed25519_dalek::SigningKey::from_bytes(&[7; 32]))
    }

    #[test]
    fn two_writers_on_one_directory_write_with_different_actors() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let first = Writer::lease(dir.path(), &device()).expect("a slot");
        let second = Writer::lease(dir.path(), &device()).expect("another slot");
        assert_ne!(first.actor(), second.actor());
    }

    #[test]
    fn a_freed_slot_is_taken_again_with_its_actor() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let first = Writer::lease(dir.path(), &device()).expect("a slot");
        let actor = first.actor().clone();
        drop(first);
        let again = Writer::lease(dir.path(), &device()).expect("the same slot");
        assert_eq!(again.actor(), &actor);
    }
}
