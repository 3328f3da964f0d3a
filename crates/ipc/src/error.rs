//! The error a command answers with: a code saying which problem it is, and the few values its
//! message needs. The UI words every message itself, in the person's language.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A failure reported across the bridge. `code` says which message to show; `params` holds the
/// values it quotes (what the person typed, the seconds waited…), never other personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IpcError {
    pub code: ErrorCode,
    #[serde(default)]
    pub params: ErrorParams,
}

impl IpcError {
    /// An error without params.
    pub fn new(code: ErrorCode) -> Self {
        Self {
            code,
            params: ErrorParams::default(),
        }
    }

    /// The kind of thing the message is about ("this group", "this note").
    pub fn with_what(mut self, what: Thing) -> Self {
        self.params.what = Some(what);
        self
    }

    /// The form field the message is about.
    pub fn with_field(mut self, field: Field) -> Self {
        self.params.field = Some(field);
        self
    }

    /// What the person typed, quoted back.
    pub fn with_value(mut self, value: impl Into<String>) -> Self {
        self.params.value = Some(value.into());
        self
    }

    /// How long something was waited for.
    pub fn with_seconds(mut self, seconds: u64) -> Self {
        self.params.seconds = Some(seconds);
        self
    }

    /// A technical detail for a bug report (never personal data).
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.params.detail = Some(detail.into());
        self
    }
}

/// For logs: the code and the params that are not typed text.
impl fmt::Display for IpcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.code)?;
        if let Some(what) = self.params.what {
            write!(f, " ({what:?})")?;
        }
        if let Some(field) = self.params.field {
            write!(f, " [{field:?}]")?;
        }
        if let Some(seconds) = self.params.seconds {
            write!(f, " after {seconds} s")?;
        }
        Ok(())
    }
}

impl std::error::Error for IpcError {}

/// The values a message quotes. Each code uses the few it needs; the others stay empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorParams {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what: Option<Thing>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<Field>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// What a "not found" or "several match" is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Thing {
    Group,
    Member,
    Organisation,
    Event,
    Note,
    Section,
    Device,
    Other,
}

/// A form field a message names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Name,
    Title,
    SectionHeading,
    Text,
    Other,
}

/// Which problem it is: one code per message the UI words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    // What the UI or the shell itself reports.
    /// The desktop shell could not be reached (for example, the UI was opened in a browser).
    Unavailable,
    /// The two sides disagree on the wire format: the UI and the shell come from different builds.
    Protocol,
    /// The shell refused the call itself (`detail`: its words, in English).
    Refused,
    /// The shell failed while handling the command (a bug, or a lock whose holder panicked).
    Internal,
    /// Sync is not running on this device.
    Offline,
    /// Nobody answered at an address.
    NoAnswer,

    // Input refused; nothing was saved.
    /// Something typed was refused (no more precise message).
    InvalidInput,
    /// A required field is empty (`field`).
    EmptyField,
    /// Not a date or a time (`value`).
    InvalidDate,
    /// Not one of the choices offered (`value`).
    UnknownValue,
    /// An unknown time zone (`value`).
    UnknownZone,
    /// The group's country gives no time zone.
    NoDefaultZone,
    /// A repetition that is not possible.
    InvalidRecurrence,
    /// An end before its start.
    EndBeforeStart,
    /// A negative number of places.
    NegativeCapacity,
    /// A negative attendance.
    NegativeAttendance,
    /// Coordinates off the Earth.
    InvalidCoordinates,
    /// Not a country code (`value`).
    InvalidCountry,
    /// Not an e-mail address (`value`).
    InvalidEmail,
    /// Not a web link (`value`).
    InvalidLink,
    /// Not a network address (`value`).
    BadAddress,
    /// That date is not one of the event's (`value`: the date).
    NoSuchOccurrence,
    /// A repeating event: which date?
    OccurrenceRequired,

    // Not there, or not allowed.
    /// Not (or no longer) on this device (`what`).
    NotFound,
    /// Not (or no longer) in this group (`what`).
    NotInGroup,
    /// Several things match what was named (`what`).
    Ambiguous,
    /// A revoked device cannot be added back.
    Revoked,
    /// This device cannot revoke itself.
    SelfRevocation,
    /// Only a facilitator device of the group may invite.
    NotFacilitatorDevice,
    /// Only an admin device of the group may invite or remove devices.
    NotAdmin,
    /// An admin removed this device from the group: it may no longer change or sync it.
    RemovedFromGroup,
    /// Changes received (a file imported) were refused: written by a device that may not
    /// write the group, or breaking its document.
    ChangesRefused,

    // Data on this computer.
    /// A file is not a Comptoir group.
    NotAGroup,
    /// The data on this device was written by a newer Comptoir: update to open it.
    NewerVersion,
    /// This group was written by a newer Comptoir: update to open it.
    NewerGroup,
    /// A group's document is damaged; it was left untouched.
    DocumentDamaged,
    /// The database is damaged; it was left untouched.
    DatabaseDamaged,
    /// The device key is unreadable; it was left untouched.
    DeviceKeyDamaged,
    /// Another program holds the database for too long.
    Busy,
    /// Reading or writing on this computer failed.
    Storage,
    /// No folder for Comptoir's data.
    NoDataDir,
    /// The export could not be made.
    ExportFailed,
    /// The exported file could not be saved.
    SaveFailed,

    // Other devices.
    /// Sync with other devices failed.
    SyncFailed,
    /// The devices reached share no group with this one.
    NothingShared,
    /// No device answered in time (`seconds`).
    NoPeerReached,
    /// Not every group was up to date in time (`seconds`).
    SyncIncomplete,
    /// The invitation code is mistyped or not a code.
    InvitationMalformed,
    /// The invitation code has expired.
    InvitationExpired,
    /// The invitation code was already used.
    InvitationUsed,
    /// The inviting device does not recognise the code.
    InvitationNotRecognised,
    /// An admin of the group refused the join.
    JoinDenied,
    /// The inviting device was not found in time (`seconds`).
    InviterUnreachable,
    /// The inviting device went away before the group arrived.
    InviterLeft,
}

