//! The one error type of the storage crate.

use std::path::PathBuf;

use thiserror::Error;

/// What can go wrong with the local database.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("cannot use the data directory {path}: {source}")]
    Directory {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the database {path} is damaged or is not a Comptoir database ({reason}); it was left untouched"
    )]
    Corrupt { path: PathBuf, reason: String },
    #[error(
        "the database {path} was written by a newer Comptoir (layout {found}, this one knows {supported}); it was left untouched"
    )]
    NewerDatabase {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("the database is damaged ({0}); it was left untouched")]
    Damaged(String),
    #[error("the database is busy (another Comptoir is writing); try again")]
    Busy,
    #[error("no group {0} is stored here")]
    UnknownDocument(String),
    #[error("group {0} is already stored here")]
    DocumentExists(String),
    #[error("stored bytes use codec {0}, which this version cannot read")]
    UnknownCodec(i64),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                Self::Busy
            }
            _ => Self::Sqlite(e),
        }
    }
}

/// Result alias of this crate.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
