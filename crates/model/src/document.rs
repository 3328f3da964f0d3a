//! One group's Automerge document, and every change a facilitator can make to it.
//!
//! Reads hydrate only the part asked for; writes reconcile only what changed, so concurrent
//! edits of different fields or different members merge as a person would expect. A write that
//! fails leaves the document as it was.

use std::collections::{BTreeMap, HashMap};

use automerge::{
    ActorId, AutoCommit, ChangeHash, LoadOptions, ObjId, ROOT, ReadDoc, TextEncoding,
    transaction::Transactable,
};
use autosurgeon::{Hydrate, Reconcile, hydrate_prop, reconcile_prop};
use serde::Serialize;

use crate::access::{Device, DeviceRole, Revocation};
use crate::codec::Date;
use crate::event::{Event, NewEvent};
use crate::gate::Authors;
use crate::member::{Member, MemberChanges, MemberKind, NewMember};
use crate::note::{NewNote, Note};
use crate::pending::Waiting;
use crate::profile::Profile;
use crate::schema::{self, COLLECTIONS, SCHEMA};
use crate::seal::Seals;
use crate::views::{View, Views};
use crate::{EventId, GroupId, MemberId, ModelError, NoteId, Result, SectionId};

/// Text positions are UTF-8 byte offsets, as in Rust strings.
const ENCODING: TextEncoding = TextEncoding::Utf8CodeUnit;

/// Everything a group document holds, read at once (for exports and data portability).
#[derive(Debug, Clone, Reconcile, Hydrate, Serialize)]
pub struct Group {
    pub schema: u64,
    pub id: GroupId,
    pub profile: Profile,
    pub members: BTreeMap<String, Member>,
    pub events: BTreeMap<String, Event>,
    pub notes: BTreeMap<String, Note>,
    /// Devices allowed to sync this group, by peer id.
    pub access: BTreeMap<String, Device>,
    /// Devices removed from future syncs, by peer id.
    pub revoked: BTreeMap<String, Revocation>,
}

/// A copy of a group's document, made by [`GroupDoc::snapshot`], to encode on another thread.
#[derive(Debug)]
pub struct Snapshot(AutoCommit);

impl Snapshot {
    /// The whole document, compacted (what [`GroupDoc::save`] gives).
    pub fn save(mut self) -> Vec<u8> {
        self.0.save()
    }
}

/// How many items each collection of a group holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub members: usize,
    pub events: usize,
    pub notes: usize,
}

/// A group's document.
#[derive(Debug)]
pub struct GroupDoc {
    pub(crate) doc: AutoCommit,
    pub(crate) id: GroupId,
    /// The heads already persisted by the caller: [`GroupDoc::take_unsaved`] returns the rest.
    pub(crate) saved: Vec<ChangeHash>,
    /// The collections pages read again and again, kept hydrated.
    pub(crate) views: Views,
    /// Who may have written changes received (see [`crate::gate`]); `None` accepts anyone.
    pub(crate) authors: Option<Authors>,
    /// The collections' objects, which received changes may not replace.
    pub(crate) roots: HashMap<&'static str, ObjId>,
    /// The time later changes carry (see [`GroupDoc::set_time`]).
    pub(crate) time: Option<i64>,
    /// What arrived while changes wait for their dependencies (see [`crate::pending`]).
    pub(crate) waiting: Waiting,
    /// The seals of its changes held here (see [`crate::seal`]).
    pub(crate) seals: Seals,
}

impl GroupDoc {
    /// Creates the document of a new group, written by `actor`.
    pub fn create(id: GroupId, mut profile: Profile, actor: ActorId) -> Result<Self> {
        profile.validate()?;
        let mut doc = AutoCommit::new_with_encoding(ENCODING).with_actor(actor);
        let group = Group {
            schema: SCHEMA,
            id: id.clone(),
            profile,
            members: BTreeMap::new(),
            events: BTreeMap::new(),
            notes: BTreeMap::new(),
            access: BTreeMap::new(),
            revoked: BTreeMap::new(),
        };
        autosurgeon::reconcile(&mut doc, &group)?;
        Ok(Self::wrap(doc, id, Vec::new()))
    }

    /// Loads a document from saved bytes (a snapshot, changes, or both concatenated), bringing
    /// it to the current layout. Later writes are made by `actor`.
    pub fn load(bytes: &[u8], actor: ActorId) -> Result<Self> {
        let doc = AutoCommit::load_with_options(bytes, LoadOptions::new().text_encoding(ENCODING))?;
        Self::from_automerge(doc.with_actor(actor))
    }

