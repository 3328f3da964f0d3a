//! Members of a group: adding, listing, changing, removing.

use comptoir_model::{GroupDoc, Member, MemberChanges, MemberId, NewMember, collation};

use crate::resolve::resolve;
use crate::{App, Result};

/// Finds a member by id, id prefix or exact name.
pub(crate) fn member_id(doc: &GroupDoc, query: &str) -> Result<MemberId> {
    // An exact id is found without reading the whole collection.
    let exact = MemberId::new(query.trim());
    if doc.has_member(&exact)? {
        return Ok(exact);
    }
    let members = doc.members()?;
    let found = resolve(
        "member",
        query,
        members.values().map(|m| (m.id.as_str(), m.name.as_str())),
    )?;
    Ok(MemberId::new(found))
}

impl App {
    /// Adds a member; `member_of` may name the organisation by id or name.
    pub fn add_member(
        &mut self,
        group: &str,
        mut new: NewMember,
        member_of: Option<&str>,
    ) -> Result<Member> {
        let today = self.today();
        self.edit(group, |doc| {
            new.member_of = member_of.map(|m| member_id(doc, m)).transpose()?;
            Ok(doc.add_member(MemberId::from_random(rand::random()), new, today)?)
        })
    }

    /// The group's members, by name.
    pub fn members(&mut self, group: &str) -> Result<Vec<Member>> {
        let doc = self.read_mut(group)?;
        let mut members: Vec<Member> = doc.members_view()?.values().cloned().collect();
        collation::sort_by_name(&mut members, |item| &item.name);
        Ok(members)
    }

    pub fn member(&mut self, group: &str, member: &str) -> Result<Member> {
        let doc = self.read(group)?;
        Ok(doc.member(&member_id(doc, member)?)?)
    }

    /// Changes a member.
    pub fn update_member(
        &mut self,
        group: &str,
        member: &str,
        mut changes: MemberChanges,
        member_of: Option<&str>,
    ) -> Result<Member> {
        let today = self.today();
        self.edit(group, |doc| {
            let id = member_id(doc, member)?;
            changes.member_of = member_of.map(|m| member_id(doc, m)).transpose()?;
            Ok(doc.update_member(&id, changes, today)?)
        })
    }

    /// Removes a member from the group.
    pub fn remove_member(&mut self, group: &str, member: &str) -> Result<MemberId> {
        self.edit(group, |doc| {
            let id = member_id(doc, member)?;
            doc.remove_member(&id)?;
            Ok(id)
        })
    }
}
