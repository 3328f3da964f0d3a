-- Each change's seal: the Ed25519 signature, by the device that wrote it, of the change's hash
-- (see crates/model's `seal`). Kept for as long as the group, through compactions: a device
-- invited later receives them with the changes. `seq` orders them for `seals_after`.
CREATE TABLE seals (
    seq         INTEGER PRIMARY KEY,
    document    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    hash        BLOB NOT NULL,
    seal        BLOB NOT NULL,
    UNIQUE (document, hash)
) STRICT;