    /// Wraps a loaded Automerge document, checking that it is a group and migrating it. What
    /// it held is taken as saved; a migration's change is not.
    pub fn from_automerge(mut doc: AutoCommit) -> Result<Self> {
        let saved = doc.get_heads();
        let id: Option<GroupId> = hydrate_prop(&doc, ROOT, "id").ok();
        let id = id.ok_or_else(|| ModelError::NotAGroupDocument("it has no group id".into()))?;
        if doc.get(ROOT, "profile")?.is_none() {
            return Err(ModelError::NotAGroupDocument("it has no profile".into()));
        }
        schema::migrate(&mut doc)?;
        Ok(Self::wrap(doc, id, saved))
    }

    fn wrap(doc: AutoCommit, id: GroupId, saved: Vec<ChangeHash>) -> Self {
        let mut wrapped = Self {
            doc,
            id,
            saved,
            views: Views::default(),
            authors: None,
            roots: HashMap::new(),
            time: None,
            waiting: Waiting::default(),
            seals: Seals::default(),
        };
        wrapped.note_roots();
        wrapped
    }

    /// Remembers the collections' objects as they are now.
    pub(crate) fn note_roots(&mut self) {
        self.roots = COLLECTIONS
            .into_iter()
            .filter_map(|key| match self.doc.get(ROOT, key) {
                Ok(Some((_, obj))) => Some((key, obj)),
                _ => None,
            })
            .collect();
    }

    /// Applies more saved bytes (changes from storage or another device).
    pub fn load_incremental(&mut self, bytes: &[u8]) -> Result<()> {
        // Applied to a copy first: bytes that would turn this into another group, or into a
        // layout this build cannot read, leave the document as it was.
        let mut next = self.doc.clone();
        next.load_incremental(bytes)?;
        let id: Option<GroupId> = hydrate_prop(&next, ROOT, "id").ok();
        if id.as_ref() != Some(&self.id) {
            return Err(ModelError::NotAGroupDocument(format!(
                "these changes are not for group {}",
                self.id
            )));
        }
        schema::migrate(&mut next)?;
        self.doc = next;
        Ok(())
    }

    pub fn id(&self) -> &GroupId {
        &self.id
    }

    /// The whole document, compacted.
    pub fn save(&mut self) -> Vec<u8> {
        self.doc.save()
    }

    /// The changes not yet persisted (made here, migrated, or received since the load or the
    /// last call), as bytes to append to storage; empty when there are none.
    pub fn take_unsaved(&mut self) -> Vec<u8> {
        let bytes = self.doc.save_after(&self.saved);
        self.saved = self.doc.get_heads();
        bytes
    }

    pub fn heads(&mut self) -> Vec<ChangeHash> {
        self.doc.get_heads()
    }

    /// A copy of the document as it is now, to encode as a snapshot elsewhere (copying takes
    /// a few milliseconds where encoding a big group takes tens).
    pub fn snapshot(&mut self) -> Snapshot {
        Snapshot(self.doc.fork())
    }

    /// The changes made after `heads`, as bytes (what [`GroupDoc::take_unsaved`] would hand
    /// the store had `heads` been saved).
    pub fn save_after(&mut self, heads: &[ChangeHash]) -> Vec<u8> {
        self.doc.save_after(heads)
    }

    /// Later writes are made by `actor` (each process writes with its own).
    pub fn set_actor(&mut self, actor: ActorId) {
        self.doc.set_actor(actor);
    }

    /// The layout version the document is at.
    pub fn schema_version(&self) -> Result<u64> {
        schema::version(&self.doc)
    }

    // ----- reading -----

    /// The members, for pages that read them again and again: hydrated once, and kept until
    /// the document changes (see [`crate::views`]).
    pub fn members_view(&mut self) -> Result<View<Member>> {
        self.views.catch_up(&mut self.doc);
        self.views.members(&self.doc)
    }

    /// The events, as [`GroupDoc::members_view`].
    pub fn events_view(&mut self) -> Result<View<Event>> {
        self.views.catch_up(&mut self.doc);
        self.views.events(&self.doc)
    }

    /// The notes, as [`GroupDoc::members_view`].
    pub fn notes_view(&mut self) -> Result<View<Note>> {
        self.views.catch_up(&mut self.doc);
        self.views.notes(&self.doc)
    }

    /// How many members, events and notes the group holds, without reading them.
    pub fn counts(&self) -> Result<Counts> {
        let len = |key: &str| -> Result<usize> { Ok(self.doc.length(self.collection(key)?)) };
        Ok(Counts {
            members: len("members")?,
            events: len("events")?,
            notes: len("notes")?,
        })
    }

    /// Everything, for exports.
    pub fn group(&self) -> Result<Group> {
        Ok(autosurgeon::hydrate(&self.doc)?)
    }

    pub fn profile(&self) -> Result<Profile> {
        Ok(hydrate_prop(&self.doc, ROOT, "profile")?)
    }

    pub fn members(&self) -> Result<BTreeMap<String, Member>> {
        Ok(hydrate_prop(&self.doc, ROOT, "members")?)
    }

