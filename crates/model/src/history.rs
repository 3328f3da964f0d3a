//! Who changed what, read from the document's own changes: each change's actor and time, and
//! the items its patches touched. And an item as it was at a moment, to restore it.

use std::collections::HashSet;

use automerge::{ActorId, AutoCommit, ChangeHash, PatchAction, Prop, ROOT, ReadDoc};
use autosurgeon::hydrate_prop;

use crate::document::GroupDoc;
use crate::event::Event;
use crate::member::Member;
use crate::note::Note;
use crate::{ModelError, Result};

/// The collections whose items history names.
const ITEMS: [(&str, Kind); 3] = [
    ("members", Kind::Member),
    ("events", Kind::Event),
    ("notes", Kind::Note),
];

/// What kind of item a change touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Profile,
    Member,
    Event,
    Note,
    /// The access list (devices let in or revoked before membership logs).
    Device,
}

/// What a change did to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    Added,
    Changed,
    Deleted,
}

/// One item a change touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touched {
    pub kind: Kind,
    /// The item's id (empty for the profile).
    pub id: String,
    pub how: How,
    /// Its name or title after the change (before it, for a deletion).
    pub name: Option<String>,
    /// The fields changed, for a change.
    pub fields: Vec<String>,
    /// Whether the item is in the group now (a deleted one may have been restored since).
    pub present: bool,
}

/// One change of the group, as history shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub hash: ChangeHash,
    pub actor: ActorId,
    /// Unix seconds, as the writing device's clock said (0 when it said nothing).
    pub time: i64,
    pub touched: Vec<Touched>,
}

impl GroupDoc {
    /// The group's changes, newest first, that touched an item `wanted` keeps; at most `limit`.
    pub fn history(&mut self, wanted: impl Fn(&Touched) -> bool, limit: usize) -> Vec<Entry> {
        let metas: Vec<_> = self
            .doc
            .get_changes_meta(&[])
            .into_iter()
            .map(|m| (m.hash, m.actor.into_owned(), m.timestamp, m.deps))
            .collect();
        let mut entries = Vec::new();
        for (hash, actor, time, deps) in metas.into_iter().rev() {
            if entries.len() >= limit {
                break;
            }
            let mut touched: Vec<Touched> = touched(&mut self.doc, &deps, hash)
                .into_iter()
                .filter(|t| wanted(t))
                .collect();
            for t in &mut touched {
                t.present = self.holds(t.kind, &t.id);
            }
            if !touched.is_empty() {
                entries.push(Entry {
                    hash,
                    actor,
                    time,
                    touched,
                });
            }
        }
        // Newest first by the writers' clocks; the same second keeps the causal order (stable).
        entries.sort_by_key(|e| std::cmp::Reverse(e.time));
        entries
    }

    /// Writes back, as new changes, the member, event or note `id` as it was once every change
    /// made at or before `time` (Unix seconds) was in: it comes back if it was deleted since,
    /// and its fields are as they were if they were overwritten. Returns its kind and name.
    pub fn restore(&mut self, id: &str, time: i64) -> Result<(Kind, String)> {
        let heads = self.heads_at(time);
        self.restore_as_of(id, &heads)
    }

    /// Writes back, as new changes, the member, event or note `id` as it was just before the
    /// change `change` (its hash in hex, or a prefix of it naming one change): "Restaurer" on a
    /// deletion, or undoing an overwrite. Returns its kind and name.
    pub fn restore_before(&mut self, id: &str, change: &str) -> Result<(Kind, String)> {
        let deps = self.change_named(change)?.deps().to_vec();
        self.restore_as_of(id, &deps)
    }

    /// The change whose hash `prefix` (hex, at least 7 characters) starts.
    fn change_named(&mut self, prefix: &str) -> Result<automerge::Change> {
        let prefix = prefix.trim().to_ascii_lowercase();
        let not_found = || ModelError::NotFound {
            what: "change",
            id: prefix.clone(),
        };
        if prefix.len() < 7 || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(not_found());
        }
        let named: Vec<ChangeHash> = self
            .doc
            .get_changes_meta(&[])
            .into_iter()
            .map(|m| m.hash)
            .filter(|h| h.to_string().starts_with(&prefix))
            .collect();
        match named[..] {
            [hash] => self.doc.get_change_by_hash(&hash).ok_or_else(not_found),
            _ => Err(not_found()),
        }
    }

    fn restore_as_of(&mut self, id: &str, heads: &[ChangeHash]) -> Result<(Kind, String)> {
        let then = self.doc.fork_at(heads)?;
        for (collection, kind) in ITEMS {
            let Some((_, obj)) = then.get(ROOT, collection)? else {
                continue;
            };
            if then.get(&obj, id)?.is_none() {
                continue;
            }
            let name = match kind {
                Kind::Member => {
                    let member: Member = hydrate_prop(&then, &obj, id)?;
                    let name = member.name.clone();
                    self.write(|doc| doc.put_item(collection, id, &member))?;
                    name
                }
                Kind::Event => {
                    let event: Event = hydrate_prop(&then, &obj, id)?;
                    let name = event.title.clone();
                    self.write(|doc| doc.put_item(collection, id, &event))?;
                    name
                }
                _ => {
                    let note: Note = hydrate_prop(&then, &obj, id)?;
                    let name = note.title.clone();
                    self.write(|doc| doc.put_item(collection, id, &note))?;
                    name
                }
            };
            return Ok((kind, name));
        }
        Err(ModelError::NotFound {
            what: "member, event or note at that time",
            id: id.to_string(),
        })
    }

    /// Whether the member, event or note `id` is in the group now (the profile always is).
    fn holds(&self, kind: Kind, id: &str) -> bool {
        if kind == Kind::Profile {
            return true;
        }
        let Some((collection, _)) = ITEMS.iter().find(|(_, k)| *k == kind) else {
            return false;
        };
        matches!(
            self.doc.get(ROOT, *collection),
            Ok(Some((_, obj))) if matches!(self.doc.get(&obj, id), Ok(Some(_)))
        )
    }

    /// The heads of every change made at or before `time`, with all it depends on.
    fn heads_at(&mut self, time: i64) -> Vec<ChangeHash> {
        let mut kept: HashSet<ChangeHash> = HashSet::new();
        let mut depended: HashSet<ChangeHash> = HashSet::new();
        for meta in self.doc.get_changes_meta(&[]) {
            if meta.timestamp <= time && meta.deps.iter().all(|d| kept.contains(d)) {
                kept.insert(meta.hash);
                depended.extend(meta.deps.iter().copied());
            }
        }
        kept.into_iter().filter(|h| !depended.contains(h)).collect()
    }
}

