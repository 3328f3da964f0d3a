//! Comptoir's peer sync: a sans-IO state machine that keeps many groups (one Automerge document
//! each) in sync with many peers over `automerge::sync`, sharing a group only with the devices
//! its access list names.
//!
//! The [`Engine`] opens no socket, spawns no task and reads no clock: the caller hands it what
//! happened ([`Input`]: a peer connected, a frame arrived, a group changed, time passed) with the
//! time in milliseconds and the groups it holds ([`Docs`], kept by the caller beside its
//! storage: one copy), and applies the [`Effect`]s it returns, in order (send a frame, store
//! what changed, keep a sync state). All groups shared with a peer travel together in batches; a
//! message too large for one frame is split into fragments ([`wire`] describes the format).
//!
//! A peer that a group's access list does not name learns nothing about that group, not even
//! that it exists: whatever it sends for it is refused without an answer.
//!
//! ```
//! use comptoir_model::{ActorId, Date, DeviceRole, GroupDoc, GroupId, GroupKind, Profile};
//! use comptoir_sync::{Config, Docs, Effect, Engine, Input};
//!
//! // A group on device "peer-a", which lets "peer-b" sync it.
//! let today = Date::parse("2024-05-01")?;
//! let profile = Profile::new("Bistrot du Social", GroupKind::Bistrot)?;
//! let mut doc = GroupDoc::create(GroupId::from_random([1; 16]), profile, ActorId::random())?;
//! doc.grant_device("peer-a", DeviceRole::Facilitator, None, "peer-a", today)?;
//! doc.grant_device("peer-b", DeviceRole::Facilitator, None, "peer-a", today)?;
//! let id = doc.id().clone();
//!
//! // Each device keeps the groups it holds; the engine borrows them for each input.
//! let mut a = Engine::new("peer-a".into(), Config::default());
//! let mut a_docs = Docs::from([(id.clone(), doc)]);
//! // "peer-b" accepted the invitation: it expects the group from "peer-a".
//! let mut b = Engine::new("peer-b".into(), Config::default());
//! let mut b_docs = Docs::new();
//! b.expect_group(&b_docs, id.clone(), "peer-a".into());
//!
//! // The network layer reports the connection on both sides, then carries frames.
//! let mut effects = a.handle(0, &mut a_docs, Input::PeerConnected("peer-b".into()));
//! effects.extend(b.handle(0, &mut b_docs, Input::PeerConnected("peer-a".into())));
//! let mut received = false;
//! while let Some(effect) = effects.pop() {
//!     match effect {
//!         Effect::Send { to, bytes } if to == "peer-a" => {
//!             let from = "peer-b".into();
//!             effects.extend(a.handle(0, &mut a_docs, Input::Received { from, bytes }));
//!         }
//!         Effect::Send { bytes, .. } => {
//!             let from = "peer-a".into();
//!             effects.extend(b.handle(0, &mut b_docs, Input::Received { from, bytes }));
//!         }
//!         Effect::GroupReceived { group, .. } => received = group == id,
//!         _ => {} // Changed and SaveSyncState go to storage.
//!     }
//! }
//! assert!(received);
//! assert_eq!(b_docs[&id].profile()?.name, "Bistrot du Social");
//! assert!(a.is_synced(&id, &"peer-b".into()) && b.is_synced(&id, &"peer-a".into()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod budget;
mod chunks;
mod effect;
mod engine;
mod error;
mod frames;
mod intake;
mod outbox;
mod pair;
mod reassembly;
mod slot;
pub mod wire;

pub use effect::{Config, Effect, Input, PeerId};
pub use engine::{Docs, Engine};
pub use error::SyncError;
