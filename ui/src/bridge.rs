//! Calls the desktop shell's commands through `window.__TAURI__.core.invoke`, Tauri's global API
//! (enabled by `app.withGlobalTauri` in `src-tauri/tauri.conf.json`), and listens to its events.
//!
//! Every command takes one argument, `input` (see `comptoir-ipc`).

use comptoir_ipc::{
    AWAITING_EVENT, AwaitingApproval, ChangeRole, DecideJoin, Device, Dialled, Exported,
    HistoryEntry, HistoryQuery, Invitation, JoinRequest, NoteExport, ProfileEdit, RestoreItem,
    Restored, RevokeDevice, SyncStatus,
};
use comptoir_ipc::{
    AgendaQuery, Answer, Attendance, CHANGED_EVENT, CancelOccurrence, Created, DamagedGroup,
    ErrorCode, EventDraft, EventEdit, EventRef, GroupDetail, GroupSummary, IpcError, Member,
    MoveOccurrence, NewGroup, NewMember, Note, NoteDraft, Occurrence, SectionEdit,
};
use js_sys::{Function, Object, Promise, Reflect};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub async fn list_groups() -> Result<Vec<GroupSummary>, IpcError> {
    invoke("list_groups", &()).await
}

pub async fn damaged_groups() -> Result<Vec<DamagedGroup>, IpcError> {
    invoke("damaged_groups", &()).await
}

pub async fn create_group(input: &NewGroup) -> Result<Created, IpcError> {
    invoke("create_group", input).await
}

pub async fn group_detail(group: &str) -> Result<GroupDetail, IpcError> {
    invoke("group_detail", &group).await
}

pub async fn agenda(input: &AgendaQuery) -> Result<Vec<Occurrence>, IpcError> {
    invoke("agenda", input).await
}

pub async fn add_event(input: &EventDraft) -> Result<Created, IpcError> {
    invoke("add_event", input).await
}

pub async fn cancel_occurrence(input: &CancelOccurrence) -> Result<(), IpcError> {
    invoke("cancel_occurrence", input).await
}

pub async fn move_occurrence(input: &MoveOccurrence) -> Result<(), IpcError> {
    invoke("move_occurrence", input).await
}

pub async fn event_edit(input: &EventRef) -> Result<EventEdit, IpcError> {
    invoke("event_edit", input).await
}

pub async fn edit_event(input: &EventEdit) -> Result<(), IpcError> {
    invoke("edit_event", input).await
}

pub async fn answer(input: &Answer) -> Result<(), IpcError> {
    invoke("answer", input).await
}

pub async fn record_attendance(input: &Attendance) -> Result<(), IpcError> {
    invoke("record_attendance", input).await
}

pub async fn list_members(group: &str) -> Result<Vec<Member>, IpcError> {
    invoke("list_members", &group).await
}

pub async fn add_member(input: &NewMember) -> Result<Created, IpcError> {
    invoke("add_member", input).await
}

pub async fn list_notes(group: &str) -> Result<Vec<Note>, IpcError> {
    invoke("list_notes", &group).await
}

pub async fn add_note(input: &NoteDraft) -> Result<Created, IpcError> {
    invoke("add_note", input).await
}

pub async fn edit_section(input: &SectionEdit) -> Result<(), IpcError> {
    invoke("edit_section", input).await
}

pub async fn sync_status() -> Result<SyncStatus, IpcError> {
    invoke("sync_status", &()).await
}

pub async fn list_devices(group: &str) -> Result<Vec<Device>, IpcError> {
    invoke("list_devices", &group).await
}

/// The group's changes, newest first (its Historique tab).
pub async fn history(input: &HistoryQuery) -> Result<Vec<HistoryEntry>, IpcError> {
    invoke("history", input).await
}

/// "Restaurer": an item back as it was just before a change.
pub async fn restore_item(input: &RestoreItem) -> Result<Restored, IpcError> {
    invoke("restore_item", input).await
}

pub async fn create_invitation(group: &str) -> Result<Invitation, IpcError> {
    invoke("create_invitation", &group).await
}

/// Joins a group with an invitation code, as typed; answers once the group arrived.
pub async fn join_group(code: &str) -> Result<Created, IpcError> {
    invoke("join_group", &code).await
}

pub async fn dial_peer(address: &str) -> Result<Dialled, IpcError> {
    invoke("dial_peer", &address).await
}

pub async fn update_profile(input: &ProfileEdit) -> Result<(), IpcError> {
    invoke("update_profile", input).await
}

pub async fn revoke_device(input: &RevokeDevice) -> Result<(), IpcError> {
    invoke("revoke_device", input).await
}

