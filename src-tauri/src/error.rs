//! Application errors said in French, in plain words, for the person using the app.
//!
//! The English messages of `comptoir-app` are for logs and scripts; here each case gets its own
//! French sentence, built from the error's data, never from its English text.

use comptoir_app::model::ModelError;
use comptoir_app::{AppError, InvitationError, Refusal};
use comptoir_ipc::{ErrorCode, IpcError};

/// Converts an application error for the UI. Only the code is logged: some messages quote what
/// was typed (an e-mail address), and personal data never goes to logs.
pub fn to_ipc(error: AppError) -> IpcError {
    tracing::warn!(code = error.code(), "command failed");
    let code = match error.code() {
        "invalid-input" => ErrorCode::InvalidInput,
        "not-found" => ErrorCode::NotFound,
        "ambiguous" => ErrorCode::Ambiguous,
        "not-a-group" => ErrorCode::NotAGroup,
        "newer-version" => ErrorCode::NewerVersion,
        "document-damaged" | "database-damaged" => ErrorCode::Damaged,
        "busy" => ErrorCode::Busy,
        "network" | "sync" => ErrorCode::Network,
        "storage" | "io" | "no-data-dir" | "export" => ErrorCode::Storage,
        _ => ErrorCode::Internal,
    };
    IpcError::new(code, message(&error))
}

/// Dialling an address failed: the address was not one, or nobody answered there.
pub fn dial_failed(error: AppError) -> IpcError {
    match error {
        AppError::Net(_) => no_answer(),
        AppError::Invalid(_) => IpcError::new(
            ErrorCode::InvalidInput,
            "Ce n'est pas une adresse : écrivez-la comme l'autre appareil l'affiche, par \
             exemple 192.168.1.20:4710.",
        ),
        other => to_ipc(other),
    }
}

/// Nobody answered at an address.
pub fn no_answer() -> IpcError {
    IpcError::new(
        ErrorCode::Network,
        "Aucun appareil Comptoir n'a répondu à cette adresse. Vérifiez-la, et que l'autre \
         appareil est allumé, avec Comptoir ouvert, sur le même réseau.",
    )
}

/// Sync is not running on this device: what needs the network waits for another time.
pub fn offline() -> IpcError {
    IpcError::new(
        ErrorCode::Network,
        "Comptoir est hors ligne sur cet appareil : pour cela, il faut être connecté au même \
         réseau que l'autre appareil. Vos données restent disponibles ici.",
    )
}

fn message(error: &AppError) -> String {
    match error {
        AppError::Model(e) => model_message(e),
        AppError::NotFound { what, .. } => {
            format!("{} est introuvable sur cet appareil.", thing(what))
        }
        AppError::Ambiguous { what, .. } => format!(
            "Plusieurs éléments correspondent ({}) : précisez lequel.",
            thing(what).to_lowercase()
        ),
        AppError::NoDataDir => "Comptoir ne trouve pas de dossier où ranger vos données. \
                                Indiquez-en un avec la variable COMPTOIR_DATA_DIR."
            .into(),
        AppError::Io {
            what: "save an export",
            ..
        } => "Le fichier n'a pas pu être enregistré : vérifiez que le dossier de \
              téléchargements existe et qu'il reste de la place sur l'ordinateur."
            .into(),
        AppError::Store(_) | AppError::Io { .. } => store_message(error.code()),
        AppError::Export(_) => "L'export n'a pas pu être écrit.".into(),
        AppError::Invitation(e) => invitation_message(e),
        AppError::Net(_) | AppError::Sync(_) => {
            "La synchronisation avec les autres appareils a échoué. Vos données sont intactes ; \
             elle reprendra d'elle-même."
                .into()
        }
        AppError::Invalid(_) => {
            "Cette demande n'a pas pu aboutir : vérifiez ce qui a été saisi.".into()
        }
        AppError::Damaged { .. } | AppError::WrongDocument { .. } => {
            "Ce groupe n'a pas pu être lu : ses données sur cet appareil sont abîmées. Elles \
             n'ont pas été modifiées, et les autres groupes fonctionnent normalement."
                .into()
        }
        AppError::NothingShared => "Les appareils joints ne partagent aucun groupe avec \
                                    celui-ci : il faut d'abord une invitation."
            .into(),
        AppError::NoPeerReached { .. } | AppError::NotUpToDate { .. } => no_answer().message,
        AppError::Offline | AppError::NodeStopped => offline().message,
    }
}

fn invitation_message(error: &InvitationError) -> String {
    match error {
        InvitationError::Malformed { .. } => "Ce code d'invitation n'est pas valable : \
                                              vérifiez chaque caractère, ou demandez-le à nouveau."
            .into(),
        InvitationError::Expired | InvitationError::Refused(Refusal::Expired) => {
            "Ce code d'invitation a expiré. Demandez-en un nouveau.".into()
        }
        InvitationError::Refused(Refusal::AlreadyUsed) => {
            "Ce code d'invitation a déjà servi. Demandez-en un nouveau.".into()
        }
        InvitationError::Refused(Refusal::NotRecognised) => {
            "L'appareil qui vous invite ne reconnaît pas ce code. Vérifiez-le, ou demandez-en \
             un nouveau."
                .into()
        }
        InvitationError::Unreachable { .. } => "L'appareil qui vous invite est introuvable. \
                                                Il doit être allumé, avec Comptoir ouvert, sur \
                                                le même réseau que vous."
            .into(),
        InvitationError::InviterLeft => "L'appareil qui vous invite s'est déconnecté avant la \
                                         fin. Réessayez quand il est de nouveau là."
            .into(),
    }
}

