//! Concurrent edits on two devices merge as a facilitator would expect: nothing anyone did is lost.

// `pub`: each test binary uses a different part of the shared fixtures.
pub mod common;

use comptoir_model::{ConsentKind, MemberChanges, ModelError, Rsvp, occurrences};

use common::{
    TestResult, date, event, event_id, fork, member_id, merge_both, new_group, note, note_id,
    person, section_ids, snapshot,
};

#[test]
fn members_added_concurrently_are_both_kept() -> TestResult {
    // 1. The group exists on Amina's laptop and Bruno's phone.
    let mut origin = new_group()?;
    let mut amina = fork(&mut origin, "amina")?;
    let mut bruno = fork(&mut origin, "bruno")?;
    let today = date("2021-03-01")?;

    // 2. Offline, each adds a different person.
    amina.add_member(member_id(1), person("Noémie Lambert"), today)?;
    bruno.add_member(member_id(2), person("Yusuf Demir"), today)?;

    // 3. They meet again and merge both ways.
    merge_both(&mut amina, &mut bruno)?;

    // 4. Both people are there, and both copies are the same.
    let names: Vec<String> = amina.members()?.into_values().map(|m| m.name).collect();
    assert_eq!(names, ["Noémie Lambert", "Yusuf Demir"]);
    assert_eq!(snapshot(&mut amina)?, snapshot(&mut bruno)?);
    Ok(())
}

#[test]
fn edits_of_different_fields_of_one_event_are_both_kept() -> TestResult {
    // 1. A bistrot is planned at the Café des Arts for 20 people.
    let mut origin = new_group()?;
    let id = event_id(1);
    let mut new = event(
        "Bistrot de février",
        "2021-02-04T18:30",
        Some("2021-02-04T20:30"),
        None,
    )?;
    new.venue = Some("Café des Arts".into());
    new.capacity = Some(20);
    origin.add_event(id.clone(), new)?;
    let mut amina = fork(&mut origin, "amina")?;
    let mut bruno = fork(&mut origin, "bruno")?;

    // 2. Amina moves it to the Maison de quartier.
    amina.update_event(&id, |e| {
        e.venue = Some("Maison de quartier".into());
        Ok(())
    })?;
    // 3. Meanwhile Bruno renames it and raises the capacity.
    bruno.update_event(&id, |e| {
        e.title = "Bistrot des pépites".into();
        e.capacity = Some(25);
        Ok(())
    })?;

    // 4. After merging, the event has the new venue, title and capacity.
    merge_both(&mut amina, &mut bruno)?;
    let merged = amina.event(&id)?;
    assert_eq!(merged.venue.as_deref(), Some("Maison de quartier"));
    assert_eq!(merged.title, "Bistrot des pépites");
    assert_eq!(merged.capacity, Some(25));
    assert_eq!(snapshot(&mut amina)?, snapshot(&mut bruno)?);
    Ok(())
}

#[test]
fn edits_of_one_section_at_different_places_merge_character_by_character() -> TestResult {
    // 1. A note has a section "Réflexions".
    let mut origin = new_group()?;
    let id = note_id(1);
    let created = origin.add_note(
        id.clone(),
        note(
            "Synthèse du bistrot de mars",
            &[("Réflexions", "Le logement, puis l'accueil.")],
        ),
        date("2021-03-04")?,
        section_ids(),
    )?;
    let section = created.sections[0].id.clone();
    let mut amina = fork(&mut origin, "amina")?;
    let mut bruno = fork(&mut origin, "bruno")?;

    // 2. Amina types at the start of the text, as an editor sends the whole new text.
    amina.edit_section(&id, &section, "Ça bouge : le logement, puis l'accueil.")?;
    // 3. Bruno types in the middle, after an accented word of his own.
    bruno.edit_section(&id, &section, "Le logement, les pépites, puis l'accueil.")?;

    // 4. The merged text has both insertions, each where it was typed.
    merge_both(&mut amina, &mut bruno)?;
    let body = amina.note(&id)?.sections[0].body.as_str().to_string();
    assert!(body.contains("Ça bouge"), "{body}");
    assert!(body.contains("pépites"), "{body}");
    assert_eq!(body, "Ça bouge : le logement, les pépites, puis l'accueil.");
    assert_eq!(snapshot(&mut amina)?, snapshot(&mut bruno)?);
    Ok(())
}

