//! What the commands share: the application on the data directory, and how the background
//! peer is doing.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use comptoir_app::App;
use comptoir_ipc::{ErrorCode, IpcError, Network};
use tokio::sync::{mpsc, oneshot};

use crate::error::{offline, peer_busy, to_ipc};
use crate::peer::Request;

/// Tauri-managed state of the window.
#[derive(Debug)]
pub struct Shared {
    /// The app commands read and write through. Its writes reach the background peer, which
    /// has its own connection to the data directory, at its next tick; the peer's writes (what
    /// others sent) are read here at once. `Err` if the data directory could not be opened: every
    /// command then says why.
    app: Result<Mutex<App>, IpcError>,
    pub network: Arc<Mutex<NetworkState>>,
    /// Requests to the background peer (joining, dialling).
    requests: mpsc::Sender<Request>,
    /// `COMPTOIR_EXPORT_DIR`, else the download folder.
    export_dir: Option<PathBuf>,
}

/// The background peer's state, updated by its task.
#[derive(Debug)]
pub struct NetworkState {
    pub network: Network,
    /// Peer ids connected now.
    pub connected: BTreeSet<String>,
}

impl Shared {
    pub fn new(
        app: comptoir_app::Result<App>,
        requests: mpsc::Sender<Request>,
        export_dir: Option<PathBuf>,
    ) -> Self {
        Self {
            app: app.map(Mutex::new).map_err(to_ipc),
            requests,
            export_dir,
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

    /// Asks the background peer to do something on the network, and waits for its answer.
    /// Offline, the answer is at once a plain "offline" message.
    pub async fn ask<T>(
        &self,
        request: impl FnOnce(oneshot::Sender<Result<T, IpcError>>) -> Request,
    ) -> Result<T, IpcError> {
        let is_offline = matches!(self.network()?.network, Network::Offline { .. });
        if is_offline {
            return Err(offline());
        }
        let (reply, answer) = oneshot::channel();
        self.requests
            .try_send(request(reply))
            .map_err(|e| match e {
                mpsc::error::TrySendError::Full(_) => peer_busy(),
                mpsc::error::TrySendError::Closed(_) => offline(),
            })?;
        answer.await.map_err(|_| offline())?
    }

    /// Where exports are saved.
    pub fn export_dir(&self) -> Result<PathBuf, IpcError> {
        match &self.export_dir {
            Some(dir) => Ok(dir.clone()),
            None => App::default_export_dir().map_err(to_ipc),
        }
    }
}

/// A lock whose holder panicked: nothing the person can fix but a restart.
pub fn internal() -> IpcError {
    IpcError::new(ErrorCode::Internal)
}
