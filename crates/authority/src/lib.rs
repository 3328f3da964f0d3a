//! Signed authority over a group: a membership log kept beside the group's Automerge document.
//!
//! Each group has one [`Log`]: a causal DAG of [`Operation`]s, each signed by its author's
//! device key (Ed25519, the same key as the device's libp2p identity, so a [`DeviceId`] prints
//! as its peer id). Every device checks every operation itself, and every device that holds the
//! same operations reaches the same membership, whatever order they arrived in. The design
//! follows Keyhive's group membership (Ink & Switch): operations name the operations their
//! author had seen, authority is judged in that causal past, and a removal voids what the
//! removed device did concurrently.
//!
//! This crate is pure: no IO, no clock, no randomness. Time comes in as a [`Moment`], keys as
//! `ed25519_dalek::SigningKey`s.
//!
//! # The rules
//!
//! **Roles.** An admin adds and removes devices, changes roles and writes content; a
//! facilitator writes content; a federation device receives what the group publishes and writes
//! nothing. The creator's genesis makes it the first admin.
//!
//! **Receiving.** An operation is kept only if it is well-formed (canonical encoding, within the
//! limits of [`encoding`]), signed by its author, of this group, and its author was allowed to
//! make it *in its causal past*, as resolved by these same rules:
//! - Add, Remove, ChangeRole: the author is an admin; the device added is not a current member
//!   (a removed device may be added back), the device removed or changed is one, a role change
//!   changes the role;
//! - RegisterActor: the author is a current admin or facilitator, and the actor id is nobody
//!   else's (a federation device writes nothing, so it registers nothing);
//! - never the removal or demotion of the last admin.
//!
//! Anything else is refused with an [`Error`] and changes nothing. An operation whose parents
//! have not arrived waits (at most [`MAX_PENDING`] of them). Receiving an operation twice does
//! nothing.
//!
//! **Concurrency.** Operations made without seeing each other are weighed when they meet:
//! - A **revocation** (a Remove, or a ChangeRole that takes a capability away) **voids its
//!   target's concurrent operations** that needed what it took: a removed device's Add, Remove,
//!   ChangeRole and RegisterActor that its remover had not seen do nothing, even when they
//!   arrive after the removal or through a device that had not heard of it. What builds on them
//!   falls with them (a device that the removed one added is not a member, so its own
//!   operations do nothing either). Voided operations stay in the log, since others may have
//!   built on them, but take no effect: [`Log::is_effective`] tells.
//! - Revocations are decided one by one, **the more senior author first** (the creator, then
//!   devices in the order they were first added), causal order always respected. So when two
//!   admins remove each other at once, the senior one's removal holds and voids the other's.
//! - A revocation that would leave the group without an admin does nothing: a group always has
//!   one (the last admin's removal is refused when issued; concurrent ones are decided in
//!   order, and the one that would remove the last remaining admin loses).
//! - Other concurrent changes are applied in the canonical order (causal height, then hash): of
//!   two concurrent role changes of one device, the later in that order wins; of two
//!   registrations of one actor id, the earlier.
//!
//! The finer points are in the `resolve` module's documentation.
//!
//! # Example
//!
//! ```
//! use comptoir_authority::{Body, DeviceId, GroupId, Log, Moment, Role};
//! use ed25519_dalek::SigningKey;
//!
//! # fn main() -> Result<(), comptoir_authority::Error> {
//! let (alice, bob) = (SigningKey::from_bytes(&[1; 32]), SigningKey::from_bytes(&[2; 32]));
//! let group = GroupId::new(*b"centre-social-du-parc")?;
//! let mut log = Log::create(&alice, group, Some("Portable d'Alice".into()), Moment::from_unix_seconds(0))?;
//! let add = log.issue(
//!     &alice,
//!     Body::Add { device: DeviceId::from(&bob), role: Role::Facilitator, label: None },
//!     Moment::from_unix_seconds(60),
//! )?;
//!
//! // Bob's device learns the log from Alice's: genesis first, then what it lacks.
//! let mut bobs = Log::from_genesis(log.get(&log.genesis()).cloned().expect("the genesis"))?;
//! bobs.receive_all(log.ops_missing_for(&bobs.heads()).into_iter().cloned());
//! assert_eq!(bobs.role_of(&DeviceId::from(&bob)), Some(Role::Facilitator));
//! assert_eq!(bobs.heads(), vec![add.hash()]);
//!
//! // A facilitator cannot add anyone.
//! let carol = DeviceId::from(&SigningKey::from_bytes(&[3; 32]));
//! let refused = bobs.issue(
//!     &bob,
//!     Body::Add { device: carol, role: Role::Admin, label: None },
//!     Moment::from_unix_seconds(120),
//! );
//! assert!(refused.is_err());
//! # Ok(())
//! # }
//! ```

#![warn(clippy::unwrap_used)]

mod bits;
mod device_id;
pub mod encoding;
mod error;
mod graph;
mod log;
mod op;
mod pending;
mod resolve;
mod role;
mod state;

pub use device_id::DeviceId;
pub use encoding::{decode_ops, encode_ops};
pub use error::Error;
pub use log::{Log, MAX_OPS, MAX_PENDING, Receipt, Report};
pub use op::{Body, GroupId, Moment, OpHash, Operation};
pub use role::Role;
pub use state::{Member, Removal};
