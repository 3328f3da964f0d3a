//! Bad input is answered with an error a caller can act on, and the document stays exactly as it
//! was: same heads, same content.

// `pub`: each test binary uses a different part of the shared fixtures.
#[path = "../common/mod.rs"]
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

mod fields;
mod times;
