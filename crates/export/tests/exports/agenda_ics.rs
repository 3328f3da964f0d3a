//! The agenda as iCalendar.

use comptoir_export::{ExportError, ics};
use expect_test::expect;

use crate::fixture::{self, TestResult};

fn calendar() -> TestResult<String> {
    Ok(ics::calendar(&fixture::group()?, fixture::now())?)
}

/// The VEVENT blocks whose UID is `uid`, unfolded.
fn vevents(ics: &str, uid: &str) -> Vec<String> {
    let unfolded = ics.replace("\r\n ", "");
    unfolded
        .split("BEGIN:VEVENT\r\n")
        .skip(1)
        .filter_map(|block| block.split("END:VEVENT\r\n").next())
        .filter(|block| block.lines().any(|line| line == format!("UID:{uid}")))
        .map(str::to_string)
        .collect()
}

fn uid(event: &comptoir_model::EventId) -> TestResult<String> {
    Ok(format!("{event}@{}.comptoir", fixture::group()?.id))
}

#[test]
fn snapshot() -> TestResult {
    let ics = calendar()?;
    expect![[r#"
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//Comptoir//Comptoir//FR
        CALSCALE:GREGORIAN
        METHOD:PUBLISH
        X-WR-CALNAME:Bistrot du Social de Dampremy
        BEGIN:VTIMEZONE
        TZID:Europe/Brussels
        BEGIN:DAYLIGHT
        DTSTART:20200329T020000
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        TZNAME:CEST
        END:DAYLIGHT
        BEGIN:STANDARD
        DTSTART:20201025T030000
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        TZNAME:CET
        END:STANDARD
        BEGIN:DAYLIGHT
        DTSTART:20210328T020000
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        TZNAME:CEST
        END:DAYLIGHT
        BEGIN:STANDARD
        DTSTART:20211031T030000
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        TZNAME:CET
        END:STANDARD
        BEGIN:DAYLIGHT
        DTSTART:20220327T020000
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        TZNAME:CEST
        END:DAYLIGHT
        BEGIN:STANDARD
        DTSTART:20221030T030000
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        TZNAME:CET
        END:STANDARD
        END:VTIMEZONE
        BEGIN:VTIMEZONE
        TZID:Europe/Paris
        BEGIN:DAYLIGHT
        DTSTART:20200329T020000
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        TZNAME:CEST
        END:DAYLIGHT
        BEGIN:STANDARD
        DTSTART:20201025T030000
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        TZNAME:CET
        END:STANDARD
        BEGIN:DAYLIGHT
        DTSTART:20210328T020000
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        TZNAME:CEST
        END:DAYLIGHT
        BEGIN:STANDARD
        DTSTART:20211031T030000
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        TZNAME:CET
        END:STANDARD
        BEGIN:DAYLIGHT
        DTSTART:20220327T020000
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        TZNAME:CEST
        END:DAYLIGHT
        BEGIN:STANDARD
        DTSTART:20221030T030000
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        TZNAME:CET
        END:STANDARD
        END:VTIMEZONE
        BEGIN:VEVENT
        DESCRIPTION:Thème : L'accès aux droits\, ça coince où ?\nInvité·es : 
         Service de médiation de dettes\nAnnulée le jeudi 4 mars 2021 : annulée 
         pour cause de Covid
        DTEND;TZID=Europe/Brussels:20210204T203000
        DTSTAMP:20210601T080000Z
        DTSTART;TZID=Europe/Brussels:20210204T183000
        LOCATION:Café Le Central\, Rue de Marchienne 12\, 6020 Dampremy
        RRULE:FREQ=MONTHLY;BYDAY=1TH;COUNT=4
        STATUS:CONFIRMED
        SUMMARY:Bistrot du Social
        UID:0a0a0a0a0a0a@07070707070707070707070707070707.comptoir
        CATEGORIES:Bistrot
        EXDATE;TZID=Europe/Brussels:20210304T183000
        END:VEVENT
        BEGIN:VEVENT
        DESCRIPTION:Thème : L'accès aux droits\, ça coince où ?\nInvité·es : 
         Service de médiation de dettes\nDéplacée du jeudi 6 mai 2021 à 18h30 :
          le café est fermé pour inventaire
        DTEND;TZID=Europe/Brussels:20210512T203000
        DTSTAMP:20210601T080000Z
        DTSTART;TZID=Europe/Brussels:20210512T183000
        LOCATION:Café Le Central\, Rue de Marchienne 12\, 6020 Dampremy
        RECURRENCE-ID;TZID=Europe/Brussels:20210506T183000
        STATUS:CONFIRMED
        SUMMARY:Bistrot du Social
        UID:0a0a0a0a0a0a@07070707070707070707070707070707.comptoir
        CATEGORIES:Bistrot
        END:VEVENT
        BEGIN:VEVENT
        DESCRIPTION:Annulée : confinement
        DTEND;TZID=Europe/Brussels:20210311T120000
        DTSTAMP:20210601T080000Z
        DTSTART;TZID=Europe/Brussels:20210311T093000
        LOCATION:CPAS de Dampremy
        STATUS:CANCELLED
        SUMMARY:Permanence accès aux droits
        UID:0c0c0c0c0c0c@07070707070707070707070707070707.comptoir
        CATEGORIES:Permanence
        END:VEVENT
        BEGIN:VEVENT
        DESCRIPTION:Invité·es : Fédération des Bistrots du Social\, Café Le Ce
         ntral\nEn ligne : https://visio.example.org/ag-2021
        DTEND;TZID=Europe/Brussels:20210617T170000
        DTSTAMP:20210601T080000Z
        DTSTART;TZID=Europe/Brussels:20210617T140000
        LOCATION:Maison des Associations\, Place Albert Ier 3\, 6020 Dampremy
        STATUS:CONFIRMED
        SUMMARY:Assemblée générale 2021 : bilan\, perspectives\; élections
        UID:0b0b0b0b0b0b@07070707070707070707070707070707.comptoir
        URL:https://visio.example.org/ag-2021
        CATEGORIES:Assemblée générale
        END:VEVENT
        BEGIN:VEVENT
        DESCRIPTION:Annulée : reportée à 2022
        DTEND;TZID=Europe/Paris:20211016T163000
        DTSTAMP:20210601T080000Z
        DTSTART;TZID=Europe/Paris:20211016T093000
        LOCATION:Maison Folie de Wazemmes\, Rue des Sarrazins 70\, 59000 Lille
        STATUS:CANCELLED
        SUMMARY:Journée de rencontre des bistrots
        UID:0d0d0d0d0d0d@07070707070707070707070707070707.comptoir
        CATEGORIES:Journée de rencontre
        END:VEVENT
        END:VCALENDAR
    "#]]
    .assert_eq(&ics.replace("\r\n", "\n"));
    Ok(())
}

#[test]
fn lines_end_in_crlf_and_are_folded() -> TestResult {
    let ics = calendar()?;
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "a bare LF");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "longer than 75 octets: {line:?}");
    }
    Ok(())
}

