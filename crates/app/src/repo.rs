//! The groups of one data directory: the store, one in-memory copy of each open group, and the
//! one write path every writer goes through ([`Repo::commit`]).
//!
//! A group is read from the store once, when it is first asked for; afterwards reads are served
//! from memory. Every change, whoever makes it (a command, a peer, an invitation, an import),
//! is appended by the same code, which counts what piled up and compacts. Writes by other
//! processes on the same data directory (the CLI beside the app) are noticed by
//! [`Repo::refresh`], which reads only what those processes appended.

pub(crate) mod authors;
mod compaction;
mod logs;
mod seals;

use std::collections::{BTreeMap, BTreeSet};

use comptoir_model::{ActorId, GroupDoc, GroupId};
use comptoir_store::{Store, Usage};
use comptoir_sync::Docs;
use ed25519_dalek::SigningKey;

use crate::writer::Writer;
use crate::{AppError, ErrorKind, Result};
use seals::seal_rows;

pub use compaction::{Compaction, Encoded};

/// Compact a group once this many changes have piled up outside its snapshot.
pub const COMPACT_AFTER: u64 = 64;

/// The groups of one data directory, each read once and kept.
#[derive(Debug)]
pub struct Repo {
    store: Store,
    /// The actor this process writes with, leased so that two processes on the same data
    /// directory never produce clashing changes (see [`crate::writer`]).
    writer: Writer,
    /// The device key, which registers the writer's actor in each group's log.
    key: SigningKey,
    /// The open groups: the only copy in this process.
    docs: Docs,
    /// What of the store each open group has read.
    seen: BTreeMap<GroupId, Seen>,
    /// Groups that could not be read, with why; every other group works as usual.
    damaged: BTreeMap<GroupId, Damage>,
    /// SQLite's count of other connections' commits when last looked at.
    data_version: i64,
    /// Groups committed or caught up since [`Repo::take_changed`] was last called.
    changed: BTreeSet<GroupId>,
    /// Whether compactions are left to the owner (a running node saves the snapshot beside
    /// its pump, see [`Repo::start_compaction`]) instead of made inside the write.
    deferred: bool,
    /// Groups due for compaction, when compactions are deferred.
    due: BTreeSet<GroupId>,
    /// The membership logs read so far (see [`crate::membership`]).
    logs: BTreeMap<GroupId, comptoir_authority::Log>,
    /// Groups whose log changed since [`Repo::take_logs_changed`] was last called.
    logs_changed: BTreeSet<GroupId>,
    /// Groups rebuilt without changes their log refuses (see [`Repo::take_rebuilt`]).
    rebuilt: BTreeSet<GroupId>,
    /// Groups this process wrote to before their log arrived: its actor is registered then.
    unregistered: BTreeSet<GroupId>,
}

/// Why a group could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    pub kind: ErrorKind,
    pub reason: String,
}

/// The part of a stored group an open copy holds: the compaction generation it read, and the
/// last change it read in that generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seen {
    generation: i64,
    last_seq: i64,
    /// The last seal read from the store.
    seals_seq: i64,
}

