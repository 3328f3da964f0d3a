//! The Sync page: whether this device takes part in sync (offline is normal), the addresses
//! others can type to reach it, the devices nearby, when each group last synced, and syncing
//! with a device by its address. Refreshed on every change and every few seconds while shown.

use std::rc::Rc;

use comptoir_ipc::{Dialled, GroupSync, Network, Peer, SyncStatus};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::{ErrorMessage, loaded};
use crate::device_name::short_peer;
use crate::hooks::{use_interval, use_submit};
use crate::i18n::{Lang, use_lang};
use crate::state::{Action, State};
use crate::{bridge, when};

/// How often the page asks again while shown.
const REFRESH_MILLIS: i32 = 5_000;

#[component]
pub fn SyncPage() -> Html {
    let lang = use_lang();
    let state = use_context::<UseReducerHandle<State>>();
    let dispatcher = use_context::<UseReducerDispatcher<State>>();
    {
        let dispatcher = dispatcher.clone();
        use_interval(REFRESH_MILLIS, move || {
            let dispatcher = dispatcher.clone();
            spawn_local(async move {
                let status = bridge::sync_status().await;
                if let Some(d) = dispatcher {
                    d.dispatch(Action::SyncLoaded(status));
                }
            });
        });
    }
    let Some(state) = state else {
        return Html::default();
    };
    let back = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_| {
            if let Some(d) = &dispatcher {
                d.dispatch(Action::ShowGroups);
            }
        })
    };
    let body = loaded(
        lang,
        &state.sync,
        lang.pick(
            "Impossible d'afficher l'état de la synchronisation.",
            "Sync status cannot be shown.",
        ),
        |status| status_view(lang, status),
    );
    html! {
        <main id="sync-page">
            <button class="back" onclick={back}>{ lang.pick("← Mes groupes", "← My groups") }</button>
            <h1>{ lang.pick("Synchronisation", "Sync") }</h1>
            { body }
            <DialForm />
        </main>
    }
}

fn status_view(lang: Lang, status: &Rc<SyncStatus>) -> Html {
    let now = when::now();
    html! {
        <>
            <section class="card" aria-labelledby="sync-network-title" id="sync-network">
                <h2 id="sync-network-title">{ lang.pick("Cet appareil", "This device") }</h2>
                { network_view(lang, &status.network) }
            </section>
            <section class="card" aria-labelledby="sync-peers-title" id="sync-peers">
                <h2 id="sync-peers-title">{ lang.pick("Appareils à proximité", "Devices nearby") }</h2>
                if status.peers.is_empty() {
                    <p class="empty">{ lang.pick("Aucun autre appareil vu pour l'instant.", "No other device seen yet.") }</p>
                } else {
                    <ul class="peers">
                        { for status.peers.iter().map(|peer| peer_view(lang, peer, now)) }
                    </ul>
                }
            </section>
            <section class="card" aria-labelledby="sync-groups-title" id="sync-groups">
                <h2 id="sync-groups-title">{ lang.pick("Dernière synchronisation par groupe", "Last sync per group") }</h2>
                if status.groups.is_empty() {
                    <p class="empty">{ lang.pick("Aucun groupe sur cet appareil.", "No group on this device.") }</p>
                } else {
                    <ul class="group-syncs">
                        { for status.groups.iter().map(|group| group_view(lang, group, now)) }
                    </ul>
                }
            </section>
        </>
    }
}

fn network_view(lang: Lang, network: &Network) -> Html {
    match network {
        Network::Starting => html! {
            <p class="quiet" id="network-state" data-state="starting">{ lang.pick("La synchronisation démarre…", "Sync is starting…") }</p>
        },
        Network::Online { addresses } => {
            html! {
                <div id="network-state" data-state="online">
                    <p><span class="badge online">{ lang.pick("En ligne", "Online") }</span>{ " " }
                        { lang.pick("Les appareils du même réseau trouvent celui-ci d'eux-mêmes.", "Devices on the same network find this one by themselves.") }</p>
                    if !addresses.is_empty() {
                        <p>{ lang.pick("Sinon, donnez l'adresse de cet appareil :", "Otherwise, give this device's address:") }</p>
                        <ul class="addresses" id="this-device-addresses">
                            { for addresses.iter().map(|a| html! { <li><code>{ a.clone() }</code></li> }) }
                        </ul>
                    }
                </div>
            }
        }
        Network::Offline => html! {
            <div id="network-state" data-state="offline" class="calm">
                <p><span class="badge">{ lang.pick("Hors ligne", "Offline") }</span>{ " " }{ lang.pick(
                    "La synchronisation n'a pas pu démarrer : Comptoir fonctionne hors ligne, vos données restent sur cet appareil.",
                    "Sync could not start: Comptoir works offline, and your data stays on this device.",
                ) }</p>
                <p>{ lang.pick(
                    "C'est normal : vos groupes restent disponibles ici et se synchroniseront lors d'une prochaine ouverture de Comptoir sur le réseau.",
                    "That is fine: your groups stay available here and will sync the next time Comptoir opens on the network.",
                ) }</p>
            </div>
        },
    }
}

