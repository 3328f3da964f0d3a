//! Each group's seals, as bytes: a change's hash (32) and its seal (64). The store does not
//! read them; a seal already stored for a change is kept.

use rusqlite::params;

use crate::{Result, Store, StoreError};

/// One change's hash and its seal.
pub type SealRow = ([u8; 32], [u8; 64]);

impl Store {
    /// Stores seals of the group's changes (those already stored are left as they are).
    pub fn put_seals(&self, id: &str, seals: &[SealRow]) -> Result<()> {
        if seals.is_empty() {
            return Ok(());
        }
        let tx = self.write()?;
        if !crate::store::exists(&tx, id)? {
            return Err(StoreError::UnknownDocument(id.to_string()));
        }
        insert(&tx, id, seals)?;
        tx.commit()?;
        Ok(())
    }

    /// The group's seals stored after position `after` (0: all of them), and the position of
    /// the last one (`after` when there are none).
    pub fn seals_after(&self, id: &str, after: i64) -> Result<(Vec<SealRow>, i64)> {
        let mut statement = self.conn().prepare_cached(
            "SELECT seq, hash, seal FROM seals WHERE document = ?1 AND seq > ?2 ORDER BY seq",
        )?;
        let mut rows = statement.query(params![id, after])?;
        let mut seals = Vec::new();
        let mut last = after;
        while let Some(row) = rows.next()? {
            last = row.get(0)?;
            let hash: Vec<u8> = row.get(1)?;
            let seal: Vec<u8> = row.get(2)?;
            // Rows this build did not write are skipped, never trusted.
            if let (Ok(hash), Ok(seal)) = (hash.try_into(), seal.try_into()) {
                seals.push((hash, seal));
            }
        }
        Ok((seals, last))
    }
}

/// Stores seals within the caller's transaction.
pub(crate) fn insert(tx: &rusqlite::Transaction<'_>, id: &str, seals: &[SealRow]) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO seals (document, hash, seal) VALUES (?1, ?2, ?3) \
         ON CONFLICT (document, hash) DO NOTHING",
    )?;
    for (hash, seal) in seals {
        insert.execute(params![id, hash.as_slice(), seal.as_slice()])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::Store;

    #[test]
    fn seals_are_kept_once_and_read_back_in_order() -> crate::Result<()> {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let store = Store::open(dir.path())?;
        store.create("g", b"snapshot")?;
        store.put_seals("g", &[([1; 32], [2; 64]), ([3; 32], [4; 64])])?;
        store.put_seals("g", &[([1; 32], [9; 64])])?;
        let (all, last) = store.seals_after("g", 0)?;
        assert_eq!(all, vec![([1; 32], [2; 64]), ([3; 32], [4; 64])]);
        let (later, same) = store.seals_after("g", last)?;
        assert!(later.is_empty());
        assert_eq!(same, last);
        assert!(store.put_seals("unknown", &[([1; 32], [2; 64])]).is_err());
        Ok(())
    }

    #[test]
    fn a_change_and_its_seal_are_stored_together() -> crate::Result<()> {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let store = Store::open(dir.path())?;
        store.create("g", b"snapshot")?;
        let appended = store.append_sealed("g", b"change", &[([5; 32], [6; 64])], 0)?;
        assert!(appended.is_some());
        assert_eq!(store.appended_since("g", 0)?.changes.len(), 1);
        assert_eq!(store.seals_after("g", 0)?.0, vec![([5; 32], [6; 64])]);
        // Seals alone (for changes held already) are stored, and say nothing was appended.
        assert!(
            store
                .append_sealed("g", b"", &[([7; 32], [8; 64])], 0)?
                .is_none()
        );
        assert_eq!(store.seals_after("g", 0)?.0.len(), 2);
        assert_eq!(store.appended_since("g", 0)?.changes.len(), 1);
        Ok(())
    }
}
