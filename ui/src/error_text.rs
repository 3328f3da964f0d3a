//! Every error message of the interface, in French and in English: one text per code the shell
//! (or the bridge) answers with, and the values it quotes put in their places.
//!
//! A text names its values in braces: `{value}` (what the person typed), `{seconds}`, `{detail}`
//! (a technical detail), `{What}` ("Cette synthèse", "This synthesis"), `{things}`
//! ("synthèses", "syntheses") and `{Field}` ("Le titre", "The title").

use comptoir_ipc::{ErrorCode, ErrorParams, Field, IpcError, Thing};

use crate::i18n::Lang;

/// What went wrong, said in `lang`.
pub fn error_text(error: &IpcError, lang: Lang) -> String {
    interpolate(text(error.code, lang), &error.params, lang)
}

/// The message of a code, its values still in braces.
fn text(code: ErrorCode, lang: Lang) -> &'static str {
    match code {
        ErrorCode::Unavailable => lang.pick(
            "Cette page doit être ouverte dans l'application Comptoir : seule l'application de bureau peut lire vos groupes.",
            "This page must be opened in the Comptoir app: only the desktop app can read your groups.",
        ),
        ErrorCode::Protocol => lang.pick(
            "L'interface et l'application de bureau ne viennent pas de la même version de Comptoir. Réinstallez l'application.",
            "The interface and the desktop app come from different versions of Comptoir. Reinstall the app.",
        ),
        ErrorCode::Refused => lang.pick(
            "L'application de bureau a refusé la demande (détail technique : {detail}).",
            "The desktop app refused the request (technical detail: {detail}).",
        ),
        ErrorCode::Internal => lang.pick(
            "Comptoir a rencontré un problème interne. Fermez et rouvrez l'application ; vos données enregistrées sont intactes.",
            "Comptoir ran into an internal problem. Close and reopen the app; your saved data is intact.",
        ),
        ErrorCode::Offline => lang.pick(
            "Comptoir est hors ligne sur cet appareil : pour cela, il faut être connecté au même réseau que l'autre appareil. Vos données restent disponibles ici.",
            "Comptoir is offline on this device: this needs a connection to the same network as the other device. Your data is still available here.",
        ),
        ErrorCode::NoAnswer => lang.pick(
            "Aucun appareil Comptoir n'a répondu à cette adresse. Vérifiez-la, et que l'autre appareil est allumé, avec Comptoir ouvert, sur le même réseau.",
            "No Comptoir device answered at this address. Check it, and that the other device is on, with Comptoir open, on the same network.",
        ),
        ErrorCode::InvalidInput => lang.pick(
            "Cette demande n'a pas pu aboutir : vérifiez ce qui a été saisi. Rien n'a été enregistré.",
            "This could not be done: check what was typed. Nothing was saved.",
        ),
        ErrorCode::EmptyField => lang.pick("{Field} doit être rempli.", "{Field} must be filled in."),
        ErrorCode::InvalidDate => lang.pick(
            "« {value} » n'est pas une date ou une heure valable.",
            "“{value}” is not a valid date or time.",
        ),
        ErrorCode::UnknownValue => lang.pick(
            "« {value} » ne fait pas partie des choix possibles.",
            "“{value}” is not one of the possible choices.",
        ),
        ErrorCode::UnknownZone => lang.pick(
            "Le fuseau horaire « {value} » est inconnu.",
            "The time zone “{value}” is unknown.",
        ),
        ErrorCode::NoDefaultZone => lang.pick(
            "Le pays du groupe n'indique pas de fuseau horaire : précisez le pays (BE ou FR) dans le profil du groupe.",
            "The group's country gives no time zone: set the country (BE or FR) in the group's profile.",
        ),
        ErrorCode::InvalidRecurrence => lang.pick(
            "Cette répétition n'est pas possible : vérifiez la date de fin.",
            "This repetition is not possible: check the end date.",
        ),
        ErrorCode::EndBeforeStart => lang.pick(
            "La fin doit venir après le début.",
            "The end must come after the start.",
        ),
        ErrorCode::NegativeCapacity => lang.pick(
            "Le nombre de places ne peut pas être négatif.",
            "The number of places cannot be negative.",
        ),
        ErrorCode::NegativeAttendance => lang.pick(
            "Le nombre de participant·es ne peut pas être négatif.",
            "The number of participants cannot be negative.",
        ),
        ErrorCode::InvalidCoordinates => lang.pick(
            "Ces coordonnées ne sont pas sur la Terre.",
            "These coordinates are not on Earth.",
        ),
        ErrorCode::InvalidCountry => lang.pick(
            "« {value} » n'est pas un pays : écrivez deux lettres, comme BE ou FR.",
            "“{value}” is not a country: write two letters, such as BE or FR.",
        ),
        ErrorCode::InvalidEmail => lang.pick(
            "« {value} » n'est pas une adresse e-mail valable.",
            "“{value}” is not a valid e-mail address.",
        ),
        ErrorCode::InvalidLink => lang.pick(
            "« {value} » n'est pas un lien : il doit commencer par https:// ou http://.",
            "“{value}” is not a link: it must start with https:// or http://.",
        ),
        ErrorCode::BadAddress => lang.pick(
            "« {value} » n'est pas une adresse : écrivez-la comme l'autre appareil l'affiche, par exemple 192.168.1.20:4710.",
            "“{value}” is not an address: write it as the other device shows it, for example 192.168.1.20:4710.",
        ),
        ErrorCode::NoSuchOccurrence => lang.pick(
            "Cette rencontre n'a pas lieu le {value}.",
            "This meeting does not take place on {value}.",
        ),
        ErrorCode::OccurrenceRequired => lang.pick(
            "Cette rencontre se répète : choisissez de quelle date il s'agit.",
            "This meeting repeats: choose which date you mean.",
        ),
        ErrorCode::NotFound => lang.pick(
            "{What} est introuvable sur cet appareil.",
            "{What} is not on this device.",
        ),
        ErrorCode::NotInGroup => lang.pick(
            "{What} est introuvable dans ce groupe.",
            "{What} is not in this group.",
        ),
        ErrorCode::Ambiguous => lang.pick(
            "Plusieurs {things} correspondent : précisez davantage.",
            "Several {things} match: be more precise.",
        ),
        ErrorCode::Revoked => lang.pick(
            "Cet appareil a été retiré du groupe : il ne peut pas y être ajouté à nouveau.",
            "This device was removed from the group: it cannot be added back.",
        ),
        ErrorCode::SelfRevocation => lang.pick(
            "Cet appareil ne peut pas se retirer lui-même du groupe : retirez-le depuis un autre appareil du groupe.",
            "This device cannot remove itself from the group: remove it from another device of the group.",
        ),
        ErrorCode::NotFacilitatorDevice => lang.pick(
            "Seuls les appareils des animateur·ices de ce groupe peuvent inviter, et celui-ci n'en fait pas partie.",
            "Only the facilitators' devices of this group can invite, and this device is not one of them.",
        ),
        ErrorCode::NotAdmin => lang.pick(
            "Seuls les appareils qui administrent ce groupe peuvent inviter ou retirer un appareil.",
            "Only the devices that administer this group can invite or remove a device.",
        ),
        ErrorCode::RemovedFromGroup => lang.pick(
            "Un appareil administrateur a retiré cet appareil du groupe : il ne peut plus le modifier ni le synchroniser. Demandez une nouvelle invitation si c'est une erreur.",
            "An admin device removed this device from the group: it can no longer change it or sync it. Ask for a new invitation if this is a mistake.",
        ),
        ErrorCode::ChangesRefused => lang.pick(
            "Des modifications ont été refusées : elles viennent d'un appareil qui n'a pas le droit d'écrire dans ce groupe, ou elles abîmeraient le groupe. Rien n'a été changé.",
            "Some changes were refused: they come from a device that may not write in this group, or they would damage the group. Nothing was changed.",
        ),
        ErrorCode::NotAGroup => lang.pick(
            "Ce fichier n'est pas un groupe Comptoir.",
            "This file is not a Comptoir group.",
        ),
        ErrorCode::NewerVersion => lang.pick(
            "Ces données viennent d'une version plus récente de Comptoir. Mettez Comptoir à jour pour les ouvrir.",
            "This data comes from a newer version of Comptoir. Update Comptoir to open it.",
        ),
        ErrorCode::NewerGroup => lang.pick(
            "Ce groupe vient d'une version plus récente de Comptoir. Mettez Comptoir à jour pour l'ouvrir.",
            "This group comes from a newer version of Comptoir. Update Comptoir to open it.",
        ),
        ErrorCode::DocumentDamaged => lang.pick(
            "Les données de ce groupe sont abîmées. Elles n'ont pas été modifiées.",
            "This group's data is damaged. It was left unchanged.",
        ),
        ErrorCode::DatabaseDamaged => lang.pick(
            "La base de données de Comptoir est abîmée. Elle n'a pas été modifiée : faites-en une copie et demandez de l'aide.",
            "Comptoir's database is damaged. It was left unchanged: make a copy of it and ask for help.",
        ),
        ErrorCode::DeviceKeyDamaged => lang.pick(
            "La clé de cet appareil (le fichier device.key du dossier de données) est illisible. Elle n'a pas été remplacée : remettez-la depuis une sauvegarde, ou demandez de l'aide.",
            "This device's key (the file device.key in the data folder) is unreadable. It was not replaced: restore it from a backup, or ask for help.",
        ),
        ErrorCode::Busy => lang.pick(
            "Un autre programme Comptoir écrit en ce moment. Réessayez dans un instant.",
            "Another Comptoir program is writing right now. Try again in a moment.",
        ),
        ErrorCode::Storage => lang.pick(
            "Comptoir n'a pas pu lire ou écrire ses données sur cet ordinateur.",
            "Comptoir could not read or write its data on this computer.",
        ),
        ErrorCode::NoDataDir => lang.pick(
            "Comptoir ne trouve pas de dossier où ranger vos données. Indiquez-en un avec la variable COMPTOIR_DATA_DIR.",
            "Comptoir finds no folder to keep your data in. Name one with the COMPTOIR_DATA_DIR variable.",
        ),
        ErrorCode::ExportFailed => lang.pick(
            "L'export n'a pas pu être écrit.",
            "The export could not be written.",
        ),
        ErrorCode::SaveFailed => lang.pick(
            "Le fichier n'a pas pu être enregistré : vérifiez que le dossier de téléchargements existe et qu'il reste de la place sur l'ordinateur.",
            "The file could not be saved: check that the downloads folder exists and that the computer has space left.",
        ),
        ErrorCode::SyncFailed => lang.pick(
            "La synchronisation avec les autres appareils a échoué. Vos données sont intactes ; elle reprendra d'elle-même.",
            "Syncing with the other devices failed. Your data is intact; syncing will resume by itself.",
        ),
        ErrorCode::NothingShared => lang.pick(
            "Les appareils joints ne partagent aucun groupe avec celui-ci : avez-vous été invité·e ?",
            "The devices reached share no group with this one: were you invited?",
        ),
        ErrorCode::NoPeerReached => lang.pick(
            "Aucun appareil n'a répondu en {seconds} secondes. Vérifiez qu'il est allumé, avec Comptoir ouvert, sur le même réseau.",
            "No device answered within {seconds} seconds. Check that it is on, with Comptoir open, on the same network.",
        ),
        ErrorCode::SyncIncomplete => lang.pick(
            "Les groupes partagés n'étaient pas tous à jour après {seconds} secondes. Réessayez un peu plus tard.",
            "Not every shared group was up to date after {seconds} seconds. Try again a little later.",
        ),
        ErrorCode::InvitationMalformed => lang.pick(
            "Ce code d'invitation n'est pas valable : vérifiez chaque caractère, ou demandez-le à nouveau.",
            "This invitation code is not valid: check each character, or ask for it again.",
        ),
        ErrorCode::InvitationExpired => lang.pick(
            "Ce code d'invitation a expiré. Demandez-en un nouveau.",
            "This invitation code has expired. Ask for a new one.",
        ),
        ErrorCode::InvitationUsed => lang.pick(
            "Ce code d'invitation a déjà servi. Demandez-en un nouveau.",
            "This invitation code was already used. Ask for a new one.",
        ),
        ErrorCode::JoinDenied => lang.pick(
            "Un administrateur du groupe a refusé cet appareil.",
            "An admin of the group refused this device.",
        ),
        ErrorCode::InvitationNotRecognised => lang.pick(
            "L'appareil qui vous invite ne reconnaît pas ce code. Vérifiez-le, ou demandez-en un nouveau.",
            "The inviting device does not recognise this code. Check it, or ask for a new one.",
        ),
        ErrorCode::InviterUnreachable => lang.pick(
            "L'appareil qui vous invite est resté introuvable pendant {seconds} secondes. Il doit être allumé, avec Comptoir ouvert, sur le même réseau que vous.",
            "The inviting device could not be found within {seconds} seconds. It must be on, with Comptoir open, on the same network as you.",
        ),
        ErrorCode::InviterLeft => lang.pick(
            "L'appareil qui vous invite s'est déconnecté avant la fin. Réessayez quand il est de nouveau là.",
            "The inviting device disconnected before the end. Try again when it is back.",
        ),
    }
}

