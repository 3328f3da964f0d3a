//! Dates as people write them: "jeudi 4 mars 2021, 18:30", or "Thursday 4 March 2021, 18:30".

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Weekday};

use crate::i18n::Lang;

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn weekday(lang: Lang, day: Weekday) -> &'static str {
    let (fr, en) = match day {
        Weekday::Mon => ("lundi", "Monday"),
        Weekday::Tue => ("mardi", "Tuesday"),
        Weekday::Wed => ("mercredi", "Wednesday"),
        Weekday::Thu => ("jeudi", "Thursday"),
        Weekday::Fri => ("vendredi", "Friday"),
        Weekday::Sat => ("samedi", "Saturday"),
        Weekday::Sun => ("dimanche", "Sunday"),
    };
    lang.pick(fr, en)
}

/// "lun." / "Mon", the head of a month's column.
pub fn weekday_short(lang: Lang, day: Weekday) -> &'static str {
    let (fr, en) = match day {
        Weekday::Mon => ("lun.", "Mon"),
        Weekday::Tue => ("mar.", "Tue"),
        Weekday::Wed => ("mer.", "Wed"),
        Weekday::Thu => ("jeu.", "Thu"),
        Weekday::Fri => ("ven.", "Fri"),
        Weekday::Sat => ("sam.", "Sat"),
        Weekday::Sun => ("dim.", "Sun"),
    };
    lang.pick(fr, en)
}

pub fn month_name(lang: Lang, date: NaiveDate) -> &'static str {
    let months = match lang {
        Lang::Fr => &MONTHS_FR,
        Lang::En => &MONTHS_EN,
    };
    months[date.month0() as usize]
}

/// "novembre 2026" / "November 2026".
pub fn month_and_year(lang: Lang, date: NaiveDate) -> String {
    format!("{} {}", month_name(lang, date), date.year())
}

/// "jeudi 4 mars 2021" (and "1er" for the first of the month).
pub fn long_date(lang: Lang, date: NaiveDate) -> String {
    format!(
        "{} {}",
        weekday(lang, date.weekday()),
        short_date(lang, date)
    )
}

/// "4 mars 2021", for a day named without its weekday ("jusqu'au 18 décembre 2021").
pub fn short_date(lang: Lang, date: NaiveDate) -> String {
    let day = match (lang, date.day()) {
        (Lang::Fr, 1) => "1er".to_string(),
        (_, day) => day.to_string(),
    };
    format!("{day} {} {}", month_name(lang, date), date.year())
}

/// `2021-03-04T18:30:00+01:00` as "jeudi 4 mars 2021, 18:30", in the event's own local time;
/// anything unreadable is shown as it came.
pub fn local_date_time(lang: Lang, text: &str) -> String {
    match DateTime::parse_from_rfc3339(text) {
        Ok(at) => format!(
            "{}, {:02}:{:02}",
            long_date(lang, at.date_naive()),
            at.hour(),
            at.minute()
        ),
        Err(_) => text.to_string(),
    }
}

/// The local time of day of `2021-03-04T20:30:00+01:00`, as "20:30".
pub fn local_time(text: &str) -> Option<String> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|at| format!("{:02}:{:02}", at.hour(), at.minute()))
}

/// The local day of `2021-03-04T20:30:00+01:00`.
pub fn local_day(text: &str) -> Option<NaiveDate> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|at| at.date_naive())
}

/// `YYYY-MM-DD` as "jeudi 4 mars 2021"; anything unreadable as it came.
pub fn iso_date(lang: Lang, text: &str) -> String {
    parse_date(text).map_or_else(|| text.to_string(), |d| long_date(lang, d))
}

pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_in_french() {
        assert_eq!(
            local_date_time(Lang::Fr, "2021-03-04T18:30:00+01:00"),
            "jeudi 4 mars 2021, 18:30"
        );
        assert_eq!(iso_date(Lang::Fr, "2021-04-01"), "jeudi 1er avril 2021");
        assert_eq!(
            local_time("2021-08-13T09:05:00+02:00").as_deref(),
            Some("09:05")
        );
        assert_eq!(iso_date(Lang::Fr, "demain"), "demain");
        assert_eq!(
            parse_date("2021-12-18")
                .map(|d| short_date(Lang::Fr, d))
                .as_deref(),
            Some("18 décembre 2021")
        );
    }

    #[test]
    fn dates_read_as_in_english() {
        assert_eq!(
            local_date_time(Lang::En, "2021-03-04T18:30:00+01:00"),
            "Thursday 4 March 2021, 18:30"
        );
        assert_eq!(iso_date(Lang::En, "2021-04-01"), "Thursday 1 April 2021");
        assert_eq!(
            parse_date("2026-11-21").map(|d| month_and_year(Lang::En, d)),
            Some("November 2026".to_string())
        );
    }

    #[test]
    fn an_occurrence_is_on_its_local_day() {
        // 00:30 in Brussels is still the previous day in UTC: the local day counts.
        assert_eq!(
            local_day("2021-03-28T00:30:00+01:00"),
            parse_date("2021-03-28")
        );
    }
}
