//! The serde types that cross the Tauri bridge between `src-tauri` and `ui`.
//!
//! Both sides compile this crate (the UI for `wasm32-unknown-unknown`), so the wire format is
//! written down once, here. Nothing in it knows Automerge or the domain crates: the shell converts
//! domain values into these types by hand, at the edge. Every command takes one argument named
//! `input` and answers with its value, or with an [`IpcError`]: a code and the few values its
//! message quotes, which the UI words in the person's language.
//!
//! ```
//! use comptoir_ipc::{ErrorCode, GroupKind, GroupSummary, IpcError};
//!
//! let group = GroupSummary {
//!     id: "7f3a".into(),
//!     name: "Bistrot du Social de Namur".into(),
//!     kind: GroupKind::Bistrot,
//!     town: Some("Namur".into()),
//!     country: Some("BE".into()),
//!     members: 12,
//!     events: 1,
//!     notes: 0,
//! };
//! assert_eq!(
//!     serde_json::to_string(&group)?,
//!     r#"{"id":"7f3a","name":"Bistrot du Social de Namur","kind":"bistrot","town":"Namur","country":"BE","members":12,"events":1,"notes":0}"#,
//! );
//!
//! let error = IpcError::new(ErrorCode::InviterUnreachable).with_seconds(60);
//! assert_eq!(
//!     serde_json::to_string(&error)?,
//!     r#"{"code":"inviter_unreachable","params":{"seconds":60}}"#,
//! );
//! # Ok::<(), serde_json::Error>(())
//! ```

mod agenda;
mod created;
mod error;
mod event;
mod export;
mod group;
mod history;
mod member;
mod note;
mod settings;
mod sync;

pub use agenda::{
    AgendaQuery, Answer, Attendance, CancelOccurrence, EventKind, EventRef, MoveOccurrence,
    Occurrence, OccurrenceStatus, Rsvp, RsvpCount,
};
pub use created::Created;
pub use error::{ErrorCode, ErrorParams, Field, IpcError, Thing};
pub use event::{EventDraft, EventEdit, Repeat, Weekday};
pub use export::{Exported, NoteExport};
pub use group::{DamagedGroup, GroupDetail, GroupKind, GroupSummary, NewGroup};
pub use history::{HistoryEntry, HistoryQuery, How, ItemKind, RestoreItem, Restored, Touched};
pub use member::{Consent, ConsentKind, Consents, Member, MemberKind, NewMember, Role};
pub use note::{Note, NoteDraft, Section, SectionDraft, SectionEdit, Visibility};
pub use settings::{ProfileEdit, RevokeDevice};
pub use sync::{
    AWAITING_EVENT, AwaitingApproval, CHANGED_EVENT, ChangeRole, Changed, DecideJoin, Device,
    DeviceRole, Dialled, GroupSync, Invitation, JoinRequest, LastSync, Network, Peer, SyncStatus,
};
