//! The application handle: one data directory, its groups ([`Repo`]) and this device's key.

use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDate};
use comptoir_authority::DeviceId;
use comptoir_model::{ActorId, Date, GroupDoc, GroupId};
use comptoir_store::Store;
use libp2p_identity::{Keypair, PeerId};

use crate::identity;
use crate::repo::Repo;
use crate::resolve::resolve;
use crate::writer::Writer;
use crate::{AppError, Result};

/// Comptoir on one data directory.
#[derive(Debug)]
pub struct App {
    repo: Repo,
    data_dir: PathBuf,
    /// This installation's device key (its libp2p identity).
    keypair: Keypair,
}

impl App {
    /// Opens (creating if needed) the data directory. Groups are read when first asked for.
    pub fn open(data_dir: &Path) -> Result<Self> {
        let store = Store::open(data_dir)?;
        let keypair = identity::load_or_create(data_dir)?;
        let key = identity::signing_key(&keypair)?;
        let writer = Writer::lease(data_dir, &DeviceId::from(&key))?;
        Ok(Self {
            repo: Repo::new(store, writer, key)?,
            data_dir: data_dir.to_path_buf(),
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

    /// The groups of this data directory.
    pub fn repo(&mut self) -> &mut Repo {
        &mut self.repo
    }

    pub(crate) fn repo_ref(&self) -> &Repo {
        &self.repo
    }

    /// Today's date on this computer.
    pub(crate) fn today(&self) -> Date {
        Date(Local::now().date_naive())
    }

    pub(crate) fn today_naive(&self) -> NaiveDate {
        Local::now().date_naive()
    }

    pub(crate) fn actor(&self) -> ActorId {
        self.repo.actor().clone()
    }

    pub(crate) fn store(&self) -> &Store {
        self.repo.store()
    }

    /// Finds a stored group by id, id prefix or name. Groups that cannot be read are found by
    /// id only.
    pub fn resolve_group(&mut self, query: &str) -> Result<GroupId> {
        let query = query.trim();
        if self.store().contains(query)? {
            return Ok(GroupId::new(query));
        }
        let ids = self.repo.ids()?;
        if let Ok(found) = resolve("group", query, ids.iter().map(|id| (id.as_str(), ""))) {
            return Ok(GroupId::new(found));
        }
        let mut named = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(doc) = self.repo.get_readable(&id)? {
                named.push((id, doc.profile()?.name));
            }
        }
        let found = resolve(
            "group",
            query,
            named.iter().map(|(id, name)| (id.as_str(), name.as_str())),
        )?;
        Ok(GroupId::new(found))
    }

    /// Reads a group, found by id, id prefix or name.
    pub(crate) fn read(&mut self, group: &str) -> Result<&GroupDoc> {
        let id = self.resolve_group(group)?;
        self.repo.get(&id)
    }

    /// A group found by id, id prefix or name, to read with `&mut` access (saving it).
    pub(crate) fn read_mut(&mut self, group: &str) -> Result<&mut GroupDoc> {
        let id = self.resolve_group(group)?;
        self.repo.get_mut(&id)
    }

    /// Applies `change` to a group found by id, id prefix or name, and stores it before
    /// returning.
    pub(crate) fn edit<T>(
        &mut self,
        group: &str,
        change: impl FnOnce(&mut GroupDoc) -> Result<T>,
    ) -> Result<T> {
        let id = self.resolve_group(group)?;
        self.repo.edit(&id, change)
    }
}