#[test]
fn deleting_and_typing_in_one_section_concurrently_keeps_the_typing() -> TestResult {
    // 1. A section reads "Réflexions sur ça et le reste".
    let mut origin = new_group()?;
    let id = note_id(1);
    let created = origin.add_note(
        id.clone(),
        note(
            "Compte rendu",
            &[("Notes", "Réflexions sur ça et le reste")],
        ),
        date("2021-03-04")?,
        section_ids(),
    )?;
    let section = created.sections[0].id.clone();
    let mut amina = fork(&mut origin, "amina")?;
    let mut bruno = fork(&mut origin, "bruno")?;

    // 2. Amina deletes " et le reste" at the end.
    amina.edit_section(&id, &section, "Réflexions sur ça")?;
    // 3. Bruno inserts "nos " before "ça".
    bruno.edit_section(&id, &section, "Réflexions sur nos ça et le reste")?;

    // 4. Both changes apply.
    merge_both(&mut amina, &mut bruno)?;
    assert_eq!(
        amina.note(&id)?.sections[0].body.as_str(),
        "Réflexions sur nos ça"
    );
    assert_eq!(snapshot(&mut amina)?, snapshot(&mut bruno)?);
    Ok(())
}

#[test]
fn paragraphs_appended_concurrently_to_one_section_are_both_kept() -> TestResult {
    // 1. A note has a section "Pépites" with one paragraph.
    let mut origin = new_group()?;
    let id = note_id(1);
    origin.add_note(
        id.clone(),
        note("Synthèse", &[("Pépites", "Premier tour de table.")]),
        date("2021-03-04")?,
        section_ids(),
    )?;
    let mut amina = fork(&mut origin, "amina")?;
    let mut bruno = fork(&mut origin, "bruno")?;

    // 2. Each appends a paragraph to the same section.
    amina.append_to_note(&id, "Pépites", "Le CPAS viendra en avril.", section_ids()())?;
    bruno.append_to_note(
        &id,
        "Pépites",
        "Idée : une balade à vélo, ça tente tout le monde.",
        section_ids()(),
    )?;

    // 3. After merging there is still one section, holding the three paragraphs.
    merge_both(&mut amina, &mut bruno)?;
    let merged = amina.note(&id)?;
    assert_eq!(merged.sections.len(), 1);
    let body = merged.sections[0].body.as_str();
    let mut paragraphs: Vec<&str> = body.split("\n\n").collect();
    assert_eq!(
        paragraphs.first(),
        Some(&"Premier tour de table."),
        "{body:?}"
    );
    paragraphs.sort_unstable();
    assert_eq!(
        paragraphs,
        [
            "Idée : une balade à vélo, ça tente tout le monde.",
            "Le CPAS viendra en avril.",
            "Premier tour de table."
        ],
        "{body:?}"
    );
    assert_eq!(snapshot(&mut amina)?, snapshot(&mut bruno)?);
    Ok(())
}

#[test]
fn answers_given_concurrently_for_one_occurrence_are_both_counted() -> TestResult {
    // 1. A weekly bistrot and two members exist everywhere.
    let mut origin = new_group()?;
    let today = date("2021-02-01")?;
    origin.add_member(member_id(1), person("Noémie Lambert"), today)?;
    origin.add_member(member_id(2), person("Yusuf Demir"), today)?;
    let id = event_id(1);
    origin.add_event(
        id.clone(),
        event(
            "Bistrot du jeudi",
            "2021-02-04T18:30",
            None,
            Some("FREQ=WEEKLY;COUNT=8"),
        )?,
    )?;
    let mut amina = fork(&mut origin, "amina")?;
    let mut bruno = fork(&mut origin, "bruno")?;
    let thursday = date("2021-02-11")?;

    // 2. Amina records Noémie's yes, Bruno records Yusuf's yes, for the same Thursday.
    amina.update_event(&id, |e| e.answer(&member_id(1), Some(thursday), Rsvp::Yes))?;
    bruno.update_event(&id, |e| e.answer(&member_id(2), Some(thursday), Rsvp::Yes))?;

    // 3. After merging, that Thursday counts two yes; the others none.
    merge_both(&mut amina, &mut bruno)?;
    let events = amina.events()?;
    let agenda = occurrences(
        events.values(),
        thursday.0.pred_opt(),
        thursday.0.succ_opt().unwrap_or(thursday.0),
    )?;
    assert_eq!(agenda.len(), 1);
    assert_eq!(agenda[0].occurrence, thursday);
    assert_eq!(
        (agenda[0].rsvp.yes, agenda[0].rsvp.no, agenda[0].rsvp.maybe),
        (2, 0, 0)
    );
    let all = occurrences(events.values(), None, date("2021-12-31")?.0)?;
    assert_eq!(all.iter().map(|o| o.rsvp.yes).sum::<u32>(), 2);
    assert_eq!(snapshot(&mut amina)?, snapshot(&mut bruno)?);
    Ok(())
}

