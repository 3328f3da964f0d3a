//! The collections a page shows (members, events, notes), kept hydrated between reads.
//!
//! Hydrating the ten-year group's events takes tens of milliseconds, and a window reads them
//! each time a page opens. So a collection is hydrated once and kept while the document's
//! heads stay the same; any change drops the views, and the next read hydrates afresh.
//! (Automerge's diff index could update only the items that changed, but keeping it active
//! slows every change the document receives, the sync path most of all.)

use std::sync::Arc;

use automerge::{AutoCommit, ChangeHash, ROOT};
use autosurgeon::{Hydrate, hydrate_prop};

use crate::Result;
use crate::event::Event;
use crate::member::Member;
use crate::note::Note;

/// One collection, as hydrated.
pub type View<T> = Arc<std::collections::BTreeMap<String, T>>;

/// The views of one document, as of `at`.
#[derive(Debug, Default)]
pub(crate) struct Views {
    /// The heads the views were hydrated at.
    at: Vec<ChangeHash>,
    members: Option<View<Member>>,
    events: Option<View<Event>>,
    notes: Option<View<Note>>,
}

impl Views {
    /// Drops the views if the document changed since they were hydrated.
    pub(crate) fn catch_up(&mut self, doc: &mut AutoCommit) {
        let heads = doc.get_heads();
        if heads != self.at {
            *self = Self {
                at: heads,
                ..Self::default()
            };
        }
    }

    pub(crate) fn members(&mut self, doc: &AutoCommit) -> Result<View<Member>> {
        held(doc, &mut self.members, "members")
    }

    pub(crate) fn events(&mut self, doc: &AutoCommit) -> Result<View<Event>> {
        held(doc, &mut self.events, "events")
    }

    pub(crate) fn notes(&mut self, doc: &AutoCommit) -> Result<View<Note>> {
        held(doc, &mut self.notes, "notes")
    }
}

/// The view, hydrated now if it is not held yet.
fn held<T: Hydrate>(
    doc: &AutoCommit,
    view: &mut Option<View<T>>,
    collection: &str,
) -> Result<View<T>> {
    if let Some(view) = view {
        return Ok(view.clone());
    }
    let hydrated: View<T> = Arc::new(hydrate_prop(doc, ROOT, collection)?);
    *view = Some(hydrated.clone());
    Ok(hydrated)
}
