//! `history` and `restore`: who changed what in a group, newest first, and an item brought
//! back as it was at a moment. Changes are attributed through the group's membership log
//! (each actor is registered to a device).

use comptoir_model::history::{Entry, Kind, Touched};

use crate::agenda::event_id;
use crate::members::member_id;
use crate::notes::note_id;
use crate::repo::authors::owner_of;
use crate::{App, Result};

/// Which changes `history` lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryFilter {
    All,
    /// A member, event or note, by id, id prefix or name (a deleted one by id).
    Member(String),
    Event(String),
    Note(String),
}

/// One change as `history` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    /// The change's hash, in hex: `restore --before` takes it (or its first characters).
    pub change: String,
    /// Unix seconds, as the writing device's clock said (0 for changes from before history).
    pub at: i64,
    /// The device that wrote it (its peer id), if the group's log names it.
    pub device: Option<String>,
    /// That device's label ("Portable d'Élise"), if it has one.
    pub label: Option<String>,
    pub touched: Vec<Touched>,
}

/// What `restore` brought back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub kind: Kind,
    pub id: String,
    pub name: String,
}

impl App {
    /// The group's changes that `filter` keeps, newest first, at most `limit`.
    pub fn history(
        &mut self,
        group: &str,
        filter: HistoryFilter,
        limit: usize,
    ) -> Result<Vec<HistoryEntry>> {
        let id = self.resolve_group(group)?;
        let wanted = {
            let doc = self.repo().get(&id)?;
            let resolve = |found: Result<String>, query: &str| found.unwrap_or(query.to_owned());
            match &filter {
                HistoryFilter::All => None,
                HistoryFilter::Member(q) => Some((
                    Kind::Member,
                    resolve(member_id(doc, q).map(|m| m.to_string()), q),
                )),
                HistoryFilter::Event(q) => Some((
                    Kind::Event,
                    resolve(event_id(doc, q).map(|e| e.to_string()), q),
                )),
                HistoryFilter::Note(q) => Some((
                    Kind::Note,
                    resolve(note_id(doc, q).map(|n| n.to_string()), q),
                )),
            }
        };
        let entries: Vec<Entry> = self.repo().get_mut(&id)?.history(
            |t| {
                wanted
                    .as_ref()
                    .is_none_or(|(kind, item)| t.kind == *kind && t.id == *item)
            },
            limit,
        );
        let log = self.repo().log(&id)?;
        Ok(entries
            .into_iter()
            .map(|entry| {
                let device = log.and_then(|log| owner_of(log, &entry.actor));
                let label = device
                    .zip(log)
                    .and_then(|(device, log)| log.member(&device)?.label.clone());
                HistoryEntry {
                    change: entry.hash.to_string(),
                    at: entry.time,
                    device: device.map(|d| d.to_string()),
                    label,
                    touched: entry.touched,
                }
            })
            .collect())
    }

    /// Brings back the member, event or note `item` (by id) as it was at `at` (Unix
    /// seconds), as new changes that sync like any other.
    pub fn restore(&mut self, group: &str, item: &str, at: i64) -> Result<Restored> {
        let item = item.trim();
        let (kind, name) = self.edit(group, |doc| Ok(doc.restore(item, at)?))?;
        Ok(restored(kind, item, name))
    }

    /// Brings back the member, event or note `item` (by id) as it was just before the change
    /// `change` (a hash `history` shows, or its first characters): "Restaurer" on a deletion.
    pub fn restore_before(&mut self, group: &str, item: &str, change: &str) -> Result<Restored> {
        let item = item.trim();
        let (kind, name) = self.edit(group, |doc| Ok(doc.restore_before(item, change)?))?;
        Ok(restored(kind, item, name))
    }
}

fn restored(kind: Kind, id: &str, name: String) -> Restored {
    tracing::info!(item = id, "item restored");
    Restored {
        kind,
        id: id.to_owned(),
        name,
    }
}