#[test]
fn a_cancelled_occurrence_is_an_exdate_in_local_time() -> TestResult {
    let ics = calendar()?;
    let series = vevents(&ics, &uid(&fixture::bistrot())?);
    let master = series.first().ok_or("no bistrot")?;
    assert!(master.contains("DTSTART;TZID=Europe/Brussels:20210204T183000\r\n"));
    assert!(master.contains("RRULE:FREQ=MONTHLY;BYDAY=1TH;COUNT=4\r\n"));
    assert!(master.contains("EXDATE;TZID=Europe/Brussels:20210304T183000\r\n"));
    assert!(master.contains("Annulée le jeudi 4 mars 2021 : annulée pour cause de Covid"));
    Ok(())
}

#[test]
fn a_moved_occurrence_overrides_its_original_time() -> TestResult {
    let ics = calendar()?;
    let series = vevents(&ics, &uid(&fixture::bistrot())?);
    assert_eq!(series.len(), 2);
    let moved = series.get(1).ok_or("no moved occurrence")?;
    assert!(moved.contains("RECURRENCE-ID;TZID=Europe/Brussels:20210506T183000\r\n"));
    // After the clock change, still 18:30 on the wall clock.
    assert!(moved.contains("DTSTART;TZID=Europe/Brussels:20210512T183000\r\n"));
    assert!(moved.contains("DTEND;TZID=Europe/Brussels:20210512T203000\r\n"));
    assert!(!moved.contains("RRULE"));
    Ok(())
}

