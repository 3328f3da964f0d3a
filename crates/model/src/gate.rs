//! The one gate every incoming change goes through, whoever hands it over (a peer's sync
//! message, an imported file): run on the merged document before anything is kept, it refuses
//! changes by authors the group's membership log does not let write there, and changes that
//! would break the document's shape. A refused batch leaves the document as it was.
//!
//! The model knows nothing of membership logs: the caller derives [`Authors`] from the log
//! and hands it over whenever the log changes ([`GroupDoc::set_authors`]).

use std::collections::{HashMap, HashSet};

use automerge::{ActorId, ChangeHash, ObjType, ROOT, ReadDoc, Value};
use autosurgeon::hydrate_prop;
use ed25519_dalek::VerifyingKey;

use crate::document::GroupDoc;
use crate::pending::Waiting;
use crate::schema::{self, COLLECTIONS, SCHEMA};
use crate::seal::Seal;
use crate::views::Views;
use crate::{GroupId, ModelError, Result};

/// Who may have written a group's changes, as its membership log says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Authors {
    /// The actors of devices that write now: all their changes are accepted (those of
    /// `keys`, only sealed).
    writers: HashSet<ActorId>,
    /// The key of the device each sealed writer's actor belongs to: a change arriving under
    /// such an actor is accepted only with that device's seal ([`crate::seal`]).
    keys: HashMap<ActorId, VerifyingKey>,
    /// The actors of removed devices, with the content heads their removal recorded: only
    /// their changes in the causal past of those heads are accepted.
    removed: HashMap<ActorId, Vec<ChangeHash>>,
    /// Changes in the causal past of these heads are accepted whoever wrote them (content an
    /// admin vouched for: a group from before logs, an imported file).
    baseline: Vec<ChangeHash>,
}

impl Authors {
    pub fn new() -> Self {
        Self::default()
    }

    /// `actor` belongs to a device that writes now.
    pub fn writer(&mut self, actor: ActorId) {
        self.writers.insert(actor);
    }

    /// `actor` belongs to the device whose Ed25519 public key is `key`, which writes now and
    /// seals its changes: one arriving under `actor` is accepted only with its seal (or in the
    /// past of what admins vouched for). A key that is no key accepts nothing of `actor`.
    pub fn sealed_writer(&mut self, actor: ActorId, key: &[u8; 32]) {
        if let Ok(key) = VerifyingKey::from_bytes(key) {
            self.writers.insert(actor.clone());
            self.keys.insert(actor, key);
        }
    }

    /// The key whose seal `actor`'s changes need, if they need one.
    pub(crate) fn key_of(&self, actor: &ActorId) -> Option<&VerifyingKey> {
        self.keys.get(actor)
    }

    /// `actor` belongs to a device removed when its remover had seen `heads`.
    pub fn removed(&mut self, actor: ActorId, heads: Vec<ChangeHash>) {
        self.removed.insert(actor, heads);
    }

    /// Admins vouched for everything up to `heads`.
    pub fn vouched(&mut self, heads: impl IntoIterator<Item = ChangeHash>) {
        self.baseline.extend(heads);
    }

    /// Whether these authors take back something `previous` accepted (a removal): the
    /// changes held must then be checked again.
    pub fn narrower_than(&self, previous: &Authors) -> bool {
        self.removed
            .iter()
            .any(|(actor, heads)| previous.removed.get(actor) != Some(heads))
    }

    /// The heads within whose past `actor`'s changes are accepted; `None` when all are.
    /// `Held` changes were accepted once: only a removal takes them back (an actor unknown
    /// here is another process's of this device whose registration is on its way, or one an
    /// admin vouched for).
    fn limit(&self, actor: &ActorId, judged: Judged) -> Option<Vec<ChangeHash>> {
        if self.writers.contains(actor) {
            return None;
        }
        if judged == Judged::Held && !self.removed.contains_key(actor) {
            return None;
        }
        let mut heads = self.baseline.clone();
        heads.extend(self.removed.get(actor).into_iter().flatten().copied());
        Some(heads)
    }
}

/// Which changes are weighed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Judged {
    /// Changes arriving: any author the log does not let write is refused.
    Arriving,
    /// Changes held already: only those a removal takes back are refused.
    Held,
}

/// One change as the gate weighs it.
struct Weighed {
    hash: ChangeHash,
    actor: ActorId,
    deps: Vec<ChangeHash>,
}

