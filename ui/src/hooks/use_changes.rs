//! Reloads what is shown when the shell says a peer's edits arrived, without a reload of the
//! page.

use yew::prelude::*;

use crate::bridge;
use crate::state::{Action, State};

#[hook]
pub fn use_changes(dispatcher: UseReducerDispatcher<State>) {
    use_effect_with((), move |()| {
        bridge::on_change(move |_group| dispatcher.dispatch(Action::Changed));
    });
}
