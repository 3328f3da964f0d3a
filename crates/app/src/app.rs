//! The application handle: one data directory, its store, and the load → change → persist
//! cycle every operation goes through.

use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDate};
use comptoir_model::{ActorId, Date, GroupDoc, GroupId};
use comptoir_store::Store;
use libp2p_identity::{Keypair, PeerId};

use crate::identity;
use crate::resolve::resolve;
use crate::{AppError, Result};

/// Compact a group once this many change chunks have piled up since its snapshot.
const COMPACT_AFTER: u64 = 64;

/// Comptoir on one data directory.
#[derive(Debug)]
pub struct App {
    store: Store,
    data_dir: PathBuf,
    /// Writes of this process are made by one fresh actor, so that two processes on the same
    /// data directory never produce clashing changes.
    actor: ActorId,
    /// This installation's device key (its libp2p identity).
    keypair: Keypair,
}

impl App {
    /// Opens (creating if needed) the data directory.
    pub fn open(data_dir: &Path) -> Result<Self> {
        let store = Store::open(data_dir)?;
        let keypair = identity::load_or_create(data_dir)?;
        Ok(Self {
            store,
            data_dir: data_dir.to_path_buf(),
            actor: ActorId::random(),
            keypair,
        })
    }

    /// The platform's data directory for Comptoir (e.g. `~/.local/share/comptoir`).
    pub fn default_data_dir() -> Result<PathBuf> {
        directories::ProjectDirs::from("org", "Comptoir", "comptoir")
            .map(|dirs| dirs.data_dir().to_path_buf())
            .ok_or(AppError::NoDataDir)
    }

    /// This device's peer id, as listed in groups' access lists.
    pub fn peer_id(&self) -> PeerId {
        PeerId::from(self.keypair.public())
    }

    /// This device's key, for the network layer.
    pub fn keypair(&self) -> &Keypair {
        &self.keypair
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Today's date on this computer.
    pub(crate) fn today(&self) -> Date {
        Date(Local::now().date_naive())
    }

    pub(crate) fn today_naive(&self) -> NaiveDate {
        Local::now().date_naive()
    }

    pub(crate) fn actor(&self) -> ActorId {
        self.actor.clone()
    }

    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    /// Finds a stored group by id, id prefix or name.
    pub fn resolve_group(&self, query: &str) -> Result<GroupId> {
        let query = query.trim();
        if self.store.contains(query)? {
            return Ok(GroupId::new(query));
        }
        let ids = self.store.documents()?;
        if let Ok(found) = resolve("group", query, ids.iter().map(|id| (id.as_str(), ""))) {
            return Ok(GroupId::new(found));
        }
        let mut named = Vec::with_capacity(ids.len());
        for id in &ids {
            let name = self.load(&GroupId::new(id.clone()))?.profile()?.name;
            named.push((id.clone(), name));
        }
        let found = resolve(
            "group",
            query,
            named.iter().map(|(id, name)| (id.as_str(), name.as_str())),
        )?;
        Ok(GroupId::new(found))
    }

    /// Reads a group, found by id, id prefix or name.
    pub(crate) fn read(&self, group: &str) -> Result<GroupDoc> {
        self.load(&self.resolve_group(group)?)
    }

    /// Reads a group's document as stored now.
    pub(crate) fn load(&self, id: &GroupId) -> Result<GroupDoc> {
        let stored = self.store.load(id.as_str())?;
        let mut bytes = stored.snapshot;
        for change in &stored.changes {
            bytes.extend_from_slice(change);
        }
        let doc = GroupDoc::load(&bytes, self.actor.clone())?;
        if doc.id() != id {
            return Err(AppError::WrongDocument { group: id.clone() });
        }
        Ok(doc)
    }

    /// Loads a group, applies `change`, and persists the new changes before returning.
    pub(crate) fn edit<T>(
        &mut self,
        group: &str,
        change: impl FnOnce(&mut GroupDoc) -> Result<T>,
    ) -> Result<T> {
        let id = self.resolve_group(group)?;
        let mut doc = self.load(&id)?;
        let out = change(&mut doc)?;
        self.persist(&mut doc)?;
        Ok(out)
    }

    /// Appends what `doc` has not saved yet, compacting when changes pile up.
    pub(crate) fn persist(&mut self, doc: &mut GroupDoc) -> Result<()> {
        let bytes = doc.take_unsaved();
        let id = doc.id().as_str().to_string();
        self.store.append(&id, &bytes)?;
        if self.store.pending_changes(&id)? >= COMPACT_AFTER {
            self.compact(&doc.id().clone())?;
        }
        Ok(())
    }

    /// Folds a group's changes into one snapshot. Another process compacting at the same time
    /// wins; nothing is lost either way.
    pub fn compact(&mut self, id: &GroupId) -> Result<()> {
        let stored = self.store.load(id.as_str())?;
        let mut bytes = stored.snapshot;
        for change in &stored.changes {
            bytes.extend_from_slice(change);
        }
        let mut doc = GroupDoc::load(&bytes, self.actor.clone())?;
        let done =
            self.store
                .compact(id.as_str(), &doc.save(), stored.generation, stored.last_seq)?;
        tracing::debug!(group = %id, done, "compacted");
        Ok(())
    }
}
