//! Devices and invitations: `id`, `device list`, `device revoke`, `invite create` and
//! `invite accept`, and a group's access list inside `group show`.

use std::io::{self, Write};

use comptoir_app::{DeviceView, Invitation as DomainInvitation, model};
use serde::Serialize;

use super::{Human, ToOutput};

/// A device of a group's access list, keyed by its peer id in `group show`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Device {
    pub role: &'static str,
    pub label: Option<String>,
    /// The peer id of the device that added this one.
    pub added_by: String,
    pub added_on: String,
}

/// A device removed from future syncs, keyed by its peer id in `group show`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Revocation {
    pub revoked_by: String,
    pub revoked_on: String,
}

/// A line of `device list` (and what `device role` changed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListedDevice {
    pub peer: String,
    /// `admin`, `facilitator` or `federation`.
    pub role: String,
    pub label: Option<String>,
    pub added_by: String,
    pub added_on: String,
    /// Who removed it and when; `null` while it may sync.
    pub removed: Option<Removal>,
    /// Whether this is the device running the command.
    pub this_device: bool,
}

/// How a device left the group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removal {
    pub by: String,
    pub on: String,
}

/// A new invitation (`invite create`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Invitation {
    pub code: String,
    pub group: String,
    /// Unix seconds.
    pub expires_at: i64,
}

/// This device's peer id (`id`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeerId {
    pub peer: String,
}

/// The group an invitation brought (`invite accept`); its name when it could be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Joined {
    pub joined: String,
    pub name: Option<String>,
}

/// A device removed from a group's future syncs (`device revoke`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Revoked {
    /// The day of the revocation.
    pub on: String,
    /// The revoked device's peer id.
    pub revoked: String,
}

impl ToOutput for model::Device {
    type Output = Device;
    fn to_output(&self) -> Device {
        Device {
            role: self.role.code(),
            label: self.label.clone(),
            added_by: self.added_by.clone(),
            added_on: self.added_on.to_string(),
        }
    }
}

impl ToOutput for model::Revocation {
    type Output = Revocation;
    fn to_output(&self) -> Revocation {
        Revocation {
            revoked_by: self.revoked_by.clone(),
            revoked_on: self.revoked_on.to_string(),
        }
    }
}

impl ToOutput for DeviceView {
    type Output = ListedDevice;
    fn to_output(&self) -> ListedDevice {
        ListedDevice {
            peer: self.peer.clone(),
            role: self.role.to_string(),
            label: self.label.clone(),
            added_by: self.added_by.clone(),
            added_on: self.added_on.to_string(),
            removed: self.removed.as_ref().map(|removal| Removal {
                by: removal.by.clone(),
                on: removal.on.to_string(),
            }),
            this_device: self.this_device,
        }
    }
}

impl ToOutput for DomainInvitation {
    type Output = Invitation;
    fn to_output(&self) -> Invitation {
        Invitation {
            code: self.code.clone(),
            group: self.group.clone(),
            expires_at: self.expires_at,
        }
    }
}

impl Human for ListedDevice {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let me = if self.this_device {
            " (this device)"
        } else {
            ""
        };
        write!(
            out,
            "{}{me} — {} — added by {} on {}",
            self.peer, self.role, self.added_by, self.added_on
        )?;
        if let Some(removed) = &self.removed {
            write!(out, " — removed by {} on {}", removed.by, removed.on)?;
        }
        writeln!(out)
    }
}

impl Human for Invitation {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", self.code)
    }
}

impl Human for PeerId {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "peer: {}", self.peer)
    }
}

impl Human for Joined {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        write!(out, "joined: {}", self.joined)?;
        if let Some(name) = &self.name {
            write!(out, ", name: {name}")?;
        }
        writeln!(out)
    }
}

impl Human for Revoked {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "on: {}, revoked: {}", self.on, self.revoked)
    }
}

#[cfg(test)]
mod tests {
    use comptoir_app::authority::Role;
    use comptoir_app::model::Date;
    use comptoir_app::{DeviceRemoval, DeviceView, Invitation};
    use expect_test::expect;

    use super::super::{ToOutput, check, fixture};
    use super::{Joined, PeerId, Revoked};

