//! `history` and `restore`.

use std::io::{self, Write};

use chrono::{Local, TimeZone};
use comptoir_app::model::history::{How, Kind, Touched as DomainTouched};
use comptoir_app::{HistoryEntry as DomainEntry, Restored as DomainRestored};
use serde::Serialize;

use super::{Human, ToOutput};

/// One change of a group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryEntry {
    /// The change's hash (`restore --before` takes it, or its first 8 characters).
    pub change: String,
    /// When, in this computer's time zone (`null` for changes from before history).
    pub at: Option<String>,
    /// The device that wrote it (peer id), if the group's log names it.
    pub device: Option<String>,
    pub label: Option<String>,
    pub changes: Vec<Touched>,
}

/// One item a change touched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Touched {
    /// profile, member, event, note or device.
    pub kind: &'static str,
    pub id: String,
    /// added, changed or deleted.
    pub how: &'static str,
    pub name: Option<String>,
    pub fields: Vec<String>,
    /// Whether the item is in the group now.
    pub present: bool,
}

/// What `restore` brought back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Restored {
    pub kind: &'static str,
    pub id: String,
    pub name: String,
}

fn kind(kind: Kind) -> &'static str {
    match kind {
        Kind::Profile => "profile",
        Kind::Member => "member",
        Kind::Event => "event",
        Kind::Note => "note",
        Kind::Device => "device",
    }
}

fn how(how: How) -> &'static str {
    match how {
        How::Added => "added",
        How::Changed => "changed",
        How::Deleted => "deleted",
    }
}

impl ToOutput for DomainEntry {
    type Output = HistoryEntry;
    fn to_output(&self) -> HistoryEntry {
        HistoryEntry {
            change: self.change.clone(),
            at: (self.at > 0)
                .then(|| Local.timestamp_opt(self.at, 0).single())
                .flatten()
                .map(|at| at.format("%Y-%m-%dT%H:%M:%S%:z").to_string()),
            device: self.device.clone(),
            label: self.label.clone(),
            changes: self.touched.iter().map(touched).collect(),
        }
    }
}

fn touched(t: &DomainTouched) -> Touched {
    Touched {
        kind: kind(t.kind),
        id: t.id.clone(),
        how: how(t.how),
        name: t.name.clone(),
        fields: t.fields.clone(),
        present: t.present,
    }
}

impl ToOutput for DomainRestored {
    type Output = Restored;
    fn to_output(&self) -> Restored {
        Restored {
            kind: kind(self.kind),
            id: self.id.clone(),
            name: self.name.clone(),
        }
    }
}

impl Human for HistoryEntry {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let at = self.at.as_deref().map_or("before history", |at| &at[..16]);
        let device = match (&self.label, &self.device) {
            (Some(label), _) => label.clone(),
            (None, Some(peer)) => format!("device …{}", &peer[peer.len().saturating_sub(6)..]),
            (None, None) => "an unknown device".to_string(),
        };
        let what: Vec<String> = self
            .changes
            .iter()
            .map(|t| {
                let name = t.name.as_deref().map_or(String::new(), |n| format!(" {n}"));
                let fields = if t.fields.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", t.fields.join(", "))
                };
                format!("{} {}{name}{fields}", t.how, t.kind)
            })
            .collect();
        let change = &self.change[..self.change.len().min(8)];
        writeln!(out, "{at}  {change}  {device}: {}", what.join("; "))
    }
}

impl Human for Restored {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "restored {} {} ({})", self.kind, self.name, self.id)
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::*;
    use crate::output::check;

    #[test]
    fn history() {
        let entry = HistoryEntry {
            change: "5c1d0e9a7b3f44a2b8c6d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5".into(),
            at: Some("2026-12-02T08:10:00+01:00".into()),
            device: Some("12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt".into()),
            label: None,
            changes: vec![
                Touched {
                    kind: "member",
                    id: "9f3b2c1d".into(),
                    how: "added",
                    name: Some("Nadia Lambotte".into()),
                    fields: Vec::new(),
                    present: true,
                },
                Touched {
                    kind: "event",
                    id: "0a1b2c3d".into(),
                    how: "changed",
                    name: Some("Bistrot du vendredi".into()),
                    fields: vec!["title".into(), "start".into()],
                    present: true,
                },
            ],
        };
        check(
            &vec![entry],
            expect![[r#"
                [
                  {
                    "change": "5c1d0e9a7b3f44a2b8c6d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5",
                    "at": "2026-12-02T08:10:00+01:00",
                    "device": "12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt",
                    "label": null,
                    "changes": [
                      {
                        "kind": "member",
                        "id": "9f3b2c1d",
                        "how": "added",
                        "name": "Nadia Lambotte",
                        "fields": [],
                        "present": true
                      },
                      {
                        "kind": "event",
                        "id": "0a1b2c3d",
                        "how": "changed",
                        "name": "Bistrot du vendredi",
                        "fields": [
                          "title",
                          "start"
                        ],
                        "present": true
                      }
                    ]
                  }
                ]"#]],
            expect![[r#"
                2026-12-02T08:10  5c1d0e9a  device …hvjCNt: added member Nadia Lambotte; changed event Bistrot du vendredi (title, start)
            "#]],
        );
    }

    #[test]
    fn restore() {
        let restored = Restored {
            kind: "member",
            id: "9f3b2c1d".into(),
            name: "Nadia Lambotte".into(),
        };
        check(
            &restored,
            expect![[r#"
                {
                  "kind": "member",
                  "id": "9f3b2c1d",
                  "name": "Nadia Lambotte"
                }"#]],
            expect![[r#"
                restored member Nadia Lambotte (9f3b2c1d)
            "#]],
        );
    }
}
