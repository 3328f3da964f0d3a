//! Which devices may sync a group: its access list, carried inside the group's own document.
//!
//! A device is authorized when it is listed under `access` and not listed under `revoked`.
//! Revocation is a separate map rather than a deletion, so that a concurrent update of the
//! revoked entry can never bring the device back.

use autosurgeon::{Hydrate, Reconcile};
use serde::Serialize;

use crate::codec::{Date, vocabulary};

vocabulary! {
    /// What a device may do with a group.
    DeviceRole: "device role" {
        /// Reads and writes everything.
        Facilitator = "facilitator" | "animateur" | "animatrice",
        /// Reads what the group publishes (federation peers; not granted yet).
        Federation = "federation" | "fédération",
    }
}

/// A device allowed to sync the group, keyed by its peer id.
#[derive(Debug, Clone, PartialEq, Eq, Reconcile, Hydrate, Serialize)]
pub struct Device {
    pub role: DeviceRole,
    /// A name people recognise ("Portable d'Élise"), optional.
    pub label: Option<String>,
    /// The device that added this one (itself for the group's creator).
    pub added_by: String,
    pub added_on: Date,
}

/// A device removed from future syncs.
#[derive(Debug, Clone, PartialEq, Eq, Reconcile, Hydrate, Serialize)]
pub struct Revocation {
    pub revoked_by: String,
    pub revoked_on: Date,
}
