-- Each group's signed membership log (crates/authority), stored whole beside its document: it
-- is small (tens to hundreds of operations) and checked again, signature by signature, when read.
CREATE TABLE authority (
    document    TEXT PRIMARY KEY NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    log         BLOB NOT NULL
) STRICT;
