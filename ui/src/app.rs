//! The root component: the state, the data each page needs, and which page is shown.

use yew::prelude::*;

use crate::components::{GroupForm, GroupList, GroupPage, LangSwitch, loaded};
use crate::hooks::{use_changes, use_page_data};
use crate::i18n::Lang;
use crate::state::{Page, State};

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| State {
        lang: Lang::remembered(),
        ..State::default()
    });
    use_page_data(&state);
    use_changes(state.dispatcher());
    use_effect_with(state.lang, |lang| lang.apply());

    let lang = state.lang;
    let page = match &state.page {
        Page::Groups => html! {
            <main>
                <h1>{ lang.pick("Mes groupes", "My groups") }</h1>
                { loaded(lang, &state.groups, lang.pick("Impossible d'afficher vos groupes.", "Your groups cannot be shown."), |groups| {
                    html! { <GroupList groups={groups.clone()} /> }
                }) }
                <GroupForm />
            </main>
        },
        Page::Group { id, tab } => html! { <GroupPage id={id.clone()} tab={*tab} /> },
    };
    html! {
        <ContextProvider<Lang> context={lang}>
        <ContextProvider<UseReducerDispatcher<State>> context={state.dispatcher()}>
            <ContextProvider<UseReducerHandle<State>> context={state.clone()}>
                <header class="app-bar">
                    <span class="brand">{ "Comptoir" }</span>
                    <LangSwitch />
                </header>
                { page }
            </ContextProvider<UseReducerHandle<State>>>
        </ContextProvider<UseReducerDispatcher<State>>>
        </ContextProvider<Lang>>
    }
}
