//! The agenda as people read it: occurrences in local time across clock changes, and what became
//! of each (cancelled, moved, held), inside a window of dates.

// `pub`: each test binary uses a different part of the shared fixtures.
pub mod common;

use comptoir_model::{EventId, GroupDoc, Occurrence, OccurrenceStatus, Rsvp, occurrences};

use common::{TestResult, date, event, event_id, local, member_id, new_group, person};

/// The occurrences of every event of `doc` whose date lies in `from..=to`.
fn agenda(doc: &GroupDoc, from: Option<&str>, to: &str) -> TestResult<Vec<Occurrence>> {
    let from = from.map(date).transpose()?.map(|d| d.0);
    let events = doc.events()?;
    Ok(occurrences(events.values(), from, date(to)?.0)?)
}

/// `(original date, start as RFC 3339, status)` of each occurrence, as a reader sees them.
fn lines(agenda: &[Occurrence]) -> TestResult<Vec<(String, String, String)>> {
    let mut out = Vec::new();
    for occurrence in agenda {
        let json = serde_json::to_value(occurrence)?;
        let field = |name: &str| json[name].as_str().unwrap_or_default().to_string();
        out.push((field("occurrence"), field("start"), field("status")));
    }
    Ok(out)
}

fn line(occurrence: &str, start: &str, status: &str) -> (String, String, String) {
    (
        occurrence.to_string(),
        start.to_string(),
        status.to_string(),
    )
}

/// A group with the monthly first-Thursday bistrot of spring 2021, 18:30–20:30 in Brussels.
fn monthly_bistrot() -> TestResult<(GroupDoc, EventId)> {
    let mut doc = new_group()?;
    let id = event_id(1);
    let mut new = event(
        "Bistrot du premier jeudi",
        "2021-02-04T18:30",
        Some("2021-02-04T20:30"),
        Some("FREQ=MONTHLY;BYDAY=1TH;COUNT=4"),
    )?;
    new.tz = Some("Europe/Brussels".into());
    new.venue = Some("Café des Arts".into());
    doc.add_event(id.clone(), new)?;
    Ok((doc, id))
}

#[test]
fn a_monthly_meeting_stays_at_the_same_local_time_across_the_clock_change() -> TestResult {
    // 1. The bistrot meets on the first Thursday of each month at 18:30, four times from 4 February 2021.
    let (doc, _) = monthly_bistrot()?;

    // 2. Its occurrences are the first Thursdays, all at 18:30 local time: UTC+1 before the
    //    clocks changed on 28 March 2021, UTC+2 after.
    let agenda = agenda(&doc, None, "2021-12-31")?;
    assert_eq!(
        lines(&agenda)?,
        [
            line("2021-02-04", "2021-02-04T18:30:00+01:00", "planned"),
            line("2021-03-04", "2021-03-04T18:30:00+01:00", "planned"),
            line("2021-04-01", "2021-04-01T18:30:00+02:00", "planned"),
            line("2021-05-06", "2021-05-06T18:30:00+02:00", "planned"),
        ]
    );

    // 3. Ends are 20:30 on the same day, with the same offset; the zone and venue come along.
    let ends: Vec<String> = agenda
        .iter()
        .filter_map(|o| o.end)
        .map(|e| e.to_rfc3339())
        .collect();
    assert_eq!(
        ends,
        [
            "2021-02-04T20:30:00+01:00",
            "2021-03-04T20:30:00+01:00",
            "2021-04-01T20:30:00+02:00",
            "2021-05-06T20:30:00+02:00"
        ]
    );
    assert!(
        agenda
            .iter()
            .all(|o| o.tz == "Europe/Brussels" && o.venue.as_deref() == Some("Café des Arts"))
    );
    Ok(())
}

