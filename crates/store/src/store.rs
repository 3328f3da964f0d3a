//! The SQLite file of one data directory and the operations on stored documents.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{
    Connection, ErrorCode, OpenFlags, OptionalExtension, Transaction, TransactionBehavior, params,
};

use crate::{Result, StoreError, schema};

/// The database's file name inside the data directory.
pub const DB_FILE: &str = "comptoir.sqlite3";

/// Bytes are stored as they are; other codecs (encryption) may come later.
const CODEC_PLAIN: i64 = 0;

/// How long a writer waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// A document as stored: its snapshot and the changes appended since, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument {
    pub snapshot: Vec<u8>,
    pub changes: Vec<Vec<u8>>,
    /// The sequence number of the last change read (0 when none): compact up to it.
    pub last_seq: i64,
    /// The compaction generation these bytes belong to.
    pub generation: i64,
}

/// What an append did (see [`Store::append_after`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Append {
    /// The appended change's place in the store.
    pub seq: i64,
    /// Whether another writer appended changes to this document after the caller's last read.
    pub others: bool,
    /// How many changes the document keeps outside its snapshot now.
    pub pending: u64,
}

/// What was appended to a document after a given change: enough to bring a copy read earlier
/// up to date without reading the whole document again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appended {
    /// The compaction generation now. If it moved since the copy was read, another process
    /// compacted: the changes the copy had not read may be in the snapshot only, so read the
    /// whole document instead.
    pub generation: i64,
    /// `(seq, bytes)` of every change after the one given, in order.
    pub changes: Vec<(i64, Vec<u8>)>,
}

/// How much of the database a document takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    /// Changes kept outside the compacted snapshot.
    pub changes: u64,
    /// Bytes of the snapshot and of those changes.
    pub bytes: u64,
}

