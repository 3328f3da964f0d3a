//! A member's email and phone are printed only while the member consents to sharing them
//! (`contact`), in JSON and in text, wherever members are shown.

use serde_json::Value;

use crate::common::Comptoir;

/// The member of a `member list --json` with this name.
fn named<'a>(members: &'a Value, name: &str) -> &'a Value {
    members
        .as_array()
        .expect("a list of members")
        .iter()
        .find(|m| m["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {members}"))
}

#[test]
fn contact_details_are_printed_only_with_the_contact_consent() {
    let comptoir = Comptoir::new();
    let group = comptoir.bistrot("Bistrot du Social de Farciennes");
    // 1. Joël gives his email and phone but no consent; Élodie consents to sharing hers.
    let joel = comptoir.create(&[
        "member",
        "add",
        &group,
        "--name",
        "Joël Lambotte",
        "--email",
        "joel.lambotte@example.org",
        "--phone",
        "+32 472 00 00 02",
        "--town",
        "Farciennes",
        "--consent",
        "newsletter",
    ]);
    comptoir.create(&[
        "member",
        "add",
        &group,
        "--name",
        "Élodie Vanderbeke",
        "--email",
        "elodie.vanderbeke@example.org",
        "--phone",
        "+32 471 00 00 01",
        "--consent",
        "contact",
    ]);

    // 2. `member list --json`: Joël's email and phone are null, his town is there; Élodie's
    //    contact details are there.
    let members = comptoir.json(&["member", "list", &group]);
    let listed = named(&members, "Joël Lambotte");
    assert_eq!(listed["email"], Value::Null, "{listed}");
    assert_eq!(listed["phone"], Value::Null, "{listed}");
    assert_eq!(listed["town"], "Farciennes");
    assert_eq!(listed["consents"]["newsletter"]["granted"], true);
    let elodie = named(&members, "Élodie Vanderbeke");
    assert_eq!(elodie["email"], "elodie.vanderbeke@example.org");
    assert_eq!(elodie["phone"], "+32 471 00 00 01");

    // 3. The text list, `member show` and `group show`, in JSON and in text, do not print them
    //    either.
    let text = comptoir.run(&["member", "list", &group]);
    assert!(text.status.success(), "{}", text.stderr);
    assert!(
        text.stdout.contains("elodie.vanderbeke@example.org"),
        "{}",
        text.stdout
    );
    let shown = [
        text.stdout,
        comptoir.run(&["member", "show", &group, &joel]).stdout,
        comptoir
            .json(&["member", "show", &group, &joel])
            .to_string(),
        comptoir.run(&["group", "show", &group]).stdout,
        comptoir.json(&["group", "show", &group]).to_string(),
    ];
    for printed in shown {
        assert!(
            !printed.contains("joel.lambotte@example.org") && !printed.contains("472 00 00 02"),
            "Joël's contact details leaked:\n{printed}"
        );
    }

    // 4. Once Joël consents, his contact details are printed; withdrawn, they are not any more.
    let updated = comptoir.json(&["member", "update", &group, &joel, "--consent", "contact"]);
    assert_eq!(updated["email"], "joel.lambotte@example.org");
    assert_eq!(updated["phone"], "+32 472 00 00 02");
    let text = comptoir.run(&["member", "show", &group, &joel]).stdout;
    assert!(text.contains("joel.lambotte@example.org"), "{text}");
    let withdrawn = comptoir.json(&[
        "member",
        "update",
        &group,
        &joel,
        "--withdraw-consent",
        "contact",
    ]);
    assert_eq!(withdrawn["email"], Value::Null, "{withdrawn}");
    assert_eq!(withdrawn["phone"], Value::Null, "{withdrawn}");
}
