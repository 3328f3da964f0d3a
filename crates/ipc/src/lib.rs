//! The serde types that cross the Tauri bridge between `src-tauri` and `ui`.
//!
//! Both sides compile this crate (the UI for `wasm32-unknown-unknown`), so the wire format is
//! written down once, here. Nothing in it knows Automerge or the domain crates: the shell converts
//! domain values into these types by hand, at the edge.
//!
//! A command answers with its value, or with an [`IpcError`] whose message the UI can show as is:
//!
//! ```
//! use comptoir_ipc::{ErrorCode, GroupKind, GroupSummary, IpcError};
//!
//! let group = GroupSummary {
//!     id: "7f3a".into(),
//!     name: "Bistrot du Social de Namur".into(),
//!     kind: GroupKind::Bistrot,
//!     town: "Namur".into(),
//! };
//! assert_eq!(
//!     serde_json::to_string(&group)?,
//!     r#"{"id":"7f3a","name":"Bistrot du Social de Namur","kind":"bistrot","town":"Namur"}"#,
//! );
//!
//! let error = IpcError::new(ErrorCode::Unavailable, "L'application de bureau ne répond pas.");
//! assert_eq!(serde_json::from_str::<IpcError>(&serde_json::to_string(&error)?)?, error);
//! # Ok::<(), serde_json::Error>(())
//! ```

mod error;
mod group;

pub use error::{ErrorCode, IpcError};
pub use group::{GroupKind, GroupSummary};
