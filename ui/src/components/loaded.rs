//! Shows data from the shell once it is there: a quiet line while it loads, the error in
//! French if it failed.

use yew::prelude::*;

use crate::components::ErrorMessage;
use crate::i18n::Lang;
use crate::state::Load;

/// `view` of the data if loaded; `failed` says what could not be shown.
pub fn loaded<T>(
    lang: Lang,
    load: &Load<T>,
    failed: &'static str,
    view: impl FnOnce(&T) -> Html,
) -> Html {
    match load {
        Load::Loading => html! { <p class="loading">{ lang.pick("Chargement…", "Loading…") }</p> },
        Load::Loaded(value) => view(value),
        Load::Failed(error) => html! { <ErrorMessage context={failed} error={error.clone()} /> },
    }
}
