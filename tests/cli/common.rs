//! The real `comptoir` binary on a temporary data directory (the test kit's [`Comptoir`]), and
//! what these tests compare of a group before and after a command.

use serde_json::Value;

/// A data directory and the binary to run on it.
pub use comptoir_testkit::Cli as Comptoir;
pub use comptoir_testkit::Run;

/// The binary under test, built by cargo for this test target.
pub const BIN: &str = env!("CARGO_BIN_EXE_comptoir");

/// Everything stored about one group, as the commands show it, plus its raw Automerge bytes
/// (which also change when a command writes something that no listing shows).
#[derive(Debug, PartialEq)]
pub struct Stored {
    pub views: Value,
    pub automerge: Vec<u8>,
}

/// What the tests read of one group through the commands.
pub trait Views {
    /// What the group list and one group's show, member, event and note lists print.
    fn views(&self, group: &str) -> Value;
    /// Everything stored about a group: its views and its Automerge bytes.
    fn stored(&self, group: &str) -> Stored;
}

impl Views for Comptoir {
    fn views(&self, group: &str) -> Value {
        serde_json::json!({
            "groups": self.json(&["group", "list"]),
            "group": self.json(&["group", "show", group]),
            "members": self.json(&["member", "list", group]),
            "events": self.json(&["event", "list", group]),
            "notes": self.json(&["note", "list", group]),
        })
    }

    fn stored(&self, group: &str) -> Stored {
        Stored {
            views: self.views(group),
            automerge: self.bytes(&["export", group, "--format", "automerge"]),
        }
    }
}

/// The names of the members of a `member list --json`.
pub fn names(members: &Value) -> Vec<String> {
    members
        .as_array()
        .expect("a list of members")
        .iter()
        .map(|m| m["name"].as_str().expect("a name").to_string())
        .collect()
}

#[test]
fn the_kit_runs_the_binary_cargo_built_for_these_tests() {
    assert_eq!(Comptoir::new().binary(), std::path::Path::new(BIN));
}
