//! The answer to a command that created something.

use serde::{Deserialize, Serialize};

/// The id of what was just created (a group, member, event or note).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Created {
    pub id: String,
}
