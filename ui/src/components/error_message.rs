//! An error from the desktop shell, said with what it prevented. The shell words its messages in
//! French; in English the interface says what kind of problem it is and keeps the French detail.

use comptoir_ipc::{ErrorCode, IpcError};
use yew::prelude::*;

use crate::i18n::{Lang, use_lang};

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
            if lang == Lang::En {
                <p>{ english(props.error.code) }</p>
                <p class="detail" lang="fr">{ format!("Details (in French): {}", props.error.message) }</p>
            } else {
                <p>{ props.error.message.clone() }</p>
            }
        </div>
    }
}

/// What went wrong, in English, by kind.
fn english(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::Unavailable => "This page only works inside the Comptoir desktop app.",
        ErrorCode::Protocol => {
            "The interface and the desktop app come from different versions of Comptoir: \
             reinstall the app."
        }
        ErrorCode::Internal => {
            "Comptoir ran into an internal problem. Close and reopen it; your saved data is intact."
        }
        ErrorCode::InvalidInput => "Something typed could not be used; nothing was saved.",
        ErrorCode::NotFound => "It could not be found: removed, or not on this device.",
        ErrorCode::Ambiguous => "Several match: be more precise.",
        ErrorCode::NotAGroup => "This is not a Comptoir group.",
        ErrorCode::NewerVersion => "This data comes from a newer Comptoir: update the app.",
        ErrorCode::Damaged => "The data on this device looks damaged; nothing was changed.",
        ErrorCode::Busy => "Comptoir is busy: try again in a moment.",
        ErrorCode::Storage => "Saving on this computer failed (disk full, or not writable).",
        ErrorCode::Network => "The other device could not be reached.",
    }
}
