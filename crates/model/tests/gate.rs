//! The gate tells apart changes by a device the log removed (refused) from changes by a
//! device the log does not name yet (set aside until the log that registers it arrives), and
//! keeps nothing of either.

// `pub`: each test binary uses a different part of the shared fixtures.
pub mod common;

use automerge::sync::State;
use comptoir_model::{Authors, GroupDoc, ModelError};

use common::{TestResult, actor, date, fork, member_id, new_group, person};

/// One message from `from` to `to`, which must bring changes.
fn deliver(from: &mut GroupDoc, to: &mut GroupDoc) -> comptoir_model::Result<bool> {
    let (mut ours, mut theirs) = (State::new(), State::new());
    // `to` says what it holds, then `from` sends what it lacks.
    let hello = to.sync_message(&mut theirs).expect("a first message");
    from.receive_sync_message(&mut ours, hello)?;
    let message = from.sync_message(&mut ours).expect("changes to send");
    assert!(!message.changes.is_empty(), "the message brings changes");
    to.receive_sync_message(&mut theirs, message)
}

#[test]
fn a_removed_devices_changes_are_refused_and_an_unknown_ones_wait() -> TestResult {
    // 1. Amina's copy accepts changes from the group's origin and from herself; Bruno was
    //    removed before anything he writes now; Chloé is not in the log yet.
    let mut origin = new_group()?;
    let heads = origin.heads();
    let mut amina = fork(&mut origin, "amina")?;
    let mut bruno = fork(&mut origin, "bruno")?;
    let mut chloe = fork(&mut origin, "chloe")?;
    let mut authors = Authors::new();
    authors.writer(actor("origine"));
    authors.writer(actor("amina"));
    authors.removed(actor("bruno"), heads);
    amina.set_authors(authors);
    let before = amina.heads();
    let today = date("2021-03-01")?;

    // 2. Bruno's later change is refused as a removed device's.
    bruno.add_member(member_id(1), person("Noémie Lambert"), today)?;
    let refused = deliver(&mut bruno, &mut amina);
    assert!(
        matches!(refused, Err(ModelError::UnauthorizedChanges { count: 1 })),
        "{refused:?}"
    );
    assert_eq!(amina.heads(), before);

    // 3. Chloé's is set aside as an author the log does not name yet.
    chloe.add_member(member_id(2), person("Yusuf Demir"), today)?;
    let waiting = deliver(&mut chloe, &mut amina);
    assert!(
        matches!(waiting, Err(ModelError::UnknownAuthors { count: 1 })),
        "{waiting:?}"
    );
    assert_eq!(amina.heads(), before);
    assert!(amina.members()?.is_empty());

    // 4. Once the log names her, the same change is taken.
    let mut authors = Authors::new();
    authors.writer(actor("origine"));
    authors.writer(actor("amina"));
    authors.writer(actor("chloe"));
    authors.removed(actor("bruno"), origin.heads());
    amina.set_authors(authors);
    assert!(deliver(&mut chloe, &mut amina)?);
    let names: Vec<String> = amina.members()?.into_values().map(|m| m.name).collect();
    assert_eq!(names, ["Yusuf Demir"]);
    Ok(())
}