/// One data directory's database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database in `dir`. A damaged file is reported, never
    /// replaced.
    pub fn open(dir: &Path) -> Result<Self> {
        create_private_dir(dir)?;
        let path = dir.join(DB_FILE);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let corrupt = |e: rusqlite::Error| classify(e, &path);
        let mut conn = Connection::open_with_flags(&path, flags).map_err(corrupt)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(corrupt)?;
        enable_wal(&conn).map_err(corrupt)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(corrupt)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(corrupt)?;
        schema::migrate(&mut conn, &path).map_err(|e| match e {
            StoreError::Sqlite(e) => classify(e, &path),
            other => other,
        })?;
        restrict_permissions(&path)?;
        Ok(Self { conn, path })
    }

    /// A write transaction that takes the lock at once, so that it never fails half-way
    /// because another process wrote since it read.
    pub(crate) fn write(&self) -> Result<Transaction<'_>> {
        Ok(Transaction::new_unchecked(
            &self.conn,
            TransactionBehavior::Immediate,
        )?)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The ids of every stored document.
    pub fn documents(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM documents ORDER BY created_at, id")?;
        let ids = stmt
            .query_map([], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(ids)
    }

    /// Whether a document is stored.
    pub fn contains(&self, id: &str) -> Result<bool> {
        let found = self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?
            .query_row([id], |_| Ok(()))
            .optional()?;
        Ok(found.is_some())
    }

    /// Stores a new document from its first snapshot.
    pub fn create(&self, id: &str, snapshot: &[u8]) -> Result<()> {
        let inserted = self.conn.execute(
            "INSERT INTO documents (id, snapshot, codec) VALUES (?1, ?2, ?3) ON CONFLICT (id) DO NOTHING",
            params![id, snapshot, CODEC_PLAIN],
        )?;
        if inserted == 0 {
            return Err(StoreError::DocumentExists(id.to_string()));
        }
        Ok(())
    }

    /// Reads a document: one consistent view of its snapshot and changes.
    pub fn load(&self, id: &str) -> Result<StoredDocument> {
        let tx = self.conn.unchecked_transaction()?;
        let (snapshot, codec, generation): (Vec<u8>, i64, i64) = tx
            .prepare_cached("SELECT snapshot, codec, generation FROM documents WHERE id = ?1")?
            .query_row([id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .optional()?
            .ok_or_else(|| StoreError::UnknownDocument(id.to_string()))?;
        check_codec(codec)?;
        let mut changes = Vec::new();
        let mut last_seq = 0;
        {
            let mut stmt = tx.prepare_cached(
                "SELECT seq, bytes, codec FROM changes WHERE document = ?1 ORDER BY seq",
            )?;
            let mut rows = stmt.query([id])?;
            while let Some(row) = rows.next()? {
                check_codec(row.get(2)?)?;
                last_seq = row.get(0)?;
                changes.push(row.get(1)?);
            }
        }
        tx.commit()?;
        Ok(StoredDocument {
            snapshot,
            changes,
            last_seq,
            generation,
        })
    }

    /// Appends the bytes of new changes; durable when this returns.
    pub fn append(&self, id: &str, bytes: &[u8]) -> Result<()> {
        self.append_after(id, bytes, 0).map(drop)
    }

    /// Appends changes as [`Store::append`] does, for a caller that has read this document's
    /// changes up to `after_seq`: says whether another writer appended some since, so that the
    /// caller knows whether it has read everything but its own change (returns `None` and
    /// writes nothing when `bytes` is empty).
    pub fn append_after(&self, id: &str, bytes: &[u8], after_seq: i64) -> Result<Option<Append>> {
        self.append_sealed(id, bytes, &[], after_seq)
    }

    /// Like [`Store::append_after`], storing in the same transaction the seals of these changes
    /// (and any others not stored yet): a change is never stored without the seal it came
    /// with. Seals alone are stored too (and `None` returned).
    pub fn append_sealed(
        &self,
        id: &str,
        bytes: &[u8],
        seals: &[crate::SealRow],
        after_seq: i64,
    ) -> Result<Option<Append>> {
        if bytes.is_empty() && seals.is_empty() {
            return Ok(None);
        }
        let tx = self.write()?;
        if !exists(&tx, id)? {
            return Err(StoreError::UnknownDocument(id.to_string()));
        }
        crate::seals::insert(&tx, id, seals)?;
        if bytes.is_empty() {
            tx.commit()?;
            return Ok(None);
        }
        tx.prepare_cached("INSERT INTO changes (document, bytes, codec) VALUES (?1, ?2, ?3)")?
            .execute(params![id, bytes, CODEC_PLAIN])?;
        let seq = tx.last_insert_rowid();
        tx.prepare_cached(
            "UPDATE documents SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1",
        )?
        .execute([id])?;
        let (others, pending): (i64, i64) = tx
            .prepare_cached(
                "SELECT count(*) FILTER (WHERE seq > ?2 AND seq < ?3), count(*) \
                 FROM changes WHERE document = ?1",
            )?
            .query_row(params![id, after_seq, seq], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?;
        tx.commit()?;
        Ok(Some(Append {
            seq,
            others: others > 0,
            pending: pending.unsigned_abs(),
        }))
    }

    /// The changes appended to a document after change `after_seq` (0: all of them), and its
    /// generation, read together.
    pub fn appended_since(&self, id: &str, after_seq: i64) -> Result<Appended> {
        let tx = self.conn.unchecked_transaction()?;
        let generation: i64 = tx
            .prepare_cached("SELECT generation FROM documents WHERE id = ?1")?
            .query_row([id], |row| row.get(0))
            .optional()?
            .ok_or_else(|| StoreError::UnknownDocument(id.to_string()))?;
        let mut changes = Vec::new();
        {
            let mut stmt = tx.prepare_cached(
                "SELECT seq, bytes, codec FROM changes WHERE document = ?1 AND seq > ?2 ORDER BY seq",
            )?;
            let mut rows = stmt.query(params![id, after_seq])?;
            while let Some(row) = rows.next()? {
                check_codec(row.get(2)?)?;
                changes.push((row.get(0)?, row.get(1)?));
            }
        }
        tx.commit()?;
        Ok(Appended {
            generation,
            changes,
        })
    }

    /// How many changes a document keeps outside its snapshot, and the bytes it takes.
    pub fn usage(&self, id: &str) -> Result<Usage> {
        let (changes, bytes): (i64, i64) = self
            .conn
            .prepare_cached(
                "SELECT (SELECT count(*) FROM changes WHERE document = ?1), \
                 length(snapshot) + (SELECT coalesce(sum(length(bytes)), 0) FROM changes WHERE document = ?1) \
                 FROM documents WHERE id = ?1",
            )?
            .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?
            .ok_or_else(|| StoreError::UnknownDocument(id.to_string()))?;
        Ok(Usage {
            changes: changes.unsigned_abs(),
            bytes: bytes.unsigned_abs(),
        })
    }

    /// How many changes were ever appended to this database, whatever the document: grows by
    /// one with each append and never goes back, compactions included. For watching a data
    /// directory from outside (the benchmarks do).
    pub fn appended_ever(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'changes'), 0)",
            )?
            .query_row([], |row| row.get(0))?)
    }

    /// How many changes are waiting to be compacted.
    pub fn pending_changes(&self, id: &str) -> Result<u64> {
        let n: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM changes WHERE document = ?1")?
            .query_row([id], |row| row.get(0))?;
        Ok(n.unsigned_abs())
    }

    /// Replaces the snapshot with one that includes every change up to `up_to_seq` of
    /// `generation`, and drops those changes. Returns `false` (and changes nothing) when another
    /// process compacted first.
    pub fn compact(
        &self,
        id: &str,
        snapshot: &[u8],
        generation: i64,
        up_to_seq: i64,
    ) -> Result<bool> {
        let tx = self.write()?;
        let current: Option<i64> = tx
            .prepare_cached("SELECT generation FROM documents WHERE id = ?1")?
            .query_row([id], |row| row.get(0))
            .optional()?;
        match current {
            None => return Err(StoreError::UnknownDocument(id.to_string())),
            Some(g) if g != generation => return Ok(false),
            Some(_) => {}
        }
        tx.prepare_cached(
            "UPDATE documents SET snapshot = ?2, codec = ?3, generation = generation + 1, \
             updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1 AND generation = ?4",
        )?
        .execute(params![id, snapshot, CODEC_PLAIN, generation])?;
        tx.prepare_cached("DELETE FROM changes WHERE document = ?1 AND seq <= ?2")?
            .execute(params![id, up_to_seq])?;
        tx.commit()?;
        Ok(true)
    }

    /// A per-installation setting.
    pub fn setting(&self, key: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key], |row| row.get(0))
            .optional()?)
    }

    /// Sets a per-installation setting.
    pub fn set_setting(&self, key: &str, value: &[u8]) -> Result<()> {
        self.conn
            .prepare_cached("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2")?
            .execute(params![key, value])?;
        Ok(())
    }

    /// A number that changes whenever another connection commits to the database: poll it to
    /// notice writes by other processes.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |row| row.get(0))?)
    }
}

