//! The UI's state, the actions that change it and the reducer that applies them.
//!
//! Data comes from the shell asynchronously; every answer names the group it is about, so an
//! answer arriving after the person moved to another group is dropped rather than shown there.

use std::rc::Rc;

use chrono::NaiveDate;
use comptoir_ipc::{
    DamagedGroup, Device, GroupDetail, GroupSummary, IpcError, Member, Note, Occurrence, SyncStatus,
};
use yew::Reducible;

use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    pub lang: Lang,
    pub page: Page,
    /// Bumped whenever data may have changed (a save, a peer's edits): pages reload.
    pub revision: u64,
    pub groups: Load<Rc<[GroupSummary]>>,
    /// Groups of this device that could not be read (the list says so; the others work).
    pub damaged: Rc<[DamagedGroup]>,
    pub group: Load<Rc<GroupDetail>>,
    /// How the Agenda tab shows occurrences; `agenda` holds the ones of this view.
    pub agenda_view: AgendaView,
    pub agenda: Load<Rc<[Occurrence]>>,
    pub members: Load<Rc<[Member]>>,
    pub notes: Load<Rc<[Note]>>,
    /// The devices of the group shown (its Paramètres tab).
    pub devices: Load<Rc<[Device]>>,
    /// What the Sync page shows.
    pub sync: Load<Rc<SyncStatus>>,
}

/// Which page is shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Page {
    /// "Mes groupes".
    #[default]
    Groups,
    /// One group, on one tab.
    Group { id: String, tab: Tab },
    /// Sync: the network, devices nearby, last sync per group.
    Sync,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Agenda,
    Members,
    Notes,
    /// "Historique": who changed what, and restoring.
    History,
    /// "Paramètres": profile, devices, invitations.
    Settings,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Agenda,
        Tab::Members,
        Tab::Notes,
        Tab::History,
        Tab::Settings,
    ];
}

/// How the Agenda tab shows occurrences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AgendaView {
    /// "Prochaines rencontres": the coming months, as a list.
    #[default]
    Upcoming,
    /// One month as a calendar, named by its first day.
    Month(NaiveDate),
}

/// Where some data from the shell stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Load<T> {
    #[default]
    Loading,
    Loaded(T),
    Failed(IpcError),
}

impl<T, U: Into<T>> From<Result<U, IpcError>> for Load<T> {
    fn from(result: Result<U, IpcError>) -> Self {
        match result {
            Ok(value) => Load::Loaded(value.into()),
            Err(error) => Load::Failed(error),
        }
    }
}

#[derive(Debug)]
pub enum Action {
    SetLang(Lang),
    ShowGroups,
    OpenGroup(String),
    ShowTab(Tab),
    ShowAgenda(AgendaView),
    /// Something was saved here or arrived from a peer: reload what is shown.
    Changed,
    GroupsLoaded(Result<Vec<GroupSummary>, IpcError>),
    DamagedLoaded(Vec<DamagedGroup>),
    GroupLoaded(String, Result<Box<GroupDetail>, IpcError>),
    /// The occurrences of one group for one view of its agenda.
    AgendaLoaded(String, AgendaView, Result<Vec<Occurrence>, IpcError>),
    MembersLoaded(String, Result<Vec<Member>, IpcError>),
    NotesLoaded(String, Result<Vec<Note>, IpcError>),
    DevicesLoaded(String, Result<Vec<Device>, IpcError>),
    ShowSync,
    SyncLoaded(Result<SyncStatus, IpcError>),
}

impl State {
    /// The group shown, if any.
    pub fn group_id(&self) -> Option<&str> {
        match &self.page {
            Page::Group { id, .. } => Some(id),
            Page::Groups | Page::Sync => None,
        }
    }

    fn shows(&self, group: &str) -> bool {
        self.group_id() == Some(group)
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetLang(lang) => next.lang = lang,
            Action::ShowGroups => {
                next.page = Page::Groups;
                next.groups = Load::Loading;
            }
            Action::OpenGroup(id) => {
                next.page = Page::Group {
                    id,
                    tab: Tab::Agenda,
                };
                next.group = Load::Loading;
                next.agenda_view = AgendaView::Upcoming;
                next.agenda = Load::Loading;
                next.members = Load::Loading;
                next.notes = Load::Loading;
                next.devices = Load::Loading;
            }
            Action::ShowTab(tab) => {
                if let Page::Group { tab: shown, .. } = &mut next.page {
                    *shown = tab;
                }
            }
            Action::ShowAgenda(view) => {
                next.agenda_view = view;
                next.agenda = Load::Loading;
            }
            Action::Changed => next.revision += 1,
            Action::ShowSync => {
                next.page = Page::Sync;
                next.sync = Load::Loading;
            }
            Action::SyncLoaded(result) if self.page == Page::Sync => {
                next.sync = result.map(Rc::new).into();
            }
            Action::DevicesLoaded(group, result) if self.shows(&group) => {
                next.devices = result.into();
            }
            Action::GroupsLoaded(result) => next.groups = result.into(),
            Action::DamagedLoaded(damaged) => next.damaged = damaged.into(),
            Action::GroupLoaded(group, result) if self.shows(&group) => {
                next.group = result.map(|detail| Rc::new(*detail)).into();
            }
            Action::AgendaLoaded(group, view, result)
                if self.shows(&group) && self.agenda_view == view =>
            {
                next.agenda = result.into();
            }
            Action::MembersLoaded(group, result) if self.shows(&group) => {
                next.members = result.into();
            }
            Action::NotesLoaded(group, result) if self.shows(&group) => {
                next.notes = result.into();
            }
            Action::GroupLoaded(..)
            | Action::AgendaLoaded(..)
            | Action::MembersLoaded(..)
            | Action::NotesLoaded(..)
            | Action::DevicesLoaded(..)
            | Action::SyncLoaded(..) => return self,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests;
