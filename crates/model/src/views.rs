//! The collections a page shows (members, events, notes), kept hydrated between reads and
//! brought up to date from what changed since.
//!
//! Hydrating the ten-year group's events takes tens of milliseconds; a window reads them each
//! time a page opens. So the first read hydrates the collection, and later reads ask
//! automerge's diff index (its patch log, active from then on) which items changed since,
//! and hydrate only those. A document rebuilt or reloaded loses its index, and the views
//! start again from a full read.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use automerge::{AutoCommit, ChangeHash, ObjId, Patch, PatchAction, Prop, ROOT, ReadDoc};
use autosurgeon::{Hydrate, hydrate_prop};

use crate::event::Event;
use crate::member::Member;
use crate::note::Note;
use crate::{ModelError, Result};

/// One collection, as hydrated.
pub type View<T> = Arc<BTreeMap<String, T>>;

/// The views of one document, as of `at`.
#[derive(Debug, Default)]
pub(crate) struct Views {
    /// The heads the views were brought up to date at (also automerge's diff cursor).
    at: Vec<ChangeHash>,
    members: Option<View<Member>>,
    events: Option<View<Event>>,
    notes: Option<View<Note>>,
}

/// Which items of a collection changed.
#[derive(Debug, Default)]
enum Touched {
    #[default]
    Nothing,
    Items(BTreeSet<String>),
    /// The collection itself was replaced, or changed in a way that names no item.
    Everything,
}

impl Touched {
    fn item(&mut self, key: String) {
        match self {
            Touched::Nothing => *self = Touched::Items(BTreeSet::from([key])),
            Touched::Items(keys) => {
                keys.insert(key);
            }
            Touched::Everything => {}
        }
    }
}

/// What a set of patches touched, per collection.
#[derive(Debug, Default)]
struct Changes {
    members: Touched,
    events: Touched,
    notes: Touched,
}

impl Changes {
    fn of(patches: &[Patch]) -> Self {
        let mut changes = Self::default();
        for patch in patches {
            changes.add(patch);
        }
        changes
    }

    fn collection(&mut self, key: &str) -> Option<&mut Touched> {
        match key {
            "members" => Some(&mut self.members),
            "events" => Some(&mut self.events),
            "notes" => Some(&mut self.notes),
            _ => None,
        }
    }

    fn add(&mut self, patch: &Patch) {
        match patch.path.as_slice() {
            // A key of the root: a collection put anew or deleted is read again whole.
            [] => {
                if let PatchAction::PutMap { key, .. } | PatchAction::DeleteMap { key } =
                    &patch.action
                    && let Some(touched) = self.collection(key)
                {
                    *touched = Touched::Everything;
                }
            }
            // The collection's own map: the action names the item.
            [(_, Prop::Map(collection))] => {
                let Some(touched) = self.collection(collection) else {
                    return;
                };
                match &patch.action {
                    PatchAction::PutMap { key, .. } | PatchAction::DeleteMap { key } => {
                        touched.item(key.clone())
                    }
                    PatchAction::Conflict {
                        prop: Prop::Map(key),
                    }
                    | PatchAction::Increment {
                        prop: Prop::Map(key),
                        ..
                    } => touched.item(key.clone()),
                    _ => *touched = Touched::Everything,
                }
            }
            // Inside an item, however deep.
            [(_, Prop::Map(collection)), (_, Prop::Map(item)), ..] => {
                if let Some(touched) = self.collection(collection) {
                    touched.item(item.clone());
                }
            }
            [(_, Prop::Map(collection)), ..] => {
                if let Some(touched) = self.collection(collection) {
                    *touched = Touched::Everything;
                }
            }
            _ => {}
        }
    }
}

impl Views {
    /// Brings the views to the document's current heads.
    pub(crate) fn catch_up(&mut self, doc: &mut AutoCommit) -> Result<()> {
        let heads = doc.get_heads();
        if heads == self.at {
            return Ok(());
        }
        let nothing_held = self.members.is_none() && self.events.is_none() && self.notes.is_none();
        if nothing_held || self.at.is_empty() || doc.diff_cursor() != self.at {
            // Nothing to update, or the document lost its index (rebuilt, reloaded).
            *self = Self::default();
        } else {
            let changes = Changes::of(&doc.diff_incremental());
            update(doc, &mut self.members, "members", changes.members)?;
            update(doc, &mut self.events, "events", changes.events)?;
            update(doc, &mut self.notes, "notes", changes.notes)?;
        }
        doc.update_diff_cursor();
        self.at = heads;
        Ok(())
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

/// Applies what changed to a held view: items hydrated again or dropped.
fn update<T: Hydrate + Clone>(
    doc: &AutoCommit,
    view: &mut Option<View<T>>,
    collection: &str,
    touched: Touched,
) -> Result<()> {
    let Some(held) = view else {
        return Ok(());
    };
    let keys = match touched {
        Touched::Nothing => return Ok(()),
        Touched::Everything => {
            *view = None;
            return Ok(());
        }
        Touched::Items(keys) => keys,
    };
    let obj = collection_obj(doc, collection)?;
    let items = Arc::make_mut(held);
    for key in keys {
        match doc.get(&obj, key.as_str())? {
            Some(_) => {
                items.insert(key.clone(), hydrate_prop(doc, &obj, key.as_str())?);
            }
            None => {
                items.remove(&key);
            }
        }
    }
    Ok(())
}

fn collection_obj(doc: &AutoCommit, key: &str) -> Result<ObjId> {
    match doc.get(ROOT, key)? {
        Some((_, obj)) => Ok(obj),
        None => Err(ModelError::NotAGroupDocument(format!("it has no {key}"))),
    }
}
