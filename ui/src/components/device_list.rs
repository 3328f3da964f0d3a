//! The devices that sync a group with their roles, removing one ("Retirer cet appareil"), after
//! a confirmation, and changing its role (admins only). A device cannot remove itself: another
//! device of the group does it.

use std::rc::Rc;

use comptoir_ipc::{ChangeRole, Device, DeviceRole, RevokeDevice};
use yew::prelude::*;

use crate::bridge;
use crate::components::ErrorMessage;
use crate::device_name::short_peer;
use crate::format::iso_date;
use crate::hooks::use_submit;
use crate::i18n::{Lang, use_lang};

#[derive(Debug, Properties, PartialEq)]
pub struct DeviceListProps {
    pub group: AttrValue,
    pub devices: Rc<[Device]>,
}

fn name(lang: Lang, device: &Device) -> String {
    match &device.label {
        Some(label) => label.clone(),
        None => format!(
            "{} {}",
            lang.pick("Appareil", "Device"),
            short_peer(&device.peer)
        ),
    }
}

#[component]
pub fn DeviceList(props: &DeviceListProps) -> Html {
    let lang = use_lang();
    // The device whose removal awaits confirmation.
    let confirming = use_state(|| None::<String>);
    let submit = use_submit();
    let roles = use_submit();
    html! {
        <>
            <ul class="devices">
                { for props.devices.iter().map(|device| {
                    let role = match device.role {
                        DeviceRole::Admin => lang.pick("administrateur·ice", "admin"),
                        DeviceRole::Facilitator => lang.pick("animateur·ice", "facilitator"),
                        DeviceRole::Federation => lang.pick("fédération", "federation"),
                    };
                    let details = format!("{role} · {} {}", lang.pick("ajouté le", "added on"), iso_date(lang, &device.added_on));
                    let ask = {
                        let confirming = confirming.clone();
                        let peer = device.peer.clone();
                        Callback::from(move |_| confirming.set(Some(peer.clone())))
                    };
                    let cancel = {
                        let confirming = confirming.clone();
                        Callback::from(move |_| confirming.set(None))
                    };
                    let revoke = {
                        let submit = submit.clone();
                        let confirming = confirming.clone();
                        let input = RevokeDevice { group: props.group.to_string(), peer: device.peer.clone() };
                        Callback::from(move |_| {
                            let input = input.clone();
                            let confirming = confirming.clone();
                            submit.send(async move { bridge::revoke_device(&input).await }, move |()| confirming.set(None));
                        })
                    };
                    let name = name(lang, device);
                    let asking = confirming.as_deref() == Some(device.peer.as_str());
                    let (new_role, change_label) = match device.role {
                        DeviceRole::Admin => (DeviceRole::Facilitator, lang.pick("Ne plus l'administrer", "Make it a facilitator")),
                        DeviceRole::Facilitator | DeviceRole::Federation => (DeviceRole::Admin, lang.pick("En faire un appareil administrateur", "Make it an admin")),
                    };
                    let change_role = {
                        let roles = roles.clone();
                        let input = ChangeRole { group: props.group.to_string(), peer: device.peer.clone(), role: new_role };
                        Callback::from(move |_| {
                            let input = input.clone();
                            roles.send(async move { bridge::change_role(&input).await }, |()| ());
                        })
                    };
                    html! {
                        <li class="device" key={device.peer.clone()}>
                            <p>
                                <strong>{ name.clone() }</strong>
                                if device.this_device {
                                    { " " }<span class="badge">{ lang.pick("cet appareil", "this device") }</span>
                                }
                            </p>
                            <p class="details">{ details }</p>
                            if device.this_device {
                                <p class="hint">{ lang.pick(
                                    "Pour retirer cet appareil, faites-le depuis un autre appareil du groupe.",
                                    "To remove this device, do it from another device of the group.",
                                ) }</p>
                            } else if asking {
                                <div class="confirm" role="group" aria-label={lang.pick("Confirmer le retrait", "Confirm the removal")}>
                                    <p>{ match lang {
                                        Lang::Fr => format!("Retirer « {name} » ? Cet appareil ne recevra plus les modifications de ce groupe ; ce qu'il a déjà reçu y reste."),
                                        Lang::En => format!("Remove “{name}”? This device will no longer receive this group's changes; what it already received stays on it."),
                                    } }</p>
                                    <button type="button" class="danger" onclick={revoke} disabled={submit.sending}>
                                        { lang.pick("Oui, retirer cet appareil", "Yes, remove this device") }
                                    </button>
                                    <button type="button" onclick={cancel}>{ lang.pick("Annuler", "Cancel") }</button>
                                </div>
                            } else {
                                <button type="button" class="revoke" onclick={ask}>
                                    { lang.pick("Retirer cet appareil", "Remove this device") }
                                </button>
                                { " " }
                                <button type="button" class="role" onclick={change_role} disabled={roles.sending}>
                                    { change_label }
                                </button>
                            }
                        </li>
                    }
                }) }
            </ul>
            if let Some(error) = &submit.error {
                <ErrorMessage context={lang.pick("L'appareil n'a pas été retiré.", "The device was not removed.")} error={error.clone()} />
            }
            if let Some(error) = &roles.error {
                <ErrorMessage context={lang.pick("Le rôle de l'appareil n'a pas changé.", "The device's role did not change.")} error={error.clone()} />
            }
        </>
    }
}
