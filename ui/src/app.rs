//! The root component: the state, the data each page needs, and which page is shown.

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::bridge;
use crate::components::{GroupForm, GroupList, GroupPage, JoinForm, LangSwitch, SyncPage, loaded};
use crate::hooks::{use_changes, use_page_data};
use crate::i18n::Lang;
use crate::state::{Action, Page, State};

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| State {
        lang: Lang::remembered(),
        ..State::default()
    });
    use_page_data(&state);
    use_changes(state.dispatcher());
    use_effect_with(state.lang, |lang| lang.apply());
    {
        // Opened as `comptoir-desktop --open <group>`: straight to that group.
        let dispatcher = state.dispatcher();
        use_effect_with((), move |()| {
            spawn_local(async move {
                if let Ok(Some(group)) = bridge::startup_group().await {
                    dispatcher.dispatch(Action::OpenGroup(group));
                }
            });
        });
    }

    let lang = state.lang;
    let open_sync = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_| dispatcher.dispatch(Action::ShowSync))
    };
    let page = match &state.page {
        Page::Groups => html! {
            <main>
                <h1>{ lang.pick("Mes groupes", "My groups") }</h1>
                { loaded(lang, &state.groups, lang.pick("Impossible d'afficher vos groupes.", "Your groups cannot be shown."), |groups| {
                    html! { <GroupList groups={groups.clone()} damaged={state.damaged.clone()} /> }
                }) }
                <GroupForm />
                <JoinForm />
            </main>
        },
        Page::Sync => html! { <SyncPage /> },
        Page::Group { id, tab } => html! { <GroupPage id={id.clone()} tab={*tab} /> },
    };
    html! {
        <ContextProvider<Lang> context={lang}>
        <ContextProvider<UseReducerDispatcher<State>> context={state.dispatcher()}>
            <ContextProvider<UseReducerHandle<State>> context={state.clone()}>
                <header class="app-bar">
                    <span class="brand">{ "Comptoir" }</span>
                    <button type="button" class="sync-link" id="open-sync" onclick={open_sync}
                        aria-current={(state.page == Page::Sync).then_some("page")}>
                        { lang.pick("Synchronisation", "Sync") }
                    </button>
                    <LangSwitch />
                </header>
                { page }
            </ContextProvider<UseReducerHandle<State>>>
        </ContextProvider<UseReducerDispatcher<State>>>
        </ContextProvider<Lang>>
    }
}
