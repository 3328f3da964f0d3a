//! The reducer, step by step, as a person uses the app.

use comptoir_ipc::{Device, ErrorCode, GroupKind, Network, SyncStatus};

use super::*;

fn bistrot(id: &str) -> GroupSummary {
    GroupSummary {
        id: id.into(),
        name: "Bistrot du Social de Namur".into(),
        kind: GroupKind::Bistrot,
        town: Some("Namur".into()),
        country: Some("BE".into()),
        members: 0,
        events: 0,
        notes: 0,
    }
}

fn open(state: Rc<State>, id: &str) -> Rc<State> {
    state.reduce(Action::OpenGroup(id.into()))
}

#[test]
fn groups_load_then_a_failure_replaces_them() {
    // 1. The app opens on "Mes groupes" while the groups are being fetched.
    let state = Rc::new(State::default());
    assert_eq!(state.page, Page::Groups);
    assert_eq!(state.groups, Load::Loading);

    // 2. The shell answers with the device's groups.
    let state = state.reduce(Action::GroupsLoaded(Ok(vec![bistrot("7f3a")])));
    assert_eq!(state.groups, Load::Loaded(Rc::from([bistrot("7f3a")])));

    // 3. A later fetch fails: the error is shown instead of stale groups.
    let error = IpcError::new(ErrorCode::Storage);
    let state = state.reduce(Action::GroupsLoaded(Err(error.clone())));
    assert_eq!(state.groups, Load::Failed(error));
}

#[test]
fn a_damaged_group_is_named_beside_the_others() {
    // 1. The list comes, then the shell names a group it could not read.
    let state = Rc::new(State::default()).reduce(Action::GroupsLoaded(Ok(vec![bistrot("7f3a")])));
    let damaged = DamagedGroup {
        id: "5a5a5a5a".into(),
        reason: "not an Automerge document".into(),
    };
    let state = state.reduce(Action::DamagedLoaded(vec![damaged.clone()]));
    // 2. Both are there: the readable groups still list.
    assert_eq!(state.damaged.as_ref(), [damaged]);
    assert_eq!(state.groups, Load::Loaded(Rc::from([bistrot("7f3a")])));
    // 3. Once repaired (none named), the notice goes.
    let state = state.reduce(Action::DamagedLoaded(Vec::new()));
    assert!(state.damaged.is_empty());
}

#[test]
fn opening_a_group_shows_its_agenda_and_tabs_switch() {
    let state = open(Rc::new(State::default()), "7f3a");
    assert_eq!(
        state.page,
        Page::Group {
            id: "7f3a".into(),
            tab: Tab::Agenda
        }
    );
    assert_eq!(state.agenda, Load::Loading);
    let state = state.reduce(Action::ShowTab(Tab::Notes));
    assert_eq!(
        state.page,
        Page::Group {
            id: "7f3a".into(),
            tab: Tab::Notes
        }
    );
    // Back to the list: it is fetched again.
    let state = state.reduce(Action::ShowGroups);
    assert_eq!(state.page, Page::Groups);
    assert_eq!(state.groups, Load::Loading);
}

#[test]
fn a_late_answer_about_another_group_is_dropped() {
    // 1. The person opens group A, then group B before A's agenda arrives.
    let state = open(open(Rc::new(State::default()), "aaaa"), "bbbb");
    // 2. A's agenda arrives: it must not show under B.
    let state = state.reduce(Action::AgendaLoaded(
        "aaaa".into(),
        AgendaView::Upcoming,
        Ok(Vec::new()),
    ));
    assert_eq!(state.agenda, Load::Loading);
    // 3. B's arrives and is shown.
    let state = state.reduce(Action::AgendaLoaded(
        "bbbb".into(),
        AgendaView::Upcoming,
        Ok(Vec::new()),
    ));
    assert_eq!(state.agenda, Load::Loaded(Rc::from([])));
}

#[test]
fn a_change_bumps_the_revision_and_keeps_what_is_shown() {
    let state = open(Rc::new(State::default()), "7f3a")
        .reduce(Action::MembersLoaded("7f3a".into(), Ok(Vec::new())));
    let state = state.reduce(Action::Changed);
    assert_eq!(state.revision, 1);
    // Shown until the reload answers: no flash of "Chargement…".
    assert_eq!(state.members, Load::Loaded(Rc::from([])));
}

