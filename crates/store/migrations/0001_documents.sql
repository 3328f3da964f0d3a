-- Group documents: a compacted snapshot plus the changes appended since.
-- `codec` says how the bytes are stored: 0 = plain Automerge bytes. It leaves room for
-- encrypting stored bytes later without a new table layout.
CREATE TABLE documents (
    id          TEXT PRIMARY KEY NOT NULL,
    snapshot    BLOB NOT NULL,
    codec       INTEGER NOT NULL DEFAULT 0,
    -- Bumped at each compaction, so that two processes never compact over each other.
    generation  INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE changes (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    document    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    bytes       BLOB NOT NULL,
    codec       INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX changes_by_document ON changes (document, seq);

-- Small per-installation values (never personal data).
CREATE TABLE settings (
    key         TEXT PRIMARY KEY NOT NULL,
    value       BLOB NOT NULL
) STRICT;
