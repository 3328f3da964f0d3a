//! Invitation codes: what one facilitator reads aloud or pastes so that another's device can
//! join a group, and the proof that the joining device knows the code's secret.
//!
//! A code carries a 80-bit secret, a fingerprint of the inviter's device, an expiry, the role it
//! grants, and up to two addresses where the inviter listens (none: found on the LAN). It is written in Crockford
//! base32, in groups of four, with a checksum so that a misread character is caught at once.
//! The secret is never sent: the joining device sends an HMAC of both devices' ids keyed by it.
//! Both devices also show a six-digit check number derived the same way, so that the admin who
//! approves a join can tell, by asking, that the device waiting is the colleague's.

use std::net::{IpAddr, SocketAddr};

use comptoir_authority::Role;
use hmac::{Hmac, Mac};
use libp2p_identity::PeerId;
use sha2::{Digest, Sha256};

use crate::{AppError, InvitationError, Result};

/// Codes of version 1 carry no role (they grant `facilitator`); version 2 adds it.
const VERSION: u8 = 2;
const SECRET_LEN: usize = 10;
const FINGERPRINT_LEN: usize = 8;
const CHECKSUM_LEN: usize = 3;
const MAX_ADDRESSES: usize = 2;
/// Expiries count minutes from 2024-01-01T00:00:00Z.
const EPOCH: i64 = 1_704_067_200;
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A decoded invitation code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationCode {
    pub secret: [u8; SECRET_LEN],
    /// The first bytes of the SHA-256 of the inviter's peer id.
    pub inviter: [u8; FINGERPRINT_LEN],
    /// Unix seconds.
    pub expires_at: i64,
    /// What the joining device becomes: `admin` or `facilitator`.
    pub role: Role,
    pub addresses: Vec<SocketAddr>,
}

/// Why a code is refused before anything is sent.
fn bad(reason: &str) -> AppError {
    AppError::Invitation(InvitationError::Malformed {
        reason: reason.to_string(),
    })
}

impl InvitationCode {
    /// The id under which the inviter stored this invitation (derived from the secret).
    pub fn id(&self) -> String {
        let digest = Sha256::new()
            .chain_update(b"comptoir/invitation-id")
            .chain_update(self.secret)
            .finalize();
        hex(&digest[..8])
    }

    /// Whether `peer` is the device that made the code.
    pub fn is_inviter(&self, peer: &PeerId) -> bool {
        fingerprint(peer) == self.inviter
    }

