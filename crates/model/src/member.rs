//! Members of a group: persons and organisations, their roles and their consents.
//!
//! No free-text judgement about a person is ever stored here: only facts the person gave.

use autosurgeon::{Hydrate, Reconcile};
use serde::Serialize;

use crate::codec::{Date, vocabulary};
use crate::text::{optional, required};
use crate::{MemberId, ModelError, Result};

vocabulary! {
    /// A person or an organisation.
    MemberKind: "member kind" {
        Person = "person" | "personne",
        Organisation = "organisation" | "organization",
    }
}

vocabulary! {
    /// What someone does in the group.
    Role: "role" {
        Facilitator = "facilitator" | "animateur" | "animatrice" | "animateur·ice",
        Correspondent = "correspondent" | "correspondant" | "correspondante" | "correspondant·e",
        Volunteer = "volunteer" | "benevole" | "bénévole",
        Professional = "professional" | "professionnel" | "professionnelle" | "professionnel·le",
        Resident = "resident" | "habitant" | "habitante" | "habitant·e",
        Guest = "guest" | "invite" | "invité" | "invitée" | "invité·e",
    }
}

vocabulary! {
    /// What a member agreed to.
    ConsentKind: "consent" {
        /// Contact details may be shared within the group.
        Contact = "contact",
        /// The member receives the newsletter.
        Newsletter = "newsletter",
        /// The member may appear in public listings.
        Public = "public",
    }
}

/// A consent given or withdrawn, with the day it happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Reconcile, Hydrate, Serialize)]
pub struct Consent {
    pub granted: bool,
    pub date: Date,
}

/// A member's consents; absent means never asked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Reconcile, Hydrate, Serialize)]
pub struct Consents {
    pub contact: Option<Consent>,
    pub newsletter: Option<Consent>,
    pub public: Option<Consent>,
}

impl Consents {
    fn slot(&mut self, kind: ConsentKind) -> &mut Option<Consent> {
        match kind {
            ConsentKind::Contact => &mut self.contact,
            ConsentKind::Newsletter => &mut self.newsletter,
            ConsentKind::Public => &mut self.public,
        }
    }

    /// Records that consent was given or withdrawn on `date`.
    pub fn set(&mut self, kind: ConsentKind, granted: bool, date: Date) {
        *self.slot(kind) = Some(Consent { granted, date });
    }

    /// Whether the consent is currently given.
    pub fn granted(&self, kind: ConsentKind) -> bool {
        let consent = match kind {
            ConsentKind::Contact => self.contact,
            ConsentKind::Newsletter => self.newsletter,
            ConsentKind::Public => self.public,
        };
        consent.is_some_and(|c| c.granted)
    }
}

/// A member of a group, stored under `members/<id>`.
#[derive(Debug, Clone, PartialEq, Reconcile, Hydrate, Serialize)]
pub struct Member {
    pub id: MemberId,
    pub name: String,
    pub kind: MemberKind,
    pub roles: Vec<Role>,
    /// The organisation (another member) this person belongs to.
    pub member_of: Option<MemberId>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub town: Option<String>,
    pub joined: Option<Date>,
    pub left: Option<Date>,
    pub consents: Consents,
}

/// What the rest of the group may see of how to reach a member: the email and the phone only
/// while the member consents to sharing them (`contact`); the town always, as it locates the
/// member without giving a way to reach them. Every view of members (the window, the CLI, the
/// CSV export) shows contact details through this, never from the fields themselves.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SharedContact<'a> {
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub town: Option<&'a str>,
}

/// The fields of a new member, as typed by a facilitator.
#[derive(Debug, Clone, Default)]
pub struct NewMember {
    pub name: String,
    pub kind: Option<MemberKind>,
    pub roles: Vec<Role>,
    pub member_of: Option<MemberId>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub town: Option<String>,
    pub joined: Option<Date>,
    pub consents: Vec<ConsentKind>,
}

/// Changes to a member; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct MemberChanges {
    pub name: Option<String>,
    pub kind: Option<MemberKind>,
    /// Replaces the roles when not empty.
    pub roles: Vec<Role>,
    pub member_of: Option<MemberId>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub town: Option<String>,
    pub joined: Option<Date>,
    pub left: Option<Date>,
    pub grant: Vec<ConsentKind>,
    pub withdraw: Vec<ConsentKind>,
}