    #[test]
    fn id() {
        let id = PeerId {
            peer: fixture::THIS_DEVICE.into(),
        };
        check(
            &id,
            expect![[r#"
            {
              "peer": "12D3KooWEccRC79umA2dxEE6bm1nowKBnhpXMjQhSiV5qNeSuo1r"
            }"#]],
            expect![[r#"
            peer: 12D3KooWEccRC79umA2dxEE6bm1nowKBnhpXMjQhSiV5qNeSuo1r
        "#]],
        );
    }

    #[test]
    fn device_list() {
        let date = |text: &str| Date::parse(text).expect("a date");
        let device = |peer: &str, role: Role, label: Option<&str>| DeviceView {
            peer: peer.into(),
            role,
            label: label.map(str::to_owned),
            added_by: fixture::THIS_DEVICE.into(),
            added_on: date("2021-09-01"),
            removed: None,
            this_device: peer == fixture::THIS_DEVICE,
        };
        let removed = DeviceView {
            removed: Some(DeviceRemoval {
                by: fixture::THIS_DEVICE.into(),
                on: date("2021-09-30"),
            }),
            ..device(fixture::THIRD_DEVICE, Role::Facilitator, None)
        };
        let devices = vec![
            device(fixture::THIS_DEVICE, Role::Admin, None),
            device(
                fixture::OTHER_DEVICE,
                Role::Facilitator,
                Some("Portable d'Élise"),
            ),
            removed,
        ];
        check(
            &devices.to_output(),
            expect![[r#"
                [
                  {
                    "peer": "12D3KooWEccRC79umA2dxEE6bm1nowKBnhpXMjQhSiV5qNeSuo1r",
                    "role": "admin",
                    "label": null,
                    "added_by": "12D3KooWEccRC79umA2dxEE6bm1nowKBnhpXMjQhSiV5qNeSuo1r",
                    "added_on": "2021-09-01",
                    "removed": null,
                    "this_device": true
                  },
                  {
                    "peer": "12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt",
                    "role": "facilitator",
                    "label": "Portable d'Élise",
                    "added_by": "12D3KooWEccRC79umA2dxEE6bm1nowKBnhpXMjQhSiV5qNeSuo1r",
                    "added_on": "2021-09-01",
                    "removed": null,
                    "this_device": false
                  },
                  {
                    "peer": "12D3KooWQL6fm2Qap4Fkc1gw7wXZymERTVTE7HDN4jLwEXhvrcfA",
                    "role": "facilitator",
                    "label": null,
                    "added_by": "12D3KooWEccRC79umA2dxEE6bm1nowKBnhpXMjQhSiV5qNeSuo1r",
                    "added_on": "2021-09-01",
                    "removed": {
                      "by": "12D3KooWEccRC79umA2dxEE6bm1nowKBnhpXMjQhSiV5qNeSuo1r",
                      "on": "2021-09-30"
                    },
                    "this_device": false
                  }
                ]"#]],
            expect![[r#"
                12D3KooWEccRC79umA2dxEE6bm1nowKBnhpXMjQhSiV5qNeSuo1r (this device) — admin — added by 12D3KooWEccRC79umA2dxEE6bm1nowKBnhpXMjQhSiV5qNeSuo1r on 2021-09-01
                12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt — facilitator — added by 12D3KooWEccRC79umA2dxEE6bm1nowKBnhpXMjQhSiV5qNeSuo1r on 2021-09-01
                12D3KooWQL6fm2Qap4Fkc1gw7wXZymERTVTE7HDN4jLwEXhvrcfA — facilitator — added by 12D3KooWEccRC79umA2dxEE6bm1nowKBnhpXMjQhSiV5qNeSuo1r on 2021-09-01 — removed by 12D3KooWEccRC79umA2dxEE6bm1nowKBnhpXMjQhSiV5qNeSuo1r on 2021-09-30
            "#]],
        );
    }

    #[test]
    fn device_revoke() {
        let revoked = Revoked {
            on: "2021-09-30".into(),
            revoked: fixture::OTHER_DEVICE.into(),
        };
        check(
            &revoked,
            expect![[r#"
            {
              "on": "2021-09-30",
              "revoked": "12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt"
            }"#]],
            expect![[r#"
            on: 2021-09-30, revoked: 12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt
        "#]],
        );
    }

    #[test]
    fn invite_create() {
        let invitation = Invitation {
            code: "CMPT-7K3Q-M9XD-2HFA-PL4W".into(),
            group: fixture::GROUP.into(),
            expires_at: 1_630_540_800,
        };
        check(
            &invitation.to_output(),
            expect![[r#"
            {
              "code": "CMPT-7K3Q-M9XD-2HFA-PL4W",
              "group": "6d1f0c2b9a8e7d6c5b4a39281706f5e4",
              "expires_at": 1630540800
            }"#]],
            expect![[r#"
            CMPT-7K3Q-M9XD-2HFA-PL4W
        "#]],
        );
    }

    #[test]
    fn invite_accept() {
        let joined = |name: Option<&str>| Joined {
            joined: fixture::GROUP.into(),
            name: name.map(str::to_owned),
        };
        check(
            &joined(Some("Bistrot du Social de Fleurus")),
            expect![[r#"
                {
                  "joined": "6d1f0c2b9a8e7d6c5b4a39281706f5e4",
                  "name": "Bistrot du Social de Fleurus"
                }"#]],
            expect![[r#"
                joined: 6d1f0c2b9a8e7d6c5b4a39281706f5e4, name: Bistrot du Social de Fleurus
            "#]],
        );
        // The group arrived but its name could not be read.
        check(
            &joined(None),
            expect![[r#"
            {
              "joined": "6d1f0c2b9a8e7d6c5b4a39281706f5e4",
              "name": null
            }"#]],
            expect![[r#"
            joined: 6d1f0c2b9a8e7d6c5b4a39281706f5e4
        "#]],
        );
    }
}