#[test]
fn each_zone_has_a_vtimezone_with_both_offsets() -> TestResult {
    let ics = calendar()?;
    for zone in ["Europe/Brussels", "Europe/Paris"] {
        let start = ics
            .find(&format!("BEGIN:VTIMEZONE\r\nTZID:{zone}\r\n"))
            .ok_or(zone)?;
        let block = ics
            .get(start..)
            .and_then(|rest| rest.split("END:VTIMEZONE").next())
            .ok_or(zone)?;
        assert!(
            block.contains("TZOFFSETTO:+0100\r\nTZNAME:CET\r\n"),
            "{zone}"
        );
        assert!(
            block.contains("TZOFFSETTO:+0200\r\nTZNAME:CEST\r\n"),
            "{zone}"
        );
        // The clocks went forward on 28 March 2021 at 02:00 local time.
        assert!(block.contains("BEGIN:DAYLIGHT\r\nDTSTART:20210328T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"));
    }
    // Every zone is described before it is used.
    assert!(ics.find("BEGIN:VTIMEZONE") < ics.find("BEGIN:VEVENT"));
    Ok(())
}

#[test]
fn the_series_expands_to_the_same_wall_clock_time_across_the_clock_change() -> TestResult {
    let ics = calendar()?;
    let series = vevents(&ics, &uid(&fixture::bistrot())?);
    let master = series.first().ok_or("no bistrot")?;
    let recurrence: Vec<&str> = master
        .split("\r\n")
        .filter(|line| {
            ["DTSTART", "RRULE", "EXDATE"]
                .iter()
                .any(|key| line.starts_with(key))
        })
        .collect();
    let set: rrule::RRuleSet = recurrence.join("\n").parse()?;
    let starts: Vec<String> = set
        .all(10)
        .dates
        .iter()
        .map(|d| d.format("%Y-%m-%d %H:%M %:z").to_string())
        .collect();
    // March is cancelled; May is the original date, which the moved VEVENT overrides.
    assert_eq!(
        starts,
        [
            "2021-02-04 18:30 +01:00",
            "2021-04-01 18:30 +02:00",
            "2021-05-06 18:30 +02:00"
        ]
    );
    Ok(())
}

#[test]
fn cancelled_events_say_so() -> TestResult {
    let ics = calendar()?;
    // A one-off whose only occurrence is cancelled.
    let office = vevents(&ics, &uid(&fixture::office_hours())?);
    assert_eq!(office.len(), 1);
    assert!(
        office
            .iter()
            .all(|v| v.contains("STATUS:CANCELLED\r\n") && v.contains("Annulée : confinement"))
    );
    assert!(office.iter().all(|v| !v.contains("EXDATE")));
    // An event cancelled as a whole.
    let day = vevents(&ics, &uid(&fixture::meeting_day())?);
    assert!(
        day.iter()
            .all(|v| v.contains("STATUS:CANCELLED\r\n") && v.contains("Annulée : reportée à 2022"))
    );
    assert!(
        day.iter()
            .all(|v| v.contains("DTSTART;TZID=Europe/Paris:20211016T093000\r\n"))
    );
    // The others are confirmed.
    let bistrot = vevents(&ics, &uid(&fixture::bistrot())?);
    assert!(bistrot.iter().all(|v| v.contains("STATUS:CONFIRMED\r\n")));
    Ok(())
}

#[test]
fn text_is_escaped_and_places_and_links_are_given() -> TestResult {
    let ics = calendar()?;
    let assembly = vevents(&ics, &uid(&fixture::assembly())?);
    let assembly = assembly.first().ok_or("no assembly")?;
    assert!(
        assembly
            .contains("SUMMARY:Assemblée générale 2021 : bilan\\, perspectives\\; élections\r\n")
    );
    assert!(
        assembly.contains(
            "LOCATION:Maison des Associations\\, Place Albert Ier 3\\, 6020 Dampremy\r\n"
        )
    );
    assert!(assembly.contains("URL:https://visio.example.org/ag-2021\r\n"));
    assert!(assembly.contains("En ligne : https://visio.example.org/ag-2021"));
    assert!(assembly.contains("CATEGORIES:Assemblée générale\r\n"));
    Ok(())
}

#[test]
fn nothing_about_members_goes_out() -> TestResult {
    let ics = calendar()?;
    for private in ["Élise", "Karim", "Zoé", "@example.org", "0470", "accueil@"] {
        assert!(!ics.contains(private), "{private} leaked");
    }
    Ok(())
}