    pub fn member(&self, id: &MemberId) -> Result<Member> {
        self.item("members", "member", id.as_str())
    }

    pub fn events(&self) -> Result<BTreeMap<String, Event>> {
        Ok(hydrate_prop(&self.doc, ROOT, "events")?)
    }

    pub fn event(&self, id: &EventId) -> Result<Event> {
        self.item("events", "event", id.as_str())
    }

    pub fn notes(&self) -> Result<BTreeMap<String, Note>> {
        Ok(hydrate_prop(&self.doc, ROOT, "notes")?)
    }

    pub fn note(&self, id: &NoteId) -> Result<Note> {
        self.item("notes", "note", id.as_str())
    }

    /// Whether a member, event or note with exactly this id exists, without reading it.
    pub fn has_member(&self, id: &MemberId) -> Result<bool> {
        self.has("members", id.as_str())
    }

    pub fn has_event(&self, id: &EventId) -> Result<bool> {
        self.has("events", id.as_str())
    }

    pub fn has_note(&self, id: &NoteId) -> Result<bool> {
        self.has("notes", id.as_str())
    }

    fn has(&self, collection: &str, id: &str) -> Result<bool> {
        Ok(self.doc.get(self.collection(collection)?, id)?.is_some())
    }

    fn collection(&self, key: &str) -> Result<ObjId> {
        match self.doc.get(ROOT, key)? {
            Some((_, obj)) => Ok(obj),
            None => Err(ModelError::NotAGroupDocument(format!("it has no {key}"))),
        }
    }

    fn item<T: Hydrate>(&self, collection: &str, what: &'static str, id: &str) -> Result<T> {
        let obj = self.collection(collection)?;
        if self.doc.get(&obj, id)?.is_none() {
            return Err(ModelError::NotFound {
                what,
                id: id.to_string(),
            });
        }
        Ok(hydrate_prop(&self.doc, &obj, id)?)
    }

    // ----- writing -----

