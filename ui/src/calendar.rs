//! Month arithmetic for the calendar view: weeks start on Monday, as in Belgium and France.

use chrono::{Datelike, Months, NaiveDate};

/// The first day of `date`'s month.
pub fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

/// The last day of the month starting on `first`.
pub fn last_day(first: NaiveDate) -> NaiveDate {
    next_month(first).pred_opt().unwrap_or(first)
}

pub fn next_month(first: NaiveDate) -> NaiveDate {
    first_of_month(first)
        .checked_add_months(Months::new(1))
        .unwrap_or(first)
}

pub fn previous_month(first: NaiveDate) -> NaiveDate {
    first_of_month(first)
        .checked_sub_months(Months::new(1))
        .unwrap_or(first)
}

/// The month starting on `first` as rows of seven days, Monday first; days of the
/// neighbouring months are `None`.
pub fn weeks(first: NaiveDate) -> Vec<[Option<NaiveDate>; 7]> {
    let first = first_of_month(first);
    let last = last_day(first);
    let mut rows = Vec::new();
    let mut row = [None; 7];
    let mut column = first.weekday().num_days_from_monday() as usize;
    for day in first.iter_days().take_while(|d| *d <= last) {
        row[column] = Some(day);
        column += 1;
        if column == 7 {
            rows.push(row);
            row = [None; 7];
            column = 0;
        }
    }
    if column > 0 {
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn november_2026_starts_on_a_sunday_and_spans_six_rows() {
        let rows = weeks(day(2026, 11, 1));
        assert_eq!(rows.len(), 6);
        // Sunday 1 November sits in the last column of the first row.
        assert_eq!(rows[0][..6], [None; 6]);
        assert_eq!(rows[0][6], Some(day(2026, 11, 1)));
        // Monday 30 November opens the last row, alone.
        assert_eq!(rows[5][0], Some(day(2026, 11, 30)));
        assert_eq!(rows[5][1..], [None; 6]);
        let days = rows.iter().flatten().flatten().count();
        assert_eq!(days, 30);
    }

    #[test]
    fn february_2027_fills_four_rows_exactly() {
        // 1 February 2027 is a Monday and the month has 28 days.
        let rows = weeks(day(2027, 2, 1));
        assert_eq!(rows.len(), 4);
        assert!(rows.iter().all(|row| row.iter().all(Option::is_some)));
    }

    #[test]
    fn months_step_across_years() {
        assert_eq!(next_month(day(2026, 12, 1)), day(2027, 1, 1));
        assert_eq!(previous_month(day(2027, 1, 1)), day(2026, 12, 1));
        assert_eq!(last_day(day(2028, 2, 1)), day(2028, 2, 29));
        assert_eq!(first_of_month(day(2026, 11, 21)), day(2026, 11, 1));
    }
}