#[test]
fn a_weekly_meeting_until_a_date_ends_on_that_date() -> TestResult {
    // 1. A pause-café every Friday at 9:00 from 6 November 2020 until 18 December 2020, the end
    //    typed as a plain date.
    let mut doc = new_group()?;
    let id = event_id(1);
    let created = doc.add_event(
        id,
        event(
            "Pause-café",
            "2020-11-06T09:00",
            None,
            Some("FREQ=WEEKLY;BYDAY=FR;UNTIL=20201218"),
        )?,
    )?;

    // 2. The date is stored as the end of that day in Brussels, in UTC as RFC 5545 wants.
    assert_eq!(
        created.repeat.as_deref(),
        Some("FREQ=WEEKLY;BYDAY=FR;UNTIL=20201218T225959Z")
    );

    // 3. It meets on seven Fridays, the last on 18 December.
    let agenda = agenda(&doc, None, "2021-12-31")?;
    let dates: Vec<String> = agenda.iter().map(|o| o.occurrence.to_string()).collect();
    assert_eq!(
        dates,
        [
            "2020-11-06",
            "2020-11-13",
            "2020-11-20",
            "2020-11-27",
            "2020-12-04",
            "2020-12-11",
            "2020-12-18"
        ]
    );
    assert_eq!(
        agenda.last().map(|o| o.start.to_rfc3339()).as_deref(),
        Some("2020-12-18T09:00:00+01:00")
    );
    Ok(())
}

#[test]
fn a_cancelled_occurrence_shows_its_reason_and_the_others_stay_planned() -> TestResult {
    // 1. The monthly bistrot.
    let (mut doc, id) = monthly_bistrot()?;

    // 2. The March occurrence is cancelled because of a strike.
    doc.update_event(&id, |e| {
        e.cancel(
            Some(date("2021-03-04")?),
            Some("pour cause de grève".into()),
        )
    })?;

    // 3. It is still listed, cancelled, with the reason; the others are planned, without one.
    let agenda = agenda(&doc, None, "2021-12-31")?;
    let statuses: Vec<(String, OccurrenceStatus, Option<String>)> = agenda
        .iter()
        .map(|o| (o.occurrence.to_string(), o.status, o.reason.clone()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("2021-02-04".to_string(), OccurrenceStatus::Planned, None),
            (
                "2021-03-04".to_string(),
                OccurrenceStatus::Cancelled,
                Some("pour cause de grève".to_string())
            ),
            ("2021-04-01".to_string(), OccurrenceStatus::Planned, None),
            ("2021-05-06".to_string(), OccurrenceStatus::Planned, None),
        ]
    );
    Ok(())
}

#[test]
fn cancelling_the_whole_series_cancels_every_occurrence() -> TestResult {
    // 1. The monthly bistrot.
    let (mut doc, id) = monthly_bistrot()?;

    // 2. The whole series is cancelled.
    doc.update_event(&id, |e| e.cancel(None, Some("le café ferme".into())))?;

    // 3. Every occurrence is cancelled, with the series' reason.
    let agenda = agenda(&doc, None, "2021-12-31")?;
    assert_eq!(agenda.len(), 4);
    assert!(
        agenda
            .iter()
            .all(|o| o.status == OccurrenceStatus::Cancelled
                && o.reason.as_deref() == Some("le café ferme")),
        "{agenda:?}"
    );
    Ok(())
}

