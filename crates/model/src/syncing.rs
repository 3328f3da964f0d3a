//! Sync messages in and out of a group's document; what comes in goes through the gate.

use std::collections::HashMap;

use automerge::ChangeHash;
use automerge::sync::{self, SyncDoc};

use crate::document::GroupDoc;
use crate::seal::Seal;
use crate::{ModelError, Result};

impl GroupDoc {
    /// The next sync message for the peer whose sync state is `state`, if any is due.
    pub fn sync_message(&mut self, state: &mut sync::State) -> Option<sync::Message> {
        self.doc.sync().generate_sync_message(state)
    }

    /// Applies a sync message from a peer, through the gate ([`crate::gate`]): changes that
    /// would turn this into another group, bring it to a layout this build cannot read, break
    /// its shape, were written by a device that may not write there, or keep too much waiting
    /// for dependencies that never come ([`crate::pending`]) are refused, and then neither the
    /// document nor `state` change. Returns whether the document changed.
    pub fn receive_sync_message(
        &mut self,
        state: &mut sync::State,
        message: sync::Message,
    ) -> Result<bool> {
        self.receive_sealed(state, message, Vec::new())
    }

    /// Like [`GroupDoc::receive_sync_message`], with the seals sent beside the message: the
    /// changes of sealed writers need theirs ([`crate::seal`]); the valid ones are kept (see
    /// [`GroupDoc::take_unsaved_seals`]).
    pub fn receive_sealed(
        &mut self,
        state: &mut sync::State,
        message: sync::Message,
        seals: Vec<(ChangeHash, Seal)>,
    ) -> Result<bool> {
        let offered: HashMap<ChangeHash, Seal> = seals.into_iter().collect();
        let before = self.doc.get_heads();
        let state_before = state.clone();
        let brings_changes = !message.changes.is_empty();
        let bytes: u64 = message.changes.iter().map(|c| c.len() as u64).sum();
        let applied = self.doc.sync().receive_sync_message(state, message);
        let received = match applied {
            Err(e) => Err(ModelError::from(e)),
            Ok(()) if brings_changes => self.admit_since(&before, &offered).and_then(|()| {
                let still_waiting = !self.doc.get_missing_deps(&[]).is_empty();
                self.waiting.after_message(bytes, still_waiting)
            }),
            Ok(()) => Ok(()),
        };
        if let Err(refused) = received {
            *state = state_before;
            if brings_changes {
                // Rare: rebuild the document as it was rather than copy it before every
                // message (a copy costs as much as the whole history).
                self.rebuild_at(&before)?;
            }
            return Err(refused);
        }
        let changed = self.doc.get_heads() != before;
        if changed {
            self.note_roots();
        }
        if brings_changes {
            self.keep_checked_seals(&offered);
        }
        Ok(changed)
    }
}
