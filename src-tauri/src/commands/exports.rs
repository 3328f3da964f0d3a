//! Exports a facilitator can mail, saved as new files in the download folder.

use comptoir_app::ExportFormat;
use comptoir_ipc::{Exported, IpcError, NoteExport};
use tauri::State;

use crate::convert;
use crate::state::Shared;

/// The group's agenda as an iCalendar file; `input` is the group's id.
#[tauri::command]
pub async fn export_agenda(state: State<'_, Shared>, input: String) -> Result<Exported, IpcError> {
    let dir = state.export_dir()?;
    state
        .call(move |app| {
            let path = app.save_export(&input, ExportFormat::Ics, None, &dir)?;
            Ok(convert::exported(&path))
        })
        .await
}

/// One synthesis as a Markdown file.
#[tauri::command]
pub async fn export_note(
    state: State<'_, Shared>,
    input: NoteExport,
) -> Result<Exported, IpcError> {
    let dir = state.export_dir()?;
    state
        .call(move |app| {
            let path = app.save_export(
                &input.group,
                ExportFormat::Markdown,
                Some(&input.note),
                &dir,
            )?;
            Ok(convert::exported(&path))
        })
        .await
}
