//! Comptoir's interface: a Yew app that the desktop shell shows in its webview.
//!
//! It knows `comptoir-ipc` only; everything it shows comes through the Tauri bridge.

mod app;
mod bridge;
mod components;
mod hooks;
mod state;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
