//! Where an export was saved, as the UI tells it.

use std::path::Path;

use comptoir_ipc as ipc;

pub fn exported(path: &Path) -> ipc::Exported {
    let name = |p: Option<&Path>| {
        p.and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    ipc::Exported {
        folder: name(path.parent()),
        file: name(Some(path)),
        path: path.display().to_string(),
    }
}