#[test]
fn removing_a_member_while_another_is_updated_keeps_both_effects() -> TestResult {
    // 1. Noémie (a correspondent) and Yusuf are members.
    let mut origin = new_group()?;
    let today = date("2021-02-01")?;
    origin.add_member(member_id(1), person("Noémie Lambert"), today)?;
    origin.add_member(member_id(2), person("Yusuf Demir"), today)?;
    origin.update_profile(|p| {
        p.correspondents.push(member_id(1));
        Ok(())
    })?;
    let mut amina = fork(&mut origin, "amina")?;
    let mut bruno = fork(&mut origin, "bruno")?;

    // 2. Amina removes Noémie, who left the group.
    amina.remove_member(&member_id(1))?;
    // 3. Bruno records Yusuf's town and newsletter consent.
    let changes = MemberChanges {
        town: Some("Charleroi".into()),
        grant: vec![ConsentKind::Newsletter],
        ..MemberChanges::default()
    };
    bruno.update_member(&member_id(2), changes, date("2021-02-15")?)?;

    // 4. After merging, Noémie is gone (also as correspondent) and Yusuf's changes are kept.
    merge_both(&mut amina, &mut bruno)?;
    let members = amina.members()?;
    assert_eq!(
        members.keys().cloned().collect::<Vec<_>>(),
        [member_id(2).to_string()]
    );
    assert!(matches!(
        amina.member(&member_id(1)),
        Err(ModelError::NotFound { what: "member", .. })
    ));
    let yusuf = amina.member(&member_id(2))?;
    assert_eq!(yusuf.town.as_deref(), Some("Charleroi"));
    assert!(yusuf.consents.granted(ConsentKind::Newsletter));
    assert_eq!(
        yusuf.consents.newsletter.map(|c| c.date),
        Some(date("2021-02-15")?)
    );
    assert!(amina.profile()?.correspondents.is_empty());
    assert_eq!(snapshot(&mut amina)?, snapshot(&mut bruno)?);
    Ok(())
}

#[test]
fn edits_of_different_profile_fields_are_both_kept() -> TestResult {
    // 1. Two copies of the group.
    let mut origin = new_group()?;
    let mut amina = fork(&mut origin, "amina")?;
    let mut bruno = fork(&mut origin, "bruno")?;

    // 2. Amina sets the venue; Bruno writes how the group works.
    amina.update_profile(|p| {
        p.venue = Some("Café « Chez Françoise »".into());
        Ok(())
    })?;
    bruno.update_profile(|p| {
        p.how_it_works = Some("Un jeudi par mois, entrée libre.".into());
        Ok(())
    })?;

    // 3. The merged profile has both.
    merge_both(&mut amina, &mut bruno)?;
    let profile = bruno.profile()?;
    assert_eq!(profile.venue.as_deref(), Some("Café « Chez Françoise »"));
    assert_eq!(
        profile.how_it_works.as_deref(),
        Some("Un jeudi par mois, entrée libre.")
    );
    assert_eq!(snapshot(&mut amina)?, snapshot(&mut bruno)?);
    Ok(())
}

#[test]
fn a_copy_of_another_group_is_not_merged() -> TestResult {
    // 1. Two different groups.
    let mut ours = new_group()?;
    let mut profile = comptoir_model::Profile::new(
        "Pause-café de Jemeppe-la-Neuve",
        comptoir_model::GroupKind::Bistrot,
    )?;
    profile.country = Some("BE".into());
    let mut theirs = comptoir_model::GroupDoc::create(
        comptoir_model::GroupId::from_random([9; 16]),
        profile,
        common::actor("autre"),
    )?;
    theirs.add_member(member_id(7), person("Irène Vasseur"), date("2021-03-01")?)?;
    let before = snapshot(&mut ours)?;

    // 2. Merging theirs into ours is refused and ours is unchanged.
    let refused = ours.merge(&mut theirs);
    assert!(
        matches!(refused, Err(ModelError::NotAGroupDocument(_))),
        "{refused:?}"
    );
    assert_eq!(snapshot(&mut ours)?, before);
    Ok(())
}