impl Repo {
    pub(crate) fn new(store: Store, writer: Writer, key: SigningKey) -> Result<Self> {
        let data_version = store.data_version()?;
        Ok(Self {
            store,
            writer,
            key,
            docs: Docs::new(),
            seen: BTreeMap::new(),
            damaged: BTreeMap::new(),
            data_version,
            changed: BTreeSet::new(),
            deferred: false,
            due: BTreeSet::new(),
            logs: BTreeMap::new(),
            logs_changed: BTreeSet::new(),
            rebuilt: BTreeSet::new(),
            unregistered: BTreeSet::new(),
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn actor(&self) -> &ActorId {
        self.writer.actor()
    }

    /// Every stored group, readable or not.
    pub fn ids(&self) -> Result<Vec<GroupId>> {
        Ok(self
            .store
            .documents()?
            .into_iter()
            .map(GroupId::new)
            .collect())
    }

    /// Opens every stored group that is not open yet. A group that cannot be read is set
    /// aside ([`Repo::damaged`]) and the others open as usual.
    pub fn open_all(&mut self) -> Result<Vec<GroupId>> {
        let mut opened = Vec::new();
        for id in self.ids()? {
            if self.docs.contains_key(&id) || self.damaged.contains_key(&id) {
                continue;
            }
            match self.open(&id) {
                Ok(()) => opened.push(id),
                Err(e) => {
                    self.set_aside(&id, &e);
                }
            }
        }
        Ok(opened)
    }

    /// The groups that could not be read, with why.
    pub fn damaged(&self) -> &BTreeMap<GroupId, Damage> {
        &self.damaged
    }

    /// A group, read from the store the first time.
    pub fn get(&mut self, id: &GroupId) -> Result<&GroupDoc> {
        Ok(self.get_mut(id)?)
    }

    /// A group, or `None` if it cannot be read (it is then set aside, see [`Repo::damaged`]):
    /// for lists, which go on with the other groups.
    pub fn get_readable(&mut self, id: &GroupId) -> Result<Option<&GroupDoc>> {
        if let Err(e) = self.get_mut(id) {
            return if self.damaged.contains_key(id) {
                Ok(None)
            } else {
                Err(e)
            };
        }
        Ok(self.docs.get(id))
    }

    /// A group to change; [`Repo::commit`] then stores the change. Prefer [`Repo::edit`].
    pub(crate) fn get_mut(&mut self, id: &GroupId) -> Result<&mut GroupDoc> {
        if !self.docs.contains_key(id) {
            if let Some(damage) = self.damaged.get(id) {
                return Err(damage.error(id));
            }
            if let Err(e) = self.open(id) {
                if !self.store.contains(id.as_str())? {
                    return Err(e);
                }
                let damage = self.set_aside(id, &e);
                return Err(damage.error(id));
            }
        }
        self.docs.get_mut(id).ok_or_else(|| AppError::NotFound {
            what: "group",
            query: id.to_string(),
        })
    }

    /// Applies `change` to a group and stores it. A change that fails leaves the group as
    /// stored.
    pub fn edit<T>(
        &mut self,
        id: &GroupId,
        change: impl FnOnce(&mut GroupDoc) -> Result<T>,
    ) -> Result<T> {
        self.get_mut(id)?;
        self.register_writer(id)?;
        let doc = self.get_mut(id)?;
        doc.set_time(crate::devices::unix_now());
        let before = doc.heads();
        match change(doc) {
            Ok(out) => {
                self.commit(id)?;
                Ok(out)
            }
            Err(e) => {
                // The model rolls back a write it refuses; a change made of several writes may
                // have kept the first ones: read the group again as stored.
                if self
                    .docs
                    .get_mut(id)
                    .is_some_and(|doc| doc.heads() != before)
                {
                    self.forget(id);
                    self.open(id)?;
                }
                Err(e)
            }
        }
    }

    /// Adds a new group (created here or imported) and stores it.
    pub fn create(&mut self, doc: GroupDoc) -> Result<()> {
        let id = doc.id().clone();
        if self.docs.contains_key(&id) || self.store.contains(id.as_str())? {
            return Err(comptoir_store::StoreError::DocumentExists(id.to_string()).into());
        }
        self.docs.insert(id.clone(), doc);
        self.commit(&id)
    }

    /// Stores what a group holds and the store does not: the one write path. A group not
    /// stored yet is stored whole; otherwise its new changes are appended, and once enough
    /// have piled up the group is compacted. Peers allowed to sync it should then hear of it
    /// (see [`Repo::take_changed`]).
    pub fn commit(&mut self, id: &GroupId) -> Result<()> {
        if self.persist(id)? {
            self.changed.insert(id.clone());
        }
        Ok(())
    }

    /// Stores changes the sync engine applied (they came from a peer, which has them: they are
    /// not reported by [`Repo::take_changed`]).
    pub(crate) fn store_received(&mut self, id: &GroupId) -> Result<()> {
        self.persist(id).map(|_| ())
    }

    /// Returns whether anything was written.
    fn persist(&mut self, id: &GroupId) -> Result<bool> {
        let doc = self.docs.get_mut(id).ok_or_else(|| AppError::NotFound {
            what: "group",
            query: id.to_string(),
        })?;
        if !self.seen.contains_key(id) {
            // A group that arrived by invitation was received by a document of the engine's:
            // from now on this process writes it, with its own actor.
            doc.set_actor(self.writer.actor().clone());
            let snapshot = doc.save();
            doc.take_unsaved();
            self.store.create(id.as_str(), &snapshot)?;
            self.seen.insert(
                id.clone(),
                Seen {
                    generation: 0,
                    last_seq: 0,
                    seals_seq: 0,
                },
            );
            tracing::debug!(group = %id, "group stored");
            self.guard(id)?;
            self.seal_own_history(id);
            self.store_seals(id)?;
            return Ok(true);
        }
        self.seal_new(id);
        let Some(doc) = self.docs.get_mut(id) else {
            return Ok(false);
        };
        let changes = doc.take_unsaved();
        let seals = seal_rows(doc.take_unsaved_seals());
        let Some(seen) = self.seen.get_mut(id) else {
            return Ok(false);
        };
        // The changes and their seals in one transaction.
        let Some(appended) =
            self.store
                .append_sealed(id.as_str(), &changes, &seals, seen.last_seq)?
        else {
            return Ok(false);
        };
        if !appended.others {
            // Nothing but this change since the last read: no need to read it back.
            seen.last_seq = appended.seq;
        }
        if appended.pending >= COMPACT_AFTER {
            if self.deferred {
                self.due.insert(id.clone());
            } else {
                self.compact(id)?;
            }
        }
        Ok(true)
    }

    /// Folds a group's changes into one snapshot. Another process compacting at the same time
    /// wins; nothing is lost either way.
    pub fn compact(&mut self, id: &GroupId) -> Result<()> {
        // The snapshot must hold every change it replaces, including other processes' ones.
        self.catch_up(id)?;
        let (Some(doc), Some(seen)) = (self.docs.get_mut(id), self.seen.get_mut(id)) else {
            return Ok(());
        };
        let snapshot = doc.save();
        let done = self
            .store
            .compact(id.as_str(), &snapshot, seen.generation, seen.last_seq)?;
        if done {
            seen.generation += 1;
        }
        tracing::debug!(group = %id, done, "compacted");
        Ok(())
    }

    /// Groups changed by this process (committed) or by another one (caught up by
    /// [`Repo::refresh`]) since the last call.
    pub fn take_changed(&mut self) -> BTreeSet<GroupId> {
        std::mem::take(&mut self.changed)
    }

    /// Reads what other processes wrote since the last look: the changes they appended to
    /// open groups, and the groups they created. Cheap when nothing was written (one query).
    /// Returns the groups that changed. Opens every stored group.
    pub fn refresh(&mut self) -> Result<Vec<GroupId>> {
        let version = self.store.data_version()?;
        if version == self.data_version {
            return Ok(Vec::new());
        }
        self.data_version = version;
        let mut changed = Vec::new();
        let open: Vec<GroupId> = self.seen.keys().cloned().collect();
        for id in open {
            match self.catch_up(&id) {
                Ok(true) => changed.push(id),
                Ok(false) => {}
                Err(e) => tracing::warn!(group = %id, code = e.code(), "outside changes not read"),
            }
        }
        self.catch_up_logs();
        changed.extend(self.open_all()?);
        self.changed.extend(changed.iter().cloned());
        Ok(changed)
    }

    /// Brings an open group up to date with the store; returns whether it changed.
    fn catch_up(&mut self, id: &GroupId) -> Result<bool> {
        // The seals first: what another process stored is checked with them.
        self.read_seals(id)?;
        let (Some(doc), Some(seen)) = (self.docs.get_mut(id), self.seen.get_mut(id)) else {
            return Ok(false);
        };
        let appended = self.store.appended_since(id.as_str(), seen.last_seq)?;
        let before = doc.heads();
        if appended.generation != seen.generation {
            // Another process compacted: what we had not read may be in its snapshot only.
            let stored = self.store.load(id.as_str())?;
            let mut theirs = GroupDoc::load(
                &concat(&stored.snapshot, &stored.changes),
                self.writer.actor().clone(),
            )?;
            doc.merge(&mut theirs)?;
            *seen = Seen {
                generation: stored.generation,
                last_seq: stored.last_seq,
                seals_seq: seen.seals_seq,
            };
        } else if let Some((last, _)) = appended.changes.last() {
            let last = *last;
            let bytes: Vec<u8> = appended.changes.into_iter().flat_map(|(_, b)| b).collect();
            doc.load_incremental(&bytes)?;
            seen.last_seq = last;
        }
        // What came from the store is stored already.
        doc.take_unsaved();
        Ok(doc.heads() != before)
    }

    /// How much of the store a group takes.
    pub fn usage(&self, id: &GroupId) -> Result<Usage> {
        Ok(self.store.usage(id.as_str())?)
    }

    /// The open groups, lent to the sync engine.
    pub(crate) fn docs_mut(&mut self) -> &mut Docs {
        &mut self.docs
    }

    /// The open groups.
    pub fn docs(&self) -> &Docs {
        &self.docs
    }

    fn open(&mut self, id: &GroupId) -> Result<()> {
        let stored = self.store.load(id.as_str())?;
        let doc = GroupDoc::load(
            &concat(&stored.snapshot, &stored.changes),
            self.writer.actor().clone(),
        )?;
        if doc.id() != id {
            return Err(AppError::WrongDocument { group: id.clone() });
        }
        self.docs.insert(id.clone(), doc);
        self.seen.insert(
            id.clone(),
            Seen {
                generation: stored.generation,
                last_seq: stored.last_seq,
                seals_seq: 0,
            },
        );
        self.read_seals(id)?;
        // The gate follows the log from the first read on.
        if self.logs.contains_key(id) {
            self.guard(id)?;
        } else {
            self.log(id)?;
        }
        self.seal_own_history(id);
        self.store_seals(id)?;
        Ok(())
    }

    fn forget(&mut self, id: &GroupId) {
        self.docs.remove(id);
        self.seen.remove(id);
    }

    fn set_aside(&mut self, id: &GroupId, error: &AppError) -> Damage {
        tracing::warn!(group = %id, code = error.code(), "a group could not be read; the others work as usual");
        let damage = Damage {
            kind: error.kind(),
            reason: error.to_string(),
        };
        self.damaged.insert(id.clone(), damage.clone());
        damage
    }
}

impl Damage {
    fn error(&self, group: &GroupId) -> AppError {
        AppError::Damaged {
            group: group.clone(),
            reason: self.reason.clone(),
            cause: self.kind,
        }
    }
}

fn concat(snapshot: &[u8], changes: &[Vec<u8>]) -> Vec<u8> {
    let mut bytes = snapshot.to_vec();
    for change in changes {
        bytes.extend_from_slice(change);
    }
    bytes
}
