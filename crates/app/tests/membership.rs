//! Every group has a signed membership log beside its document: started by the device that
//! creates or imports it, made from the access list by the creator of a group from before logs,
//! and checked again whenever it is read.

use comptoir_app::authority::Role;
use comptoir_app::model::{ActorId, DeviceRole, GroupDoc, GroupKind, Profile};
use comptoir_app::{App, ErrorKind, NewGroup};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn bistrot(app: &mut App, name: &str) -> comptoir_app::Result<String> {
    let group = app.create_group(NewGroup {
        name: name.into(),
        kind: GroupKind::Bistrot,
        town: Some("Liège".into()),
        postal_code: None,
        country: Some("BE".into()),
        venue: None,
        address: None,
        coordinates: None,
        description: None,
    })?;
    Ok(group.id.to_string())
}

#[test]
fn a_new_group_starts_a_signed_log_with_its_creator_as_admin() -> TestResult {
    // 1. Amina creates a group: her device is its one member, and its admin.
    let dir = tempfile::tempdir()?;
    let mut app = App::open(dir.path())?;
    let me = app.device_id()?;
    let group = bistrot(&mut app, "Bistrot du Social de Jupille")?;
    let log = app.membership(&group)?.ok_or("a log")?;
    assert_eq!(log.creator(), me);
    assert_eq!(log.role_of(&me), Some(Role::Admin));
    assert_eq!(log.members().count(), 1);
    let heads = log.heads();
    drop(app);

    // 2. Opened again, the log is read back from the store and checked: the same log.
    let mut app = App::open(dir.path())?;
    let log = app.membership(&group)?.ok_or("a log")?;
    assert_eq!(log.heads(), heads);
    assert_eq!(log.role_of(&me), Some(Role::Admin));
    Ok(())
}

#[test]
fn a_group_from_before_logs_is_given_one_by_the_device_that_created_it() -> TestResult {
    // 1. Amina's device created a group before logs existed and invited Bruno's: only the
    //    access list in the document says so.
    let dir = tempfile::tempdir()?;
    let mut app = App::open(dir.path())?;
    let bruno_dir = tempfile::tempdir()?;
    let bruno = App::open(bruno_dir.path())?;
    let (me, peer) = (app.peer_id().to_base58(), bruno.peer_id().to_base58());
    let profile = Profile::new("Pause-café du centre social", GroupKind::Bistrot)?;
    let id = comptoir_app::model::GroupId::new("0123456789abcdef0123456789abcdef");
    let mut doc = GroupDoc::create(id.clone(), profile, ActorId::random())?;
    let today = comptoir_app::model::Date::parse("2021-03-01")?;
    doc.grant_device(&me, DeviceRole::Facilitator, None, &me, today)?;
    doc.grant_device(
        &peer,
        DeviceRole::Facilitator,
        Some("Téléphone de Bruno".into()),
        &me,
        today,
    )?;
    app.repo().create(doc)?;
    assert!(app.membership(id.as_str())?.is_none());

    // 2. Her device makes the log from that list: she is admin, Bruno a facilitator.
    assert_eq!(app.migrate_logs()?, std::slice::from_ref(&id));
    let log = app.membership(id.as_str())?.ok_or("a log")?;
    assert_eq!(log.role_of(&app_device(&me)?), Some(Role::Admin));
    let bruno_device = app_device(&peer)?;
    assert_eq!(log.role_of(&bruno_device), Some(Role::Facilitator));
    assert_eq!(
        log.member(&bruno_device).and_then(|m| m.label.as_deref()),
        Some("Téléphone de Bruno")
    );

    // 3. Done once: a second pass changes nothing.
    assert!(app.migrate_logs()?.is_empty());

    // 4. Bruno's device, which did not create the group, waits for Amina's log.
    let mut bruno = bruno;
    let bytes = app.export(id.as_str(), comptoir_app::ExportFormat::Automerge, None)?;
    let mut copy = GroupDoc::load(&bytes, ActorId::random())?;
    let copy_id = copy.id().clone();
    bruno
        .repo()
        .create(GroupDoc::load(&copy.save(), ActorId::random())?)?;
    assert!(bruno.migrate_logs()?.is_empty());
    assert!(bruno.membership(copy_id.as_str())?.is_none());
    Ok(())
}

