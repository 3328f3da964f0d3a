//! Membership as some set of operations makes it: who is in, with which role, who was removed,
//! which actor ids belong to whom; and the one function that applies an operation to it.

use std::collections::{BTreeMap, BTreeSet};

use crate::{Body, DeviceId, Error, Moment, OpHash, Operation, Role};

/// A device the log has ever added, as resolution leaves it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Member {
    /// The role it holds, or held when it was removed.
    pub role: Role,
    pub label: Option<String>,
    /// Who added it (the creator for itself), and when their clock said.
    pub added_by: DeviceId,
    pub added_at: Moment,
    /// Set once it is removed (and cleared if an admin adds it back).
    pub removed: Option<Removal>,
}

/// How a device left the group.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Removal {
    pub by: DeviceId,
    pub at: Moment,
    /// The Automerge heads its remover had seen: the removed device's changes outside their
    /// causal past are to be refused.
    pub content_heads: Vec<[u8; 32]>,
}

/// How strictly [`State::apply`] judges an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// On receipt, against the author's own view: anything that would do nothing is refused
    /// too (adding a member twice, removing a removed device), so the log holds no noise.
    Strict,
    /// In resolution, where concurrent operations meet: two admins removing the same device at
    /// once both succeed, the second doing nothing.
    Lenient,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct State {
    pub(crate) members: BTreeMap<DeviceId, Member>,
    pub(crate) actors: BTreeMap<Vec<u8>, DeviceId>,
    /// Content heads admins vouched for (see [`Body::Baseline`]).
    pub(crate) baseline: BTreeSet<[u8; 32]>,
    /// Each member's seniority: the canonical position (height, hash) of the first operation
    /// that made it a member here — the genesis for the creator, then its first Add that took
    /// effect (an Add voided by a removal never counts; adding a device back keeps its first).
    joined: BTreeMap<DeviceId, (u32, OpHash)>,
    admins: usize,
}

impl State {
    /// The role of a member that is not removed.
    pub(crate) fn active_role(&self, device: &DeviceId) -> Option<Role> {
        self.members
            .get(device)
            .filter(|member| member.removed.is_none())
            .map(|member| member.role)
    }

    /// Lower is more senior; `None` for a device never added.
    pub(crate) fn seniority(&self, device: &DeviceId) -> Option<(u32, OpHash)> {
        self.joined.get(device).copied()
    }

    /// Applies `op` (at `height` in the DAG) if its author may do it here; otherwise says why,
    /// and changes nothing.
    pub(crate) fn apply(&mut self, op: &Operation, height: u32, mode: Mode) -> Result<(), Error> {
        let (hash, author) = (op.hash, op.author);
        let Some(need) = op.body.need() else {
            if !self.members.is_empty() {
                return Err(Error::SecondGenesis { op: hash });
            }
            let Body::Genesis { label } = &op.body else {
                return Err(Error::SecondGenesis { op: hash });
            };
            self.admit(author, Role::Admin, label.clone(), author, op.at);
            self.joined.insert(author, (height, hash));
            return Ok(());
        };
        let role = self
            .active_role(&author)
            .ok_or(Error::NotAMember { op: hash, author })?;
        if !role.allows(need) {
            return Err(if need == crate::role::Need::Manage {
                Error::NotAdmin { op: hash, author }
            } else {
                Error::MayNotWrite { op: hash, author }
            });
        }
        let lenient = mode == Mode::Lenient;
        match &op.body {
            Body::Genesis { .. } => Err(Error::SecondGenesis { op: hash }),
            Body::Add {
                device,
                role,
                label,
            } => {
                if self.active_role(device).is_some() {
                    return Err(Error::AlreadyMember {
                        op: hash,
                        device: *device,
                    });
                }
                self.admit(*device, *role, label.clone(), author, op.at);
                self.joined.entry(*device).or_insert((height, hash));
                Ok(())
            }
            Body::Remove {
                device,
                content_heads,
            } => {
                let Some(current) = self.active_role(device) else {
                    return self.gone(*device, hash, lenient);
                };
                if current == Role::Admin {
                    self.admins_lose_one(*device, hash)?;
                }
                if let Some(member) = self.members.get_mut(device) {
                    member.removed = Some(Removal {
                        by: author,
                        at: op.at,
                        content_heads: content_heads.clone(),
                    });
                }
                Ok(())
            }
            Body::ChangeRole { device, role } => {
                let Some(current) = self.active_role(device) else {
                    return self.gone(*device, hash, lenient);
                };
                if current == *role {
                    return if lenient {
                        Ok(())
                    } else {
                        Err(Error::SameRole {
                            op: hash,
                            device: *device,
                            role: *role,
                        })
                    };
                }
                if current == Role::Admin {
                    self.admins_lose_one(*device, hash)?;
                } else if *role == Role::Admin {
                    self.admins += 1;
                }
                if let Some(member) = self.members.get_mut(device) {
                    member.role = *role;
                }
                Ok(())
            }
            Body::RegisterActor { actor } => match self.actors.get(actor) {
                Some(owner) if *owner == author && lenient => Ok(()),
                Some(owner) => Err(Error::ActorTaken {
                    op: hash,
                    owner: *owner,
                }),
                None => {
                    self.actors.insert(actor.clone(), author);
                    Ok(())
                }
            },
            Body::Baseline { content_heads } => {
                self.baseline.extend(content_heads.iter().copied());
                Ok(())
            }
        }
    }

    /// Adds a device, or adds back a removed one (its actors stay its own).
    fn admit(
        &mut self,
        device: DeviceId,
        role: Role,
        label: Option<String>,
        by: DeviceId,
        at: Moment,
    ) {
        if role == Role::Admin {
            self.admins += 1;
        }
        self.members.insert(
            device,
            Member {
                role,
                label,
                added_by: by,
                added_at: at,
                removed: None,
            },
        );
    }

    /// One admin fewer, unless it is the last: a group always keeps an admin.
    fn admins_lose_one(&mut self, device: DeviceId, op: OpHash) -> Result<(), Error> {
        if self.admins <= 1 {
            return Err(Error::LastAdmin { op, device });
        }
        self.admins -= 1;
        Ok(())
    }

    /// A Remove or ChangeRole of a device that is not an active member: nothing to do when it
    /// was removed concurrently (lenient), refused otherwise.
    fn gone(&self, device: DeviceId, op: OpHash, lenient: bool) -> Result<(), Error> {
        if lenient && self.members.contains_key(&device) {
            Ok(())
        } else {
            Err(Error::UnknownMember { op, device })
        }
    }
}