/// `text` with each `{name}` replaced by its value; a value the shell did not send is said
/// vaguely rather than left in braces.
fn interpolate(text: &str, params: &ErrorParams, lang: Lang) -> String {
    let mut said = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        said.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            rest = &rest[open..];
            break;
        };
        let name = &after[..close];
        match name {
            "value" => said.push_str(params.value.as_deref().unwrap_or("?")),
            "detail" => said.push_str(params.detail.as_deref().unwrap_or("?")),
            "seconds" => match params.seconds {
                Some(seconds) => said.push_str(&seconds.to_string()),
                None => said.push('?'),
            },
            "What" => said.push_str(subject(params.what.unwrap_or(Thing::Other), lang)),
            "things" => said.push_str(plural(params.what.unwrap_or(Thing::Other), lang)),
            "Field" => said.push_str(field(params.field.unwrap_or(Field::Other), lang)),
            _ => {
                said.push('{');
                said.push_str(name);
                said.push('}');
            }
        }
        rest = &after[close + 1..];
    }
    said.push_str(rest);
    said
}

/// "Cette synthèse", "This synthesis": the thing as the subject of a sentence.
fn subject(what: Thing, lang: Lang) -> &'static str {
    match what {
        Thing::Group => lang.pick("Ce groupe", "This group"),
        Thing::Member => lang.pick("Ce membre", "This member"),
        Thing::Organisation => lang.pick("Cette organisation", "This organisation"),
        Thing::Event => lang.pick("Cette rencontre", "This meeting"),
        Thing::Note => lang.pick("Cette synthèse", "This synthesis"),
        Thing::Section => lang.pick("Cette rubrique", "This section"),
        Thing::Device => lang.pick("Cet appareil", "This device"),
        Thing::Other => lang.pick("Cet élément", "This item"),
    }
}

