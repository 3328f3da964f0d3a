//! Fetches the device's groups from the shell once, when the page first shows.

use yew::prelude::*;

use crate::bridge;
use crate::state::{Action, State};

#[hook]
pub fn use_load_groups(dispatcher: UseReducerDispatcher<State>) {
    use_effect_with((), move |()| {
        wasm_bindgen_futures::spawn_local(async move {
            match bridge::list_groups().await {
                Ok(groups) => dispatcher.dispatch(Action::GroupsLoaded(groups)),
                Err(error) => dispatcher.dispatch(Action::GroupsFailed(error)),
            }
        });
    });
}
