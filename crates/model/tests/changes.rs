//! Changes as the forms make them: an event edited in the form's words (`EventChanges` with a
//! `Repetition`), a group created and its profile changed (`NewGroup`, `ProfileChanges`),
//! every text tidied the one way.

// `pub`: each test binary uses a different part of the shared fixtures.
pub mod common;

use comptoir_model::{
    Cadence, EventChanges, GroupDoc, GroupId, GroupKind, ModelError, NewGroup, Profile,
    ProfileChanges, Repetition, Weekday, occurrences,
};

use common::{TestResult, actor, date, event, event_id, local, new_group};

/// The dates of an event's occurrences up to the end of 2027.
fn dates(doc: &GroupDoc) -> TestResult<Vec<String>> {
    let events = doc.events()?;
    let to = date("2027-12-31")?.0;
    Ok(occurrences(events.values(), None, to)?
        .iter()
        .map(|o| o.occurrence.to_string())
        .collect())
}

#[test]
fn an_event_changes_its_repetition_in_the_forms_words() -> TestResult {
    // 1. A bistrot on the first Thursday of each month, at a café.
    let mut doc = new_group()?;
    let id = event_id(1);
    let mut new = event(
        "Bistrot du jeudi",
        "2026-10-01T19:00",
        Some("2026-10-01T21:00"),
        Some("FREQ=MONTHLY;BYDAY=1TH"),
    )?;
    new.venue = Some("Café Le Central".into());
    let stored = doc.add_event(id.clone(), new)?;
    let first_thursday = Cadence::MonthlyOnWeekday {
        week: 1,
        weekday: Weekday::Thu,
    };
    assert_eq!(
        stored.repetition()?,
        Repetition::Every {
            cadence: first_thursday,
            until: None
        }
    );

    // 2. It becomes every two weeks until 10 December, with no end time; the venue is left
    //    as it is and the theme is given with spaces around it.
    let fortnightly = Repetition::Every {
        cadence: Cadence::Weekly { weeks: 2 },
        until: Some(date("2026-12-10")?),
    };
    let changes = EventChanges {
        repeat: Some(fortnightly.clone()),
        end: Some(None),
        theme: Some("  Le logement  ".into()),
        ..EventChanges::default()
    };
    let (changed, ()) = doc.update_event(&id, |e| e.apply(changes))?;

    // 3. Stored as the rule other calendars read, it reads back as the same choice.
    assert_eq!(
        changed.repeat.as_deref(),
        Some("FREQ=WEEKLY;INTERVAL=2;UNTIL=20261210T225959Z")
    );
    assert_eq!(doc.event(&id)?.repetition()?, fortnightly);
    assert_eq!(changed.venue.as_deref(), Some("Café Le Central"));
    assert_eq!(changed.theme.as_deref(), Some("Le logement"));
    assert_eq!(changed.end, None);
    assert_eq!(
        dates(&doc)?,
        [
            "2026-10-01",
            "2026-10-15",
            "2026-10-29",
            "2026-11-12",
            "2026-11-26",
            "2026-12-10"
        ]
    );

    // 4. A blank venue removes it; stopping the repetition leaves one date.
    let changes = EventChanges {
        venue: Some(" ".into()),
        repeat: Some(Repetition::Never),
        ..EventChanges::default()
    };
    let (changed, ()) = doc.update_event(&id, |e| e.apply(changes))?;
    assert_eq!((changed.venue, changed.repeat), (None, None));
    assert_eq!(dates(&doc)?, ["2026-10-01"]);
    Ok(())
}

#[test]
fn a_rule_the_form_cannot_show_survives_an_edit() -> TestResult {
    // 1. Six Fridays, as typed on the command line.
    let mut doc = new_group()?;
    let id = event_id(2);
    let rule = "FREQ=WEEKLY;COUNT=6";
    doc.add_event(
        id.clone(),
        event("Atelier", "2026-11-06T14:00", None, Some(rule))?,
    )?;
    let custom = Repetition::Custom(rule.into());
    assert_eq!(doc.event(&id)?.repetition()?, custom);

    // 2. Renamed, and then saved from the form, which gives the rule back as it came.
    for changes in [
        EventChanges {
            title: Some("Atelier d'écriture".into()),
            ..EventChanges::default()
        },
        EventChanges {
            repeat: Some(custom.clone()),
            ..EventChanges::default()
        },
    ] {
        doc.update_event(&id, |e| e.apply(changes))?;
        assert_eq!(doc.event(&id)?.repeat.as_deref(), Some(rule));
    }
    assert_eq!(dates(&doc)?.len(), 6);
    Ok(())
}

