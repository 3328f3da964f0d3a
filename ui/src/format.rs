//! Dates as French speakers write them: "jeudi 4 mars 2021, 18:30".

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Weekday};

const MONTHS: [&str; 12] = [
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

pub fn weekday(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "lundi",
        Weekday::Tue => "mardi",
        Weekday::Wed => "mercredi",
        Weekday::Thu => "jeudi",
        Weekday::Fri => "vendredi",
        Weekday::Sat => "samedi",
        Weekday::Sun => "dimanche",
    }
}

/// "jeudi 4 mars 2021" (and "1er" for the first of the month).
pub fn long_date(date: NaiveDate) -> String {
    format!(
        "{} {} {} {}",
        weekday(date.weekday()),
        day_of_month(date.day()),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// "4 mars 2021", for a day named without its weekday ("jusqu'au 18 décembre 2021").
pub fn short_date(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        day_of_month(date.day()),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

fn day_of_month(day: u32) -> String {
    if day == 1 {
        "1er".into()
    } else {
        day.to_string()
    }
}

/// `2021-03-04T18:30:00+01:00` as "jeudi 4 mars 2021, 18:30", in the event's own local time;
/// anything unreadable is shown as it came.
pub fn local_date_time(text: &str) -> String {
    match DateTime::parse_from_rfc3339(text) {
        Ok(at) => format!(
            "{}, {:02}:{:02}",
            long_date(at.date_naive()),
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

/// `YYYY-MM-DD` as "jeudi 4 mars 2021"; anything unreadable as it came.
pub fn iso_date(text: &str) -> String {
    parse_date(text).map_or_else(|| text.to_string(), long_date)
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
            local_date_time("2021-03-04T18:30:00+01:00"),
            "jeudi 4 mars 2021, 18:30"
        );
        assert_eq!(iso_date("2021-04-01"), "jeudi 1er avril 2021");
        assert_eq!(
            local_time("2021-08-13T09:05:00+02:00").as_deref(),
            Some("09:05")
        );
        assert_eq!(iso_date("demain"), "demain");
        assert_eq!(
            parse_date("2021-12-18").map(short_date).as_deref(),
            Some("18 décembre 2021")
        );
    }
}
