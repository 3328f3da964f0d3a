//! Groups across the bridge.

use comptoir_app::model::{GroupId, GroupKind, Profile, text::given};
use comptoir_ipc as ipc;

use super::count;

pub fn damaged_group(group: comptoir_app::DamagedGroup) -> ipc::DamagedGroup {
    ipc::DamagedGroup {
        id: group.id.to_string(),
        reason: group.reason,
    }
}

pub fn group_summary(group: comptoir_app::GroupSummary) -> ipc::GroupSummary {
    ipc::GroupSummary {
        id: group.id.to_string(),
        name: group.name,
        kind: kind(group.kind),
        town: group.town,
        country: group.country,
        members: count(group.members),
        events: count(group.events),
        notes: count(group.notes),
    }
}

pub fn group_detail((id, profile): (GroupId, Profile)) -> ipc::GroupDetail {
    ipc::GroupDetail {
        id: id.to_string(),
        name: profile.name,
        kind: kind(profile.kind),
        town: profile.town,
        postal_code: profile.postal_code,
        country: profile.country,
        venue: profile.venue,
        address: profile.address,
        description: profile.description,
        how_it_works: profile.how_it_works,
        links: profile.links,
    }
}

pub fn new_group(new: ipc::NewGroup) -> comptoir_app::NewGroup {
    comptoir_app::NewGroup {
        name: new.name,
        kind: domain_kind(new.kind),
        town: given(&new.town),
        postal_code: given(&new.postal_code),
        country: given(&new.country),
        venue: given(&new.venue),
        address: None,
        coordinates: None,
        description: None,
    }
}

/// The Paramètres form, blank fields meaning "not given".
pub fn profile_changes(edit: ipc::ProfileEdit) -> comptoir_app::ProfileChanges {
    comptoir_app::ProfileChanges {
        name: edit.name,
        kind: domain_kind(edit.kind),
        town: given(&edit.town),
        postal_code: given(&edit.postal_code),
        country: given(&edit.country),
        venue: given(&edit.venue),
        address: given(&edit.address),
        description: given(&edit.description),
        how_it_works: given(&edit.how_it_works),
        links: edit.links,
    }
}

fn domain_kind(kind: ipc::GroupKind) -> GroupKind {
    match kind {
        ipc::GroupKind::Bistrot => GroupKind::Bistrot,
        ipc::GroupKind::CentreSocial => GroupKind::CentreSocial,
        ipc::GroupKind::Association => GroupKind::Association,
        ipc::GroupKind::Federation => GroupKind::Federation,
    }
}

fn kind(kind: GroupKind) -> ipc::GroupKind {
    match kind {
        GroupKind::Bistrot => ipc::GroupKind::Bistrot,
        GroupKind::CentreSocial => ipc::GroupKind::CentreSocial,
        GroupKind::Association => ipc::GroupKind::Association,
        GroupKind::Federation => ipc::GroupKind::Federation,
    }
}
