//! An error from the desktop shell, said with what it prevented, in the interface's language
//! (the words are in `error_text`).

use comptoir_ipc::IpcError;
use yew::prelude::*;

use crate::error_text::error_text;
use crate::i18n::use_lang;

#[derive(Debug, Properties, PartialEq)]
pub struct ErrorMessageProps {
    /// What could not be done, e.g. "Impossible d'afficher vos groupes."
    pub context: AttrValue,
    pub error: IpcError,
}

#[component]
pub fn ErrorMessage(props: &ErrorMessageProps) -> Html {
    let lang = use_lang();
    html! {
        <div class="error" role="alert">
            <p><strong>{ props.context.clone() }</strong></p>
            <p>{ error_text(&props.error, lang) }</p>
        </div>
    }
}
