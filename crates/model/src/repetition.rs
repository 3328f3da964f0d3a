//! How often an event repeats, in the words of the event form ("every two weeks", "the last
//! Friday of each month", until a given day), and the iCalendar rule (RFC 5545 `RRULE`) each
//! choice stands for. Rules the form has no words for are kept as written.

use chrono::{NaiveTime, Weekday};
use chrono_tz::Tz;
use rrule::{Frequency, NWeekday, RRule, Unvalidated};

use crate::codec::Date;
use crate::recurrence::Schedule;

/// How often an event repeats, as a person chooses it.
///
/// ```
/// use chrono_tz::Tz;
/// use comptoir_model::{Cadence, Date, Repetition, Weekday};
///
/// let last_friday = Repetition::Every {
///     cadence: Cadence::MonthlyOnWeekday { week: -1, weekday: Weekday::Fri },
///     until: Some(Date::parse("2022-06-30")?),
/// };
/// let rule = last_friday.to_rrule();
/// assert_eq!(rule.as_deref(), Some("FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20220630"));
/// assert_eq!(Repetition::from_rrule(&rule.unwrap_or_default(), Tz::Europe__Brussels), last_friday);
///
/// // A rule the form cannot show stays as it was written.
/// let custom = Repetition::from_rrule("FREQ=WEEKLY;COUNT=6", Tz::Europe__Brussels);
/// assert_eq!(custom, Repetition::Custom("FREQ=WEEKLY;COUNT=6".into()));
/// # Ok::<(), comptoir_model::ModelError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repetition {
    /// Just once.
    Never,
    /// On a regular cadence from the event's start, up to and including `until` (a day in
    /// the event's own zone), or with no end.
    Every {
        cadence: Cadence,
        until: Option<Date>,
    },
    /// A rule the form has no words for (a count, several weekdays, every year…), as written.
    Custom(String),
}

/// The cadences the event form offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cadence {
    /// On the start's weekday, every `weeks` weeks (1: every week).
    Weekly { weeks: u8 },
    /// On the start's day of the month, every month.
    MonthlyOnDay,
    /// On the `week`-th `weekday` of every month: 1 to 4, or -1 for the last.
    MonthlyOnWeekday { week: i8, weekday: Weekday },
}

impl Repetition {
    /// The rule this choice stands for, as [`crate::NewEvent::repeat`] takes it (`None`: the
    /// event happens once). A last day is written as a date (`UNTIL=20211218`), which the
    /// model stores as the end of that day in the event's zone.
    pub fn to_rrule(&self) -> Option<String> {
        match self {
            Repetition::Never => None,
            Repetition::Custom(rule) => Some(rule.clone()),
            Repetition::Every { cadence, until } => {
                let mut rule = cadence.to_rrule();
                if let Some(until) = until {
                    rule.push_str(&format!(";UNTIL={}", until.0.format("%Y%m%d")));
                }
                Some(rule)
            }
        }
    }

    /// The choice a rule stands for, for an event in `zone`; [`Repetition::Custom`] (the rule
    /// as given) when the form has no words for it.
    pub fn from_rrule(rule: &str, zone: Tz) -> Self {
        Self::read(rule, zone).unwrap_or_else(|| Repetition::Custom(rule.to_string()))
    }

