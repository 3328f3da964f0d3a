//! Commands of a group's Historique tab: who changed what, and "Restaurer".

use comptoir_app::HistoryFilter;
use comptoir_ipc::{HistoryEntry, HistoryQuery, IpcError, RestoreItem, Restored};
use tauri::State;

use crate::convert;
use crate::state::Shared;

/// The group's changes, newest first, at most `input.limit`.
#[tauri::command]
pub async fn history(
    state: State<'_, Shared>,
    input: HistoryQuery,
) -> Result<Vec<HistoryEntry>, IpcError> {
    state
        .call(move |app| {
            let me = app.peer_id().to_base58();
            Ok(app
                .history(&input.group, HistoryFilter::All, input.limit)?
                .into_iter()
                .map(|entry| convert::history_entry(entry, &me))
                .collect())
        })
        .await
}

/// Writes a member, event or note back as it was just before a change (as new changes).
#[tauri::command]
pub async fn restore_item(
    state: State<'_, Shared>,
    input: RestoreItem,
) -> Result<Restored, IpcError> {
    state
        .call(move |app| {
            let restored = app.restore_before(&input.group, &input.item, &input.before)?;
            Ok(convert::restored(restored))
        })
        .await
}