/// Switches to write-ahead logging. SQLite does not call the busy handler for this switch, so
/// processes opening a new data directory at the same moment retry it themselves.
fn enable_wal(conn: &Connection) -> rusqlite::Result<()> {
    let started = std::time::Instant::now();
    let mut pause = Duration::from_millis(2);
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(e)
                if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(100));
            }
            other => return other,
        }
    }
}

pub(crate) fn exists(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

fn check_codec(codec: i64) -> Result<()> {
    if codec == CODEC_PLAIN {
        Ok(())
    } else {
        Err(StoreError::UnknownCodec(codec))
    }
}

/// Turns "this is not a database" and "damaged" errors into [`StoreError::Corrupt`].
fn classify(e: rusqlite::Error, path: &Path) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
            path: path.to_path_buf(),
            reason: e.to_string(),
        },
        _ => StoreError::from(e),
    }
}

fn create_private_dir(dir: &Path) -> Result<()> {
    let err = |source| StoreError::Directory {
        path: dir.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(err)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir).map_err(err)?.permissions().mode();
        if mode & 0o077 != 0 && dir.read_dir().map_err(err)?.next().is_none() {
            // A directory we just made: keep it to its owner. Existing ones are left as set.
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(err)?;
        }
    }
    Ok(())
}

fn restrict_permissions(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let err = |source| StoreError::Directory {
            path: path.to_path_buf(),
            source,
        };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(err)?;
    }
    Ok(())
}
