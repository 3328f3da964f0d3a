//! Bad input is answered with an error a caller can act on, and the document stays exactly as it
//! was: same heads, same content.

// `pub`: each test binary uses a different part of the shared fixtures.
pub mod common;

use comptoir_model::{
    ConsentKind, Coordinates, Date, EventId, GroupDoc, GroupId, GroupKind, LocalDateTime,
    MemberChanges, MemberId, MemberKind, ModelError, NewMember, NoteId, Profile, Role, Rsvp,
    SectionId,
};

use common::{
    TestResult, date, event, event_id, local, member_id, new_group, note, note_id, person,
    section_ids, snapshot,
};

/// Checks that `$attempt` (a closure taking `&mut GroupDoc`) fails with an error matching
/// `$pattern`, and that `$doc` has the same heads and content afterwards.
macro_rules! assert_refused {
    ($doc:expr, $attempt:expr, $pattern:pat $(if $guard:expr)?) => {{
        let doc: &mut GroupDoc = $doc;
        let before = snapshot(doc)?;
        let outcome = ($attempt)(&mut *doc);
        assert!(
            matches!(outcome, Err($pattern) $(if $guard)?),
            "expected {}, got {:?}",
            stringify!($pattern),
            outcome
        );
        assert_eq!(snapshot(doc)?, before, "a refused change altered the document");
    }};
}

const NOEMIE: u8 = 1;
const CPAS: u8 = 2;
const WEEKLY: u8 = 1;
const ONE_OFF: u8 = 2;
const NOTE: u8 = 1;

/// A group with a person, an organisation, a weekly bistrot on Thursdays, a one-off assembly
/// and a note.
fn group() -> TestResult<(GroupDoc, SectionId)> {
    let mut doc = new_group()?;
    let today = date("2021-01-15")?;
    doc.add_member(member_id(NOEMIE), person("Noémie Lambert"), today)?;
    let cpas = NewMember {
        kind: Some(MemberKind::Organisation),
        ..person("CPAS de Fleurus-les-Prés")
    };
    doc.add_member(member_id(CPAS), cpas, today)?;
    doc.add_event(
        event_id(WEEKLY),
        event(
            "Bistrot du jeudi",
            "2021-02-04T18:30",
            None,
            Some("FREQ=WEEKLY;COUNT=10"),
        )?,
    )?;
    doc.add_event(
        event_id(ONE_OFF),
        event(
            "Assemblée générale",
            "2021-03-20T10:00",
            Some("2021-03-20T12:00"),
            None,
        )?,
    )?;
    let created = doc.add_note(
        note_id(NOTE),
        note("Synthèse", &[("Réflexions", "Premier tour.")]),
        today,
        section_ids(),
    )?;
    Ok((doc, created.sections[0].id.clone()))
}

#[test]
fn impossible_dates_and_times_are_refused() -> TestResult {
    // 1. Dates that do not exist, or are not written YYYY-MM-DD.
    for bad in [
        "2021-02-30",
        "2021-13-01",
        "2021-00-10",
        "04/02/2021",
        "",
        "demain",
    ] {
        let refused = Date::parse(bad);
        assert!(
            matches!(&refused, Err(ModelError::InvalidDate { value, expected: "YYYY-MM-DD" }) if value == bad),
            "{bad:?}: {refused:?}"
        );
    }
    // 2. Local times that do not exist, or carry seconds other than zero.
    for bad in [
        "2021-02-30T18:30",
        "2021-03-04T24:30",
        "2021-03-04T18:61",
        "2021-03-04",
        "2021-03-04T18:30:15",
    ] {
        let refused = LocalDateTime::parse(bad);
        assert!(
            matches!(refused, Err(ModelError::InvalidDate { .. })),
            "{bad:?}: {refused:?}"
        );
    }
    // 3. Zero seconds are accepted, and dropped.
    assert_eq!(
        LocalDateTime::parse("2021-03-04T18:30:00")?.to_string(),
        "2021-03-04T18:30"
    );
    assert_eq!(
        LocalDateTime::parse(" 2021-03-04T18:30 ")?,
        local("2021-03-04T18:30")?
    );
    Ok(())
}