    /// The code as people read it: `XXXX-XXXX-…`.
    pub fn encode(&self) -> String {
        let mut bytes = vec![VERSION];
        bytes.extend_from_slice(&self.secret);
        bytes.extend_from_slice(&self.inviter);
        let minutes =
            u32::try_from(((self.expires_at - EPOCH).max(0) + 59) / 60).unwrap_or(u32::MAX);
        bytes.extend_from_slice(&minutes.to_be_bytes());
        bytes.push(u8::from(self.role == Role::Admin));
        let addresses = &self.addresses[..self.addresses.len().min(MAX_ADDRESSES)];
        bytes.push(addresses.len() as u8);
        for address in addresses {
            match address.ip() {
                IpAddr::V4(ip) => {
                    bytes.push(4);
                    bytes.extend_from_slice(&ip.octets());
                }
                IpAddr::V6(ip) => {
                    bytes.push(6);
                    bytes.extend_from_slice(&ip.octets());
                }
            }
            bytes.extend_from_slice(&address.port().to_be_bytes());
        }
        let checksum = Sha256::digest(&bytes);
        bytes.extend_from_slice(&checksum[..CHECKSUM_LEN]);
        let text = base32(&bytes);
        let groups: Vec<&str> = text
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).unwrap_or(""))
            .collect();
        groups.join("-")
    }

    /// Reads a code as typed: case, dashes and spaces do not matter; O reads as 0, I and L as 1.
    pub fn decode(text: &str) -> Result<Self> {
        let bytes = unbase32(text)?;
        let min = 1 + SECRET_LEN + FINGERPRINT_LEN + 4 + 1 + CHECKSUM_LEN;
        if bytes.len() < min {
            return Err(bad("it is too short"));
        }
        let (body, checksum) = bytes.split_at(bytes.len() - CHECKSUM_LEN);
        if Sha256::digest(body)[..CHECKSUM_LEN] != *checksum {
            return Err(bad("a character is wrong (the checksum does not match)"));
        }
        let version = body[0];
        if !(1..=VERSION).contains(&version) {
            return Err(bad("it was made by another version of Comptoir"));
        }
        let mut at = 1;
        let mut take = |n: usize| -> Result<&[u8]> {
            let part = body.get(at..at + n).ok_or_else(|| bad("it is truncated"))?;
            at += n;
            Ok(part)
        };
        let secret = take(SECRET_LEN)?.try_into().map_err(|_| bad("no secret"))?;
        let inviter = take(FINGERPRINT_LEN)?
            .try_into()
            .map_err(|_| bad("no inviter"))?;
        let minutes: [u8; 4] = take(4)?.try_into().map_err(|_| bad("no expiry"))?;
        let expires_at = EPOCH + i64::from(u32::from_be_bytes(minutes)) * 60;
        let role = match version {
            1 => Role::Facilitator,
            _ => match take(1)?[0] {
                0 => Role::Facilitator,
                1 => Role::Admin,
                _ => return Err(bad("its role is garbled")),
            },
        };
        let count = take(1)?[0] as usize;
        if count > MAX_ADDRESSES {
            return Err(bad("too many addresses"));
        }
        let mut addresses = Vec::with_capacity(count);
        for _ in 0..count {
            let ip = match take(1)?[0] {
                4 => IpAddr::from(<[u8; 4]>::try_from(take(4)?).map_err(|_| bad("address"))?),
                6 => IpAddr::from(<[u8; 16]>::try_from(take(16)?).map_err(|_| bad("address"))?),
                _ => return Err(bad("an address is garbled")),
            };
            let port = u16::from_be_bytes(take(2)?.try_into().map_err(|_| bad("address"))?);
            addresses.push(SocketAddr::new(ip, port));
        }
        if at != body.len() {
            return Err(bad("it has extra characters"));
        }
        Ok(Self {
            secret,
            inviter,
            expires_at,
            role,
            addresses,
        })
    }

    /// The proof that `invitee` knows the secret, bound to both devices so it cannot be replayed.
    pub fn proof(&self, inviter: &PeerId, invitee: &PeerId) -> Vec<u8> {
        proof(&self.secret, inviter, invitee)
    }

    /// The check number both devices show while a join waits for approval.
    pub fn check_number(&self, inviter: &PeerId, invitee: &PeerId) -> String {
        check_number(&self.secret, inviter, invitee)
    }
}

/// Six digits, written `482 913`, from the secret and both devices' ids: the same on both
/// screens only if both devices are the ones the admin and the colleague think they are.
pub fn check_number(secret: &[u8], inviter: &PeerId, invitee: &PeerId) -> String {
    let digest = mac_with(b"comptoir/invite/check/v1", secret, inviter, invitee)
        .map(|m| m.finalize().into_bytes())
        .unwrap_or_default();
    let n = u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]) % 1_000_000;
    format!("{:03} {:03}", n / 1000, n % 1000)
}

/// HMAC-SHA256 keyed by the secret over both peer ids (empty if the key were refused, which
/// HMAC never does: it accepts keys of any length).
pub fn proof(secret: &[u8], inviter: &PeerId, invitee: &PeerId) -> Vec<u8> {
    mac(secret, inviter, invitee)
        .map(|m| m.finalize().into_bytes().to_vec())
        .unwrap_or_default()
}

/// Checks a proof in constant time.
pub fn verify(secret: &[u8], inviter: &PeerId, invitee: &PeerId, proof: &[u8]) -> bool {
    mac(secret, inviter, invitee).is_some_and(|m| m.verify_slice(proof).is_ok())
}

fn mac(secret: &[u8], inviter: &PeerId, invitee: &PeerId) -> Option<Hmac<Sha256>> {
    mac_with(b"comptoir/invite/v1", secret, inviter, invitee)
}

fn mac_with(
    context: &[u8],
    secret: &[u8],
    inviter: &PeerId,
    invitee: &PeerId,
) -> Option<Hmac<Sha256>> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret).ok()?;
    mac.update(context);
    mac.update(&inviter.to_bytes());
    mac.update(&invitee.to_bytes());
    Some(mac)
}

/// The id of `peer`'s request to join with invitation `invitation` (what an admin types to
/// approve it): the same each time the device asks.
pub fn request_id(invitation: &str, peer: &PeerId) -> String {
    let digest = Sha256::new()
        .chain_update(b"comptoir/join-request")
        .chain_update(invitation.as_bytes())
        .chain_update(peer.to_bytes())
        .finalize();
    hex(&digest[..4])
}