    fn read(rule: &str, zone: Tz) -> Option<Self> {
        // Normalised first, a day-only UNTIL becomes an instant in UTC: parsed as written,
        // rrule would read it in the machine's own zone.
        let normalised = Schedule::normalise_rule(rule, zone).ok()?;
        let parsed: RRule<Unvalidated> = normalised.parse().ok()?;
        let until = match parsed.get_until() {
            None => None,
            Some(until) if until.timezone().is_local() => return None,
            Some(until) => {
                // The form's last day is stored as the end of that day; any other instant
                // would not survive being shown and saved again.
                let local = until.with_timezone(&zone).naive_local();
                if local.time() != NaiveTime::from_hms_opt(23, 59, 59)? {
                    return None;
                }
                Some(Date(local.date()))
            }
        };
        let plain = parsed.get_count().is_none()
            && parsed.get_by_set_pos().is_empty()
            && parsed.get_by_month().is_empty()
            && parsed.get_by_month_day().is_empty()
            && parsed.get_by_year_day().is_empty()
            && parsed.get_by_week_no().is_empty()
            && parsed.get_by_hour().is_empty()
            && parsed.get_by_minute().is_empty()
            && parsed.get_by_second().is_empty();
        if !plain {
            return None;
        }
        let interval = parsed.get_interval();
        let cadence = match (parsed.get_freq(), parsed.get_by_weekday()) {
            (Frequency::Weekly, []) => Cadence::Weekly {
                weeks: u8::try_from(interval).ok().filter(|w| *w >= 1)?,
            },
            (Frequency::Monthly, []) if interval == 1 => Cadence::MonthlyOnDay,
            (Frequency::Monthly, [NWeekday::Nth(week, weekday)]) if interval == 1 => {
                let week = i8::try_from(*week)
                    .ok()
                    .filter(|w| Cadence::WEEKS.contains(w))?;
                Cadence::MonthlyOnWeekday {
                    week,
                    weekday: *weekday,
                }
            }
            _ => return None,
        };
        Some(Repetition::Every { cadence, until })
    }
}

impl Cadence {
    /// The weeks of the month [`Cadence::MonthlyOnWeekday`] can name: a fifth weekday would
    /// skip most months.
    pub const WEEKS: [i8; 5] = [1, 2, 3, 4, -1];

