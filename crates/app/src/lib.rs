//! Comptoir's application facade: the one API that the `comptoir` CLI, the desktop shell and
//! the integration tests drive. It wires the domain (`comptoir-model`) to local storage
//! (`comptoir-store`) and exports (`comptoir-export`); plain data goes in and out.
//!
//! Every change follows the same cycle: load the group as stored now, apply the change in the
//! model (which validates it first), append the new Automerge changes to the store in one
//! transaction. Each process writes with its own actor id, so the app and the CLI can work on
//! the same data directory at once.
//!
//! ```
//! use comptoir_app::{App, NewGroup};
//! use comptoir_model::GroupKind;
//!
//! let dir = tempfile::tempdir()?;
//! let mut app = App::open(dir.path())?;
//! let group = app.create_group(NewGroup {
//!     name: "Bistrot du Social de Jupille".into(),
//!     kind: GroupKind::Bistrot,
//!     town: Some("Jupille".into()),
//!     postal_code: None,
//!     country: Some("BE".into()),
//!     venue: None,
//!     address: None,
//!     coordinates: None,
//!     description: None,
//! })?;
//! assert_eq!(app.groups()?[0].id, group.id);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod agenda;
mod app;
mod devices;
mod error;
mod exchange;
mod export_file;
mod groups;
mod history;
mod identity;
pub mod invitation;
mod joins;
mod members;
mod membership;
pub mod node;
mod notes;
pub mod repo;
mod resolve;
mod roles;
#[cfg(test)]
mod test_support;
mod writer;

pub use app::App;
/// What callers type to create a group, change its profile or change an event: defined (and
/// checked) in the domain, re-exported here where callers have always found them.
pub use comptoir_model::{EventChanges, NewGroup, ProfileChanges};
pub use devices::{
    DEFAULT_INVITATION_LIFETIME, GroupStatus, Invitation, LastSyncView, MAX_INVITATION_LIFETIME,
    SeenPeerView, Status, reachable_addresses,
};
pub use error::{AppError, ErrorKind, InvitationError, IoAction, Refusal, Result};
pub use exchange::{ExportFormat, Imported};
pub use groups::{DamagedGroup, GroupSummary};
pub use history::{HistoryEntry, HistoryFilter, Restored};
pub use joins::{JoinRequestView, NewInvitation};
pub use repo::Repo;
pub use roles::{DeviceRemoval, DeviceView};
pub use writer::actor_of_slot;

/// Membership logs, as [`App::membership`] gives them.
pub use comptoir_authority as authority;
/// The domain types callers build inputs from and read results in.
pub use comptoir_model as model;
/// How the network names devices and addresses, as the node reports them.
pub use comptoir_net::{Multiaddr, PeerId};
