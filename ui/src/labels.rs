//! The French names of the values the shell sends as codes.

use comptoir_ipc::{ConsentKind, EventKind, GroupKind, OccurrenceStatus, Role, Visibility};

pub fn group_kind(kind: GroupKind) -> &'static str {
    match kind {
        GroupKind::Bistrot => "Bistrot du Social",
        GroupKind::CentreSocial => "Centre social",
        GroupKind::Association => "Association",
        GroupKind::Federation => "Fédération",
    }
}

pub fn event_kind(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Bistrot => "Bistrot",
        EventKind::PauseCafe => "Pause-café",
        EventKind::Ebullition => "Petite ébullition",
        EventKind::GeneralAssembly => "Assemblée générale",
        EventKind::MeetingDay => "Journée de rencontre",
        EventKind::Training => "Formation",
        EventKind::BoardMeeting => "Réunion de bureau",
        EventKind::OfficeHours => "Permanence",
        EventKind::WorkingGroup => "Groupe de travail",
        EventKind::Workshop => "Atelier",
        EventKind::Other => "Autre rencontre",
    }
}

pub fn role(role: Role) -> &'static str {
    match role {
        Role::Facilitator => "animateur·ice",
        Role::Correspondent => "correspondant·e",
        Role::Volunteer => "bénévole",
        Role::Professional => "professionnel·le",
        Role::Resident => "habitant·e",
        Role::Guest => "invité·e",
    }
}

pub fn consent(kind: ConsentKind) -> &'static str {
    match kind {
        ConsentKind::Contact => "partage ses coordonnées avec le groupe",
        ConsentKind::Newsletter => "reçoit la lettre d'information",
        ConsentKind::Public => "peut figurer dans les listes publiques",
    }
}

pub fn status(status: OccurrenceStatus) -> &'static str {
    match status {
        OccurrenceStatus::Planned => "prévue",
        OccurrenceStatus::Moved => "déplacée",
        OccurrenceStatus::Cancelled => "annulée",
        OccurrenceStatus::Held => "a eu lieu",
    }
}

/// Who may read a note, said plainly.
pub fn visibility(visibility: Visibility) -> &'static str {
    match visibility {
        Visibility::Internal => "Interne : animateur·ices seulement",
        Visibility::Group => "Groupe : tous les membres",
        Visibility::Published => "Publiée : partagée avec le réseau",
    }
}

/// "partage ses coordonnées…" as "Partage ses coordonnées…".
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The sections a synthesis usually has, in order.
pub const USUAL_SECTIONS: [&str; 5] = [
    "Constats",
    "Réflexions de fond",
    "Pépites et pistes d'action",
    "Ressources et liens partagés",
    "Retours sur le format",
];
