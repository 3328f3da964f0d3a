//! An opt-in signal for benchmarks: with `COMPTOIR_REPORT_READY=1`, the shell prints
//! `comptoir-desktop: interface ready` on stdout when the UI says its group list is shown.

use std::io::Write;

use comptoir_ipc::IpcError;

/// The line a benchmark waits for.
pub const READY_LINE: &str = "comptoir-desktop: interface ready";

/// Called once by the UI after it has shown the group list for the first time.
#[tauri::command]
pub async fn interface_ready() -> Result<(), IpcError> {
    if std::env::var_os("COMPTOIR_REPORT_READY").is_some_and(|v| v == "1") {
        tracing::debug!("interface ready");
        let mut stdout = std::io::stdout().lock();
        // Nobody to tell if stdout is gone: the signal is only for whoever reads it.
        let _ = writeln!(stdout, "{READY_LINE}").and_then(|()| stdout.flush());
    }
    Ok(())
}
