//! A member's role, and what each role lets its holder do in the log.

use std::fmt;

/// What a device may do in a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Invites, removes, changes roles, and writes content.
    Admin,
    /// Writes content.
    Facilitator,
    /// Receives only what the group publishes; writes nothing.
    Federation,
}

/// The capability an operation needs from its author.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Need {
    /// Add, Remove, ChangeRole.
    Manage,
    /// RegisterActor: only a device that writes content has actors worth naming.
    Write,
}

impl Role {
    /// Whether this role invites, removes and changes roles.
    pub fn manages_members(self) -> bool {
        self == Role::Admin
    }

    /// Whether this role writes content (Automerge changes).
    pub fn writes_content(self) -> bool {
        matches!(self, Role::Admin | Role::Facilitator)
    }

    pub(crate) fn allows(self, need: Need) -> bool {
        match need {
            Need::Manage => self.manages_members(),
            Need::Write => self.writes_content(),
        }
    }

    /// Whether moving from `self` to `to` takes away something `self` could do: such a change
    /// is a revocation, resolved like a removal (see the crate's rules).
    pub(crate) fn loses_to(self, to: Role) -> bool {
        [Need::Manage, Need::Write]
            .into_iter()
            .any(|need| self.allows(need) && !to.allows(need))
    }

    /// The lower-case English word, as the CLI spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Facilitator => "facilitator",
            Role::Federation => "federation",
        }
    }

    pub(crate) fn tag(self) -> u8 {
        match self {
            Role::Admin => 0,
            Role::Facilitator => 1,
            Role::Federation => 2,
        }
    }

    pub(crate) fn from_tag(tag: u8) -> Option<Role> {
        match tag {
            0 => Some(Role::Admin),
            1 => Some(Role::Facilitator),
            2 => Some(Role::Federation),
            _ => None,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::{Need, Role};

    #[test]
    fn capabilities_follow_the_roles() {
        assert!(Role::Admin.allows(Need::Manage) && Role::Admin.allows(Need::Write));
        assert!(!Role::Facilitator.allows(Need::Manage) && Role::Facilitator.allows(Need::Write));
        assert!(!Role::Federation.allows(Need::Manage) && !Role::Federation.allows(Need::Write));
    }

    #[test]
    fn only_losing_a_capability_is_a_revocation() {
        assert!(Role::Admin.loses_to(Role::Facilitator));
        assert!(Role::Admin.loses_to(Role::Federation));
        assert!(Role::Facilitator.loses_to(Role::Federation));
        assert!(!Role::Facilitator.loses_to(Role::Admin));
        assert!(!Role::Federation.loses_to(Role::Facilitator));
    }

    #[test]
    fn tags_round_trip_and_unknown_tags_are_none() {
        for role in [Role::Admin, Role::Facilitator, Role::Federation] {
            assert_eq!(Role::from_tag(role.tag()), Some(role));
        }
        assert_eq!(Role::from_tag(3), None);
    }
}
