//! The "done when", as a new facilitator would go through it: a bistrot, its members,
//! a monthly meeting across the daylight-saving change, a synthesis, every export, and the
//! group carried to a second computer as an Automerge file.

use serde_json::Value;

use crate::common::{Comptoir, Views, names};

/// The first Thursdays of `FREQ=MONTHLY;BYDAY=1TH;COUNT=6` from 4 February 2021, with the UTC
/// offset Brussels has on that day (summer time starts on 28 March 2021).
const FIRST_THURSDAYS: [(&str, &str); 6] = [
    ("2021-02-04", "+01:00"),
    ("2021-03-04", "+01:00"),
    ("2021-04-01", "+02:00"),
    ("2021-05-06", "+02:00"),
    ("2021-06-03", "+02:00"),
    ("2021-07-01", "+02:00"),
];

const CANCELLED: &str = "2021-04-01";
const REASON: &str = "Annulée pour cause de Covid";

/// What the facilitator set up, by id.
struct Bistrot {
    group: String,
    event: String,
}

/// Steps 1 to 6: the group, its members, its monthly meeting and a synthesis.
fn set_up(here: &Comptoir) -> Bistrot {
    // 1. The facilitator creates the group, in Belgium, with its café and its place on the map.
    let group = here.create(&[
        "group",
        "create",
        "--name",
        "Bistrot du Social de Dampremy",
        "--kind",
        "bistrot",
        "--country",
        "BE",
        "--town",
        "Dampremy",
        "--postal-code",
        "6020",
        "--venue",
        "Café de la Gare",
        "--lat",
        "50.4186",
        "--lon",
        "4.4312",
    ]);
    // 2. An organisation, a professional of it who shares her contacts, and a resident who only
    //    wants the newsletter.
    here.create(&[
        "member",
        "add",
        &group,
        "--name",
        "CPAS de Dampremy",
        "--organisation",
    ]);
    here.create(&[
        "member",
        "add",
        &group,
        "--name",
        "Élodie Vanderbeke",
        "--role",
        "professional",
        "--member-of",
        "CPAS de Dampremy",
        "--email",
        "elodie.vanderbeke@example.org",
        "--phone",
        "+32 471 00 00 01",
        "--consent",
        "contact",
    ]);
    here.create(&[
        "member",
        "add",
        &group,
        "--name",
        "Joël Maréchal",
        "--role",
        "resident",
        "--phone",
        "+32 472 00 00 02",
        "--consent",
        "newsletter",
    ]);
    // 3. The bistrot meets on the first Thursday of the month at 18:30, six times.
    let event = here.create(&[
        "event",
        "add",
        &group,
        "--title",
        "Bistrot du jeudi",
        "--kind",
        "bistrot",
        "--start",
        "2021-02-04T18:30",
        "--end",
        "2021-02-04T21:00",
        "--repeat",
        "FREQ=MONTHLY;BYDAY=1TH;COUNT=6",
        "--venue",
        "Café de la Gare",
    ]);
    // 4. April's meeting is cancelled.
    here.json(&[
        "event",
        "cancel",
        &group,
        &event,
        "--occurrence",
        CANCELLED,
        "--reason",
        REASON,
    ]);
    // 5. Answers for March, and how many came in February and March.
    let march = "2021-03-04";
    here.json(&[
        "event",
        "rsvp",
        &group,
        &event,
        "Élodie Vanderbeke",
        "yes",
        "--occurrence",
        march,
    ]);
    here.json(&[
        "event",
        "rsvp",
        &group,
        &event,
        "Joël Maréchal",
        "no",
        "--occurrence",
        march,
    ]);
    here.json(&[
        "event",
        "attendance",
        &group,
        &event,
        "--occurrence",
        "2021-02-04",
        "--count",
        "14",
    ]);
    here.json(&[
        "event",
        "attendance",
        &group,
        &event,
        "--occurrence",
        march,
        "--count",
        "9",
    ]);
    // 6. The synthesis of February's meeting, with the sections the network uses and a link.
    here.create(&[
        "note",
        "add",
        &group,
        "--title",
        "Synthèse du bistrot de février",
        "--event",
        &event,
        "--occurrence",
        "2021-02-04",
        "--section",
        "Constats=Les travailleuses sociales se sentent isolées face aux expulsions.",
        "--section",
        "Réflexions de fond=Le secret professionnel protège d'abord la personne aidée.",
        "--section",
        "Pépites et pistes d'action=Créer un répertoire partagé des services de Dampremy.",
        "--link",
        "https://example.org/manifeste-des-bistrots",
        "--author",
        "Élodie Vanderbeke",
    ]);
    Bistrot { group, event }
}

