//! Groups as `group create`, `list` and `show` print them, and what `import` did.

use std::collections::BTreeMap;
use std::io::{self, Write};

use comptoir_app::{GroupSummary as Summary, Imported as DomainImported, model};
use serde::Serialize;

use super::devices::{Device, Revocation};
use super::events::Event;
use super::members::Member;
use super::notes::Note;
use super::{Human, ToOutput};

/// A line of `group list`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupSummary {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub town: Option<String>,
    pub country: Option<String>,
    pub members: usize,
    pub events: usize,
    pub notes: usize,
}

/// Everything about one group (`group create` and `group show`); maps are keyed by id.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub schema: u64,
    pub id: String,
    pub profile: Profile,
    pub members: BTreeMap<String, Member>,
    pub events: BTreeMap<String, Event>,
    pub notes: BTreeMap<String, Note>,
    /// Devices allowed to sync the group, by peer id.
    pub access: BTreeMap<String, Device>,
    /// Devices removed from future syncs, by peer id.
    pub revoked: BTreeMap<String, Revocation>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    pub name: String,
    pub kind: &'static str,
    pub town: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub coordinates: Option<Coordinates>,
    pub description: Option<String>,
    pub how_it_works: Option<String>,
    pub links: Vec<String>,
    /// Member ids.
    pub correspondents: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Coordinates {
    pub lat: f64,
    pub lon: f64,
}

/// What `import` did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Imported {
    pub id: String,
    pub name: String,
    /// `true` when the group was new on this device, `false` when it was merged.
    pub created: bool,
    /// Changes left out: written by devices that may not write the group.
    pub refused: usize,
}

impl ToOutput for Summary {
    type Output = GroupSummary;
    fn to_output(&self) -> GroupSummary {
        GroupSummary {
            id: self.id.to_string(),
            name: self.name.clone(),
            kind: self.kind.code(),
            town: self.town.clone(),
            country: self.country.clone(),
            members: self.members,
            events: self.events,
            notes: self.notes,
        }
    }
}

/// Each value of a map keyed by id, converted.
fn each<T: ToOutput>(map: &BTreeMap<String, T>) -> BTreeMap<String, T::Output> {
    map.iter()
        .map(|(k, v)| (k.clone(), v.to_output()))
        .collect()
}

impl ToOutput for model::Group {
    type Output = Group;
    fn to_output(&self) -> Group {
        Group {
            schema: self.schema,
            id: self.id.to_string(),
            profile: self.profile.to_output(),
            members: each(&self.members),
            events: each(&self.events),
            notes: each(&self.notes),
            access: each(&self.access),
            revoked: each(&self.revoked),
        }
    }
}

impl ToOutput for model::Profile {
    type Output = Profile;
    fn to_output(&self) -> Profile {
        Profile {
            name: self.name.clone(),
            kind: self.kind.code(),
            town: self.town.clone(),
            postal_code: self.postal_code.clone(),
            country: self.country.clone(),
            venue: self.venue.clone(),
            address: self.address.clone(),
            coordinates: self.coordinates.map(|c| Coordinates {
                lat: c.lat,
                lon: c.lon,
            }),
            description: self.description.clone(),
            how_it_works: self.how_it_works.clone(),
            links: self.links.clone(),
            correspondents: self.correspondents.iter().map(|m| m.to_string()).collect(),
        }
    }
}

impl ToOutput for DomainImported {
    type Output = Imported;
    fn to_output(&self) -> Imported {
        Imported {
            id: self.id.to_string(),
            name: self.name.clone(),
            created: self.created,
            refused: self.refused,
        }
    }
}

impl Human for GroupSummary {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "{}  {} ({}{}) — {} members, {} events, {} notes",
            self.id,
            self.name,
            self.kind,
            self.town
                .as_ref()
                .map(|t| format!(", {t}"))
                .unwrap_or_default(),
            self.members,
            self.events,
            self.notes
        )
    }
}

impl Human for Group {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let p = &self.profile;
        writeln!(out, "{}  ({})", p.name, p.kind)?;
        writeln!(out, "id: {}", self.id)?;
        let place: Vec<&str> = [&p.venue, &p.address, &p.postal_code, &p.town, &p.country]
            .into_iter()
            .filter_map(|v| v.as_deref())
            .collect();
        if !place.is_empty() {
            writeln!(out, "place: {}", place.join(", "))?;
        }
        if let Some(c) = p.coordinates {
            writeln!(out, "coordinates: {}, {}", c.lat, c.lon)?;
        }
        if let Some(d) = &p.description {
            writeln!(out, "description: {d}")?;
        }
        writeln!(
            out,
            "members: {}, events: {}, notes: {}",
            self.members.len(),
            self.events.len(),
            self.notes.len()
        )
    }
}

