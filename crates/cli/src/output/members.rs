//! Members as `member add`, `update`, `show` and `list` print them (and `group show` inside a
//! group): contact details only as the member shares them ([`model::Member::shared_contact`]).

use std::io::{self, Write};

use comptoir_app::model;
use serde::Serialize;

use super::{Human, ToOutput, text};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub roles: Vec<&'static str>,
    pub member_of: Option<String>,
    /// `null` unless the member consents to sharing contact details.
    pub email: Option<String>,
    /// `null` unless the member consents to sharing contact details.
    pub phone: Option<String>,
    pub town: Option<String>,
    pub joined: Option<String>,
    pub left: Option<String>,
    pub consents: Consents,
}

/// Each consent, `null` when never asked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Consents {
    pub contact: Option<Consent>,
    pub newsletter: Option<Consent>,
    pub public: Option<Consent>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Consent {
    pub granted: bool,
    pub date: String,
}

impl ToOutput for model::Member {
    type Output = Member;
    fn to_output(&self) -> Member {
        let contact = self.shared_contact();
        let consent = |c: &Option<model::Consent>| {
            c.map(|c| Consent {
                granted: c.granted,
                date: c.date.to_string(),
            })
        };
        Member {
            id: self.id.to_string(),
            name: self.name.clone(),
            kind: self.kind.code(),
            roles: self.roles.iter().map(|r| r.code()).collect(),
            member_of: text(&self.member_of),
            email: contact.email.map(str::to_owned),
            phone: contact.phone.map(str::to_owned),
            town: contact.town.map(str::to_owned),
            joined: text(&self.joined),
            left: text(&self.left),
            consents: Consents {
                contact: consent(&self.consents.contact),
                newsletter: consent(&self.consents.newsletter),
                public: consent(&self.consents.public),
            },
        }
    }
}

impl Human for Member {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        write!(out, "{}  {} ({})", self.id, self.name, self.kind)?;
        if !self.roles.is_empty() {
            write!(out, " — {}", self.roles.join(", "))?;
        }
        for (label, value) in [
            ("email", &self.email),
            ("phone", &self.phone),
            ("town", &self.town),
        ] {
            if let Some(v) = value {
                write!(out, " — {label}: {v}")?;
            }
        }
        for (label, consent) in [
            ("contact", &self.consents.contact),
            ("newsletter", &self.consents.newsletter),
            ("public", &self.consents.public),
        ] {
            if let Some(c) = consent {
                let state = if c.granted { "given" } else { "withdrawn" };
                write!(out, " — {label} consent {state} {}", c.date)?;
            }
        }
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::super::{ToOutput, check, fixture};

    #[test]
    fn member_show_hides_contact_details_without_the_contact_consent() {
        let group = fixture::group();
        let joel = &group.members[fixture::JOEL];
        assert!(joel.email.is_some() && joel.phone.is_some());
        check(
            &joel.to_output(),
            expect![[r#"
                {
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
                }"#]],
            expect![[r#"
                00000000a002  Joël Lambotte (person) — volunteer — town: Farciennes — public consent given 2021-09-01
            "#]],
        );
    }

    #[test]
    fn member_list() {
        let group = fixture::group();
        let members: Vec<_> = group.members.values().cloned().collect();
        check(
            &members.to_output(),
            expect![[r#"
                [
                  {
                    "id": "00000000a001",
                    "name": "Maison des Jeunes de Fleurus",
                    "kind": "organisation",
                    "roles": [],
                    "member_of": null,
                    "email": null,
                    "phone": null,
                    "town": null,
                    "joined": null,
                    "left": null,
                    "consents": {
                      "contact": null,
                      "newsletter": null,
                      "public": null
                    }
                  },
                  {
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
                  },
                  {
                    "id": "00000000a003",
                    "name": "Élodie Vanderbeke",
                    "kind": "person",
                    "roles": [
                      "facilitator",
                      "correspondent"
                    ],
                    "member_of": "00000000a001",
                    "email": "elodie@example.org",
                    "phone": "+32 472 00 00 01",
                    "town": "Fleurus",
                    "joined": "2020-01-15",
                    "left": "2023-06-30",
                    "consents": {
                      "contact": {
                        "granted": true,
                        "date": "2021-09-01"
                      },
                      "newsletter": {
                        "granted": false,
                        "date": "2021-09-20"
                      },
                      "public": null
                    }
                  }
                ]"#]],
            expect![[r#"
                00000000a001  Maison des Jeunes de Fleurus (organisation)
                00000000a002  Joël Lambotte (person) — volunteer — town: Farciennes — public consent given 2021-09-01
                00000000a003  Élodie Vanderbeke (person) — facilitator, correspondent — email: elodie@example.org — phone: +32 472 00 00 01 — town: Fleurus — contact consent given 2021-09-01 — newsletter consent withdrawn 2021-09-20
            "#]],
        );
    }
}
