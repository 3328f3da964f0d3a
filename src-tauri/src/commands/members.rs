//! Commands of the Membres tab.

use comptoir_ipc::{Created, IpcError, Member, NewMember};
use tauri::State;

use crate::convert;
use crate::state::Shared;

/// A group's members, by name; `input` is the group's id.
#[tauri::command]
pub async fn list_members(
    state: State<'_, Shared>,
    input: String,
) -> Result<Vec<Member>, IpcError> {
    state
        .call(move |app| {
            Ok(app
                .members(&input)?
                .into_iter()
                .map(convert::member)
                .collect())
        })
        .await
}

#[tauri::command]
pub async fn add_member(state: State<'_, Shared>, input: NewMember) -> Result<Created, IpcError> {
    state
        .call(move |app| {
            let group = input.group.clone();
            let member = app.add_member(&group, convert::new_member(input), None)?;
            Ok(Created {
                id: member.id.to_string(),
            })
        })
        .await
}
