//! The member list as CSV, for a spreadsheet: one row per member, sorted by name.
//!
//! Contact details are personal data: a member's email and phone are written only while that
//! member consents to sharing them within the group.

use std::io;

use comptoir_model::{Consent, Group, Member, collation};

use crate::ExportError;

/// The header row, in English snake_case like the rest of the data.
pub const MEMBER_COLUMNS: [&str; 13] = [
    "id",
    "name",
    "kind",
    "roles",
    "member_of",
    "email",
    "phone",
    "town",
    "joined",
    "left",
    "consent_contact",
    "consent_newsletter",
    "consent_public",
];

/// The members as CSV (RFC 4180: comma-separated, CRLF line ends, UTF-8 without BOM).
///
/// `roles` are codes joined by `;`; `member_of` is the organisation's name; consents read
/// `granted 2021-03-01`, `withdrawn 2021-05-01`, or nothing when never asked. Email and phone
/// are empty unless the contact consent is currently granted. A cell that a spreadsheet would
/// run as a formula (starting with `=`, `+`, `-` or `@`) is prefixed with `'`.
pub fn members(group: &Group) -> Result<String, ExportError> {
    let mut members: Vec<&Member> = group.members.values().collect();
    collation::sort_by_name(&mut members, |m| &m.name);

    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(MEMBER_COLUMNS)?;
    for member in members {
        let contact = member.shared_contact();
        let organisation = member
            .member_of
            .as_ref()
            .and_then(|id| group.members.get(id.as_str()));
        let roles: Vec<&str> = member.roles.iter().map(|r| r.code()).collect();
        writer.write_record([
            member.id.to_string(),
            cell(Some(&member.name)),
            member.kind.code().to_string(),
            roles.join(";"),
            cell(organisation.map(|o| o.name.as_str())),
            cell(contact.email),
            cell(contact.phone),
            cell(contact.town),
            member.joined.map(|d| d.to_string()).unwrap_or_default(),
            member.left.map(|d| d.to_string()).unwrap_or_default(),
            consent(member.consents.contact),
            consent(member.consents.newsletter),
            consent(member.consents.public),
        ])?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| ::csv::Error::from(e.into_error()))?;
    String::from_utf8(bytes)
        .map_err(|e| ExportError::Csv(io::Error::new(io::ErrorKind::InvalidData, e).into()))
}

fn consent(consent: Option<Consent>) -> String {
    match consent {
        Some(Consent {
            granted: true,
            date,
        }) => format!("granted {date}"),
        Some(Consent {
            granted: false,
            date,
        }) => format!("withdrawn {date}"),
        None => String::new(),
    }
}

/// Free text as a cell a spreadsheet shows rather than runs.
fn cell(text: Option<&str>) -> String {
    match text {
        Some(t) if starts_like_a_formula(t) => format!("'{t}"),
        Some(t) => t.to_string(),
        None => String::new(),
    }
}

/// Spreadsheets run a cell starting with `=`, `+`, `-` or `@` as a formula; any peer can write
/// a member's name, so such cells are quoted. A phone number such as `+32 71 00 00 00` is left
/// alone: digits and separators only cannot be a harmful formula.
fn starts_like_a_formula(text: &str) -> bool {
    let phone_like = |rest: &str| {
        !rest.is_empty()
            && rest
                .chars()
                .all(|c| c.is_ascii_digit() || " ./()-".contains(c))
    };
    match text.chars().next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => !phone_like(&text[1..]),
        _ => false,
    }
}
