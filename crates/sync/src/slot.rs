//! The document a sync message is applied to: a group this device holds (kept by the caller, in
//! [`crate::Docs`]), or one it was invited to and is receiving (kept by the engine until checked).

use automerge::sync::{Message, State, SyncDoc};
use automerge::{AutoCommit, ChangeHash, TextEncoding};
use comptoir_model::{GroupDoc, GroupId, ModelError, Seal};

use crate::wire::Sealed;
use crate::{PeerId, SyncError};

/// A group this device was invited to, filled from `from` only, and checked once complete.
#[derive(Debug)]
pub(crate) struct Expected {
    pub(crate) doc: AutoCommit,
    pub(crate) from: PeerId,
    /// The seals sent beside it, kept with the group once it is adopted (its membership log,
    /// which says whose key checks them, comes with it; the inviter is trusted for the copy).
    pub(crate) seals: Vec<(ChangeHash, Seal)>,
}

impl Expected {
    pub(crate) fn new(from: PeerId) -> Self {
        // Same text encoding as the model's documents (UTF-8 byte offsets).
        let doc = AutoCommit::new_with_encoding(TextEncoding::Utf8CodeUnit);
        Self {
            doc,
            from,
            seals: Vec::new(),
        }
    }
}

/// One group's document, wherever it is kept.
pub(crate) enum Slot<'a> {
    Held(&'a mut GroupDoc),
    Expected(&'a mut Expected),
}

impl Slot<'_> {
    pub(crate) fn heads(&mut self) -> Vec<ChangeHash> {
        match self {
            Slot::Held(doc) => doc.heads(),
            Slot::Expected(expected) => expected.doc.get_heads(),
        }
    }

    /// The seals of the changes `message` carries, in their order; every seal held, with
    /// the hashes, when it carries the whole document (none from a group still arriving).
    pub(crate) fn seals_for(&self, message: &Message) -> Sealed {
        let Slot::Held(doc) = self else {
            return Sealed::None;
        };
        match crate::chunks::change_hashes(message) {
            None => Sealed::Keyed(doc.seals()),
            Some(hashes) if hashes.len() > usize::from(u16::MAX) => Sealed::Keyed(
                hashes
                    .into_iter()
                    .filter_map(|hash| doc.seal_of(&hash).map(|seal| (hash, seal)))
                    .collect(),
            ),
            Some(hashes) => {
                let seals: Vec<Option<Seal>> = hashes.iter().map(|h| doc.seal_of(h)).collect();
                if seals.iter().all(Option::is_none) {
                    Sealed::None
                } else {
                    Sealed::Aligned(seals)
                }
            }
        }
    }

    /// The next sync message for the peer whose state is `state`, if any is due.
    pub(crate) fn sync_message(&mut self, state: &mut State) -> Option<Message> {
        match self {
            Slot::Held(doc) => doc.sync_message(state),
            Slot::Expected(expected) => expected.doc.sync().generate_sync_message(state),
        }
    }

    /// Applies a received sync message for `group`. On any error, neither the document nor
    /// `state` change. Returns whether the document changed.
    pub(crate) fn receive(
        &mut self,
        group: &GroupId,
        state: &mut State,
        message: Message,
        seals: Vec<(ChangeHash, Seal)>,
    ) -> Result<bool, SyncError> {
        let group = group.clone();
        match self {
            Slot::Held(doc) => doc
                .receive_sealed(state, message, seals)
                .map_err(|e| match e {
                    ModelError::UnknownAuthors { count } => {
                        SyncError::AuthorsUnknown { group, count }
                    }
                    e => SyncError::BadChanges {
                        group,
                        reason: e.to_string(),
                    },
                }),
            Slot::Expected(expected) => {
                // Nothing is kept from it until it is complete and checked (`adopt`), so a
                // refused message needs no undoing beyond the sync state.
                let before = expected.doc.get_heads();
                let state_before = state.clone();
                let applied = expected.doc.sync().receive_sync_message(state, message);
                match applied {
                    Ok(()) => {
                        expected.seals.extend(seals);
                        Ok(expected.doc.get_heads() != before)
                    }
                    Err(e) => {
                        *state = state_before;
                        Err(SyncError::BadChanges {
                            group,
                            reason: e.to_string(),
                        })
                    }
                }
            }
        }
    }
}

/// Whether a held group may be synced with `peer`: our copy of its access list lists both the
/// peer and us.
pub(crate) fn shares(doc: &GroupDoc, me: &PeerId, peer: &PeerId) -> bool {
    listed(doc, me) && listed(doc, peer)
}

/// The devices `doc`'s access list lets `me` sync it with (none if it does not list `me`).
pub(crate) fn devices_beside(doc: &GroupDoc, me: &PeerId) -> Vec<PeerId> {
    if !listed(doc, me) {
        return Vec::new();
    }
    doc.devices()
        .map(|devices| devices.into_keys().map(PeerId::from).collect())
        .unwrap_or_default()
}

fn listed(doc: &GroupDoc, peer: &PeerId) -> bool {
    doc.is_authorized(peer.as_str()).unwrap_or(false)
}

/// Turns a complete expected group into a held one, if it is the group promised: a group
/// document with this id whose access list lists both `me` and `from`.
pub(crate) fn adopt(
    doc: AutoCommit,
    seals: Vec<(ChangeHash, Seal)>,
    group: &GroupId,
    me: &PeerId,
    from: &PeerId,
) -> Result<GroupDoc, String> {
    let mut doc = GroupDoc::from_automerge(doc).map_err(|e| e.to_string())?;
    doc.add_seals(seals);
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
