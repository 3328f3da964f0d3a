//! When an event happens: a local start in an IANA zone, optionally repeated by an RRULE.
//!
//! Occurrences are computed in local time, so a meeting at 19:00 stays at 19:00 across a
//! daylight-saving change. Occurrences are identified by their original local date, which is
//! why rules repeating more often than daily are refused.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use rrule::{Frequency, RRule, RRuleSet, Unvalidated};

use crate::codec::{Date, LocalDateTime};
use crate::event::parse_zone;
use crate::{ModelError, Result};

/// The schedule of one event, ready to expand.
#[derive(Debug, Clone)]
pub struct Schedule {
    zone: Tz,
    start: NaiveDateTime,
    duration: Option<Duration>,
    rule: Option<RRuleSet>,
}

/// One computed occurrence, in the event's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// The original local date: the occurrence's key.
    pub date: Date,
    pub start: DateTime<FixedOffset>,
    pub end: Option<DateTime<FixedOffset>>,
}

impl Schedule {
    /// Checks and prepares a schedule.
    pub fn new(
        start: LocalDateTime,
        end: Option<LocalDateTime>,
        zone: &str,
        rule: Option<&str>,
    ) -> Result<Self> {
        let zone = parse_zone(zone)?;
        let mut schedule = Self {
            zone,
            start: start.0,
            duration: end.map(|e| e.0 - start.0),
            rule: None,
        };
        let first = schedule.localise_rrule(start.0)?;
        if let Some(text) = rule {
            let invalid = |reason: String| ModelError::InvalidRecurrence {
                rule: text.to_string(),
                reason,
            };
            let parsed: RRule<Unvalidated> = text
                .parse()
                .map_err(|e: rrule::RRuleError| invalid(e.to_string()))?;
            schedule.rule = Some(parsed.build(first).map_err(|e| invalid(e.to_string()))?);
        }
        Ok(schedule)
    }

    /// Normalises a rule typed by a person: drops an `RRULE:` prefix, upper-cases it, turns a
    /// date-only `UNTIL` into the end of that local day (as RFC 5545 wants, in UTC), and
    /// refuses rules that repeat more often than daily.
    pub fn normalise_rule(rule: &str, zone: Tz) -> Result<String> {
        let invalid = |reason: &str| ModelError::InvalidRecurrence {
            rule: rule.to_string(),
            reason: reason.to_string(),
        };
        let text = rule.trim().to_ascii_uppercase();
        let text = text.strip_prefix("RRULE:").unwrap_or(&text);
        if text.is_empty() {
            return Err(invalid("the rule is empty"));
        }
        let mut parts = Vec::new();
        for part in text.split(';').filter(|p| !p.is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| invalid("each part must look like KEY=VALUE"))?;
            match key {
                "FREQ" => {
                    let freq: Frequency = value.parse().map_err(|_| invalid("unknown FREQ"))?;
                    if matches!(
                        freq,
                        Frequency::Hourly | Frequency::Minutely | Frequency::Secondly
                    ) {
                        return Err(invalid("meetings repeat at most daily"));
                    }
                    parts.push(part.to_string());
                }
                "UNTIL" if value.len() == 8 => {
                    let day = NaiveDate::parse_from_str(value, "%Y%m%d")
                        .map_err(|_| invalid("UNTIL is not a date"))?;
                    let end_of_day =
                        day.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default());
                    let utc = zone
                        .from_local_datetime(&end_of_day)
                        .latest()
                        .ok_or_else(|| invalid("UNTIL does not exist in this zone"))?
                        .with_timezone(&Utc);
                    parts.push(format!("UNTIL={}", utc.format("%Y%m%dT%H%M%SZ")));
                }
                _ => parts.push(part.to_string()),
            }
        }
        Ok(parts.join(";"))
    }

    /// The last day the rule repeats on (its `UNTIL`), in the event's zone.
    pub fn until(&self) -> Option<Date> {
        let until = self.rule.as_ref()?.get_rrule().first()?.get_until()?;
        Some(Date(until.with_timezone(&self.zone).date_naive()))
    }

    /// Whether an occurrence falls on this local date (moves aside).
    pub fn occurs_on(&self, date: Date) -> bool {
        self.slots(Some(date.0), date.0).next().is_some()
    }

    /// The occurrences whose original local date lies in `from..=to` (`None`: from the start).
    pub fn slots(
        &self,
        from: Option<NaiveDate>,
        to: NaiveDate,
    ) -> Box<dyn Iterator<Item = Slot> + '_> {
        let from = from.unwrap_or(NaiveDate::MIN);
        match &self.rule {
            None => {
                let day = self.start.date();
                let slot = (from..=to).contains(&day).then(|| self.slot(self.start));
                Box::new(slot.into_iter().flatten())
            }
            Some(rule) => Box::new(
                rule.into_iter()
                    .map(|dt| dt.naive_local())
                    .skip_while(move |local| local.date() < from)
                    .take_while(move |local| local.date() <= to)
                    .filter_map(|local| self.slot(local).ok()),
            ),
        }
    }

    /// The slot of an occurrence starting at `local` (original date = `local`'s date).
    pub fn slot(&self, local: NaiveDateTime) -> Result<Slot> {
        self.slot_at(Date(local.date()), local)
    }

    /// The slot of the occurrence of `date`, moved to start at `local`.
    pub fn slot_at(&self, date: Date, local: NaiveDateTime) -> Result<Slot> {
        let start = self.localise(local)?;
        // An end skipped by a clock change is read with the offset before the change (RFC 5545
        // 3.3.5), so that the occurrence is still listed, ending as long after its start.
        let end = self.duration.map(|d| {
            self.localise(local + d)
                .unwrap_or_else(|_| (start + d).with_timezone(&self.zone).fixed_offset())
        });
        Ok(Slot { date, start, end })
    }

    /// The instant of a local wall-clock time; refuses times skipped by a clock change.
    pub fn localise(&self, local: NaiveDateTime) -> Result<DateTime<FixedOffset>> {
        self.zone
            .from_local_datetime(&local)
            .earliest()
            .map(|dt| dt.fixed_offset())
            .ok_or_else(|| ModelError::InvalidDate {
                value: local.format("%Y-%m-%dT%H:%M").to_string(),
                expected: "a time that exists in the zone (clocks change at that hour)",
            })
    }

    fn localise_rrule(&self, local: NaiveDateTime) -> Result<DateTime<rrule::Tz>> {
        self.localise(local)?;
        rrule::Tz::Tz(self.zone)
            .from_local_datetime(&local)
            .earliest()
            .ok_or_else(|| ModelError::InvalidDate {
                value: local.to_string(),
                expected: "a time that exists in the zone",
            })
    }

    /// The zone of this schedule.
    pub fn zone(&self) -> Tz {
        self.zone
    }

    /// The first local start.
    pub fn start(&self) -> NaiveDateTime {
        self.start
    }
}
