//! One simulated device: its engine, what it persisted (as the app's store would) and every
//! effect it produced.

use std::collections::BTreeMap;

use automerge::ChangeHash;
use comptoir_model::{ActorId, GroupDoc, GroupId};
use comptoir_sync::{Config, Effect, Engine};

#[derive(Debug)]
pub struct Node {
    pub id: String,
    pub engine: Engine,
    /// Each group's bytes: a snapshot then every change appended since.
    pub docs: BTreeMap<GroupId, Vec<u8>>,
    /// Sync states kept by (group, peer).
    pub states: BTreeMap<(GroupId, String), Vec<u8>>,
    /// Every effect except frames, in order.
    pub effects: Vec<Effect>,
    restarts: u32,
}

impl Node {
    pub fn new(id: &str, engine: Engine) -> Self {
        Self {
            id: id.into(),
            engine,
            docs: BTreeMap::new(),
            states: BTreeMap::new(),
            effects: Vec::new(),
            restarts: 0,
        }
    }

    /// The actor this process writes with: fresh at each start, as the app does.
    fn actor(&self) -> ActorId {
        ActorId::from(format!("{}/{}", self.id, self.restarts).into_bytes())
    }

    pub fn add_group(&mut self, mut doc: GroupDoc) {
        let id = doc.id().clone();
        self.docs.insert(id.clone(), doc.save());
        doc.take_unsaved();
        let states = self.states_of(&id);
        self.engine
            .add_group(doc, states)
            .expect("a well-formed group id");
    }

    fn states_of(&self, group: &GroupId) -> Vec<(String, Vec<u8>)> {
        self.states
            .iter()
            .filter(|((g, _), _)| g == group)
            .map(|((_, peer), state)| (peer.clone(), state.clone()))
            .collect()
    }

    /// Appends changes to a group's storage.
    pub fn append(&mut self, group: &GroupId, changes: &[u8]) {
        self.docs
            .entry(group.clone())
            .or_default()
            .extend_from_slice(changes);
    }

    /// Carries out the effects meant for storage, and logs them.
    pub fn record(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            match &effect {
                Effect::Send { .. } => continue,
                Effect::Persist { group, changes } => self.append(group, changes),
                Effect::SaveSyncState { group, peer, state } => {
                    self.states
                        .insert((group.clone(), peer.clone()), state.clone());
                }
                Effect::GroupReceived { group, .. } => {
                    let actor = self.actor();
                    if let Some(doc) = self.engine.group_mut(group) {
                        doc.automerge_mut().set_actor(actor);
                    }
                }
                Effect::Synced { .. } | Effect::Refused { .. } => {}
            }
            self.effects.push(effect);
        }
    }

    /// A new process on the same storage: every group loaded from its bytes, with its states.
    pub fn restart(&mut self, config: Config) {
        self.restarts += 1;
        self.engine = Engine::new(self.id.clone(), config);
        let groups: Vec<GroupId> = self.docs.keys().cloned().collect();
        for group in groups {
            let doc = GroupDoc::load(&self.docs[&group], self.actor()).expect("stored group loads");
            let states = self.states_of(&group);
            self.engine
                .add_group(doc, states)
                .expect("a well-formed group id");
        }
    }

    /// Effects that show progress: anything but frames and refusals.
    pub fn progress(&self) -> usize {
        self.effects
            .iter()
            .filter(|e| !matches!(e, Effect::Refused { .. }))
            .count()
    }

    /// Whether this device's copy of `group` lets it sync with `peer`.
    pub fn shares(&self, group: &GroupId, peer: &str) -> bool {
        self.engine.group(group).is_some_and(|doc| {
            doc.is_authorized(&self.id).unwrap_or(false) && doc.is_authorized(peer).unwrap_or(false)
        })
    }

    pub fn shared_groups(&self, peer: &str) -> Vec<GroupId> {
        self.docs
            .keys()
            .filter(|g| self.shares(g, peer))
            .cloned()
            .collect()
    }

    /// The group's heads and its content as JSON.
    pub fn snapshot(&mut self, group: &GroupId) -> (Vec<ChangeHash>, serde_json::Value) {
        let doc = self.engine.group_mut(group).expect("peer holds the group");
        let heads = doc.heads();
        let json = serde_json::to_value(doc.group().expect("group reads")).expect("json");
        (heads, json)
    }

    /// Effects of this kind logged so far.
    pub fn count(&self, matches: impl Fn(&Effect) -> bool) -> usize {
        self.effects.iter().filter(|e| matches(e)).count()
    }
}
