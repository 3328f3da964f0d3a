//! Documents written by older builds open and keep their data; documents from newer builds, and
//! bytes that are not a group at all, are refused with an error rather than misread.

// `pub`: each test binary uses a different part of the shared fixtures.
pub mod common;

use std::collections::BTreeMap;

use automerge::{AutoCommit, ObjType, ROOT, transaction::Transactable};
use comptoir_model::{
    Event, EventKind, GroupDoc, GroupId, GroupKind, Member, ModelError, NewEvent, Profile,
    schema::{self, SCHEMA},
};
use proptest::prelude::*;

use common::{
    TestResult, actor, date, event_id, fork, local, member_id, merge_both, new_group, person,
    snapshot,
};

const GROUP_ID: &str = "2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a";

fn prototype_profile() -> comptoir_model::Result<Profile> {
    let mut profile = Profile::new("Bistrot du Social de Fleurus-les-Prés", GroupKind::Bistrot)?;
    profile.country = Some("BE".into());
    profile.description = Some("Des travailleurs sociaux qui se retrouvent au café.".into());
    Ok(profile)
}

/// A document as the prototype wrote it: an id and a profile, no `schema` key, and only the
/// collections given (the prototype created them when first needed).
fn version_0(
    profile: &Profile,
    members: Option<&BTreeMap<String, Member>>,
    events: Option<&BTreeMap<String, Event>>,
) -> TestResult<Vec<u8>> {
    let mut doc = AutoCommit::new().with_actor(actor("prototype"));
    doc.put(ROOT, "id", GROUP_ID)?;
    autosurgeon::reconcile_prop(&mut doc, ROOT, "profile", profile)?;
    if let Some(members) = members {
        autosurgeon::reconcile_prop(&mut doc, ROOT, "members", members)?;
    }
    if let Some(events) = events {
        autosurgeon::reconcile_prop(&mut doc, ROOT, "events", events)?;
    }
    Ok(doc.save())
}

#[test]
fn a_prototype_document_opens_at_the_current_schema_and_accepts_changes() -> TestResult {
    // 1. The prototype wrote a group with only an id and a profile.
    let profile = prototype_profile()?;
    let bytes = version_0(&profile, None, None)?;
    assert_eq!(schema::version(&AutoCommit::load(&bytes)?)?, 0);

    // 2. Loading it brings it to the current schema, with empty collections and its data intact.
    let mut doc = GroupDoc::load(&bytes, actor("amina"))?;
    assert_eq!(SCHEMA, 1);
    assert_eq!(doc.schema_version()?, 1);
    assert_eq!(doc.id().as_str(), GROUP_ID);
    assert_eq!(doc.profile()?, profile);
    assert!(doc.members()?.is_empty());
    assert!(doc.events()?.is_empty());
    assert!(doc.notes()?.is_empty());
    assert_eq!(doc.group()?.schema, 1);

    // 3. It accepts a new member.
    doc.add_member(member_id(1), person("Noémie Lambert"), date("2021-03-01")?)?;

    // 4. Saved and loaded again, it stays at schema 1 with the member.
    let mut again = GroupDoc::load(&doc.save(), actor("amina"))?;
    assert_eq!(again.schema_version()?, 1);
    assert_eq!(again.member(&member_id(1))?.name, "Noémie Lambert");
    assert_eq!(snapshot(&mut again)?, snapshot(&mut doc)?);
    Ok(())
}

