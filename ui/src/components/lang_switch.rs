//! The switch between French and English, always in the app bar.

use yew::prelude::*;

use crate::i18n::{Lang, use_lang};
use crate::state::{Action, State};

#[component]
pub fn LangSwitch() -> Html {
    let lang = use_lang();
    let dispatcher = use_context::<UseReducerDispatcher<State>>();
    let other = lang.other();
    let onclick = Callback::from(move |_| {
        if let Some(d) = &dispatcher {
            d.dispatch(Action::SetLang(other));
        }
    });
    // Each language names itself, so that someone who reads only one finds it.
    let (label, text) = match other {
        Lang::En => ("Switch to English", "English"),
        Lang::Fr => ("Passer en français", "Français"),
    };
    html! {
        <button class="lang-switch" aria-label={label} lang={other.code()} {onclick}>{ text }</button>
    }
}
