//! An invented group for the export tests: the *Bistrot du Social de Dampremy*, its members,
//! a monthly bistrot across the March 2021 clock change, and the synthesis of its first edition.
//!
//! Everything is fixed (ids, actor, dates) so that snapshots are stable.

use chrono::{DateTime, TimeZone, Utc};
use comptoir_model::{
    ActorId, ConsentKind, Date, EventId, EventKind, Group, GroupDoc, GroupId, GroupKind,
    LocalDateTime, MemberChanges, MemberId, MemberKind, ModelError, NewEvent, NewMember, NewNote,
    NoteId, Profile, Role, Rsvp, SectionId, Visibility,
};

pub type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

pub fn elise() -> MemberId {
    MemberId::from_random([1; 6])
}
pub fn cpas() -> MemberId {
    MemberId::from_random([2; 6])
}
pub fn karim() -> MemberId {
    MemberId::from_random([3; 6])
}
pub fn zoe() -> MemberId {
    MemberId::from_random([4; 6])
}
pub fn andre() -> MemberId {
    MemberId::from_random([5; 6])
}
pub fn bistrot() -> EventId {
    EventId::from_random([10; 6])
}
pub fn assembly() -> EventId {
    EventId::from_random([11; 6])
}
pub fn office_hours() -> EventId {
    EventId::from_random([12; 6])
}
pub fn meeting_day() -> EventId {
    EventId::from_random([13; 6])
}
pub fn synthesis() -> NoteId {
    NoteId::from_random([20; 6])
}

/// When the exports are made.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 6, 1, 8, 0, 0)
        .single()
        .unwrap_or_default()
}

fn day(s: &str) -> Result<Date, ModelError> {
    Date::parse(s)
}

fn at(s: &str) -> Result<LocalDateTime, ModelError> {
    LocalDateTime::parse(s)
}

fn event(title: &str, kind: EventKind, start: &str, end: &str) -> TestResult<NewEvent> {
    Ok(NewEvent {
        title: title.into(),
        kind,
        start: at(start)?,
        end: Some(at(end)?),
        tz: None,
        repeat: None,
        venue: None,
        address: None,
        online: None,
        theme: None,
        guests: Vec::new(),
        capacity: None,
        registration: None,
    })
}

