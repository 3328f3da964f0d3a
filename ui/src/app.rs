//! The root component. For now Comptoir has one page: "Mes groupes".

use yew::prelude::*;

use crate::components::{ErrorMessage, GroupList};
use crate::hooks::use_load_groups;
use crate::state::{Groups, State};

#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);
    use_load_groups(state.dispatcher());

    let body = match &state.groups {
        Groups::Loading => html! { <p class="loading">{ "Chargement des groupes…" }</p> },
        Groups::Loaded(groups) => html! { <GroupList groups={groups.clone()} /> },
        Groups::Failed(error) => html! {
            <ErrorMessage context="Impossible d'afficher vos groupes." error={error.clone()} />
        },
    };
    html! {
        <main>
            <h1>{ "Mes groupes" }</h1>
            { body }
        </main>
    }
}
