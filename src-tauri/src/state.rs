//! What the commands share: a handle on the running node, which owns this device's groups.

use std::path::PathBuf;

use comptoir_app::node::{Handle, NodeStatus};
use comptoir_app::{App, AppError};
use comptoir_ipc::IpcError;

use crate::error::to_ipc;

/// Tauri-managed state of the window.
#[derive(Debug)]
pub struct Shared {
    /// The node every command goes through: reads are served from the groups it holds, writes
    /// reach connected peers at once. `Err` if the data directory could not be opened: every
    /// command then says why.
    node: Result<Handle, IpcError>,
    /// `COMPTOIR_EXPORT_DIR`, else the download folder.
    export_dir: Option<PathBuf>,
}

impl Shared {
    pub fn new(node: Result<Handle, AppError>, export_dir: Option<PathBuf>) -> Self {
        Self {
            node: node.map_err(to_ipc),
            export_dir,
        }
    }

    fn node(&self) -> Result<&Handle, IpcError> {
        self.node.as_ref().map_err(Clone::clone)
    }

    /// Runs `work` on the node's application, converting its error for the UI.
    pub async fn call<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut App) -> comptoir_app::Result<T> + Send + 'static,
    ) -> Result<T, IpcError> {
        self.node()?.call(work).await.map_err(to_ipc)
    }

    /// The node itself, for what needs the network (joining, dialling).
    pub fn handle(&self) -> Result<Handle, IpcError> {
        self.node().cloned()
    }

    /// Whether the node is online, where it listens, who is connected.
    pub async fn network(&self) -> Result<NodeStatus, IpcError> {
        self.node()?.status().await.map_err(to_ipc)
    }

    /// Where exports are saved.
    pub fn export_dir(&self) -> Result<PathBuf, IpcError> {
        match &self.export_dir {
            Some(dir) => Ok(dir.clone()),
            None => App::default_export_dir().map_err(to_ipc),
        }
    }
}
