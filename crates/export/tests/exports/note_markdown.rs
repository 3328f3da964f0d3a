//! A synthesis as Markdown.

use comptoir_export::markdown;
use expect_test::expect;

use crate::fixture::{self, TestResult};

#[test]
fn snapshot() -> TestResult {
    let group = fixture::group()?;
    let note = group
        .notes
        .get(fixture::synthesis().as_str())
        .ok_or("no synthesis")?;
    expect![[r#"
        # Synthèse du bistrot de février : l'accès aux droits

        - Date : jeudi 4 février 2021
        - Groupe : Bistrot du Social de Dampremy
        - Rencontre : Bistrot du Social, jeudi 4 février 2021
        - Visibilité : publiée à la fédération
        - Auteur·ices : Élise Martin, Karim Benali
        - Thèmes : accès aux droits, non-recours

        ## Constats

        Beaucoup de personnes renoncent à des aides faute d'information.

        Les délais de rendez-vous découragent : six semaines en moyenne.

        ## Réflexions de fond

        Le non-recours n'est pas un choix individuel : c'est aussi l'effet de démarches pensées sans les personnes.

        ## Pépites et pistes d'action

        - Une permanence commune CPAS–associations, le jeudi matin.
        - Inviter le service de médiation de dettes au prochain bistrot.

        ## Liens partagés

        - <https://www.example.org/guide-des-droits-sociaux>
    "#]].assert_eq(&markdown::note(&group, note));
    Ok(())
}

#[test]
fn a_note_about_a_moved_occurrence_says_where_it_went() -> TestResult {
    let mut group = fixture::group()?;
    let mut note = group
        .notes
        .get(fixture::synthesis().as_str())
        .ok_or("no synthesis")?
        .clone();
    note.occurrence = Some(comptoir_model::Date::parse("2021-05-06")?);
    note.links.clear();
    note.authors.clear();
    note.tags.clear();
    let text = markdown::note(&group, &note);
    assert!(text.contains("- Rencontre : Bistrot du Social, jeudi 6 mai 2021, déplacée au mercredi 12 mai 2021 à 18h30\n"));
    assert!(!text.contains("Liens partagés"));
    assert!(!text.contains("Auteur"));

    // A note whose event was deleted still shows its occurrence.
    group.events.clear();
    let text = markdown::note(&group, &note);
    assert!(text.contains("- Rencontre : jeudi 6 mai 2021\n"));
    Ok(())
}

#[test]
fn a_title_cannot_break_the_page() -> TestResult {
    let group = fixture::group()?;
    let mut note = group
        .notes
        .get(fixture::synthesis().as_str())
        .ok_or("no synthesis")?
        .clone();
    note.title = "Retour\n# Titre pirate".into();
    assert!(markdown::note(&group, &note).starts_with("# Retour # Titre pirate\n\n"));
    Ok(())
}