impl GroupDoc {
    /// From now on, changes received are checked against `authors` (before any are set, every
    /// author is accepted, as for a group whose log has not arrived). Returns the changes
    /// already held that `authors` refuse, with everything built on them (see
    /// [`GroupDoc::drop_changes`]), when they refuse more than before.
    pub fn set_authors(&mut self, authors: Authors) -> Vec<ChangeHash> {
        let recheck = match &self.authors {
            None => !authors.removed.is_empty(),
            Some(previous) => authors.narrower_than(previous),
        };
        self.authors = Some(authors);
        if recheck { self.refused() } else { Vec::new() }
    }

    /// The changes held that the authors refuse, and every change built on one of them, in
    /// causal order.
    pub fn refused(&mut self) -> Vec<ChangeHash> {
        self.refused_since(&[], Judged::Held, &HashMap::new())
    }

    /// Among the changes that are not in the past of `before`, those the authors refuse and
    /// those built on them, in causal order. Arriving changes of sealed writers need a seal,
    /// held or among `offered`.
    pub(crate) fn refused_since(
        &mut self,
        before: &[ChangeHash],
        judged: Judged,
        offered: &HashMap<ChangeHash, Seal>,
    ) -> Vec<ChangeHash> {
        let Some(authors) = &self.authors else {
            return Vec::new();
        };
        let changes: Vec<Weighed> = self
            .doc
            .get_changes_meta(before)
            .into_iter()
            .map(|m| Weighed {
                hash: m.hash,
                actor: m.actor.into_owned(),
                deps: m.deps,
            })
            .collect();
        // A change here can only be in the past of heads here too: the past of `before` is
        // held whole, and none of these is in it.
        let graph: HashMap<ChangeHash, &[ChangeHash]> = changes
            .iter()
            .map(|c| (c.hash, c.deps.as_slice()))
            .collect();
        let mut pasts: HashMap<Vec<ChangeHash>, HashSet<ChangeHash>> = HashMap::new();
        let mut refused: HashSet<ChangeHash> = HashSet::new();
        // Causal order: a change's dependencies come before it.
        for change in &changes {
            let on_refused = change.deps.iter().any(|d| refused.contains(d));
            let mut within = |limit: &Vec<ChangeHash>| {
                pasts
                    .entry(limit.clone())
                    .or_insert_with(|| past_of(limit, &graph))
                    .contains(&change.hash)
            };
            let allowed = match authors.limit(&change.actor, judged) {
                None => match authors.key_of(&change.actor) {
                    Some(key) if judged == Judged::Arriving => {
                        self.is_sealed(key, &change.hash, offered) || within(&authors.baseline)
                    }
                    _ => true,
                },
                Some(limit) => within(&limit),
            };
            if on_refused || !allowed {
                refused.insert(change.hash);
            }
        }
        changes
            .into_iter()
            .map(|c| c.hash)
            .filter(|h| refused.contains(h))
            .collect()
    }

    /// Merges another copy of the same group (an imported file) through the gate: changes by
    /// authors the group does not let write there (see [`GroupDoc::set_authors`]) are left
    /// out, with everything built on them. Changes that would break the document refuse the
    /// whole merge. Returns how many changes were left out.
    pub fn merge(&mut self, other: &mut GroupDoc) -> Result<usize> {
        if other.id != self.id {
            return Err(ModelError::NotAGroupDocument(format!(
                "it is group {}, not {}",
                other.id, self.id
            )));
        }
        let before = self.doc.get_heads();
        self.doc.merge(&mut other.doc)?;
        let refused = self.refused_since(&before, Judged::Arriving, &HashMap::new());
        if !refused.is_empty() {
            let heads = self.heads_without(&refused.iter().copied().collect());
            self.rebuild_at(&heads)?;
        }
        if let Err(broken) = self.still_this_group() {
            self.rebuild_at(&before)?;
            return Err(broken);
        }
        self.note_roots();
        Ok(refused.len())
    }