impl Human for Imported {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let what = if self.created {
            "imported"
        } else {
            "merged into the copy here"
        };
        writeln!(out, "{}  {} — {what}", self.id, self.name)?;
        if self.refused > 0 {
            writeln!(
                out,
                "{} change(s) left out: written by devices that may not write this group",
                self.refused
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use comptoir_app::model::{self, GroupId, GroupKind, Profile};
    use comptoir_app::{GroupSummary, Imported};
    use expect_test::expect;

    use super::super::{ToOutput, check, fixture};

    #[test]
    fn group_show() {
        // One member, event and note is enough here: each is snapshotted in full in its area.
        let mut group = fixture::group();
        group.members.retain(|id, _| id == fixture::JOEL);
        group.events.retain(|id, _| id == fixture::ASSEMBLY);
        check(
            &group.to_output(),
            expect![[r#"
                {
                  "schema": 1,
                  "id": "6d1f0c2b9a8e7d6c5b4a39281706f5e4",
                  "profile": {
                    "name": "Bistrot du Social de Fleurus",
                    "kind": "bistrot",
                    "town": "Fleurus",
                    "postal_code": "6220",
                    "country": "BE",
                    "venue": "Café de la Gare",
                    "address": "Rue de la Gare 1",
                    "coordinates": {
                      "lat": 50.48,
                      "lon": 4.55
                    },
                    "description": "Un bistrot pour se parler.",
                    "how_it_works": null,
                    "links": [
                      "https://example.org/charte"
                    ],
                    "correspondents": [
                      "00000000a003"
                    ]
                  },
                  "members": {
                    "00000000a002": {
                      "id": "00000000a002",
                      "name": "Joël Lambotte",
                      "kind": "person",
                      "roles": [
                        "volunteer"
                      ],
                      "member_of": null,
                      "email": null,
                      "phone": null,
                      "town": "Farciennes",
                      "joined": null,
                      "left": null,
                      "consents": {
                        "contact": null,
                        "newsletter": null,
                        "public": {
                          "granted": true,
                          "date": "2021-09-01"
                        }
                      }
                    }
                  },
                  "events": {
                    "00000000e002": {
                      "id": "00000000e002",
                      "title": "Assemblée générale",
                      "kind": "assemblee-generale",
                      "start": "2021-10-15T19:00",
                      "end": null,
                      "tz": "Europe/Paris",
                      "repeat": null,
                      "venue": null,
                      "address": null,
                      "online": null,
                      "theme": null,
                      "guests": [],
                      "facilitators": [],
                      "capacity": null,
                      "registration": "open",
                      "status": "cancelled",
                      "reason": "Reportée",
                      "exceptions": {},
                      "rsvps": {},
                      "attendance": {}
                    }
                  },
                  "notes": {
                    "00000000f001": {
                      "id": "00000000f001",
                      "title": "Compte rendu de rentrée",
                      "date": "2021-09-02",
                      "event": "00000000e001",
                      "occurrence": "2021-09-02",
                      "authors": [
                        "Élodie Vanderbeke"
                      ],
                      "sections": [
                        {
                          "id": "0000s001",
                          "heading": "Constats",
                          "body": "On a parlé du quartier."
                        },
                        {
                          "id": "0000s002",
                          "heading": "Pistes",
                          "body": "Un atelier cuisine.\n\nEt une balade."
                        }
                      ],
                      "links": [
                        "https://example.org/cr"
                      ],
                      "tags": [
                        "rentree",
                        "quartier"
                      ],
                      "visibility": "group"
                    }
                  },
                  "access": {
                    "12D3KooWEccRC79umA2dxEE6bm1nowKBnhpXMjQhSiV5qNeSuo1r": {
                      "role": "facilitator",
                      "label": null,
                      "added_by": "12D3KooWEccRC79umA2dxEE6bm1nowKBnhpXMjQhSiV5qNeSuo1r",
                      "added_on": "2021-09-01"
                    },
                    "12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt": {
                      "role": "facilitator",
                      "label": null,
                      "added_by": "12D3KooWEccRC79umA2dxEE6bm1nowKBnhpXMjQhSiV5qNeSuo1r",
                      "added_on": "2021-09-01"
                    }
                  },
                  "revoked": {
                    "12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt": {
                      "revoked_by": "12D3KooWEccRC79umA2dxEE6bm1nowKBnhpXMjQhSiV5qNeSuo1r",
                      "revoked_on": "2021-09-30"
                    }
                  }
                }"#]],
            expect![[r#"
                Bistrot du Social de Fleurus  (bistrot)
                id: 6d1f0c2b9a8e7d6c5b4a39281706f5e4
                place: Café de la Gare, Rue de la Gare 1, 6220, Fleurus, BE
                coordinates: 50.48, 4.55
                description: Un bistrot pour se parler.
                members: 1, events: 1, notes: 1
            "#]],
        );
    }

    #[test]
    fn group_create_with_a_name_and_a_kind_only() {
        let group = model::Group {
            schema: 1,
            id: GroupId::new(fixture::GROUP),
            profile: Profile::new("Association des Habitants", GroupKind::Association)
                .expect("a profile"),
            members: Default::default(),
            events: Default::default(),
            notes: Default::default(),
            access: Default::default(),
            revoked: Default::default(),
        };
        check(
            &group.to_output(),
            expect![[r#"
            {
              "schema": 1,
              "id": "6d1f0c2b9a8e7d6c5b4a39281706f5e4",
              "profile": {
                "name": "Association des Habitants",
                "kind": "association",
                "town": null,
                "postal_code": null,
                "country": null,
                "venue": null,
                "address": null,
                "coordinates": null,
                "description": null,
                "how_it_works": null,
                "links": [],
                "correspondents": []
              },
              "members": {},
              "events": {},
              "notes": {},
              "access": {},
              "revoked": {}
            }"#]],
            expect![[r#"
            Association des Habitants  (association)
            id: 6d1f0c2b9a8e7d6c5b4a39281706f5e4
            members: 0, events: 0, notes: 0
        "#]],
        );
    }

    #[test]
    fn group_list() {
        let groups = vec![
            GroupSummary {
                id: GroupId::new("0f1e2d3c4b5a69788796a5b4c3d2e1f0"),
                name: "Association des Habitants".into(),
                kind: GroupKind::Association,
                town: None,
                country: None,
                members: 0,
                events: 0,
                notes: 0,
            },
            GroupSummary {
                id: GroupId::new(fixture::GROUP),
                name: "Bistrot du Social de Fleurus".into(),
                kind: GroupKind::Bistrot,
                town: Some("Fleurus".into()),
                country: Some("BE".into()),
                members: 3,
                events: 2,
                notes: 1,
            },
        ];
        check(
            &groups.to_output(),
            expect![[r#"
            [
              {
                "id": "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
                "name": "Association des Habitants",
                "kind": "association",
                "town": null,
                "country": null,
                "members": 0,
                "events": 0,
                "notes": 0
              },
              {
                "id": "6d1f0c2b9a8e7d6c5b4a39281706f5e4",
                "name": "Bistrot du Social de Fleurus",
                "kind": "bistrot",
                "town": "Fleurus",
                "country": "BE",
                "members": 3,
                "events": 2,
                "notes": 1
              }
            ]"#]],
            expect![[r#"
            0f1e2d3c4b5a69788796a5b4c3d2e1f0  Association des Habitants (association) — 0 members, 0 events, 0 notes
            6d1f0c2b9a8e7d6c5b4a39281706f5e4  Bistrot du Social de Fleurus (bistrot, Fleurus) — 3 members, 2 events, 1 notes
        "#]],
        );
    }

    #[test]
    fn import() {
        let imported = |created, refused| Imported {
            id: GroupId::new(fixture::GROUP),
            name: "Bistrot du Social de Fleurus".into(),
            created,
            refused,
        };
        check(
            &imported(true, 0).to_output(),
            expect![[r#"
            {
              "id": "6d1f0c2b9a8e7d6c5b4a39281706f5e4",
              "name": "Bistrot du Social de Fleurus",
              "created": true,
              "refused": 0
            }"#]],
            expect![[r#"
            6d1f0c2b9a8e7d6c5b4a39281706f5e4  Bistrot du Social de Fleurus — imported
        "#]],
        );
        check(
            &imported(false, 2).to_output(),
            expect![[r#"
            {
              "id": "6d1f0c2b9a8e7d6c5b4a39281706f5e4",
              "name": "Bistrot du Social de Fleurus",
              "created": false,
              "refused": 2
            }"#]],
            expect![[r#"
            6d1f0c2b9a8e7d6c5b4a39281706f5e4  Bistrot du Social de Fleurus — merged into the copy here
            2 change(s) left out: written by devices that may not write this group
        "#]],
        );
    }
}
