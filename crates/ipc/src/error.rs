//! The error a command answers with: a code the UI can act on and a message it can show.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A failure reported across the bridge. `message` is written in French for the person using the
/// app; `code` is for the UI to decide what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for IpcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for IpcError {}

/// What went wrong, as far as the UI needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The desktop shell could not be reached (for example, the UI was opened in a browser).
    Unavailable,
    /// The two sides disagree on the wire format: the UI and the shell come from different builds.
    Protocol,
    /// The shell failed while handling the command.
    Internal,
    /// What the person typed was refused; the message says what to fix.
    InvalidInput,
    /// The group, member, event or note named is not (or no longer) on this device.
    NotFound,
    /// Several things match what was named.
    Ambiguous,
    /// A file is not a Comptoir group.
    NotAGroup,
    /// Written by a newer Comptoir: update to open it.
    NewerVersion,
    /// A group's document or the database is damaged; it was left untouched.
    Damaged,
    /// Another program holds the database for too long.
    Busy,
    /// Reading or writing on this computer failed.
    Storage,
    /// The network or sync failed.
    Network,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn travels_as_code_and_message() -> serde_json::Result<()> {
        let error = IpcError::new(ErrorCode::Internal, "Impossible de lire les groupes.");
        assert_eq!(
            serde_json::to_string(&error)?,
            r#"{"code":"internal","message":"Impossible de lire les groupes."}"#
        );
        assert_eq!(error.to_string(), "Impossible de lire les groupes.");
        Ok(())
    }
}
