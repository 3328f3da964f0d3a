//! The database layout, upgraded step by step with the SQL files in `migrations/`.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use crate::{Result, StoreError};

/// Every migration, in order; the database's `user_version` counts those applied.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_documents.sql"),
    include_str!("../migrations/0002_peers.sql"),
    include_str!("../migrations/0003_authority.sql"),
    include_str!("../migrations/0004_invitation_attempts.sql"),
    include_str!("../migrations/0005_join_requests.sql"),
    include_str!("../migrations/0006_seals.sql"),
];

/// The layout version this build writes.
pub const LAYOUT: i64 = MIGRATIONS.len() as i64;

/// Applies the missing migrations in one transaction; refuses a newer database.
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if found > LAYOUT {
        return Err(StoreError::NewerDatabase {
            path: path.to_path_buf(),
            found,
            supported: LAYOUT,
        });
    }
    if found < 0 {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            reason: "negative layout version".into(),
        });
    }
    for sql in MIGRATIONS.iter().skip(usize::try_from(found).unwrap_or(0)) {
        tx.execute_batch(sql)?;
    }
    if found < LAYOUT {
        tx.pragma_update(None, "user_version", LAYOUT)?;
    }
    tx.commit()?;
    Ok(())
}
