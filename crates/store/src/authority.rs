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
