//! Groups for the tests, made with the model's own calls.

use comptoir_model::{
    ActorId, Date, DeviceRole, GroupDoc, GroupId, GroupKind, MemberId, NewMember, NewNote, NoteId,
    Profile, SectionId,
};

pub fn today() -> Date {
    Date::parse("2024-05-01").expect("a date")
}

/// A group numbered `n`, created by `devices[0]`, which every device in `devices` may sync.
pub fn group(n: u16, devices: &[&str]) -> GroupDoc {
    let [hi, lo] = n.to_be_bytes();
    let mut id = [0xc0; 16];
    id[0] = hi;
    id[1] = lo;
    let profile = Profile::new(&format!("Bistrot n°{n}"), GroupKind::Bistrot).expect("profile");
    let actor = ActorId::from(format!("{}/creator", devices[0]).into_bytes());
    let mut doc = GroupDoc::create(GroupId::from_random(id), profile, actor).expect("group");
    for device in devices {
        doc.grant_device(device, DeviceRole::Facilitator, None, devices[0], today())
            .expect("grant");
    }
    doc.take_unsaved();
    doc
}

/// Another device's copy of the same group (as if synced earlier), written by `device`.
pub fn copy(doc: &mut GroupDoc, device: &str) -> GroupDoc {
    let actor = ActorId::from(format!("{device}/copy").into_bytes());
    GroupDoc::load(&doc.save(), actor).expect("copy loads")
}

pub fn member_id(n: u32) -> MemberId {
    let b = n.to_be_bytes();
    MemberId::from_random([0x11, 0, b[0], b[1], b[2], b[3]])
}

pub fn add_member(doc: &mut GroupDoc, n: u32, name: &str) -> comptoir_model::Result<()> {
    let new = NewMember {
        name: name.into(),
        ..NewMember::default()
    };
    doc.add_member(member_id(n), new, today()).map(|_| ())
}

pub const NOTE: &str = "0000000000a1";

/// Adds the synthesis note with one section, "Constats"; returns the section's id.
pub fn add_synthesis(doc: &mut GroupDoc, text: &str) -> comptoir_model::Result<SectionId> {
    let new = NewNote {
        title: "Synthèse".into(),
        date: None,
        event: None,
        occurrence: None,
        authors: Vec::new(),
        sections: vec![("Constats".into(), text.into())],
        links: Vec::new(),
        tags: Vec::new(),
        visibility: None,
    };
    let note = doc.add_note(NoteId::new(NOTE), new, today(), || {
        SectionId::from_random([0x5e; 4])
    })?;
    Ok(note.sections[0].id.clone())
}

pub fn member_names(doc: &GroupDoc) -> Vec<String> {
    let mut names: Vec<String> = doc
        .members()
        .expect("members")
        .into_values()
        .map(|m| m.name)
        .collect();
    names.sort();
    names
}
