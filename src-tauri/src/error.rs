//! Application errors as the UI receives them: a code per message and the few values it quotes.
//!
//! The English messages of `comptoir-app` are for logs and scripts; the UI words each code itself,
//! in French or English. Here each error is matched by its variant or its kind, never by its text.

use comptoir_app::model::ModelError;
use comptoir_app::{AppError, ErrorKind, InvitationError, IoAction, Refusal};
use comptoir_ipc::{ErrorCode, Field, IpcError, Thing};

/// Converts an application error for the UI. Only the code is logged: some errors quote what
/// was typed (an e-mail address), and personal data never goes to logs.
pub fn to_ipc(error: AppError) -> IpcError {
    tracing::warn!(code = error.code(), "command failed");
    match &error {
        AppError::Model(e) => model_error(e),
        AppError::NotFound { what, .. } => {
            IpcError::new(ErrorCode::NotFound).with_what(thing(what))
        }
        AppError::Ambiguous { what, .. } => {
            IpcError::new(ErrorCode::Ambiguous).with_what(thing(what))
        }
        AppError::Invitation(e) => invitation_error(e),
        AppError::BadAddress { text, .. } | AppError::NotTcpAddress { text } => {
            IpcError::new(ErrorCode::BadAddress).with_value(text.trim())
        }
        AppError::SelfRevocation => IpcError::new(ErrorCode::SelfRevocation),
        AppError::NotFacilitatorDevice => IpcError::new(ErrorCode::NotFacilitatorDevice),
        AppError::NotAdmin => IpcError::new(ErrorCode::NotAdmin),
        AppError::RemovedFromGroup { .. } | AppError::ReadOnlyDevice { .. } => {
            IpcError::new(ErrorCode::RemovedFromGroup)
        }
        AppError::Offline | AppError::NodeStopped => offline(),
        AppError::NothingShared => IpcError::new(ErrorCode::NothingShared),
        AppError::NoPeerReached { seconds } => {
            IpcError::new(ErrorCode::NoPeerReached).with_seconds(*seconds)
        }
        AppError::SyncIncomplete { seconds } => {
            IpcError::new(ErrorCode::SyncIncomplete).with_seconds(*seconds)
        }
        AppError::Io {
            action: IoAction::SaveExport | IoAction::FindExportFolder,
            ..
        } => IpcError::new(ErrorCode::SaveFailed),
        _ => by_kind(error.kind()),
    }
}

/// The message for a kind of error that needs no more than its kind.
fn by_kind(kind: ErrorKind) -> IpcError {
    IpcError::new(match kind {
        ErrorKind::InvalidInput => ErrorCode::InvalidInput,
        // The store's only "not found": a group id that is not stored here.
        ErrorKind::NotFound => return IpcError::new(ErrorCode::NotFound).with_what(Thing::Group),
        ErrorKind::Ambiguous => ErrorCode::Ambiguous,
        ErrorKind::NotAGroup => ErrorCode::NotAGroup,
        ErrorKind::NewerVersion => ErrorCode::NewerVersion,
        ErrorKind::DocumentDamaged => ErrorCode::DocumentDamaged,
        ErrorKind::DatabaseDamaged => ErrorCode::DatabaseDamaged,
        ErrorKind::DeviceKeyDamaged => ErrorCode::DeviceKeyDamaged,
        ErrorKind::Busy => ErrorCode::Busy,
        ErrorKind::Storage | ErrorKind::Io => ErrorCode::Storage,
        ErrorKind::NoDataDir => ErrorCode::NoDataDir,
        ErrorKind::Export => ErrorCode::ExportFailed,
        ErrorKind::Network | ErrorKind::Sync => ErrorCode::SyncFailed,
        ErrorKind::Invitation => ErrorCode::InvitationMalformed,
        ErrorKind::NotAllowed => ErrorCode::InvalidInput,
        _ => ErrorCode::Internal,
    })
}

/// Dialling an address failed: the address was not one, or nobody answered there.
pub fn dial_failed(error: AppError) -> IpcError {
    match error {
        AppError::Net(_) | AppError::NoPeerReached { .. } => no_answer(),
        other => to_ipc(other),
    }
}

/// Nobody answered at an address.
pub fn no_answer() -> IpcError {
    IpcError::new(ErrorCode::NoAnswer)
}

/// Sync is not running on this device: what needs the network waits for another time.
pub fn offline() -> IpcError {
    IpcError::new(ErrorCode::Offline)
}

fn invitation_error(error: &InvitationError) -> IpcError {
    match error {
        InvitationError::Malformed { .. } => IpcError::new(ErrorCode::InvitationMalformed),
        InvitationError::Expired | InvitationError::Refused(Refusal::Expired) => {
            IpcError::new(ErrorCode::InvitationExpired)
        }
        InvitationError::Refused(Refusal::AlreadyUsed) => IpcError::new(ErrorCode::InvitationUsed),
        InvitationError::Refused(Refusal::Denied) => IpcError::new(ErrorCode::JoinDenied),
        InvitationError::Refused(Refusal::NotRecognised) => {
            IpcError::new(ErrorCode::InvitationNotRecognised)
        }
        InvitationError::Unreachable { seconds } => {
            IpcError::new(ErrorCode::InviterUnreachable).with_seconds(*seconds)
        }
        InvitationError::InviterLeft => IpcError::new(ErrorCode::InviterLeft),
    }
}