impl ErrorCode {
    /// Every code, for tests that check each one has its words (a new code goes here too).
    pub const ALL: [ErrorCode; 54] = [
        ErrorCode::Unavailable,
        ErrorCode::Protocol,
        ErrorCode::Refused,
        ErrorCode::Internal,
        ErrorCode::Offline,
        ErrorCode::NoAnswer,
        ErrorCode::InvalidInput,
        ErrorCode::EmptyField,
        ErrorCode::InvalidDate,
        ErrorCode::UnknownValue,
        ErrorCode::UnknownZone,
        ErrorCode::NoDefaultZone,
        ErrorCode::InvalidRecurrence,
        ErrorCode::EndBeforeStart,
        ErrorCode::NegativeCapacity,
        ErrorCode::NegativeAttendance,
        ErrorCode::InvalidCoordinates,
        ErrorCode::InvalidCountry,
        ErrorCode::InvalidEmail,
        ErrorCode::InvalidLink,
        ErrorCode::BadAddress,
        ErrorCode::NoSuchOccurrence,
        ErrorCode::OccurrenceRequired,
        ErrorCode::NotFound,
        ErrorCode::NotInGroup,
        ErrorCode::Ambiguous,
        ErrorCode::Revoked,
        ErrorCode::SelfRevocation,
        ErrorCode::NotFacilitatorDevice,
        ErrorCode::NotAdmin,
        ErrorCode::RemovedFromGroup,
        ErrorCode::ChangesRefused,
        ErrorCode::NotAGroup,
        ErrorCode::NewerVersion,
        ErrorCode::NewerGroup,
        ErrorCode::DocumentDamaged,
        ErrorCode::DatabaseDamaged,
        ErrorCode::DeviceKeyDamaged,
        ErrorCode::Busy,
        ErrorCode::Storage,
        ErrorCode::NoDataDir,
        ErrorCode::ExportFailed,
        ErrorCode::SaveFailed,
        ErrorCode::SyncFailed,
        ErrorCode::NothingShared,
        ErrorCode::NoPeerReached,
        ErrorCode::SyncIncomplete,
        ErrorCode::InvitationMalformed,
        ErrorCode::InvitationExpired,
        ErrorCode::InvitationUsed,
        ErrorCode::JoinDenied,
        ErrorCode::InvitationNotRecognised,
        ErrorCode::InviterUnreachable,
        ErrorCode::InviterLeft,
    ];
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn travels_as_code_and_params() -> serde_json::Result<()> {
        let error = IpcError::new(ErrorCode::InvalidEmail).with_value("salome@");
        let json = serde_json::to_string(&error)?;
        assert_eq!(
            json,
            r#"{"code":"invalid_email","params":{"value":"salome@"}}"#
        );
        assert_eq!(serde_json::from_str::<IpcError>(&json)?, error);

        let error = IpcError::new(ErrorCode::Internal);
        assert_eq!(
            serde_json::to_string(&error)?,
            r#"{"code":"internal","params":{}}"#
        );
        // A shell that sends no params at all is read the same.
        assert_eq!(
            serde_json::from_str::<IpcError>(r#"{"code":"internal"}"#)?,
            error
        );
        Ok(())
    }

    #[test]
    fn the_log_line_leaves_typed_text_out() {
        let error = IpcError::new(ErrorCode::NotFound)
            .with_what(Thing::Note)
            .with_value("Salomé");
        assert_eq!(error.to_string(), "NotFound (Note)");
        let error = IpcError::new(ErrorCode::NoPeerReached).with_seconds(30);
        assert_eq!(error.to_string(), "NoPeerReached after 30 s");
    }

    #[test]
    fn every_code_is_listed_once_with_its_own_name() -> serde_json::Result<()> {
        let names: HashSet<String> = ErrorCode::ALL
            .iter()
            .map(serde_json::to_string)
            .collect::<Result<_, _>>()?;
        assert_eq!(names.len(), ErrorCode::ALL.len());
        for code in ErrorCode::ALL {
            let name = serde_json::to_string(&code)?;
            assert_eq!(serde_json::from_str::<ErrorCode>(&name)?, code);
        }
        Ok(())
    }
}
