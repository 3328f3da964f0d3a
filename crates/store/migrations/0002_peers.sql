-- What this device remembers about syncing: per (group, peer) automerge sync state, so that
-- reconnecting to an up-to-date peer costs a few hundred bytes; when each pair last synced; and
-- the invitations this device issued.
CREATE TABLE sync_states (
    document    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    peer        TEXT NOT NULL,
    state       BLOB NOT NULL,
    synced_at   TEXT,
    PRIMARY KEY (document, peer)
) STRICT;

CREATE TABLE peers (
    peer        TEXT PRIMARY KEY NOT NULL,
    address     TEXT,
    seen_at     TEXT NOT NULL
) STRICT;

-- An invitation's secret never leaves this device except inside the code given to a person.
CREATE TABLE invitations (
    id          TEXT PRIMARY KEY NOT NULL,
    document    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    secret      BLOB NOT NULL,
    expires_at  INTEGER NOT NULL,   -- unix seconds
    used_by     TEXT,
    used_at     TEXT,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
