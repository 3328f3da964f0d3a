//! Refusals of bad names, ids, contacts and places: the error says what is wrong and the document is unchanged.

use super::*;

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
