//! The layout version stored in each document, and the steps that bring older documents up to date.
//!
//! Layout (version 1): `{ schema, id, profile: {..}, members: {id: ..}, events: {id: ..},
//! notes: {id: ..}, access: {peer-id: ..}, revoked: {peer-id: ..} }`. Version 0 is the prototype layout, written before the version key
//! existed: a profile and an id, with collections created lazily, so any of them may be missing.

use automerge::{
    ActorId, AutoCommit, ObjType, ROOT, ReadDoc, ScalarValue, Value, transaction::Transactable,
};

use crate::{ModelError, Result};

/// The layout version this build writes.
pub const SCHEMA: u64 = 1;

/// The root maps every current document has.
pub(crate) const COLLECTIONS: [&str; 5] = ["members", "events", "notes", "access", "revoked"];

/// The version a document declares (0 when it has none).
pub fn version(doc: &AutoCommit) -> Result<u64> {
    match doc.get(ROOT, "schema")? {
        None => Ok(0),
        Some((Value::Scalar(s), _)) => match s.as_ref() {
            ScalarValue::Uint(v) => Ok(*v),
            ScalarValue::Int(v) if *v >= 0 => Ok(v.unsigned_abs()),
            _ => Err(ModelError::NotAGroupDocument(
                "the schema version is not a number".into(),
            )),
        },
        Some(_) => Err(ModelError::NotAGroupDocument(
            "the schema version is not a number".into(),
        )),
    }
}

/// Brings a document to [`SCHEMA`], one step at a time; returns whether anything was written.
/// A document from a newer build is refused rather than misread.
pub fn migrate(doc: &mut AutoCommit) -> Result<bool> {
    let found = version(doc)?;
    if found > SCHEMA {
        return Err(ModelError::NewerSchema {
            found,
            supported: SCHEMA,
        });
    }
    for step in found..SCHEMA {
        match step {
            0 => from_v0(doc)?,
            _ => unreachable_step(step)?,
        }
    }
    Ok(found < SCHEMA)
}

fn from_v0(doc: &mut AutoCommit) -> Result<()> {
    // Every device that migrates the same document writes the very same change (an actor
    // derived from the heads, time 0), so copies migrated apart merge into one set of
    // collections rather than competing ones, which would hide what was added on one side.
    let actor = doc.get_actor().clone();
    let heads: Vec<u8> = doc.get_heads().iter().flat_map(|h| h.0).collect();
    doc.set_actor(ActorId::from(heads));
    let written = add_collections(doc);
    if written.is_ok() {
        doc.commit();
    } else {
        doc.rollback();
    }
    doc.set_actor(actor);
    written
}

fn add_collections(doc: &mut AutoCommit) -> Result<()> {
    for key in COLLECTIONS {
        if doc.get(ROOT, key)?.is_none() {
            doc.put_object(ROOT, key, ObjType::Map)?;
        }
    }
    doc.put(ROOT, "schema", 1_u64)?;
    Ok(())
}

fn unreachable_step(step: u64) -> Result<()> {
    Err(ModelError::NotAGroupDocument(format!(
        "no migration from schema {step}"
    )))
}
