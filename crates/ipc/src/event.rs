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

impl Repeat {
    /// The plain-words choice an iCalendar rule stands for, its `UNTIL` aside; `None` when the
    /// form has no such choice (a count, several days, yearly…).
    pub fn from_rrule(rule: &str) -> Option<Repeat> {
        let mut freq = None;
        let mut interval = 1u8;
        let mut by_day = None;
        for part in rule.trim().split(';').filter(|p| !p.is_empty()) {
            let (key, value) = part.split_once('=')?;
            match key.to_ascii_uppercase().as_str() {
                "FREQ" => freq = Some(value.to_ascii_uppercase()),
                "INTERVAL" => interval = value.parse().ok().filter(|i| *i >= 1)?,
                "BYDAY" => by_day = Some(value.to_ascii_uppercase()),
                "UNTIL" | "WKST" => {}
                _ => return None,
            }
        }
        match (freq?.as_str(), by_day) {
            ("WEEKLY", None) => Some(Repeat::Weekly { weeks: interval }),
            ("MONTHLY", None) if interval == 1 => Some(Repeat::MonthlyOnDay),
            ("MONTHLY", Some(day)) if interval == 1 => {
                let split = day.len().checked_sub(2)?;
                let week: i8 = day.get(..split)?.parse().ok()?;
                let weekday = Weekday::ALL
                    .into_iter()
                    .find(|w| Some(w.code()) == day.get(split..))?;
                matches!(week, 1..=4 | -1).then_some(Repeat::MonthlyOnWeekday { week, weekday })
            }
            _ => None,
        }
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
    fn rules_read_back_as_plain_words() {
        let choices = [
            Repeat::Weekly { weeks: 1 },
            Repeat::Weekly { weeks: 3 },
            Repeat::MonthlyOnDay,
            Repeat::MonthlyOnWeekday {
                week: 1,
                weekday: Weekday::Thursday,
            },
            Repeat::MonthlyOnWeekday {
                week: -1,
                weekday: Weekday::Friday,
            },
        ];
        for choice in choices {
            for until in ["", "2026-12-18"] {
                let rule = choice.rrule(until).unwrap_or_default();
                assert_eq!(Repeat::from_rrule(&rule), Some(choice), "{rule}");
            }
        }
        // As the model stores it: UNTIL at the end of the local day, in UTC.
        assert_eq!(
            Repeat::from_rrule("FREQ=WEEKLY;UNTIL=20261218T225959Z"),
            Some(Repeat::Weekly { weeks: 1 })
        );
        for other in [
            "FREQ=WEEKLY;COUNT=6",
            "FREQ=WEEKLY;BYDAY=MO,TH",
            "FREQ=YEARLY",
            "FREQ=MONTHLY;BYDAY=5FR",
            "FREQ=DAILY",
            "nonsense",
        ] {
            assert_eq!(Repeat::from_rrule(other), None, "{other}");
        }
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
