//! Recurrence in plain words: the choices a start date allows, and how to say one.

use chrono::{Datelike, NaiveDate, Weekday as Day};
use comptoir_ipc::{Repeat, Weekday};

use crate::format::{short_date, weekday};
use crate::i18n::Lang;

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
pub fn label(lang: Lang, repeat: Repeat, start: Option<NaiveDate>) -> String {
    let day = start.map_or(lang.pick("jour", "day"), |s| weekday(lang, s.weekday()));
    match (lang, repeat) {
        (_, Repeat::Never) => lang.pick("ne se répète pas", "does not repeat").into(),
        (Lang::Fr, Repeat::Weekly { weeks: 1 }) => format!("chaque semaine (le {day})"),
        (Lang::En, Repeat::Weekly { weeks: 1 }) => format!("every week (on {day})"),
        (Lang::Fr, Repeat::Weekly { weeks: 2 }) => format!("toutes les deux semaines (le {day})"),
        (Lang::En, Repeat::Weekly { weeks: 2 }) => format!("every two weeks (on {day})"),
        (Lang::Fr, Repeat::Weekly { weeks }) => format!("toutes les {weeks} semaines (le {day})"),
        (Lang::En, Repeat::Weekly { weeks }) => format!("every {weeks} weeks (on {day})"),
        (_, Repeat::MonthlyOnWeekday { week, weekday: d }) => format!(
            "{} ({} {})",
            lang.pick("chaque mois", "every month"),
            ordinal(lang, week),
            weekday(lang, chrono_weekday(d))
        ),
        (_, Repeat::MonthlyOnDay) => match start {
            Some(s) => format!(
                "{} ({} {})",
                lang.pick("chaque mois", "every month"),
                lang.pick("le", "on the"),
                day_of_month(lang, s.day())
            ),
            None => lang
                .pick("chaque mois (même jour)", "every month (same day)")
                .into(),
        },
    }
}

/// The whole rule in a sentence: "tous les jeudis jusqu'au 18 décembre 2021".
pub fn describe(
    lang: Lang,
    repeat: Repeat,
    start: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> String {
    let day = start.map_or(lang.pick("jour", "day"), |s| weekday(lang, s.weekday()));
    let rule = match (lang, repeat) {
        (_, Repeat::Never) => return lang.pick("une seule fois", "just once").into(),
        (Lang::Fr, Repeat::Weekly { weeks: 1 }) => format!("tous les {day}s"),
        (Lang::En, Repeat::Weekly { weeks: 1 }) => format!("every {day}"),
        (Lang::Fr, Repeat::Weekly { weeks }) => format!("un {day} sur {weeks}"),
        (Lang::En, Repeat::Weekly { weeks }) => format!("one {day} in {weeks}"),
        (_, Repeat::MonthlyOnWeekday { week, weekday: d }) => format!(
            "{} {} {} {}",
            lang.pick("le", "on the"),
            ordinal(lang, week),
            weekday(lang, chrono_weekday(d)),
            lang.pick("de chaque mois", "of each month")
        ),
        (_, Repeat::MonthlyOnDay) => match start {
            Some(s) => format!(
                "{} {} {}",
                lang.pick("le", "on the"),
                day_of_month(lang, s.day()),
                lang.pick("de chaque mois", "of each month")
            ),
            None => lang.pick("chaque mois", "every month").into(),
        },
    };
    match until {
        Some(until) => format!(
            "{rule} {} {}",
            lang.pick("jusqu'au", "until"),
            short_date(lang, until)
        ),
        None => format!(
            "{rule}{}",
            lang.pick(", sans date de fin", ", with no end date")
        ),
    }
}

fn ordinal(lang: Lang, week: i8) -> String {
    match (lang, week) {
        (_, -1) => lang.pick("dernier", "last").into(),
        (Lang::Fr, 1) => "1er".into(),
        (Lang::Fr, n) => format!("{n}e"),
        (Lang::En, n) => english_ordinal(i64::from(n)),
    }
}

/// "1er", "4" / "1st", "4th": a day of the month after "le" / "on the".
fn day_of_month(lang: Lang, day: u32) -> String {
    match (lang, day) {
        (Lang::Fr, 1) => "1er".into(),
        (Lang::Fr, n) => n.to_string(),
        (Lang::En, n) => english_ordinal(i64::from(n)),
    }
}

fn english_ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
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
            .map(|r| label(Lang::Fr, r, start))
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
                Lang::Fr,
                Repeat::Weekly { weeks: 1 },
                date("2021-10-29"),
                date("2021-12-18")
            ),
            "tous les vendredis jusqu'au 18 décembre 2021"
        );
        assert_eq!(
            describe(
                Lang::Fr,
                Repeat::MonthlyOnWeekday {
                    week: 1,
                    weekday: Weekday::Thursday
                },
                date("2021-03-04"),
                None
            ),
            "le 1er jeudi de chaque mois, sans date de fin"
        );
        assert_eq!(
            describe(Lang::Fr, Repeat::Never, None, None),
            "une seule fois"
        );
    }

    #[test]
    fn a_rule_reads_as_an_english_sentence() {
        assert_eq!(
            describe(
                Lang::En,
                Repeat::Weekly { weeks: 1 },
                date("2021-10-29"),
                date("2021-12-18")
            ),
            "every Friday until 18 December 2021"
        );
        let start = date("2021-03-04");
        let labels: Vec<String> = choices(start)
            .into_iter()
            .map(|r| label(Lang::En, r, start))
            .collect();
        assert_eq!(
            labels,
            [
                "does not repeat",
                "every week (on Thursday)",
                "every two weeks (on Thursday)",
                "every month (1st Thursday)",
                "every month (on the 4th)",
            ]
        );
    }

    #[test]
    fn without_a_start_date_only_once_is_offered() {
        assert_eq!(choices(None), [Repeat::Never]);
    }
}
