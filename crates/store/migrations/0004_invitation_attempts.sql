-- Wrong proofs given for an invitation: a code dies after a few (see `MAX_WRONG_PROOFS` in
-- crates/app), so that someone who overheard part of it cannot try their luck.
ALTER TABLE invitations ADD COLUMN wrong_proofs INTEGER NOT NULL DEFAULT 0;