#[test]
fn copies_of_a_prototype_document_migrated_apart_keep_what_each_added() -> TestResult {
    // 1. Amina and Bruno both have the prototype's bytes.
    let bytes = version_0(&prototype_profile()?, None, None)?;

    // 2. Each opens them (migrating them) and adds a member, offline.
    let mut amina = GroupDoc::load(&bytes, actor("amina"))?;
    let mut bruno = GroupDoc::load(&bytes, actor("bruno"))?;
    amina.add_member(member_id(1), person("Noémie Lambert"), date("2021-03-01")?)?;
    bruno.add_member(member_id(2), person("Yusuf Demir"), date("2021-03-02")?)?;

    // 3. After merging, both members are there: the two migrations were one and the same.
    merge_both(&mut amina, &mut bruno)?;
    let names: Vec<String> = amina.members()?.into_values().map(|m| m.name).collect();
    assert_eq!(names, ["Noémie Lambert", "Yusuf Demir"]);
    assert_eq!(snapshot(&mut amina)?, snapshot(&mut bruno)?);
    Ok(())
}

fn invented_member(n: u8, name: &str) -> comptoir_model::Result<Member> {
    Member::new(member_id(n), person(name), date("2020-06-01")?)
}

fn invented_event(n: u8, title: &str) -> comptoir_model::Result<Event> {
    let new = NewEvent {
        title: title.into(),
        kind: EventKind::Bistrot,
        start: local("2020-06-04T18:30")?,
        end: None,
        tz: Some("Europe/Brussels".into()),
        repeat: Some("FREQ=MONTHLY;BYDAY=1TH".into()),
        venue: None,
        address: None,
        online: None,
        theme: None,
        guests: Vec::new(),
        capacity: None,
        registration: None,
    };
    Event::new(
        event_id(n),
        new,
        Err(ModelError::NoDefaultZone { country: None }),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Whatever collections the prototype had created, and whatever they held, survive migration.
    #[test]
    fn migration_keeps_the_data_of_a_prototype_document(
        members in proptest::option::of(proptest::collection::btree_set("[A-Z][a-zé]{1,8} [A-Z][a-zç]{1,8}", 0..4)),
        events in proptest::option::of(proptest::collection::btree_set("[A-Z][a-zé ]{1,12}", 0..3)),
    ) {
        // 1. A prototype document with those collections.
        let members = members
            .map(|names| names.iter().enumerate().map(|(n, name)| {
                let member = invented_member(u8::try_from(n)?, name)?;
                Ok((member.id.to_string(), member))
            }).collect::<TestResult<BTreeMap<_, _>>>())
            .transpose().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let events = events
            .map(|titles| titles.iter().enumerate().map(|(n, title)| {
                let event = invented_event(u8::try_from(n)?, title.trim_end())?;
                Ok((event.id.to_string(), event))
            }).collect::<TestResult<BTreeMap<_, _>>>())
            .transpose().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let profile = prototype_profile()?;
        let bytes = version_0(&profile, members.as_ref(), events.as_ref()).map_err(|e| TestCaseError::fail(e.to_string()))?;

        // 2. Loaded, it is at the current schema and holds the same profile, members and events.
        let doc = GroupDoc::load(&bytes, actor("amina"))?;
        prop_assert_eq!(doc.schema_version()?, SCHEMA);
        prop_assert_eq!(doc.profile()?, profile);
        prop_assert_eq!(doc.members()?, members.unwrap_or_default());
        prop_assert_eq!(doc.events()?, events.unwrap_or_default());
        prop_assert!(doc.notes()?.is_empty());
    }

    /// Bytes that are not a saved document are refused with an error, never a panic.
    #[test]
    fn random_bytes_are_refused(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        prop_assert!(GroupDoc::load(&bytes, actor("amina")).is_err());
    }

    /// So are bytes that start like an Automerge document but go on with noise.
    #[test]
    fn noise_after_the_automerge_magic_bytes_is_refused(noise in proptest::collection::vec(any::<u8>(), 0..512)) {
        let mut bytes = vec![0x85, 0x6f, 0x4a, 0x83];
        bytes.extend(noise);
        prop_assert!(GroupDoc::load(&bytes, actor("amina")).is_err());
    }

    /// And a saved group with one byte damaged, or cut short.
    #[test]
    fn a_damaged_or_truncated_save_is_refused(at in any::<prop::sample::Index>(), flip in 1..=255_u8, cut in any::<prop::sample::Index>()) {
        let mut doc = new_group()?;
        doc.add_member(member_id(1), person("Noémie Lambert"), date("2021-03-01")?)?;
        let saved = doc.save();

        let mut damaged = saved.clone();
        let i = at.index(damaged.len());
        damaged[i] ^= flip;
        prop_assert!(GroupDoc::load(&damaged, actor("amina")).is_err(), "byte {} flipped by {:#x} still loads", i, flip);

        let truncated = &saved[..cut.index(saved.len())];
        prop_assert!(GroupDoc::load(truncated, actor("amina")).is_err(), "the first {} bytes still load", truncated.len());
    }
}

#[test]
fn a_document_from_a_newer_build_is_refused() -> TestResult {
    // 1. Amina's copy of a group is opened by a newer Comptoir, which writes schema 99.
    let mut group = new_group()?;
    let mut ours = fork(&mut group, "amina")?;
    let mut newer = AutoCommit::load(&group.save())?;
    newer.put(ROOT, "schema", 99_u64)?;
    let bytes = newer.save();

    // 2. This build refuses to open it, naming both versions.
    let refused = GroupDoc::load(&bytes, actor("amina"));
    assert!(
        matches!(
            refused,
            Err(ModelError::NewerSchema {
                found: 99,
                supported: SCHEMA
            })
        ),
        "{refused:?}"
    );

    // 3. The same change arriving on Amina's open copy is reported too.
    let refused = ours.load_incremental(&bytes);
    assert!(
        matches!(refused, Err(ModelError::NewerSchema { found: 99, .. })),
        "{refused:?}"
    );
    Ok(())
}

#[test]
fn automerge_documents_that_are_not_groups_are_refused() -> TestResult {
    // 1. No bytes at all.
    assert!(matches!(
        GroupDoc::load(&[], actor("amina")),
        Err(ModelError::NotAGroupDocument(_))
    ));

    // 2. Another application's document: a shopping list.
    let mut list = AutoCommit::new();
    list.put(ROOT, "title", "Liste de courses")?;
    let items = list.put_object(ROOT, "items", ObjType::List)?;
    list.insert(&items, 0, "café")?;
    assert!(matches!(
        GroupDoc::load(&list.save(), actor("amina")),
        Err(ModelError::NotAGroupDocument(_))
    ));

    // 3. An id but no profile.
    let mut no_profile = AutoCommit::new();
    no_profile.put(ROOT, "id", GROUP_ID)?;
    assert!(matches!(
        GroupDoc::load(&no_profile.save(), actor("amina")),
        Err(ModelError::NotAGroupDocument(_))
    ));

    // 4. An id that is not text.
    let mut numeric_id = AutoCommit::new();
    numeric_id.put(ROOT, "id", 42_i64)?;
    autosurgeon::reconcile_prop(&mut numeric_id, ROOT, "profile", &prototype_profile()?)?;
    assert!(matches!(
        GroupDoc::load(&numeric_id.save(), actor("amina")),
        Err(ModelError::NotAGroupDocument(_))
    ));

    // 5. A schema version that is not a number.
    let mut odd = AutoCommit::load(&new_group()?.save())?;
    odd.put(ROOT, "schema", "un")?;
    let refused = GroupDoc::load(&odd.save(), actor("amina"));
    assert!(
        matches!(refused, Err(ModelError::NotAGroupDocument(_))),
        "{refused:?}"
    );

    // 6. A group's copy is not merged into another group.
    let mut ours = new_group()?;
    let mut theirs = GroupDoc::create(
        GroupId::from_random([5; 16]),
        prototype_profile()?,
        actor("autre"),
    )?;
    assert!(matches!(
        ours.merge(&mut theirs),
        Err(ModelError::NotAGroupDocument(_))
    ));
    Ok(())
}
