//! Comptoir's desktop shell: one Tauri window showing the Yew UI embedded from `ui/dist`.
//!
//! Thin on purpose: commands live in [`commands`] and only convert between the wire types of
//! `comptoir-ipc` and the application.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

fn main() -> tauri::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "starting Comptoir");
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![commands::list_groups])
        .run(tauri::generate_context!())
}
