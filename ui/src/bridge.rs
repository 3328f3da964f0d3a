//! Calls the desktop shell's commands through `window.__TAURI__.core.invoke`, Tauri's global API
//! (enabled by `app.withGlobalTauri` in `src-tauri/tauri.conf.json`).

use comptoir_ipc::{ErrorCode, GroupSummary, IpcError};
use js_sys::{Function, Object, Promise, Reflect};
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The groups stored on this device.
pub async fn list_groups() -> Result<Vec<GroupSummary>, IpcError> {
    invoke("list_groups").await
}

async fn invoke<T: DeserializeOwned>(command: &str) -> Result<T, IpcError> {
    let invoke = tauri_invoke().ok_or_else(|| {
        IpcError::new(
            ErrorCode::Unavailable,
            "Cette page doit être ouverte dans l'application Comptoir : seule l'application de \
             bureau peut lire vos groupes.",
        )
    })?;
    let pending = invoke
        .call2(&JsValue::NULL, &command.into(), &Object::new())
        .map_err(rejected)?
        .dyn_into::<Promise>()
        .map_err(|_| protocol_error())?;
    let reply = JsFuture::from(pending).await.map_err(rejected)?;
    serde_wasm_bindgen::from_value(reply).map_err(|_| protocol_error())
}

/// `window.__TAURI__.core.invoke`, if the page runs inside the desktop shell.
fn tauri_invoke() -> Option<Function> {
    let tauri = Reflect::get(&js_sys::global(), &"__TAURI__".into()).ok()?;
    let core = Reflect::get(&tauri, &"core".into()).ok()?;
    Reflect::get(&core, &"invoke".into()).ok()?.dyn_into().ok()
}

/// A command rejects with the `IpcError` it returned, or, when Tauri itself refuses the call
/// (unknown command, missing permission), with a plain English string.
fn rejected(reason: JsValue) -> IpcError {
    if let Ok(error) = serde_wasm_bindgen::from_value::<IpcError>(reason.clone()) {
        return error;
    }
    let detail = reason.as_string().unwrap_or_default();
    IpcError::new(
        ErrorCode::Internal,
        format!("L'application de bureau a refusé la demande. Détail technique : {detail}"),
    )
}

fn protocol_error() -> IpcError {
    IpcError::new(
        ErrorCode::Protocol,
        "L'interface et l'application de bureau ne viennent pas de la même version de Comptoir. \
         Réinstallez l'application.",
    )
}
