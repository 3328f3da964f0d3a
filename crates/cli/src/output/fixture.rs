//! The invented group the snapshot tests print: fixed ids and dates, built with the model's API.

use std::collections::BTreeMap;

use comptoir_app::model::{
    ConsentKind, Coordinates, Date, Device, DeviceRole, Event, EventId, EventKind, Group, GroupId,
    GroupKind, LocalDateTime, Member, MemberChanges, MemberId, MemberKind, NewEvent, NewMember,
    NewNote, Note, NoteId, Occurrence, Profile, Registration, Revocation, Role, Rsvp, SectionId,
    Visibility, occurrences,
};

pub const GROUP: &str = "6d1f0c2b9a8e7d6c5b4a39281706f5e4";
pub const ORGANISATION: &str = "00000000a001";
pub const JOEL: &str = "00000000a002";
pub const ELODIE: &str = "00000000a003";
pub const THURSDAYS: &str = "00000000e001";
pub const ASSEMBLY: &str = "00000000e002";
pub const REPORT: &str = "00000000f001";
/// This device and invited ones (peer ids as libp2p prints them).
pub const THIS_DEVICE: &str = "12D3KooWEccRC79umA2dxEE6bm1nowKBnhpXMjQhSiV5qNeSuo1r";
pub const OTHER_DEVICE: &str = "12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt";
pub const THIRD_DEVICE: &str = "12D3KooWQL6fm2Qap4Fkc1gw7wXZymERTVTE7HDN4jLwEXhvrcfA";

fn date(text: &str) -> Date {
    Date::parse(text).expect("a date")
}

fn local(text: &str) -> LocalDateTime {
    LocalDateTime::parse(text).expect("a local time")
}

/// The day the fixture's consents and devices were recorded.
pub fn today() -> Date {
    date("2021-09-01")
}

pub fn profile() -> Profile {
    let mut profile =
        Profile::new("Bistrot du Social de Fleurus", GroupKind::Bistrot).expect("a profile");
    profile.town = Some("Fleurus".into());
    profile.postal_code = Some("6220".into());
    profile.country = Some("BE".into());
    profile.venue = Some("Café de la Gare".into());
    profile.address = Some("Rue de la Gare 1".into());
    profile.coordinates = Some(Coordinates::new(50.48, 4.55).expect("a place on Earth"));
    profile.description = Some("Un bistrot pour se parler.".into());
    profile.links = vec!["https://example.org/charte".into()];
    profile.correspondents = vec![MemberId::new(ELODIE)];
    profile
}

fn member(id: &str, new: NewMember) -> Member {
    Member::new(MemberId::new(id), new, today()).expect("a member")
}

pub fn members() -> Vec<Member> {
    let organisation = member(
        ORGANISATION,
        NewMember {
            name: "Maison des Jeunes de Fleurus".into(),
            kind: Some(MemberKind::Organisation),
            email: Some("mj@example.org".into()),
            ..NewMember::default()
        },
    );
    let mut joel = member(
        JOEL,
        NewMember {
            name: "Joël Lambotte".into(),
            email: Some("joel@example.org".into()),
            phone: Some("+32 472 00 00 02".into()),
            town: Some("Farciennes".into()),
            ..NewMember::default()
        },
    );
    let changes = MemberChanges {
        roles: vec![Role::Volunteer],
        grant: vec![ConsentKind::Public],
        ..MemberChanges::default()
    };
    joel.apply(changes, today()).expect("Joël's changes");
    let mut elodie = member(
        ELODIE,
        NewMember {
            name: "Élodie Vanderbeke".into(),
            roles: vec![Role::Facilitator, Role::Correspondent],
            member_of: Some(MemberId::new(ORGANISATION)),
            email: Some("elodie@example.org".into()),
            phone: Some("+32 472 00 00 01".into()),
            town: Some("Fleurus".into()),
            joined: Some(date("2020-01-15")),
            consents: vec![ConsentKind::Contact, ConsentKind::Newsletter],
            ..NewMember::default()
        },
    );
    let changes = MemberChanges {
        left: Some(date("2023-06-30")),
        withdraw: vec![ConsentKind::Newsletter],
        ..MemberChanges::default()
    };
    elodie
        .apply(changes, date("2021-09-20"))
        .expect("Élodie's changes");
    vec![organisation, joel, elodie]
}

