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

#[cfg(test)]
mod tests {
    use comptoir_app::model::{Date, MemberId};

    use super::*;

    #[test]
    fn the_window_receives_contact_details_only_with_the_contact_consent() {
        let today = Date::parse("2021-09-01").expect("a date");
        let with = |consents: Vec<ConsentKind>| {
            let new = NewMember {
                name: "Joël Lambotte".into(),
                email: Some("joel@example.org".into()),
                phone: Some("+32 472 00 00 02".into()),
                town: Some("Farciennes".into()),
                consents,
                ..NewMember::default()
            };
            member(Member::new(MemberId::new("00000000a002"), new, today).expect("a member"))
        };
        let hidden = with(vec![ConsentKind::Newsletter]);
        assert_eq!((hidden.email, hidden.phone), (None, None));
        assert_eq!(hidden.town.as_deref(), Some("Farciennes"));
        let shared = with(vec![ConsentKind::Contact]);
        assert_eq!(shared.email.as_deref(), Some("joel@example.org"));
        assert_eq!(shared.phone.as_deref(), Some("+32 472 00 00 02"));
    }
}