fn occurrence_on<'a>(agenda: &'a Value, date: &str) -> &'a Value {
    agenda
        .as_array()
        .expect("a list of occurrences")
        .iter()
        .find(|o| o["occurrence"] == date)
        .unwrap_or_else(|| panic!("no occurrence on {date} in {agenda:#}"))
}

#[test]
fn the_agenda_keeps_18_30_across_the_clock_change_with_answers_and_attendance() {
    let here = Comptoir::new();
    let Bistrot { group, event } = set_up(&here);

    // 7. The agenda lists the six meetings at 18:30 local time, with Brussels' offset of the day.
    let agenda = here.json(&["event", "list", &group]);
    let field = |o: &Value, name: &str| {
        o[name]
            .as_str()
            .unwrap_or_else(|| panic!("no {name} in {o}"))
            .to_string()
    };
    let listed: Vec<(String, String, String)> = agenda
        .as_array()
        .expect("a list of occurrences")
        .iter()
        .map(|o| (field(o, "occurrence"), field(o, "start"), field(o, "end")))
        .collect();
    let expected: Vec<(String, String, String)> = FIRST_THURSDAYS
        .iter()
        .map(|(day, offset)| {
            (
                day.to_string(),
                format!("{day}T18:30:00{offset}"),
                format!("{day}T21:00:00{offset}"),
            )
        })
        .collect();
    assert_eq!(listed, expected);
    assert!(
        agenda
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["event"] == event.as_str())
    );

    // 8. April's meeting shows as cancelled, with its reason; the others are not.
    let april = occurrence_on(&agenda, CANCELLED);
    assert_eq!(april["status"], "cancelled");
    assert_eq!(april["reason"], REASON);
    let cancelled = agenda
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["status"] == "cancelled")
        .count();
    assert_eq!(cancelled, 1);

    // 9. February and March were held, with their counts; March has one yes and one no.
    let february = occurrence_on(&agenda, "2021-02-04");
    assert_eq!(
        (february["status"].as_str(), february["attendance"].as_u64()),
        (Some("held"), Some(14))
    );
    let march = occurrence_on(&agenda, "2021-03-04");
    assert_eq!(
        (march["status"].as_str(), march["attendance"].as_u64()),
        (Some("held"), Some(9))
    );
    assert_eq!(
        march["rsvp"],
        serde_json::json!({ "yes": 1, "no": 1, "maybe": 0 })
    );
    assert_eq!(
        february["rsvp"],
        serde_json::json!({ "yes": 0, "no": 0, "maybe": 0 })
    );
    let may = occurrence_on(&agenda, "2021-05-06");
    assert_eq!(
        (may["status"].as_str(), may["attendance"].as_u64()),
        (Some("planned"), None)
    );

    // 10. Without --json, a person reads the same agenda, one line per meeting.
    let run = here.run(&["event", "list", &group]);
    assert!(run.status.success(), "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), FIRST_THURSDAYS.len(), "{}", run.stdout);
    assert!(
        lines[0].starts_with("2021-02-04 18:30 +01:00"),
        "{}",
        lines[0]
    );
    assert!(
        lines[2].starts_with("2021-04-01 18:30 +02:00"),
        "{}",
        lines[2]
    );
    assert!(
        lines[2].contains(&format!("cancelled: {REASON}")),
        "{}",
        lines[2]
    );
}

