//! How plain values (dates, local times, closed vocabularies) are written into the document.
//!
//! Dates and local times are stored as ISO-8601 strings so that any Automerge implementation can
//! read them; closed vocabularies are stored as their kebab-case code.

use std::fmt;

use autosurgeon::{Hydrate, HydrateError, Reconcile, Reconciler, reconcile::NoKey};
use chrono::{NaiveDate, NaiveDateTime, Timelike};
use serde::{Serialize, Serializer};

use crate::ModelError;

/// Declares a closed vocabulary stored as kebab-case strings, with French aliases accepted on
/// input. `FromStr` names every accepted value when it refuses one.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident : $what:literal { $($(#[$vmeta:meta])* $variant:ident = $code:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code stored in the document and used on the command line.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::ModelError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = s.trim().to_lowercase();
                match wanted.as_str() {
                    $($code $(| $alias)* => Ok($name::$variant),)+
                    _ => Err($crate::ModelError::UnknownValue {
                        what: $what,
                        value: s.to_string(),
                        expected: [$($code),+].join(", "),
                    }),
                }
            }
        }

        impl ::autosurgeon::Reconcile for $name {
            type Key<'a> = ::autosurgeon::reconcile::NoKey;
            fn reconcile<R: ::autosurgeon::Reconciler>(&self, mut r: R) -> Result<(), R::Error> {
                r.str(self.code())
            }
        }

        impl ::autosurgeon::Hydrate for $name {
            fn hydrate_string(s: &str) -> Result<Self, ::autosurgeon::HydrateError> {
                s.parse().map_err(|_| ::autosurgeon::HydrateError::unexpected($what, s.to_string()))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }
    };
}
pub(crate) use vocabulary;

/// A calendar date without time zone (`YYYY-MM-DD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

/// A wall-clock time in some zone (`YYYY-MM-DDTHH:MM`), the zone being stored beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalDateTime(pub NaiveDateTime);

const DATE_FORMAT: &str = "%Y-%m-%d";
const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M";

impl Date {
    /// Parses `YYYY-MM-DD`, refusing impossible dates such as `2021-02-30`.
    pub fn parse(s: &str) -> Result<Self, ModelError> {
        NaiveDate::parse_from_str(s.trim(), DATE_FORMAT)
            .map(Date)
            .map_err(|_| ModelError::InvalidDate {
                value: s.to_string(),
                expected: "YYYY-MM-DD",
            })
    }
}

impl LocalDateTime {
    /// Parses `YYYY-MM-DDTHH:MM` (seconds are accepted and must be zero).
    pub fn parse(s: &str) -> Result<Self, ModelError> {
        let s = s.trim();
        NaiveDateTime::parse_from_str(s, LOCAL_FORMAT)
            .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
            .ok()
            .filter(|dt| dt.second() == 0)
            .map(LocalDateTime)
            .ok_or_else(|| ModelError::InvalidDate {
                value: s.to_string(),
                expected: "YYYY-MM-DDTHH:MM",
            })
    }

    /// The calendar day of this wall-clock time.
    pub fn date(self) -> Date {
        Date(self.0.date())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format(DATE_FORMAT))
    }
}

impl fmt::Display for LocalDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format(LOCAL_FORMAT))
    }
}

macro_rules! stored_as_string {
    ($ty:ty, $what:literal) => {
        impl Reconcile for $ty {
            type Key<'a> = NoKey;
            fn reconcile<R: Reconciler>(&self, mut r: R) -> Result<(), R::Error> {
                r.str(self.to_string())
            }
        }
        impl Hydrate for $ty {
            fn hydrate_string(s: &str) -> Result<Self, HydrateError> {
                <$ty>::parse(s).map_err(|_| HydrateError::unexpected($what, s.to_string()))
            }
        }
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
    };
}
stored_as_string!(Date, "a date YYYY-MM-DD");
stored_as_string!(LocalDateTime, "a local time YYYY-MM-DDTHH:MM");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_dates_are_refused() {
        assert!(Date::parse("2021-02-30").is_err());
        assert!(Date::parse("2021-13-01").is_err());
        assert!(LocalDateTime::parse("2021-03-04T25:00").is_err());
        assert_eq!(
            Date::parse("2024-02-29")
                .map(|d| d.to_string())
                .ok()
                .as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(
            LocalDateTime::parse("2021-03-04T18:30")
                .map(|d| d.to_string())
                .ok()
                .as_deref(),
            Some("2021-03-04T18:30")
        );
    }
}
