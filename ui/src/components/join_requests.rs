//! The devices waiting to join a group, in its Paramètres tab: each with its name and the
//! six-digit check number its screen shows too, and "Accepter" / "Refuser". An admin accepts
//! a device only once its owner, beside them or on the phone, read out the same number.

use comptoir_ipc::{DecideJoin, JoinRequest};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::bridge;
use crate::components::ErrorMessage;
use crate::device_name::short_peer;
use crate::hooks::use_submit;
use crate::i18n::use_lang;

#[derive(Debug, Properties, PartialEq)]
pub struct JoinRequestsProps {
    pub group: AttrValue,
    /// Bumped when anything may have changed (a new request arrives as a change event).
    pub revision: u64,
}

#[component]
pub fn JoinRequests(props: &JoinRequestsProps) -> Html {
    let lang = use_lang();
    let requests = use_state(Vec::<JoinRequest>::new);
    let reload = use_state(|| 0_u64);
    let submit = use_submit();
    {
        let requests = requests.clone();
        let group = props.group.to_string();
        use_effect_with((group.clone(), props.revision, *reload), move |_| {
            spawn_local(async move {
                // A device that cannot list requests (not an admin, offline) shows none.
                requests.set(bridge::join_requests(&group).await.unwrap_or_default());
            });
        });
    }
    if requests.is_empty() {
        return html! {};
    }
    let decide = |request: &JoinRequest, approve: bool| {
        let submit = submit.clone();
        let reload = reload.clone();
        let input = DecideJoin {
            request: request.id.clone(),
            approve,
        };
        Callback::from(move |_| {
            let input = input.clone();
            let reload = reload.clone();
            submit.send(
                async move { bridge::decide_join(&input).await },
                move |()| reload.set(*reload + 1),
            );
        })
    };
    html! {
        <div class="join-requests" role="group" aria-labelledby="join-requests-title">
            <h3 id="join-requests-title">{ lang.pick("Appareils qui demandent à rejoindre", "Devices asking to join") }</h3>
            <p class="hint">{ lang.pick(
                "N'acceptez un appareil que si son écran affiche le même numéro de vérification : demandez à la personne de vous le lire.",
                "Only accept a device if its screen shows the same check number: ask its owner to read it to you.",
            ) }</p>
            <ul class="devices">
                { for requests.iter().map(|request| {
                    let name = request.label.clone().unwrap_or_else(|| format!("{} {}", lang.pick("Appareil", "Device"), short_peer(&request.peer)));
                    html! {
                        <li class="join-request" key={request.id.clone()}>
                            <p><strong>{ name }</strong></p>
                            <p class="details">
                                { lang.pick("Numéro de vérification : ", "Check number: ") }
                                <span class="check-number">{ request.check.clone() }</span>
                            </p>
                            <button type="button" class="primary" onclick={decide(request, true)} disabled={submit.sending}>
                                { lang.pick("Accepter", "Accept") }
                            </button>
                            { " " }
                            <button type="button" onclick={decide(request, false)} disabled={submit.sending}>
                                { lang.pick("Refuser", "Refuse") }
                            </button>
                        </li>
                    }
                }) }
            </ul>
            if let Some(error) = &submit.error {
                <ErrorMessage context={lang.pick("La demande n'a pas été traitée.", "The request was not handled.")} error={error.clone()} />
            }
        </div>
    }
}
