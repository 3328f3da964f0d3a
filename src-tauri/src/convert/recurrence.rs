//! Recurrence between the form's plain-words choices (`ipc::Repeat`) and iCalendar rules
//! (RFC 5545 `RRULE` values), which the model stores.

use comptoir_ipc::{Repeat, Weekday};

/// The rule a choice stands for, or `None` for a single event; `until` is `YYYY-MM-DD` or
/// empty.
pub fn rrule(repeat: Repeat, until: &str) -> Option<String> {
    let mut rule = match repeat {
        Repeat::Never => return None,
        Repeat::Weekly { weeks } if weeks > 1 => format!("FREQ=WEEKLY;INTERVAL={weeks}"),
        Repeat::Weekly { .. } => "FREQ=WEEKLY".to_string(),
        Repeat::MonthlyOnWeekday { week, weekday } => {
            format!("FREQ=MONTHLY;BYDAY={week}{}", code(weekday))
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

/// The plain-words choice a rule stands for, its `UNTIL` aside; `None` when the form has no such
/// choice (a count, several days, yearly…).
pub fn repeat_of(rule: &str) -> Option<Repeat> {
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
                .find(|w| Some(code(*w)) == day.get(split..))?;
            matches!(week, 1..=4 | -1).then_some(Repeat::MonthlyOnWeekday { week, weekday })
        }
        _ => None,
    }
}

/// The two letters iCalendar uses for a weekday.
fn code(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Monday => "MO",
        Weekday::Tuesday => "TU",
        Weekday::Wednesday => "WE",
        Weekday::Thursday => "TH",
        Weekday::Friday => "FR",
        Weekday::Saturday => "SA",
        Weekday::Sunday => "SU",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_become_rules() {
        assert_eq!(rrule(Repeat::Never, "2021-12-18"), None);
        assert_eq!(
            rrule(Repeat::Weekly { weeks: 1 }, "2021-12-18").as_deref(),
            Some("FREQ=WEEKLY;UNTIL=20211218")
        );
        assert_eq!(
            rrule(Repeat::Weekly { weeks: 2 }, "").as_deref(),
            Some("FREQ=WEEKLY;INTERVAL=2")
        );
        let first_thursday = Repeat::MonthlyOnWeekday {
            week: 1,
            weekday: Weekday::Thursday,
        };
        assert_eq!(
            rrule(first_thursday, "").as_deref(),
            Some("FREQ=MONTHLY;BYDAY=1TH")
        );
        let last_friday = Repeat::MonthlyOnWeekday {
            week: -1,
            weekday: Weekday::Friday,
        };
        assert_eq!(
            rrule(last_friday, " 2022-06-30 ").as_deref(),
            Some("FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20220630")
        );
        assert_eq!(
            rrule(Repeat::MonthlyOnDay, "").as_deref(),
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
                let rule = rrule(choice, until).unwrap_or_default();
                assert_eq!(repeat_of(&rule), Some(choice), "{rule}");
            }
        }
        // As the model stores it: UNTIL at the end of the local day, in UTC.
        assert_eq!(
            repeat_of("FREQ=WEEKLY;UNTIL=20261218T225959Z"),
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
            assert_eq!(repeat_of(other), None, "{other}");
        }
    }
}