#[test]
fn a_refused_change_leaves_the_event_as_it_was() -> TestResult {
    let mut doc = new_group()?;
    let id = event_id(3);
    doc.add_event(
        id.clone(),
        event("Permanence", "2026-11-02T10:00", None, None)?,
    )?;
    let before = doc.event(&id)?;
    for (changes, refusal) in [
        (
            EventChanges {
                title: Some("   ".into()),
                ..EventChanges::default()
            },
            "empty title",
        ),
        (
            EventChanges {
                end: Some(Some(local("2026-11-02T09:00")?)),
                ..EventChanges::default()
            },
            "end before start",
        ),
        (
            EventChanges {
                repeat: Some(Repetition::Custom("FREQ=HOURLY".into())),
                ..EventChanges::default()
            },
            "hourly rule",
        ),
    ] {
        let refused = doc.update_event(&id, |e| e.apply(changes));
        assert!(
            matches!(
                refused,
                Err(ModelError::EmptyField { .. }
                    | ModelError::EndBeforeStart { .. }
                    | ModelError::InvalidRecurrence { .. })
            ),
            "{refusal}: {refused:?}"
        );
        assert_eq!(doc.event(&id)?, before, "{refusal}");
    }
    Ok(())
}

#[test]
fn a_new_group_and_its_profile_changes_are_tidied_one_way() -> TestResult {
    // 1. A group typed with spaces, a blank field and a lower-case country.
    let new = NewGroup {
        name: "  Bistrot du Social de Jupille ".into(),
        kind: GroupKind::Bistrot,
        town: Some(" Jupille".into()),
        postal_code: Some("  ".into()),
        country: Some(" be".into()),
        venue: None,
        address: None,
        coordinates: Some((50.64, 5.63)),
        description: Some("".into()),
    };
    let profile = Profile::from_new(new.clone())?;
    assert_eq!(profile.name, "Bistrot du Social de Jupille");
    assert_eq!(profile.town.as_deref(), Some("Jupille"));
    assert_eq!(profile.country.as_deref(), Some("BE"));
    assert_eq!(
        (profile.postal_code.as_ref(), profile.description.as_ref()),
        (None, None)
    );
    assert!(profile.coordinates.is_some());

    // 2. The Paramètres form changes it: blank links are dropped, a blank country removed.
    let mut doc = GroupDoc::create(GroupId::from_random([9; 16]), profile, actor("origine"))?;
    let changes = ProfileChanges {
        name: "Bistrot de Jupille".into(),
        kind: GroupKind::Bistrot,
        town: Some("Jupille-sur-Meuse ".into()),
        postal_code: Some("4020".into()),
        country: Some(" ".into()),
        venue: Some("Café de la Gare".into()),
        address: None,
        description: None,
        how_it_works: Some(" Un thème par mois. ".into()),
        links: vec![" https://example.org/manifeste ".into(), "".into()],
    };
    let changed = doc.update_profile(|p| {
        p.apply(changes);
        Ok(())
    })?;
    assert_eq!(changed.town.as_deref(), Some("Jupille-sur-Meuse"));
    assert_eq!(changed.country, None);
    assert_eq!(changed.how_it_works.as_deref(), Some("Un thème par mois."));
    assert_eq!(changed.links, ["https://example.org/manifeste"]);
    assert!(changed.coordinates.is_some(), "coordinates are kept");

    // 3. Coordinates off the Earth are refused.
    let off = NewGroup {
        coordinates: Some((91.0, 0.0)),
        ..new
    };
    assert!(matches!(
        Profile::from_new(off),
        Err(ModelError::InvalidCoordinates { .. })
    ));
    Ok(())
}
