//! The whole group as JSON.

use comptoir_export::json;
use expect_test::expect;

use crate::fixture::{self, TestResult};

#[test]
fn snapshot() -> TestResult {
    let text = json::group(&fixture::group()?)?;
    expect![[r#""#]].assert_eq(&text);
    Ok(())
}

#[test]
fn everything_is_there() -> TestResult {
    let value: serde_json::Value = serde_json::from_str(&json::group(&fixture::group()?)?)?;
    assert_eq!(value["profile"]["name"], "Bistrot du Social de Dampremy");
    assert_eq!(value["members"].as_object().map(|m| m.len()), Some(5));
    assert_eq!(value["events"].as_object().map(|m| m.len()), Some(4));
    let note = &value["notes"][fixture::synthesis().as_str()];
    assert_eq!(note["sections"][2]["heading"], "Pépites et pistes d'action");
    assert_eq!(note["visibility"], "published");
    Ok(())
}