#[test]
fn exports_carry_the_agenda_the_synthesis_and_only_consented_contacts() {
    let here = Comptoir::new();
    let Bistrot { group, .. } = set_up(&here);
    let export = |format: &str| {
        let file = here.file(&format!("bistrot.{format}"));
        let done = here.json(&[
            "export",
            &group,
            "--format",
            format,
            "-o",
            file.to_str().unwrap(),
        ]);
        assert_eq!(done["done"], "exported");
        let text = std::fs::read_to_string(&file).expect("the export was written");
        assert_eq!(done["bytes"].as_u64(), Some(text.len() as u64));
        text
    };

    // 7. The calendar: one repeating VEVENT in Brussels time, April as an EXDATE, the zone's rules.
    let ics = export("ics").replace("\r\n ", ""); // Unfold long lines (RFC 5545 §3.1).
    let lines: Vec<&str> = ics.lines().collect();
    for line in [
        "BEGIN:VCALENDAR",
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Brussels",
        "DTSTART;TZID=Europe/Brussels:20210204T183000",
        "DTEND;TZID=Europe/Brussels:20210204T210000",
        "RRULE:FREQ=MONTHLY;BYDAY=1TH;COUNT=6",
        "EXDATE;TZID=Europe/Brussels:20210401T183000",
        "END:VCALENDAR",
    ] {
        assert!(lines.contains(&line), "no line {line:?} in:\n{ics}");
    }
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("EXDATE")).count(),
        1,
        "{ics}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("LOCATION:Café de la Gare")),
        "{ics}"
    );

    // 8. The synthesis in Markdown, accents intact.
    let md = export("md");
    for text in [
        "# Synthèse du bistrot de février",
        "## Constats",
        "## Réflexions de fond",
        "## Pépites et pistes d'action",
        "Les travailleuses sociales se sentent isolées face aux expulsions.",
        "https://example.org/manifeste-des-bistrots",
    ] {
        assert!(md.contains(text), "no {text:?} in:\n{md}");
    }

    // 9. The member list: Élodie's contacts are shared, Joël's phone is not (no contact consent).
    let csv = export("csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().expect("a header row").clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a CSV row")).collect();
    let row = |name: &str| {
        rows.iter()
            .find(|r| r.get(1) == Some(name))
            .unwrap_or_else(|| panic!("no row for {name} in:\n{csv}"))
    };
    let cell = |row: &csv::StringRecord, column: &str| {
        let at = headers
            .iter()
            .position(|h| h == column)
            .unwrap_or_else(|| panic!("no {column} column"));
        row.get(at).unwrap_or_default().to_string()
    };
    assert_eq!(rows.len(), 3, "{csv}");
    let elodie = row("Élodie Vanderbeke");
    assert_eq!(cell(elodie, "email"), "elodie.vanderbeke@example.org");
    // A leading "+" may be guarded against spreadsheet formulas with a quote.
    assert_eq!(
        cell(elodie, "phone").trim_start_matches('\''),
        "+32 471 00 00 01"
    );
    assert_eq!(cell(elodie, "member_of"), "CPAS de Dampremy");
    let joel = row("Joël Maréchal");
    assert_eq!(
        (cell(joel, "phone"), cell(joel, "email")),
        (String::new(), String::new())
    );
    assert!(!csv.contains("472 00 00 02"), "Joël's phone leaked:\n{csv}");

    // 10. The JSON export holds every member, the meeting and the synthesis.
    let json: Value = serde_json::from_str(&export("json")).expect("valid JSON");
    let mut members: Vec<&str> = json["members"]
        .as_object()
        .expect("members")
        .values()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    members.sort_unstable();
    assert_eq!(
        members,
        ["CPAS de Dampremy", "Joël Maréchal", "Élodie Vanderbeke"]
    );
    assert_eq!(json["events"].as_object().map(|e| e.len()), Some(1));
    assert_eq!(json["notes"].as_object().map(|n| n.len()), Some(1));
}

#[test]
fn the_group_moves_to_a_second_computer_through_an_automerge_file() {
    let here = Comptoir::new();
    let Bistrot { group, .. } = set_up(&here);
    let there = Comptoir::new();

    // 7. The facilitator saves the group as an Automerge file.
    let file = here.file("bistrot.automerge");
    let file = file.to_str().unwrap();
    here.json(&["export", &group, "--format", "automerge", "-o", file]);

    // 8. On a second computer (data directory), importing it creates the group.
    let imported = there.json(&["import", file]);
    assert_eq!(imported["id"], group.as_str());
    assert_eq!(imported["name"], "Bistrot du Social de Dampremy");
    assert_eq!(imported["created"], true);

    // 9. Every view there is the same as here, accents included.
    let views = here.views(&group);
    assert_eq!(there.views(&group), views);
    assert_eq!(
        names(&views["members"]),
        ["CPAS de Dampremy", "Élodie Vanderbeke", "Joël Maréchal"]
    );
    assert_eq!(
        views["notes"][0]["sections"][2]["heading"],
        "Pépites et pistes d'action"
    );

    // 10. Importing the same file again merges into the copy there and changes nothing.
    let before = there.stored(&group);
    let again = there.json(&["import", file]);
    assert_eq!(again["id"], group.as_str());
    assert_eq!(again["created"], false);
    assert_eq!(there.stored(&group), before);
}