    /// Runs a write; if it fails, nothing it did stays in the document.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let result = f(self);
        if result.is_err() {
            self.doc.rollback();
        } else {
            let options = automerge::transaction::CommitOptions::default();
            match self.time {
                Some(time) => self.doc.commit_with(options.with_time(time)),
                None => self.doc.commit_with(options),
            };
        }
        result
    }

    /// The time (Unix seconds) the next changes carry, for history: the model reads no clock.
    pub fn set_time(&mut self, unix_seconds: i64) {
        self.time = Some(unix_seconds);
    }

    pub(crate) fn put_item<T: Reconcile>(
        &mut self,
        collection: &str,
        id: &str,
        value: &T,
    ) -> Result<()> {
        let obj = self.collection(collection)?;
        reconcile_prop(&mut self.doc, &obj, id, value)?;
        Ok(())
    }

    /// Changes the profile (only changed fields are written).
    pub fn update_profile(
        &mut self,
        change: impl FnOnce(&mut Profile) -> Result<()>,
    ) -> Result<Profile> {
        let mut profile = self.profile()?;
        change(&mut profile)?;
        profile.validate()?;
        self.write(|me| {
            reconcile_prop(&mut me.doc, ROOT, "profile", &profile)?;
            Ok(profile)
        })
    }

    fn check_organisation(&self, id: Option<&MemberId>) -> Result<()> {
        if let Some(id) = id {
            let org = self.member(id)?;
            if org.kind != MemberKind::Organisation {
                return Err(ModelError::NotFound {
                    what: "organisation",
                    id: id.to_string(),
                });
            }
        }
        Ok(())
    }

    /// Adds a member; consents are dated `today`.
    pub fn add_member(&mut self, id: MemberId, new: NewMember, today: Date) -> Result<Member> {
        self.check_organisation(new.member_of.as_ref())?;
        let member = Member::new(id, new, today)?;
        self.write(|me| {
            me.put_item("members", member.id.as_str(), &member)?;
            Ok(member)
        })
    }

    /// Changes a member; consents given or withdrawn are dated `today`.
    pub fn update_member(
        &mut self,
        id: &MemberId,
        changes: MemberChanges,
        today: Date,
    ) -> Result<Member> {
        let mut member = self.member(id)?;
        self.check_organisation(changes.member_of.as_ref())?;
        member.apply(changes, today)?;
        self.write(|me| {
            me.put_item("members", id.as_str(), &member)?;
            Ok(member)
        })
    }

    /// Removes a member from the group and from its correspondents.
    pub fn remove_member(&mut self, id: &MemberId) -> Result<()> {
        self.member(id)?;
        let mut profile = self.profile()?;
        profile.correspondents.retain(|c| c != id);
        self.write(|me| {
            let members = me.collection("members")?;
            me.doc.delete(&members, id.as_str())?;
            reconcile_prop(&mut me.doc, ROOT, "profile", &profile)?;
            Ok(())
        })
    }

    /// Adds an event; without a zone it takes the group's country zone.
    pub fn add_event(&mut self, id: EventId, new: NewEvent) -> Result<Event> {
        let zone = self.profile()?.default_zone();
        let event = Event::new(id, new, zone)?;
        self.write(|me| {
            me.put_item("events", event.id.as_str(), &event)?;
            Ok(event)
        })
    }

    /// Changes an event through `change`, which checks its own input.
    pub fn update_event<T>(
        &mut self,
        id: &EventId,
        change: impl FnOnce(&mut Event) -> Result<T>,
    ) -> Result<(Event, T)> {
        let mut event = self.event(id)?;
        let out = change(&mut event)?;
        self.write(|me| {
            me.put_item("events", id.as_str(), &event)?;
            Ok((event, out))
        })
    }

    /// Adds a note. Its date is the occurrence's, else the given one, else `today`.
    pub fn add_note(
        &mut self,
        id: NoteId,
        mut new: NewNote,
        today: Date,
        section_id: impl FnMut() -> SectionId,
    ) -> Result<Note> {
        if let Some(event) = &new.event {
            let event = self.event(event)?;
            if new.occurrence.is_some() || event.repeat.is_none() {
                new.occurrence = Some(event.occurrence(new.occurrence)?);
            }
        } else if new.occurrence.is_some() {
            return Err(ModelError::NotFound {
                what: "event for this occurrence",
                id: String::new(),
            });
        }
        let date = new.occurrence.or(new.date).unwrap_or(today);
        let note = Note::new(id, new, date, section_id)?;
        self.write(|me| {
            me.put_item("notes", note.id.as_str(), &note)?;
            Ok(note)
        })
    }

    /// Appends a paragraph to a section of a note (adding the section if needed).
    pub fn append_to_note(
        &mut self,
        id: &NoteId,
        heading: &str,
        text: &str,
        new_section: SectionId,
    ) -> Result<Note> {
        let mut note = self.note(id)?;
        note.append(heading, text, new_section)?;
        self.write(|me| {
            me.put_item("notes", id.as_str(), &note)?;
            Ok(note)
        })
    }

    /// Replaces the text of one section, as an editor does while typing: only the difference is
    /// written, so concurrent edits elsewhere in the text survive.
    pub fn edit_section(&mut self, id: &NoteId, section: &SectionId, text: &str) -> Result<Note> {
        let mut note = self.note(id)?;
        let target = note
            .sections
            .iter_mut()
            .find(|s| &s.id == section)
            .ok_or_else(|| ModelError::NotFound {
                what: "section",
                id: section.to_string(),
            })?;
        target.body.update(text);
        self.write(|me| {
            me.put_item("notes", id.as_str(), &note)?;
            Ok(note)
        })
    }

    // ----- access -----

    /// The devices currently allowed to sync this group, by peer id.
    pub fn devices(&self) -> Result<BTreeMap<String, Device>> {
        let mut access: BTreeMap<String, Device> = hydrate_prop(&self.doc, ROOT, "access")?;
        let revoked: BTreeMap<String, Revocation> = hydrate_prop(&self.doc, ROOT, "revoked")?;
        access.retain(|peer, _| !revoked.contains_key(peer));
        Ok(access)
    }

    /// Whether `peer` may sync this group.
    pub fn is_authorized(&self, peer: &str) -> Result<bool> {
        let listed = self.doc.get(self.collection("access")?, peer)?.is_some();
        let revoked = self.doc.get(self.collection("revoked")?, peer)?.is_some();
        Ok(listed && !revoked)
    }

    /// Allows a device to sync this group. A revoked device cannot be added back.
    pub fn grant_device(
        &mut self,
        peer: &str,
        role: DeviceRole,
        label: Option<String>,
        added_by: &str,
        today: Date,
    ) -> Result<Device> {
        if self.doc.get(self.collection("revoked")?, peer)?.is_some() {
            return Err(ModelError::Revoked(peer.to_string()));
        }
        let device = Device {
            role,
            label: crate::text::optional(label),
            added_by: added_by.to_string(),
            added_on: today,
        };
        self.write(|me| {
            me.put_item("access", peer, &device)?;
            Ok(device)
        })
    }

    /// Removes a device from future syncs.
    pub fn revoke_device(
        &mut self,
        peer: &str,
        revoked_by: &str,
        today: Date,
    ) -> Result<Revocation> {
        if !self.is_authorized(peer)? {
            return Err(ModelError::NotFound {
                what: "device",
                id: peer.to_string(),
            });
        }
        let revocation = Revocation {
            revoked_by: revoked_by.to_string(),
            revoked_on: today,
        };
        self.write(|me| {
            me.put_item("revoked", peer, &revocation)?;
            Ok(revocation)
        })
    }
}
