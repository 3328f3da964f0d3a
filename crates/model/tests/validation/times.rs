//! Refusals of bad dates, times, zones, rules and counts: the error says what is wrong and the document is unchanged.

use super::*;

#[test]
fn impossible_dates_and_times_are_refused() -> TestResult {
    // 1. Dates that do not exist, or are not written YYYY-MM-DD.
    for bad in [
        "2021-02-30",
        "2021-13-01",
        "2021-00-10",
        "04/02/2021",
        "",
        "demain",
    ] {
        let refused = Date::parse(bad);
        assert!(
            matches!(&refused, Err(ModelError::InvalidDate { value, expected: "YYYY-MM-DD" }) if value == bad),
            "{bad:?}: {refused:?}"
        );
    }
    // 2. Local times that do not exist, or carry seconds other than zero.
    for bad in [
        "2021-02-30T18:30",
        "2021-03-04T24:30",
        "2021-03-04T18:61",
        "2021-03-04",
        "2021-03-04T18:30:15",
    ] {
        let refused = LocalDateTime::parse(bad);
        assert!(
            matches!(refused, Err(ModelError::InvalidDate { .. })),
            "{bad:?}: {refused:?}"
        );
    }
    // 3. Zero seconds are accepted, and dropped.
    assert_eq!(
        LocalDateTime::parse("2021-03-04T18:30:00")?.to_string(),
        "2021-03-04T18:30"
    );
    assert_eq!(
        LocalDateTime::parse(" 2021-03-04T18:30 ")?,
        local("2021-03-04T18:30")?
    );
    Ok(())
}

#[test]
fn times_skipped_by_the_clock_change_are_refused() -> TestResult {
    let (mut doc, _) = group()?;

    // 1. On 28 March 2021 Brussels clocks jump from 02:00 to 03:00: a meeting cannot start at 02:30.
    let at_night = event("Veillée", "2021-03-28T02:30", None, None)?;
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.add_event(event_id(9), at_night),
        ModelError::InvalidDate { .. }
    );

    // 2. Nor can an occurrence be moved there.
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.update_event(&event_id(WEEKLY), |e| e.move_occurrence(
            date("2021-02-11")?,
            local("2021-03-28T02:30")?,
            None
        )),
        ModelError::InvalidDate { .. }
    );

    // 3. Nor can a meeting end then (it would be missing from the agenda).
    let ends_at_night = event(
        "Veillée",
        "2021-03-28T01:00",
        Some("2021-03-28T02:30"),
        None,
    )?;
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.add_event(event_id(9), ends_at_night),
        ModelError::InvalidDate { .. }
    );

    Ok(())
}

#[test]
fn unknown_zones_are_refused() -> TestResult {
    let (mut doc, _) = group()?;

    // 1. A zone that is not an IANA name.
    for bad in ["Europe/Bruxelles", "CET+1", ""] {
        let mut new = event("Bistrot", "2021-02-04T18:30", None, None)?;
        new.tz = Some(bad.into());
        assert_refused!(&mut doc, |d: &mut GroupDoc| d.add_event(event_id(9), new), ModelError::UnknownZone(ref z) if z == bad);
    }

    // 2. No zone, in a group whose country has no default zone.
    let mut profile = Profile::new("Collectif sans pays", GroupKind::Association)?;
    profile.country = None;
    let mut stateless = GroupDoc::create(
        GroupId::from_random([3; 16]),
        profile,
        common::actor("origine"),
    )?;
    let new = event("Bistrot", "2021-02-04T18:30", None, None)?;
    assert_refused!(
        &mut stateless,
        |d: &mut GroupDoc| d.add_event(event_id(9), new),
        ModelError::NoDefaultZone { country: None }
    );
    Ok(())
}

#[test]
fn invalid_recurrence_rules_are_refused() -> TestResult {
    let (mut doc, _) = group()?;

    // 1. Unknown frequencies, frequencies above daily, and rules that do not parse.
    for bad in [
        "FREQ=SOMETIMES",
        "FREQ=HOURLY",
        "FREQ=MINUTELY;COUNT=3",
        "RRULE:FREQ=SECONDLY",
        "",
        "   ",
        "WEEKLY",
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=WEEKLY;UNTIL=20210230",
        "FREQ=WEEKLY;COUNT=beaucoup",
    ] {
        let new = event("Bistrot", "2021-02-04T18:30", None, Some(bad))?;
        assert_refused!(&mut doc, |d: &mut GroupDoc| d.add_event(event_id(9), new), ModelError::InvalidRecurrence { ref rule, .. } if rule.eq_ignore_ascii_case(bad));
    }
    Ok(())
}

#[test]
fn ends_before_starts_are_refused() -> TestResult {
    let (mut doc, _) = group()?;

    // 1. An event ending before it starts, or when it starts.
    for end in ["2021-02-04T17:00", "2021-02-04T18:30", "2021-02-03T20:00"] {
        let new = event("Bistrot", "2021-02-04T18:30", Some(end), None)?;
        assert_refused!(
            &mut doc,
            |d: &mut GroupDoc| d.add_event(event_id(9), new),
            ModelError::EndBeforeStart { .. }
        );
    }

    // 2. A member leaving before joining.
    let changes = MemberChanges {
        joined: Some(date("2021-01-10")?),
        left: Some(date("2020-12-31")?),
        ..MemberChanges::default()
    };
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.update_member(&member_id(NOEMIE), changes, date("2021-02-01")?),
        ModelError::EndBeforeStart { .. }
    );
    Ok(())
}

#[test]
fn negative_or_impossible_counts_are_refused() -> TestResult {
    let (mut doc, _) = group()?;

    // 1. A capacity below zero, or too large to be a number of seats.
    for capacity in [-1, i64::MIN, 5_000_000_000] {
        let mut new = event("Bistrot", "2021-02-04T18:30", None, None)?;
        new.capacity = Some(capacity);
        assert_refused!(&mut doc, |d: &mut GroupDoc| d.add_event(event_id(9), new), ModelError::NegativeCapacity(c) if c == capacity);
    }

    // 2. An attendance below zero.
    assert_refused!(
        &mut doc,
        |d: &mut GroupDoc| d.update_event(&event_id(WEEKLY), |e| e
            .count_attendance(date("2021-02-04")?, -3)),
        ModelError::NegativeAttendance(-3)
    );
    Ok(())
}