#[test]
fn a_moved_occurrence_appears_at_its_new_time_only() -> TestResult {
    // 1. The monthly bistrot.
    let (mut doc, id) = monthly_bistrot()?;

    // 2. The April occurrence (Thursday 1st) moves to Thursday 8 April at 19:00.
    doc.update_event(&id, |e| {
        e.move_occurrence(
            date("2021-04-01")?,
            local("2021-04-08T19:00")?,
            Some("salle prise".into()),
        )
    })?;

    // 3. It appears on 8 April at 19:00 (ending two hours later), marked moved, still named by
    //    its original date; nothing is left on 1 April.
    let agenda = agenda(&doc, None, "2021-12-31")?;
    assert_eq!(
        lines(&agenda)?,
        [
            line("2021-02-04", "2021-02-04T18:30:00+01:00", "planned"),
            line("2021-03-04", "2021-03-04T18:30:00+01:00", "planned"),
            line("2021-04-01", "2021-04-08T19:00:00+02:00", "moved"),
            line("2021-05-06", "2021-05-06T18:30:00+02:00", "planned"),
        ]
    );
    let moved = &agenda[2];
    assert_eq!(
        moved.end.map(|e| e.to_rfc3339()).as_deref(),
        Some("2021-04-08T21:00:00+02:00")
    );
    assert_eq!(moved.reason.as_deref(), Some("salle prise"));
    let first_of_april = date("2021-04-01")?.0;
    assert!(
        agenda
            .iter()
            .all(|o| o.start.date_naive() != first_of_april)
    );
    Ok(())
}

#[test]
fn counted_attendance_marks_an_occurrence_held_and_answers_are_counted() -> TestResult {
    // 1. The monthly bistrot and three members.
    let (mut doc, id) = monthly_bistrot()?;
    let today = date("2021-01-20")?;
    for n in 1..=3 {
        doc.add_member(
            member_id(n),
            person(&format!("Personne inventée {n}")),
            today,
        )?;
    }
    let february = date("2021-02-04")?;

    // 2. Two answer yes and one maybe for February; one changes their mind to no.
    doc.update_event(&id, |e| e.answer(&member_id(1), Some(february), Rsvp::Yes))?;
    doc.update_event(&id, |e| e.answer(&member_id(2), Some(february), Rsvp::Yes))?;
    doc.update_event(&id, |e| {
        e.answer(&member_id(3), Some(february), Rsvp::Maybe)
    })?;
    doc.update_event(&id, |e| e.answer(&member_id(2), Some(february), Rsvp::No))?;
    // 3. Fourteen people came.
    doc.update_event(&id, |e| e.count_attendance(february, 14))?;

    // 4. February is held with 14 people and the latest answers; March is untouched.
    let agenda = agenda(&doc, None, "2021-03-31")?;
    assert_eq!(agenda.len(), 2);
    assert_eq!(agenda[0].status, OccurrenceStatus::Held);
    assert_eq!(agenda[0].attendance, Some(14));
    assert_eq!(
        (agenda[0].rsvp.yes, agenda[0].rsvp.no, agenda[0].rsvp.maybe),
        (1, 1, 1)
    );
    assert_eq!(agenda[1].status, OccurrenceStatus::Planned);
    assert_eq!(agenda[1].attendance, None);
    assert_eq!(
        (agenda[1].rsvp.yes, agenda[1].rsvp.no, agenda[1].rsvp.maybe),
        (0, 0, 0)
    );
    Ok(())
}

#[test]
fn a_window_lists_only_the_occurrences_dated_inside_it() -> TestResult {
    // 1. The monthly bistrot and a one-off general assembly.
    let (mut doc, _) = monthly_bistrot()?;
    doc.add_event(
        event_id(2),
        event(
            "Assemblée générale",
            "2021-03-20T10:00",
            Some("2021-03-20T12:00"),
            None,
        )?,
    )?;

    // 2. March and April, bounds included, hold the March and April bistrots and the assembly, by start.
    let spring = agenda(&doc, Some("2021-03-04"), "2021-04-01")?;
    let titles: Vec<(String, String)> = spring
        .iter()
        .map(|o| (o.occurrence.to_string(), o.title.clone()))
        .collect();
    assert_eq!(
        titles,
        [
            (
                "2021-03-04".to_string(),
                "Bistrot du premier jeudi".to_string()
            ),
            ("2021-03-20".to_string(), "Assemblée générale".to_string()),
            (
                "2021-04-01".to_string(),
                "Bistrot du premier jeudi".to_string()
            ),
        ]
    );

    // 3. A window between occurrences is empty; one before everything too.
    assert!(agenda(&doc, Some("2021-03-05"), "2021-03-19")?.is_empty());
    assert!(agenda(&doc, None, "2021-02-03")?.is_empty());
    Ok(())
}

