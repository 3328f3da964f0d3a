//! The Historique tab: who changed what in the group, newest first, with "Restaurer" on a
//! member, event or synthesis deleted, and "Remettre comme avant" on one changed. A restore is
//! written as new changes, so it syncs like any edit and shows here too.

use std::rc::Rc;

use comptoir_ipc::{HistoryEntry, HistoryQuery, RestoreItem, Touched};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::{ErrorMessage, loaded};
use crate::history_words::{device, restorable, undoable, what};
use crate::hooks::use_submit;
use crate::i18n::{Lang, use_lang};
use crate::state::Load;
use crate::{bridge, when};

/// How many changes are shown at first, and how many more each "Afficher plus" adds.
const PAGE: usize = 50;

#[derive(Debug, Properties, PartialEq)]
pub struct HistoryTabProps {
    pub group: AttrValue,
    /// Bumped when anything may have changed: the history is read again.
    pub revision: u64,
}

#[component]
pub fn HistoryTab(props: &HistoryTabProps) -> Html {
    let lang = use_lang();
    let entries = use_state(|| Load::<Rc<[HistoryEntry]>>::Loading);
    let limit = use_state(|| PAGE);
    // What the last restore brought back, said once it is done.
    let restored = use_state(|| None::<String>);
    let submit = use_submit();
    {
        let entries = entries.clone();
        let group = props.group.to_string();
        use_effect_with((group, props.revision, *limit), move |(group, _, limit)| {
            let query = HistoryQuery {
                group: group.clone(),
                limit: *limit,
            };
            spawn_local(async move {
                entries.set(bridge::history(&query).await.map(Rc::from).into());
            });
        });
    }
    let restore = |entry: &HistoryEntry, touched: &Touched| {
        let input = RestoreItem {
            group: props.group.to_string(),
            item: touched.id.clone(),
            before: entry.change.clone(),
        };
        let submit = submit.clone();
        let restored = restored.clone();
        Callback::from(move |_| {
            let input = input.clone();
            let restored = restored.clone();
            submit.send(
                async move { bridge::restore_item(&input).await },
                move |back| {
                    restored.set(Some(back.name));
                },
            );
        })
    };
    let now = when::local(when::now());
    let list = loaded(
        lang,
        &entries,
        lang.pick(
            "Impossible d'afficher l'historique.",
            "The history cannot be shown.",
        ),
        |entries| {
            if entries.is_empty() {
                return html! { <p class="empty">{ lang.pick("Aucune modification pour l'instant.", "No change yet.") }</p> };
            }
            html! {
                <ol class="history">
                    { for entries.iter().map(|entry| {
                        let at = (entry.at > 0).then(|| when::local(entry.at));
                        html! {
                            <li class="history-entry" key={entry.change.clone()}>
                                <p class="details">
                                    { when::changed_at(lang, at, now) }{ " · " }{ device(lang, entry) }
                                </p>
                                <ul>
                                    { for entry.touched.iter().map(|touched| html! {
                                        <li class="history-item">
                                            <span class="what">{ what(lang, touched) }</span>
                                            if restorable(touched) {
                                                { " " }
                                                <button type="button" class="restore" onclick={restore(entry, touched)} disabled={submit.sending}>
                                                    { lang.pick("Restaurer", "Restore") }
                                                </button>
                                            } else if undoable(touched) {
                                                { " " }
                                                <button type="button" class="undo" onclick={restore(entry, touched)} disabled={submit.sending}>
                                                    { lang.pick("Remettre comme avant", "Put back as before") }
                                                </button>
                                            }
                                        </li>
                                    }) }
                                </ul>
                            </li>
                        }
                    }) }
                </ol>
            }
        },
    );
    let more = match &*entries {
        Load::Loaded(shown) if shown.len() >= *limit => {
            let limit = limit.clone();
            let onclick = Callback::from(move |_| limit.set(*limit + PAGE));
            html! { <button type="button" id="history-more" {onclick}>{ lang.pick("Afficher plus", "Show more") }</button> }
        }
        _ => html! {},
    };
    html! {
        <>
            <div class="toolbar">
                <h2>{ lang.pick("Historique", "History") }</h2>
            </div>
            <p class="hint">{ lang.pick(
                "Qui a modifié quoi, du plus récent au plus ancien. Ce qui est restauré revient sur tous les appareils du groupe à la prochaine synchronisation.",
                "Who changed what, newest first. What is restored comes back on every device of the group at the next sync.",
            ) }</p>
            <span class="quiet" role="status">
                { restored.as_ref().map(|name| match lang {
                    Lang::Fr => format!("« {name} » est de retour."),
                    Lang::En => format!("“{name}” is back."),
                }) }
            </span>
            if let Some(error) = &submit.error {
                <ErrorMessage context={lang.pick("Rien n'a été restauré.", "Nothing was restored.")} error={error.clone()} />
            }
            { list }
            { more }
        </>
    }
}
