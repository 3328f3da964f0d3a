//! This installation's device key (Ed25519, also its libp2p identity), created on first use and
//! kept in the data directory, readable by its owner only.

use std::io::Write;
use std::path::Path;

use ed25519_dalek::SigningKey;
use libp2p_identity::{Keypair, PeerId};

use crate::{AppError, IoAction, Result};

/// The key file's name in the data directory.
pub const KEY_FILE: &str = "device.key";

/// Reads the device key, creating it if this is the first use. A key file that cannot be read
/// is reported, never replaced: replacing it would lock this device out of its groups.
pub fn load_or_create(data_dir: &Path) -> Result<Keypair> {
    let path = data_dir.join(KEY_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => Keypair::from_protobuf_encoding(&bytes)
            .map_err(|source| AppError::DeviceKeyUnreadable { path, source }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create(&path),
        Err(e) => Err(AppError::Io {
            action: IoAction::ReadDeviceKey,
            source: e,
        }),
    }
}

fn create(path: &Path) -> Result<Keypair> {
    let keypair = Keypair::generate_ed25519();
    let bytes = keypair
        .to_protobuf_encoding()
        .map_err(|source| AppError::DeviceKeyEncoding { source })?;
    let io = |source| AppError::Io {
        action: IoAction::WriteDeviceKey,
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(mut file) => {
            file.write_all(&bytes).map_err(io)?;
            file.sync_all().map_err(io)?;
            tracing::info!(peer = %PeerId::from(keypair.public()), "device key created");
            Ok(keypair)
        }
        // Another process created it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            load_or_create(path.parent().unwrap_or(Path::new(".")))
        }
        Err(e) => Err(io(e)),
    }
}

/// The device key as the membership logs sign with it (the libp2p identity's Ed25519 key).
pub(crate) fn signing_key(keypair: &Keypair) -> Result<SigningKey> {
    let keypair = keypair
        .clone()
        .try_into_ed25519()
        .map_err(|_| AppError::DeviceKeyNotEd25519)?;
    let secret: [u8; 32] = keypair
        .secret()
        .as_ref()
        .try_into()
        .map_err(|_| AppError::DeviceKeyNotEd25519)?;
    Ok(SigningKey::from_bytes(&secret))
}
