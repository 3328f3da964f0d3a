//! Comptoir's desktop shell: one Tauri window showing the Yew UI embedded from `ui/dist`.
//!
//! Thin on purpose: [`commands`] convert between the wire types of `comptoir-ipc` and the
//! application, [`peer`] syncs in the background while the window is open.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod config;
mod convert;
mod error;
mod logging;
mod peer;
mod ready;
mod startup;
mod state;
mod webview;

use comptoir_app::node::Handle;
use comptoir_app::{App, AppError};
use tauri::Manager;

use crate::config::Config;
use crate::state::Shared;

fn main() -> tauri::Result<()> {
    logging::init();
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "starting Comptoir");
    let Config {
        data_dir,
        networks,
        export_dir,
    } = Config::from_env();
    let opened = match &data_dir {
        Some(dir) => App::open(dir),
        None => Err(AppError::NoDataDir),
    };
    // The window holds a handle at once; the node opens the groups in the background.
    let (handle, inbox) = Handle::new();
    let (node, opened) = match opened {
        Ok(app) => (Ok(handle.clone()), Some((app, (handle, inbox)))),
        Err(e) => (Err(e), None),
    };
    tauri::Builder::default()
        .manage(Shared::new(node, export_dir))
        .manage(startup::Startup::from_args(std::env::args().skip(1)))
        .setup(move |app| {
            if let Some(window) = app.get_webview_window("main") {
                webview::tune(&window);
            }
            if let Some((opened, node)) = opened {
                peer::spawn(app.handle().clone(), opened, node, networks);
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::groups::list_groups,
            commands::groups::damaged_groups,
            commands::groups::create_group,
            commands::groups::group_detail,
            commands::agenda::agenda,
            commands::agenda::add_event,
            commands::agenda::cancel_occurrence,
            commands::agenda::move_occurrence,
            commands::agenda::event_edit,
            commands::agenda::edit_event,
            commands::agenda::answer,
            commands::agenda::record_attendance,
            commands::members::list_members,
            commands::members::add_member,
            commands::notes::list_notes,
            commands::notes::add_note,
            commands::notes::edit_section,
            commands::sync::sync_status,
            commands::sync::list_devices,
            commands::sync::create_invitation,
            commands::sync::join_group,
            commands::sync::dial_peer,
            commands::history::history,
            commands::history::restore_item,
            commands::settings::update_profile,
            commands::settings::revoke_device,
            commands::settings::join_requests,
            commands::settings::decide_join,
            commands::settings::change_role,
            commands::exports::export_agenda,
            commands::exports::export_note,
            ready::interface_ready,
            startup::startup_group,
        ])
        .run(tauri::generate_context!())
}
