//! Fetches what the current page shows, whenever the page, the tab or the data changes.

use std::sync::atomic::{AtomicBool, Ordering};

use chrono::Months;
use comptoir_ipc::AgendaQuery;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::state::{Action, AgendaView, Page, State, Tab};
use crate::{bridge, calendar, clock};

/// How far ahead "Prochaines rencontres" looks.
const AGENDA_MONTHS: Months = Months::new(6);

/// Whether the shell was told that the group list is shown (it is told once per page load).
static READY_REPORTED: AtomicBool = AtomicBool::new(false);

#[hook]
pub fn use_page_data(state: &UseReducerHandle<State>) {
    let dispatcher = state.dispatcher();
    use_effect_with(
        (state.page.clone(), state.agenda_view, state.revision),
        move |(page, view, _revision)| {
            let page = page.clone();
            let view = *view;
            spawn_local(async move {
                match page {
                    Page::Groups => {
                        let groups = bridge::list_groups().await;
                        let shown = groups.is_ok();
                        dispatcher.dispatch(Action::GroupsLoaded(groups));
                        // Said beside the list; an error here leaves the list as it is.
                        let damaged = bridge::damaged_groups().await.unwrap_or_default();
                        dispatcher.dispatch(Action::DamagedLoaded(damaged));
                        if shown && !READY_REPORTED.swap(true, Ordering::Relaxed) {
                            // Only a benchmark listens; the page works the same if this fails.
                            let _ = bridge::interface_ready().await;
                        }
                    }
                    Page::Sync => {
                        dispatcher.dispatch(Action::SyncLoaded(bridge::sync_status().await));
                    }
                    Page::Group { id, tab } => {
                        let detail = bridge::group_detail(&id).await;
                        dispatcher.dispatch(Action::GroupLoaded(id.clone(), detail.map(Box::new)));
                        if let Some(loaded) = load_tab(id, tab, view).await {
                            dispatcher.dispatch(loaded);
                        }
                    }
                }
            });
        },
    );
}

/// What the tab shows, read from the shell; `None` for a tab that reads its own.
async fn load_tab(group: String, tab: Tab, view: AgendaView) -> Option<Action> {
    let loaded = match tab {
        Tab::Agenda => {
            let (from, to) = match view {
                AgendaView::Upcoming => {
                    let today = clock::today();
                    (today, today + AGENDA_MONTHS)
                }
                AgendaView::Month(first) => (first, calendar::last_day(first)),
            };
            let query = AgendaQuery {
                group: group.clone(),
                from: from.to_string(),
                to: to.to_string(),
            };
            Action::AgendaLoaded(group, view, bridge::agenda(&query).await)
        }
        Tab::Members => {
            let members = bridge::list_members(&group).await;
            Action::MembersLoaded(group, members)
        }
        Tab::Notes => {
            let notes = bridge::list_notes(&group).await;
            Action::NotesLoaded(group, notes)
        }
        // The Historique tab reads its own entries (it pages them).
        Tab::History => return None,
        Tab::Settings => {
            let devices = bridge::list_devices(&group).await;
            Action::DevicesLoaded(group, devices)
        }
    };
    Some(loaded)
}
