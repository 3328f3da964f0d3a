//! Commands of the Synthèses tab.

use comptoir_ipc::{Created, IpcError, Note, NoteDraft, SectionEdit};
use tauri::State;

use crate::convert;
use crate::state::Shared;

/// A group's notes, newest first; `input` is the group's id.
#[tauri::command]
pub async fn list_notes(state: State<'_, Shared>, input: String) -> Result<Vec<Note>, IpcError> {
    state
        .call(move |app| Ok(app.notes(&input)?.into_iter().map(convert::note).collect()))
        .await
}

#[tauri::command]
pub async fn add_note(state: State<'_, Shared>, input: NoteDraft) -> Result<Created, IpcError> {
    state
        .call(move |app| {
            let note = app.add_note(
                &input.group,
                convert::new_note(&input)?,
                convert::event_of(&input),
            )?;
            Ok(Created {
                id: note.id.to_string(),
            })
        })
        .await
}

/// Replaces one section's text, as the person types.
#[tauri::command]
pub async fn edit_section(state: State<'_, Shared>, input: SectionEdit) -> Result<(), IpcError> {
    state
        .call(move |app| {
            app.edit_note_section(&input.group, &input.note, &input.section, &input.text)?;
            Ok(())
        })
        .await
}