impl Member {
    /// Builds a member, checking every field; consents are dated `today`.
    pub fn new(id: MemberId, new: NewMember, today: Date) -> Result<Self> {
        let mut consents = Consents::default();
        for kind in new.consents {
            consents.set(kind, true, today);
        }
        let member = Self {
            id,
            name: required("name", &new.name)?,
            kind: new.kind.unwrap_or(MemberKind::Person),
            roles: dedup(new.roles),
            member_of: new.member_of,
            email: checked_email(optional(new.email))?,
            phone: optional(new.phone),
            town: optional(new.town),
            joined: new.joined,
            left: None,
            consents,
        };
        Ok(member)
    }

    /// The contact details that may be shown within the group (see [`SharedContact`]).
    pub fn shared_contact(&self) -> SharedContact<'_> {
        let shared = self.consents.granted(ConsentKind::Contact);
        SharedContact {
            email: self.email.as_deref().filter(|_| shared),
            phone: self.phone.as_deref().filter(|_| shared),
            town: self.town.as_deref(),
        }
    }

    /// Applies changes, checking them; consents are dated `today`.
    pub fn apply(&mut self, changes: MemberChanges, today: Date) -> Result<()> {
        if let Some(name) = changes.name {
            self.name = required("name", &name)?;
        }
        if let Some(kind) = changes.kind {
            self.kind = kind;
        }
        if !changes.roles.is_empty() {
            self.roles = dedup(changes.roles);
        }
        if changes.member_of.is_some() {
            self.member_of = changes.member_of;
        }
        if let Some(email) = changes.email {
            self.email = checked_email(optional(Some(email)))?;
        }
        if let Some(phone) = changes.phone {
            self.phone = optional(Some(phone));
        }
        if let Some(town) = changes.town {
            self.town = optional(Some(town));
        }
        if changes.joined.is_some() {
            self.joined = changes.joined;
        }
        if changes.left.is_some() {
            self.left = changes.left;
        }
        if let (Some(joined), Some(left)) = (self.joined, self.left)
            && left < joined
        {
            return Err(ModelError::EndBeforeStart {
                start: joined.to_string(),
                end: left.to_string(),
            });
        }
        for kind in changes.grant {
            self.consents.set(kind, true, today);
        }
        for kind in changes.withdraw {
            self.consents.set(kind, false, today);
        }
        Ok(())
    }
}

fn dedup(mut roles: Vec<Role>) -> Vec<Role> {
    let mut seen = Vec::with_capacity(roles.len());
    roles.retain(|r| {
        let new = !seen.contains(r);
        seen.push(*r);
        new
    });
    roles
}

fn checked_email(email: Option<String>) -> Result<Option<String>> {
    match email {
        Some(e) => {
            let valid = e.split_once('@').is_some_and(|(user, host)| {
                !user.is_empty() && host.contains('.') && !e.contains(char::is_whitespace)
            });
            if valid {
                Ok(Some(e))
            } else {
                Err(ModelError::InvalidEmail(e))
            }
        }
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(consents: Vec<ConsentKind>) -> Result<Member> {
        let new = NewMember {
            name: "Joëlle Lambotte".into(),
            email: Some("joelle@example.org".into()),
            phone: Some("+32 472 00 00 02".into()),
            town: Some("Farciennes".into()),
            consents,
            ..NewMember::default()
        };
        Member::new(
            MemberId::new("a1b2c3d4e5f6"),
            new,
            Date::parse("2024-03-01")?,
        )
    }

    #[test]
    fn contact_details_are_shared_only_with_the_contact_consent() -> Result<()> {
        // 1. Without the contact consent, only the town is shared.
        let mut joelle = member(vec![ConsentKind::Newsletter])?;
        let hidden = SharedContact {
            email: None,
            phone: None,
            town: Some("Farciennes"),
        };
        assert_eq!(joelle.shared_contact(), hidden);
        // 2. Once she consents, her email and phone are shared too.
        let changes = MemberChanges {
            grant: vec![ConsentKind::Contact],
            ..MemberChanges::default()
        };
        joelle.apply(changes, Date::parse("2024-04-01")?)?;
        let shared = SharedContact {
            email: Some("joelle@example.org"),
            phone: Some("+32 472 00 00 02"),
            town: Some("Farciennes"),
        };
        assert_eq!(joelle.shared_contact(), shared);
        // 3. Withdrawing the consent hides them again.
        let changes = MemberChanges {
            withdraw: vec![ConsentKind::Contact],
            ..MemberChanges::default()
        };
        joelle.apply(changes, Date::parse("2024-05-01")?)?;
        assert_eq!(joelle.shared_contact(), hidden);
        Ok(())
    }
}
