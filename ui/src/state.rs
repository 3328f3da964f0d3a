//! The UI's state, the actions that change it and the reducer that applies them.

use std::rc::Rc;

use comptoir_ipc::{GroupSummary, IpcError};
use yew::Reducible;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct State {
    pub groups: Groups,
}

/// Where the list of groups on this device stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Groups {
    #[default]
    Loading,
    Loaded(Rc<[GroupSummary]>),
    Failed(IpcError),
}

#[derive(Debug)]
pub enum Action {
    GroupsLoaded(Vec<GroupSummary>),
    GroupsFailed(IpcError),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let groups = match action {
            Action::GroupsLoaded(groups) => Groups::Loaded(groups.into()),
            Action::GroupsFailed(error) => Groups::Failed(error),
        };
        Rc::new(Self { groups })
    }
}

#[cfg(test)]
mod tests {
    use comptoir_ipc::{ErrorCode, GroupKind};

    use super::*;

    fn bistrot() -> GroupSummary {
        GroupSummary {
            id: "7f3a".into(),
            name: "Bistrot du Social de Namur".into(),
            kind: GroupKind::Bistrot,
            town: "Namur".into(),
        }
    }

    #[test]
    fn groups_load_then_a_failure_replaces_them() {
        // 1. The page opens while the groups are being fetched.
        let state = Rc::new(State::default());
        assert_eq!(state.groups, Groups::Loading);

        // 2. The shell answers with the device's groups.
        let state = state.reduce(Action::GroupsLoaded(vec![bistrot()]));
        assert_eq!(state.groups, Groups::Loaded(Rc::from([bistrot()])));

        // 3. A later fetch fails: the error is shown instead of stale groups.
        let error = IpcError::new(ErrorCode::Internal, "Impossible de lire les groupes.");
        let state = state.reduce(Action::GroupsFailed(error.clone()));
        assert_eq!(state.groups, Groups::Failed(error));
    }

    #[test]
    fn an_empty_device_is_loaded_not_loading() {
        let state = Rc::new(State::default()).reduce(Action::GroupsLoaded(Vec::new()));
        assert_eq!(state.groups, Groups::Loaded(Rc::from([])));
    }
}
