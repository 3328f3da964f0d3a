//! `DeviceId`: a device's Ed25519 public key, written as the libp2p peer id of that key.

use std::fmt;
use std::str::FromStr;

use ed25519_dalek::{Signature, SigningKey, VerifyingKey};

use crate::Error;

/// The bytes libp2p puts before an Ed25519 key to make its peer id: the identity multihash
/// (code `0x00`, length 36) of the key's protobuf encoding (field 1, key type Ed25519 = 1;
/// field 2, 32 bytes of key). See `PeerId::from_public_key` in libp2p-identity.
const PEER_ID_PREFIX: [u8; 6] = [0x00, 0x24, 0x08, 0x01, 0x12, 0x20];
/// The longest text a peer id of an Ed25519 key can be (it is 52 characters); anything longer
/// is refused before decoding.
const MAX_PEER_ID_TEXT: usize = 64;

/// A device: the Ed25519 public key it signs with. The same key is the device's libp2p identity,
/// so `to_string()` gives its libp2p peer id (`12D3KooW…`) and a peer id parses back.
///
/// Holds the key's 32 bytes, checked once to be a usable key (a point of the curve, not of
/// small order); equality, order and hashing follow them.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DeviceId([u8; 32]);

impl DeviceId {
    /// The device whose public key is `bytes`; refused when they are not a point of the curve or
    /// are a weak (small-order) key, which could sign for anyone.
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<Self, Error> {
        Self::with_key(bytes).map(|(device, _)| device)
    }

    /// The device and its decompressed key, to check a signature without decompressing twice.
    pub(crate) fn with_key(bytes: &[u8; 32]) -> Result<(Self, VerifyingKey), Error> {
        let key = VerifyingKey::from_bytes(bytes).map_err(|_| Error::InvalidKey)?;
        if key.is_weak() {
            return Err(Error::InvalidKey);
        }
        Ok((Self(*bytes), key))
    }

    /// The 32 bytes of the public key.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

/// Whether `signature` is `key`'s over `message` (strict verification: no weak keys, no
/// malleable signatures), the one check every device makes the same way.
pub(crate) fn verifies(key: &VerifyingKey, message: &[u8], signature: &Signature) -> bool {
    key.verify_strict(message, signature).is_ok()
}

impl From<&SigningKey> for DeviceId {
    fn from(key: &SigningKey) -> Self {
        Self(key.verifying_key().to_bytes())
    }
}

impl fmt::Display for DeviceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut bytes = [0u8; 38];
        bytes[..6].copy_from_slice(&PEER_ID_PREFIX);
        bytes[6..].copy_from_slice(self.as_bytes());
        f.write_str(&bs58::encode(bytes).into_string())
    }
}

impl fmt::Debug for DeviceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DeviceId({self})")
    }
}

impl FromStr for DeviceId {
    type Err = Error;

    /// A libp2p peer id that inlines an Ed25519 key. Peer ids of other key types (RSA,
    /// secp256k1, hashed keys) are refused: they name no key this crate can check.
    fn from_str(text: &str) -> Result<Self, Error> {
        if text.len() > MAX_PEER_ID_TEXT {
            return Err(Error::InvalidDeviceId);
        }
        let bytes = bs58::decode(text)
            .into_vec()
            .map_err(|_| Error::InvalidDeviceId)?;
        let key = bytes
            .strip_prefix(&PEER_ID_PREFIX[..])
            .and_then(|key| <&[u8; 32]>::try_from(key).ok())
            .ok_or(Error::InvalidDeviceId)?;
        Self::from_bytes(key)
    }
}

#[cfg(test)]
mod tests {
    use super::DeviceId;
    use crate::Error;
    use ed25519_dalek::SigningKey;

    /// From libp2p-identity 0.3.1's own test (`keypair.rs`, the Ed25519 protobuf keypair): this
    /// secret seed and its public key. The peer id was computed by libp2p-identity's
    /// `PublicKey::to_peer_id` for that key (and by an independent base58 implementation).
    const SEED: &str = "7e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d";
    const PUBLIC: &str = "1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
    const PEER_ID: &str = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq";

    fn hex32(text: &str) -> [u8; 32] {
        let mut out = [0u8; 32];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).expect("hex");
        }
        out
    }

    #[test]
    fn displays_as_the_libp2p_peer_id_of_the_key() {
        let device = DeviceId::from(&SigningKey::from_bytes(&hex32(SEED)));
        assert_eq!(device.as_bytes(), &hex32(PUBLIC));
        assert_eq!(device.to_string(), PEER_ID);
        assert!(device.to_string().starts_with("12D3KooW"));
    }

    #[test]
    fn parses_back_what_it_displays() {
        let parsed: DeviceId = PEER_ID.parse().expect("a peer id");
        assert_eq!(parsed.as_bytes(), &hex32(PUBLIC));
        for seed in 0..20u8 {
            let device = DeviceId::from(&SigningKey::from_bytes(&[seed; 32]));
            let text = device.to_string();
            assert!(text.starts_with("12D3KooW"), "{text}");
            assert_eq!(text.parse::<DeviceId>(), Ok(device));
        }
    }

    #[test]
    fn refuses_what_is_not_an_ed25519_peer_id() {
        // A SHA-256 multihash peer id (an RSA key's), not an inlined Ed25519 key.
        let rsa = "QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N";
        // The right shape with the last character changed: a different, still valid, key
        // or no key at all — but never the original.
        let altered = format!("{}{}", &PEER_ID[..PEER_ID.len() - 1], "z");
        for text in [rsa, "", "12D3KooW", "not base58 0OIl", &"1".repeat(100)] {
            assert_eq!(
                text.parse::<DeviceId>(),
                Err(Error::InvalidDeviceId),
                "{text}"
            );
        }
        assert_ne!(
            altered.parse::<DeviceId>().ok().map(|d| d.to_string()),
            Some(PEER_ID.into())
        );
    }

    #[test]
    fn refuses_weak_keys() {
        // The identity point: every signature "verifies" under a small-order key.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        assert_eq!(DeviceId::from_bytes(&identity), Err(Error::InvalidKey));
    }
}
