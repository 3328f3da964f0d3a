//! A group's profile: who the group is, where it meets and how it works.

use autosurgeon::{Hydrate, Reconcile};
use chrono_tz::Tz;
use serde::Serialize;

use crate::codec::vocabulary;
use crate::text::{country_code, entries, optional, required};
use crate::{MemberId, ModelError, Result};

vocabulary! {
    /// What sort of group this is.
    GroupKind: "group kind" {
        Bistrot = "bistrot",
        CentreSocial = "centre-social" | "centre_social",
        Association = "association",
        Federation = "federation" | "fédération",
    }
}

/// Where a group meets, for the network's map.
#[derive(Debug, Clone, Copy, PartialEq, Reconcile, Hydrate, Serialize)]
pub struct Coordinates {
    pub lat: f64,
    pub lon: f64,
}

impl Coordinates {
    /// Checks that the point exists on Earth.
    pub fn new(lat: f64, lon: f64) -> Result<Self> {
        if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) {
            Ok(Self { lat, lon })
        } else {
            Err(ModelError::InvalidCoordinates { lat, lon })
        }
    }
}

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

/// A group's profile as its Paramètres form sends it: every field, blank meaning "not given".
/// Coordinates and correspondents are kept as they are.
#[derive(Debug, Clone)]
pub struct ProfileChanges {
    pub name: String,
    pub kind: GroupKind,
    pub town: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub description: Option<String>,
    pub how_it_works: Option<String>,
    /// Reference links, one per entry; blank entries are dropped.
    pub links: Vec<String>,
}

/// The profile of a group, stored under `profile` in its document.
#[derive(Debug, Clone, PartialEq, Reconcile, Hydrate, Serialize)]
pub struct Profile {
    pub name: String,
    pub kind: GroupKind,
    pub town: Option<String>,
    pub postal_code: Option<String>,
    /// ISO 3166 alpha-2 code, upper case (`BE`, `FR`).
    pub country: Option<String>,
    /// The usual venue, e.g. a café's name.
    pub venue: Option<String>,
    pub address: Option<String>,
    pub coordinates: Option<Coordinates>,
    pub description: Option<String>,
    pub how_it_works: Option<String>,
    /// Reference links, e.g. a manifesto.
    pub links: Vec<String>,
    /// Members who are the group's contact persons.
    pub correspondents: Vec<MemberId>,
}

impl Profile {
    /// A profile with only a name and a kind.
    pub fn new(name: &str, kind: GroupKind) -> Result<Self> {
        Ok(Self {
            name: required("name", name)?,
            kind,
            town: None,
            postal_code: None,
            country: None,
            venue: None,
            address: None,
            coordinates: None,
            description: None,
            how_it_works: None,
            links: Vec::new(),
            correspondents: Vec::new(),
        })
    }

    /// The profile of a new group, every field tidied and checked (a blank one meaning "not
    /// given").
    pub fn from_new(new: NewGroup) -> Result<Self> {
        let mut profile = Self::new(&new.name, new.kind)?;
        profile.town = new.town;
        profile.postal_code = new.postal_code;
        profile.country = optional(new.country);
        profile.venue = new.venue;
        profile.address = new.address;
        profile.description = new.description;
        profile.coordinates = new
            .coordinates
            .map(|(lat, lon)| Coordinates::new(lat, lon))
            .transpose()?;
        profile.validate()?;
        Ok(profile)
    }

    /// Replaces the fields the Paramètres form shows, a blank one meaning "not given";
    /// [`Profile::validate`] (which [`crate::GroupDoc::update_profile`] runs before writing)
    /// tidies and checks them.
    pub fn apply(&mut self, changes: ProfileChanges) {
        self.name = changes.name;
        self.kind = changes.kind;
        self.town = changes.town;
        self.postal_code = changes.postal_code;
        self.country = optional(changes.country);
        self.venue = changes.venue;
        self.address = changes.address;
        self.description = changes.description;
        self.how_it_works = changes.how_it_works;
        self.links = changes.links;
    }

    /// Tidies every text field (see [`crate::text`]) and checks every field; called before
    /// anything is written.
    pub fn validate(&mut self) -> Result<()> {
        self.name = required("name", &self.name)?;
        for field in [
            &mut self.town,
            &mut self.postal_code,
            &mut self.venue,
            &mut self.address,
            &mut self.description,
            &mut self.how_it_works,
        ] {
            *field = optional(field.take());
        }
        if let Some(country) = &self.country {
            self.country = Some(country_code(country)?);
        }
        if let Some(c) = self.coordinates {
            Coordinates::new(c.lat, c.lon)?;
        }
        self.links = entries(std::mem::take(&mut self.links));
        for link in &self.links {
            check_link(link)?;
        }
        Ok(())
    }

    /// The zone events default to, from the group's country.
    pub fn default_zone(&self) -> Result<Tz> {
        let zone = match self.country.as_deref() {
            Some("BE") => Tz::Europe__Brussels,
            Some("FR") => Tz::Europe__Paris,
            Some("LU") => Tz::Europe__Luxembourg,
            Some("CH") => Tz::Europe__Zurich,
            Some("MC") => Tz::Europe__Monaco,
            other => {
                return Err(ModelError::NoDefaultZone {
                    country: other.map(str::to_string),
                });
            }
        };
        Ok(zone)
    }
}

/// Accepts web links only: a link is something a facilitator clicks.
pub(crate) fn check_link(link: &str) -> Result<()> {
    let ok = ["https://", "http://"]
        .iter()
        .any(|scheme| link.len() > scheme.len() && link.starts_with(scheme))
        && !link.contains(char::is_whitespace);
    if ok {
        Ok(())
    } else {
        Err(ModelError::InvalidLink(link.to_string()))
    }
}
