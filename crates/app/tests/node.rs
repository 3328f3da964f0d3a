//! The running node and its handle, in-process: two real nodes over libp2p on 127.0.0.1 (mDNS
//! off), each on its own data directory, plus a second connection writing beside one of them
//! as the CLI does beside the app. Every wait is for an event or an answer, with a deadline.
#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::time::Duration;

use comptoir_app::model::{GroupKind, NewMember};
use comptoir_app::node::{self, Handle, Node, NodeEvent, NodeOptions};
use comptoir_app::{App, AppError, Multiaddr, NewGroup, NewInvitation, PeerId};
use comptoir_model::GroupId;
use tokio::sync::mpsc;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Far beyond anything these tests wait for; only reached when something is broken.
const PATIENCE: Duration = Duration::from_secs(30);

fn loopback() -> NodeOptions {
    NodeOptions {
        listen: vec![node::multiaddr("127.0.0.1:0").expect("a loopback address")],
        mdns: false,
        ..NodeOptions::default()
    }
}

fn bistrot(name: &str) -> NewGroup {
    NewGroup {
        name: name.into(),
        kind: GroupKind::Bistrot,
        town: Some("Falmignoul".into()),
        postal_code: None,
        country: Some("BE".into()),
        venue: None,
        address: None,
        coordinates: None,
        description: None,
    }
}

fn member(name: &str) -> NewMember {
    NewMember {
        name: name.into(),
        ..NewMember::default()
    }
}

/// A node pumped by its own task; its events come out on a channel.
struct Running {
    handle: Handle,
    events: mpsc::Receiver<NodeEvent>,
    address: Multiaddr,
    peer: PeerId,
}

impl Running {
    async fn start(dir: &std::path::Path) -> Result<Self, Box<dyn std::error::Error>> {
        let app = App::open(dir)?;
        let peer = app.peer_id();
        let mut node = Node::start(app, &loopback()).await?;
        let handle = node.handle();
        let (sender, mut events) = mpsc::channel(1024);
        tokio::spawn(async move {
            while let Ok(event) = node.next().await {
                if sender.send(event).await.is_err() {
                    break;
                }
            }
        });
        let listening = wait_for(&mut events, |e| matches!(e, NodeEvent::Listening { .. })).await?;
        let NodeEvent::Listening { address } = listening else {
            unreachable!("only a Listening event is accepted")
        };
        Ok(Self {
            handle,
            events,
            address,
            peer,
        })
    }

    /// Reads what was reported so far.
    fn drain(&mut self) {
        while self.events.try_recv().is_ok() {}
    }

    /// Waits until the group holds `n` members, looking each time B reports changes to it.
    async fn until_members(
        &mut self,
        group: &GroupId,
        n: usize,
    ) -> Result<Vec<String>, Box<dyn std::error::Error>> {
        loop {
            let id = group.clone();
            let names = self.handle.call(move |app| member_names(app, &id)).await?;
            if names.len() >= n {
                return Ok(names);
            }
            self.wait_for(|e| matches!(e, NodeEvent::Received { group: g } if g == group))
                .await?;
        }
    }

    async fn wait_for(
        &mut self,
        wanted: impl FnMut(&NodeEvent) -> bool,
    ) -> Result<NodeEvent, Box<dyn std::error::Error>> {
        wait_for(&mut self.events, wanted).await
    }
}

async fn wait_for(
    events: &mut mpsc::Receiver<NodeEvent>,
    mut wanted: impl FnMut(&NodeEvent) -> bool,
) -> Result<NodeEvent, Box<dyn std::error::Error>> {
    let wait = async {
        while let Some(event) = events.recv().await {
            if wanted(&event) {
                return Ok(event);
            }
        }
        Err("the node stopped".into())
    };
    tokio::time::timeout(PATIENCE, wait).await?
}

/// A creates a group and invites B, which joins through its handle.
async fn two_devices_sharing_a_group(
    a_dir: &std::path::Path,
    b_dir: &std::path::Path,
) -> Result<(Running, Running, GroupId), Box<dyn std::error::Error>> {
    let a = Running::start(a_dir).await?;
    let b = Running::start(b_dir).await?;
    let address = a.address.to_string();
    let (group, code) = a
        .handle
        .call(move |app| {
            let group = app.create_group(bistrot("Bistrot du Social de Falmignoul"))?;
            let addresses = app.invitation_addresses(&[address])?;
            let terms = NewInvitation {
                addresses,
                preapproved: true,
                ..NewInvitation::default()
            };
            let code = app.create_invitation(group.id.as_str(), terms)?;
            Ok((group.id, code.code))
        })
        .await?;
    let code = comptoir_app::invitation::InvitationCode::decode(&code)?;
    let joined = b.handle.join(code, None, PATIENCE).await?;
    assert_eq!(joined, group);
    Ok((a, b, group))
}