#[test]
fn times_skipped_by_the_clock_change_are_refused() -> TestResult {
    let (mut doc, _) = group()?;

    // 1. On 28 March 2021 Brussels clocks jump from 02:00 to 03:00: a meeting cannot start at 02:30.
    let at_night = event("Veillée", "2021-03-28T02:30", None, None)?;
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.add_event(event_id(9), at_night),
        ModelError::InvalidDate { .. }
    );

    // 2. Nor can an occurrence be moved there.
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.update_event(&event_id(WEEKLY), |e| e.move_occurrence(
            date("2021-02-11")?,
            local("2021-03-28T02:30")?,
            None
        )),
        ModelError::InvalidDate { .. }
    );

    // 3. Nor can a meeting end then (it would be missing from the agenda).
    let ends_at_night = event(
        "Veillée",
        "2021-03-28T01:00",
        Some("2021-03-28T02:30"),
        None,
    )?;
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.add_event(event_id(9), ends_at_night),
        ModelError::InvalidDate { .. }
    );

    Ok(())
}

#[test]
fn unknown_zones_are_refused() -> TestResult {
    let (mut doc, _) = group()?;

    // 1. A zone that is not an IANA name.
    for bad in ["Europe/Bruxelles", "CET+1", ""] {
        let mut new = event("Bistrot", "2021-02-04T18:30", None, None)?;
        new.tz = Some(bad.into());
        assert_refused!(&mut doc, |d: &mut GroupDoc| d.add_event(event_id(9), new), ModelError::UnknownZone(ref z) if z == bad);
    }

    // 2. No zone, in a group whose country has no default zone.
    let mut profile = Profile::new("Collectif sans pays", GroupKind::Association)?;
    profile.country = None;
    let mut stateless = GroupDoc::create(
        GroupId::from_random([3; 16]),
        profile,
        common::actor("origine"),
    )?;
    let new = event("Bistrot", "2021-02-04T18:30", None, None)?;
    assert_refused!(
        &mut stateless,
        |d: &mut GroupDoc| d.add_event(event_id(9), new),
        ModelError::NoDefaultZone { country: None }
    );
    Ok(())
}

#[test]
fn invalid_recurrence_rules_are_refused() -> TestResult {
    let (mut doc, _) = group()?;

    // 1. Unknown frequencies, frequencies above daily, and rules that do not parse.
    for bad in [
        "FREQ=SOMETIMES",
        "FREQ=HOURLY",
        "FREQ=MINUTELY;COUNT=3",
        "RRULE:FREQ=SECONDLY",
        "",
        "   ",
        "WEEKLY",
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=WEEKLY;UNTIL=20210230",
        "FREQ=WEEKLY;COUNT=beaucoup",
    ] {
        let new = event("Bistrot", "2021-02-04T18:30", None, Some(bad))?;
        assert_refused!(&mut doc, |d: &mut GroupDoc| d.add_event(event_id(9), new), ModelError::InvalidRecurrence { ref rule, .. } if rule.eq_ignore_ascii_case(bad));
    }
    Ok(())
}

#[test]
fn ends_before_starts_are_refused() -> TestResult {
    let (mut doc, _) = group()?;

    // 1. An event ending before it starts, or when it starts.
    for end in ["2021-02-04T17:00", "2021-02-04T18:30", "2021-02-03T20:00"] {
        let new = event("Bistrot", "2021-02-04T18:30", Some(end), None)?;
        assert_refused!(
            &mut doc,
            |d: &mut GroupDoc| d.add_event(event_id(9), new),
            ModelError::EndBeforeStart { .. }
        );
    }

    // 2. A member leaving before joining.
    let changes = MemberChanges {
        joined: Some(date("2021-01-10")?),
        left: Some(date("2020-12-31")?),
        ..MemberChanges::default()
    };
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.update_member(&member_id(NOEMIE), changes, date("2021-02-01")?),
        ModelError::EndBeforeStart { .. }
    );
    Ok(())
}

#[test]
fn negative_or_impossible_counts_are_refused() -> TestResult {
    let (mut doc, _) = group()?;

    // 1. A capacity below zero, or too large to be a number of seats.
    for capacity in [-1, i64::MIN, 5_000_000_000] {
        let mut new = event("Bistrot", "2021-02-04T18:30", None, None)?;
        new.capacity = Some(capacity);
        assert_refused!(&mut doc, |d: &mut GroupDoc| d.add_event(event_id(9), new), ModelError::NegativeCapacity(c) if c == capacity);
    }

    // 2. An attendance below zero.
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.update_event(&event_id(WEEKLY), |e| e
            .count_attendance(date("2021-02-04")?, -3)),
        ModelError::NegativeAttendance(-3)
    );
    Ok(())
}