/// The devices waiting for an admin here to let them into `group`.
pub async fn join_requests(group: &str) -> Result<Vec<JoinRequest>, IpcError> {
    invoke("join_requests", &group).await
}

pub async fn decide_join(input: &DecideJoin) -> Result<(), IpcError> {
    invoke("decide_join", input).await
}

pub async fn change_role(input: &ChangeRole) -> Result<(), IpcError> {
    invoke("change_role", input).await
}

pub async fn export_agenda(group: &str) -> Result<Exported, IpcError> {
    invoke("export_agenda", &group).await
}

pub async fn export_note(input: &NoteExport) -> Result<Exported, IpcError> {
    invoke("export_note", input).await
}

/// Calls `on_change` with the group's id whenever the shell says a group changed (a peer's
/// edits arrived). The listener lives as long as the page.
pub fn on_change(on_change: impl Fn(String) + 'static) {
    let Some(listen) = tauri_function("event", "listen") else {
        return;
    };
    let handler = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
        let payload = Reflect::get(&event, &"payload".into()).unwrap_or(JsValue::NULL);
        if let Ok(changed) = serde_wasm_bindgen::from_value::<comptoir_ipc::Changed>(payload) {
            on_change(changed.group);
        }
    });
    let _ = listen.call2(&JsValue::NULL, &CHANGED_EVENT.into(), handler.as_ref());
    // Page-long: the page never stops listening, so the closure is never freed.
    handler.forget();
}

/// Calls `on_check` with the check number whenever the shell says this device waits for the
/// inviting device's admin. The listener lives as long as the page.
pub fn on_awaiting_approval(on_check: impl Fn(String) + 'static) {
    let Some(listen) = tauri_function("event", "listen") else {
        return;
    };
    let handler = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
        let payload = Reflect::get(&event, &"payload".into()).unwrap_or(JsValue::NULL);
        if let Ok(waiting) = serde_wasm_bindgen::from_value::<AwaitingApproval>(payload) {
            on_check(waiting.check);
        }
    });
    let _ = listen.call2(&JsValue::NULL, &AWAITING_EVENT.into(), handler.as_ref());
    // Page-long, as `on_change`.
    handler.forget();
}

#[derive(Serialize)]
struct Args<'a, T> {
    input: &'a T,
}

async fn invoke<I: Serialize, T: DeserializeOwned>(
    command: &str,
    input: &I,
) -> Result<T, IpcError> {
    let invoke =
        tauri_function("core", "invoke").ok_or_else(|| IpcError::new(ErrorCode::Unavailable))?;
    let args = serde_wasm_bindgen::to_value(&Args { input }).map_err(|_| protocol_error())?;
    let args = if args.is_object() {
        args
    } else {
        Object::new().into()
    };
    let pending = invoke
        .call2(&JsValue::NULL, &command.into(), &args)
        .map_err(rejected)?
        .dyn_into::<Promise>()
        .map_err(|_| protocol_error())?;
    let reply = JsFuture::from(pending).await.map_err(rejected)?;
    serde_wasm_bindgen::from_value(reply).map_err(|_| protocol_error())
}

/// `window.__TAURI__[module][name]`, if the page runs inside the desktop shell.
fn tauri_function(module: &str, name: &str) -> Option<Function> {
    let tauri = Reflect::get(&js_sys::global(), &"__TAURI__".into()).ok()?;
    let module = Reflect::get(&tauri, &module.into()).ok()?;
    Reflect::get(&module, &name.into()).ok()?.dyn_into().ok()
}

/// A command rejects with the `IpcError` it returned, or, when Tauri itself refuses the call
/// (unknown command, missing permission), with a plain English string.
fn rejected(reason: JsValue) -> IpcError {
    if let Ok(error) = serde_wasm_bindgen::from_value::<IpcError>(reason.clone()) {
        return error;
    }
    IpcError::new(ErrorCode::Refused).with_detail(reason.as_string().unwrap_or_default())
}

fn protocol_error() -> IpcError {
    IpcError::new(ErrorCode::Protocol)
}

/// Tells the shell that the group list is shown: a benchmark's "interactive" signal (printed
/// only when the shell runs with `COMPTOIR_REPORT_READY=1`).
pub async fn interface_ready() -> Result<(), IpcError> {
    invoke("interface_ready", &()).await
}

/// The group the desktop shell was asked to open first (`comptoir-desktop --open`), if any.
pub async fn startup_group() -> Result<Option<String>, IpcError> {
    invoke("startup_group", &()).await
}
