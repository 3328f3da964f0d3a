//! What the commands share: the application on the data directory, and how the background
//! peer is doing.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, MutexGuard};

use comptoir_app::App;
use comptoir_ipc::{ErrorCode, IpcError, Network};

use crate::error::to_ipc;

/// Tauri-managed state of the window.
#[derive(Debug)]
pub struct Shared {
    /// The app commands read and write through. Its writes reach the background peer, which
    /// has its own connection to the data directory, at its next tick; the peer's writes (what
    /// others sent) are read here at once. `Err` if the data directory could not be opened: every
    /// command then says why.
    app: Result<Mutex<App>, IpcError>,
    pub network: Arc<Mutex<NetworkState>>,
}

/// The background peer's state, updated by its task.
#[derive(Debug)]
pub struct NetworkState {
    pub network: Network,
    /// Peer ids connected now.
    pub connected: BTreeSet<String>,
}

impl Shared {
    pub fn new(app: comptoir_app::Result<App>) -> Self {
        Self {
            app: app.map(Mutex::new).map_err(to_ipc),
            network: Arc::new(Mutex::new(NetworkState {
                network: Network::Starting,
                connected: BTreeSet::new(),
            })),
        }
    }

    /// Runs `f` on the application, converting its error for the UI.
    pub fn with_app<T>(
        &self,
        f: impl FnOnce(&mut App) -> comptoir_app::Result<T>,
    ) -> Result<T, IpcError> {
        let app = self.app.as_ref().map_err(Clone::clone)?;
        let mut app = app.lock().map_err(|_| internal())?;
        f(&mut app).map_err(to_ipc)
    }

    pub fn network(&self) -> Result<MutexGuard<'_, NetworkState>, IpcError> {
        self.network.lock().map_err(|_| internal())
    }
}

/// A lock whose holder panicked: nothing the person can fix but a restart.
pub fn internal() -> IpcError {
    IpcError::new(
        ErrorCode::Internal,
        "Comptoir a rencontré un problème interne. Fermez et rouvrez l'application ; vos données \
         enregistrées sont intactes.",
    )
}
