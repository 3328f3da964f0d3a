//! Commands of the Agenda tab.

use comptoir_app::model::{Date, LocalDateTime};
use comptoir_ipc::{
    AgendaQuery, Answer, Attendance, CancelOccurrence, Created, EventDraft, EventEdit, EventRef,
    IpcError, MoveOccurrence, Occurrence,
};
use tauri::State;

use crate::convert;
use crate::state::Shared;

/// The occurrences between two dates, inclusive, by start.
#[tauri::command]
pub async fn agenda(
    state: State<'_, Shared>,
    input: AgendaQuery,
) -> Result<Vec<Occurrence>, IpcError> {
    state
        .call(move |app| {
            let from = Date::parse(&input.from)?;
            let to = Date::parse(&input.to)?;
            Ok(app
                .agenda(&input.group, Some(from), Some(to))?
                .into_iter()
                .map(convert::occurrence)
                .collect())
        })
        .await
}

#[tauri::command]
pub async fn add_event(state: State<'_, Shared>, input: EventDraft) -> Result<Created, IpcError> {
    state
        .call(move |app| {
            let event = app.add_event(&input.group, convert::new_event(&input)?)?;
            Ok(Created {
                id: event.id.to_string(),
            })
        })
        .await
}

#[tauri::command]
pub async fn cancel_occurrence(
    state: State<'_, Shared>,
    input: CancelOccurrence,
) -> Result<(), IpcError> {
    state
        .call(move |app| {
            let occurrence = Date::parse(&input.occurrence)?;
            app.cancel_event(
                &input.group,
                &input.event,
                Some(occurrence),
                Some(input.reason),
            )?;
            Ok(())
        })
        .await
}

#[tauri::command]
pub async fn move_occurrence(
    state: State<'_, Shared>,
    input: MoveOccurrence,
) -> Result<(), IpcError> {
    state
        .call(move |app| {
            let occurrence = Date::parse(&input.occurrence)?;
            let to = LocalDateTime::parse(&input.to)?;
            app.move_occurrence(
                &input.group,
                &input.event,
                occurrence,
                to,
                Some(input.reason),
            )?;
            Ok(())
        })
        .await
}

/// An event as its form shows it, to edit it.
#[tauri::command]
pub async fn event_edit(state: State<'_, Shared>, input: EventRef) -> Result<EventEdit, IpcError> {
    state
        .call(move |app| convert::event_edit(&input.group, &app.event(&input.group, &input.event)?))
        .await
}

/// Saves an edited event; what became of its occurrences stays.
#[tauri::command]
pub async fn edit_event(state: State<'_, Shared>, input: EventEdit) -> Result<(), IpcError> {
    state
        .call(move |app| {
            let changes = convert::event_changes(&input)?;
            app.edit_event(&input.draft.group, &input.event, changes)?;
            Ok(())
        })
        .await
}

/// Records whether a member comes to one occurrence.
#[tauri::command]
pub async fn answer(state: State<'_, Shared>, input: Answer) -> Result<(), IpcError> {
    state
        .call(move |app| {
            let occurrence = Date::parse(&input.occurrence)?;
            let answer = convert::rsvp(input.answer);
            app.rsvp(
                &input.group,
                &input.event,
                &input.member,
                answer,
                Some(occurrence),
            )?;
            Ok(())
        })
        .await
}

/// Records how many people came to one occurrence.
#[tauri::command]
pub async fn record_attendance(
    state: State<'_, Shared>,
    input: Attendance,
) -> Result<(), IpcError> {
    state
        .call(move |app| {
            let occurrence = Date::parse(&input.occurrence)?;
            app.attendance(
                &input.group,
                &input.event,
                occurrence,
                i64::from(input.count),
            )?;
            Ok(())
        })
        .await
}
