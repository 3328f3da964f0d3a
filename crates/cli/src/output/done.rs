//! Short acknowledgements: `member remove`, `event rsvp`, `event attendance`, `export -o`.

use std::io::{self, Write};

use serde::Serialize;

use super::Human;

/// What was done, named by `done`, with its details (in the order of their names).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "done", rename_all = "kebab-case")]
pub enum Done {
    Removed {
        member: String,
    },
    Answered {
        answer: &'static str,
        event: String,
        member: String,
        occurrence: String,
    },
    Counted {
        count: i64,
        event: String,
        occurrence: String,
    },
    Exported {
        bytes: usize,
        file: String,
    },
}

impl Done {
    fn name(&self) -> &'static str {
        match self {
            Done::Removed { .. } => "removed",
            Done::Answered { .. } => "answered",
            Done::Counted { .. } => "counted",
            Done::Exported { .. } => "exported",
        }
    }

    /// The details as `name: value`, in the order the JSON gives them.
    fn details(&self) -> Vec<String> {
        match self {
            Done::Removed { member } => vec![format!("member: {member}")],
            Done::Answered {
                answer,
                event,
                member,
                occurrence,
            } => vec![
                format!("answer: {answer}"),
                format!("event: {event}"),
                format!("member: {member}"),
                format!("occurrence: {occurrence}"),
            ],
            Done::Counted {
                count,
                event,
                occurrence,
            } => vec![
                format!("count: {count}"),
                format!("event: {event}"),
                format!("occurrence: {occurrence}"),
            ],
            Done::Exported { bytes, file } => {
                vec![format!("bytes: {bytes}"), format!("file: {file}")]
            }
        }
    }
}

impl Human for Done {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{} ({})", self.name(), self.details().join(", "))
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::super::{check, fixture};
    use super::Done;

    #[test]
    fn member_remove() {
        let done = Done::Removed {
            member: fixture::ORGANISATION.into(),
        };
        check(
            &done,
            expect![[r#"
            {
              "done": "removed",
              "member": "00000000a001"
            }"#]],
            expect![[r#"
            removed (member: 00000000a001)
        "#]],
        );
    }

    #[test]
    fn event_rsvp() {
        let done = Done::Answered {
            answer: "maybe",
            event: fixture::THURSDAYS.into(),
            member: fixture::JOEL.into(),
            occurrence: "2021-09-23".into(),
        };
        check(
            &done,
            expect![[r#"
            {
              "done": "answered",
              "answer": "maybe",
              "event": "00000000e001",
              "member": "00000000a002",
              "occurrence": "2021-09-23"
            }"#]],
            expect![[r#"
            answered (answer: maybe, event: 00000000e001, member: 00000000a002, occurrence: 2021-09-23)
        "#]],
        );
    }

    #[test]
    fn event_attendance() {
        let done = Done::Counted {
            count: 12,
            event: fixture::THURSDAYS.into(),
            occurrence: "2021-09-02".into(),
        };
        check(
            &done,
            expect![[r#"
            {
              "done": "counted",
              "count": 12,
              "event": "00000000e001",
              "occurrence": "2021-09-02"
            }"#]],
            expect![[r#"
            counted (count: 12, event: 00000000e001, occurrence: 2021-09-02)
        "#]],
        );
    }

    #[test]
    fn export_to_a_file() {
        let done = Done::Exported {
            bytes: 5321,
            file: "fleurus.json".into(),
        };
        check(
            &done,
            expect![[r#"
            {
              "done": "exported",
              "bytes": 5321,
              "file": "fleurus.json"
            }"#]],
            expect![[r#"
            exported (bytes: 5321, file: fleurus.json)
        "#]],
        );
    }
}
