//! Each group's membership log, kept as the bytes `crates/authority` gives (the store does not
//! read them).

use rusqlite::{OptionalExtension, params};

use crate::{Result, Store, StoreError};

impl Store {
    /// The group's membership log, if it has one yet.
    pub fn authority(&self, id: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT log FROM authority WHERE document = ?1")?
            .query_row([id], |row| row.get(0))
            .optional()?)
    }

    /// Reads the group's membership log and stores what `change` makes of it, holding the
    /// write lock from the read to the write: two processes changing one log at once each see
    /// the other's operations, and neither loses its own.
    pub fn update_authority<T, E: From<StoreError>>(
        &self,
        id: &str,
        change: impl FnOnce(Option<Vec<u8>>) -> std::result::Result<(Vec<u8>, T), E>,
    ) -> std::result::Result<T, E> {
        let tx = self.write()?;
        if !crate::store::exists(&tx, id)? {
            return Err(StoreError::UnknownDocument(id.to_string()).into());
        }
        let stored: Option<Vec<u8>> = tx
            .prepare_cached("SELECT log FROM authority WHERE document = ?1")
            .map_err(StoreError::from)?
            .query_row([id], |row| row.get(0))
            .optional()
            .map_err(StoreError::from)?;
        let (log, value) = change(stored)?;
        tx.prepare_cached(
            "INSERT INTO authority (document, log) VALUES (?1, ?2) \
             ON CONFLICT (document) DO UPDATE SET log = excluded.log",
        )
        .map_err(StoreError::from)?
        .execute(params![id, log])
        .map_err(StoreError::from)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }

    /// Replaces the group's membership log.
    pub fn set_authority(&self, id: &str, log: &[u8]) -> Result<()> {
        let tx = self.write()?;
        if !crate::store::exists(&tx, id)? {
            return Err(StoreError::UnknownDocument(id.to_string()));
        }
        tx.prepare_cached(
            "INSERT INTO authority (document, log) VALUES (?1, ?2) \
             ON CONFLICT (document) DO UPDATE SET log = excluded.log",
        )?
        .execute(params![id, log])?;
        tx.commit()?;
        Ok(())
    }
}