fn member_names(app: &mut App, group: &GroupId) -> comptoir_app::Result<Vec<String>> {
    Ok(app
        .members(group.as_str())?
        .into_iter()
        .map(|m| m.name)
        .collect())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_through_the_handle_reaches_the_connected_peer_at_once() -> TestResult {
    let (a_dir, b_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    // 1. B joined A's group with an invitation, through its handle.
    let (a, mut b, group) = two_devices_sharing_a_group(a_dir.path(), b_dir.path()).await?;
    // 2. An edit through A's handle: answered once stored, then sent at once.
    let id = group.clone();
    a.handle
        .call(move |app| app.add_member(id.as_str(), member("Ginette Lambotte"), None))
        .await?;
    // 3. B stores it and says so (no tick, no polling: an event about the group).
    let names = b.until_members(&group, 1).await?;
    assert_eq!(names, ["Ginette Lambotte"]);
    // 4. A's status names B as connected.
    let status = a.handle.status().await?;
    assert!(status.online);
    assert!(status.connected.contains(&b.peer));
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_edit_of_the_device_that_just_joined_reaches_the_admin() -> TestResult {
    let (a_dir, b_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    // 1. B joined A's group a moment ago, and its node still runs.
    let (mut a, b, group) = two_devices_sharing_a_group(a_dir.path(), b_dir.path()).await?;
    // 2. B's first edit names B's actor in the group's log, and A takes both.
    let id = group.clone();
    b.handle
        .call(move |app| app.add_member(id.as_str(), member("Élise Martin"), None))
        .await?;
    let names = a.until_members(&group, 1).await?;
    assert_eq!(names, ["Élise Martin"]);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_connection_writing_beside_a_node_is_read_before_the_node_answers() -> TestResult {
    let (a_dir, b_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let (a, mut b, group) = two_devices_sharing_a_group(a_dir.path(), b_dir.path()).await?;
    // 1. The CLI beside A's node writes with its own connection to A's data directory.
    let mut cli = App::open(a_dir.path())?;
    cli.add_member(group.as_str(), member("Marcel Dupuis"), None)?;
    // 2. A's next answer already holds it: no stale read, whatever the tick.
    let id = group.clone();
    let names = a.handle.call(move |app| member_names(app, &id)).await?;
    assert_eq!(names, ["Marcel Dupuis"]);
    // 3. And A shares it with B.
    let names = b.until_members(&group, 1).await?;
    assert_eq!(names, ["Marcel Dupuis"]);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_join_under_way_blocks_nothing_else() -> TestResult {
    let dir = tempfile::tempdir()?;
    let node = Running::start(dir.path()).await?;
    node.handle
        .call(|app| app.create_group(bistrot("Pause-café de Jupille")))
        .await?;
    // 1. A code whose inviter is nowhere: the join waits for it (the LAN could bring it).
    let mut inviter = App::open(tempfile::tempdir()?.path())?;
    let elsewhere = inviter.create_group(bistrot("Ailleurs"))?;
    let addresses = inviter.invitation_addresses(&["/ip4/127.0.0.1/tcp/9".into()])?;
    let terms = NewInvitation {
        addresses,
        ..NewInvitation::default()
    };
    let code = inviter.create_invitation(elsewhere.id.as_str(), terms)?;
    let code = comptoir_app::invitation::InvitationCode::decode(&code.code)?;
    let joining = node.handle.clone();
    let join = tokio::spawn(async move { joining.join(code, None, Duration::from_secs(2)).await });
    // 2. Meanwhile the node answers other requests.
    let groups = node.handle.call(|app| app.groups()).await?;
    assert_eq!(groups.len(), 1);
    assert!(!join.is_finished(), "the join waits for its inviter");
    // 3. The join ends on its own deadline, with a reason a person can act on.
    let ended = join.await?;
    assert!(
        matches!(
            ended,
            Err(AppError::Invitation(
                comptoir_app::InvitationError::Unreachable { seconds: 2 }
            ))
        ),
        "{ended:?}"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_that_only_receives_keeps_few_changes_outside_its_snapshot() -> TestResult {
    let (a_dir, b_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let (a, mut b, group) = two_devices_sharing_a_group(a_dir.path(), b_dir.path()).await?;
    // 1. Three hundred edits on A, one after the other as a person makes them: each is on B
    //    before the next. (What A reports meanwhile is read as it comes, so that it never waits
    //    for room to report.)
    let mut a = a;
    for n in 0..300 {
        let id = group.clone();
        a.handle
            .call(move |app| app.add_member(id.as_str(), member(&format!("Personne {n}")), None))
            .await?;
        a.drain();
        b.until_members(&group, n + 1).await?;
    }
    let id = group.clone();
    let expected = a.handle.call(move |app| member_names(app, &id)).await?;
    // 2. B has them all …
    let names = b.until_members(&group, expected.len()).await?;
    assert_eq!(names.len(), expected.len());
    // 3. … and compacted them as they came: few changes outside its snapshot.
    let status = b.handle.call(|app| app.status()).await?;
    let stored = &status.groups[0];
    assert!(
        stored.stored_changes < 64,
        "{} changes",
        stored.stored_changes
    );
    assert!(stored.stored_bytes > 0);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_that_cannot_be_read_is_set_aside_and_the_others_work() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = App::open(dir.path())?;
    let good = app.create_group(bistrot("Bistrot du Social de Dampremy"))?;
    drop(app);
    // 1. A stored group whose bytes are not a document (damaged on purpose).
    let damaged = "damaged0damaged0damaged0damaged0";
    comptoir_store::Store::open(dir.path())?.create(damaged, b"not an automerge document")?;
    // 2. The node starts, lists the good group and names the damaged one, with why.
    let node = Running::start(dir.path()).await?;
    let (groups, damaged_groups, status) = node
        .handle
        .call(|app| Ok((app.groups()?, app.damaged_groups(), app.status()?)))
        .await?;
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].id, good.id);
    assert_eq!(damaged_groups.len(), 1);
    assert_eq!(damaged_groups[0].id.as_str(), damaged);
    assert!(!damaged_groups[0].reason.is_empty());
    assert_eq!(status.damaged, damaged_groups);
    // 3. Asked for, the damaged group says what is wrong; the good one still changes.
    let asked = node
        .handle
        .call(move |app| app.members(damaged).map(drop))
        .await;
    assert!(matches!(asked, Err(AppError::Damaged { .. })), "{asked:?}");
    let id = good.id.clone();
    node.handle
        .call(move |app| app.add_member(id.as_str(), member("Aline Dufour"), None))
        .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_inviting_admin_records_the_device_it_let_in_and_the_one_it_removed() -> TestResult {
    // 1. B joins A's group with an invitation.
    let (a_dir, b_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let (a, b, group) = two_devices_sharing_a_group(a_dir.path(), b_dir.path()).await?;
    let b_device = b.handle.call(|app| app.device_id()).await?;

    // 2. A's membership log, signed by A, lists B as a facilitator.
    let id = group.clone();
    let role = a
        .handle
        .call(move |app| {
            Ok(app
                .membership(id.as_str())?
                .and_then(|log| log.role_of(&b_device)))
        })
        .await?;
    assert_eq!(role, Some(comptoir_app::authority::Role::Facilitator));

    // 3. The log reaches B, which checks it and holds the same operations.
    let mut b = b;
    let id = group.clone();
    let a_heads = a
        .handle
        .call(move |app| Ok(app.membership(id.as_str())?.map(|log| log.heads())))
        .await?;
    let b_heads = loop {
        let id = group.clone();
        let heads = b
            .handle
            .call(move |app| Ok(app.membership(id.as_str())?.map(|log| log.heads())))
            .await?;
        if heads == a_heads {
            break heads;
        }
        let g = group.clone();
        b.wait_for(|e| matches!(e, NodeEvent::Membership { group } if *group == g))
            .await?;
    };
    assert!(b_heads.is_some());
    let id = group.clone();
    let b_role = b
        .handle
        .call(move |app| {
            Ok(app
                .membership(id.as_str())?
                .and_then(|log| log.role_of(&b_device)))
        })
        .await?;
    assert_eq!(b_role, Some(comptoir_app::authority::Role::Facilitator));

    // 4. A removes B: the log records it, with the heads of the group A had.
    let id = group.clone();
    let peer = b.peer.to_base58();
    let (removal, heads) = a
        .handle
        .call(move |app| {
            app.revoke_device(id.as_str(), &peer)?;
            let bytes = app.export(id.as_str(), comptoir_app::ExportFormat::Automerge, None)?;
            let mut copy = comptoir_app::model::GroupDoc::load(
                &bytes,
                comptoir_app::model::ActorId::random(),
            )?;
            let heads: Vec<[u8; 32]> = copy.heads().iter().map(|h| h.0).collect();
            let log = app.membership(id.as_str())?.ok_or(AppError::NotFound {
                what: "log",
                query: id.to_string(),
            })?;
            Ok((log.removal_of(&b_device).cloned(), heads))
        })
        .await?;
    let removal = removal.ok_or("B's removal is in the log")?;
    assert_eq!(removal.content_heads, heads);
    assert_eq!(removal.by, a.handle.call(|app| app.device_id()).await?);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_joins_a_second_group_from_the_same_inviter() -> TestResult {
    // B already shares a group with A, over the connection the second join uses: the join
    // ends once its own group has arrived (it used to wait for every group shared with A,
    // and never ended).
    let (a_dir, b_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let (a, b, _group) = two_devices_sharing_a_group(a_dir.path(), b_dir.path()).await?;
    let address = a.address.to_string();
    let code = a
        .handle
        .call(move |app| {
            let group = app.create_group(bistrot("Deuxième groupe"))?;
            let addresses = app.invitation_addresses(&[address])?;
            let terms = NewInvitation {
                addresses,
                preapproved: true,
                ..NewInvitation::default()
            };
            Ok(app.create_invitation(group.id.as_str(), terms)?.code)
        })
        .await?;
    let code = comptoir_app::invitation::InvitationCode::decode(&code)?;
    let joined = b.handle.join(code, None, PATIENCE).await?;
    let held = b.handle.call(|app| app.groups()).await?;
    assert!(held.iter().any(|g| g.id == joined), "{held:?}");
    assert_eq!(held.len(), 2);
    Ok(())
}
