//! Members across the bridge.

use comptoir_app::model::{Consent, ConsentKind, Member, MemberKind, NewMember, Role};
use comptoir_ipc as ipc;

use super::given;

/// A member as the window shows it: contact details only if the person agreed to share them
/// (the webview never holds the others).
pub fn member(member: Member) -> ipc::Member {
    let contact = member.shared_contact();
    let (email, phone, town) = (
        contact.email.map(str::to_owned),
        contact.phone.map(str::to_owned),
        contact.town.map(str::to_owned),
    );
    ipc::Member {
        id: member.id.to_string(),
        name: member.name,
        kind: match member.kind {
            MemberKind::Person => ipc::MemberKind::Person,
            MemberKind::Organisation => ipc::MemberKind::Organisation,
        },
        roles: member.roles.into_iter().map(role).collect(),
        member_of: member.member_of.map(|id| id.to_string()),
        email,
        phone,
        town,
        joined: member.joined.map(|d| d.to_string()),
        left: member.left.map(|d| d.to_string()),
        consents: ipc::Consents {
            contact: member.consents.contact.map(consent),
            newsletter: member.consents.newsletter.map(consent),
            public: member.consents.public.map(consent),
        },
    }
}

pub fn new_member(new: ipc::NewMember) -> NewMember {
    NewMember {
        name: new.name,
        kind: Some(match new.kind {
            ipc::MemberKind::Person => MemberKind::Person,
            ipc::MemberKind::Organisation => MemberKind::Organisation,
        }),
        roles: new.roles.into_iter().map(domain_role).collect(),
        member_of: None,
        email: given(&new.email),
        phone: given(&new.phone),
        town: given(&new.town),
        joined: None,
        consents: new
            .consents
            .into_iter()
            .map(|c| match c {
                ipc::ConsentKind::Contact => ConsentKind::Contact,
                ipc::ConsentKind::Newsletter => ConsentKind::Newsletter,
                ipc::ConsentKind::Public => ConsentKind::Public,
            })
            .collect(),
    }
}

fn consent(consent: Consent) -> ipc::Consent {
    ipc::Consent {
        granted: consent.granted,
        date: consent.date.to_string(),
    }
}

fn role(role: Role) -> ipc::Role {
    match role {
        Role::Facilitator => ipc::Role::Facilitator,
        Role::Correspondent => ipc::Role::Correspondent,
        Role::Volunteer => ipc::Role::Volunteer,
        Role::Professional => ipc::Role::Professional,
        Role::Resident => ipc::Role::Resident,
        Role::Guest => ipc::Role::Guest,
    }
}

fn domain_role(role: ipc::Role) -> Role {
    match role {
        ipc::Role::Facilitator => Role::Facilitator,
        ipc::Role::Correspondent => Role::Correspondent,
        ipc::Role::Volunteer => Role::Volunteer,
        ipc::Role::Professional => Role::Professional,
        ipc::Role::Resident => Role::Resident,
        ipc::Role::Guest => Role::Guest,
    }
}
