//! Joining a group with an invitation code another facilitator read aloud or sent: typed or
//! pasted, spaces and dashes as they come. Joining needs the network and can take a few
//! seconds; a quiet line says so meanwhile.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::bridge;
use crate::components::ErrorMessage;
use crate::hooks::use_submit;
use crate::i18n::use_lang;
use crate::state::{Action, State};

#[component]
pub fn JoinForm() -> Html {
    let lang = use_lang();
    let code = use_state(String::new);
    let submit = use_submit();
    // The check number, once the inviting device asks an admin to accept this one.
    let check = use_state(|| None::<String>);
    {
        let check = check.clone();
        use_effect_with((), move |()| {
            bridge::on_awaiting_approval(move |number| check.set(Some(number)));
        });
    }
    let dispatcher = use_context::<UseReducerDispatcher<State>>();
    let oninput = {
        let code = code.clone();
        Callback::from(move |e: InputEvent| {
            code.set(e.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let onsubmit = {
        let code = code.clone();
        let submit = submit.clone();
        let check = check.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            check.set(None);
            let typed = (*code).clone();
            let dispatcher = dispatcher.clone();
            let code = code.clone();
            submit.send(
                async move { bridge::join_group(&typed).await },
                move |joined| {
                    code.set(String::new());
                    if let Some(d) = dispatcher {
                        d.dispatch(Action::OpenGroup(joined.id));
                    }
                },
            );
        })
    };
    html! {
        <form class="card" id="join-form" novalidate=true {onsubmit} aria-labelledby="join-title">
            <h2 id="join-title">{ lang.pick("Rejoindre un groupe", "Join a group") }</h2>
            <div class="field">
                <label class="label" for="join-code">{ lang.pick("Code d'invitation", "Invitation code") }</label>
                <input id="join-code" type="text" class="code-input" value={(*code).clone()} {oninput}
                    autocomplete="off" autocapitalize="characters" spellcheck="false"
                    aria-describedby="join-hint" />
                <span class="hint" id="join-hint">{ lang.pick(
                    "Le code donné par l'animateur·ice qui vous invite, depuis les Paramètres de son groupe. Tapez-le ou collez-le : espaces et tirets n'ont pas d'importance.",
                    "The code given by the facilitator inviting you, from their group's Settings. Type or paste it: spaces and dashes do not matter.",
                ) }</span>
            </div>
            <p class="quiet" id="join-progress" role="status">
                if let (true, Some(number)) = (submit.sending, check.as_ref()) {
                    { lang.pick(
                        "L'appareil qui vous invite demande à un·e administrateur·ice de vous accepter. Lisez-lui ce numéro de vérification : ",
                        "The inviting device asks an admin to accept you. Read them this check number: ",
                    ) }
                    <strong id="join-check" class="check-number">{ number.clone() }</strong>
                } else if submit.sending {
                    { lang.pick(
                        "Recherche de l'appareil qui vous invite, puis réception du groupe… Cela peut prendre quelques secondes.",
                        "Looking for the inviting device, then receiving the group… This can take a few seconds.",
                    ) }
                }
            </p>
            if let Some(error) = &submit.error {
                <ErrorMessage context={lang.pick("Vous n'avez pas rejoint le groupe.", "You did not join the group.")} error={error.clone()} />
            }
            <button id="join-submit" type="submit" class="primary" disabled={submit.sending || code.trim().is_empty()}>
                { lang.pick("Rejoindre le groupe", "Join the group") }
            </button>
        </form>
    }
}
