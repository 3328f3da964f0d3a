//! Creating, listing and showing groups.

use comptoir_export::sort_key;
use comptoir_model::{Coordinates, DeviceRole, Group, GroupDoc, GroupId, GroupKind, Profile};
use serde::Serialize;

use crate::{App, Result};

/// What a facilitator types to create a group.
#[derive(Debug, Clone)]
pub struct NewGroup {
    pub name: String,
    pub kind: GroupKind,
    pub town: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
    pub venue: Option<String>,
    pub address: Option<String>,
    /// Latitude and longitude.
    pub coordinates: Option<(f64, f64)>,
    pub description: Option<String>,
}

/// A line of the group list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupSummary {
    pub id: GroupId,
    pub name: String,
    pub kind: GroupKind,
    pub town: Option<String>,
    pub country: Option<String>,
    pub members: usize,
    pub events: usize,
    pub notes: usize,
}

impl App {
    /// Creates a group on this device.
    pub fn create_group(&mut self, new: NewGroup) -> Result<Group> {
        let mut profile = Profile::new(&new.name, new.kind)?;
        profile.town = clean(new.town);
        profile.postal_code = clean(new.postal_code);
        profile.country = clean(new.country);
        profile.venue = clean(new.venue);
        profile.address = clean(new.address);
        profile.description = clean(new.description);
        profile.coordinates = new
            .coordinates
            .map(|(lat, lon)| Coordinates::new(lat, lon))
            .transpose()?;
        let id = GroupId::from_random(rand::random());
        let mut doc = GroupDoc::create(id, profile, self.actor())?;
        // The creating device is the group's first facilitator device.
        let me = self.peer_id().to_base58();
        doc.grant_device(&me, DeviceRole::Facilitator, None, &me, self.today())?;
        let snapshot = doc.save();
        self.store().create(doc.id().as_str(), &snapshot)?;
        tracing::info!(group = %doc.id(), "group created");
        Ok(doc.group()?)
    }

    /// Every group on this device.
    pub fn groups(&self) -> Result<Vec<GroupSummary>> {
        let mut out = Vec::new();
        for id in self.store().documents()? {
            let doc = self.load(&GroupId::new(id))?;
            let profile = doc.profile()?;
            out.push(GroupSummary {
                id: doc.id().clone(),
                name: profile.name,
                kind: profile.kind,
                town: profile.town,
                country: profile.country,
                members: doc.members()?.len(),
                events: doc.events()?.len(),
                notes: doc.notes()?.len(),
            });
        }
        out.sort_by_cached_key(|item| sort_key(&item.name));
        Ok(out)
    }

    /// Everything a group holds.
    pub fn group(&self, group: &str) -> Result<Group> {
        Ok(self.read(group)?.group()?)
    }
}

fn clean(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}
