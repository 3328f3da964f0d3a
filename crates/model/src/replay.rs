//! Dropping changes the gate refuses after the fact (a removal learned late, a log that
//! arrived after its group), without losing what this device wrote on top of them: the
//! document is forked at the last changes kept, and this device's own dropped changes are
//! written again there, as new changes, from their patches.

use std::collections::HashSet;

use automerge::{
    ActorId, AutoCommit, ChangeHash, ObjId, ObjType, Patch, PatchAction, Prop, ROOT, ReadDoc,
    Value, transaction::Transactable,
};

use crate::Result;
use crate::document::GroupDoc;
use crate::views::Views;

/// What [`GroupDoc::drop_changes`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dropped {
    /// Changes taken out of the document.
    pub changes: usize,
    /// Edits of this device's own that were written again.
    pub replayed: usize,
    /// Edits of its own that could not be, because they changed something only the dropped
    /// changes made (a member a removed device added, say).
    pub lost: usize,
}

impl GroupDoc {
    /// Takes `refused` changes out of the document (every change built on one of them must be
    /// among them, as [`GroupDoc::refused`] gives them), and writes again what the `own`
    /// actors wrote in them. The document is rebuilt: the caller stores it whole (its changes
    /// since the last save no longer line up with what was stored).
    pub fn drop_changes(
        &mut self,
        refused: &[ChangeHash],
        own: &HashSet<ActorId>,
    ) -> Result<Dropped> {
        if refused.is_empty() {
            return Ok(Dropped::default());
        }
        let refused: HashSet<ChangeHash> = refused.iter().copied().collect();
        let all: Vec<(ChangeHash, ActorId, Vec<ChangeHash>)> = self
            .doc
            .get_changes_meta(&[])
            .into_iter()
            .map(|m| (m.hash, m.actor.into_owned(), m.deps))
            .collect();
        let heads = self.heads_without(&refused);
        let actor = self.doc.get_actor().clone();
        let mut fork = self.doc.fork_at(&heads)?.with_actor(actor);
        let mut done = Dropped {
            changes: refused.len(),
            ..Dropped::default()
        };
        for (hash, author, deps) in all.iter().filter(|(h, _, _)| refused.contains(h)) {
            if !own.contains(author) {
                continue;
            }
            for patch in self.doc.diff(deps, &[*hash]) {
                if replay(&mut fork, patch).is_some() {
                    done.replayed += 1;
                } else {
                    done.lost += 1;
                }
            }
        }
        fork.commit();
        self.doc = fork;
        self.views = Views::default();
        self.saved = self.doc.get_heads();
        self.note_roots();
        Ok(done)
    }
}

/// Applies one patch to `doc` at the same path, if that path exists there.
fn replay(doc: &mut AutoCommit, patch: Patch) -> Option<()> {
    let obj = resolve(doc, &patch.path)?;
    match patch.action {
        PatchAction::PutMap { key, value, .. } => put(doc, &obj, key.into(), value.0),
        PatchAction::PutSeq { index, value, .. } => put(doc, &obj, index.into(), value.0),
        PatchAction::Insert { index, values } => {
            for (offset, (value, _, _)) in values.iter().enumerate() {
                match value {
                    Value::Object(kind) => {
                        doc.insert_object(&obj, index + offset, *kind).ok()?;
                    }
                    Value::Scalar(scalar) => {
                        doc.insert(&obj, index + offset, scalar.clone().into_owned())
                            .ok()?;
                    }
                }
            }
            Some(())
        }
        PatchAction::SpliceText { index, value, .. } => {
            let len = doc.length(&obj);
            doc.splice_text(&obj, index.min(len), 0, &value.make_string())
                .ok()
        }
        PatchAction::DeleteMap { key } => doc.delete(&obj, key.as_str()).ok(),
        PatchAction::DeleteSeq { index, length } => {
            let len = doc.length(&obj);
            let length = length.min(len.saturating_sub(index));
            doc.splice(
                &obj,
                index.min(len),
                length as isize,
                std::iter::empty::<automerge::ScalarValue>(),
            )
            .ok()
        }
        PatchAction::Increment { prop, value } => doc.increment(&obj, prop, value).ok(),
        PatchAction::Conflict { .. } | PatchAction::Mark { .. } => Some(()),
    }
}

fn put(doc: &mut AutoCommit, obj: &ObjId, prop: Prop, value: Value<'static>) -> Option<()> {
    match value {
        Value::Object(kind) => doc.put_object(obj, prop, kind).map(|_| ()).ok(),
        Value::Scalar(scalar) => doc.put(obj, prop, scalar.into_owned()).ok(),
    }
}

/// The object at the end of `path` in `doc`, walking from the root by keys and indexes.
fn resolve(doc: &AutoCommit, path: &[(ObjId, Prop)]) -> Option<ObjId> {
    let mut obj = ROOT;
    for (_, prop) in path {
        match doc.get(&obj, prop.clone()).ok()?? {
            (Value::Object(ObjType::Map | ObjType::Table | ObjType::List | ObjType::Text), id) => {
                obj = id;
            }
            _ => return None,
        }
    }
    Some(obj)
}