/// A role as the store keeps it with an invitation.
pub fn role_to_store(role: Role) -> &'static str {
    match role {
        Role::Admin => "admin",
        Role::Facilitator | Role::Federation => "facilitator",
    }
}

/// The role an invitation stored with `text` grants (the store allows only these two).
pub fn role_from_store(text: &str) -> Role {
    if text == "admin" {
        Role::Admin
    } else {
        Role::Facilitator
    }
}

/// The fingerprint of a device as carried in codes.
pub fn fingerprint(peer: &PeerId) -> [u8; FINGERPRINT_LEN] {
    let digest = Sha256::digest(peer.to_bytes());
    let mut out = [0; FINGERPRINT_LEN];
    out.copy_from_slice(&digest[..FINGERPRINT_LEN]);
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn base32(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

fn unbase32(text: &str) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '\t' | '\n'))
    {
        let c = match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        };
        let value = ALPHABET
            .iter()
            .position(|&a| a as char == c)
            .ok_or_else(|| bad(&format!("{c:?} is not a code character")))?;
        buffer = (buffer << 5) | value as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(addresses: Vec<SocketAddr>) -> InvitationCode {
        InvitationCode {
            secret: [7; 10],
            inviter: [9; 8],
            expires_at: EPOCH + 3600 * 24,
            role: Role::Facilitator,
            addresses,
        }
    }

    #[test]
    fn codes_round_trip_and_read_leniently() -> Result<()> {
        let original = code(vec!["192.168.1.20:4001".parse().map_err(|_| bad("addr"))?]);
        let text = original.encode();
        assert!(text.len() < 70, "{text} is too long to read aloud");
        assert_eq!(InvitationCode::decode(&text)?, original);
        let sloppy = text.to_lowercase().replace('-', " ").replace('0', "o");
        assert_eq!(InvitationCode::decode(&sloppy)?, original);
        Ok(())
    }

    #[test]
    fn a_misread_character_is_caught() {
        let text = code(Vec::new()).encode();
        let mut chars: Vec<char> = text.chars().collect();
        chars[5] = if chars[5] == 'A' { 'B' } else { 'A' };
        let wrong: String = chars.into_iter().collect();
        let refusal = |text: &str| {
            InvitationCode::decode(text)
                .map(|_| ())
                .map_err(|e| (e.kind(), e.to_string()))
        };
        let invalid = |reason: &str| {
            Err((
                crate::ErrorKind::Invitation,
                format!("this invitation code is not valid: {reason}"),
            ))
        };
        assert_eq!(
            refusal(&wrong),
            invalid("a character is wrong (the checksum does not match)")
        );
        assert_eq!(refusal(""), invalid("it is too short"));
        assert_eq!(refusal("ÉÉÉÉ"), invalid("'É' is not a code character"));
    }

    #[test]
    fn the_role_travels_in_the_code() -> Result<()> {
        let admin = InvitationCode {
            role: Role::Admin,
            ..code(Vec::new())
        };
        assert_eq!(InvitationCode::decode(&admin.encode())?.role, Role::Admin);
        Ok(())
    }

    #[test]
    fn both_devices_compute_the_same_check_number_and_others_another() {
        let device = |seed: u8| {
            libp2p_identity::Keypair::ed25519_from_bytes([seed; 32])
                .map(|key| key.public().to_peer_id())
                .unwrap_or_else(|_| PeerId::random())
        };
        let (a, b, c) = (device(1), device(2), device(3));
        let code = code(Vec::new());
        let check = code.check_number(&a, &b);
        assert_eq!(check.len(), 7, "{check}");
        assert!(
            check
                .chars()
                .filter(|c| *c != ' ')
                .all(|c| c.is_ascii_digit())
        );
        assert_eq!(check_number(&code.secret, &a, &b), check);
        // Another device, or another code, gives another number.
        let others = [code.check_number(&a, &c), check_number(&[1; 10], &a, &b)];
        assert!(others.iter().all(|other| *other != check), "{others:?}");
    }

    #[test]
    fn proofs_bind_the_secret_and_both_devices() {
        let (a, b, c) = (PeerId::random(), PeerId::random(), PeerId::random());
        let code = code(Vec::new());
        let p = code.proof(&a, &b);
        assert!(verify(&code.secret, &a, &b, &p));
        assert!(!verify(&code.secret, &a, &c, &p));
        assert!(!verify(&[1; 10], &a, &b, &p));
    }
}