#[test]
fn the_month_view_keeps_only_the_answer_for_the_month_shown() {
    // 1. The Agenda tab of a group opens on the coming meetings.
    let state = open(Rc::new(State::default()), "aaaa");
    assert_eq!(state.agenda_view, AgendaView::Upcoming);

    // 2. The facilitator switches to November's calendar, then at once to December's.
    let november = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default();
    let december = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
    let state = state.reduce(Action::ShowAgenda(AgendaView::Month(november)));
    assert_eq!(state.agenda, Load::Loading);
    let state = state.reduce(Action::ShowAgenda(AgendaView::Month(december)));

    // 3. November's occurrences arrive late: they are not shown as December's.
    let late = state.clone().reduce(Action::AgendaLoaded(
        "aaaa".into(),
        AgendaView::Month(november),
        Ok(Vec::new()),
    ));
    assert_eq!(late.agenda, Load::Loading);

    // 4. December's arrive and are shown.
    let state = late.reduce(Action::AgendaLoaded(
        "aaaa".into(),
        AgendaView::Month(december),
        Ok(Vec::new()),
    ));
    assert_eq!(state.agenda, Load::Loaded(Rc::from([])));

    // 5. Opening another group starts again on its coming meetings.
    let state = open(state, "bbbb");
    assert_eq!(state.agenda_view, AgendaView::Upcoming);
}

fn device(peer: &str, this_device: bool) -> Device {
    Device {
        peer: peer.into(),
        role: comptoir_ipc::DeviceRole::Facilitator,
        label: None,
        added_on: "2024-05-02".into(),
        this_device,
    }
}

#[test]
fn settings_show_the_devices_of_the_group_shown() {
    // 1. The person opens a group and its Paramètres tab: the devices are being fetched.
    let state = open(Rc::new(State::default()), "7f3a").reduce(Action::ShowTab(Tab::Settings));
    assert_eq!(
        state.page,
        Page::Group {
            id: "7f3a".into(),
            tab: Tab::Settings
        }
    );
    assert_eq!(state.devices, Load::Loading);

    // 2. The devices of another group, asked for earlier, arrive late: dropped.
    let state = state.reduce(Action::DevicesLoaded(
        "aaaa".into(),
        Ok(vec![device("A", true)]),
    ));
    assert_eq!(state.devices, Load::Loading);

    // 3. This group's devices arrive and are shown.
    let devices = vec![device("A", true), device("B", false)];
    let state = state.reduce(Action::DevicesLoaded("7f3a".into(), Ok(devices.clone())));
    assert_eq!(state.devices, Load::Loaded(Rc::from(devices)));

    // 4. A device is removed (a change): the revision moves, so the list is fetched again.
    let revision = state.revision;
    let state = state.reduce(Action::Changed);
    assert_eq!(state.revision, revision + 1);

    // 5. Opening another group forgets the first one's devices.
    let state = open(state, "bbbb");
    assert_eq!(state.devices, Load::Loading);
}

fn status(network: Network) -> SyncStatus {
    SyncStatus {
        this_device: "12D3KooWme".into(),
        network,
        peers: Vec::new(),
        groups: Vec::new(),
    }
}

#[test]
fn the_sync_page_shows_the_latest_status_and_offline_calmly() {
    // 1. From "Mes groupes", the person opens the Sync page: no group is shown.
    let state = Rc::new(State::default()).reduce(Action::ShowSync);
    assert_eq!(state.page, Page::Sync);
    assert_eq!(state.group_id(), None);
    assert_eq!(state.sync, Load::Loading);

    // 2. The network is still starting.
    let state = state.reduce(Action::SyncLoaded(Ok(status(Network::Starting))));
    assert_eq!(state.sync, Load::Loaded(Rc::new(status(Network::Starting))));

    // 3. A refresh says the device is offline: a state like any other, not a failure.
    let offline = Network::Offline;
    let state = state.reduce(Action::SyncLoaded(Ok(status(offline.clone()))));
    assert_eq!(state.sync, Load::Loaded(Rc::new(status(offline))));

    // 4. Back to the groups; a refresh still on its way is dropped.
    let state = state.reduce(Action::ShowGroups);
    let state = state.reduce(Action::SyncLoaded(Ok(status(Network::Starting))));
    assert_eq!(state.page, Page::Groups);
    assert!(matches!(&state.sync, Load::Loaded(s) if matches!(s.network, Network::Offline)));

    // 5. Reopened: fetched afresh.
    let state = state.reduce(Action::ShowSync);
    assert_eq!(state.sync, Load::Loading);
}

#[test]
fn a_joined_group_opens() {
    // 1. On "Mes groupes", a code is accepted: the shell answers with the group's id.
    let state = Rc::new(State::default()).reduce(Action::GroupsLoaded(Ok(Vec::new())));
    // 2. The join form opens the group, on its agenda.
    let state = open(state, "9c1e");
    assert_eq!(state.group_id(), Some("9c1e"));
    assert_eq!(
        state.page,
        Page::Group {
            id: "9c1e".into(),
            tab: Tab::Agenda
        }
    );
}
