//! The document a sync message is applied to: a group this device holds (kept by the caller, in
//! [`crate::Docs`]), or one it was invited to and is receiving (kept by the engine until checked).

use automerge::sync::{Message, State, SyncDoc};
use automerge::{AutoCommit, ChangeHash, ROOT, ReadDoc, TextEncoding, Value};
use comptoir_model::{GroupDoc, GroupId, schema};

use crate::PeerId;

/// A group this device was invited to, filled from `from` only, and checked once complete.
#[derive(Debug)]
pub(crate) struct Expected {
    pub(crate) doc: AutoCommit,
    pub(crate) from: PeerId,
}

impl Expected {
    pub(crate) fn new(from: PeerId) -> Self {
        // Same text encoding as the model's documents (UTF-8 byte offsets).
        let doc = AutoCommit::new_with_encoding(TextEncoding::Utf8CodeUnit);
        Self { doc, from }
    }
}

/// One group's document, wherever it is kept.
pub(crate) enum Slot<'a> {
    Held(&'a mut GroupDoc),
    Expected(&'a mut Expected),
}

impl Slot<'_> {
    pub(crate) fn automerge(&mut self) -> &mut AutoCommit {
        match self {
            Slot::Held(doc) => doc.automerge_mut(),
            Slot::Expected(expected) => &mut expected.doc,
        }
    }

    pub(crate) fn heads(&mut self) -> Vec<ChangeHash> {
        self.automerge().get_heads()
    }

    /// Applies a received sync message. On any error, neither the document nor `state` change.
    /// Returns whether the document changed.
    pub(crate) fn receive(
        &mut self,
        group: &GroupId,
        state: &mut State,
        message: Message,
    ) -> Result<bool, String> {
        let before = self.heads();
        let state_before = state.clone();
        let brings_changes = !message.changes.is_empty();
        let held = matches!(self, Slot::Held(_));
        let doc = self.automerge();
        let received = doc.sync().receive_sync_message(state, message);
        let result = match received {
            Err(e) => Err(e.to_string()),
            Ok(()) if held && brings_changes => still_this_group(doc, group),
            Ok(()) => Ok(()),
        };
        if let Err(reason) = result {
            *state = state_before;
            if brings_changes {
                // Rare: rebuild the document as it was rather than copy it before every
                // message (a copy costs as much as the whole history).
                let actor = doc.get_actor().clone();
                let mut restored = doc.fork_at(&before).map_err(|e| {
                    format!("{reason}; and the document could not be restored: {e}")
                })?;
                restored.set_actor(actor);
                *doc = restored;
            }
            return Err(reason);
        }
        Ok(self.heads() != before)
    }
}

/// Whether a held group may be synced with `peer`: our copy of its access list lists both the
/// peer and us.
pub(crate) fn shares(doc: &GroupDoc, me: &str, peer: &str) -> bool {
    listed(doc, me) && listed(doc, peer)
}

fn listed(doc: &GroupDoc, peer: &str) -> bool {
    doc.is_authorized(peer).unwrap_or(false)
}

/// Checks that changes applied to a held group kept its id and a layout this build reads.
fn still_this_group(doc: &AutoCommit, group: &GroupId) -> Result<(), String> {
    let id = match doc.get(ROOT, "id") {
        Ok(Some((Value::Scalar(s), _))) => s.as_str().map(str::to_owned),
        _ => None,
    };
    if id.as_deref() != Some(group.as_str()) {
        return Err("they change the group's id".into());
    }
    let version = schema::version(doc).map_err(|e| e.to_string())?;
    if version > schema::SCHEMA {
        return Err(format!(
            "they bring the layout to schema {version}, newer than this build's {}",
            schema::SCHEMA
        ));
    }
    Ok(())
}

/// Turns a complete expected group into a held one, if it is the group promised: a group
/// document with this id whose access list lists both `me` and `from`.
pub(crate) fn adopt(
    doc: AutoCommit,
    group: &GroupId,
    me: &str,
    from: &str,
) -> Result<GroupDoc, String> {
    let doc = GroupDoc::from_automerge(doc).map_err(|e| e.to_string())?;
    if doc.id() != group {
        return Err(format!("it is group {}", doc.id()));
    }
    if !listed(&doc, me) {
        return Err("its access list does not list this device".into());
    }
    if !listed(&doc, from) {
        return Err("its access list does not list the device that sent it".into());
    }
    Ok(doc)
}