/// The items one change touched: its patches against the document as its dependencies left it.
fn touched(doc: &mut AutoCommit, deps: &[ChangeHash], hash: ChangeHash) -> Vec<Touched> {
    let mut found: Vec<Touched> = Vec::new();
    for patch in doc.diff(deps, &[hash]) {
        let mut props = patch.path.iter().map(|(_, prop)| prop);
        let (top, item, field) = match (props.next(), props.next(), props.next()) {
            (Some(Prop::Map(top)), Some(Prop::Map(item)), field) => {
                (top.clone(), Some(item.clone()), field.cloned())
            }
            (Some(Prop::Map(top)), None, _) => (top.clone(), None, None),
            _ => match &patch.action {
                PatchAction::PutMap { key, .. } | PatchAction::DeleteMap { key } => {
                    (key.clone(), None, None)
                }
                _ => continue,
            },
        };
        let kind = match top.as_str() {
            "profile" => Kind::Profile,
            "members" => Kind::Member,
            "events" => Kind::Event,
            "notes" => Kind::Note,
            "access" | "revoked" => Kind::Device,
            _ => continue,
        };
        let (id, how, field) = match (kind, item, &patch.action) {
            (Kind::Profile, None, PatchAction::PutMap { key, .. }) if patch.path.is_empty() => {
                (String::new(), How::Added, Some(Prop::Map(key.clone())))
            }
            (Kind::Profile, first, _) => (String::new(), How::Changed, first.map(Prop::Map)),
            // A collection made (the access list, the first time a device was let in).
            _ if patch.path.is_empty() => continue,
            // A device revoked, before membership logs: it left.
            (Kind::Device, None, PatchAction::PutMap { key, .. }) if top == "revoked" => {
                (key.clone(), How::Deleted, None)
            }
            (_, None, PatchAction::PutMap { key, .. }) => (key.clone(), How::Added, None),
            (_, None, PatchAction::DeleteMap { key }) => (key.clone(), How::Deleted, None),
            (_, Some(item), _) => (item, How::Changed, field),
            _ => continue,
        };
        let field = match field {
            Some(Prop::Map(name)) => Some(name),
            _ => match &patch.action {
                PatchAction::PutMap { key, .. } if patch.path.len() == 2 => Some(key.clone()),
                _ => None,
            },
        };
        match found.iter_mut().find(|t| t.kind == kind && t.id == id) {
            Some(existing) => {
                if let Some(field) = field
                    && existing.how == How::Changed
                    && !existing.fields.contains(&field)
                {
                    existing.fields.push(field);
                }
            }
            None => found.push(Touched {
                kind,
                id,
                how,
                name: None,
                fields: field.filter(|_| how == How::Changed).into_iter().collect(),
                present: false,
            }),
        }
    }
    for touched in &mut found {
        let at = if touched.how == How::Deleted {
            deps.to_vec()
        } else {
            vec![hash]
        };
        touched.name = name_at(doc, touched, &at);
    }
    found
}

/// An item's name or title as of `heads`.
fn name_at(doc: &AutoCommit, touched: &Touched, heads: &[ChangeHash]) -> Option<String> {
    let (collection, key) = match touched.kind {
        Kind::Member => ("members", "name"),
        Kind::Event => ("events", "title"),
        Kind::Note => ("notes", "title"),
        Kind::Profile => return None,
        Kind::Device => return None,
    };
    let (_, obj) = doc.get_at(ROOT, collection, heads).ok()??;
    let (_, item) = doc.get_at(&obj, touched.id.as_str(), heads).ok()??;
    match doc.get_at(&item, key, heads).ok()?? {
        (automerge::Value::Scalar(s), _) => match s.as_ref() {
            automerge::ScalarValue::Str(text) => Some(text.to_string()),
            _ => None,
        },
        (automerge::Value::Object(_), text) => doc.text_at(&text, heads).ok(),
    }
}
