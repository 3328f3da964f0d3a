//! Tests of every export on one invented group (see `fixture.rs`).
//!
//! Snapshots use expect-test: after a deliberate change, run `UPDATE_EXPECT=1 cargo test -p
//! comptoir-export` and review the diff.

mod agenda_ics;
mod fixture;
mod group_json;
mod members_csv;
mod note_markdown;
