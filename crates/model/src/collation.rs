//! The one order in which names and titles are listed: as a French reader expects them.

use std::cmp::Ordering;

/// A key that sorts names as a French reader expects: case and accents aside, so that
/// "Élise" comes between "CPAS" and "Karim" rather than after "Zoé".
///
/// ```
/// use comptoir_model::collation::sort_key;
///
/// let mut names = ["Zoé", "Élise", "CPAS"];
/// names.sort_by_cached_key(|n| sort_key(n));
/// assert_eq!(names, ["CPAS", "Élise", "Zoé"]);
/// ```
pub fn sort_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => key.push('a'),
            'ç' => key.push('c'),
            'è' | 'é' | 'ê' | 'ë' => key.push('e'),
            'ì' | 'í' | 'î' | 'ï' => key.push('i'),
            'ñ' => key.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => key.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => key.push('u'),
            'ý' | 'ÿ' => key.push('y'),
            'æ' => key.push_str("ae"),
            'œ' => key.push_str("oe"),
            other => key.push(other),
        }
    }
    key
}

/// Compares two names in [`sort_key`] order; names equal in that order compare as written,
/// so that a sorted list does not depend on the order it started in.
pub fn compare(a: &str, b: &str) -> Ordering {
    sort_key(a).cmp(&sort_key(b)).then_with(|| a.cmp(b))
}

/// Sorts a list by each item's name, in [`compare`]'s order.
pub fn sort_by_name<T>(items: &mut [T], name: impl Fn(&T) -> &str) {
    items.sort_by_cached_key(|item| {
        let name = name(item);
        (sort_key(name), name.to_string())
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_accents_and_case_aside() {
        let mut names = ["Zoé", "Élise", "andré", "CPAS", "Œuvre", "Émile", "denis"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(
            names,
            ["andré", "CPAS", "denis", "Élise", "Émile", "Œuvre", "Zoé"]
        );
    }

    #[test]
    fn names_equal_but_for_accents_still_have_one_order() {
        let mut one = ["Elise", "élise", "Élise"];
        let mut other = ["Élise", "Elise", "élise"];
        one.sort_by(|a, b| compare(a, b));
        other.sort_by(|a, b| compare(a, b));
        assert_eq!(one, other);
        assert_eq!(compare("Café", "cafe"), Ordering::Less);
    }

    #[test]
    fn lists_sort_by_name_as_compare_says() {
        let mut members = [(3, "Zoé"), (1, "élise"), (2, "Elise"), (4, "CPAS")];
        sort_by_name(&mut members, |m| m.1);
        assert_eq!(members.map(|m| m.0), [4, 2, 1, 3]);
    }
}
