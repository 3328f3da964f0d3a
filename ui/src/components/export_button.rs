//! "Exporter l'agenda (iCalendar)", "Exporter en Markdown": saves a file the facilitator can
//! mail, and says where it went.

use comptoir_ipc::{Exported, IpcError, NoteExport};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::bridge;
use crate::components::ErrorMessage;
use crate::i18n::{Lang, use_lang};

#[derive(Debug, Properties, PartialEq)]
pub struct ExportButtonProps {
    pub group: AttrValue,
    /// A synthesis to export as Markdown; none: the agenda, as iCalendar.
    #[prop_or_default]
    pub note: Option<AttrValue>,
}

#[derive(Debug, Clone, PartialEq)]
enum Status {
    Idle,
    Saving,
    Saved(Exported),
    Failed(IpcError),
}

#[component]
pub fn ExportButton(props: &ExportButtonProps) -> Html {
    let lang = use_lang();
    let status = use_state(|| Status::Idle);
    let onclick = {
        let status = status.clone();
        let group = props.group.to_string();
        let note = props.note.as_ref().map(ToString::to_string);
        Callback::from(move |_| {
            if *status == Status::Saving {
                return;
            }
            status.set(Status::Saving);
            let status = status.clone();
            let group = group.clone();
            let note = note.clone();
            spawn_local(async move {
                let saved = match note {
                    Some(note) => bridge::export_note(&NoteExport { group, note }).await,
                    None => bridge::export_agenda(&group).await,
                };
                status.set(match saved {
                    Ok(exported) => Status::Saved(exported),
                    Err(error) => Status::Failed(error),
                });
            });
        })
    };
    let label = match props.note {
        Some(_) => lang.pick("Exporter en Markdown", "Export as Markdown"),
        None => lang.pick(
            "Exporter l'agenda (iCalendar)",
            "Export the agenda (iCalendar)",
        ),
    };
    html! {
        <div class="export">
            <button type="button" class="export-button" {onclick} disabled={*status == Status::Saving}>{ label }</button>
            <span class="quiet" role="status">
                { match &*status {
                    Status::Saving => html! { lang.pick("Enregistrement…", "Saving…") },
                    Status::Saved(exported) => html! {
                        <span title={exported.path.clone()}>
                            { match lang {
                                Lang::Fr => format!("Enregistré dans {} : {}", exported.folder, exported.file),
                                Lang::En => format!("Saved in {}: {}", exported.folder, exported.file),
                            } }
                        </span>
                    },
                    Status::Idle | Status::Failed(_) => Html::default(),
                } }
            </span>
            if let Status::Failed(error) = &*status {
                <ErrorMessage context={lang.pick("Le fichier n'a pas été enregistré.", "The file was not saved.")} error={error.clone()} />
            }
        </div>
    }
}
