//! Members of a group: persons and organisations, their roles and consents.

use serde::{Deserialize, Serialize};

/// A member as the "Membres" tab shows it. Dates are `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: String,
    pub name: String,
    pub kind: MemberKind,
    pub roles: Vec<Role>,
    /// The organisation this person belongs to, by member id.
    pub member_of: Option<String>,
    /// Contact details, sent only if `consents.contact` is granted.
    pub email: Option<String>,
    pub phone: Option<String>,
    pub town: Option<String>,
    pub joined: Option<String>,
    pub left: Option<String>,
    pub consents: Consents,
}

/// What a member agreed to, each with the day it was given or withdrawn.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consents {
    /// Contact details may be shared within the group.
    pub contact: Option<Consent>,
    pub newsletter: Option<Consent>,
    /// May appear in public listings.
    pub public: Option<Consent>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub granted: bool,
    /// `YYYY-MM-DD`.
    pub date: String,
}

/// What a facilitator types to add a member. Empty texts mean "not given".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMember {
    pub group: String,
    pub name: String,
    pub kind: MemberKind,
    pub roles: Vec<Role>,
    pub email: String,
    pub phone: String,
    pub town: String,
    /// The consents given today.
    pub consents: Vec<ConsentKind>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberKind {
    Person,
    Organisation,
}

/// What someone does in the group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Facilitator,
    Correspondent,
    Volunteer,
    Professional,
    Resident,
    Guest,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Facilitator,
        Role::Correspondent,
        Role::Volunteer,
        Role::Professional,
        Role::Resident,
        Role::Guest,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentKind {
    Contact,
    Newsletter,
    Public,
}

impl ConsentKind {
    pub const ALL: [ConsentKind; 3] = [
        ConsentKind::Contact,
        ConsentKind::Newsletter,
        ConsentKind::Public,
    ];
}
