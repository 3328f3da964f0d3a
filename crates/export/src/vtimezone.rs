//! VTIMEZONE components generated from chrono-tz: every change of a zone's UTC offset over the
//! years a calendar spans, so that Outlook and Apple Calendar place local times correctly.
//!
//! The changes are found by scanning, not by reading the zone's rules: day by day, then to the
//! second between the two days that differ. Each change becomes one STANDARD or DAYLIGHT
//! observance whose DTSTART is the local time just before it, as RFC 5545 wants.

use std::fmt;
use std::ops::RangeInclusive;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz, TzOffset};
use icalendar::Property;

/// The last year a calendar's zones are described for.
pub(crate) const LAST_YEAR: i32 = 2100;

/// One observance: from `onset` on, local time is UTC + `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Observance {
    pub daylight: bool,
    /// The local wall time of the change, read with the offset in force before it.
    pub onset: NaiveDateTime,
    /// Seconds east of UTC before and after the change.
    pub from: i32,
    pub to: i32,
    /// The abbreviation in force after the change (`CET`, `CEST`).
    pub name: Option<String>,
}

/// What identifies an observance: the offset, whether it is daylight time, and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
struct State {
    offset: i32,
    daylight: bool,
    name: Option<String>,
}

impl State {
    fn at(zone: Tz, instant: DateTime<Utc>) -> Self {
        let offset: TzOffset = zone.offset_from_utc_datetime(&instant.naive_utc());
        Self {
            offset: offset.fix().local_minus_utc(),
            daylight: offset.dst_offset() != Duration::zero(),
            name: offset.abbreviation().map(str::to_string),
        }
    }
}

fn new_year(year: i32) -> Option<DateTime<Utc>> {
    Some(
        NaiveDate::from_ymd_opt(year, 1, 1)?
            .and_hms_opt(0, 0, 0)?
            .and_utc(),
    )
}

/// The observances of `zone` from the start of the first year to the end of the last one.
///
/// A zone that never changes in that span gets one observance starting on January 1st, since a
/// VTIMEZONE needs at least one.
pub(crate) fn observances(zone: Tz, years: RangeInclusive<i32>) -> Vec<Observance> {
    let (Some(start), Some(end)) = (
        new_year(*years.start()),
        new_year(years.end().saturating_add(1)),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut at = start;
    let mut state = State::at(zone, at);
    while at < end {
        let next = (at + Duration::days(1)).min(end);
        let next_state = State::at(zone, next);
        if next_state == state {
            at = next;
            continue;
        }
        // The change lies in (at, next]: narrow it down to the second.
        let (mut before, mut after) = (at.timestamp(), next.timestamp());
        while after - before > 1 {
            let middle = before + (after - before) / 2;
            match DateTime::from_timestamp(middle, 0) {
                Some(instant) if State::at(zone, instant) == state => before = middle,
                _ => after = middle,
            }
        }
        let after = DateTime::from_timestamp(after, 0).unwrap_or(next);
        let changed = State::at(zone, after);
        out.push(Observance {
            daylight: changed.daylight,
            onset: after.naive_utc() + Duration::seconds(i64::from(state.offset)),
            from: state.offset,
            to: changed.offset,
            name: changed.name.clone(),
        });
        // Look again from the change: a day may hold more than one.
        at = after;
        state = changed;
    }
    if out.is_empty() {
        out.push(Observance {
            daylight: state.daylight,
            onset: start.naive_utc() + Duration::seconds(i64::from(state.offset)),
            from: state.offset,
            to: state.offset,
            name: state.name,
        });
    }
    out
}

/// A UTC offset as iCalendar writes it: `+0100`, `-0330`, `+002030` when seconds remain.
pub(crate) fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (hours, minutes, rest) = (s / 3600, s / 60 % 60, s % 60);
    if rest == 0 {
        format!("{sign}{hours:02}{minutes:02}")
    } else {
        format!("{sign}{hours:02}{minutes:02}{rest:02}")
    }
}

fn write_property(out: &mut String, property: Property) -> fmt::Result {
    let line: String = property.try_into()?;
    out.push_str(&line);
    Ok(())
}

