//! A group's Paramètres tab: its profile, the devices that sync it, the devices asking to join,
//! and inviting another one.

use std::rc::Rc;

use comptoir_ipc::{Device, GroupDetail};
use yew::prelude::*;

use crate::components::{DeviceList, InvitationPanel, JoinRequests, ProfileForm, loaded};
use crate::i18n::use_lang;
use crate::state::Load;

#[derive(Debug, Properties, PartialEq)]
pub struct SettingsTabProps {
    pub group: AttrValue,
    pub detail: Load<Rc<GroupDetail>>,
    pub devices: Load<Rc<[Device]>>,
    /// Bumped when anything may have changed: the join requests are read again.
    pub revision: u64,
}

#[component]
pub fn SettingsTab(props: &SettingsTabProps) -> Html {
    let lang = use_lang();
    let profile = loaded(
        lang,
        &props.detail,
        lang.pick(
            "Impossible d'afficher le profil du groupe.",
            "The group's profile cannot be shown.",
        ),
        |detail| html! { <ProfileForm detail={detail.clone()} /> },
    );
    let devices = loaded(
        lang,
        &props.devices,
        lang.pick(
            "Impossible d'afficher les appareils.",
            "The devices cannot be shown.",
        ),
        |devices| html! { <DeviceList group={props.group.clone()} devices={devices.clone()} /> },
    );
    html! {
        <>
            { profile }
            <section class="card" aria-labelledby="devices-title">
                <h2 id="devices-title">{ lang.pick("Appareils et invitations", "Devices and invitations") }</h2>
                <p class="hint">{ lang.pick(
                    "Les appareils ci-dessous synchronisent ce groupe. Pour qu'un·e autre animateur·ice le reçoive, invitez son appareil.",
                    "The devices below sync this group. For another facilitator to receive it, invite their device.",
                ) }</p>
                { devices }
                <JoinRequests group={props.group.clone()} revision={props.revision} />
                <InvitationPanel group={props.group.clone()} />
            </section>
        </>
    }
}
