//! Recurrence in plain words: the choices a start date allows, and how to say one.

use chrono::{Datelike, NaiveDate, Weekday as Day};
use comptoir_ipc::{Repeat, Weekday};

use crate::format::{short_date, weekday};

/// What the "Répétition" select offers for an event starting on `start`, in order; the first
/// is always "ne se répète pas".
pub fn choices(start: Option<NaiveDate>) -> Vec<Repeat> {
    let mut out = vec![Repeat::Never];
    let Some(start) = start else {
        return out;
    };
    let day = ipc_weekday(start.weekday());
    out.push(Repeat::Weekly { weeks: 1 });
    out.push(Repeat::Weekly { weeks: 2 });
    let week = week_of_month(start);
    if week <= 4 {
        out.push(Repeat::MonthlyOnWeekday { week, weekday: day });
    }
    if is_last_of_month(start) {
        out.push(Repeat::MonthlyOnWeekday {
            week: -1,
            weekday: day,
        });
    }
    out.push(Repeat::MonthlyOnDay);
    out
}

/// How a choice reads in the select, for an event starting on `start`.
pub fn label(repeat: Repeat, start: Option<NaiveDate>) -> String {
    let day = start.map(|s| weekday(s.weekday())).unwrap_or("jour");
    match repeat {
        Repeat::Never => "ne se répète pas".into(),
        Repeat::Weekly { weeks: 1 } => format!("chaque semaine (le {day})"),
        Repeat::Weekly { weeks: 2 } => format!("toutes les deux semaines (le {day})"),
        Repeat::Weekly { weeks } => format!("toutes les {weeks} semaines (le {day})"),
        Repeat::MonthlyOnWeekday { week, weekday: d } => {
            format!(
                "chaque mois ({} {})",
                ordinal(week),
                weekday(chrono_weekday(d))
            )
        }
        Repeat::MonthlyOnDay => match start {
            Some(s) if s.day() == 1 => "chaque mois (le 1er)".into(),
            Some(s) => format!("chaque mois (le {})", s.day()),
            None => "chaque mois (même jour)".into(),
        },
    }
}

/// The whole rule in a sentence: "tous les jeudis jusqu'au 18 décembre 2021".
pub fn describe(repeat: Repeat, start: Option<NaiveDate>, until: Option<NaiveDate>) -> String {
    let day = start.map(|s| weekday(s.weekday())).unwrap_or("jour");
    let rule = match repeat {
        Repeat::Never => return "une seule fois".into(),
        Repeat::Weekly { weeks: 1 } => format!("tous les {day}s"),
        Repeat::Weekly { weeks } => format!("un {day} sur {weeks}"),
        Repeat::MonthlyOnWeekday { week, weekday: d } => format!(
            "le {} {} de chaque mois",
            ordinal(week),
            weekday(chrono_weekday(d))
        ),
        Repeat::MonthlyOnDay => match start {
            Some(s) => format!(
                "le {} de chaque mois",
                if s.day() == 1 {
                    "1er".to_string()
                } else {
                    s.day().to_string()
                }
            ),
            None => "chaque mois".into(),
        },
    };
    match until {
        Some(until) => format!("{rule} jusqu'au {}", short_date(until)),
        None => format!("{rule}, sans date de fin"),
    }
}

fn ordinal(week: i8) -> String {
    match week {
        -1 => "dernier".into(),
        1 => "1er".into(),
        n => format!("{n}e"),
    }
}

fn week_of_month(date: NaiveDate) -> i8 {
    // Days 1–7 are the first such weekday, 8–14 the second…
    i8::try_from((date.day() - 1) / 7 + 1).unwrap_or(5)
}

fn is_last_of_month(date: NaiveDate) -> bool {
    date.checked_add_days(chrono::Days::new(7))
        .is_none_or(|later| later.month() != date.month())
}

fn ipc_weekday(day: Day) -> Weekday {
    Weekday::ALL[day.num_days_from_monday() as usize]
}

fn chrono_weekday(day: Weekday) -> Day {
    match day {
        Weekday::Monday => Day::Mon,
        Weekday::Tuesday => Day::Tue,
        Weekday::Wednesday => Day::Wed,
        Weekday::Thursday => Day::Thu,
        Weekday::Friday => Day::Fri,
        Weekday::Saturday => Day::Sat,
        Weekday::Sunday => Day::Sun,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<NaiveDate> {
        crate::format::parse_date(text)
    }

    #[test]
    fn a_first_thursday_offers_the_first_thursday_of_each_month() {
        let start = date("2021-03-04");
        let labels: Vec<String> = choices(start)
            .into_iter()
            .map(|r| label(r, start))
            .collect();
        assert_eq!(
            labels,
            [
                "ne se répète pas",
                "chaque semaine (le jeudi)",
                "toutes les deux semaines (le jeudi)",
                "chaque mois (1er jeudi)",
                "chaque mois (le 4)",
            ]
        );
    }

    #[test]
    fn a_last_friday_offers_the_last_friday() {
        let start = date("2021-12-31");
        let offered = choices(start);
        assert!(offered.contains(&Repeat::MonthlyOnWeekday {
            week: -1,
            weekday: Weekday::Friday
        }));
        // The 31st is a fifth Friday: "5e vendredi" would skip most months.
        assert!(!offered.contains(&Repeat::MonthlyOnWeekday {
            week: 5,
            weekday: Weekday::Friday
        }));
    }

    #[test]
    fn a_rule_reads_as_a_sentence() {
        assert_eq!(
            describe(
                Repeat::Weekly { weeks: 1 },
                date("2021-10-29"),
                date("2021-12-18")
            ),
            "tous les vendredis jusqu'au 18 décembre 2021"
        );
        assert_eq!(
            describe(
                Repeat::MonthlyOnWeekday {
                    week: 1,
                    weekday: Weekday::Thursday
                },
                date("2021-03-04"),
                None
            ),
            "le 1er jeudi de chaque mois, sans date de fin"
        );
        assert_eq!(describe(Repeat::Never, None, None), "une seule fois");
    }

    #[test]
    fn without_a_start_date_only_once_is_offered() {
        assert_eq!(choices(None), [Repeat::Never]);
    }
}
