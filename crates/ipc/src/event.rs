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

impl Repeat {
    /// The iCalendar rule (RFC 5545 `RRULE` value), or `None` for a single event; `until` is
    /// `YYYY-MM-DD` or empty.
    pub fn rrule(self, until: &str) -> Option<String> {
        let mut rule = match self {
            Repeat::Never => return None,
            Repeat::Weekly { weeks } if weeks > 1 => format!("FREQ=WEEKLY;INTERVAL={weeks}"),
            Repeat::Weekly { .. } => "FREQ=WEEKLY".to_string(),
            Repeat::MonthlyOnWeekday { week, weekday } => {
                format!("FREQ=MONTHLY;BYDAY={week}{}", weekday.code())
            }
            Repeat::MonthlyOnDay => "FREQ=MONTHLY".to_string(),
        };
        let until: String = until.trim().chars().filter(|c| *c != '-').collect();
        if !until.is_empty() {
            rule.push_str(";UNTIL=");
            rule.push_str(&until);
        }
        Some(rule)
    }
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

    /// The two letters iCalendar uses.
    pub fn code(self) -> &'static str {
        match self {
            Weekday::Monday => "MO",
            Weekday::Tuesday => "TU",
            Weekday::Wednesday => "WE",
            Weekday::Thursday => "TH",
            Weekday::Friday => "FR",
            Weekday::Saturday => "SA",
            Weekday::Sunday => "SU",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_become_rules() {
        assert_eq!(Repeat::Never.rrule("2021-12-18"), None);
        assert_eq!(
            Repeat::Weekly { weeks: 1 }.rrule("2021-12-18").as_deref(),
            Some("FREQ=WEEKLY;UNTIL=20211218")
        );
        assert_eq!(
            Repeat::Weekly { weeks: 2 }.rrule("").as_deref(),
            Some("FREQ=WEEKLY;INTERVAL=2")
        );
        let first_thursday = Repeat::MonthlyOnWeekday {
            week: 1,
            weekday: Weekday::Thursday,
        };
        assert_eq!(
            first_thursday.rrule("").as_deref(),
            Some("FREQ=MONTHLY;BYDAY=1TH")
        );
        let last_friday = Repeat::MonthlyOnWeekday {
            week: -1,
            weekday: Weekday::Friday,
        };
        assert_eq!(
            last_friday.rrule(" 2022-06-30 ").as_deref(),
            Some("FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20220630")
        );
        assert_eq!(
            Repeat::MonthlyOnDay.rrule("").as_deref(),
            Some("FREQ=MONTHLY")
        );
    }

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
