//! End-to-end tests of the desktop app: the real `comptoir-desktop` binary in a real window
//! under Xvfb, driven over WebDriver (`tauri-driver` in front of WebKitGTK's `WebKitWebDriver`),
//! with a real `comptoir` CLI device as a peer on loopback.
//!
//! Every test starts what it needs and stops it when it ends, whatever the outcome: its own X
//! server (`comptoir_testkit::Display`, display number picked by Xvfb itself), its own
//! tauri-driver on free ports ([`driver::Driver`]), its own data directories, and the CLI peer
//! (`comptoir_testkit::Cli`). mDNS is off and everything listens
//! on 127.0.0.1 only, so tests running in parallel never meet. `cargo xtask deps` installs Xvfb,
//! `webkit2gtk-driver` and `tauri-driver`; `cargo xtask test` builds `ui/dist` first, which the
//! binary embeds.
//!
//! Screenshots of each view land in `target/screenshots/e2e/`.

mod driver;
mod paths;
mod scenario;
mod two_facilitators;
mod ui;
mod webdriver;