    /// The heads of the document without `left_out` (which hold every change built on one of
    /// them): the changes kept that no other kept change depends on.
    pub(crate) fn heads_without(&mut self, left_out: &HashSet<ChangeHash>) -> Vec<ChangeHash> {
        let kept: Vec<(ChangeHash, Vec<ChangeHash>)> = self
            .doc
            .get_changes_meta(&[])
            .into_iter()
            .filter(|m| !left_out.contains(&m.hash))
            .map(|m| (m.hash, m.deps))
            .collect();
        let depended: HashSet<ChangeHash> = kept
            .iter()
            .flat_map(|(_, deps)| deps.iter().copied())
            .collect();
        kept.into_iter()
            .map(|(hash, _)| hash)
            .filter(|hash| !depended.contains(hash))
            .collect()
    }

    /// Goes back to the document as it was at `heads` (every one of them held).
    pub(crate) fn rebuild_at(&mut self, heads: &[ChangeHash]) -> Result<()> {
        let actor = self.doc.get_actor().clone();
        self.doc = self.doc.fork_at(heads)?.with_actor(actor);
        self.views = Views::default();
        // A fork keeps no change waiting for its dependencies: nothing is counted as waiting.
        self.waiting = Waiting::default();
        Ok(())
    }

    /// Checks the changes that arrived since `before` (the heads before they were applied),
    /// with the seals `offered` beside them.
    pub(crate) fn admit_since(
        &mut self,
        before: &[ChangeHash],
        offered: &HashMap<ChangeHash, Seal>,
    ) -> Result<()> {
        // Who wrote them first: a stranger's changes are refused as such, whatever they do.
        let refused = self.refused_since(before, Judged::Arriving, offered);
        if !refused.is_empty() {
            let count = refused.len();
            return Err(if self.by_known_device(&refused) {
                ModelError::UnauthorizedChanges { count }
            } else {
                ModelError::UnknownAuthors { count }
            });
        }
        self.still_this_group()
    }

    /// Whether any of these refused changes was refused for itself (not for what it was built
    /// on) under an actor the log names: a removed device's, or a writer's without its seal.
    /// Otherwise they wait for a log that names their authors.
    fn by_known_device(&self, refused: &[ChangeHash]) -> bool {
        let Some(authors) = &self.authors else {
            return false;
        };
        let refused_set: HashSet<&ChangeHash> = refused.iter().collect();
        refused.iter().any(|hash| {
            self.doc.get_change_by_hash(hash).is_some_and(|change| {
                let actor = change.actor_id();
                let for_itself = change.deps().iter().all(|d| !refused_set.contains(d));
                for_itself
                    && (authors.writers.contains(actor) || authors.removed.contains_key(actor))
            })
        })
    }

    /// Checks that changes just applied kept the group's id, a layout this build reads and
    /// the document's shape: the profile there, each collection the same map as before.
    pub(crate) fn still_this_group(&self) -> Result<()> {
        let id: Option<GroupId> = hydrate_prop(&self.doc, ROOT, "id").ok();
        if id.as_ref() != Some(&self.id) {
            return Err(ModelError::NotAGroupDocument(format!(
                "these changes are not for group {}",
                self.id
            )));
        }
        let version = schema::version(&self.doc)?;
        if version > SCHEMA {
            return Err(ModelError::NewerSchema {
                found: version,
                supported: SCHEMA,
            });
        }
        let broken = |what: String| Err(ModelError::ShapeBroken(what));
        match self.doc.get(ROOT, "profile")? {
            Some((Value::Object(ObjType::Map), _)) => {}
            _ => return broken("the profile would be gone".into()),
        }
        for key in COLLECTIONS {
            match (self.doc.get(ROOT, key)?, self.roots.get(key)) {
                (Some((Value::Object(ObjType::Map), now)), Some(before)) if now != *before => {
                    return broken(format!("the {key} would be replaced"));
                }
                (Some((Value::Object(ObjType::Map), _)), _) => {}
                (None, None) => {}
                _ => return broken(format!("the {key} would be gone")),
            }
        }
        Ok(())
    }
}

/// Every change in the causal past of `heads` (the heads included) that `graph` holds.
fn past_of(
    heads: &[ChangeHash],
    graph: &HashMap<ChangeHash, &[ChangeHash]>,
) -> HashSet<ChangeHash> {
    let mut past = HashSet::new();
    let mut stack: Vec<ChangeHash> = heads.to_vec();
    while let Some(hash) = stack.pop() {
        if let Some(deps) = graph.get(&hash)
            && past.insert(hash)
        {
            stack.extend(deps.iter().copied());
        }
    }
    past
}
