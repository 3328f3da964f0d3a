//! "Inviter un appareil": a one-time code, shown large and in groups of four so that it can be
//! read aloud, with until when it works, and a copy button.

use comptoir_ipc::Invitation;
use js_sys::{Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{JsFuture, spawn_local};
use yew::prelude::*;

use crate::components::ErrorMessage;
use crate::hooks::use_submit;
use crate::i18n::use_lang;
use crate::{bridge, when};

#[derive(Debug, Properties, PartialEq)]
pub struct InvitationPanelProps {
    pub group: AttrValue,
}

/// `ABCD-EFGH-…` as `ABCD EFGH …`: groups to read one after the other.
fn spaced(code: &str) -> String {
    code.split(['-', ' '])
        .filter(|g| !g.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[component]
pub fn InvitationPanel(props: &InvitationPanelProps) -> Html {
    let lang = use_lang();
    let invitation = use_state(|| None::<Invitation>);
    // `Some(true)` once copied, `Some(false)` if copying failed.
    let copied = use_state(|| None::<bool>);
    let submit = use_submit();
    let invite = {
        let invitation = invitation.clone();
        let copied = copied.clone();
        let submit = submit.clone();
        let group = props.group.to_string();
        Callback::from(move |_| {
            let invitation = invitation.clone();
            let group = group.clone();
            copied.set(None);
            submit.send(
                async move { bridge::create_invitation(&group).await },
                move |made| invitation.set(Some(made)),
            );
        })
    };
    let copy = {
        let copied = copied.clone();
        let code = invitation
            .as_ref()
            .map(|i| i.code.clone())
            .unwrap_or_default();
        Callback::from(move |_| {
            let copied = copied.clone();
            let code = code.clone();
            spawn_local(async move { copied.set(Some(copy_text(&code).await)) });
        })
    };
    html! {
        <div class="invitation">
            <button type="button" class="primary" id="invite-device" onclick={invite} disabled={submit.sending}>
                { if invitation.is_some() { lang.pick("Faire un nouveau code", "Make a new code") } else { lang.pick("Inviter un appareil", "Invite a device") } }
            </button>
            if let Some(error) = &submit.error {
                <ErrorMessage context={lang.pick("Aucun code n'a été créé.", "No code was made.")} error={error.clone()} />
            }
            if let Some(made) = &*invitation {
                <div class="invitation-made" aria-live="polite">
                    <p>{ lang.pick(
                        "Lisez ce code à la personne invitée, ou envoyez-le lui. Sur son appareil, dans « Mes groupes », elle choisit « Rejoindre un groupe » et le tape.",
                        "Read this code to the person you invite, or send it. On their device, in “My groups”, they choose “Join a group” and type it.",
                    ) }</p>
                    <p id="invitation-code" class="invitation-code">{ spaced(&made.code) }</p>
                    <p class="hint" id="invitation-expiry">
                        { when::valid_until(lang, when::local(made.expires_at), when::local(when::now())) }
                        { lang.pick(", pour un seul appareil.", ", for one device only.") }
                    </p>
                    <button type="button" id="invitation-copy" onclick={copy}>{ lang.pick("Copier le code", "Copy the code") }</button>
                    <span class="quiet" role="status">
                        { match *copied {
                            Some(true) => lang.pick("Code copié.", "Code copied."),
                            Some(false) => lang.pick("La copie n'a pas marché : sélectionnez le code à la main.", "Copying did not work: select the code by hand."),
                            None => "",
                        } }
                    </span>
                </div>
            }
        </div>
    }
}

/// `navigator.clipboard.writeText(text)`; whether it worked.
async fn copy_text(text: &str) -> bool {
    let write = || -> Option<Promise> {
        let navigator = Reflect::get(&js_sys::global(), &"navigator".into()).ok()?;
        let clipboard = Reflect::get(&navigator, &"clipboard".into()).ok()?;
        let write: js_sys::Function = Reflect::get(&clipboard, &"writeText".into())
            .ok()?
            .dyn_into()
            .ok()?;
        write
            .call1(&clipboard, &JsValue::from_str(text))
            .ok()?
            .dyn_into()
            .ok()
    };
    match write() {
        Some(promise) => JsFuture::from(promise).await.is_ok(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::spaced;

    #[test]
    fn a_code_reads_in_groups_of_four() {
        assert_eq!(spaced("0A1B-2C3D-4E"), "0A1B 2C3D 4E");
    }
}