fn peer_view(lang: Lang, peer: &Peer, now: i64) -> Html {
    let seen = match when::parse(&peer.seen_at) {
        Some(at) => match lang {
            Lang::Fr => format!("vu {}", when::ago(lang, at, now)),
            Lang::En => format!("seen {}", when::ago(lang, at, now)),
        },
        None => String::new(),
    };
    html! {
        <li class="peer" key={peer.peer.clone()}>
            <strong title={peer.peer.clone()}>{ format!("{} {}", lang.pick("Appareil", "Device"), short_peer(&peer.peer)) }</strong>
            { " " }
            if peer.connected {
                <span class="badge online">{ lang.pick("connecté", "connected") }</span>
            } else {
                <span class="details">{ seen }</span>
            }
        </li>
    }
}

fn group_view(lang: Lang, group: &GroupSync, now: i64) -> Html {
    let last = group
        .last_syncs
        .iter()
        .filter_map(|s| s.synced_at.as_deref().and_then(when::parse))
        .max();
    let words = match last {
        Some(at) => match lang {
            Lang::Fr => format!("synchronisé {}", when::ago(lang, at, now)),
            Lang::En => format!("synced {}", when::ago(lang, at, now)),
        },
        None => lang
            .pick(
                "jamais synchronisé avec un autre appareil",
                "never synced with another device",
            )
            .to_string(),
    };
    html! {
        <li key={group.group.clone()}><strong>{ group.name.clone() }</strong>{ " — " }<span class="details">{ words }</span></li>
    }
}

/// "Synchroniser avec une adresse": reaches a device that was not found on the network.
#[component]
fn DialForm() -> Html {
    let lang = use_lang();
    let address = use_state(String::new);
    let reached = use_state(|| None::<Dialled>);
    let submit = use_submit();
    let oninput = {
        let address = address.clone();
        Callback::from(move |e: InputEvent| {
            address.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let onsubmit = {
        let address = address.clone();
        let reached = reached.clone();
        let submit = submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let typed = (*address).clone();
            let reached = reached.clone();
            reached.set(None);
            submit.send(
                async move { bridge::dial_peer(&typed).await },
                move |peer| reached.set(Some(peer)),
            );
        })
    };
    html! {
        <form class="card" id="dial-form" novalidate=true {onsubmit} aria-labelledby="dial-title">
            <h2 id="dial-title">{ lang.pick("Synchroniser avec une adresse", "Sync with an address") }</h2>
            <div class="field">
                <label class="label" for="dial-address">{ lang.pick("Adresse de l'autre appareil", "The other device's address") }</label>
                <input id="dial-address" type="text" value={(*address).clone()} {oninput}
                    placeholder="192.168.1.20:4710" autocomplete="off" spellcheck="false" aria-describedby="dial-hint" />
                <span class="hint" id="dial-hint">{ lang.pick(
                    "L'adresse que l'autre appareil affiche sur sa page Synchronisation.",
                    "The address the other device shows on its Sync page.",
                ) }</span>
            </div>
            <p class="quiet" role="status" id="dial-status">
                if submit.sending {
                    { lang.pick("Connexion…", "Connecting…") }
                } else if let Some(peer) = &*reached {
                    { match lang {
                        Lang::Fr => format!("Connecté à l'appareil {} : les groupes que vous partagez se synchronisent.", short_peer(&peer.peer)),
                        Lang::En => format!("Connected to device {}: the groups you share are syncing.", short_peer(&peer.peer)),
                    } }
                }
            </p>
            if let Some(error) = &submit.error {
                <ErrorMessage context={lang.pick("La connexion n'a pas abouti.", "The connection failed.")} error={error.clone()} />
            }
            <button id="dial-submit" type="submit" class="primary" disabled={submit.sending || address.trim().is_empty()}>
                { lang.pick("Se connecter", "Connect") }
            </button>
        </form>
    }
}
