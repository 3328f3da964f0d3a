//! The whole group as JSON.

use comptoir_export::json;
use expect_test::expect;

use crate::fixture::{self, TestResult};

#[test]
fn snapshot() -> TestResult {
    let text = json::group(&fixture::group()?)?;
    expect![[r#"
        {
          "schema": 1,
          "id": "07070707070707070707070707070707",
          "profile": {
            "name": "Bistrot du Social de Dampremy",
            "kind": "bistrot",
            "town": "Dampremy",
            "postal_code": "6020",
            "country": "BE",
            "venue": "Café Le Central",
            "address": "Rue de Marchienne 12, 6020 Dampremy",
            "coordinates": null,
            "description": "Un bistrot où travailleur·euses sociaux·ales, bénévoles et habitant·es se retrouvent en vrai.",
            "how_it_works": "Le premier jeudi du mois, 18h30. Chacun·e parle à son tour ; pas de compte rendu nominatif.",
            "links": [
              "https://bistrots-du-social.example/manifeste"
            ],
            "correspondents": [
              "010101010101"
            ]
          },
          "members": {
            "010101010101": {
              "id": "010101010101",
              "name": "Élise Martin",
              "kind": "person",
              "roles": [
                "facilitator",
                "correspondent"
              ],
              "member_of": null,
              "email": "elise.martin@example.org",
              "phone": "0470 12 34 56",
              "town": "Dampremy",
              "joined": "2021-02-04",
              "left": null,
              "consents": {
                "contact": {
                  "granted": true,
                  "date": "2021-02-04"
                },
                "newsletter": {
                  "granted": true,
                  "date": "2021-02-04"
                },
                "public": {
                  "granted": true,
                  "date": "2021-02-04"
                }
              }
            },
            "020202020202": {
              "id": "020202020202",
              "name": "CPAS de Dampremy",
              "kind": "organisation",
              "roles": [],
              "member_of": null,
              "email": "accueil@cpas-dampremy.example",
              "phone": "+32 71 00 00 00",
              "town": "Dampremy",
              "joined": "2021-02-04",
              "left": null,
              "consents": {
                "contact": {
                  "granted": true,
                  "date": "2021-02-04"
                },
                "newsletter": null,
                "public": {
                  "granted": true,
                  "date": "2021-02-04"
                }
              }
            },
            "030303030303": {
              "id": "030303030303",
              "name": "Karim Benali",
              "kind": "person",
              "roles": [
                "professional"
              ],
              "member_of": "020202020202",
              "email": "karim.benali@example.org",
              "phone": "0471 98 76 54",
              "town": "Charleroi",
              "joined": "2021-02-04",
              "left": null,
              "consents": {
                "contact": null,
                "newsletter": null,
                "public": null
              }
            },
            "040404040404": {
              "id": "040404040404",
              "name": "Zoé Lambert",
              "kind": "person",
              "roles": [
                "resident"
              ],
              "member_of": null,
              "email": "zoe.lambert@example.org",
              "phone": null,
              "town": "Dampremy",
              "joined": "2021-03-01",
              "left": null,
              "consents": {
                "contact": {
                  "granted": false,
                  "date": "2021-05-01"
                },
                "newsletter": null,
                "public": {
                  "granted": true,
                  "date": "2021-03-01"
                }
              }
            },
            "050505050505": {
              "id": "050505050505",
              "name": "André Dubois",
              "kind": "person",
              "roles": [
                "volunteer"
              ],
              "member_of": null,
              "email": "andre.dubois@example.org",
              "phone": null,
              "town": "Charleroi",
              "joined": "2021-02-04",
              "left": "2021-05-06",
              "consents": {
                "contact": null,
                "newsletter": {
                  "granted": true,
                  "date": "2021-02-04"
                },
                "public": null
              }
            }
          },
          "events": {
            "0a0a0a0a0a0a": {
              "id": "0a0a0a0a0a0a",
              "title": "Bistrot du Social",
              "kind": "bistrot",
              "start": "2021-02-04T18:30",
              "end": "2021-02-04T20:30",
              "tz": "Europe/Brussels",
              "repeat": "FREQ=MONTHLY;BYDAY=1TH;COUNT=4",
              "venue": "Café Le Central",
              "address": "Rue de Marchienne 12, 6020 Dampremy",
              "online": null,
              "theme": "L'accès aux droits, ça coince où ?",
              "guests": [
                "Service de médiation de dettes"
              ],
              "facilitators": [],
              "capacity": null,
              "registration": "open",
              "status": "planned",
              "reason": null,
              "exceptions": {
                "2021-03-04": {
                  "cancelled": true,
                  "moved_to": null,
                  "reason": "annulée pour cause de Covid"
                },
                "2021-05-06": {
                  "cancelled": false,
                  "moved_to": "2021-05-12T18:30",
                  "reason": "le café est fermé pour inventaire"
                }
              },
              "rsvps": {
                "2021-02-04/030303030303": "yes"
              },
              "attendance": {
                "2021-02-04": 14
              }
            },
            "0b0b0b0b0b0b": {
              "id": "0b0b0b0b0b0b",
              "title": "Assemblée générale 2021 : bilan, perspectives; élections",
              "kind": "assemblee-generale",
              "start": "2021-06-17T14:00",
              "end": "2021-06-17T17:00",
              "tz": "Europe/Brussels",
              "repeat": null,
              "venue": "Maison des Associations",
              "address": "Place Albert Ier 3, 6020 Dampremy",
              "online": "https://visio.example.org/ag-2021",
              "theme": null,
              "guests": [
                "Fédération des Bistrots du Social",
                "Café Le Central"
              ],
              "facilitators": [],
              "capacity": 60,
              "registration": "open",
              "status": "planned",
              "reason": null,
              "exceptions": {},
              "rsvps": {},
              "attendance": {}
            },
            "0c0c0c0c0c0c": {
              "id": "0c0c0c0c0c0c",
              "title": "Permanence accès aux droits",
              "kind": "permanence",
              "start": "2021-03-11T09:30",
              "end": "2021-03-11T12:00",
              "tz": "Europe/Brussels",
              "repeat": null,
              "venue": "CPAS de Dampremy",
              "address": null,
              "online": null,
              "theme": null,
              "guests": [],
              "facilitators": [],
              "capacity": null,
              "registration": "open",
              "status": "planned",
              "reason": null,
              "exceptions": {
                "2021-03-11": {
                  "cancelled": true,
                  "moved_to": null,
                  "reason": "confinement"
                }
              },
              "rsvps": {},
              "attendance": {}
            },
            "0d0d0d0d0d0d": {
              "id": "0d0d0d0d0d0d",
              "title": "Journée de rencontre des bistrots",
              "kind": "journee-rencontre",
              "start": "2021-10-16T09:30",
              "end": "2021-10-16T16:30",
              "tz": "Europe/Paris",
              "repeat": null,
              "venue": "Maison Folie de Wazemmes",
              "address": "Rue des Sarrazins 70, 59000 Lille",
              "online": null,
              "theme": null,
              "guests": [],
              "facilitators": [],
              "capacity": null,
              "registration": "open",
              "status": "cancelled",
              "reason": "reportée à 2022",
              "exceptions": {},
              "rsvps": {},
              "attendance": {}
            }
          },
          "notes": {
            "141414141414": {
              "id": "141414141414",
              "title": "Synthèse du bistrot de février : l'accès aux droits",
              "date": "2021-02-04",
              "event": "0a0a0a0a0a0a",
              "occurrence": "2021-02-04",
              "authors": [
                "Élise Martin",
                "Karim Benali"
              ],
              "sections": [
                {
                  "id": "01010101",
                  "heading": "Constats",
                  "body": "Beaucoup de personnes renoncent à des aides faute d'information.\n\nLes délais de rendez-vous découragent : six semaines en moyenne."
                },
                {
                  "id": "02020202",
                  "heading": "Réflexions de fond",
                  "body": "Le non-recours n'est pas un choix individuel : c'est aussi l'effet de démarches pensées sans les personnes."
                },
                {
                  "id": "03030303",
                  "heading": "Pépites et pistes d'action",
                  "body": "- Une permanence commune CPAS–associations, le jeudi matin.\n- Inviter le service de médiation de dettes au prochain bistrot."
                }
              ],
              "links": [
                "https://www.example.org/guide-des-droits-sociaux"
              ],
              "tags": [
                "accès aux droits",
                "non-recours"
              ],
              "visibility": "published"
            }
          },
          "access": {},
          "revoked": {}
        }"#]].assert_eq(&text);
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