fn store_message(code: &str) -> String {
    match code {
        "database-damaged" => "La base de données de Comptoir est abîmée. Elle n'a pas été \
                               modifiée : faites-en une copie et demandez de l'aide."
            .into(),
        "newer-version" => "Ces données viennent d'une version plus récente de Comptoir. \
                            Mettez Comptoir à jour pour les ouvrir."
            .into(),
        "busy" => {
            "Un autre programme Comptoir écrit en ce moment. Réessayez dans un instant.".into()
        }
        "not-found" => "Ce groupe n'est pas sur cet appareil.".into(),
        _ => "Comptoir n'a pas pu lire ou écrire ses données sur cet ordinateur.".into(),
    }
}

fn model_message(error: &ModelError) -> String {
    match error {
        ModelError::EmptyField { field } => format!("{} doit être rempli.", field_name(field)),
        ModelError::InvalidDate { value, .. } => {
            format!("« {value} » n'est pas une date ou une heure valable.")
        }
        ModelError::UnknownValue { value, .. } => {
            format!("« {value} » ne fait pas partie des choix possibles.")
        }
        ModelError::UnknownZone(zone) => format!("Le fuseau horaire « {zone} » est inconnu."),
        ModelError::NoDefaultZone { .. } => "Le pays du groupe n'indique pas de fuseau horaire : \
                                             précisez le pays (BE ou FR) dans le profil du groupe."
            .into(),
        ModelError::InvalidRecurrence { .. } => {
            "Cette répétition n'est pas possible : vérifiez la date de fin.".into()
        }
        ModelError::EndBeforeStart { .. } => "La fin doit venir après le début.".into(),
        ModelError::NegativeCapacity(_) => "Le nombre de places ne peut pas être négatif.".into(),
        ModelError::NegativeAttendance(_) => {
            "Le nombre de participant·es ne peut pas être négatif.".into()
        }
        ModelError::InvalidCoordinates { .. } => "Ces coordonnées ne sont pas sur la Terre.".into(),
        ModelError::InvalidCountry(value) => {
            format!("« {value} » n'est pas un pays : écrivez deux lettres, comme BE ou FR.")
        }
        ModelError::InvalidEmail(value) => {
            format!("« {value} » n'est pas une adresse e-mail valable.")
        }
        ModelError::InvalidLink(value) => {
            format!("« {value} » n'est pas un lien : il doit commencer par https:// ou http://.")
        }
        ModelError::NotFound { what, .. } => {
            format!("{} est introuvable dans ce groupe.", thing(what))
        }
        ModelError::Revoked(_) => "Cet appareil a été retiré du groupe : il ne peut pas y être \
                                   ajouté à nouveau."
            .into(),
        ModelError::NoSuchOccurrence { date } => {
            format!("Cette rencontre n'a pas lieu le {date}.")
        }
        ModelError::OccurrenceRequired { .. } => {
            "Cette rencontre se répète : choisissez de quelle date il s'agit.".into()
        }
        ModelError::NotAGroupDocument(_) => "Ce fichier n'est pas un groupe Comptoir.".into(),
        ModelError::NewerSchema { .. } => "Ce groupe vient d'une version plus récente de \
                                           Comptoir. Mettez Comptoir à jour pour l'ouvrir."
            .into(),
        _ => "Les données de ce groupe sont abîmées. Elles n'ont pas été modifiées.".into(),
    }
}

/// "The name", "the title"… as the subject of a French sentence.
fn field_name(field: &str) -> &'static str {
    match field {
        "name" => "Le nom",
        "title" => "Le titre",
        "section heading" => "Le titre de la rubrique",
        "text" => "Le texte",
        _ => "Ce champ",
    }
}

/// "This group", "this member"… as the subject of a French sentence.
fn thing(what: &str) -> &'static str {
    match what {
        "group" => "Ce groupe",
        "member" => "Ce membre",
        "organisation" => "Cette organisation",
        "event" | "event for this occurrence" => "Cette rencontre",
        "note" => "Cette synthèse",
        "section" => "Cette rubrique",
        "device" => "Cet appareil",
        _ => "Cet élément",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_said_in_french_with_their_code() {
        let error = to_ipc(AppError::NotFound {
            what: "note",
            query: "abcd".into(),
        });
        assert_eq!(error.code, ErrorCode::NotFound);
        assert_eq!(
            error.message,
            "Cette synthèse est introuvable sur cet appareil."
        );

        let error = to_ipc(AppError::Model(ModelError::EmptyField { field: "title" }));
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert_eq!(error.message, "Le titre doit être rempli.");
    }
}
