//! The names of the values the shell sends as codes, in the chosen language.

use comptoir_ipc::{ConsentKind, EventKind, GroupKind, OccurrenceStatus, Role, Rsvp, Visibility};

use yew::AttrValue;

use crate::i18n::Lang;

pub fn group_kind(lang: Lang, kind: GroupKind) -> &'static str {
    let (fr, en) = match kind {
        GroupKind::Bistrot => ("Bistrot du Social", "Bistrot du Social"),
        GroupKind::CentreSocial => ("Centre social", "Community centre"),
        GroupKind::Association => ("Association", "Association"),
        GroupKind::Federation => ("Fédération", "Federation"),
    };
    lang.pick(fr, en)
}

pub fn event_kind(lang: Lang, kind: EventKind) -> &'static str {
    let (fr, en) = match kind {
        EventKind::Bistrot => ("Bistrot", "Bistrot"),
        EventKind::PauseCafe => ("Pause-café", "Coffee break"),
        EventKind::Ebullition => ("Petite ébullition", "Petite ébullition"),
        EventKind::GeneralAssembly => ("Assemblée générale", "General assembly"),
        EventKind::MeetingDay => ("Journée de rencontre", "Meeting day"),
        EventKind::Training => ("Formation", "Training"),
        EventKind::BoardMeeting => ("Réunion de bureau", "Board meeting"),
        EventKind::OfficeHours => ("Permanence", "Office hours"),
        EventKind::WorkingGroup => ("Groupe de travail", "Working group"),
        EventKind::Workshop => ("Atelier", "Workshop"),
        EventKind::Other => ("Autre rencontre", "Other meeting"),
    };
    lang.pick(fr, en)
}

pub fn role(lang: Lang, role: Role) -> &'static str {
    let (fr, en) = match role {
        Role::Facilitator => ("animateur·ice", "facilitator"),
        Role::Correspondent => ("correspondant·e", "correspondent"),
        Role::Volunteer => ("bénévole", "volunteer"),
        Role::Professional => ("professionnel·le", "professional"),
        Role::Resident => ("habitant·e", "resident"),
        Role::Guest => ("invité·e", "guest"),
    };
    lang.pick(fr, en)
}

pub fn consent(lang: Lang, kind: ConsentKind) -> &'static str {
    let (fr, en) = match kind {
        ConsentKind::Contact => (
            "partage ses coordonnées avec le groupe",
            "shares their contact details with the group",
        ),
        ConsentKind::Newsletter => ("reçoit la lettre d'information", "receives the newsletter"),
        ConsentKind::Public => (
            "peut figurer dans les listes publiques",
            "may appear in public lists",
        ),
    };
    lang.pick(fr, en)
}

pub fn status(lang: Lang, status: OccurrenceStatus) -> &'static str {
    let (fr, en) = match status {
        OccurrenceStatus::Planned => ("prévue", "planned"),
        OccurrenceStatus::Moved => ("déplacée", "moved"),
        OccurrenceStatus::Cancelled => ("annulée", "cancelled"),
        OccurrenceStatus::Held => ("a eu lieu", "took place"),
    };
    lang.pick(fr, en)
}

/// A member's answer, as the buttons say it.
pub fn rsvp(lang: Lang, answer: Rsvp) -> &'static str {
    let (fr, en) = match answer {
        Rsvp::Yes => ("vient", "coming"),
        Rsvp::Maybe => ("peut-être", "maybe"),
        Rsvp::No => ("ne vient pas", "not coming"),
    };
    lang.pick(fr, en)
}

/// Who may read a note, said plainly.
pub fn visibility(lang: Lang, visibility: Visibility) -> &'static str {
    let (fr, en) = match visibility {
        Visibility::Internal => (
            "Interne : animateur·ices seulement",
            "Internal: facilitators only",
        ),
        Visibility::Group => ("Groupe : tous les membres", "Group: every member"),
        Visibility::Published => (
            "Publiée : partagée avec le réseau",
            "Published: shared with the network",
        ),
    };
    lang.pick(fr, en)
}

/// The countries the group forms offer, as (ISO code, name): the country sets the agenda's
/// time zone.
pub fn countries(lang: Lang) -> Vec<(AttrValue, AttrValue)> {
    vec![
        ("BE".into(), lang.pick("Belgique", "Belgium").into()),
        ("FR".into(), "France".into()),
    ]
}

/// "partage ses coordonnées…" as "Partage ses coordonnées…".
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The sections a synthesis usually has, in order. They stay in French in both languages:
/// they are the groups' own headings, stored in the notes themselves.
pub const USUAL_SECTIONS: [&str; 5] = [
    "Constats",
    "Réflexions de fond",
    "Pépites et pistes d'action",
    "Ressources et liens partagés",
    "Retours sur le format",
];
