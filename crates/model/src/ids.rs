//! Identifiers of groups and of the things inside them, made from randomness the caller supplies.

use std::fmt;

use autosurgeon::{Hydrate, HydrateError, Reconcile, Reconciler, reconcile::NoKey};
use serde::{Serialize, Serializer};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident, $len:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// Makes an id from random bytes (the model draws no randomness itself).
            pub fn from_random(bytes: [u8; $len]) -> Self {
                Self(hex(&bytes))
            }

            /// Wraps an id read from the user or from storage.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Reconcile for $name {
            type Key<'a> = NoKey;
            fn reconcile<R: Reconciler>(&self, mut r: R) -> Result<(), R::Error> {
                r.str(&self.0)
            }
        }

        impl Hydrate for $name {
            fn hydrate_string(s: &str) -> Result<Self, HydrateError> {
                Ok(Self(s.to_string()))
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }
    };
}

id_type!(
    /// A group, unique across all devices (128 random bits).
    GroupId, 16
);
id_type!(
    /// A member, unique within its group.
    MemberId, 6
);
id_type!(
    /// An event of the agenda, unique within its group.
    EventId, 6
);
id_type!(
    /// A note (synthesis, report), unique within its group.
    NoteId, 6
);
id_type!(
    /// A section of a note, unique within its note.
    SectionId, 4
);