/// The whole group, as `GroupDoc::group()` reads it.
pub fn group() -> TestResult<Group> {
    let mut profile = Profile::new("Bistrot du Social de Dampremy", GroupKind::Bistrot)?;
    profile.town = Some("Dampremy".into());
    profile.postal_code = Some("6020".into());
    profile.country = Some("BE".into());
    profile.venue = Some("Café Le Central".into());
    profile.address = Some("Rue de Marchienne 12, 6020 Dampremy".into());
    profile.description =
        Some("Un bistrot où travailleur·euses sociaux·ales, bénévoles et habitant·es se retrouvent en vrai.".into());
    profile.how_it_works = Some("Le premier jeudi du mois, 18h30. Chacun·e parle à son tour ; pas de compte rendu nominatif.".into());
    profile.links = vec!["https://bistrots-du-social.example/manifeste".into()];
    let mut doc = GroupDoc::create(
        GroupId::from_random([7; 16]),
        profile,
        ActorId::from(vec![1_u8; 16]),
    )?;

    // ----- members -----
    let founding = day("2021-02-04")?;
    doc.add_member(
        elise(),
        NewMember {
            name: "Élise Martin".into(),
            roles: vec![Role::Facilitator, Role::Correspondent],
            email: Some("elise.martin@example.org".into()),
            phone: Some("0470 12 34 56".into()),
            town: Some("Dampremy".into()),
            joined: Some(founding),
            consents: vec![
                ConsentKind::Contact,
                ConsentKind::Newsletter,
                ConsentKind::Public,
            ],
            ..NewMember::default()
        },
        founding,
    )?;
    doc.add_member(
        cpas(),
        NewMember {
            name: "CPAS de Dampremy".into(),
            kind: Some(MemberKind::Organisation),
            email: Some("accueil@cpas-dampremy.example".into()),
            phone: Some("+32 71 00 00 00".into()),
            town: Some("Dampremy".into()),
            joined: Some(founding),
            consents: vec![ConsentKind::Contact, ConsentKind::Public],
            ..NewMember::default()
        },
        founding,
    )?;
    // Karim never agreed to share his contact details.
    doc.add_member(
        karim(),
        NewMember {
            name: "Karim Benali".into(),
            roles: vec![Role::Professional],
            member_of: Some(cpas()),
            email: Some("karim.benali@example.org".into()),
            phone: Some("0471 98 76 54".into()),
            town: Some("Charleroi".into()),
            joined: Some(founding),
            ..NewMember::default()
        },
        founding,
    )?;
    // Zoé agreed, then withdrew.
    doc.add_member(
        zoe(),
        NewMember {
            name: "Zoé Lambert".into(),
            roles: vec![Role::Resident],
            email: Some("zoe.lambert@example.org".into()),
            town: Some("Dampremy".into()),
            joined: Some(day("2021-03-01")?),
            consents: vec![ConsentKind::Contact, ConsentKind::Public],
            ..NewMember::default()
        },
        day("2021-03-01")?,
    )?;
    doc.update_member(
        &zoe(),
        MemberChanges {
            withdraw: vec![ConsentKind::Contact],
            ..MemberChanges::default()
        },
        day("2021-05-01")?,
    )?;
    doc.add_member(
        andre(),
        NewMember {
            name: "André Dubois".into(),
            roles: vec![Role::Volunteer],
            email: Some("andre.dubois@example.org".into()),
            town: Some("Charleroi".into()),
            joined: Some(founding),
            consents: vec![ConsentKind::Newsletter],
            ..NewMember::default()
        },
        founding,
    )?;
    doc.update_member(
        &andre(),
        MemberChanges {
            left: Some(day("2021-05-06")?),
            ..MemberChanges::default()
        },
        day("2021-05-06")?,
    )?;
    doc.update_profile(|p| {
        p.correspondents = vec![elise()];
        Ok(())
    })?;

    // ----- agenda -----
    // The first Thursday of each month at 18:30, from February to May 2021: the clocks change
    // on 28 March, between the second and the third edition.
    doc.add_event(
        bistrot(),
        NewEvent {
            repeat: Some("FREQ=MONTHLY;BYDAY=1TH;COUNT=4".into()),
            venue: Some("Café Le Central".into()),
            address: Some("Rue de Marchienne 12, 6020 Dampremy".into()),
            theme: Some("L'accès aux droits, ça coince où ?".into()),
            guests: vec!["Service de médiation de dettes".into()],
            ..event(
                "Bistrot du Social",
                EventKind::Bistrot,
                "2021-02-04T18:30",
                "2021-02-04T20:30",
            )?
        },
    )?;
    doc.update_event(&bistrot(), |e| {
        e.cancel(
            Some(day("2021-03-04")?),
            Some("annulée pour cause de Covid".into()),
        )
    })?;
    doc.update_event(&bistrot(), |e| {
        e.move_occurrence(
            day("2021-05-06")?,
            at("2021-05-12T18:30")?,
            Some("le café est fermé pour inventaire".into()),
        )
    })?;
    // Answers and attendance stay inside the group: no export of the agenda shows them.
    doc.update_event(&bistrot(), |e| {
        e.answer(&karim(), Some(day("2021-02-04")?), Rsvp::Yes)?;
        e.count_attendance(day("2021-02-04")?, 14)
    })?;

    doc.add_event(
        assembly(),
        NewEvent {
            venue: Some("Maison des Associations".into()),
            address: Some("Place Albert Ier 3, 6020 Dampremy".into()),
            online: Some("https://visio.example.org/ag-2021".into()),
            guests: vec![
                "Fédération des Bistrots du Social".into(),
                "Café Le Central".into(),
            ],
            capacity: Some(60),
            ..event(
                "Assemblée générale 2021 : bilan, perspectives; élections",
                EventKind::GeneralAssembly,
                "2021-06-17T14:00",
                "2021-06-17T17:00",
            )?
        },
    )?;

    // A one-off whose only occurrence is cancelled.
    doc.add_event(
        office_hours(),
        NewEvent {
            venue: Some("CPAS de Dampremy".into()),
            ..event(
                "Permanence accès aux droits",
                EventKind::OfficeHours,
                "2021-03-11T09:30",
                "2021-03-11T12:00",
            )?
        },
    )?;
    doc.update_event(&office_hours(), |e| {
        e.cancel(Some(day("2021-03-11")?), Some("confinement".into()))
    })?;

    // A meeting of the network across the border, cancelled as a whole.
    doc.add_event(
        meeting_day(),
        NewEvent {
            tz: Some("Europe/Paris".into()),
            venue: Some("Maison Folie de Wazemmes".into()),
            address: Some("Rue des Sarrazins 70, 59000 Lille".into()),
            ..event(
                "Journée de rencontre des bistrots",
                EventKind::MeetingDay,
                "2021-10-16T09:30",
                "2021-10-16T16:30",
            )?
        },
    )?;
    doc.update_event(&meeting_day(), |e| {
        e.cancel(None, Some("reportée à 2022".into()))
    })?;

    // ----- the synthesis of the first bistrot -----
    let mut section = 0_u8;
    doc.add_note(
        synthesis(),
        NewNote {
            title: "Synthèse du bistrot de février : l'accès aux droits".into(),
            date: None,
            event: Some(bistrot()),
            occurrence: Some(day("2021-02-04")?),
            authors: vec!["Élise Martin".into(), "Karim Benali".into()],
            sections: vec![
                (
                    "Constats".into(),
                    "Beaucoup de personnes renoncent à des aides faute d'information.\n\n\
                     Les délais de rendez-vous découragent : six semaines en moyenne."
                        .into(),
                ),
                (
                    "Réflexions de fond".into(),
                    "Le non-recours n'est pas un choix individuel : c'est aussi l'effet de démarches pensées sans les personnes."
                        .into(),
                ),
                (
                    "Pépites et pistes d'action".into(),
                    "- Une permanence commune CPAS–associations, le jeudi matin.\n\
                     - Inviter le service de médiation de dettes au prochain bistrot."
                        .into(),
                ),
            ],
            links: vec!["https://www.example.org/guide-des-droits-sociaux".into()],
            tags: vec!["accès aux droits".into(), "non-recours".into()],
            visibility: Some(Visibility::Published),
        },
        day("2021-02-05")?,
        || {
            section += 1;
            SectionId::from_random([section; 4])
        },
    )?;

    Ok(doc.group()?)
}
