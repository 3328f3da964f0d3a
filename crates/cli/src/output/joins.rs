//! Confirmed joins: `invite pending`, `invite approve` and `invite deny`.

use std::io::{self, Write};

use comptoir_app::JoinRequestView;
use serde::Serialize;

use super::{Human, ToOutput};

/// A device waiting for an admin's decision (`invite pending`, and what `approve`/`deny` decided).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JoinRequest {
    /// What `invite approve` and `invite deny` take.
    pub id: String,
    pub group: String,
    pub peer: String,
    pub label: Option<String>,
    /// The six digits the waiting device shows.
    pub check: String,
    pub role: String,
    /// Unix seconds.
    pub requested_at: i64,
}

/// What `invite approve` or `invite deny` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decided {
    /// `approved` or `denied`.
    pub decision: &'static str,
    #[serde(flatten)]
    pub request: JoinRequest,
}

impl ToOutput for JoinRequestView {
    type Output = JoinRequest;
    fn to_output(&self) -> JoinRequest {
        JoinRequest {
            id: self.id.clone(),
            group: self.group.clone(),
            peer: self.peer.clone(),
            label: self.label.clone(),
            check: self.check.clone(),
            role: self.role.clone(),
            requested_at: self.requested_at,
        }
    }
}

impl Human for JoinRequest {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let label = self.label.as_deref().unwrap_or("(no name)");
        writeln!(
            out,
            "{} — check {} — {label} ({}) asks to join group {} as {}",
            self.id, self.check, self.peer, self.group, self.role
        )
    }
}

impl Human for Decided {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let label = self.request.label.as_deref().unwrap_or("(no name)");
        writeln!(
            out,
            "{}: {label} ({}), group {}",
            self.decision, self.request.peer, self.request.group
        )
    }
}

#[cfg(test)]
mod tests {
    use comptoir_app::JoinRequestView;
    use expect_test::expect;

    use super::super::{ToOutput, check, fixture};
    use super::Decided;

    fn waiting() -> JoinRequestView {
        JoinRequestView {
            id: "9f3a61c2".into(),
            group: fixture::GROUP.into(),
            peer: fixture::OTHER_DEVICE.into(),
            label: Some("Portable d'Élise".into()),
            check: "482 913".into(),
            role: "facilitator".into(),
            requested_at: 1_630_540_800,
        }
    }

    #[test]
    fn invite_pending() {
        check(
            &vec![waiting()].to_output(),
            expect![[r#"
            [
              {
                "id": "9f3a61c2",
                "group": "6d1f0c2b9a8e7d6c5b4a39281706f5e4",
                "peer": "12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt",
                "label": "Portable d'Élise",
                "check": "482 913",
                "role": "facilitator",
                "requested_at": 1630540800
              }
            ]"#]],
            expect![[r#"
            9f3a61c2 — check 482 913 — Portable d'Élise (12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt) asks to join group 6d1f0c2b9a8e7d6c5b4a39281706f5e4 as facilitator
        "#]],
        );
    }

    #[test]
    fn invite_approve() {
        let decided = Decided {
            decision: "approved",
            request: waiting().to_output(),
        };
        check(
            &decided,
            expect![[r#"
            {
              "decision": "approved",
              "id": "9f3a61c2",
              "group": "6d1f0c2b9a8e7d6c5b4a39281706f5e4",
              "peer": "12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt",
              "label": "Portable d'Élise",
              "check": "482 913",
              "role": "facilitator",
              "requested_at": 1630540800
            }"#]],
            expect![[r#"
            approved: Portable d'Élise (12D3KooWKuJmEguvzbe1vWZP6e8twC4MvyJbCThr9ESxpFhvjCNt), group 6d1f0c2b9a8e7d6c5b4a39281706f5e4
        "#]],
        );
    }
}
