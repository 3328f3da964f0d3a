//! A group's profile: who the group is, where it meets and how it works.

use autosurgeon::{Hydrate, Reconcile};
use chrono_tz::Tz;
use serde::Serialize;

use crate::codec::vocabulary;
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

    /// Checks every field; called before anything is written.
    pub fn validate(&mut self) -> Result<()> {
        self.name = required("name", &self.name)?;
        if let Some(country) = &self.country {
            self.country = Some(country_code(country)?);
        }
        if let Some(c) = self.coordinates {
            Coordinates::new(c.lat, c.lon)?;
        }
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

/// Trims a required text field, refusing an empty one.
pub(crate) fn required(field: &'static str, value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        Err(ModelError::EmptyField { field })
    } else {
        Ok(value.to_string())
    }
}

/// Trims an optional text field; blank becomes absent.
pub(crate) fn optional(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

fn country_code(value: &str) -> Result<String> {
    let code = value.trim().to_ascii_uppercase();
    if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err(ModelError::InvalidCountry(value.to_string()))
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