fn model_error(error: &ModelError) -> IpcError {
    let typed = |code, value: &str| IpcError::new(code).with_value(value);
    match error {
        ModelError::EmptyField { field } => {
            IpcError::new(ErrorCode::EmptyField).with_field(field_of(field))
        }
        ModelError::InvalidDate { value, .. } => typed(ErrorCode::InvalidDate, value),
        ModelError::UnknownValue { value, .. } => typed(ErrorCode::UnknownValue, value),
        ModelError::UnknownZone(zone) => typed(ErrorCode::UnknownZone, zone),
        ModelError::NoDefaultZone { .. } => IpcError::new(ErrorCode::NoDefaultZone),
        ModelError::InvalidRecurrence { .. } => IpcError::new(ErrorCode::InvalidRecurrence),
        ModelError::EndBeforeStart { .. } => IpcError::new(ErrorCode::EndBeforeStart),
        ModelError::NegativeCapacity(_) => IpcError::new(ErrorCode::NegativeCapacity),
        ModelError::NegativeAttendance(_) => IpcError::new(ErrorCode::NegativeAttendance),
        ModelError::InvalidCoordinates { .. } => IpcError::new(ErrorCode::InvalidCoordinates),
        ModelError::InvalidCountry(value) => typed(ErrorCode::InvalidCountry, value),
        ModelError::InvalidEmail(value) => typed(ErrorCode::InvalidEmail, value),
        ModelError::InvalidLink(value) => typed(ErrorCode::InvalidLink, value),
        ModelError::NotFound { what, .. } => {
            IpcError::new(ErrorCode::NotInGroup).with_what(thing(what))
        }
        ModelError::Revoked(_) => IpcError::new(ErrorCode::Revoked),
        ModelError::NoSuchOccurrence { date } => typed(ErrorCode::NoSuchOccurrence, date),
        ModelError::OccurrenceRequired { .. } => IpcError::new(ErrorCode::OccurrenceRequired),
        ModelError::NotAGroupDocument(_) => IpcError::new(ErrorCode::NotAGroup),
        ModelError::NewerSchema { .. } => IpcError::new(ErrorCode::NewerGroup),
        ModelError::UnauthorizedChanges { .. }
        | ModelError::UnknownAuthors { .. }
        | ModelError::ShapeBroken(_)
        | ModelError::TooManyWaiting { .. } => IpcError::new(ErrorCode::ChangesRefused),
        ModelError::Automerge(_) | ModelError::Hydrate(_) | ModelError::Reconcile(_) => {
            IpcError::new(ErrorCode::DocumentDamaged)
        }
    }
}

/// The form field a model error names (the model names its fields in English words).
fn field_of(field: &str) -> Field {
    match field {
        "name" => Field::Name,
        "title" => Field::Title,
        "section heading" => Field::SectionHeading,
        "text" => Field::Text,
        _ => Field::Other,
    }
}

/// What a "not found" is about (the app and the model name it in English words).
fn thing(what: &str) -> Thing {
    match what {
        "group" => Thing::Group,
        "member" => Thing::Member,
        "organisation" => Thing::Organisation,
        "event" | "event for this occurrence" => Thing::Event,
        "note" => Thing::Note,
        "section" => Thing::Section,
        "device" => Thing::Device,
        _ => Thing::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_carry_their_code_and_what_the_message_quotes() {
        let error = to_ipc(AppError::NotFound {
            what: "note",
            query: "abcd".into(),
        });
        assert_eq!(
            error,
            IpcError::new(ErrorCode::NotFound).with_what(Thing::Note)
        );

        let error = to_ipc(AppError::Model(ModelError::EmptyField { field: "title" }));
        assert_eq!(
            error,
            IpcError::new(ErrorCode::EmptyField).with_field(Field::Title)
        );

        let error = to_ipc(AppError::Model(ModelError::InvalidEmail(
            "salome@example".into(),
        )));
        assert_eq!(
            error,
            IpcError::new(ErrorCode::InvalidEmail).with_value("salome@example")
        );

        let error = dial_failed(AppError::BadAddress {
            text: " le café ".into(),
            reason: "invalid multiaddr".into(),
        });
        assert_eq!(
            error,
            IpcError::new(ErrorCode::BadAddress).with_value("le café")
        );

        let error = to_ipc(InvitationError::Unreachable { seconds: 60 }.into());
        assert_eq!(
            error,
            IpcError::new(ErrorCode::InviterUnreachable).with_seconds(60)
        );

        let error = to_ipc(AppError::Io {
            action: IoAction::SaveExport,
            source: std::io::Error::other("disk full"),
        });
        assert_eq!(error, IpcError::new(ErrorCode::SaveFailed));
    }

    #[test]
    fn the_rest_is_coded_by_kind() {
        assert_eq!(to_ipc(AppError::NoDataDir).code, ErrorCode::NoDataDir);
        assert_eq!(
            to_ipc(AppError::Io {
                action: IoAction::ReadDeviceKey,
                source: std::io::Error::other("permission denied"),
            })
            .code,
            ErrorCode::Storage
        );
        assert_eq!(
            to_ipc(AppError::UnknownExportFormat { text: "pdf".into() }).code,
            ErrorCode::InvalidInput
        );
    }
}
