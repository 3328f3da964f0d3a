-- Confirmed joins. An invitation says the role it grants and whether a join needs an admin's
-- approval; each device that gave a right proof and waits for that approval is a request,
-- shown to the inviting device's admin with the check number both screens display.
ALTER TABLE invitations ADD COLUMN role TEXT NOT NULL DEFAULT 'facilitator'
    CHECK (role IN ('admin', 'facilitator'));
ALTER TABLE invitations ADD COLUMN preapproved INTEGER NOT NULL DEFAULT 1;

CREATE TABLE join_requests (
    id TEXT PRIMARY KEY,
    invitation TEXT NOT NULL REFERENCES invitations(id) ON DELETE CASCADE,
    peer TEXT NOT NULL,
    label TEXT,
    check_number TEXT NOT NULL,
    requested_at INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'denied')),
    UNIQUE (invitation, peer)
) STRICT;