    fn to_rrule(self) -> String {
        match self {
            Cadence::Weekly { weeks: 1 } => format!("FREQ={}", Frequency::Weekly),
            Cadence::Weekly { weeks } => format!("FREQ={};INTERVAL={weeks}", Frequency::Weekly),
            Cadence::MonthlyOnDay => format!("FREQ={}", Frequency::Monthly),
            // rrule 0.14 writes the first weekday without its "1" (`NWeekday::Nth(1, TH)` is
            // "TH", every Thursday): the number is written here, the day's letters by rrule.
            Cadence::MonthlyOnWeekday { week, weekday } => format!(
                "FREQ={};BYDAY={week}{}",
                Frequency::Monthly,
                NWeekday::Every(weekday)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use rrule::{RRule, Tz as RRuleTz};

    use super::*;
    use crate::LocalDateTime;

    const BRUSSELS: Tz = Tz::Europe__Brussels;

    fn every(cadence: Cadence, until: Option<&str>) -> Repetition {
        Repetition::Every {
            cadence,
            until: until.and_then(|d| Date::parse(d).ok()),
        }
    }

    fn monthly(week: i8, weekday: Weekday) -> Cadence {
        Cadence::MonthlyOnWeekday { week, weekday }
    }

    #[test]
    fn choices_become_rules() {
        let table = [
            (Repetition::Never, None),
            (
                every(Cadence::Weekly { weeks: 1 }, Some("2021-12-18")),
                Some("FREQ=WEEKLY;UNTIL=20211218"),
            ),
            (
                every(Cadence::Weekly { weeks: 2 }, None),
                Some("FREQ=WEEKLY;INTERVAL=2"),
            ),
            (
                every(monthly(1, Weekday::Thu), None),
                Some("FREQ=MONTHLY;BYDAY=1TH"),
            ),
            (
                every(monthly(-1, Weekday::Fri), Some("2022-06-30")),
                Some("FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20220630"),
            ),
            (every(Cadence::MonthlyOnDay, None), Some("FREQ=MONTHLY")),
            (
                Repetition::Custom("FREQ=YEARLY;BYMONTH=6".into()),
                Some("FREQ=YEARLY;BYMONTH=6"),
            ),
        ];
        for (choice, rule) in table {
            assert_eq!(choice.to_rrule().as_deref(), rule, "{choice:?}");
        }
    }

    #[test]
    fn a_rule_means_what_rrule_reads_in_it() -> Result<(), rrule::RRuleError> {
        // Built with rrule's own builder, the meaning each rule text must parse back to.
        let table = [
            (
                every(monthly(1, Weekday::Thu), None),
                RRule::new(Frequency::Monthly).by_weekday(vec![NWeekday::Nth(1, Weekday::Thu)]),
            ),
            (
                every(monthly(-1, Weekday::Fri), None),
                RRule::new(Frequency::Monthly).by_weekday(vec![NWeekday::Nth(-1, Weekday::Fri)]),
            ),
            (
                every(Cadence::Weekly { weeks: 3 }, None),
                RRule::new(Frequency::Weekly).interval(3),
            ),
            (
                every(Cadence::MonthlyOnDay, None),
                RRule::new(Frequency::Monthly),
            ),
        ];
        for (choice, meaning) in table {
            let text = choice.to_rrule().unwrap_or_default();
            assert_eq!(text.parse::<RRule<Unvalidated>>()?, meaning, "{text}");
        }
        Ok(())
    }

    #[test]
    fn stored_rules_read_back_as_choices() {
        // As the model stores them: UNTIL at the end of the local day, in UTC.
        let table = [
            ("FREQ=WEEKLY", every(Cadence::Weekly { weeks: 1 }, None)),
            (
                "FREQ=WEEKLY;UNTIL=20261218T225959Z",
                every(Cadence::Weekly { weeks: 1 }, Some("2026-12-18")),
            ),
            (
                // Summer time: the same end of day is an hour earlier in UTC.
                "FREQ=WEEKLY;INTERVAL=3;UNTIL=20260630T215959Z",
                every(Cadence::Weekly { weeks: 3 }, Some("2026-06-30")),
            ),
            (
                "freq=monthly;byday=-1fr;wkst=mo",
                every(monthly(-1, Weekday::Fri), None),
            ),
            (
                "RRULE:FREQ=MONTHLY;BYDAY=+2SA",
                every(monthly(2, Weekday::Sat), None),
            ),
            ("FREQ=MONTHLY", every(Cadence::MonthlyOnDay, None)),
            (
                // Typed with a day only, as the CLI accepts it.
                "FREQ=MONTHLY;UNTIL=20270101",
                every(Cadence::MonthlyOnDay, Some("2027-01-01")),
            ),
        ];
        for (rule, choice) in table {
            assert_eq!(Repetition::from_rrule(rule, BRUSSELS), choice, "{rule}");
        }
    }

    #[test]
    fn rules_the_form_cannot_show_are_kept_as_written() {
        for rule in [
            "FREQ=WEEKLY;COUNT=6",
            "FREQ=WEEKLY;BYDAY=MO,TH",
            "FREQ=WEEKLY;BYDAY=FR",
            "FREQ=YEARLY",
            "FREQ=DAILY",
            "FREQ=MONTHLY;BYDAY=5FR",
            "FREQ=MONTHLY;BYDAY=TH",
            "FREQ=MONTHLY;BYDAY=1TH,3TH",
            "FREQ=MONTHLY;INTERVAL=2",
            "FREQ=MONTHLY;BYMONTHDAY=15",
            "FREQ=MONTHLY;BYDAY=TH;BYSETPOS=1",
            "FREQ=WEEKLY;INTERVAL=300",
            "FREQ=WEEKLY;INTERVAL=0",
            // An UNTIL that is not the end of a day, or a floating local time.
            "FREQ=WEEKLY;UNTIL=20261218T120000Z",
            "FREQ=WEEKLY;UNTIL=20261218T235959",
            "FREQ=HOURLY",
            "nonsense",
            "",
        ] {
            assert_eq!(
                Repetition::from_rrule(rule, BRUSSELS),
                Repetition::Custom(rule.to_string()),
                "{rule}"
            );
        }
    }

    #[test]
    fn the_last_day_is_the_last_occurrence() -> crate::Result<()> {
        // 1. Every Thursday at 19:00 from 4 March, until 1 April (a Thursday), in Brussels.
        let choice = every(Cadence::Weekly { weeks: 1 }, Some("2021-04-01"));
        let rule = Schedule::normalise_rule(&choice.to_rrule().unwrap_or_default(), BRUSSELS)?;
        let start = LocalDateTime::parse("2021-03-04T19:00")?;
        let schedule = Schedule::new(start, None, BRUSSELS.name(), Some(rule.as_str()))?;

        // 2. The 1 April meeting is the last one, summer time notwithstanding.
        let last = schedule.slots(None, chrono::NaiveDate::MAX).last();
        assert_eq!(
            last.map(|s| s.date.to_string()).as_deref(),
            Some("2021-04-01")
        );
        assert_eq!(schedule.until(), choice_until(&choice));

        // 3. And the stored rule reads back as the same choice.
        assert_eq!(Repetition::from_rrule(&rule, BRUSSELS), choice);
        Ok(())
    }

    fn choice_until(choice: &Repetition) -> Option<Date> {
        match choice {
            Repetition::Every { until, .. } => *until,
            _ => None,
        }
    }

    fn zones() -> impl Strategy<Value = Tz> {
        prop::sample::select(vec![
            Tz::Europe__Brussels,
            Tz::Europe__Paris,
            Tz::UTC,
            Tz::America__New_York,
            Tz::Pacific__Auckland,
            Tz::Asia__Kolkata,
        ])
    }

    fn cadences() -> impl Strategy<Value = Cadence> {
        let weekday = (0u8..7).prop_map(|d| Weekday::try_from(d).unwrap_or(Weekday::Mon));
        prop_oneof![
            (1u8..=u8::MAX).prop_map(|weeks| Cadence::Weekly { weeks }),
            Just(Cadence::MonthlyOnDay),
            (prop::sample::select(Cadence::WEEKS.to_vec()), weekday)
                .prop_map(|(week, weekday)| Cadence::MonthlyOnWeekday { week, weekday }),
        ]
    }

    fn choices() -> impl Strategy<Value = Repetition> {
        let day = (0i64..30_000).prop_map(|n| {
            let epoch = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
            Date(epoch + chrono::Duration::days(n))
        });
        prop_oneof![
            Just(Repetition::Never),
            (cadences(), prop::option::of(day))
                .prop_map(|(cadence, until)| Repetition::Every { cadence, until }),
        ]
    }

    proptest! {
        #[test]
        fn every_choice_survives_being_stored_and_read(choice in choices(), zone in zones()) {
            let Some(rule) = choice.to_rrule() else {
                prop_assert_eq!(choice, Repetition::Never);
                return Ok(());
            };
            // As typed and as stored (the model turns the last day into an instant).
            prop_assert_eq!(&Repetition::from_rrule(&rule, zone), &choice);
            let stored = Schedule::normalise_rule(&rule, zone);
            prop_assert!(stored.is_ok(), "{rule}: {stored:?}");
            let stored = stored.unwrap_or_default();
            prop_assert_eq!(&Repetition::from_rrule(&stored, zone), &choice);
            // The stored rule names the end of the last day, in UTC.
            if let Repetition::Every { until: Some(_), .. } = choice {
                let parsed = stored.parse::<RRule<Unvalidated>>();
                prop_assert!(parsed.is_ok_and(|r| r.get_until().is_some_and(|u| u.timezone() == RRuleTz::UTC)));
            }
        }

        #[test]
        fn a_custom_rule_is_never_rewritten(count in 1u32..500, zone in zones()) {
            let rule = format!("FREQ=WEEKLY;COUNT={count}");
            let choice = Repetition::from_rrule(&rule, zone);
            prop_assert_eq!(choice.to_rrule(), Some(rule.clone()));
            prop_assert_eq!(choice, Repetition::Custom(rule));
        }
    }
}
