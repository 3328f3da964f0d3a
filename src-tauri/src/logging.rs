//! Where the shell's log goes: standard error, or the file named by `COMPTOIR_LOG_FILE` (to
//! attach to a bug report, or when the app is started by another program that drops its
//! output). The level comes from `RUST_LOG` (default `info`). Logs carry ids, never names or
//! notes.

use std::fs::OpenOptions;
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    let file = std::env::var_os("COMPTOIR_LOG_FILE")
        .and_then(|path| OpenOptions::new().create(true).append(true).open(path).ok());
    match file {
        Some(file) => tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_ansi(false)
            .with_writer(Mutex::new(file))
            .init(),
        None => tracing_subscriber::fmt().with_env_filter(filter).init(),
    }
}
