//! Finding a group, member, event or note from what a person typed: a full id, a unique id
//! prefix, or (for groups and members) an exact name.

use crate::{AppError, Result};

/// Shortest id prefix accepted, so that a typo does not silently pick something.
const MIN_PREFIX: usize = 4;

/// Picks the one candidate `(id, name)` matching `query`.
pub(crate) fn resolve<'a>(
    what: &'static str,
    query: &str,
    candidates: impl IntoIterator<Item = (&'a str, &'a str)> + Clone,
) -> Result<String> {
    let query = query.trim();
    let not_found = || AppError::NotFound {
        what,
        query: query.to_string(),
    };
    if query.is_empty() {
        return Err(not_found());
    }
    if let Some((id, _)) = candidates.clone().into_iter().find(|(id, _)| *id == query) {
        return Ok(id.to_string());
    }
    let by_prefix: Vec<&str> = if query.len() >= MIN_PREFIX {
        candidates
            .clone()
            .into_iter()
            .filter(|(id, _)| id.starts_with(query))
            .map(|(id, _)| id)
            .collect()
    } else {
        Vec::new()
    };
    let matches = if by_prefix.is_empty() {
        let wanted = query.to_lowercase();
        candidates
            .into_iter()
            .filter(|(_, name)| name.trim().to_lowercase() == wanted)
            .map(|(id, _)| id)
            .collect()
    } else {
        by_prefix
    };
    match matches.as_slice() {
        [] => Err(not_found()),
        [one] => Ok((*one).to_string()),
        many => Err(AppError::Ambiguous {
            what,
            query: query.to_string(),
            matches: many.join(", "),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use comptoir_model::collation::sort_key;

    #[test]
    fn names_sort_ignoring_case_and_accents() {
        let mut names = vec!["Zoé", "Élise", "denis", "Fanny"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, ["denis", "Élise", "Fanny", "Zoé"]);
    }

    const GROUPS: [(&str, &str); 3] = [
        ("a1b2c3d4", "Bistrot de Jupille"),
        ("a1b2ffff", "Pause-café"),
        ("99990000", "Bistrot de Falmignoul"),
    ];

    #[test]
    fn full_id_prefix_and_name_resolve() {
        assert_eq!(
            resolve("group", "99990000", GROUPS).ok().as_deref(),
            Some("99990000")
        );
        assert_eq!(
            resolve("group", "a1b2c", GROUPS).ok().as_deref(),
            Some("a1b2c3d4")
        );
        assert_eq!(
            resolve("group", "pause-CAFÉ", GROUPS).ok().as_deref(),
            Some("a1b2ffff")
        );
    }

    #[test]
    fn ambiguous_short_and_unknown_queries_are_refused() {
        assert!(matches!(
            resolve("group", "a1b2", GROUPS),
            Err(AppError::Ambiguous { .. })
        ));
        assert!(matches!(
            resolve("group", "a1b", GROUPS),
            Err(AppError::NotFound { .. })
        ));
        assert!(matches!(
            resolve("group", "", GROUPS),
            Err(AppError::NotFound { .. })
        ));
        assert!(matches!(
            resolve("group", "Bistrot", GROUPS),
            Err(AppError::NotFound { .. })
        ));
    }
}