#[test]
fn a_log_that_does_not_check_out_sets_its_group_aside() -> TestResult {
    // 1. A group's stored log is replaced by bytes that are not a valid log.
    let dir = tempfile::tempdir()?;
    let mut app = App::open(dir.path())?;
    let group = bistrot(&mut app, "Petite ébullition du vendredi")?;
    app.repo()
        .store()
        .set_authority(&group, b"not a log at all")?;
    drop(app);

    // 2. Reading it is refused as damaged, naming the group; nothing is rewritten.
    let mut app = App::open(dir.path())?;
    let refused = app.membership(&group).map(|log| log.is_some());
    let error = refused.err().ok_or("the log is refused")?;
    assert_eq!(error.kind(), ErrorKind::DocumentDamaged);
    assert!(error.to_string().contains(&group));
    assert_eq!(
        app.repo().store().authority(&group)?.as_deref(),
        Some(&b"not a log at all"[..])
    );
    Ok(())
}

#[test]
fn an_imported_group_starts_under_the_importing_device() -> TestResult {
    // 1. A group exported on one device is imported on another, new to it.
    let (a_dir, b_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let mut a = App::open(a_dir.path())?;
    let group = bistrot(&mut a, "Bistrot du Social de Dinant")?;
    let bytes = a.export(&group, comptoir_app::ExportFormat::Automerge, None)?;
    let mut b = App::open(b_dir.path())?;
    let imported = b.import(&bytes)?;
    assert!(imported.created);

    // 2. Its log there names the importing device as admin.
    let me = b.device_id()?;
    let log = b.membership(imported.id.as_str())?.ok_or("a log")?;
    assert_eq!(log.creator(), me);
    assert_eq!(log.role_of(&me), Some(Role::Admin));
    Ok(())
}

fn app_device(peer: &str) -> Result<comptoir_app::authority::DeviceId, Box<dyn std::error::Error>> {
    Ok(peer.parse()?)
}

#[test]
fn the_creator_can_revoke_through_its_log_and_others_leave_it_untouched() -> TestResult {
    // 1. A group from before logs, with Bruno listed, gets its log from Amina's device.
    let dir = tempfile::tempdir()?;
    let mut app = App::open(dir.path())?;
    let bruno_dir = tempfile::tempdir()?;
    let bruno = App::open(bruno_dir.path())?;
    let (me, peer) = (app.peer_id().to_base58(), bruno.peer_id().to_base58());
    let profile = Profile::new("Bistrot du Social de Huy", GroupKind::Bistrot)?;
    let id = comptoir_app::model::GroupId::new("fedcba9876543210fedcba9876543210");
    let mut doc = GroupDoc::create(id.clone(), profile, ActorId::random())?;
    let today = comptoir_app::model::Date::parse("2021-03-01")?;
    doc.grant_device(&me, DeviceRole::Facilitator, None, &me, today)?;
    doc.grant_device(&peer, DeviceRole::Facilitator, None, &me, today)?;
    app.repo().create(doc)?;
    app.migrate_logs()?;

    // 2. Amina revokes Bruno's device: the log says he was removed, by her.
    app.revoke_device(id.as_str(), &peer)?;
    let bruno_device = app_device(&peer)?;
    let me_device = app.device_id()?;
    let log = app.membership(id.as_str())?.ok_or("a log")?;
    assert_eq!(log.role_of(&bruno_device), None);
    let removal = log.removal_of(&bruno_device).ok_or("a removal")?;
    assert_eq!(removal.by, me_device);
    assert!(!removal.content_heads.is_empty());
    Ok(())
}
