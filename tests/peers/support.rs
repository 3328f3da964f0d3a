//! Devices (temporary data directories) and the real `comptoir` processes run on them: the test
//! kit's [`Device`] and [`Server`], and what these tests compare of a group.
//!
//! Every process runs with mDNS off (`COMPTOIR_NO_MDNS=1`, and `--no-mdns` where it networks)
//! and listens on 127.0.0.1 only, on a port the OS picks and `serve` reports. A [`Server`] is
//! killed with its process group and waited for when it goes out of scope, whatever the test's
//! outcome.

use serde_json::Value;

/// One device: a data directory with its own key.
pub use comptoir_testkit::Cli as Device;
/// A running `comptoir serve --json`: its events, one JSON object per line, and its address.
pub use comptoir_testkit::Serve as Server;
pub use comptoir_testkit::{PATIENCE, Run, TIMEOUT, about};

/// The binary under test, built by cargo for this test target.
pub const BIN: &str = env!("CARGO_BIN_EXE_comptoir");

/// What people see of a group.
pub trait Views {
    /// Members, agenda, and every note in full.
    fn views(&self, group: &str) -> Value;
}

impl Views for Device {
    fn views(&self, group: &str) -> Value {
        let notes = self.json(&["note", "list", group]);
        let shown: Vec<Value> = notes
            .as_array()
            .expect("a list of notes")
            .iter()
            .map(|n| self.json(&["note", "show", group, n["id"].as_str().expect("a note id")]))
            .collect();
        serde_json::json!({
            "members": self.json(&["member", "list", group]),
            "events": self.json(&["event", "list", group]),
            "notes": shown,
        })
    }
}

#[test]
fn the_kit_runs_the_binary_cargo_built_for_these_tests() {
    assert_eq!(Device::new().binary(), std::path::Path::new(BIN));
}
