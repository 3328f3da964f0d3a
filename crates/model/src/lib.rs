//! Comptoir's domain: one Automerge document per group, holding its profile, members, agenda
//! and notes, mapped to Rust types with autosurgeon.
//!
//! This crate is pure: no IO, no clock, no randomness. Ids, "today" and actor ids come in as
//! arguments, so every behaviour is reproducible in tests.
//!
//! ```
//! use automerge::ActorId;
//! use comptoir_model::{Date, GroupDoc, GroupId, GroupKind, MemberId, NewMember, Profile};
//!
//! let mut profile = Profile::new("Bistrot du Social de Dampremy", GroupKind::Bistrot)?;
//! profile.country = Some("BE".into());
//! let mut doc = GroupDoc::create(GroupId::from_random([7; 16]), profile, ActorId::random())?;
//!
//! let new = NewMember { name: "Élise Martin".into(), ..NewMember::default() };
//! let today = Date::parse("2021-03-01")?;
//! doc.add_member(MemberId::from_random([1; 6]), new, today)?;
//!
//! // Another device gets the bytes and reads the same group back.
//! let copy = GroupDoc::load(&doc.save(), ActorId::random())?;
//! assert_eq!(copy.members()?.len(), 1);
//! # Ok::<(), comptoir_model::ModelError>(())
//! ```

mod access;
mod agenda;
mod codec;
pub mod collation;
mod document;
mod error;
mod event;
mod gate;
pub mod history;
mod ids;
mod member;
mod note;
pub mod pending;
mod profile;
mod recurrence;
mod repetition;
mod replay;
pub mod schema;
mod seal;
mod syncing;
pub mod text;
pub mod views;

pub use access::{Device, DeviceRole, Revocation};
pub use agenda::{Occurrence, OccurrenceStatus, RsvpCount, occurrences};
pub use codec::{Date, LocalDateTime};
pub use document::{Counts, Group, GroupDoc, Snapshot};
pub use error::{ModelError, Result};
pub use event::{
    Event, EventChanges, EventKind, EventStatus, Exception, NewEvent, Registration, Rsvp,
    parse_zone,
};
pub use gate::Authors;
pub use ids::{EventId, GroupId, MemberId, NoteId, SectionId};
pub use member::{
    Consent, ConsentKind, Consents, Member, MemberChanges, MemberKind, NewMember, Role,
    SharedContact,
};
pub use note::{NewNote, Note, Section, Visibility};
pub use profile::{Coordinates, GroupKind, NewGroup, Profile, ProfileChanges};
pub use recurrence::{Schedule, Slot};
pub use repetition::{Cadence, Repetition};
pub use replay::Dropped;
pub use seal::{Seal, sealed_bytes};
pub use views::View;

pub use automerge::{ActorId, ChangeHash};
pub use chrono::Weekday;
