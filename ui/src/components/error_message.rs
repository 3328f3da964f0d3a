//! An error from the desktop shell, said in French with what it prevented.

use comptoir_ipc::IpcError;
use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct ErrorMessageProps {
    /// What could not be done, e.g. "Impossible d'afficher vos groupes."
    pub context: AttrValue,
    pub error: IpcError,
}

#[component]
pub fn ErrorMessage(props: &ErrorMessageProps) -> Html {
    html! {
        <div class="error" role="alert">
            <p><strong>{ props.context.clone() }</strong></p>
            <p>{ props.error.message.clone() }</p>
        </div>
    }
}
