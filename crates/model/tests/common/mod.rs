//! Fixtures shared by the model's integration tests: an invented group, its people, and helpers
//! to fork, merge and compare copies of a document.
//!
//! Every person and place here is made up.

use automerge::ChangeHash;
use comptoir_model::{
    ActorId, Date, EventId, EventKind, GroupDoc, GroupId, GroupKind, LocalDateTime, MemberId,
    NewEvent, NewMember, NewNote, NoteId, Profile, Result, SectionId,
};

/// Errors in tests are reported, not unwrapped.
pub type TestResult<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

pub fn date(s: &str) -> Result<Date> {
    Date::parse(s)
}

pub fn local(s: &str) -> Result<LocalDateTime> {
    LocalDateTime::parse(s)
}

/// A fixed actor per device name, so that runs are reproducible.
pub fn actor(device: &str) -> ActorId {
    ActorId::from(device.as_bytes())
}

/// An invented Belgian bistrot, its document written by the device "origine".
pub fn new_group() -> Result<GroupDoc> {
    let mut profile = Profile::new("Bistrot du Social de Fleurus-les-Prés", GroupKind::Bistrot)?;
    profile.country = Some("BE".into());
    profile.town = Some("Fleurus-les-Prés".into());
    GroupDoc::create(GroupId::from_random([42; 16]), profile, actor("origine"))
}

/// Another device's copy of `doc`, as it would get it from saved bytes.
pub fn fork(doc: &mut GroupDoc, device: &str) -> Result<GroupDoc> {
    GroupDoc::load(&doc.save(), actor(device))
}

/// Merges `a` and `b` in both directions, so each holds everything.
pub fn merge_both(a: &mut GroupDoc, b: &mut GroupDoc) -> Result<()> {
    a.merge(b)?;
    b.merge(a)?;
    Ok(())
}

/// What a copy holds: its sorted heads and its whole content as JSON.
pub fn snapshot(doc: &mut GroupDoc) -> TestResult<(Vec<ChangeHash>, String)> {
    let mut heads = doc.heads();
    heads.sort();
    Ok((heads, serde_json::to_string(&doc.group()?)?))
}

pub fn member_id(n: u8) -> MemberId {
    MemberId::from_random([n; 6])
}

pub fn event_id(n: u8) -> EventId {
    EventId::from_random([n; 6])
}

pub fn note_id(n: u8) -> NoteId {
    NoteId::from_random([n; 6])
}

/// Section ids 1, 2, 3… for one note.
pub fn section_ids() -> impl FnMut() -> SectionId {
    let mut next = 0_u8;
    move || {
        next = next.wrapping_add(1);
        SectionId::from_random([next; 4])
    }
}

pub fn person(name: &str) -> NewMember {
    NewMember {
        name: name.into(),
        ..NewMember::default()
    }
}

/// An event in the group's zone (Europe/Brussels), repeating by `repeat` when given.
pub fn event(
    title: &str,
    start: &str,
    end: Option<&str>,
    repeat: Option<&str>,
) -> Result<NewEvent> {
    Ok(NewEvent {
        title: title.into(),
        kind: EventKind::Bistrot,
        start: local(start)?,
        end: end.map(local).transpose()?,
        tz: None,
        repeat: repeat.map(str::to_string),
        venue: None,
        address: None,
        online: None,
        theme: None,
        guests: Vec::new(),
        capacity: None,
        registration: None,
    })
}

/// A note on no event, with `(heading, text)` sections.
pub fn note(title: &str, sections: &[(&str, &str)]) -> NewNote {
    NewNote {
        title: title.into(),
        date: None,
        event: None,
        occurrence: None,
        authors: Vec::new(),
        sections: sections
            .iter()
            .map(|(h, t)| ((*h).to_string(), (*t).to_string()))
            .collect(),
        links: Vec::new(),
        tags: Vec::new(),
        visibility: None,
    }
}