#[test]
fn blank_names_and_titles_are_refused() -> TestResult {
    let (mut doc, section) = group()?;

    // 1. Groups, members, events and notes need a name or title that is not only spaces.
    let refused = Profile::new("   ", GroupKind::Bistrot);
    assert!(
        matches!(refused, Err(ModelError::EmptyField { field: "name" })),
        "{refused:?}"
    );
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.update_profile(|p| {
            p.name = " \t ".into();
            Ok(())
        }),
        ModelError::EmptyField { field: "name" }
    );
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.add_member(member_id(9), person("   "), date("2021-02-01")?),
        ModelError::EmptyField { field: "name" }
    );
    let rename = MemberChanges {
        name: Some("   ".into()),
        ..MemberChanges::default()
    };
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.update_member(&member_id(NOEMIE), rename, date("2021-02-01")?),
        ModelError::EmptyField { field: "name" }
    );
    let untitled = event("   ", "2021-02-04T18:30", None, None)?;
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.add_event(event_id(9), untitled),
        ModelError::EmptyField { field: "title" }
    );
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.add_note(
            note_id(9),
            note("   ", &[]),
            date("2021-02-01")?,
            section_ids()
        ),
        ModelError::EmptyField { field: "title" }
    );

    // 2. Sections need a heading, and appended text must not be blank.
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.add_note(
            note_id(9),
            note("Synthèse", &[("  ", "texte")]),
            date("2021-02-01")?,
            section_ids()
        ),
        ModelError::EmptyField {
            field: "section heading"
        }
    );
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.append_to_note(&note_id(NOTE), "  ", "texte", section.clone()),
        ModelError::EmptyField {
            field: "section heading"
        }
    );
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.append_to_note(&note_id(NOTE), "Réflexions", " \n ", section.clone()),
        ModelError::EmptyField { field: "text" }
    );
    Ok(())
}

#[test]
fn unknown_ids_are_refused() -> TestResult {
    let (mut doc, section) = group()?;
    let ghost = MemberId::new("fantome");
    let today = date("2021-02-01")?;

    // 1. Members.
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.update_member(&ghost, MemberChanges::default(), today),
        ModelError::NotFound { what: "member", ref id } if id == "fantome"
    );
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.remove_member(&ghost),
        ModelError::NotFound { what: "member", .. }
    );
    let in_ghost = NewMember {
        member_of: Some(ghost.clone()),
        ..person("Irène Vasseur")
    };
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.add_member(member_id(9), in_ghost, today),
        ModelError::NotFound { what: "member", .. }
    );

    // 2. Events.
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.update_event(&EventId::new("fantome"), |e| e.cancel(None, None)),
        ModelError::NotFound { what: "event", .. }
    );
    let mut about_ghost = note("Compte rendu", &[]);
    about_ghost.event = Some(EventId::new("fantome"));
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.add_note(note_id(9), about_ghost, today, section_ids()),
        ModelError::NotFound { what: "event", .. }
    );
    let mut occurrence_without_event = note("Compte rendu", &[]);
    occurrence_without_event.occurrence = Some(date("2021-02-04")?);
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.add_note(note_id(9), occurrence_without_event, today, section_ids()),
        ModelError::NotFound { .. }
    );

    // 3. Notes and sections.
    let ghost_note = NoteId::new("fantome");
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.append_to_note(&ghost_note, "Réflexions", "texte", section.clone()),
        ModelError::NotFound { what: "note", .. }
    );
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.edit_section(&ghost_note, &section, "texte"),
        ModelError::NotFound { what: "note", .. }
    );
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.edit_section(&note_id(NOTE), &SectionId::new("fantome"), "texte"),
        ModelError::NotFound {
            what: "section",
            ..
        }
    );

    // 4. Reading an unknown id says so too.
    assert!(matches!(
        doc.member(&ghost),
        Err(ModelError::NotFound { what: "member", .. })
    ));
    assert!(matches!(
        doc.event(&EventId::new("fantome")),
        Err(ModelError::NotFound { what: "event", .. })
    ));
    assert!(matches!(
        doc.note(&ghost_note),
        Err(ModelError::NotFound { what: "note", .. })
    ));
    Ok(())
}