/// Writes the VTIMEZONE of `zone` over `years`.
///
/// The component is framed here because icalendar 0.17 has no VTIMEZONE, and its generic
/// component would add a DTSTAMP and a random UID to it; each property still goes through
/// icalendar, which escapes and folds it.
pub(crate) fn write(out: &mut String, zone: Tz, years: RangeInclusive<i32>) -> fmt::Result {
    out.push_str("BEGIN:VTIMEZONE\r\n");
    write_property(out, Property::new("TZID", zone.name()))?;
    for observance in observances(zone, years) {
        let kind = if observance.daylight {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        out.push_str(&format!("BEGIN:{kind}\r\n"));
        write_property(
            out,
            Property::new(
                "DTSTART",
                observance.onset.format("%Y%m%dT%H%M%S").to_string(),
            ),
        )?;
        write_property(
            out,
            Property::new("TZOFFSETFROM", utc_offset(observance.from)),
        )?;
        write_property(out, Property::new("TZOFFSETTO", utc_offset(observance.to)))?;
        if let Some(name) = &observance.name {
            write_property(out, Property::new("TZNAME", name))?;
        }
        out.push_str(&format!("END:{kind}\r\n"));
    }
    out.push_str("END:VTIMEZONE\r\n");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap_or_default()
    }

    #[test]
    fn brussels_changes_twice_a_year_at_the_local_hour() {
        let found = observances(Tz::Europe__Brussels, 2021..=2021);
        assert_eq!(
            found,
            vec![
                Observance {
                    daylight: true,
                    onset: local("2021-03-28T02:00:00"),
                    from: 3600,
                    to: 7200,
                    name: Some("CEST".into()),
                },
                Observance {
                    daylight: false,
                    onset: local("2021-10-31T03:00:00"),
                    from: 7200,
                    to: 3600,
                    name: Some("CET".into()),
                },
            ]
        );
    }

    #[test]
    fn a_zone_without_changes_still_has_one_observance() {
        let found = observances(Tz::Asia__Tokyo, 2020..=2022);
        assert_eq!(
            found,
            vec![Observance {
                daylight: false,
                onset: local("2020-01-01T09:00:00"),
                from: 9 * 3600,
                to: 9 * 3600,
                name: Some("JST".into()),
            }]
        );
    }

    #[test]
    fn southern_and_western_zones_work_too() {
        // New York: DST from the second Sunday of March at 02:00 local.
        let ny = observances(Tz::America__New_York, 2021..=2021);
        assert_eq!(
            ny.first().map(|o| (o.onset, o.from, o.to)),
            Some((local("2021-03-14T02:00:00"), -5 * 3600, -4 * 3600))
        );
        // Sydney: summer time ends in April and starts in October.
        let sydney = observances(Tz::Australia__Sydney, 2021..=2021);
        assert_eq!(
            sydney.iter().map(|o| o.daylight).collect::<Vec<_>>(),
            [false, true]
        );
        assert_eq!(
            sydney.first().map(|o| o.onset),
            Some(local("2021-04-04T03:00:00"))
        );
    }

    #[test]
    fn offsets_are_written_with_sign_and_minutes() {
        assert_eq!(utc_offset(3600), "+0100");
        assert_eq!(utc_offset(-12600), "-0330");
        assert_eq!(utc_offset(0), "+0000");
        assert_eq!(utc_offset(1230), "+002030");
    }

    #[test]
    fn the_component_is_framed_and_folded() -> Result<(), fmt::Error> {
        let mut out = String::new();
        write(&mut out, Tz::Europe__Brussels, 2021..=2021)?;
        assert!(out.starts_with("BEGIN:VTIMEZONE\r\nTZID:Europe/Brussels\r\nBEGIN:DAYLIGHT\r\nDTSTART:20210328T020000\r\n"));
        assert!(
            out.contains(
                "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nEND:STANDARD\r\n"
            )
        );
        assert!(out.ends_with("END:VTIMEZONE\r\n"));
        Ok(())
    }
}
