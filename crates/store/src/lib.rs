//! Comptoir's local storage: each group document kept in SQLite as a compacted snapshot plus
//! the changes appended since, every write in a transaction (WAL, synchronous=FULL).
//!
//! The store knows bytes, not Automerge: callers append the bytes of new changes, and compact
//! by handing back a snapshot that includes every change up to a sequence number. Changes are
//! append-only, so two processes writing the same group at once both keep their writes; a
//! compaction checks the generation it started from, so it never drops a change it did not see.
//!
//! ```
//! let dir = tempfile::tempdir()?;
//! let store = comptoir_store::Store::open(dir.path())?;
//! store.create("g1", b"snapshot")?;
//! store.append("g1", b"change")?;
//! let stored = store.load("g1")?;
//! assert_eq!(stored.changes.len(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod authority;
mod error;
mod invitations;
mod peers;
mod schema;
mod seals;
mod store;

pub use error::{Result, StoreError};
pub use invitations::{EXPIRED_KEPT, JoinRequest, JoinStatus, StoredInvitation};
pub use peers::{LastSync, MAX_PEERS, SeenPeer};
pub use schema::LAYOUT;
pub use seals::SealRow;
pub use store::{Append, Appended, DB_FILE, Store, StoredDocument, Usage};
