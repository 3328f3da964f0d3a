//! Comptoir's interface: a Yew app that the desktop shell shows in its webview, in French by default, in English on request.
//!
//! It knows `comptoir-ipc` only; everything it shows comes through the Tauri bridge. The state
//! is a plain struct changed by actions through one reducer (`state`); components live in
//! `components/`, hooks in `hooks/`; dates, labels and recurrence wording are plain functions
//! tested on the host.

mod app;
mod bridge;
mod calendar;
mod clock;
mod components;
mod device_name;
mod error_text;
mod format;
mod history_words;
mod hooks;
mod i18n;
mod labels;
mod recurrence;
mod state;
mod when;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