#[test]
fn moving_an_occurrence_across_the_edge_of_a_window_moves_it_out_of_or_into_it() -> TestResult {
    // 1. The monthly bistrot.
    let (mut doc, id) = monthly_bistrot()?;

    // 2. The April occurrence moves out of April, to 20 May; the May one moves into April, to the 29th.
    doc.update_event(&id, |e| {
        e.move_occurrence(date("2021-04-01")?, local("2021-05-20T18:30")?, None)
    })?;
    doc.update_event(&id, |e| {
        e.move_occurrence(date("2021-05-06")?, local("2021-04-29T18:30")?, None)
    })?;

    // 3. April shows only the May occurrence, at its new date.
    assert_eq!(
        lines(&agenda(&doc, Some("2021-04-01"), "2021-04-30")?)?,
        [line("2021-05-06", "2021-04-29T18:30:00+02:00", "moved")]
    );
    // 4. May shows only the April occurrence, at its new date.
    assert_eq!(
        lines(&agenda(&doc, Some("2021-05-01"), "2021-05-31")?)?,
        [line("2021-04-01", "2021-05-20T18:30:00+02:00", "moved")]
    );
    // 5. Without a lower bound, all four are listed once each, by start.
    assert_eq!(
        lines(&agenda(&doc, None, "2021-12-31")?)?,
        [
            line("2021-02-04", "2021-02-04T18:30:00+01:00", "planned"),
            line("2021-03-04", "2021-03-04T18:30:00+01:00", "planned"),
            line("2021-05-06", "2021-04-29T18:30:00+02:00", "moved"),
            line("2021-04-01", "2021-05-20T18:30:00+02:00", "moved"),
        ]
    );
    Ok(())
}

#[test]
fn an_occurrence_ending_in_the_hour_skipped_by_the_clock_change_is_still_listed() -> TestResult {
    // 1. A late gathering on Sundays, 00:30 to 02:30, four times from 7 March 2021. On 28 March
    //    Brussels clocks jump from 02:00 to 03:00, so 02:30 does not exist that night.
    let mut doc = new_group()?;
    let id = event_id(1);
    doc.add_event(
        id.clone(),
        event(
            "Veillée",
            "2021-03-07T00:30",
            Some("2021-03-07T02:30"),
            Some("FREQ=WEEKLY;COUNT=4"),
        )?,
    )?;

    // 2. The 28 March occurrence is listed, ending two hours after it starts: 03:30 summer time.
    let listed = agenda(&doc, None, "2021-12-31")?;
    let times: Vec<(String, Option<String>)> = listed
        .iter()
        .map(|o| (o.start.to_rfc3339(), o.end.map(|e| e.to_rfc3339())))
        .collect();
    assert_eq!(
        times,
        [
            (
                "2021-03-07T00:30:00+01:00".to_string(),
                Some("2021-03-07T02:30:00+01:00".to_string())
            ),
            (
                "2021-03-14T00:30:00+01:00".to_string(),
                Some("2021-03-14T02:30:00+01:00".to_string())
            ),
            (
                "2021-03-21T00:30:00+01:00".to_string(),
                Some("2021-03-21T02:30:00+01:00".to_string())
            ),
            (
                "2021-03-28T00:30:00+01:00".to_string(),
                Some("2021-03-28T03:30:00+02:00".to_string())
            ),
        ]
    );

    // 3. It can be answered for, like any other occurrence.
    doc.update_event(&id, |e| {
        e.answer(&member_id(1), Some(date("2021-03-28")?), Rsvp::Yes)
    })?;

    // 4. Moving the 14 March occurrence to 00:15 on 28 March lists it too, ending at 03:15 summer time.
    doc.update_event(&id, |e| {
        e.move_occurrence(date("2021-03-14")?, local("2021-03-28T00:15")?, None)
    })?;
    let moved = agenda(&doc, Some("2021-03-28"), "2021-03-28")?;
    assert_eq!(
        lines(&moved)?,
        [
            line("2021-03-14", "2021-03-28T00:15:00+01:00", "moved"),
            line("2021-03-28", "2021-03-28T00:30:00+01:00", "planned"),
        ]
    );
    assert_eq!(
        moved[0].end.map(|e| e.to_rfc3339()).as_deref(),
        Some("2021-03-28T03:15:00+02:00")
    );
    assert_eq!(moved[1].rsvp.yes, 1);
    Ok(())
}