#[test]
fn commands_about_a_date_that_is_not_an_occurrence_are_refused() -> TestResult {
    let (mut doc, _) = group()?;
    let weekly = event_id(WEEKLY);
    let noemie = member_id(NOEMIE);

    // 1. The bistrot meets on Thursdays from 4 February, ten times: a Friday, the day before
    //    the first and the Thursday after the last are not occurrences.
    for bad in ["2021-02-05", "2021-01-28", "2021-04-15"] {
        let day = date(bad)?;
        assert_refused!(
            &mut doc,
            |d: &mut GroupDoc| d.update_event(&weekly, |e| e.answer(&noemie, Some(day), Rsvp::Yes)),
            ModelError::NoSuchOccurrence { ref date } if date == bad
        );
        assert_refused!(
            &mut doc,
            |d: &mut GroupDoc| d
                .update_event(&weekly, |e| e.cancel(Some(day), Some("grève".into()))),
            ModelError::NoSuchOccurrence { .. }
        );
        assert_refused!(
            &mut doc,
            |d: &mut GroupDoc| d.update_event(&weekly, |e| e.move_occurrence(
                day,
                local("2021-02-12T18:30")?,
                None
            )),
            ModelError::NoSuchOccurrence { .. }
        );
        assert_refused!(
            &mut doc,
            |d: &mut GroupDoc| d.update_event(&weekly, |e| e.count_attendance(day, 12)),
            ModelError::NoSuchOccurrence { .. }
        );
        let mut report = note("Compte rendu", &[]);
        report.event = Some(weekly.clone());
        report.occurrence = Some(day);
        assert_refused!(
            &mut doc,
            |d: &mut GroupDoc| d.add_note(note_id(9), report, day, section_ids()),
            ModelError::NoSuchOccurrence { .. }
        );
    }

    // 2. A one-off event has only its own date.
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.update_event(&event_id(ONE_OFF), |e| e.answer(
            &noemie,
            Some(date("2021-03-21")?),
            Rsvp::Yes
        )),
        ModelError::NoSuchOccurrence { .. }
    );

    // 3. For a repeating event, an answer must name the occurrence.
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.update_event(&weekly, |e| e.answer(&noemie, None, Rsvp::Yes)),
        ModelError::OccurrenceRequired { ref example } if example == "2021-02-04"
    );
    Ok(())
}

#[test]
fn invalid_emails_are_refused() -> TestResult {
    let (mut doc, _) = group()?;
    let today = date("2021-02-01")?;

    // 1. On a new member and on a change.
    for bad in [
        "noemie.lambert.example.org",
        "noémie @example.org",
        "@example.org",
        "noemie@localhost",
    ] {
        let new = NewMember {
            email: Some(bad.into()),
            ..person("Irène Vasseur")
        };
        assert_refused!(&mut doc, |d: &mut GroupDoc| d.add_member(member_id(9), new, today), ModelError::InvalidEmail(ref e) if e == bad);
        let changes = MemberChanges {
            email: Some(bad.into()),
            grant: vec![ConsentKind::Contact],
            ..MemberChanges::default()
        };
        assert_refused!(
            &mut doc,
            |d: &mut GroupDoc| d.update_member(&member_id(NOEMIE), changes, today),
            ModelError::InvalidEmail(_)
        );
    }
    Ok(())
}

#[test]
fn links_that_are_not_web_addresses_are_refused() -> TestResult {
    let (mut doc, _) = group()?;

    // 1. In the profile, for an online meeting, and in a note.
    for bad in [
        "www.comptoir.example",
        "javascript:alert(1)",
        "https://",
        "https://exemple.be/un lien",
        "ftp://exemple.be",
    ] {
        assert_refused!(
            &mut doc,
            |d: &mut GroupDoc| d.update_profile(|p| {
                p.links.push(bad.into());
                Ok(())
            }),
            ModelError::InvalidLink(ref l) if l == bad
        );
        let mut online = event("Pause-café en ligne", "2021-02-04T09:00", None, None)?;
        online.online = Some(bad.into());
        assert_refused!(
            &mut doc,
            |d: &mut GroupDoc| d.add_event(event_id(9), online),
            ModelError::InvalidLink(_)
        );
        let mut linked = note("Synthèse", &[]);
        linked.links = vec![bad.into()];
        assert_refused!(
            &mut doc,
            |d: &mut GroupDoc| d.add_note(note_id(9), linked, date("2021-02-01")?, section_ids()),
            ModelError::InvalidLink(_)
        );
    }
    Ok(())
}

