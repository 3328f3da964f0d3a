//! The commands the UI can invoke. Each takes one argument, `input`, converts it, asks the
//! application, and converts the answer into `comptoir-ipc` types. No logic lives here.
//!
//! `generate_handler!` needs each command by its module path (it looks for items the
//! `#[tauri::command]` macro generates beside the function), hence public modules.

pub mod agenda;
pub mod exports;
pub mod groups;
pub mod history;
pub mod members;
pub mod notes;
pub mod settings;
pub mod sync;