/// "synthèses", "syntheses": several of the thing.
fn plural(what: Thing, lang: Lang) -> &'static str {
    match what {
        Thing::Group => lang.pick("groupes", "groups"),
        Thing::Member => lang.pick("membres", "members"),
        Thing::Organisation => lang.pick("organisations", "organisations"),
        Thing::Event => lang.pick("rencontres", "meetings"),
        Thing::Note => lang.pick("synthèses", "syntheses"),
        Thing::Section => lang.pick("rubriques", "sections"),
        Thing::Device => lang.pick("appareils", "devices"),
        Thing::Other => lang.pick("éléments", "items"),
    }
}

/// "Le titre", "The title": a form field as the subject of a sentence.
fn field(field: Field, lang: Lang) -> &'static str {
    match field {
        Field::Name => lang.pick("Le nom", "The name"),
        Field::Title => lang.pick("Le titre", "The title"),
        Field::SectionHeading => lang.pick("Le titre de la rubrique", "The section heading"),
        Field::Text => lang.pick("Le texte", "The text"),
        Field::Other => lang.pick("Ce champ", "This field"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LANGS: [Lang; 2] = [Lang::Fr, Lang::En];

    /// Every value set, so that any text can fill in its braces.
    fn every_param(code: ErrorCode) -> IpcError {
        IpcError::new(code)
            .with_what(Thing::Note)
            .with_field(Field::Title)
            .with_value("2021-02-30")
            .with_seconds(60)
            .with_detail("command not found")
    }

    #[test]
    fn every_code_has_a_french_and_an_english_text() {
        for code in ErrorCode::ALL {
            let french = error_text(&every_param(code), Lang::Fr);
            let english = error_text(&every_param(code), Lang::En);
            assert!(french.len() > 10, "{code:?} has no French text");
            assert!(english.len() > 10, "{code:?} has no English text");
            assert_ne!(
                french, english,
                "{code:?} is said the same in both languages"
            );
            for said in [&french, &english] {
                assert!(
                    !said.contains('{') && !said.contains('}'),
                    "{code:?} left a value in braces: {said}"
                );
                assert!(
                    said.ends_with(['.', '?']),
                    "{code:?} is not a sentence: {said}"
                );
            }
        }
    }

    #[test]
    fn values_are_put_in_their_places() {
        let error = IpcError::new(ErrorCode::InvalidEmail).with_value("salome@example");
        assert_eq!(
            error_text(&error, Lang::Fr),
            "« salome@example » n'est pas une adresse e-mail valable."
        );
        assert_eq!(
            error_text(&error, Lang::En),
            "“salome@example” is not a valid e-mail address."
        );

        let error = IpcError::new(ErrorCode::NotFound).with_what(Thing::Note);
        assert_eq!(
            error_text(&error, Lang::Fr),
            "Cette synthèse est introuvable sur cet appareil."
        );
        assert_eq!(
            error_text(&error, Lang::En),
            "This synthesis is not on this device."
        );

        let error = IpcError::new(ErrorCode::Ambiguous).with_what(Thing::Member);
        assert_eq!(
            error_text(&error, Lang::En),
            "Several members match: be more precise."
        );

        let error = IpcError::new(ErrorCode::EmptyField).with_field(Field::SectionHeading);
        assert_eq!(
            error_text(&error, Lang::Fr),
            "Le titre de la rubrique doit être rempli."
        );

        let error = IpcError::new(ErrorCode::InviterUnreachable).with_seconds(60);
        assert!(
            error_text(&error, Lang::En)
                .starts_with("The inviting device could not be found within 60 seconds."),
            "{}",
            error_text(&error, Lang::En)
        );
    }

    #[test]
    fn a_missing_value_is_said_vaguely_never_in_braces() {
        for lang in LANGS {
            let said = error_text(&IpcError::new(ErrorCode::NotFound), lang);
            assert_eq!(
                said,
                lang.pick(
                    "Cet élément est introuvable sur cet appareil.",
                    "This item is not on this device."
                )
            );
            let said = error_text(&IpcError::new(ErrorCode::EmptyField), lang);
            assert_eq!(
                said,
                lang.pick(
                    "Ce champ doit être rempli.",
                    "This field must be filled in."
                )
            );
        }
    }

    #[test]
    fn braces_typed_by_the_person_stay_as_typed() {
        let error = IpcError::new(ErrorCode::InvalidDate).with_value("{seconds}");
        assert_eq!(
            error_text(&error, Lang::En),
            "“{seconds}” is not a valid date or time."
        );
    }
}
