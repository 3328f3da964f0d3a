//! A new event as the form fills it in, with its recurrence in plain words.

use serde::{Deserialize, Serialize};

use crate::EventKind;

/// What a facilitator types to plan an event. Empty texts mean "not given".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDraft {
    pub group: String,
    pub title: String,
    pub kind: EventKind,
    /// Local wall-clock start, `YYYY-MM-DDTHH:MM`, in the group's zone.
    pub start: String,
    /// Local wall-clock end, `YYYY-MM-DDTHH:MM`, or empty.
    pub end: String,
    pub repeat: Repeat,
    /// Last day of the recurrence (`YYYY-MM-DD`), inclusive; empty: no end.
    pub until: String,
    pub venue: String,
    pub address: String,
    /// A video link.
    pub online: String,
    pub theme: String,
}

/// An existing event as its form shows it, and as the form sends it back once edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventEdit {
    /// The event's id.
    pub event: String,
    pub draft: EventDraft,
    /// The event's rule when the form cannot show it (a count of occurrences, several days…):
    /// sent back as it came, it is kept; `None` once the person chose a repetition.
    pub other_rule: Option<String>,
}

/// How an event repeats, as people say it. Each choice maps to one iCalendar rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "every")]
pub enum Repeat {
    /// Once.
    Never,
    /// Every `weeks` weeks on the start's weekday (1: every week).
    Weekly { weeks: u8 },
    /// Every month on the `week`-th `weekday` (1 to 4, or -1 for the last), e.g. the first
    /// Thursday.
    MonthlyOnWeekday { week: i8, weekday: Weekday },
    /// Every month on the start's day of the month.
    MonthlyOnDay,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    /// Monday first, as in Belgium and France.
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeat_travels_tagged() -> serde_json::Result<()> {
        let repeat = Repeat::MonthlyOnWeekday {
            week: 1,
            weekday: Weekday::Thursday,
        };
        let json = serde_json::to_string(&repeat)?;
        assert_eq!(
            json,
            r#"{"every":"monthly_on_weekday","week":1,"weekday":"thursday"}"#
        );
        assert_eq!(serde_json::from_str::<Repeat>(&json)?, repeat);
        Ok(())
    }
}
