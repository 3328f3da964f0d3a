//! What the store remembers about other devices: sync states and peers seen.

use rusqlite::params;

use crate::{Result, Store};

/// When a group last synced with a peer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastSync {
    pub document: String,
    pub peer: String,
    pub synced_at: Option<String>,
}

/// A peer this device has talked to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenPeer {
    pub peer: String,
    pub address: Option<String>,
    pub seen_at: String,
}

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/// How many peers [`Store::saw_peer`] remembers.
pub const MAX_PEERS: i64 = 1_000;

impl Store {
    /// Every saved sync state of a document, by peer.
    pub fn sync_states(&self, document: &str) -> Result<Vec<(String, Vec<u8>)>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT peer, state FROM sync_states WHERE document = ?1")?;
        let rows = stmt.query_map([document], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Saves a sync state; `synced` also records that the pair is up to date now.
    pub fn save_sync_state(
        &self,
        document: &str,
        peer: &str,
        state: &[u8],
        synced: bool,
    ) -> Result<()> {
        let sql = format!(
            "INSERT INTO sync_states (document, peer, state, synced_at) VALUES (?1, ?2, ?3, CASE WHEN ?4 THEN {NOW} END) \
             ON CONFLICT (document, peer) DO UPDATE SET state = ?3, synced_at = CASE WHEN ?4 THEN {NOW} ELSE synced_at END"
        );
        self.conn()
            .prepare_cached(&sql)?
            .execute(params![document, peer, state, synced])?;
        Ok(())
    }

    /// When each (group, peer) pair last synced.
    pub fn last_syncs(&self) -> Result<Vec<LastSync>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT document, peer, synced_at FROM sync_states ORDER BY document, peer",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok(LastSync {
                document: row.get(0)?,
                peer: row.get(1)?,
                synced_at: row.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records that a peer was seen (connected), at an address. Only the [`MAX_PEERS`] seen
    /// last are kept: strangers connecting with new keys cannot fill the disk.
    pub fn saw_peer(&self, peer: &str, address: Option<&str>) -> Result<()> {
        let sql = format!(
            "INSERT INTO peers (peer, address, seen_at) VALUES (?1, ?2, {NOW}) \
             ON CONFLICT (peer) DO UPDATE SET address = coalesce(?2, address), seen_at = {NOW}"
        );
        self.conn()
            .prepare_cached(&sql)?
            .execute(params![peer, address])?;
        self.conn()
            .prepare_cached(
                "DELETE FROM peers WHERE peer NOT IN \
                 (SELECT peer FROM peers ORDER BY seen_at DESC, peer LIMIT ?1)",
            )?
            .execute([MAX_PEERS])?;
        Ok(())
    }

    /// Peers seen, most recent first.
    pub fn seen_peers(&self) -> Result<Vec<SeenPeer>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT peer, address, seen_at FROM peers ORDER BY seen_at DESC")?;
        let rows = stmt.query_map([], |row| {
            Ok(SeenPeer {
                peer: row.get(0)?,
                address: row.get(1)?,
                seen_at: row.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
