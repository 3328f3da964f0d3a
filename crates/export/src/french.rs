//! French wording of the exports: long dates ("jeudi 4 mars 2021"), times ("18h30"), and labels
//! of the domain's vocabularies. (The order in which names sort is `comptoir_model::collation`.)

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};
use comptoir_model::{EventKind, Visibility};

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

fn weekday(day: Weekday) -> &'static str {
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

/// A date as French prose writes it: `jeudi 4 mars 2021`, `jeudi 1er avril 2021`.
pub(crate) fn long_date(date: NaiveDate) -> String {
    let month = MONTHS
        .get(date.month0() as usize)
        .copied()
        .unwrap_or_default();
    let day = match date.day() {
        1 => "1er".to_string(),
        n => n.to_string(),
    };
    format!("{} {day} {month} {}", weekday(date.weekday()), date.year())
}

/// A time as French prose writes it: `18h30`, `14h`.
pub(crate) fn time(time: NaiveTime) -> String {
    match time.minute() {
        0 => format!("{}h", time.hour()),
        m => format!("{}h{m:02}", time.hour()),
    }
}

/// What a facilitator calls this kind of meeting.
pub(crate) fn event_kind(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Bistrot => "Bistrot",
        EventKind::PauseCafe => "Pause-café",
        EventKind::Ebullition => "Ébullition",
        EventKind::GeneralAssembly => "Assemblée générale",
        EventKind::MeetingDay => "Journée de rencontre",
        EventKind::Training => "Formation",
        EventKind::BoardMeeting => "Réunion de bureau",
        EventKind::OfficeHours => "Permanence",
        EventKind::WorkingGroup => "Groupe de travail",
        EventKind::Workshop => "Atelier",
        EventKind::Other => "Autre",
    }
}

/// Who may read a note, as the facilitators say it.
pub(crate) fn visibility(visibility: Visibility) -> &'static str {
    match visibility {
        Visibility::Internal => "interne",
        Visibility::Group => "groupe",
        Visibility::Published => "publiée à la fédération",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn dates_read_as_french_prose() {
        assert_eq!(long_date(day(2021, 3, 4)), "jeudi 4 mars 2021");
        assert_eq!(long_date(day(2021, 4, 1)), "jeudi 1er avril 2021");
        assert_eq!(long_date(day(2021, 8, 15)), "dimanche 15 août 2021");
        assert_eq!(long_date(day(2021, 12, 31)), "vendredi 31 décembre 2021");
        assert_eq!(long_date(day(2024, 2, 29)), "jeudi 29 février 2024");
    }

    #[test]
    fn times_read_as_french_prose() {
        let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default();
        assert_eq!(time(at(18, 30)), "18h30");
        assert_eq!(time(at(9, 5)), "9h05");
        assert_eq!(time(at(14, 0)), "14h");
    }
}
