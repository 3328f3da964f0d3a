//! The root component: the state, the data each page needs, and which page is shown.

use yew::prelude::*;

use crate::components::{GroupForm, GroupList, GroupPage, loaded};
use crate::hooks::{use_changes, use_page_data};
use crate::state::{Page, State};

#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);
    use_page_data(&state);
    use_changes(state.dispatcher());

    let page = match &state.page {
        Page::Groups => html! {
            <main>
                <h1>{ "Mes groupes" }</h1>
                { loaded(&state.groups, "Impossible d'afficher vos groupes.", |groups| {
                    html! { <GroupList groups={groups.clone()} /> }
                }) }
                <GroupForm />
            </main>
        },
        Page::Group { id, tab } => html! { <GroupPage id={id.clone()} tab={*tab} /> },
    };
    html! {
        <ContextProvider<UseReducerDispatcher<State>> context={state.dispatcher()}>
            <ContextProvider<UseReducerHandle<State>> context={state.clone()}>
                { page }
            </ContextProvider<UseReducerHandle<State>>>
        </ContextProvider<UseReducerDispatcher<State>>>
    }
}
