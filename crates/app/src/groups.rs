//! Creating, listing and showing groups.

use comptoir_model::collation;
use comptoir_model::{
    DeviceRole, Group, GroupDoc, GroupId, GroupKind, NewGroup, Profile, ProfileChanges,
};
use serde::Serialize;

use crate::{App, Result};

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

/// A stored group that could not be read: the others work as usual.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DamagedGroup {
    pub id: GroupId,
    /// Why, for the person (no personal data: the group's content was not read).
    pub reason: String,
}

impl App {
    /// Creates a group on this device.
    pub fn create_group(&mut self, new: NewGroup) -> Result<Group> {
        let profile = Profile::from_new(new)?;
        let id = GroupId::from_random(rand::random());
        let mut doc = GroupDoc::create(id, profile, self.actor())?;
        // The creating device is the group's first facilitator device.
        let me = self.peer_id().to_base58();
        doc.grant_device(&me, DeviceRole::Facilitator, None, &me, self.today())?;
        let group = doc.group()?;
        self.repo().create(doc)?;
        self.start_log(&group.id, false)?;
        tracing::info!(group = %group.id, "group created");
        Ok(group)
    }

    /// Every group on this device that can be read (see [`App::damaged_groups`] for the
    /// others).
    pub fn groups(&mut self) -> Result<Vec<GroupSummary>> {
        let mut out = Vec::new();
        for id in self.repo().ids()? {
            let Some(doc) = self.repo().get_readable(&id)? else {
                continue;
            };
            let profile = doc.profile()?;
            let counts = doc.counts()?;
            out.push(GroupSummary {
                id: doc.id().clone(),
                name: profile.name,
                kind: profile.kind,
                town: profile.town,
                country: profile.country,
                members: counts.members,
                events: counts.events,
                notes: counts.notes,
            });
        }
        collation::sort_by_name(&mut out, |item| &item.name);
        Ok(out)
    }

    /// The groups of this device that could not be read, with why (after [`App::groups`] or
    /// [`App::status`] looked at every group).
    pub fn damaged_groups(&self) -> Vec<DamagedGroup> {
        self.repo_ref()
            .damaged()
            .iter()
            .map(|(id, damage)| DamagedGroup {
                id: id.clone(),
                reason: damage.reason.clone(),
            })
            .collect()
    }

    /// Everything a group holds.
    pub fn group(&mut self, group: &str) -> Result<Group> {
        Ok(self.read(group)?.group()?)
    }

    /// A group's id and profile, without reading its members, events and notes.
    pub fn profile(&mut self, group: &str) -> Result<(GroupId, Profile)> {
        let doc = self.read(group)?;
        Ok((doc.id().clone(), doc.profile()?))
    }
}

// ----- Changing a group's profile -----

impl App {
    /// Replaces a group's profile fields. Everything is checked before anything is written,
    /// and only the fields that changed are written, so that another device's edit of another
    /// field merges with this one.
    pub fn update_profile(&mut self, group: &str, changes: ProfileChanges) -> Result<Profile> {
        self.edit(group, |doc| {
            Ok(doc.update_profile(|profile| {
                profile.apply(changes);
                Ok(())
            })?)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ErrorKind, test_support};

    fn bistrot(app: &mut App) -> Result<Group> {
        app.create_group(test_support::bistrot(
            "Bistrot du Social de Dampremy",
            Some("Dampremy"),
        ))
    }

    fn update() -> ProfileChanges {
        ProfileChanges {
            name: "  Bistrot du Social de Charleroi ".into(),
            kind: GroupKind::Bistrot,
            town: Some("Charleroi".into()),
            postal_code: Some("6000".into()),
            country: Some("be".into()),
            venue: Some("Café de la Gare".into()),
            address: Some(" ".into()),
            description: None,
            how_it_works: Some("Un thème par mois, tour de parole.".into()),
            links: vec!["https://example.org/manifeste".into(), "".into()],
        }
    }

    #[test]
    fn a_profile_is_updated_and_checked_first()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        // 1. A facilitator renames the group and fills in how it works.
        let dir = tempfile::tempdir()?;
        let mut app = App::open(dir.path())?;
        let group = bistrot(&mut app)?;
        let id = group.id.to_string();
        let profile = app.update_profile(&id, update())?;
        assert_eq!(profile.name, "Bistrot du Social de Charleroi");
        assert_eq!(profile.country.as_deref(), Some("BE"));
        assert_eq!(profile.address, None);
        assert_eq!(profile.links, ["https://example.org/manifeste"]);

        // 2. It is stored: a fresh read shows it.
        let stored = App::open(dir.path())?.group(&id)?.profile;
        assert_eq!(stored, profile);

        // 3. A blank name, a country that is not one, a link that is not one: refused, and
        //    nothing changes.
        for bad in [
            ProfileChanges {
                name: " ".into(),
                ..update()
            },
            ProfileChanges {
                country: Some("Belgique".into()),
                ..update()
            },
            ProfileChanges {
                links: vec!["example.org".into()],
                ..update()
            },
        ] {
            let refused = app.update_profile(&id, bad);
            assert_eq!(
                refused.map(|_| ()).map_err(|e| e.kind()),
                Err(ErrorKind::InvalidInput)
            );
        }
        assert_eq!(app.group(&id)?.profile, profile);
        Ok(())
    }
}
