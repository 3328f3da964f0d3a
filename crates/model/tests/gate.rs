//! The gate tells apart changes by a device the log removed (refused) from changes by a
//! device the log does not name yet (set aside until the log that registers it arrives), and
//! keeps nothing of either; a writer's changes arriving under its actor need its device's
//! seal, which another device cannot make.

// `pub`: each test binary uses a different part of the shared fixtures.
pub mod common;

use automerge::sync::State;
use comptoir_model::{ActorId, Authors, GroupDoc, ModelError, Seal, sealed_bytes};
use ed25519_dalek::{Signer, SigningKey};

use common::{TestResult, actor, date, fork, member_id, new_group, person};

/// One message from `from` to `to`, which must bring changes, with the seals `from` holds.
fn deliver(from: &mut GroupDoc, to: &mut GroupDoc) -> comptoir_model::Result<bool> {
    let (mut ours, mut theirs) = (State::new(), State::new());
    // `to` says what it holds, then `from` sends what it lacks.
    let hello = to.sync_message(&mut theirs).expect("a first message");
    from.receive_sync_message(&mut ours, hello)?;
    let message = from.sync_message(&mut ours).expect("changes to send");
    assert!(!message.changes.is_empty(), "the message brings changes");
    let seals = from.seals();
    to.receive_sealed(&mut theirs, message, seals)
}

/// `key` seals the changes written with `actor` in `doc`, as a device does its own.
fn seal(doc: &mut GroupDoc, actor: &ActorId, key: &SigningKey) {
    let unsealed = doc.unsealed_by(std::slice::from_ref(actor));
    let seals: Vec<_> = unsealed
        .into_iter()
        .map(|hash| {
            let signature = key.sign(&sealed_bytes(doc.id(), &hash));
            (hash, Seal(signature.to_bytes()))
        })
        .collect();
    doc.add_seals(seals);
}

#[test]
fn a_writers_changes_are_taken_with_its_seal_only() -> TestResult {
    // 1. Amina takes Bruno's changes sealed by Bruno's device key.
    let mut origin = new_group()?;
    let mut amina = fork(&mut origin, "amina")?;
    let mut bruno = fork(&mut origin, "bruno")?;
    let mut forger = fork(&mut origin, "bruno")?;
    let (bruno_key, forger_key) = (
        SigningKey::from_bytes(&[7; 32]),
        SigningKey::from_bytes(&[9; 32]),
    );
    let mut authors = Authors::new();
    authors.writer(actor("origine"));
    authors.sealed_writer(actor("bruno"), bruno_key.verifying_key().as_bytes());
    amina.set_authors(authors);
    let before = amina.heads();
    let today = date("2021-03-01")?;

    // 2. A device that is not Bruno's writes under his actor: unsealed, then sealed with its
    //    own key. Both are refused as not his, and nothing is kept.
    forger.add_member(member_id(3), person("Nom d'emprunt"), today)?;
    let unsealed = deliver(&mut forger, &mut amina);
    assert!(
        matches!(unsealed, Err(ModelError::UnauthorizedChanges { count: 1 })),
        "{unsealed:?}"
    );
    seal(&mut forger, &actor("bruno"), &forger_key);
    let forged = deliver(&mut forger, &mut amina);
    assert!(
        matches!(forged, Err(ModelError::UnauthorizedChanges { count: 1 })),
        "{forged:?}"
    );
    assert_eq!(amina.heads(), before);

    // 3. Bruno's own change, sealed by his key, is taken, and its seal kept to pass on.
    bruno.add_member(member_id(4), person("Bruno Dubois"), today)?;
    seal(&mut bruno, &actor("bruno"), &bruno_key);
    assert!(deliver(&mut bruno, &mut amina)?);
    let names: Vec<String> = amina.members()?.into_values().map(|m| m.name).collect();
    assert_eq!(names, ["Bruno Dubois"]);
    let kept = amina.take_unsaved_seals();
    assert_eq!(kept.len(), 1);
    assert_eq!(amina.seal_of(&kept[0].0), Some(kept[0].1));
    Ok(())
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
