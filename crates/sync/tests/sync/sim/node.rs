//! One simulated device: its engine, the groups it holds, what it stored (as the app's store
//! would) and every effect it produced.

use std::collections::BTreeMap;

use automerge::ChangeHash;
use comptoir_model::{ActorId, GroupDoc, GroupId};
use comptoir_sync::{Config, Docs, Effect, Engine, PeerId};

#[derive(Debug)]
pub struct Node {
    pub id: String,
    pub engine: Engine,
    /// The groups this device holds, lent to the engine for each input.
    pub held: Docs,
    /// Each group's stored bytes: a snapshot then every change appended since.
    pub stored: BTreeMap<GroupId, Vec<u8>>,
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
            held: Docs::new(),
            stored: BTreeMap::new(),
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
        self.stored.insert(id.clone(), doc.save());
        doc.take_unsaved();
        let states = self.states_of(&id);
        self.held.insert(id.clone(), doc);
        self.engine.restore(&id, states);
    }

    fn states_of(&self, group: &GroupId) -> Vec<(PeerId, Vec<u8>)> {
        self.states
            .iter()
            .filter(|((g, _), _)| g == group)
            .map(|((_, peer), state)| (PeerId::from(peer.as_str()), state.clone()))
            .collect()
    }

    /// Appends changes to a group's storage.
    pub fn append(&mut self, group: &GroupId, changes: &[u8]) {
        self.stored
            .get_mut(group)
            .expect("the group is stored")
            .extend_from_slice(changes);
    }

    /// Stores what a held group has not saved yet: its changes, or all of it (a snapshot) if
    /// it is not stored yet (a group just received).
    fn store(&mut self, group: &GroupId) {
        let doc = self.held.get_mut(group).expect("a changed group is held");
        if self.stored.contains_key(group) {
            let changes = doc.take_unsaved();
            assert!(!changes.is_empty(), "{group} changed with nothing to store");
            self.append(group, &changes);
        } else {
            let snapshot = doc.save();
            doc.take_unsaved();
            self.stored.insert(group.clone(), snapshot);
        }
    }

    /// Carries out the effects meant for storage, and logs them.
    pub fn record(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            match &effect {
                Effect::Send { .. } => continue,
                Effect::Changed { group } => self.store(group),
                Effect::SaveSyncState { group, peer, state } => {
                    self.states
                        .insert((group.clone(), peer.to_string()), state.clone());
                }
                Effect::GroupReceived { group, .. } => {
                    let actor = self.actor();
                    if let Some(doc) = self.held.get_mut(group) {
                        doc.set_actor(actor);
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
        self.engine = Engine::new(self.id.as_str().into(), config);
        self.held.clear();
        let groups: Vec<GroupId> = self.stored.keys().cloned().collect();
        for group in groups {
            let doc =
                GroupDoc::load(&self.stored[&group], self.actor()).expect("stored group loads");
            let states = self.states_of(&group);
            self.held.insert(group.clone(), doc);
            self.engine.restore(&group, states);
        }
    }

    /// Effects that show progress: anything but frames and refusals.
    pub fn progress(&self) -> usize {
        self.effects
            .iter()
            .filter(|e| !matches!(e, Effect::Refused { .. }))
            .count()
    }

    /// Whether this device's engine syncs `group` with `peer` (its membership log, as last
    /// set, or its copy's access list).
    pub fn shares(&self, group: &GroupId, peer: &str) -> bool {
        self.held.contains_key(group) && self.engine.may_sync(&self.held, group, &peer.into())
    }

    pub fn shared_groups(&self, peer: &str) -> Vec<GroupId> {
        self.held
            .keys()
            .filter(|g| self.shares(g, peer))
            .cloned()
            .collect()
    }

    /// The group's heads and its content as JSON.
    pub fn snapshot(&mut self, group: &GroupId) -> (Vec<ChangeHash>, serde_json::Value) {
        let doc = self.held.get_mut(group).expect("peer holds the group");
        let heads = doc.heads();
        let json = serde_json::to_value(doc.group().expect("group reads")).expect("json");
        (heads, json)
    }

    /// Effects of this kind logged so far.
    pub fn count(&self, matches: impl Fn(&Effect) -> bool) -> usize {
        self.effects.iter().filter(|e| matches(e)).count()
    }
}