#[test]
fn icalendar_reads_it_back() -> TestResult {
    let ics = calendar()?;
    let parsed: icalendar::Calendar = ics.parse()?;
    use icalendar::{CalendarDateTime, Component, DatePerhapsTime};
    assert_eq!(parsed.get_name(), Some("Bistrot du Social de Dampremy"));
    // Four events and one moved occurrence; the two zones come as other components.
    assert_eq!(parsed.events().count(), 5);
    assert_eq!(parsed.components.len(), 7);
    let first = parsed.events().next().ok_or("no event")?;
    assert_eq!(first.get_summary(), Some("Bistrot du Social"));
    assert_eq!(first.get_timestamp(), Some(fixture::now()));
    let start = chrono::NaiveDate::from_ymd_opt(2021, 2, 4)
        .and_then(|d| d.and_hms_opt(18, 30, 0))
        .ok_or("date")?;
    assert_eq!(
        first.get_start(),
        Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone {
            date_time: start,
            tzid: "Europe/Brussels".into()
        }))
    );
    Ok(())
}

#[test]
fn an_event_the_model_refuses_is_named() -> TestResult {
    let mut group = fixture::group()?;
    let id = fixture::assembly();
    let event = group.events.get_mut(id.as_str()).ok_or("no assembly")?;
    event.tz = "Mars/Olympus_Mons".into();
    match ics::calendar(&group, fixture::now()) {
        Err(ExportError::Event { id: failed, .. }) => assert_eq!(failed, id.to_string()),
        other => return Err(format!("expected the event to be refused, got {other:?}").into()),
    }
    Ok(())
}

#[test]
fn an_empty_agenda_is_a_valid_calendar() -> TestResult {
    let mut group = fixture::group()?;
    group.events.clear();
    let ics = ics::calendar(&group, fixture::now())?;
    expect![[r#"
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//Comptoir//Comptoir//FR
        CALSCALE:GREGORIAN
        METHOD:PUBLISH
        X-WR-CALNAME:Bistrot du Social de Dampremy
        END:VCALENDAR
    "#]]
    .assert_eq(&ics.replace("\r\n", "\n"));
    Ok(())
}

#[test]
fn an_open_ended_rule_gets_twenty_years_of_zone() -> TestResult {
    let mut group = fixture::group()?;
    let id = fixture::bistrot();
    let event = group.events.get_mut(id.as_str()).ok_or("no bistrot")?;
    event.repeat = Some("FREQ=MONTHLY;BYDAY=1TH".into());
    let ics = ics::calendar(&group, fixture::now())?;
    let start = ics.find("TZID:Europe/Brussels\r\n").ok_or("no Brussels")?;
    let brussels = ics
        .get(start..)
        .and_then(|rest| rest.split("END:VTIMEZONE").next())
        .ok_or("no end")?;
    // From 2020 (a year before the first start) to 2042 (twenty years after it, plus one).
    assert!(brussels.contains("DTSTART:20200329T020000\r\n"));
    assert!(brussels.contains("DTSTART:20421026T030000\r\n"));
    assert!(!brussels.contains("DTSTART:2043"));
    assert_eq!(brussels.matches("BEGIN:DAYLIGHT").count(), 23);
    Ok(())
}

#[test]
fn a_moved_one_off_event_is_simply_at_its_new_time() -> TestResult {
    let mut group = fixture::group()?;
    let id = fixture::assembly();
    let event = group.events.get_mut(id.as_str()).ok_or("no assembly")?;
    event.move_occurrence(
        comptoir_model::Date::parse("2021-06-17")?,
        comptoir_model::LocalDateTime::parse("2021-06-24T14:00")?,
        Some("salle indisponible".into()),
    )?;
    let ics = ics::calendar(&group, fixture::now())?;
    let assembly = vevents(&ics, &uid(&id)?);
    assert_eq!(assembly.len(), 1);
    let assembly = assembly.first().ok_or("no assembly")?;
    assert!(assembly.contains("DTSTART;TZID=Europe/Brussels:20210624T140000\r\n"));
    assert!(assembly.contains("DTEND;TZID=Europe/Brussels:20210624T170000\r\n"));
    assert!(assembly.contains("Déplacée du jeudi 17 juin 2021 à 14h : salle indisponible"));
    assert!(!assembly.contains("RECURRENCE-ID"));
    assert!(assembly.contains("STATUS:CONFIRMED"));
    Ok(())
}

#[test]
fn an_event_with_nothing_to_say_has_no_description() -> TestResult {
    let mut group = fixture::group()?;
    group
        .events
        .retain(|id, _| id == fixture::office_hours().as_str());
    let event = group.events.values_mut().next().ok_or("no office hours")?;
    event.exceptions.clear();
    let ics = ics::calendar(&group, fixture::now())?;
    assert!(!ics.contains("DESCRIPTION"));
    assert!(ics.contains("STATUS:CONFIRMED"));
    Ok(())
}