#[test]
fn coordinates_off_the_earth_are_refused() -> TestResult {
    let (mut doc, _) = group()?;

    // 1. Latitudes beyond the poles, longitudes beyond the date line, and numbers that are not numbers.
    for (lat, lon) in [
        (91.0, 4.4),
        (-90.5, 4.4),
        (50.4, 181.0),
        (50.4, -180.1),
        (f64::NAN, 4.4),
        (50.4, f64::INFINITY),
    ] {
        assert!(
            matches!(
                Coordinates::new(lat, lon),
                Err(ModelError::InvalidCoordinates { .. })
            ),
            "{lat}, {lon}"
        );
        assert_refused!(
            &mut doc,
            |d: &mut GroupDoc| d.update_profile(|p| {
                p.coordinates = Some(Coordinates { lat, lon });
                Ok(())
            }),
            ModelError::InvalidCoordinates { .. }
        );
    }
    Ok(())
}

#[test]
fn country_codes_that_are_not_two_letters_are_refused() -> TestResult {
    let (mut doc, _) = group()?;

    // 1. A country's name, one letter, digits, accents.
    for bad in ["Belgique", "B", "1E", "BÉ", ""] {
        assert_refused!(
            &mut doc,
            |d: &mut GroupDoc| d.update_profile(|p| {
                p.country = Some(bad.into());
                Ok(())
            }),
            ModelError::InvalidCountry(ref c) if c == bad
        );
    }

    // 2. A lower-case code is accepted and stored upper-case.
    let profile = doc.update_profile(|p| {
        p.country = Some(" fr ".into());
        Ok(())
    })?;
    assert_eq!(profile.country.as_deref(), Some("FR"));
    assert_eq!(doc.profile()?.country.as_deref(), Some("FR"));
    Ok(())
}

#[test]
fn belonging_to_a_person_rather_than_an_organisation_is_refused() -> TestResult {
    let (mut doc, _) = group()?;
    let today = date("2021-02-01")?;

    // 1. A new member cannot be "member of" Noémie, who is a person.
    let new = NewMember {
        member_of: Some(member_id(NOEMIE)),
        ..person("Irène Vasseur")
    };
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.add_member(member_id(9), new, today),
        ModelError::NotFound {
            what: "organisation",
            ..
        }
    );

    // 2. Nor can Noémie become a member of herself.
    let changes = MemberChanges {
        member_of: Some(member_id(NOEMIE)),
        ..MemberChanges::default()
    };
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.update_member(&member_id(NOEMIE), changes, today),
        ModelError::NotFound {
            what: "organisation",
            ..
        }
    );

    // 3. Belonging to the CPAS, an organisation, is accepted.
    let new = NewMember {
        member_of: Some(member_id(CPAS)),
        ..person("Irène Vasseur")
    };
    assert_eq!(
        doc.add_member(member_id(9), new, today)?.member_of,
        Some(member_id(CPAS))
    );
    Ok(())
}

#[test]
fn unknown_words_of_a_closed_vocabulary_are_refused() {
    // 1. A role that does not exist names the ones that do.
    let refused = "cheffe".parse::<Role>();
    assert!(
        matches!(&refused, Err(ModelError::UnknownValue { what: "role", value, expected }) if value == "cheffe" && expected.contains("facilitator")),
        "{refused:?}"
    );
    // 2. French words and odd capitals are understood.
    assert!(matches!(" Bénévole ".parse::<Role>(), Ok(Role::Volunteer)));
    assert!(matches!(
        "Organisation".parse::<MemberKind>(),
        Ok(MemberKind::Organisation)
    ));
}

#[test]
fn after_refusals_the_group_still_works_and_saves() -> TestResult {
    let (mut doc, _) = group()?;
    let before = snapshot(&mut doc)?;

    // 1. A series of bad commands, all refused.
    assert!(
        doc.add_member(member_id(9), person(""), date("2021-02-01")?)
            .is_err()
    );
    assert!(
        doc.update_event(&event_id(WEEKLY), |e| e
            .count_attendance(date("2021-02-04")?, -1))
            .is_err()
    );
    assert!(
        doc.update_profile(|p| {
            p.country = Some("Belgique".into());
            Ok(())
        })
        .is_err()
    );

    // 2. Nothing changed, the group saves and loads, and a good command still works.
    assert_eq!(snapshot(&mut doc)?, before);
    let mut copy = GroupDoc::load(&doc.save(), common::actor("copie"))?;
    assert_eq!(snapshot(&mut copy)?, before);
    copy.add_member(member_id(9), person("Irène Vasseur"), date("2021-02-01")?)?;
    assert_eq!(copy.members()?.len(), 3);
    Ok(())
}
