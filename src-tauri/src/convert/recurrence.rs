//! Recurrence between the form's plain-words choices (`ipc::Repeat` and its last day) and the
//! model's `Repetition`, which knows the iCalendar rules they stand for.

use comptoir_app::model::{Cadence, Date, Repetition, Weekday as Day};
use comptoir_ipc::{Repeat, Weekday};

/// The repetition a choice of the form stands for; a single event has no last day.
pub fn repetition(repeat: Repeat, until: Option<Date>) -> Repetition {
    let cadence = match repeat {
        Repeat::Never => return Repetition::Never,
        Repeat::Weekly { weeks } => Cadence::Weekly { weeks },
        Repeat::MonthlyOnDay => Cadence::MonthlyOnDay,
        Repeat::MonthlyOnWeekday { week, weekday } => Cadence::MonthlyOnWeekday {
            week,
            weekday: day(weekday),
        },
    };
    Repetition::Every { cadence, until }
}

/// The form's choice and last day for a repetition; `None` for a rule the form has no words
/// for ([`Repetition::Custom`]).
pub fn shown(repetition: &Repetition) -> Option<(Repeat, Option<Date>)> {
    match repetition {
        Repetition::Never => Some((Repeat::Never, None)),
        Repetition::Custom(_) => None,
        Repetition::Every { cadence, until } => {
            let repeat = match *cadence {
                Cadence::Weekly { weeks } => Repeat::Weekly { weeks },
                Cadence::MonthlyOnDay => Repeat::MonthlyOnDay,
                Cadence::MonthlyOnWeekday { week, weekday } => Repeat::MonthlyOnWeekday {
                    week,
                    weekday: ipc_day(weekday),
                },
            };
            Some((repeat, *until))
        }
    }
}

fn day(weekday: Weekday) -> Day {
    match weekday {
        Weekday::Monday => Day::Mon,
        Weekday::Tuesday => Day::Tue,
        Weekday::Wednesday => Day::Wed,
        Weekday::Thursday => Day::Thu,
        Weekday::Friday => Day::Fri,
        Weekday::Saturday => Day::Sat,
        Weekday::Sunday => Day::Sun,
    }
}

fn ipc_day(day: Day) -> Weekday {
    match day {
        Day::Mon => Weekday::Monday,
        Day::Tue => Weekday::Tuesday,
        Day::Wed => Weekday::Wednesday,
        Day::Thu => Weekday::Thursday,
        Day::Fri => Weekday::Friday,
        Day::Sat => Weekday::Saturday,
        Day::Sun => Weekday::Sunday,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_of_the_form_comes_back_as_itself() {
        let mut choices = vec![Repeat::MonthlyOnDay];
        for weeks in [1, 2, 3] {
            choices.push(Repeat::Weekly { weeks });
        }
        for weekday in Weekday::ALL {
            for week in [1, 2, 3, 4, -1] {
                choices.push(Repeat::MonthlyOnWeekday { week, weekday });
            }
        }
        let until = Date::parse("2026-12-18").ok();
        for choice in choices {
            for until in [None, until] {
                assert_eq!(
                    shown(&repetition(choice, until)),
                    Some((choice, until)),
                    "{choice:?}"
                );
            }
        }
        // A single event has no last day, whatever the form's date field holds.
        assert_eq!(repetition(Repeat::Never, until), Repetition::Never);
        assert_eq!(shown(&Repetition::Never), Some((Repeat::Never, None)));
    }

    #[test]
    fn a_rule_without_words_is_not_shown_as_one() {
        let custom = Repetition::Custom("FREQ=WEEKLY;COUNT=6".into());
        assert_eq!(shown(&custom), None);
    }

    #[test]
    fn the_first_thursday_is_the_rule_other_calendars_read() {
        let first_thursday = Repeat::MonthlyOnWeekday {
            week: 1,
            weekday: Weekday::Thursday,
        };
        assert_eq!(
            repetition(first_thursday, None).to_rrule().as_deref(),
            Some("FREQ=MONTHLY;BYDAY=1TH")
        );
    }
}
