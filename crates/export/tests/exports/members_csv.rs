//! The member list as CSV.

use std::collections::HashMap;

use comptoir_export::csv;
use expect_test::expect;

use crate::fixture::{self, TestResult};

/// Each row as column → value, in order.
fn rows(text: &str) -> TestResult<Vec<HashMap<String, String>>> {
    let mut reader = ::csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers()?.clone();
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record?;
        out.push(
            header
                .iter()
                .map(str::to_string)
                .zip(record.iter().map(str::to_string))
                .collect(),
        );
    }
    Ok(out)
}

fn row<'a>(
    rows: &'a [HashMap<String, String>],
    name: &str,
) -> TestResult<&'a HashMap<String, String>> {
    Ok(rows
        .iter()
        .find(|r| r.get("name").map(String::as_str) == Some(name))
        .ok_or(name.to_string())?)
}

#[test]
fn snapshot() -> TestResult {
    let text = csv::members(&fixture::group()?)?;
    assert!(text.ends_with("\r\n"));
    expect![[r#"
        id,name,kind,roles,member_of,email,phone,town,joined,left,consent_contact,consent_newsletter,consent_public
        050505050505,André Dubois,person,volunteer,,,,Charleroi,2021-02-04,2021-05-06,,granted 2021-02-04,
        020202020202,CPAS de Dampremy,organisation,,,accueil@cpas-dampremy.example,+32 71 00 00 00,Dampremy,2021-02-04,,granted 2021-02-04,,granted 2021-02-04
        010101010101,Élise Martin,person,facilitator;correspondent,,elise.martin@example.org,0470 12 34 56,Dampremy,2021-02-04,,granted 2021-02-04,granted 2021-02-04,granted 2021-02-04
        030303030303,Karim Benali,person,professional,CPAS de Dampremy,,,Charleroi,2021-02-04,,,,
        040404040404,Zoé Lambert,person,resident,,,,Dampremy,2021-03-01,,withdrawn 2021-05-01,,granted 2021-03-01
    "#]].assert_eq(&text.replace("\r\n", "\n"));
    Ok(())
}

#[test]
fn contact_details_need_a_current_consent() -> TestResult {
    let text = csv::members(&fixture::group()?)?;
    let rows = rows(&text)?;
    let get = |name, column: &str| -> TestResult<String> {
        Ok(row(&rows, name)?.get(column).cloned().unwrap_or_default())
    };

    assert_eq!(get("Élise Martin", "email")?, "elise.martin@example.org");
    assert_eq!(get("Élise Martin", "phone")?, "0470 12 34 56");
    // Never asked.
    assert_eq!(get("Karim Benali", "email")?, "");
    assert_eq!(get("Karim Benali", "phone")?, "");
    assert_eq!(get("Karim Benali", "consent_contact")?, "");
    // Withdrawn.
    assert_eq!(get("Zoé Lambert", "email")?, "");
    assert_eq!(
        get("Zoé Lambert", "consent_contact")?,
        "withdrawn 2021-05-01"
    );
    assert_eq!(get("Zoé Lambert", "consent_public")?, "granted 2021-03-01");
    for private in ["karim.benali", "0471", "zoe.lambert", "andre.dubois"] {
        assert!(!text.contains(private), "{private} leaked");
    }
    Ok(())
}

#[test]
fn rows_are_sorted_by_name_accents_aside_and_name_organisations() -> TestResult {
    let text = csv::members(&fixture::group()?)?;
    let rows = rows(&text)?;
    let names: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.get("name").map(String::as_str))
        .collect();
    assert_eq!(
        names,
        [
            "André Dubois",
            "CPAS de Dampremy",
            "Élise Martin",
            "Karim Benali",
            "Zoé Lambert"
        ]
    );
    assert_eq!(
        row(&rows, "Karim Benali")?
            .get("member_of")
            .map(String::as_str),
        Some("CPAS de Dampremy")
    );
    assert_eq!(
        row(&rows, "Élise Martin")?.get("roles").map(String::as_str),
        Some("facilitator;correspondent")
    );
    assert_eq!(
        row(&rows, "André Dubois")?.get("left").map(String::as_str),
        Some("2021-05-06")
    );
    Ok(())
}

#[test]
fn cells_a_spreadsheet_would_run_are_neutralised() -> TestResult {
    let mut group = fixture::group()?;
    let member = group
        .members
        .get_mut(fixture::karim().as_str())
        .ok_or("no Karim")?;
    member.name = "=HYPERLINK(\"https://evil.example\",\"clic\")".into();
    let rows = rows(&csv::members(&group)?)?;
    assert!(
        rows.iter()
            .any(|r| r.get("name").is_some_and(|n| n.starts_with("'=HYPERLINK(")))
    );
    Ok(())
}
