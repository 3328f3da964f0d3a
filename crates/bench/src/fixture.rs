//! A realistic ten-year group, made with the same model calls the app makes: 520 weekly
//! meetings (some cancelled, some with answers and attendance), 300 members, 500 notes.

use chrono::{Days, NaiveDate, NaiveTime};
use comptoir_model::{
    ActorId, ConsentKind, Date, EventId, EventKind, GroupDoc, GroupId, GroupKind, LocalDateTime,
    MemberId, NewEvent, NewMember, NewNote, NoteId, Profile, Role, Rsvp, SectionId, Visibility,
};

const PARAGRAPH: &str = "Les travailleuses et travailleurs sociaux présents ont partagé leurs constats : \
manque de temps pour prendre du recul, isolement croissant, pratiques de terrain tourmentées. \
Nous avons parlé d'aller vers les habitants, d'écouter mais aussi d'entendre ce qui n'est pas dit.";

fn id6(kind: u8, n: u32) -> [u8; 6] {
    let b = n.to_be_bytes();
    [kind, 0, b[0], b[1], b[2], b[3]]
}

/// Builds the group; returns the document.
pub fn ten_year_group() -> anyhow::Result<GroupDoc> {
    let mut profile = Profile::new("Bistrot du Social de Falmignoul", GroupKind::Bistrot)?;
    profile.country = Some("BE".into());
    profile.town = Some("Falmignoul".into());
    let mut doc = GroupDoc::create(
        GroupId::from_random([42; 16]),
        profile,
        ActorId::from(vec![1u8; 16]),
    )?;
    let first = NaiveDate::from_ymd_opt(2014, 1, 10).ok_or_else(|| anyhow::anyhow!("date"))?;

    let mut members = Vec::new();
    for n in 0..300u32 {
        let joined = first
            .checked_add_days(Days::new(u64::from(n) * 12))
            .unwrap_or(first);
        let new = NewMember {
            name: format!("Personne inventée n°{n}"),
            roles: vec![if n % 10 == 0 {
                Role::Facilitator
            } else {
                Role::Professional
            }],
            email: Some(format!("personne{n}@example.org")),
            phone: (n % 3 == 0).then(|| format!("+32 81 00 {n:04}")),
            town: Some("Dinant".into()),
            joined: Some(Date(joined)),
            consents: if n % 2 == 0 {
                vec![ConsentKind::Contact]
            } else {
                vec![ConsentKind::Newsletter]
            },
            ..NewMember::default()
        };
        let member = doc.add_member(MemberId::from_random(id6(1, n)), new, Date(joined))?;
        members.push(member.id);
    }

    let seven = NaiveTime::from_hms_opt(19, 0, 0).ok_or_else(|| anyhow::anyhow!("time"))?;
    let mut events = Vec::new();
    for week in 0..520u32 {
        let day = first
            .checked_add_days(Days::new(u64::from(week) * 7))
            .unwrap_or(first);
        let new = NewEvent {
            title: format!("Bistrot du vendredi n°{week}"),
            kind: EventKind::Bistrot,
            start: LocalDateTime(day.and_time(seven)),
            end: Some(LocalDateTime(
                day.and_time(seven) + chrono::Duration::hours(2),
            )),
            tz: Some("Europe/Brussels".into()),
            repeat: None,
            venue: Some("Café de la Place".into()),
            address: Some("Place communale 1, 5500 Falmignoul".into()),
            online: None,
            theme: Some("Le temps de parole".into()),
            guests: Vec::new(),
            capacity: Some(30),
            registration: None,
        };
        let id = EventId::from_random(id6(2, week));
        doc.add_event(id.clone(), new)?;
        if week % 26 == 25 {
            doc.update_event(&id, |e| {
                e.cancel(Some(Date(day)), Some("annulé pour cause de grève".into()))
            })?;
        } else {
            for k in 0..3u32 {
                let member = &members[((week * 7 + k * 31) % 300) as usize];
                doc.update_event(&id, |e| e.answer(member, None, Rsvp::Yes))?;
            }
            doc.update_event(&id, |e| {
                e.count_attendance(Date(day), 8 + i64::from(week % 12))
            })?;
        }
        events.push((id, day));
    }

    let mut section = 0u32;
    for n in 0..500u32 {
        let (event, day) = &events[(n as usize) % events.len()];
        let new = NewNote {
            title: format!("Synthèse n°{n}"),
            date: None,
            event: Some(event.clone()),
            occurrence: Some(Date(*day)),
            authors: vec!["Animatrice inventée".into()],
            sections: vec![
                ("Constats".into(), PARAGRAPH.into()),
                ("Réflexions de fond".into(), PARAGRAPH.into()),
                ("Pépites et pistes d'action".into(), PARAGRAPH.into()),
            ],
            links: vec!["https://example.org/ressource".into()],
            tags: vec!["isolement".into()],
            visibility: Some(if n % 5 == 0 {
                Visibility::Published
            } else {
                Visibility::Group
            }),
        };
        doc.add_note(NoteId::from_random(id6(3, n)), new, Date(*day), || {
            section += 1;
            SectionId::from_random(section.to_be_bytes())
        })?;
    }
    Ok(doc)
}