#[test]
fn revising_an_event_keeps_what_became_of_its_occurrences() -> TestResult {
    // 1. The first-Thursday bistrot has its March date cancelled for a strike and one answer
    //    for February.
    let (mut doc, id) = monthly_bistrot()?;
    doc.update_event(&id, |e| {
        e.cancel(
            Some(date("2021-03-04")?),
            Some("pour cause de grève".into()),
        )?;
        e.answer(&member_id(1), Some(date("2021-02-04")?), Rsvp::Yes)
            .map(|_| ())
    })?;

    // 2. The facilitator renames it, starts it at 19:00 and moves it to another café.
    doc.update_event(&id, |e| {
        let mut draft = e.draft();
        draft.title = "Bistrot du jeudi".into();
        draft.start = local("2021-02-04T19:00")?;
        draft.end = Some(local("2021-02-04T21:00")?);
        draft.venue = Some("La Tricoterie".into());
        e.revise(draft)
    })?;

    // 3. The occurrences follow the new time; the cancellation and the answer are still there.
    let agenda = agenda(&doc, None, "2021-12-31")?;
    assert_eq!(
        lines(&agenda)?,
        [
            line("2021-02-04", "2021-02-04T19:00:00+01:00", "planned"),
            line("2021-03-04", "2021-03-04T19:00:00+01:00", "cancelled"),
            line("2021-04-01", "2021-04-01T19:00:00+02:00", "planned"),
            line("2021-05-06", "2021-05-06T19:00:00+02:00", "planned"),
        ]
    );
    assert_eq!(agenda[0].title, "Bistrot du jeudi");
    assert_eq!(agenda[0].venue.as_deref(), Some("La Tricoterie"));
    assert_eq!(agenda[0].rsvp.yes, 1);
    assert_eq!(agenda[1].reason.as_deref(), Some("pour cause de grève"));
    Ok(())
}

#[test]
fn the_last_day_of_a_series_reads_back_in_the_events_zone() -> TestResult {
    // 1. Fridays until 18 December, in Brussels: stored as the end of that day in UTC.
    let mut doc = new_group()?;
    let mut new = event(
        "Bistrot du vendredi",
        "2026-11-06T18:30",
        None,
        Some("FREQ=WEEKLY;UNTIL=20261218"),
    )?;
    new.tz = Some("Europe/Brussels".into());
    let stored = doc.add_event(event_id(1), new)?;
    assert_eq!(
        stored.repeat.as_deref(),
        Some("FREQ=WEEKLY;UNTIL=20261218T225959Z")
    );

    // 2. Read back in Brussels time, the last day is 18 December.
    assert_eq!(stored.repeat_until()?, Some(date("2026-12-18")?));
    Ok(())
}

#[test]
fn a_revision_with_bad_input_changes_nothing() -> TestResult {
    // 1. The bistrot is revised with an end before its start.
    let (mut doc, id) = monthly_bistrot()?;
    let before = doc.event(&id)?;
    let refused = doc.update_event(&id, |e| {
        let mut draft = e.draft();
        draft.title = "Autre titre".into();
        draft.end = Some(local("2021-02-04T17:00")?);
        e.revise(draft)
    });

    // 2. It is refused, and the stored event is as it was.
    assert!(refused.is_err());
    assert_eq!(doc.event(&id)?, before);
    Ok(())
}
