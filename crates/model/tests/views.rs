//! The views a page reads again and again (members, events, notes) are the document's: after
//! any mix of local edits, another copy's changes merged, synced or loaded, and a copy rebuilt,
//! a view read again equals a fresh hydration.

// `pub`: each test binary uses a different part of the shared fixtures.
pub mod common;

use automerge::sync::State;
use comptoir_model::{GroupDoc, MemberChanges};
use proptest::prelude::*;

use common::{
    TestResult, date, event, event_id, fork, member_id, new_group, note, note_id, person,
    section_ids,
};

/// One thing that happens to Amina's copy, with Bruno's copy beside it.
#[derive(Debug, Clone)]
enum Step {
    AddMember(u8),
    RenameMember(u8),
    RemoveMember(u8),
    AddEvent(u8),
    RetitleEvent(u8),
    AddNote(u8),
    EditNote(u8),
    /// Bruno adds a member and an event; Amina merges his copy.
    BrunoEdits(u8),
    /// Amina loads Bruno's changes as bytes, as from storage.
    LoadBruno,
    /// Bruno edits, then the two copies sync as peers do, message by message.
    SyncBruno(u8),
    /// Amina's copy is stored: what is unsaved, or the whole document (a compaction).
    Save,
    /// Amina reads the views (so that later steps update them rather than start afresh).
    Read,
}

fn step() -> impl Strategy<Value = Step> {
    let n = 0u8..6;
    prop_oneof![
        n.clone().prop_map(Step::AddMember),
        n.clone().prop_map(Step::RenameMember),
        n.clone().prop_map(Step::RemoveMember),
        n.clone().prop_map(Step::AddEvent),
        n.clone().prop_map(Step::RetitleEvent),
        n.clone().prop_map(Step::AddNote),
        n.clone().prop_map(Step::EditNote),
        n.prop_map(Step::BrunoEdits),
        Just(Step::LoadBruno),
        (0u8..6).prop_map(Step::SyncBruno),
        Just(Step::Save),
        Just(Step::Read),
        Just(Step::Read),
    ]
}

/// Applies a step; refusals (a member that is not there…) are part of the game.
fn play(amina: &mut GroupDoc, bruno: &mut GroupDoc, step: &Step) -> TestResult {
    let today = date("2021-03-01")?;
    match *step {
        Step::AddMember(n) => {
            drop(amina.add_member(member_id(n), person(&format!("Personne {n}")), today))
        }
        Step::RenameMember(n) => {
            let changes = MemberChanges {
                name: Some(format!("Personne {n} bis")),
                ..MemberChanges::default()
            };
            drop(amina.update_member(&member_id(n), changes, today));
        }
        Step::RemoveMember(n) => drop(amina.remove_member(&member_id(n))),
        Step::AddEvent(n) => drop(amina.add_event(
            event_id(n),
            event(&format!("Bistrot {n}"), "2021-02-04T18:30", None, None)?,
        )),
        Step::RetitleEvent(n) => drop(amina.update_event(&event_id(n), |e| {
            e.title = format!("Bistrot {n} déplacé");
            Ok(())
        })),
        Step::AddNote(n) => drop(amina.add_note(
            note_id(n),
            note(
                &format!("Synthèse {n}"),
                &[("Situation", "Une demande d'aide.")],
            ),
            today,
            section_ids(),
        )),
        Step::EditNote(n) => {
            if let Ok(found) = amina.note(&note_id(n))
                && let Some(section) = found.sections.first()
            {
                let text = format!("{} Et une suite.", section.body.as_str());
                amina.edit_section(&note_id(n), &section.id, &text)?;
            }
        }
        Step::BrunoEdits(n) => {
            drop(bruno.add_member(member_id(100 + n), person(&format!("Invitée {n}")), today));
            drop(bruno.add_event(
                event_id(100 + n),
                event(&format!("Pause-café {n}"), "2021-03-04T10:00", None, None)?,
            ));
            amina.merge(bruno)?;
        }
        Step::SyncBruno(n) => {
            drop(bruno.add_member(member_id(200 + n), person(&format!("Voisine {n}")), today));
            sync(amina, bruno)?;
        }
        Step::LoadBruno => {
            let bytes = bruno.save();
            amina.load_incremental(&bytes)?;
        }
        Step::Save => {
            amina.take_unsaved();
            amina.save();
        }
        Step::Read => check(amina)?,
    }
    Ok(())
}

/// Exchanges sync messages until neither copy has anything to say.
fn sync(a: &mut GroupDoc, b: &mut GroupDoc) -> TestResult {
    let (mut a_state, mut b_state) = (State::new(), State::new());
    for _ in 0..20 {
        let to_b = a.sync_message(&mut a_state);
        let to_a = b.sync_message(&mut b_state);
        if to_a.is_none() && to_b.is_none() {
            return Ok(());
        }
        if let Some(message) = to_b {
            b.receive_sync_message(&mut b_state, message)?;
        }
        if let Some(message) = to_a {
            a.receive_sync_message(&mut a_state, message)?;
        }
    }
    Err("the copies kept talking".into())
}

/// Each view equals what a fresh read of the document gives.
fn check(doc: &mut GroupDoc) -> TestResult {
    assert_eq!(*doc.members_view()?, doc.members()?);
    assert_eq!(*doc.events_view()?, doc.events()?);
    // Notes hold Automerge text, compared as the JSON export writes it.
    assert_eq!(
        serde_json::to_string(&*doc.notes_view()?)?,
        serde_json::to_string(&doc.notes()?)?
    );
    let counts = doc.counts()?;
    assert_eq!(counts.members, doc.members()?.len());
    assert_eq!(counts.events, doc.events()?.len());
    assert_eq!(counts.notes, doc.notes()?.len());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn views_read_again_equal_the_document(steps in prop::collection::vec(step(), 1..24)) {
        let run = || -> TestResult {
            let mut origin = new_group()?;
            let mut amina = fork(&mut origin, "amina")?;
            let mut bruno = fork(&mut origin, "bruno")?;
            for step in &steps {
                play(&mut amina, &mut bruno, step)?;
            }
            check(&mut amina)
        };
        prop_assert!(run().is_ok(), "{:?}", run());
    }
}

#[test]
fn a_view_is_kept_until_the_document_changes_and_then_follows_it() -> TestResult {
    // 1. The members page is read once.
    let mut doc = new_group()?;
    let today = date("2021-03-01")?;
    doc.add_member(member_id(1), person("Noémie Lambert"), today)?;
    let first = doc.members_view()?;
    assert_eq!(first.len(), 1);

    // 2. Read again with nothing changed: the very same view.
    let again = doc.members_view()?;
    assert!(std::sync::Arc::ptr_eq(&first, &again));
    drop((first, again));

    // 3. One member renamed, another added: the view shows both changes.
    let changes = MemberChanges {
        name: Some("Noémie Lambert-Dubois".into()),
        ..MemberChanges::default()
    };
    doc.update_member(&member_id(1), changes, today)?;
    doc.add_member(member_id(2), person("Yusuf Demir"), today)?;
    let names: Vec<String> = doc
        .members_view()?
        .values()
        .map(|m| m.name.clone())
        .collect();
    assert_eq!(names, ["Noémie Lambert-Dubois", "Yusuf Demir"]);

    // 4. A member removed leaves the view too.
    doc.remove_member(&member_id(1))?;
    let names: Vec<String> = doc
        .members_view()?
        .values()
        .map(|m| m.name.clone())
        .collect();
    assert_eq!(names, ["Yusuf Demir"]);
    Ok(())
}
