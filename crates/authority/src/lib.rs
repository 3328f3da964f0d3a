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
//! - Baseline (content written before the log, vouched for): the author is an admin;
//! - RegisterActor: the author is a current admin or facilitator, and the actor id is nobody
//!   else's (a federation device writes nothing, so it registers nothing);
//! - never the removal or demotion of the last admin.
//!
//! Anything else is refused with an [`Error`] and changes nothing. An operation whose parents
//! have not arrived waits (at most [`MAX_PENDING`] of them). Receiving an operation twice does
//! nothing.
//!
//! **Concurrency.** Operations made without seeing each other are weighed when they meet, by
//! one deterministic fold over everything the log holds:
//! - A **revocation** (a Remove, or a ChangeRole that takes a capability away: admin to
//!   facilitator or federation, facilitator to federation) **voids its target's concurrent
//!   operations** that needed what it took: operations by the target that its author had not
//!   seen and that were not made after it. A removed device's Adds, Removes, ChangeRoles and
//!   RegisterActors made "in parallel" with its removal do nothing, even when they arrive after
//!   the removal or through a device that had not heard of it. What rests on them falls with
//!   them: a device the removed one added is no member, so its own operations do nothing either.
//!   Voided operations stay in the log (others may have built on them) but take no effect:
//!   [`Log::is_effective`] tells. A device's operations made after it saw its own removal are
//!   simply refused (it is no member in their causal past).
//! - Revocations are decided one at a time, in causal order, and **between concurrent ones the
//!   more senior author's first**. Seniority: the creator first, then devices in the order of
//!   their first Add that took effect (by causal height, then hash — not by anyone's clock; a
//!   voided Add gives none; a device added back keeps its first). So when two admins
//!   remove each other at once, the senior one's removal is decided first, holds, and voids the
//!   other's. A junior admin's removal of a senior one still voids the senior's other concurrent
//!   operations (it is only in a mutual conflict that seniority decides).
//! - A revocation voided in turn (its author was removed concurrently, outside a mutual conflict
//!   it won) or whose author turns out not to have had the authority (it came from an operation
//!   another revocation voids) does nothing, and what it had voided comes back.
//! - A revocation that would leave the group without an admin does nothing: a group always has
//!   one. The last admin's removal or demotion is refused when issued; when concurrent ones
//!   would together remove every admin, the later decided one does nothing.
//! - Other concurrent changes are applied in the canonical order (causal height, then hash): of
//!   two concurrent role changes of one device, the later in that order wins; of two concurrent
//!   Adds of one device, or two registrations of one actor id, the earlier; of two concurrent
//!   removals of one device, the earlier's content heads are kept.
//!
//! **Sync.** Peers exchange heads ([`Log::heads`]) and send what the other lacks
//! ([`Log::ops_missing_for`]), parents first, encoded with [`encode_ops`]. Storage is
//! [`Log::to_bytes`]; [`Log::from_bytes`] checks everything again.
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
//! let mut bobs = Log::from_genesis(log.genesis_operation().clone())?;
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