/// A weekly bistrot with a cancelled, a moved and a counted occurrence, answers on two.
pub fn thursdays() -> Event {
    let new = NewEvent {
        title: "Bistrot du jeudi".into(),
        kind: EventKind::Bistrot,
        start: local("2021-09-02T18:30"),
        end: Some(local("2021-09-02T21:00")),
        tz: Some("Europe/Brussels".into()),
        repeat: Some("FREQ=WEEKLY;BYDAY=TH;UNTIL=20210930".into()),
        venue: Some("Café de la Gare".into()),
        address: Some("Rue de la Gare 1".into()),
        online: Some("https://meet.example.org/fleurus".into()),
        theme: Some("La rentrée".into()),
        guests: vec!["Nadia Benali".into(), "Paul Dupont".into()],
        capacity: Some(30),
        registration: Some(Registration::Open),
    };
    let mut event = Event::new(EventId::new(THURSDAYS), new, Err(no_zone())).expect("an event");
    event
        .cancel(Some(date("2021-09-09")), Some("Fermeture du café".into()))
        .expect("a cancellation");
    event
        .move_occurrence(
            date("2021-09-16"),
            local("2021-09-17T18:30"),
            Some("Jour férié".into()),
        )
        .expect("a move");
    event
        .answer(&MemberId::new(ELODIE), Some(date("2021-09-02")), Rsvp::Yes)
        .expect("an answer");
    event
        .answer(&MemberId::new(JOEL), Some(date("2021-09-23")), Rsvp::Maybe)
        .expect("an answer");
    event
        .count_attendance(date("2021-09-02"), 12)
        .expect("a count");
    event
}

/// A one-off general assembly, cancelled as a whole.
pub fn assembly() -> Event {
    let new = NewEvent {
        title: "Assemblée générale".into(),
        kind: EventKind::GeneralAssembly,
        start: local("2021-10-15T19:00"),
        end: None,
        tz: Some("Europe/Paris".into()),
        repeat: None,
        venue: None,
        address: None,
        online: None,
        theme: None,
        guests: Vec::new(),
        capacity: None,
        registration: None,
    };
    let mut event = Event::new(EventId::new(ASSEMBLY), new, Err(no_zone())).expect("an event");
    event
        .cancel(None, Some("Reportée".into()))
        .expect("a cancellation");
    event
}

fn no_zone() -> comptoir_app::model::ModelError {
    comptoir_app::model::ModelError::NoDefaultZone { country: None }
}

/// The report of the first Thursday, with two sections.
pub fn report() -> Note {
    let new = NewNote {
        title: "Compte rendu de rentrée".into(),
        date: None,
        event: Some(EventId::new(THURSDAYS)),
        occurrence: Some(date("2021-09-02")),
        authors: vec!["Élodie Vanderbeke".into()],
        sections: vec![
            ("Constats".into(), "On a parlé du quartier.".into()),
            ("Pistes".into(), "Un atelier cuisine.".into()),
        ],
        links: vec!["https://example.org/cr".into()],
        tags: vec!["rentree".into(), "quartier".into()],
        visibility: Some(Visibility::Group),
    };
    let mut ids = ["0000s001", "0000s002", "0000s003"].into_iter();
    let mut next = || SectionId::new(ids.next().unwrap_or("0000s999"));
    let mut note =
        Note::new(NoteId::new(REPORT), new, date("2021-09-02"), &mut next).expect("a note");
    note.append("Pistes", "Et une balade.", next())
        .expect("an appended paragraph");
    note
}

fn by_id<T>(pairs: Vec<(String, T)>) -> BTreeMap<String, T> {
    pairs.into_iter().collect()
}

/// The whole group: its members, both events, the report, this device and a revoked one.
pub fn group() -> Group {
    let device = |role| Device {
        role,
        label: None,
        added_by: THIS_DEVICE.into(),
        added_on: today(),
    };
    Group {
        schema: 1,
        id: GroupId::new(GROUP),
        profile: profile(),
        members: by_id(
            members()
                .into_iter()
                .map(|m| (m.id.to_string(), m))
                .collect(),
        ),
        events: by_id(
            [thursdays(), assembly()]
                .into_iter()
                .map(|e| (e.id.to_string(), e))
                .collect(),
        ),
        notes: by_id(vec![(REPORT.to_string(), report())]),
        access: by_id(vec![
            (THIS_DEVICE.to_string(), device(DeviceRole::Facilitator)),
            (OTHER_DEVICE.to_string(), device(DeviceRole::Facilitator)),
        ]),
        revoked: by_id(vec![(
            OTHER_DEVICE.to_string(),
            Revocation {
                revoked_by: THIS_DEVICE.into(),
                revoked_on: date("2021-09-30"),
            },
        )]),
    }
}

/// The agenda of September and October 2021.
pub fn agenda() -> Vec<Occurrence> {
    let events = [thursdays(), assembly()];
    occurrences(
        events.iter(),
        Some(date("2021-09-01").0),
        date("2021-10-31").0,
    )
    .expect("the occurrences")
}
